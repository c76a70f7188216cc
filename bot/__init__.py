"""Platform adapters, the server, the CLI and the composition root: the only layer that knows Slack,
Teams, aiohttp and the terminal."""
