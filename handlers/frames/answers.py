"""The frame questions in chat: how much is used, what still fits, what if we approve one, the budget
input for next year (issue 16 §3). Every figure comes from handlers/frames/figures.py and planning.py;
the reply says which definitions are assumed (the model's `frames:` assumptions), once, at the end.
"""

from __future__ import annotations

from decimal import Decimal

from handlers.answers.provenance import cite
from handlers.frames.amounts import mnok, percent
from handlers.frames.charts import domain_chart, portfolio_chart
from handlers.frames.figures import Figures, portfolio_total, summarise
from handlers.frames.pictures import picture
from handlers.frames.planning import budget_input, what_fits, what_if
from handlers.meetings.deadlines import local_date
from handlers.messages import Language
from handlers.replies import Block, BulletList, Heading, Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask
from models.governance.schema import GovernanceModel, said
from models.repositories.initiatives import by_reference

USAGE = "frames.usage"
FITS = "frames.fits"
WHAT_IF = "frames.whatif"
BUDGET = "frames.budget_input"


def asked_year(ask: Ask, *, default_offset: int = 0) -> int:
    """The year a period slot names («i 2027», «neste år»), else this year (plus `default_offset`)."""
    if ask.slots.period is not None:
        return ask.slots.period.start.year
    return local_date(ask.ctx.clock()).year + default_offset


def _no_policy(ask: Ask, intent: str) -> Reply | None:
    if ask.ctx.model.frames is None:
        return Reply(ask.language, (Paragraph(t(ask.language, "frames.no_policy")),), intent=intent)
    return None


def assumed(language: Language, model: GovernanceModel) -> Paragraph:
    """The definitions the figures rest on, as the one «Antatt: …» clause of the reply."""
    assert model.frames is not None
    frames = model.frames
    text = "; ".join(
        s for s in (said(frames.states_assumption, language), said(frames.cost_assumption, language)) if s
    )
    return Paragraph(t(language, "model.assumed", assumption=text))


def figure_lines(language: Language, f: Figures) -> list[str]:
    lines = []
    if f.investment_frame is not None:
        lines.append(t(language, "frames.q.frame", amount=mnok(language, f.investment_frame)))
    share = (lambda v: f" ({percent(v, f.investment_frame)} %)") if f.investment_frame else (lambda v: "")
    lines.append(
        t(
            language,
            "frames.q.used",
            amount=mnok(language, f.investment["used"]),
            share=share(f.investment["used"]),
        )
    )
    lines.append(t(language, "frames.q.committed", amount=mnok(language, f.investment["committed"]),
                   share=share(f.investment["committed"])))  # fmt: skip
    lines.append(t(language, "frames.q.proposed", amount=mnok(language, f.investment["proposed"])))
    if f.left is not None:
        lines.append(t(language, "frames.q.left", amount=mnok(language, f.left)))
    if f.operating_frame is not None or f.operating_bound or f.operating["proposed"]:
        lines.append(
            t(language, "frames.q.operating", frame=mnok(language, f.operating_frame) if f.operating_frame is not None
              else t(language, "frames.q.no_frame_word"), used=mnok(language, f.operating["used"]),
              committed=mnok(language, f.operating["committed"]), proposed=mnok(language, f.operating["proposed"]))
        )  # fmt: skip
    return lines


def warning(language: Language, model: GovernanceModel, f: Figures) -> Paragraph | None:
    assert model.frames is not None
    limit = model.frames.near_limit_percent
    if f.investment_frame is None or not f.near_limit(limit):
        return None
    key = "frames.q.over" if f.left is not None and f.left < 0 else "frames.q.near"
    return Paragraph(t(language, key, domain=f.label(language), share=percent(f.bound, f.investment_frame),
                       limit=limit, cite=cite(language, None, model.frames.near_limit_assumption)))  # fmt: skip


