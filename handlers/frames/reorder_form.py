"""The priority list reordered from a form (a Slack modal, a Teams card, the web chat), issue 16 §2.

The secretariat writes «endre prioriteringsrekkefølgen for Pasientbehandling» / "reorder the priority
list for Patient treatment", or presses the button under the list, and gets one number field per
initiative: those on the list prefilled with their place (required), then the domain's open initiatives
not on it (optional: a number puts one on the list), and the decision the new order follows. The form
only collects and checks that the numbers are 1 to N, each once; `set_priority_order` decides the rest
(permission, the list unchanged since the form was opened, audit rows) in one transaction with the
submission id claimed, so a refusal stores nothing and a double click reorders once.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.forms import FORM_WIDE, FormResult, FormSubmission
from handlers.frames.keeping import policy, resolve_domain
from handlers.frames.priorities import list_priorities, may_reorder
from handlers.frames.priority_lines import ranked_lines
from handlers.frames.reordering import MAX_DECISION_REF, locked_domain, set_priority_order
from handlers.identity import Actor, resolve_actor
from handlers.initiatives.states import FINAL
from handlers.meetings.access import MeetingError
from handlers.messages import IncomingMessage, Language
from handlers.replies import Block, BulletList, Form, FormField, Heading, Paragraph, Reply
from handlers.texts import t
from models.tables import Body, Domain, Initiative, Membership, PersonRow, ProcessedEvent

FORM_ID = "priorities"
FORM_CHANNELS = frozenset({"slack", "teams", "web"})
OPEN_ACTION = "priorities.form"
"""A button carrying a domain key; it opens the form for that domain (offered under the list)."""
DECISION_FIELD = "decision"
RANK_PREFIX = "rank_"
MAX_FIELDS = 40
"""Initiatives shown at most: the list itself always, then open ones not on it; Slack allows 100 blocks."""
_LIST_WORDS = (
    r"(?:prioriteringsrekkefølgen|prioriteringslisten|prioriteringslista|prioriteringene|prioritetene)"
)
TRIGGER = re.compile(
    r"^\s*(?:(?P<nb>(?:endre|omprioriter|ordne|sorter)\s+(?:om\s+)?(?:på\s+)?(?:rekkefølgen\s+(?:på|i)\s+)?"
    + _LIST_WORDS
    + r"|omprioriter)"
    r"|(?P<en>(?:reorder|re-order|rearrange|change|reprioriti[sz]e)\s+(?:the\s+)?(?:order\s+of\s+the\s+)?"
    r"(?:priority\s+(?:list|order)|priorities)))"
    r"(?:\s+(?:for|i|til|på|of|in)\s+(?P<domain>[^?!.]+?))?\s*[.!?]*\s*$",
    re.IGNORECASE,
)


class _Refused(Exception):
    """Field errors found inside the transaction: raised so the claim and every write roll back."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors


def matches(text: str) -> bool:
    return TRIGGER.match(text) is not None


def answer_reorder_form(message: IncomingMessage, ctx: HandlerContext, language: Language) -> Reply:
    """«endre prioriteringsrekkefølgen for …», or the button: the form where the channel shows one."""
    if message.data.get("action") == OPEN_ACTION:
        asked = message.data.get("value", "")
    else:
        found = TRIGGER.match(message.text)
        assert found is not None
        asked = (found["domain"] or "").strip()
        if message.language is None:
            language = "en" if found["en"] else "nb"
    if message.channel not in FORM_CHANNELS:
        return Reply(language, (Paragraph(t(language, "priorities.form.terminal_hint")),), OPEN_ACTION)
    try:
        with ctx.store.read() as session:
            policy(ctx.model)
            actor = resolve_actor(session, ctx.store.model_id, message.sender)
            domain = _domain(session, ctx, actor, asked)
            if not may_reorder(session, ctx.model, domain, actor):
                board = session.get_one(Body, domain.board_id)
                raise MeetingError("priorities.denied", who=actor.display_name, body=board.name)
            form = reorder_form(ctx, language, domain.key, session=session)
            intro = _intro(language, domain)
    except MeetingError as refusal:
        return Reply(
            language, (Paragraph(t(language, refusal.key, **refusal.params)),), f"refused.{refusal.key}"
        )
    if form is None:
        return Reply(
            language, (Paragraph(t(language, "priorities.form.nothing", domain=intro)),), OPEN_ACTION
        )
    return Reply(language, (Paragraph(t(language, "priorities.form.intro", domain=intro)), form), OPEN_ACTION)


