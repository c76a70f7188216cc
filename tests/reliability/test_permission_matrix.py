"""Reliability 8: every role × every state-changing action is allowed exactly where EXPECTED says.

The roles are the hso-2026 model's, each held by a real person of the preset on a real body: the domain
board of pasientbehandling for the board roles, the portfolio board for chair and portfolio manager,
the working committee for member, and nobody at all for the unknown person. Every action goes through
the function its channel calls (the initiatives lifecycle; the meeting, agenda and reminder functions
the CLI runs in one transaction) and every cell compares what changed in the store before and after:
a refusal leaves the audit table and the entity exactly as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.decisions.record import record_decision
from handlers.forms import FormSubmission, handle_form
from handlers.identity import Actor, resolve_actor
from handlers.initiatives.amounts import MnokRange
from handlers.initiatives.intake import process_intake
from handlers.initiatives.lifecycle import MoveRequest, move_initiative
from handlers.initiatives.permissions import ROLE_ACTIONS, allowed
from handlers.initiatives.states import ALL_STATES
from handlers.meetings.access import MeetingError, resolve_body
from handlers.meetings.agenda import add_item, mark_delivered
from handlers.meetings.agenda_changes import move_item, reorder_item, withdraw_item
from handlers.meetings.planning import add_meeting, cancel_meeting, move_meeting
from handlers.meetings.sends import chase_missing_papers, send_notice
from handlers.messages import IncomingMessage, Sender
from handlers.secretariat.buttons import ASSESS
from handlers.secretariat.forms import REJECT_FORM
from handlers.secretariat.responder import answer_secretariat_button
from models.tables import AgendaItem, AuditEntry, Decision, Initiative, Meeting
from tests.bot.initiative_input import GOOD
from tests.reliability.conftest import count

OSLO = ZoneInfo("Europe/Oslo")
DOMAIN, DOMAIN_BOARD = "pasientbehandling", "omradestyre-pasientbehandling"

# role → (a person of hso-2026 who holds only that role on the body, the body)
HOLDERS: dict[str, tuple[str | None, str]] = {
    "owner": ("hanne-kristoffersen", DOMAIN_BOARD),
    "deputy_owner": ("vegard-mathisen", DOMAIN_BOARD),
    "domain_leader": ("ida-lie", DOMAIN_BOARD),
    "secretariat": ("hilde-karlsen", DOMAIN_BOARD),
    "trust_representative": ("torbjorn-amundsen", DOMAIN_BOARD),
    "union_representative": ("marit-pedersen", DOMAIN_BOARD),
    "chair": ("kari-nordmann", "portefoljestyret"),
    "portfolio_manager": ("ola-hansen", "portefoljestyret"),
    "member": ("lars-olsen", "arbeidsutvalget"),
    "unknown person": (None, DOMAIN_BOARD),
}
SECRETARIAT_OF = {DOMAIN_BOARD: "hilde-karlsen", "portefoljestyret": "ingrid-johansen"}
SECRETARIAT_OF["arbeidsutvalget"] = "ingrid-johansen"

MOVES = tuple(f"initiative.move:{state}" for state in ALL_STATES)
MEETINGS = ("meeting.add", "meeting.move", "meeting.cancel")
AGENDA = ("agenda.add", "agenda.delivered", "agenda.reorder", "agenda.move", "agenda.withdraw")
REMINDERS = ("reminders.chase_papers", "reminders.notice")
DECISIONS = ("decisions.record",)
ACTIONS = MOVES + MEETINGS + AGENDA + REMINDERS + DECISIONS

# The checked-in expectation. Initiatives are moved by the secretariat, owner and deputy owner of the
# initiative's domain board, except into BP1–BP3, which the portfolio board decides (seed 002 §4) and
# its chair or portfolio manager records, naming the meeting (the board's meeting today, here); a body's
# meetings, agenda, on-demand reminders and decisions are managed by its secretariat, chair and owner. Everybody
# else, and everything else, is refused.
MANAGE = frozenset(MEETINGS + AGENDA + REMINDERS + DECISIONS)
PORTFOLIO_POINTS = frozenset(f"initiative.move:{point}" for point in ("BP1", "BP2", "BP3"))
DOMAIN_MOVES = frozenset(MOVES) - PORTFOLIO_POINTS
EXPECTED: dict[str, frozenset[str]] = {
    "owner": DOMAIN_MOVES | MANAGE,
    "deputy_owner": DOMAIN_MOVES,
    "domain_leader": frozenset(),
    "secretariat": DOMAIN_MOVES | MANAGE,
    "trust_representative": frozenset(),
    "union_representative": frozenset(),
    "chair": MANAGE | PORTFOLIO_POINTS,
    "portfolio_manager": PORTFOLIO_POINTS,
    "member": frozenset(),
    "unknown person": frozenset(),
}


def _sender(person: str | None) -> Sender:
    return Sender("cli", person or "nobody-at-all")


def _actor(session: Session, ctx: HandlerContext, person: str | None) -> Actor:
    return resolve_actor(session, ctx.store.model_id, _sender(person))


def _starts(ctx: HandlerContext, days: int) -> datetime:
    return datetime.combine(ctx.clock().astimezone(OSLO).date() + timedelta(days=days), time(10), OSLO)


def _in_transaction(ctx: HandlerContext, person: str | None, work: Callable[[Session, Actor], Any]) -> bool:
    """One unit of work as the CLI runs it: a refusal (MeetingError) rolls everything back."""
    try:
        with ctx.store.session() as session:
            work(session, _actor(session, ctx, person))
        return True
    except MeetingError:
        return False


class Fixture:
    """Targets created by the body's secretariat, so each action starts from the same. A refused action
    changes nothing (asserted), so its target is reused; one that took effect gets a fresh one."""

    def __init__(self, ctx: HandlerContext) -> None:
        self.ctx, self.serial = ctx, 0
        self.unused: dict[tuple[str, str], Any] = {}

    def reuse(self, kind: str, key: str) -> Any:
        if (kind, key) not in self.unused:
            self.unused[kind, key] = getattr(self, kind)(key)
        return self.unused[kind, key]

    def spent(self, kind: str, key: str) -> None:
        self.unused.pop((kind, key), None)

    def meeting(self, body_key: str) -> int:
        ids: list[int] = []

        def work(session: Session, actor: Actor) -> None:
            body = resolve_body(session, self.ctx.store.model_id, body_key)
            self.serial += 1
            at = _starts(self.ctx, 40 + self.serial)
            ids.append(
                add_meeting(session, self.ctx.model, self.ctx.store.model_id, actor, body, at, None, at).id
            )

        assert _in_transaction(self.ctx, SECRETARIAT_OF[body_key], work)
        return ids[0]

    def portfolio_meeting_today(self) -> None:
        """The meeting a decision point recorded without naming one is taken to be decided in."""

        def work(session: Session, actor: Actor) -> None:
            body = resolve_body(session, self.ctx.store.model_id, "portefoljestyret")
            now = self.ctx.clock()
            add_meeting(session, self.ctx.model, self.ctx.store.model_id, actor, body, now, None, now)

        assert _in_transaction(self.ctx, SECRETARIAT_OF["portefoljestyret"], work)

    def item(self, body_key: str) -> int:
        meeting, ids = self.meeting(body_key), []

        def work(session: Session, actor: Actor) -> None:
            item = add_item(
                session, self.ctx.model, self.ctx.store.model_id, actor, meeting,
                title="Sak", owner_key=SECRETARIAT_OF[body_key], kind="decision", initiative_ref=None, operating_cost=MnokRange(0.5, 0.5),
                now=self.ctx.clock(),
            )  # fmt: skip
            ids.append(item.id)

        assert _in_transaction(self.ctx, SECRETARIAT_OF[body_key], work)
        return ids[0]

    def held_item(self, body_key: str) -> int:
        """A case on a meeting already held, which a decision can be recorded on."""
        ids: list[int] = []

        def work(session: Session, actor: Actor) -> None:
            body = resolve_body(session, self.ctx.store.model_id, body_key)
            self.serial += 1
            at, now = _starts(self.ctx, -7 - self.serial), self.ctx.clock()
            meeting = add_meeting(
                session, self.ctx.model, self.ctx.store.model_id, actor, body, at, None, now
            )
            item = add_item(
                session, self.ctx.model, self.ctx.store.model_id, actor, meeting.id,
                title="Sak", owner_key=SECRETARIAT_OF[body_key], kind="orientation", initiative_ref=None, now=now,
            )  # fmt: skip
            ids.append(item.id)

        assert _in_transaction(self.ctx, SECRETARIAT_OF[body_key], work)
        return ids[0]

    def initiative(self, state: str) -> str:
        self.serial += 1
        result = process_intake(
            self.ctx, {**GOOD, "title": f"Sak {self.serial}"}, sender=_sender("hilde-karlsen"),
            language="nb", submission_id=f"perm-{self.serial}", domain_key=DOMAIN,
        )  # fmt: skip
        assert result.ok and result.reply is not None
        with self.ctx.store.session() as session:  # test setup: put it where `state` can be reached from
            start = "parkert" if state == "innmeldt" else "innmeldt"
            query = update(Initiative).where(Initiative.title == f"Sak {self.serial}").values(state=start)
            session.execute(query)
            return session.scalars(
                select(Initiative.reference).where(Initiative.title == f"Sak {self.serial}")
            ).one()


def _snapshot(ctx: HandlerContext) -> tuple[Any, ...]:
    with ctx.store.read() as session:
        meetings = sorted((m.id, m.status, m.starts_at.isoformat()) for m in session.scalars(select(Meeting)))
        items = sorted(
            (i.id, str(i.papers_delivered_at), i.meeting_id, i.position, i.status)
            for i in session.scalars(select(AgendaItem))
        )
        states = sorted((i.reference, i.state) for i in session.scalars(select(Initiative)))
    return count(ctx, AuditEntry), meetings, items, states, count(ctx, Decision)


def _act(fx: Fixture, role: str, action: str) -> bool:
    """Perform `action` as the role's holder on the role's body; True when it took effect."""
    ctx = fx.ctx
    person, body_key = HOLDERS[role]
    model, model_id = ctx.model, ctx.store.model_id
    if action.startswith("initiative.move:"):
        state = action.split(":", 1)[1]
        reference = fx.reuse("initiative", state)
        request = MoveRequest(reference, state, "fordi")
        before = _snapshot(ctx)
        done = move_initiative(ctx, request, sender=_sender(person), language="nb").ok
        if done:
            fx.spent("initiative", state)
        assert done or _snapshot(ctx) == before, f"{role} refused {action} but something changed"
        return done
    later, target = _starts(ctx, 90), ()
    if action == "meeting.add":
        work: Callable[[Session, Actor], Any] = lambda s, a: add_meeting(  # noqa: E731
            s, model, model_id, a, resolve_body(s, model_id, body_key), later, None, ctx.clock()
        )
    elif action in ("meeting.move", "meeting.cancel", "agenda.add", "reminders.chase_papers"):
        meeting, target = fx.reuse("meeting", body_key), ("meeting", body_key)
        work = {
            "meeting.move": lambda s, a: move_meeting(s, model, model_id, a, meeting, later, ctx.clock()),
            "meeting.cancel": lambda s, a: cancel_meeting(s, model, model_id, a, meeting, "flyttet", ctx.clock()),
            "agenda.add": lambda s, a: add_item(
                s, model, model_id, a, meeting, title="Ny sak", owner_key=SECRETARIAT_OF[body_key],
                kind="orientation", initiative_ref=None, now=ctx.clock(),
            ),
            "reminders.chase_papers": lambda s, a: chase_missing_papers(s, model, model_id, a, meeting, ctx.clock()),
        }[action]  # fmt: skip
    elif action == "agenda.delivered":
        item, target = fx.reuse("item", body_key), ("item", body_key)
        work = lambda s, a: mark_delivered(s, model, model_id, a, item, ctx.clock())  # noqa: E731
    elif action in ("agenda.reorder", "agenda.move", "agenda.withdraw"):
        item, target = fx.reuse("item", body_key), ("item", body_key)
        other = fx.reuse("meeting", body_key)
        work = {
            "agenda.reorder": lambda s, a: reorder_item(s, model, model_id, a, item, 1, ctx.clock()),
            "agenda.move": lambda s, a: move_item(s, model, model_id, a, item, other, ctx.clock()),
            "agenda.withdraw": lambda s, a: withdraw_item(s, model, model_id, a, item, "utsatt", ctx.clock()),
        }[action]
    elif action == "decisions.record":
        held, target = fx.reuse("held_item", body_key), ("held_item", body_key)
        work = lambda s, a: record_decision(  # noqa: E731
            s,
            model,
            model_id,
            a,
            item_id=held,
            outcome="noted",
            text="Tatt til orientering.",
            now=ctx.clock(),
        )
    else:
        work = lambda s, a: send_notice(  # noqa: E731
            s, model, model_id, a, resolve_body(s, model_id, body_key), "Husk møtet", ctx.clock()
        )
    before = _snapshot(ctx)
    done = _in_transaction(ctx, person, work)
    if done and target:
        fx.spent(*target)
    if not done:
        assert _snapshot(ctx) == before, f"{role} refused {action} but something changed"
    else:
        assert _snapshot(ctx)[0] > before[0], f"{action} by {role} wrote no audit row"
    return done


def test_every_role_times_every_state_changing_action_matches_the_expected_table(
    context: HandlerContext,
) -> None:
    fx = Fixture(context)
    fx.portfolio_meeting_today()
    for role in HOLDERS:
        actual = frozenset(action for action in ACTIONS if _act(fx, role, action))
        assert actual == EXPECTED[role], (
            f"{role}: allowed but not expected {sorted(actual - EXPECTED[role])}, "
            f"expected but refused {sorted(EXPECTED[role] - actual)}"
        )
    cells = len(HOLDERS) * len(ACTIONS)
    assert cells == 10 * (len(ALL_STATES) + 11)


@pytest.mark.parametrize("role", [*sorted(ROLE_ACTIONS), "unknown person"])
def test_an_unmapped_action_is_denied_for_every_role(role: str) -> None:
    assert not allowed({role}, "initiative.delete")
    assert not allowed({role}, "initiative.move.anything")


def test_ids_forged_in_buttons_form_context_and_meeting_ids_are_refused_with_nothing_changed(
    context: HandlerContext,
) -> None:
    """Hilde is the secretariat of pasientbehandling; every forged id names something of prehospital."""
    fx = Fixture(context)
    with context.store.read() as session:
        hilde = _actor(session, context, "hilde-karlsen")
    assert hilde.known
    result = process_intake(
        context, {**GOOD, "title": "Ambulanse"}, sender=_sender("silje-kristiansen"), language="nb",
        submission_id="forged-1", domain_key="prehospital",
    )  # fmt: skip
    assert result.ok
    with context.store.read() as session:
        other = session.scalars(select(Initiative.reference).where(Initiative.title == "Ambulanse")).one()
    hilde_email = _hilde_email(context)
    SECRETARIAT_OF["omradestyre-prehospital"] = "silje-kristiansen"
    foreign_meeting = fx.meeting("omradestyre-prehospital")
    foreign_item = fx.item("omradestyre-prehospital")
    before = _snapshot(context)

    hilde_slack = Sender("slack", "U0000HILDE", "Hilde", hilde_email)
    button = IncomingMessage("", hilde_slack, "slack", data={"action": ASSESS, "value": other})
    refused = answer_secretariat_button(button, context, "nb")
    assert refused is not None and refused.intent == "initiative.move.refused"
    unmapped = IncomingMessage(
        "", button.sender, "slack", data={"action": "initiative.delete", "value": other}
    )
    assert answer_secretariat_button(unmapped, context, "nb") is None  # not a secretariat action at all
    forged_form = FormSubmission(
        REJECT_FORM, {"reason": "nei"}, button.sender, "nb", "forged-form-1", context=other
    )
    reply = handle_form(forged_form, context).reply
    assert reply is not None and reply.intent == "initiative.move.refused"
    model, model_id, now = context.model, context.store.model_id, context.clock()
    later = _starts(context, 120)
    for work in (
        lambda s, a: move_meeting(s, model, model_id, a, foreign_meeting, later, now),
        lambda s, a: cancel_meeting(s, model, model_id, a, foreign_meeting, "x", now),
        lambda s, a: add_item(
            s, model, model_id, a, foreign_meeting, title="x", owner_key="hilde-karlsen", kind="decision",
            initiative_ref=None, now=now, operating_cost=MnokRange(0.5, 0.5),
        ),
        lambda s, a: mark_delivered(s, model, model_id, a, foreign_item, now),
        lambda s, a: chase_missing_papers(s, model, model_id, a, foreign_meeting, now),
    ):  # fmt: skip
        assert not _in_transaction(context, "hilde-karlsen", work)
    assert _snapshot(context) == before


def _hilde_email(ctx: HandlerContext) -> str:
    [person] = [p for p in ctx.model.people if p.key == "hilde-karlsen"]
    assert person.email
    return person.email
