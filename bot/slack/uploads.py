"""A reply's pictures as Slack files, posted after its text in the same conversation and thread.

slack_sdk's `files_upload_v2` is Slack's external upload flow: files.getUploadURLExternal (with the
picture's alt text, which Slack gives screen readers), the bytes POSTed to the URL it returns, then
files.completeUploadExternal sharing the file into the channel (and thread) with its title. The bot needs
the `files:write` scope (bot/slack/manifest.yaml). A failed upload is logged and the answer stands: its
text already holds the numbers the picture shows.
"""

from __future__ import annotations

import logging

import aiohttp
from slack_sdk.errors import SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from handlers.replies import Image, Reply

log = logging.getLogger(__name__)
MAX_ALT_TEXT = 1000
"""Slack's limit for a file's alt text (longer is refused with `alt_txt_too_large`)."""


async def upload_pictures(client: AsyncWebClient, channel: str, reply: Reply, thread_ts: str | None) -> None:
    for image in (block for block in reply.blocks if isinstance(block, Image)):
        try:
            await client.files_upload_v2(
                channel=channel,
                thread_ts=thread_ts,
                content=image.png,
                filename=image.filename,
                title=image.title,
                alt_txt=fitted(image.alt_text),
            )
        except (TimeoutError, SlackClientError, aiohttp.ClientError) as error:
            log.warning("slack picture upload to %s failed (%s); the text answer stands", channel, error)


def fitted(alt_text: str) -> str:
    """The alt text within Slack's limit, cut after a whole sentence (a domain's figures stay together);
    every figure is in the message text above the picture anyway."""
    if len(alt_text) <= MAX_ALT_TEXT:
        return alt_text
    cut = alt_text.rfind(". ", 0, MAX_ALT_TEXT - 1)
    return (alt_text[: cut + 1] if cut > 0 else alt_text[: MAX_ALT_TEXT - 1]) + "…"
