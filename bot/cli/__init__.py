"""The `govbot` command line, one small module per command group.

`main` only parses arguments; each command imports the store, the handlers or the web server when it
runs, so `govbot ask` starts fast and never loads aiohttp or platform SDKs.
"""
