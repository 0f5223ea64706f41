from __future__ import annotations

import pytest

from bridge.messages import CATALOGUE, LANGUAGES, field_label, t


def test_every_message_exists_in_every_language() -> None:
    for key, texts in CATALOGUE.items():
        for lang in LANGUAGES:
            assert texts.get(lang), f"{key} has no {lang} text"


def test_bokmaal_is_the_default() -> None:
    assert t("status.not_member") == "Ikke lenger medlem i Zetkin"
    assert t("problem.duplicate", row=17) == "Mulig duplikat av rad 17"
    assert (
        t("status.conflict", fields=field_label("email"))
        == "Konflikt: e-post endret både i arket og i Zetkin"
    )


def test_english_is_available() -> None:
    assert t("status.not_member", "en") == "No longer a member in Zetkin"
    assert t("problem.duplicate", "en", row=17) == "Possible duplicate of row 17"
    assert field_label("email", "en") == "e-mail"


def test_unknown_language_falls_back_to_bokmaal() -> None:
    assert t("status.ok", "de", when="2026-11-30 14:02") == "OK 2026-11-30 14:02"


def test_unknown_key_is_an_error_not_a_blank() -> None:
    with pytest.raises(KeyError):
        t("status.nonexistent")
