"""Forms in Slack: shortcuts and buttons open them as modals, view submissions go to handlers.forms.

The modal is whatever Form the handlers return for the request (so the initiative form has one owner,
issue 4's handler); field errors go back inline with `response_action: errors` before anything is stored,
and a successful submission closes the modal and sends the receipt as a DM.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.channels.opaque_ids import opaque_id
from bot.slack.blocks import find_form, message_blocks, plain
from bot.slack.conversation import INITIATIVE_PHRASE, answer, incoming, post
from bot.slack.modals import metadata, modal_view, submitted_values
from bot.slack.people import sender_language, slack_sender
from handlers.context import HandlerContext
from handlers.decisions.form import FORM_ID as DECISION_FORM
from handlers.form_again import REBUILDERS
from handlers.forms import FormSubmission, handle_form
from handlers.frames.reorder_form import FORM_ID as REORDER_FORM
from handlers.replies import Form, Paragraph, Reply
from handlers.texts import t
from models.repositories.channels import claim_event

REBUILDABLE = frozenset({DECISION_FORM, REORDER_FORM})
"""Forms whose message button reopens them from the form's own context, not from a phrase."""
MODAL_SUBMISSIONS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="slack-modals")
"""Modal submissions must be acked within Slack's 3 s, so they get threads of their own instead of
queueing in the default executor behind a burst of web chat forms and chat answers."""


async def open_form(
    ctx: HandlerContext,
    client: AsyncWebClient,
    user_id: str,
    trigger_id: str,
    text: str,
    prefill_text: str = "",
) -> None:
    """Ask the handlers for the form behind `text` and show it; say so in a modal when there is none."""
    sender = await slack_sender(ctx, client, user_id)
    reply = await answer(ctx, incoming(sender, text, user_id))
    form = find_form(reply)
    if form is None:
        await client.views_open(trigger_id=trigger_id, view=_notice(reply))
        return
    await client.views_open(
        trigger_id=trigger_id, view=modal_view(form, reply.language, prefill=_prefill(form, prefill_text))
    )


def _prefill(form: Form, text: str) -> dict[str, str]:
    """A message shortcut carries the message: it fills the description (or the first long text field)."""
    if not text:
        return {}
    names = [f.name for f in form.fields if f.name == "description"] or [
        f.name for f in form.fields if f.kind == "textarea"
    ]
    return {names[0]: text} if names else {}


def _notice(reply: Reply) -> dict[str, Any]:
    language = reply.language
    if not any(isinstance(b, Paragraph) for b in reply.blocks):
        reply = Reply(language, (Paragraph(t(language, "channel.form_unavailable")),))
    return {
        "type": "modal",
        "title": plain("govbot"),
        "close": plain(t(language, "channel.cancel")),
        "blocks": message_blocks(reply),
    }


async def on_global_shortcut(ctx: HandlerContext, body: dict[str, Any], client: AsyncWebClient) -> None:
    await open_form(ctx, client, body["user"]["id"], body["trigger_id"], INITIATIVE_PHRASE)


async def on_message_shortcut(ctx: HandlerContext, body: dict[str, Any], client: AsyncWebClient) -> None:
    text = (body.get("message") or {}).get("text", "")
    await open_form(ctx, client, body["user"]["id"], body["trigger_id"], INITIATIVE_PHRASE, prefill_text=text)


async def on_open_form_button(ctx: HandlerContext, body: dict[str, Any], client: AsyncWebClient) -> None:
    """The button a Form in a message becomes: a form that can be rebuilt from its id and context (the
    decision form for meeting 3) opens as it was offered; the others come from their phrase."""
    try:
        value = json.loads(body["actions"][0].get("value") or "{}")
    except ValueError:
        value = {}
    form_id = str(value.get("form_id") or "")
    if not value.get("text") and form_id in REBUILDABLE:
        sender = await slack_sender(ctx, client, body["user"]["id"])
        language = sender_language(sender)
        form = await asyncio.to_thread(REBUILDERS[form_id], ctx, language, str(value.get("context") or ""))
        if form is not None:
            await client.views_open(trigger_id=body["trigger_id"], view=modal_view(form, language))
            return
    await open_form(
        ctx, client, body["user"]["id"], body["trigger_id"], value.get("text") or INITIATIVE_PHRASE
    )


async def on_submission(
    ctx: HandlerContext, ack: Any, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
) -> None:
    """Validate and act before the ack (errors must travel in it); the receipt DM follows the ack."""
    user_id = body["user"]["id"]
    sender = await slack_sender(ctx, client, user_id)
    language = sender_language(sender)
    form_id, form_context = metadata(view)
    submission = FormSubmission(
        form_id=form_id,
        values=submitted_values(view),
        sender=sender,
        language=language,
        submission_id=f"slack:{opaque_id(str(view.get('id', '')), str(view.get('hash', '')))}",
        context=form_context,
    )
    loop = asyncio.get_running_loop()
    result = await loop.run_in_executor(MODAL_SUBMISSIONS, partial(handle_form, submission, ctx, defer=True))
    if result.errors:
        await ack(response_action="errors", errors=_inline(result.errors, view))
        return
    await ack()
    # A replayed or double-clicked submission stores nothing new; it must not DM a second receipt either.
    if result.reply is not None and await asyncio.to_thread(
        claim_event, ctx.store, "slack", submission.submission_id
    ):
        await post(client, user_id, result.reply)
    await asyncio.to_thread(result.run_after_reply)  # any after-reply work (notices are in the outbox)


def _inline(errors: dict[str, str], view: dict[str, Any]) -> dict[str, str]:
    """Slack shows errors only on input blocks; form-wide errors go on the first field."""
    block_ids = [b.get("block_id") for b in view.get("blocks", []) if b.get("type") == "input"]
    inline = {name: message for name, message in errors.items() if name in block_ids}
    stray = [message for name, message in errors.items() if name not in block_ids]
    if stray and block_ids:
        first = block_ids[0]
        inline[first] = " ".join([*stray, inline.get(first, "")]).strip()
    return inline
