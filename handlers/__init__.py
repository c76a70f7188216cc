"""Platform-neutral conversation logic: incoming messages in, replies out.

Nothing here imports Slack, Teams or aiohttp; adapters in `bot/` translate to and from these types.
"""
