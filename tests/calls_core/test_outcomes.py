from __future__ import annotations

import pytest

from bridge.calls import Outcome, Unread, read_outcome, read_yes_no


@pytest.mark.parametrize(
    ("typed", "outcome"),
    [
        ("nådd", Outcome.REACHED),
        ("Nådd ✓", Outcome.REACHED),
        ("nådd ok", Outcome.REACHED),
        ("naadd", Outcome.REACHED),
        ("snakket med", Outcome.REACHED),
        ("ikke svar!", Outcome.NO_ANSWER),
        ("IKKE SVAR", Outcome.NO_ANSWER),
        ("ikkje svar", Outcome.NO_ANSWER),
        ("ikke svr", Outcome.NO_ANSWER),
        ("IS", Outcome.NO_ANSWER),
        ("opptatt.", Outcome.BUSY),
        ("opptat", Outcome.BUSY),
        ("ring senere", Outcome.CALL_BACK),
        ("Ring tilbake", Outcome.CALL_BACK),
        ("feil nr", Outcome.WRONG_NUMBER),
        ("feil nummer!!", Outcome.WRONG_NUMBER),
        ("ønsker ikke kontakt", Outcome.NO_CONTACT),
        ("onsker ikke kontakt", Outcome.NO_CONTACT),
        ("lagt igjen beskjed", Outcome.LEFT_MESSAGE),
        ("talepost", Outcome.LEFT_MESSAGE),
        ("SMS sendt", Outcome.SENT),
        ("  ikke   svar  ", Outcome.NO_ANSWER),
    ],
)
def test_what_callers_type_reads_as_the_glossary_outcome(typed: str, outcome: Outcome) -> None:
    assert read_outcome(typed) is outcome


def test_an_empty_result_cell_is_no_outcome_yet() -> None:
    assert read_outcome("  ") is None


@pytest.mark.parametrize("typed", ["ring meg på fredag", "ja", "x", "ikke", "svar", "ring"])
def test_text_that_is_no_outcome_is_unread_and_kept_as_typed(typed: str) -> None:
    assert read_outcome(typed) == Unread(typed)


def test_unread_text_is_tidied_but_not_changed() -> None:
    assert read_outcome(" ring  meg på fredag ") == Unread("ring meg på fredag")


def test_a_near_miss_between_two_outcomes_is_not_guessed() -> None:
    # "opptatt" and "ikke svar" are far apart; "nådd" with two slips is too short to guess.
    assert isinstance(read_outcome("nxxd"), Unread)


def test_short_words_need_an_exact_match() -> None:
    assert isinstance(read_outcome("si"), Unread)


def test_a_long_phrase_tolerates_two_slips() -> None:
    assert read_outcome("lagt igjn beskje") is Outcome.LEFT_MESSAGE


@pytest.mark.parametrize("typed", ["ja", "Ja!", "x", "X", "✓", "✔", "jepp"])
def test_yes_answers(typed: str) -> None:
    assert read_yes_no(typed) is True


@pytest.mark.parametrize("typed", ["nei", "Nei.", "nei takk", "n"])
def test_no_answers(typed: str) -> None:
    assert read_yes_no(typed) is False


def test_an_empty_answer_leaves_the_tag_alone() -> None:
    assert read_yes_no("") is None


def test_an_unclear_answer_is_unread() -> None:
    assert read_yes_no("kanskje") == Unread("kanskje")