def answer_usage(ask: Ask) -> Reply:
    if (refused := _no_policy(ask, USAGE)) is not None:
        return refused
    ctx, language, model = ask.ctx, ask.language, ask.ctx.model
    year = asked_year(ask)
    domain = ask.slots.domain.item.key if ask.slots.domain else None
    with ctx.store.read() as session:
        figures = summarise(session, model, ctx.store.model_id, year, domain)
    if domain is not None:
        f = figures[0]
        blocks: list[Block] = [Heading(t(language, "frames.q.heading", domain=f.label(language), year=year))]
        if f.investment_frame is None:
            blocks.append(Paragraph(t(language, "frames.q.no_frame", domain=f.label(language), year=year)))
        blocks.append(BulletList(tuple(figure_lines(language, f))))
        if (warned := warning(language, model, f)) is not None:
            blocks.append(warned)
        if f.investment_frame is not None or any(f.investment.values()):
            chart = picture(ask, year, lambda: domain_chart(f, language))
            blocks.extend([chart] if chart is not None else [])
    else:
        blocks = [Heading(t(language, "frames.q.portfolio_heading", year=year))]
        shown = [f for f in figures if f.investment_frame is not None or any(f.investment.values())]
        if not shown:
            return Reply(
                language, (*blocks, Paragraph(t(language, "frames.q.nothing", year=year))), intent=USAGE
            )
        blocks.append(BulletList(tuple(overview_line(language, model, f) for f in shown)))
        total = portfolio_total(figures, year)
        blocks.append(Paragraph(overview_line(language, model, total)))
        blocks.extend(w for f in shown if (w := warning(language, model, f)) is not None)
        chart = picture(ask, year, lambda: portfolio_chart(shown, year, language))
        blocks.extend([chart] if chart is not None else [])
    frames = model.frames
    assert frames is not None
    blocks.append(Paragraph(t(language, "frames.q.decided", cite=cite(language, frames.decided_source))))
    blocks.append(assumed(language, model))
    return Reply(language, tuple(blocks), intent=USAGE)


def overview_line(language: Language, model: GovernanceModel, f: Figures) -> str:
    if f.investment_frame is None:
        return t(language, "frames.q.overview_no_frame", domain=f.label(language),
                 used=mnok(language, f.investment["used"]), committed=mnok(language, f.investment["committed"]),
                 proposed=mnok(language, f.investment["proposed"]))  # fmt: skip
    assert f.left is not None
    return t(language, "frames.q.overview", domain=f.label(language), frame=mnok(language, f.investment_frame),
             used=mnok(language, f.investment["used"]), committed=mnok(language, f.investment["committed"]),
             proposed=mnok(language, f.investment["proposed"]), left=mnok(language, f.left),
             share=percent(f.bound, f.investment_frame))  # fmt: skip


def _which_domain(ask: Ask, intent: str) -> Reply:
    names = ", ".join(d.name if ask.language == "nb" else d.name_en for d in ask.ctx.model.domains)
    return Reply(
        ask.language, (Paragraph(t(ask.language, "frames.q.which_domain", domains=names)),), intent=intent
    )


def answer_fits(ask: Ask) -> Reply:
    if (refused := _no_policy(ask, FITS)) is not None:
        return refused
    if ask.slots.domain is None:
        return _which_domain(ask, FITS)
    ctx, language, model = ask.ctx, ask.language, ask.ctx.model
    year = asked_year(ask)
    with ctx.store.read() as session:
        f = summarise(session, model, ctx.store.model_id, year, ask.slots.domain.item.key)[0]
        candidates = what_fits(session, model, ctx.store.model_id, f)
    name = f.label(language)
    blocks: list[Block] = [Heading(t(language, "frames.fits.heading", domain=name, year=year))]
    if f.left is None:
        blocks.append(Paragraph(t(language, "frames.q.no_frame", domain=name, year=year)))
        return Reply(language, tuple(blocks), intent=FITS)
    blocks.append(Paragraph(t(language, "frames.fits.left", left=mnok(language, f.left))))
    if not candidates:
        blocks.append(Paragraph(t(language, "frames.fits.none", domain=name, year=year)))
    else:
        fitting = [c for c in candidates if c.fits]
        rest = [c for c in candidates if not c.fits]
        if fitting:
            blocks.append(Paragraph(t(language, "frames.fits.fits")))
            blocks.append(BulletList(tuple(_candidate(language, c) for c in fitting)))
        if rest:
            blocks.append(Paragraph(t(language, "frames.fits.not")))
            blocks.append(BulletList(tuple(_candidate(language, c) for c in rest)))
        after = f.left - sum((c.investment for c in fitting), Decimal(0))
        blocks.append(Paragraph(t(language, "frames.fits.after", left=mnok(language, after))))
    blocks.append(assumed(language, model))
    return Reply(language, tuple(blocks), intent=FITS)


def _candidate(language: Language, c) -> str:  # type: ignore[no-untyped-def]
    rank = (
        t(language, "frames.fits.rank", position=c.position)
        if c.position
        else t(language, "frames.fits.unranked")
    )
    return t(language, "frames.fits.line", rank=rank, reference=c.reference, title=c.title,
             investment=mnok(language, c.investment), operating=mnok(language, c.operating))  # fmt: skip


