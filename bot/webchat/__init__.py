"""The web chat: a page at / that signs people in with OpenID Connect (or demo persons in demo mode)."""
