"""Routing on texts written for this test (not the benchmark's), out-of-scope advice, and the form spec."""

from __future__ import annotations

from typing import Any

from handlers.initiatives.form_spec import intake_form
from handlers.initiatives.routing import suggest
from handlers.initiatives.terms import related, stem

CASES = [
    ("Luftambulansen trenger bedre koordinering med AMK ved utrykning", "prehospital"),
    ("Felles bildearkiv for MR og CT på tvers av sykehusene", "utredning-og-diagnostikk"),
    ("Strukturert legemiddelhåndtering og lukket legemiddelsløyfe på sengepostene", "pasientbehandling"),
    ("Digital hjemmeoppfølging av KOLS-pasienter med målinger hjemme", "helsesamhandling"),
    (
        "Rapportering til nasjonale kvalitetsregistre uten dobbeltregistrering",
        "datadrevet-innsikt-og-utvikling",
    ),
    ("Nytt system for reiseregninger og utlegg", "okonomi-og-virksomhetsstyring"),
    ("Lønnskjøring og timelister for ekstravakter", "hr-tjenester"),
    ("Styring av lys og temperatur i sykehusbygningene for å spare energi", "byggteknologi"),
    ("Overgang til skytjenester for lagring og drift av servere", "infrastruktur-og-teknologi"),
    ("Nurses want a mobile app for documenting care at the bedside", "pasientbehandling"),
    ("Automated payroll and overtime calculation for doctors", "hr-tjenester"),
    ("Hvem eier DIPS Arena? Vi trenger nye maler i DIPS Arena", "pasientbehandling"),
]


def test_unseen_texts_route_to_their_domain(context: Any) -> None:
    with context.store.read() as session:
        hits = [suggest(context, session, text).domain == expected for text, expected in CASES]
    assert sum(hits) / len(hits) >= 0.85, [c for c, ok in zip(CASES, hits, strict=True) if not ok]


def test_candidates_are_ranked_with_reasons_and_scores(context: Any) -> None:
    with context.store.read() as session:
        suggestion = suggest(context, session, "Integrasjon mellom DIPS Arena og helsenorge for pasientbrev")
    scores = [c.score for c in suggestion.candidates]
    assert scores == sorted(scores, reverse=True) and 0 < sum(scores) <= 1.0001
    assert any(c.systems for c in suggestion.candidates)
    assert suggestion.out_of_scope is None


def test_out_of_scope_names_where_it_belongs(context: Any) -> None:
    with context.store.read() as session:
        scope = suggest(
            context, session, "Innkjøp av medisinsk-teknisk utstyr til nytt operasjonsrom"
        ).out_of_scope
    assert scope is not None and scope.kind.key == "mtu-prosjekter"
    assert "MTU" in scope.as_json("nb")["belongs_to"]


def test_stemming_and_compounds() -> None:
    assert stem("ambulansene") == stem("ambulanser") == stem("ambulanse")
    assert stem("pasientens") == stem("pasient")
    assert related("fakturagodkjenning", "faktura") > 0
    assert related("nettbrett", "rett") == 0


def test_form_spec_comes_from_the_schema_and_the_model(context: Any) -> None:
    form = intake_form(context, "en")
    assert form.form_id == "initiative"
    names = [f.name for f in form.fields]
    assert names[:4] == ["title", "need", "change", "benefit"] and "contact" in names
    trusts = next(f for f in form.fields if f.name == "trusts")
    assert {c.value for c in trusts.options} == {t.key for t in context.model.health_trusts}
    assert next(f for f in form.fields if f.name == "investment").required is False
    assert next(f for f in form.fields if f.name == "title").max_length == 150
