"""Time-based triggers (paper deadlines, reminders). The deadline rules arrive with a later issue.

The scheduler only triggers; what to send, and to whom, is decided by handlers and recorded in the store.
"""