def reorder_form(
    ctx: HandlerContext, language: Language, context: str, *, session: Session | None = None
) -> Form | None:
    """The form for the domain named by key in `context`; None when it has nothing to order. Permission
    is the caller's to check: the submission is checked again in any case."""
    if session is None:
        with ctx.store.read() as own:
            return reorder_form(ctx, language, context, session=own)
    domain, ranked = list_priorities(session, ctx.model, ctx.store.model_id, context)
    on_list = {r.reference for r in ranked}
    others = session.execute(
        select(Initiative.reference, Initiative.title)
        .where(Initiative.model_id == ctx.store.model_id, Initiative.domain_id == domain.id)
        .where(Initiative.state.not_in(FINAL), Initiative.reference.not_in(on_list or {""}))
        .order_by(Initiative.year, Initiative.sequence)
        .limit(max(MAX_FIELDS - len(ranked), 0))
    ).all()
    if not ranked and not others:
        return None
    fields: list[FormField] = [
        FormField(
            f"{RANK_PREFIX}{r.reference}",
            t(language, "priorities.form.ranked", reference=r.reference, title=r.title, position=r.position),
            "number",
            required=True,
            initial=str(r.position),
        )
        for r in ranked
    ]
    fields.extend(
        FormField(
            f"{RANK_PREFIX}{reference}",
            t(language, "priorities.form.unranked", reference=reference, title=title),
            "number",
            hint=t(language, "priorities.form.unranked_hint"),
        )
        for reference, title in others
    )
    fields.append(FormField(DECISION_FIELD, t(language, "priorities.form.decision"), "text", required=True,
                            hint=t(language, "priorities.form.decision_hint"), max_length=MAX_DECISION_REF))  # fmt: skip
    return Form(FORM_ID, t(language, "priorities.form.title"), tuple(fields),
                t(language, "priorities.form.submit"), context=domain.key)  # fmt: skip


def rebuilt_reorder_form(ctx: HandlerContext, language: Language, context: str) -> Form | None:
    """The form again (a Teams card with errors, a Slack message button); None when the domain is gone."""
    try:
        return reorder_form(ctx, language, context)
    except MeetingError:
        return None


def submit_reorder_form(submission: FormSubmission, ctx: HandlerContext) -> FormResult:
    language = submission.language
    values = {k: (v if isinstance(v, str) else ",".join(v)).strip() for k, v in submission.values.items()}
    try:
        with ctx.store.session() as session:
            actor = resolve_actor(session, ctx.store.model_id, submission.sender)
            try:
                domain = locked_domain(
                    session, ctx.model, ctx.store.model_id, actor, submission.context or "-"
                )
                _, ranked = list_priorities(session, ctx.model, ctx.store.model_id, domain.key)
                order = _checked_order(values, [r.reference for r in ranked], language)
                session.add(
                    ProcessedEvent(platform=f"form:{FORM_ID}", event_id=submission.submission_id[:200])
                )
                session.flush()  # a replayed submission stops here, before anything is written
                done = set_priority_order(session, ctx.model, ctx.store.model_id, actor, domain.key, order,
                                          values[DECISION_FIELD], ctx.clock())  # fmt: skip
            except MeetingError as refusal:
                raise _Refused({_field_of(refusal): t(language, refusal.key, **refusal.params)}) from None
            _, ranked = list_priorities(session, ctx.model, ctx.store.model_id, domain.key)
            lines = ranked_lines(ctx.model, language, ranked)
            name = domain.name if language == "nb" else domain.name_en
    except _Refused as refused:
        return FormResult(errors=refused.errors)
    except IntegrityError:
        return FormResult(
            reply=Reply(language, (Paragraph(t(language, "priorities.form.duplicate")),), FORM_ID)
        )
    if not done.changed:
        unchanged = Paragraph(t(language, "priorities.form.unchanged", domain=name))
        return FormResult(reply=Reply(language, (unchanged,), "priorities.reordered"))
    blocks: tuple[Block, ...] = (
        Heading(
            t(
                language,
                "priorities.form.done",
                domain=name,
                decision=" ".join(values[DECISION_FIELD].split()),
            )
        ),
        Paragraph(t(language, "priorities.form.changed", count=len(done.changed))),
        BulletList(lines),
    )
    return FormResult(reply=Reply(language, blocks, "priorities.reordered"))


