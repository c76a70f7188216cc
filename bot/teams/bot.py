"""The Teams turn logic: a message or a card submission in, the shared handlers, a card out.

A card's Action.Submit arrives as a message activity whose `value` holds the card data; with a form id
it goes to handlers.forms, otherwise the text (bot @mention removed) goes to handlers.dispatch. Each
activity id is claimed once in the store, and each user's conversation reference is kept so reminders
can reach them proactively.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from functools import partial

from botbuilder.core import ActivityHandler, CardFactory, MessageFactory, TurnContext
from botbuilder.core.teams import TeamsInfo
from botbuilder.schema import (
    Activity,
    AdaptiveCardInvokeResponse,
    AdaptiveCardInvokeValue,
    TextFormatTypes,
)

from bot.channels.identities import IDENTITY_FRESH_FOR, known_identity
from bot.channels.opaque_ids import opaque_id
from bot.teams.cards import (
    BUTTON_KEY,
    CARD_CONTENT_TYPE,
    FORM_CONTEXT_KEY,
    FORM_ID_KEY,
    adaptive_card,
    form_values,
)
from bot.teams.service_urls import ServiceUrlPolicy
from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.form_again import form_with_errors
from handlers.forms import FormSubmission, handle_form
from handlers.identity import link_identity
from handlers.language import from_locale
from handlers.messages import IncomingMessage, Sender
from handlers.replies import Paragraph, Reply
from models.repositories.channels import claim_event_and_identity, put_reference
from models.tables import PersonIdentity

log = logging.getLogger(__name__)
PLATFORM = "teams"


Answer = Callable[[Sender], Reply]
"""A turn's work once the sender is known; runs in a worker thread (handlers and sessions are synchronous)."""


class GovbotTeamsBot(ActivityHandler):
    """A user we know crosses to a worker thread once per turn (claim, identity and answer together); a new
    or stale account twice, around the member lookup on the loop. Every hop costs a thread handoff, GIL
    round trips and, under load, a wait for a free thread in the pool all turns share.
    """

    def __init__(self, ctx: HandlerContext, service_urls: ServiceUrlPolicy) -> None:
        self.ctx = ctx
        self.service_urls = service_urls

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        answer = self._message_answer(activity)
        claimed, reply = await asyncio.to_thread(self._claim_and_answer, activity, answer)
        if not claimed:
            log.info("teams activity %s already handled; ignoring the repeat", activity.id)
            return
        if reply is None:
            reply = await self._answer_after_lookup(turn_context, answer)
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
        activity = turn_context.activity
        answer = (
            partial(self._submit, activity.id, data)
            if isinstance(data, dict) and data.get(FORM_ID_KEY)
            else partial(self._help, activity.conversation.id)
        )
        reply = await asyncio.to_thread(self._answer_known, activity, answer)
        if reply is None:
            reply = await self._answer_after_lookup(turn_context, answer)
        return AdaptiveCardInvokeResponse(status_code=200, type=CARD_CONTENT_TYPE, value=adaptive_card(reply))

    def _message_answer(self, activity: Activity) -> Answer:
        """A card submission goes to its form; anything else is a message for handlers.dispatch."""
        value = activity.value if isinstance(activity.value, dict) else {}
        if value.get(FORM_ID_KEY):
            return partial(self._submit, activity.id, value)
        text = TurnContext.remove_recipient_mention(activity) or ""
        data = (
            {"action": str(value[BUTTON_KEY]), "value": str(value.get("value", ""))}
            if BUTTON_KEY in value
            else {}
        )
        text = (text or str(value.get("value", ""))).strip()
        conversation, message_id = activity.conversation.id, activity.id

        def answer(sender: Sender) -> Reply:
            message = IncomingMessage(
                text, sender, PLATFORM, conversation, message_id=message_id, data=data, pictures=True
            )
            return handle_message(message, self.ctx)

        return answer

    def _claim_and_answer(self, activity: Activity, answer: Answer) -> tuple[bool, Reply | None]:
        """Worker thread: claim the activity (a repeat gets False), then answer a user we know.

        The reply is None when the account is new or stale: the caller looks it up and answers then.
        """
        if not activity.id:
            return True, self._answer_known(activity, answer)
        claimed, known = claim_event_and_identity(self.ctx.store, PLATFORM, activity.id, _account(activity))
        if not claimed:
            return False, None
        sender = self._known_sender(activity, known)
        return True, (answer(sender) if sender is not None else None)

    def _answer_known(self, activity: Activity, answer: Answer) -> Reply | None:
        """Worker thread: the answer for a user seen within a day, else None."""
        sender = self._known_sender(activity, known_identity(self.ctx.store, PLATFORM, _account(activity)))
        return answer(sender) if sender is not None else None

    def _known_sender(self, activity: Activity, known: PersonIdentity | None) -> Sender | None:
        """A user seen within a day is taken from the store: member info and the two writes would otherwise
        cost a connector call and two transactions on every message."""
        if known is None or self.ctx.clock() - known.updated_at >= IDENTITY_FRESH_FOR:
            return None
        name = known.display_name or activity.from_property.name
        return Sender(PLATFORM, _account(activity), name, known.email, activity.locale)

    async def _answer_after_lookup(self, turn_context: TurnContext, answer: Answer) -> Reply:
        """A new or stale account: e-mail from Teams member info, then (in one worker thread) remember the
        account and its conversation reference, then answer. Remembering first keeps the order handlers
        rely on: a reply that notifies someone can already reach this user proactively."""
        activity = turn_context.activity
        if not self.service_urls.allows(activity.service_url):
            # The route refuses these; should one get here, its host must neither name nor reach anyone.
            raise PermissionError("teams activity from a serviceUrl this bot may not talk to")
        user = activity.from_property
        email = None
        if activity.channel_id == "msteams":
            try:
                member = await TeamsInfo.get_member(turn_context, user.id)
                email = member.email or member.user_principal_name
            except Exception:  # member info is a nicety: answer the question without it
                log.warning("teams member lookup failed for %s", user.id, exc_info=True)
        sender = Sender(PLATFORM, _account(activity), user.name, email, activity.locale)
        reference = TurnContext.get_conversation_reference(activity).serialize()
        return await asyncio.to_thread(self._remember_then, sender, reference, answer)

    def _remember_then(self, sender: Sender, reference: dict, answer: Answer) -> Reply:
        with self.ctx.store.session() as session:  # the account and its conversation: one commit
            person_key = link_identity(session, self.ctx.store, sender)
            put_reference(session, PLATFORM, sender.user_id, person_key, reference)
        return answer(sender)

    def _help(self, conversation_id: str, sender: Sender) -> Reply:
        return handle_message(IncomingMessage("hjelp", sender, PLATFORM, conversation_id), self.ctx)

    def _submit(self, activity_id: str | None, value: dict, sender: Sender) -> Reply:
        submission = FormSubmission(
            form_id=str(value[FORM_ID_KEY]),
            values=form_values(value),
            sender=sender,
            language=from_locale(sender.locale) or "nb",
            submission_id=f"teams:{opaque_id(str(activity_id))}",
            context=str(value.get(FORM_CONTEXT_KEY) or ""),
        )
        result = handle_form(submission, self.ctx)
        if result.ok:
            return result.reply or Reply(submission.language, ())
        return form_with_errors(self.ctx, submission, result.errors)


def _account(activity: Activity) -> str:
    """The Entra object id when Teams sends one (stable across tenants' bots), else the channel account id."""
    user = activity.from_property
    return user.aad_object_id or user.id


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
