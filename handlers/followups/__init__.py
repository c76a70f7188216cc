"""Follow-ups (oppfølgingspunkter) from decisions: who does what by when, reminded and answered in chat."""
