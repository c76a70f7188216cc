"""The Teams turn logic: a message or a card submission in, the shared handlers, a card out.

A card's Action.Submit arrives as a message activity whose `value` holds the card data; with a form id
it goes to handlers.forms, otherwise the text (bot @mention removed) goes to handlers.dispatch. Each
activity id is claimed once in the store, and each user's conversation reference is kept so reminders
can reach them proactively.
"""

from __future__ import annotations

import asyncio
import logging

from botbuilder.core import ActivityHandler, CardFactory, MessageFactory, TurnContext
from botbuilder.core.teams import TeamsInfo
from botbuilder.schema import AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TextFormatTypes

from bot.channels.identities import (
    IDENTITY_FRESH_FOR,
    known_identity,
    remember_identity,
    save_reference,
)
from bot.teams.cards import (
    BUTTON_KEY,
    CARD_CONTENT_TYPE,
    FORM_CONTEXT_KEY,
    FORM_ID_KEY,
    adaptive_card,
    form_values,
)
from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.form_again import form_with_errors
from handlers.forms import FormSubmission, handle_form
from handlers.language import from_locale
from handlers.messages import IncomingMessage, Sender
from handlers.replies import Paragraph, Reply
from models.repositories.channels import claim_event

log = logging.getLogger(__name__)
PLATFORM = "teams"


class GovbotTeamsBot(ActivityHandler):
    def __init__(self, ctx: HandlerContext) -> None:
        self.ctx = ctx

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        if activity.id and not await asyncio.to_thread(claim_event, self.ctx.store, PLATFORM, activity.id):
            log.info("teams activity %s already handled; ignoring the repeat", activity.id)
            return
        sender = await self._sender(turn_context)
        value = activity.value if isinstance(activity.value, dict) else {}
        if value.get(FORM_ID_KEY):
            reply = await self._submit(turn_context, sender, value)
        else:
            text = TurnContext.remove_recipient_mention(activity) or ""
            data = (
                {"action": str(value[BUTTON_KEY]), "value": str(value.get("value", ""))}
                if BUTTON_KEY in value
                else {}
            )
            message = IncomingMessage(
                text=(text or str(value.get("value", ""))).strip(),
                sender=sender,
                channel=PLATFORM,
                conversation_id=activity.conversation.id,
                message_id=activity.id,
                data=data,
            )
            reply = await asyncio.to_thread(handle_message, message, self.ctx)
        await turn_context.send_activity(reply_activity(reply))

    async def on_adaptive_card_invoke(
        self, turn_context: TurnContext, invoke_value: AdaptiveCardInvokeValue
    ) -> AdaptiveCardInvokeResponse:
        """Our cards use Action.Submit, but an Action.Execute (e.g. from a forwarded card) is answered too.

        The answer has a body, which the stock CloudAdapter.process would turn into HTTP 500; the route in
        bot.teams.routes returns it as is.
        """
        action = invoke_value.action if invoke_value else None
        data = (action.get("data") if isinstance(action, dict) else getattr(action, "data", None)) or {}
        sender = await self._sender(turn_context)
        if isinstance(data, dict) and data.get(FORM_ID_KEY):
            reply = await self._submit(turn_context, sender, data)
        else:
            message = IncomingMessage("hjelp", sender, PLATFORM, turn_context.activity.conversation.id)
            reply = await asyncio.to_thread(handle_message, message, self.ctx)
        return AdaptiveCardInvokeResponse(status_code=200, type=CARD_CONTENT_TYPE, value=adaptive_card(reply))

    async def _submit(self, turn_context: TurnContext, sender: Sender, value: dict) -> Reply:
        language = from_locale(sender.locale) or "nb"
        submission = FormSubmission(
            form_id=str(value[FORM_ID_KEY]),
            values=form_values(value),
            sender=sender,
            language=language,
            submission_id=f"teams:{turn_context.activity.id}",
            context=str(value.get(FORM_CONTEXT_KEY) or ""),
        )
        result = await asyncio.to_thread(handle_form, submission, self.ctx)
        if result.ok:
            return result.reply or Reply(language, ())
        return form_with_errors(self.ctx, submission, result.errors)

    async def _sender(self, turn_context: TurnContext) -> Sender:
        """The user, with e-mail from Teams member info, remembered with a conversation reference.

        A user seen within a day is taken from the store: member info and the two writes would otherwise
        cost a connector call and two transactions on every message.
        """
        activity = turn_context.activity
        user = activity.from_property
        user_id = user.aad_object_id or user.id
        known = await asyncio.to_thread(known_identity, self.ctx.store, PLATFORM, user_id)
        if known is not None and self.ctx.clock() - known.updated_at < IDENTITY_FRESH_FOR:
            return Sender(PLATFORM, user_id, known.display_name or user.name, known.email, activity.locale)
        email = None
        if activity.channel_id == "msteams":
            try:
                member = await TeamsInfo.get_member(turn_context, user.id)
                email = member.email or member.user_principal_name
            except Exception:  # member info is a nicety: answer the question without it
                log.warning("teams member lookup failed for %s", user.id, exc_info=True)
        sender = Sender(PLATFORM, user_id, user.name, email, activity.locale)
        person_key = await asyncio.to_thread(remember_identity, self.ctx.store, sender)
        reference = TurnContext.get_conversation_reference(activity).serialize()
        await asyncio.to_thread(save_reference, self.ctx.store, PLATFORM, user_id, person_key, reference)
        return sender


def reply_activity(reply: Reply):
    """Plain text for notifications and screen readers, plus the card when there is more than text.

    `textFormat: plain`: Teams parses message text as Markdown by default, and it may repeat user text.
    """
    if all(isinstance(block, Paragraph) for block in reply.blocks):
        activity = MessageFactory.text(reply.text)
    else:
        card = CardFactory.adaptive_card(adaptive_card(reply))
        activity = MessageFactory.attachment(card, text=reply.text)
    activity.text_format = TextFormatTypes.plain
    return activity
