"""«Referat fra siste møte i Pasientbehandling» / "minutes of the last portfolio board meeting".

The newest approved minutes of the body named (or of the one body the asker serves); the body's
secretariat gets the newest minutes in any state, marked as a draft when not approved, because the
secretariat is who works on the draft.
"""

from __future__ import annotations

from sqlalchemy import select

from handlers.identity import resolve_actor
from handlers.meetings.asker_bodies import named_body, served_bodies
from handlers.minutes.keeping import Kept, is_secretariat
from handlers.minutes.show import minutes_reply
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask
from models.tables import Meeting, Minutes


def answer_minutes_latest(ask: Ask) -> Reply:
    ctx, language = ask.ctx, ask.language
    with ctx.store.read() as session:
        actor = resolve_actor(session, ctx.store.model_id, ask.message.sender)
        body = named_body(session, ctx.store.model_id, ask.slots)
        if body is None:
            served = served_bodies(session, ctx.store.model_id, actor.person_key)
            if len(served) != 1:
                text = t(language, "minutes.latest.ask_body")
                return Reply(language, (Paragraph(text),), intent="minutes.ask_body")
            body = served[0]
        keeper = is_secretariat(session, body.id, actor.person_key)
        query = (
            select(Minutes, Meeting)
            .join(Meeting, Meeting.id == Minutes.meeting_id)
            .where(Minutes.model_id == ctx.store.model_id, Meeting.body_id == body.id)
            .order_by(Meeting.starts_at.desc())
            .limit(1)
        )
        if not keeper:
            query = query.where(Minutes.state == "approved")
        found = session.execute(query).first()
        if found is None:
            key = "minutes.latest.none_drafted" if keeper else "minutes.latest.none"
            return Reply(
                language, (Paragraph(t(language, key, body=body.name)),), intent="minutes.latest.none"
            )
        minutes, meeting = found
        return minutes_reply(session, Kept(minutes, meeting, body), language, intent="minutes.latest")
