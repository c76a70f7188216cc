"""Oppdrag from chat through `handle_message`: list, show and update traffic lights, in nb and en."""

from __future__ import annotations

from sqlalchemy import func, select

from handlers.replies import Facts
from models.tables import AssignmentStatus, AuditEntry
from tests.assignments.conftest import CLINICAL_LEADER, DIRECTOR, SECRETARY, TRUST_REP, ask


def _history(ctx) -> list[tuple[int, str, str | None]]:
    with ctx.store.read() as session:
        rows = session.scalars(select(AssignmentStatus).order_by(AssignmentStatus.id))
        return [(r.number, r.status, r.comment) for r in rows]


def _facts(reply) -> dict[str, str]:
    return {
        label: value for block in reply.blocks if isinstance(block, Facts) for label, value in block.items
    }


def _audits(ctx) -> int:
    with ctx.store.read() as session:
        return session.scalar(select(func.count()).where(AuditEntry.action == "assignment.status"))


def test_list_shows_all_sixteen_with_light_and_deadline(helse_nord) -> None:
    reply = ask(helse_nord, "oppdrag", TRUST_REP)
    assert reply.intent == "assignments.list" and reply.language == "nb"
    assert "Oppdrag (16)" in reply.text
    assert (
        "14. Gjennomgå Riksrevisjonens rapport Dokument 3:3 (2025–2026) – Solveig Rasmussen (plassholder): "
        "ikke vurdert, frist 01.04.2026" in reply.text
    )
    assert (
        "2. Pasientens legemiddelliste (PLL): etablere robust produktteam – Henrik Kristensen" in reply.text
    )
    assert "frist ingen" in reply.text and "innen 15.03.2026" in reply.text
    english = ask(helse_nord, "assignments", TRUST_REP)
    assert english.language == "en" and "Assignments (16)" in english.text
    assert "16. Present an overview of all SLA agreements" in english.text
    assert "not assessed, deadline 1 April 2026" in english.text and "due by 15 March 2026" in english.text


def test_owner_and_secretariat_update_with_history_and_audit(helse_nord) -> None:
    done = ask(helse_nord, "sett oppdrag 14 til gul: leverandør forsinket", DIRECTOR)
    assert done.intent == "assignments.updated"
    assert "Oppdrag 14 «Gjennomgå Riksrevisjonens rapport" in done.text and "satt til gul" in done.text
    shown = ask(helse_nord, "status oppdrag 14", TRUST_REP)
    assert shown.intent == "assignments.status"
    facts = _facts(shown)
    assert facts["Status"] == "gul" and facts["Kommentar"] == "leverandør forsinket"
    assert facts["Frist"] == "01.04.2026" and "§4.7" in facts["Kilde"]
    assert facts["Ansvarlig"] == "Solveig Rasmussen (plassholder)" and "02.03.2026" in facts["Sist oppdatert"]
    english = ask(helse_nord, "set assignment 14 to red: supplier delayed again", SECRETARY)
    assert english.language == "en" and "Assignment 14" in english.text and "is now red" in english.text
    assert _facts(ask(helse_nord, "status of assignment 14", TRUST_REP))["Status"] == "red"
    assert ask(helse_nord, "sett oppdrag 2 til grønn", CLINICAL_LEADER).intent == "assignments.updated"
    assert _history(helse_nord) == [
        (14, "yellow", "leverandør forsinket"),
        (14, "red", "supplier delayed again"),
        (2, "green", None),
    ]
    assert _audits(helse_nord) == 3
    listed = ask(helse_nord, "oppdrag", TRUST_REP).text
    assert "Solveig Rasmussen (plassholder): rød, frist 01.04.2026" in listed
    assert "Henrik Kristensen (plassholder): grønn" in listed
    with helse_nord.store.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "assignment.status").order_by(AuditEntry.id)
        ).all()[1]
        assert entry.before == {"status": "yellow", "comment": "leverandør forsinket"}
        assert entry.after == {"status": "red", "comment": "supplier delayed again"}
        assert entry.actor.startswith(SECRETARY)


def test_others_are_refused_politely_and_nothing_is_written(helse_nord) -> None:
    refused = ask(helse_nord, "sett oppdrag 14 til rød: vet ikke", CLINICAL_LEADER)
    assert refused.intent == "refused.assignments.denied"
    assert "Beklager" in refused.text and "bare eieren av oppdrag 14 (Solveig Rasmussen" in refused.text
    english = ask(helse_nord, "set assignment 14 to green", "nobody-known")
    assert english.text.startswith("Sorry") and "only the owner of assignment 14" in english.text
    wording = ask(helse_nord, "sett oppdrag 14 til blå: x", TRUST_REP)
    assert wording.intent == "refused.assignments.denied"
    assert _history(helse_nord) == [] and _audits(helse_nord) == 0


def test_unknown_numbers_missing_comments_and_bad_colours_are_explained(helse_nord) -> None:
    unknown = ask(helse_nord, "status oppdrag 99", TRUST_REP)
    assert unknown.intent == "refused.assignments.unknown"
    assert "finner ikke oppdrag 99" in unknown.text and "1–16" in unknown.text
    assert "cannot find assignment 17" in ask(helse_nord, "set assignment 17 to red: x", DIRECTOR).text
    no_comment = ask(helse_nord, "sett oppdrag 14 til gul", DIRECTOR)
    assert (
        no_comment.intent == "refused.assignments.comment_needed"
        and "trenger en kommentar" in no_comment.text
    )
    assert "need a comment" in ask(helse_nord, "set assignment 14 to red:  ", DIRECTOR).text
    colour = ask(helse_nord, "sett oppdrag 14 til blå: x", DIRECTOR)
    assert colour.intent == "refused.assignments.bad_light" and "grønn, gul eller rød" in colour.text
    assert _history(helse_nord) == [] and _audits(helse_nord) == 0


def test_other_questions_pass_by_and_a_model_without_assignments_says_so(context) -> None:
    assert ask(context, "Hvem eier DIPS?", "ola-hansen").intent != "assignments.list"
    assert not ask(context, "neste møte i Pasientbehandling", "ola-hansen").intent.startswith("assignments")
    none = ask(context, "oppdrag", "ola-hansen")
    assert none.intent == "refused.assignments.none" and "ingen nummererte oppdrag" in none.text
    assert "no numbered assignments" in ask(context, "status of assignment 3", "ola-hansen").text
