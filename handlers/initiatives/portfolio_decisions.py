"""Which initiatives wait for a decision of the body above the domain boards, and which points it decides.

"What must go to the portfolio board?" has two answers in Helse Sør-Øst, and the delegation limit is
not one of them (above 50 MNOK the finance strategy applies, seed 000 §2.4): the portfolio board decides
BP1–BP3 for regional projects (seed 002 §4), and a domain board brings it cases of large significance
beyond its domain (seed 000 §2.3, its own judgement). This module answers the first from the model:
the decision points whose `decided_by` is the escalation body, and the open initiatives whose next
decision point is one of them once their domain board has prioritised them. A region whose model gives
that body no decision point (Helse Nord) gets nothing here.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from handlers.answers.ownership import body_label
from handlers.answers.provenance import cite
from handlers.context import HandlerContext
from handlers.initiatives.states import next_point, state_label
from handlers.messages import Language
from handlers.replies import Block, BulletList, Heading, Paragraph
from handlers.texts import t
from models.repositories import initiatives as repo

READY = ("prioritert",)
"""Before this the domain board has not yet prioritised the initiative, so it is not on its way up."""


def portfolio_board_blocks(ctx: HandlerContext, session: Session, language: Language) -> list[Block]:
    model = ctx.model
    board = model.rules.escalation_body
    points = [p for p in model.rules.decision_points if p.decided_by == board]
    if not points:
        return []
    name = body_label(model, board, language)
    keys = tuple(p.key for p in points)
    waiting_states = (*READY, *(s for s in keys[:-1]))  # at BP1, BP2 waits; at the last point none is left
    rows = [
        row
        for row in repo.in_states(session, ctx.store.model_id, waiting_states)
        if (point := next_point(model, row.state)) is not None and point.decided_by == board
    ]
    blocks: list[Block] = []
    if rows:
        blocks.append(Heading(t(language, "initiative.portfolio.heading", body=name, count=len(rows))))
        items = []
        for row in rows:
            point = next_point(model, row.state)
            assert point is not None  # filtered above
            items.append(
                t(
                    language,
                    "initiative.portfolio.item",
                    reference=row.reference,
                    title=row.title,
                    point=state_label(model, point.key, language),
                )
            )
        blocks.append(BulletList(tuple(items)))
    source = next((p.source for p in points if p.source), None)
    assumption = next((p.assumption for p in points if p.assumption and not p.source), None)
    blocks.append(
        Paragraph(
            t(
                language,
                "initiative.portfolio.rule",
                body=name,
                points=", ".join(keys),
                source=cite(language, source, assumption),
            )
        )
    )
    return blocks
