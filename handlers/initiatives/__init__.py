"""Initiatives: intake, routing to a domain, lifecycle and questions about them (issue 4)."""
