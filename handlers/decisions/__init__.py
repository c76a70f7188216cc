"""Decisions (*vedtak*) on the cases of a body's meetings: recorded, corrected by superseding, listed."""
