"""The local web chat: a page at / where anyone can talk to the bot as one of the model's people."""
