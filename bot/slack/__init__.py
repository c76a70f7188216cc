"""The Slack channel. Every slack_bolt and slack_sdk import lives in this folder."""
