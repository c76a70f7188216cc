"""Time-based triggers: paper deadlines, reminders and the sweep that sends them.

The scheduler only triggers; what to send, and to whom, is decided by handlers and recorded in the store.
"""
