"""A call round on the seeded branch: the target list the bridge builds equals one computed
here independently, from Zetkin's own answers; a rule with a typo points at the word."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import phonenumbers
import pytest

from tests.e2e.test_calls import TASK, TYPE, CallRig, call_rig

RULE = 'tag:Medlem -tag:"Vil dørbanke" bydel:Heimdal'


@pytest.fixture
def calls(tmp_path: Path) -> Iterator[CallRig]:
    with call_rig(tmp_path, 60) as made:
        yield made


def _valid(phone: str | None) -> bool:
    try:
        return bool(phone) and phonenumbers.is_valid_number(phonenumbers.parse(phone, "NO"))
    except phonenumbers.NumberParseException:
        return False


def expected_targets(calls: CallRig) -> set[int]:
    """Members in Heimdal without the door-knock tag and with a callable phone, read person
    by person from Zetkin (not through the bridge's pull)."""
    client = calls.rig.zetkin
    out = set()
    for person in client.people.list():
        tags = {tag.title for tag in client.people.tags(person.id)}
        district = str(person.custom.get("bydel") or "")
        wanted = "Medlem" in tags and "Vil dørbanke" not in tags and district == "Heimdal"
        if wanted and _valid(person.phone):
            out.add(person.id)
    return out


def test_a_round_lists_exactly_the_people_its_rule_names(calls: CallRig) -> None:
    calls.sheet("Ringerunder").append_rows(
        [["Før valget", "Verve dørbankere", RULE, "2026-12-01", "2026-12-31", ""]],
        value_input_option="RAW",
    )
    result = calls.cycle("calls")
    rows = calls.call_rows()
    got = {int(r[TASK].rsplit("-", 1)[1].split(".")[0]) for r in rows}
    want = expected_targets(calls)
    assert want and got == want
    assert {r[TYPE] for r in rows} == {"Runde: Før valget"}
    status = calls.sheet("Ringerunder").get_all_values()[1][5]
    assert status == f"Aktiv: {len(want)} i målgruppen, 0 ringt, 0 nådd"
    assert result.jobs["calls"]["counts"]["call_tasks_open"] == len(want)
    assert result.jobs["calls"]["report"]["rounds"] == [
        {"round": "Før valget", "targets": len(want), "called": 0, "reached": 0,
         "door_knock_yes": 0}
    ]  # fmt: skip


def test_a_rule_with_a_typo_points_at_the_word_and_lists_nobody(calls: CallRig) -> None:
    calls.sheet("Ringerunder").append_rows(
        [["Før valget", "", "tag:Medlem bydel:Heimdl", "", "", ""]], value_input_option="RAW"
    )
    calls.cycle("calls")
    assert calls.call_rows() == []
    status = calls.sheet("Ringerunder").get_all_values()[1][5]
    assert "Heimdl" in status and "Heimdal" in status
