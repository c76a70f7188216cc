"""The priority list in chat: «prioriteringslisten for Pasientbehandling» (intent `priorities.list`) and
the secretariat's fixed command «prioriter INI-2026-0004 som nr. 1» / "prioritise INI-2026-0004 as
no. 1", parsed by grammar (handlers/commands.py) so a reorder never rests on a classifier's guess. Those
who keep the list get a button under it that opens the whole list as a form (reorder_form.py)."""

from __future__ import annotations

import re

from handlers.context import HandlerContext
from handlers.frames.priorities import list_priorities, may_reorder, move_priority
from handlers.frames.priority_lines import ranked_lines
from handlers.frames.reorder_form import FORM_CHANNELS, OPEN_ACTION
from handlers.identity import resolve_actor
from handlers.meetings.access import MeetingError
from handlers.messages import IncomingMessage, Language
from handlers.replies import Actions, Block, BulletList, Button, Heading, Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask

LIST = "priorities.list"
MOVED = "priorities.move"
MOVE = re.compile(
    r"^\s*(?:prioriter|prioritise|prioritize|rank)\s+(?P<ref>ini[-\s]?\d{4}[-\s]?\d{1,4})\s+"
    r"(?:som|as|at|til|to)\s+(?:nr\.?|nummer|no\.?|number|#)?\s*(?P<position>\d{1,4})\s*[.!]?\s*$",
    re.IGNORECASE,
)


def matches(text: str) -> bool:
    return MOVE.match(text) is not None


def _reference(raw: str) -> str:
    digits = re.findall(r"\d+", raw)
    return f"INI-{digits[0]}-{int(digits[1]):04d}"


def answer_priority_command(message: IncomingMessage, ctx: HandlerContext, language: Language) -> Reply:
    found = MOVE.match(message.text)
    assert found is not None
    reference, position = _reference(found["ref"]), int(found["position"])
    try:
        with ctx.store.session() as session:
            actor = resolve_actor(session, ctx.store.model_id, message.sender)
            domain, _, now_at = move_priority(session, ctx.model, ctx.store.model_id, actor, reference, position,
                                              ctx.clock())  # fmt: skip
            name = domain.name if language == "nb" else domain.name_en
    except MeetingError as refusal:
        return Reply(language, (Paragraph(t(language, refusal.key, **refusal.params)),), intent=MOVED)
    text = t(language, "priorities.moved", reference=reference, position=now_at, domain=name)
    return Reply(language, (Paragraph(text),), intent=MOVED)


def answer_priority_list(ask: Ask) -> Reply:
    language, ctx = ask.language, ask.ctx
    if ctx.model.frames is None:
        return Reply(language, (Paragraph(t(language, "frames.no_policy")),), intent=LIST)
    if ask.slots.domain is None:
        return Reply(language, (Paragraph(t(language, "priorities.which")),), intent=LIST)
    with ctx.store.read() as session:
        domain, ranked = list_priorities(session, ctx.model, ctx.store.model_id, ask.slots.domain.item.key)
        name, key = (domain.name if language == "nb" else domain.name_en), domain.key
        keeper = ask.message.channel in FORM_CHANNELS and may_reorder(
            session, ctx.model, domain, resolve_actor(session, ctx.store.model_id, ask.message.sender)
        )
    button = Actions((Button(t(language, "priorities.form.button"), OPEN_ACTION, key),))
    if not ranked:
        none = Paragraph(t(language, "priorities.none", domain=name))
        return Reply(language, (none, button) if keeper else (none,), intent=LIST)
    blocks: tuple[Block, ...] = (
        Heading(t(language, "priorities.heading", domain=name)),
        BulletList(ranked_lines(ctx.model, language, ranked)),
        Paragraph(t(language, "priorities.hint")),
    )
    return Reply(language, (*blocks, button) if keeper else blocks, intent=LIST)
