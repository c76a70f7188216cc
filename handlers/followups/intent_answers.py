"""`followups.mine`: the asker's open follow-ups, soonest due first, overdue ones marked.

Each line names the decision's case number and the due date in words, and the reply ends with how to
answer one («oppfølging 3 er gjort», «ny frist for oppfølging 3: …»), the commands of chat.py.
"""

from __future__ import annotations

from handlers.followups.manage import list_follow_ups
from handlers.identity import resolve_actor
from handlers.meetings.deadlines import local_date
from handlers.minutes.content import date_words
from handlers.replies import BulletList, Heading, Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask

INTENT = "followups.mine"


def answer_my_follow_ups(ask: Ask) -> Reply:
    ctx, language = ask.ctx, ask.language
    today = local_date(ctx.clock())
    with ctx.store.read() as session:
        actor = resolve_actor(session, ctx.store.model_id, ask.message.sender)
        if actor.person_key is None:
            return Reply(language, (Paragraph(t(language, "followups.mine_unknown")),), intent=INTENT)
        listed = list_follow_ups(session, ctx.store.model_id, owner_key=actor.person_key, open_only=True)
        lines = tuple(
            t(
                language,
                "followups.mine_line_overdue" if x.follow_up.due < today else "followups.mine_line",
                id=x.follow_up.id,
                number=x.number,
                text=x.follow_up.text,
                due=date_words(language, x.follow_up.due),
            )
            for x in listed
        )
    if not lines:
        return Reply(language, (Paragraph(t(language, "followups.mine_none")),), intent=INTENT)
    blocks = (
        Heading(t(language, "followups.mine_heading")),
        BulletList(lines),
        Paragraph(t(language, "followups.mine_hint")),
    )
    return Reply(language, blocks, intent=INTENT)
