"""Lifecycle moves (who may, audit, notice) and questions answered from the store, through handle_message."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from handlers.dispatch import handle_message
from handlers.forms import FormSubmission, handle_form
from handlers.initiatives.permissions import MOVE, ROLE_ACTIONS, allowed
from handlers.messages import IncomingMessage, Sender
from models.tables import AuditEntry, Initiative
from tests.initiatives.conftest import valid_values
from tests.outbox import deliver

SECRETARIAT = "silje-kristiansen"  # secretariat of every domain board in hso-2026
OUTSIDER = "knut-johnsen"  # a CEO, not on the Prehospital board


def _ask(context: Any, text: str, user: str, platform: str = "terminal") -> str:
    return handle_message(IncomingMessage(text, Sender(platform=platform, user_id=user)), context).text


def _submit(context: Any, clinician: Sender, sid: str = "s-1", **overrides: Any) -> None:
    result = handle_form(
        FormSubmission("initiative", valid_values(**overrides), clinician, "nb", sid), context
    )
    assert result.ok, result.errors


def test_permission_table_denies_by_default() -> None:
    assert allowed({"secretariat"}, MOVE) and allowed({"deputy_owner"}, MOVE)
    assert not allowed({"domain_leader"}, MOVE) and not allowed(set(), MOVE)
    assert not allowed({"no-such-role"}, "initiative.view_full")
    assert all(isinstance(actions, frozenset) for actions in ROLE_ACTIONS.values())


def test_outsider_is_refused_and_nothing_changes(clocked: Any, clinician: Sender) -> None:
    _submit(clocked, clinician)
    reply = _ask(clocked, "sett INI-2026-0001 til under vurdering", OUTSIDER)

    assert "Beklager" in reply and "sekretariatet" in reply
    with clocked.store.read() as session:
        assert session.scalar(select(Initiative.state)) == "innmeldt"
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "initiative.moved")) is None


def test_secretariat_move_is_audited_and_reaches_the_submitter(clocked: Any, clinician: Sender) -> None:
    _submit(clocked, clinician)
    reply = _ask(clocked, "sett INI-2026-0001 til under vurdering", SECRETARIAT)

    assert "under vurdering" in reply
    with clocked.store.read() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "initiative.moved"))
        assert entry is not None
        assert (entry.before, entry.after, entry.entity_ref) == (
            {"state": "innmeldt"},
            {"state": "under_vurdering"},
            "INI-2026-0001",
        )
        assert entry.actor.startswith(SECRETARIAT)
    notices = [n for n in deliver(clocked) if n.kind == "initiative.moved"]
    assert len(notices) == 1
    assert notices[0].person_key == "slack:U123CLIN" and "under vurdering" in notices[0].reply.text


def test_rejection_needs_a_reason_in_english_too(clocked: Any, clinician: Sender) -> None:
    _submit(clocked, clinician)
    refused = _ask(clocked, "move INI-2026-0001 to rejected", SECRETARIAT)
    assert "Give a reason" in refused
    done = _ask(clocked, "move INI-2026-0001 to rejected because an existing solution covers it", SECRETARIAT)
    assert "rejected" in done
    with clocked.store.read() as session:
        row = session.scalar(select(Initiative))
        assert (row.state, row.state_reason) == ("avvist", "an existing solution covers it")
    assert "cannot go" in _ask(clocked, "move INI-2026-0001 to prioritised", SECRETARIAT)


def test_status_shows_everything_to_the_submitter_and_a_summary_to_others(
    clocked: Any, clinician: Sender
) -> None:
    _submit(clocked, clinician)
    _ask(clocked, "sett INI-2026-0001 til under vurdering", SECRETARIAT)

    full = _ask(clocked, "status INI-2026-0001", clinician.user_id, platform=clinician.platform)
    assert "Prehospital" in full and "Ola Klinikersen" in full and "Historikk" in full
    assert "innmeldt → under vurdering" in full
    short = _ask(clocked, "status ini-2026-1", OUTSIDER)
    assert "Prehospital" in short and "under vurdering" in short
    assert "Ola Klinikersen" not in short and "kortversjon" in short


def test_portfolio_board_question_lists_sixty_mnok_with_the_rule(clocked: Any, clinician: Sender) -> None:
    _submit(clocked, clinician, "a")
    _submit(clocked, clinician, "b", investment="60", title="Stor ny AMK-plattform for regionen")

    reply = _ask(clocked, "hva må til porteføljestyret?", OUTSIDER)
    assert "INI-2026-0002" in reply and "INI-2026-0001" not in reply
    assert "50 MNOK" in reply and "Sak 000 §2.4" in reply
    english = _ask(clocked, "what must go to the portfolio board?", OUTSIDER)
    assert "INI-2026-0002" in english and "delegation limit" in english


def test_mine_waiting_and_search(clocked: Any, clinician: Sender) -> None:
    _submit(clocked, clinician)
    assert "INI-2026-0001" in _ask(clocked, "mine initiativer", clinician.user_id, platform="slack")
    assert "not proposed" in _ask(clocked, "my initiatives", OUTSIDER)
    assert "INI-2026-0001" in _ask(clocked, "hva venter på vurdering i Prehospital?", OUTSIDER)
    assert "Ingenting venter" in _ask(clocked, "hva venter på vurdering i HR-tjenester?", OUTSIDER)
    assert "INI-2026-0001" in _ask(clocked, "søk initiativer ambulanser", OUTSIDER)
    assert "Fant ingen" in _ask(clocked, "søk initiativer lønnssystem", OUTSIDER)


def test_catalogue_questions_still_answered(context: Any) -> None:
    assert "Pasientbehandling" in _ask(context, "Hvem eier DIPS?", "someone")