def answer_what_if(ask: Ask) -> Reply:
    if (refused := _no_policy(ask, WHAT_IF)) is not None:
        return refused
    language, ctx, model = ask.language, ask.ctx, ask.ctx.model
    if ask.slots.reference is None:
        return Reply(language, (Paragraph(t(language, "frames.whatif.which")),), intent=WHAT_IF)
    with ctx.store.read() as session:
        initiative = by_reference(session, ctx.store.model_id, ask.slots.reference)
        if initiative is None:
            return Reply(language, (Paragraph(t(language, "frames.whatif.unknown", reference=ask.slots.reference)),),
                         intent=WHAT_IF)  # fmt: skip
        result = what_if(session, model, ctx.store.model_id, initiative)
        title = initiative.title
    f = result.figures
    name = f.label(language)
    blocks: list[Block] = [
        Heading(t(language, "frames.whatif.heading", reference=ask.slots.reference, title=title))
    ]
    if result.counted_as is not None:
        blocks.append(Paragraph(t(language, "frames.whatif.counted", reference=ask.slots.reference,
                                  counted=t(language, f"frames.class.{result.counted_as}"))))  # fmt: skip
    lines = [
        t(
            language,
            "frames.whatif.investment",
            amount=mnok(language, result.investment),
            domain=name,
            year=f.year,
        )
    ]
    if result.left_after is None:
        lines.append(t(language, "frames.q.no_frame", domain=name, year=f.year))
    else:
        key = "frames.whatif.left" if result.left_after >= 0 else "frames.whatif.short"
        lines.append(t(language, key, left=mnok(language, abs(result.left_after)), year=f.year))
    lines.append(t(language, "frames.whatif.operating", amount=mnok(language, result.operating)))
    for later in result.later:
        if later.left_after is None:
            lines.append(t(language, "frames.whatif.later_no_frame", year=later.year))
        else:
            key = "frames.whatif.later" if later.left_after >= 0 else "frames.whatif.later_short"
            lines.append(t(language, key, year=later.year, left=mnok(language, abs(later.left_after))))
    blocks.append(BulletList(tuple(lines)))
    if result.left_after is not None and f.investment_frame:
        frames = model.frames
        assert frames is not None
        bound_after = f.investment_frame - result.left_after
        if bound_after * 100 >= f.investment_frame * frames.near_limit_percent:
            blocks.append(Paragraph(t(language, "frames.q.near", domain=name, share=percent(bound_after, f.investment_frame),
                                      limit=frames.near_limit_percent,
                                      cite=cite(language, None, frames.near_limit_assumption))))  # fmt: skip
    blocks.append(assumed(language, model))
    return Reply(language, tuple(blocks), intent=WHAT_IF)


def answer_budget_input(ask: Ask) -> Reply:
    if (refused := _no_policy(ask, BUDGET)) is not None:
        return refused
    language, ctx, model = ask.language, ask.ctx, ask.ctx.model
    year = asked_year(ask, default_offset=1)
    with ctx.store.read() as session:
        inputs = budget_input(session, model, ctx.store.model_id, year)
    if ask.slots.domain is not None:
        inputs = [i for i in inputs if i.figures.key == ask.slots.domain.item.key]
    blocks: list[Block] = [Heading(t(language, "frames.budget.heading", year=year))]
    shown = [i for i in inputs if i.count or i.operating]
    if not shown:
        blocks.append(Paragraph(t(language, "frames.budget.none", year=year)))
    else:
        blocks.append(BulletList(tuple(
            t(language, "frames.budget.line", domain=i.figures.label(language), investment=mnok(language, i.investment),
              operating=mnok(language, i.operating), count=i.count)
            for i in shown
        )))  # fmt: skip
        if len(shown) > 1:
            total_i = sum((i.investment for i in shown), Decimal(0))
            total_o = sum((i.operating for i in shown), Decimal(0))
            blocks.append(Paragraph(t(language, "frames.budget.total", investment=mnok(language, total_i),
                                      operating=mnok(language, total_o))))  # fmt: skip
    blocks.append(Paragraph(t(language, "frames.budget.what")))
    blocks.append(assumed(language, model))
    return Reply(language, tuple(blocks), intent=BUDGET)


EXPORT = "frames.export"


def answer_export(ask: Ask) -> Reply:
    """Where the board-paper workbook is: the web chat's download link (and the CLI command)."""
    if (refused := _no_policy(ask, EXPORT)) is not None:
        return refused
    language = ask.language
    year = asked_year(ask)
    link = f"/webchat/api/portfolio/{year}.xlsx?lang={language}"
    blocks = (
        Heading(t(language, "frames.export.heading", year=year)),
        Paragraph(t(language, "frames.export.how", year=year, link=link)),
    )
    return Reply(language, blocks, intent=EXPORT)