def _checked_order(values: dict[str, str], on_list: list[str], language: Language) -> list[str]:
    """The references by their numbers, which must be 1 to N, each once (N: the initiatives numbered);
    every initiative already on the list needs one. Raises the field errors otherwise."""
    errors: dict[str, str] = {}
    numbered: list[tuple[str, int]] = []
    filled = [name for name, raw in values.items() if name.startswith(RANK_PREFIX) and raw]
    for reference in on_list:
        if f"{RANK_PREFIX}{reference}" not in filled:
            errors[f"{RANK_PREFIX}{reference}"] = t(language, "priorities.form.number_needed")
    count = len(filled) + len(errors)
    for name in filled:
        number = _number(values[name])
        if number is None:
            errors[name] = t(language, "priorities.form.not_number")
        elif not 1 <= number <= count:
            errors[name] = t(language, "priorities.form.range", count=count)
        else:
            numbered.append((name, number))
    given: dict[int, str] = {}
    for name, number in numbered:
        if number in given:
            first = given[number].removeprefix(RANK_PREFIX)
            errors[name] = t(language, "priorities.form.twice", number=number, reference=first)
        else:
            given[number] = name
    if not values.get(DECISION_FIELD):
        errors[DECISION_FIELD] = t(language, "priorities.decision_needed")
    if errors:
        raise _Refused(errors)
    return [given[n].removeprefix(RANK_PREFIX) for n in sorted(given)]


def _number(raw: str) -> int | None:
    """«2», « 2 », «2.» and Slack's decimal «2.0» are 2; anything else is not a place."""
    found = re.fullmatch(r"\s*(\d{1,4})(?:[.,]0*)?\s*", raw)
    return int(found[1]) if found else None


def _field_of(refusal: MeetingError) -> str:
    """Where a refusal is shown: beside the initiative it names, at the decision, or over the form."""
    if refusal.key.startswith("priorities.decision") or refusal.key == "frames.identity_number":
        return DECISION_FIELD
    reference = refusal.params.get("reference")
    if (
        refusal.key in {"priorities.closed", "priorities.other_domain", "priorities.no_initiative"}
        and reference
    ):
        return f"{RANK_PREFIX}{reference}"
    return FORM_WIDE


def _domain(session: Session, ctx: HandlerContext, actor: Actor, asked: str) -> Domain:
    """The domain asked for, or else the one domain whose list the sender keeps."""
    if asked:
        return resolve_domain(session, ctx.model, ctx.store.model_id, asked)
    allowed = {r.value for r in policy(ctx.model).priority_roles}
    kept = list(
        session.scalars(
            select(Domain)
            .join(Membership, Membership.body_id == Domain.board_id)
            .join(PersonRow, Membership.person_id == PersonRow.id)
            .where(
                Domain.model_id == ctx.store.model_id,
                Domain.active,
                PersonRow.key == (actor.person_key or ""),
            )
            .where(Membership.role.in_(allowed))
            .distinct()
        )
    )
    if len(kept) == 1:
        return kept[0]
    raise MeetingError("priorities.form.which")


def _intro(language: Language, domain: Domain) -> str:
    return domain.name if language == "nb" else domain.name_en
