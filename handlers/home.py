"""A person's home view: their initiatives, their deadlines, the next meetings of their bodies, and help.

Neutral, so every channel shows the same: Slack as its App Home tab, and Teams, the web chat and the
terminal when someone writes «oversikt» (or "overview"). It reuses the answers to "mine initiativer" and
"mine frister" rather than querying anew, so the home view and the chat never disagree. Unknown people
get the help only: there is nothing of theirs to show.
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from handlers.answers.help import answer_help
from handlers.context import HandlerContext
from handlers.identity import Actor, resolve_actor
from handlers.initiatives.lists import answer_mine as my_initiatives
from handlers.meetings.formatting import when
from handlers.meetings.mine import answer_mine as my_deadlines
from handlers.meetings.queries import member_bodies, next_meeting
from handlers.messages import Language, Sender
from handlers.replies import Block, BulletList, Heading, Paragraph, Reply
from handlers.texts import t
from models.database import db_error

log = logging.getLogger(__name__)


def home_view(
    ctx: HandlerContext, sender: Sender, language: Language, *, explain_unknown: bool = False
) -> Reply:
    """`explain_unknown`: someone who asked for their overview in chat is told why they get only help."""
    help_blocks = answer_help(language, ctx.model).blocks
    try:
        with ctx.store.read() as session:
            actor = resolve_actor(session, ctx.store.model_id, sender)
            if not actor.known:
                why = (Paragraph(t(language, "home.unknown")),) if explain_unknown else ()
                return Reply(language, (*why, *help_blocks), intent="home")
            blocks = _personal(ctx, session, actor, language)
    except OperationalError as exc:  # a home tab without the personal part beats an empty one
        log.error("home view without personal sections: database unavailable (%s)", db_error(exc))
        blocks = [Paragraph(t(language, "error.busy"))]
    return Reply(language, (*blocks, *help_blocks), intent="home")


def _personal(ctx: HandlerContext, session: Session, actor: Actor, language: Language) -> list[Block]:
    assert actor.person_key is not None
    now = ctx.clock()
    initiatives = my_initiatives(ctx, session, actor, language)
    deadlines = my_deadlines(session, language, ctx.store.model_id, actor, now)
    return [
        Heading(t(language, "home.initiatives")),
        *_without_heading(initiatives),
        Heading(t(language, "home.deadlines")),
        *_without_heading(deadlines),
        Heading(t(language, "home.meetings")),
        _next_meetings(ctx, session, actor.person_key, language),
    ]


def _without_heading(reply: Reply) -> tuple[Block, ...]:
    """The chat answers open with their own heading; the home view names its sections itself."""
    blocks = reply.blocks
    return blocks[1:] if blocks and isinstance(blocks[0], Heading) else blocks


def _next_meetings(ctx: HandlerContext, session: Session, person_key: str, language: Language) -> Block:
    now = ctx.clock()
    lines = []
    for body in member_bodies(session, ctx.store.model_id, person_key):
        meeting = next_meeting(session, body.id, now)
        if meeting is not None:
            lines.append(
                t(language, "meetings.next.heading", body=body.name, when=when(language, meeting.starts_at))
            )
    return BulletList(tuple(lines)) if lines else Paragraph(t(language, "home.meetings.none"))
