"""What every chat channel shares: retry dedupe, platform identities and conversation references."""
