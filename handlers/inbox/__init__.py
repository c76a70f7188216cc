"""A person's notices in the web chat and the terminal chat («varsler»), for those without Slack or Teams."""
