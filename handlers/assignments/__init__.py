"""Numbered assignments (*oppdrag*) with a traffic-light status, and the yearly assessments around them."""
