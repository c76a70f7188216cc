"""Both languages say the same things."""

from handlers.texts import TEXTS


def test_every_text_exists_in_both_languages() -> None:
    assert set(TEXTS["nb"]) == set(TEXTS["en"])


def test_placeholders_match_between_languages() -> None:
    import string

    for key, nb in TEXTS["nb"].items():
        fields_nb = {f for _, f, _, _ in string.Formatter().parse(nb) if f}
        fields_en = {f for _, f, _, _ in string.Formatter().parse(TEXTS["en"][key]) if f}
        assert fields_nb == fields_en, key
