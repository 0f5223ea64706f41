"""The fictional branch: deterministic, realistic mess, and the board's member sheet."""

from __future__ import annotations

import re

import phonenumbers
import pytest

from bridge.workbook import default_tab
from sandbox.fictional import DISTRICTS, Branch, demo_member_sheet, generate


@pytest.fixture(scope="module")
def branch() -> Branch:
    return generate(1)


def test_same_seed_same_branch_other_seed_other_branch(branch: Branch) -> None:
    assert generate(1) == branch
    other = generate(2)
    assert [p.name for p in other.people] != [p.name for p in branch.people]
    assert len(generate(3, size=1200).people) == 1200


def test_people_look_like_a_norwegian_branch(branch: Branch) -> None:
    people = branch.people
    assert len(people) == 300 and len({p.id for p in people}) == 300
    assert any(ch in p.name for p in people for ch in "æøåÆØÅ")
    assert {p.bydel for p in people} - {None} == set(DISTRICTS)
    phones = [p.phone for p in people if p.phone]
    for phone in phones:
        number = phonenumbers.parse(phone, "NO")
        assert phonenumbers.is_valid_number(number), phone
        assert phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
    styles = {
        "spaced +47": r"^\+47 \d{3} \d{2} \d{3}$",
        "bare": r"^\d{8}$",
        "0047": r"^0047 \d{8}$",
        "spaced": r"^\d{3} \d{2} \d{3}$",
    }
    for name, pattern in styles.items():
        assert any(re.match(pattern, phone) for phone in phones), name
    mails = [p.email for p in people if p.email]
    assert any(m == m.upper() for m in mails) and any(m == m.lower() for m in mails)
    assert all(
        m.lower().split("@")[1] in ("example.org", "example.net", "example.com") for m in mails
    )
    members = [p for p in people if "Medlem" in p.tags]
    assert 0.7 < len(members) / len(people) < 0.95
    assert all(p.innmeldt for p in members)
    assert any("Vil dørbanke" in p.tags for p in people)
    assert any("Vil ringe" in p.tags for p in people)


def test_the_rest_of_the_branch(branch: Branch) -> None:
    assert [s.state for s in branch.join_submissions].count("pending") >= 3
    assert branch.campaign_title == "Dørbank" and len(branch.events) >= 3
    states = {c.state for c in branch.call_assignment.calls}
    assert len(states) >= 5 and 0 in states and 1 in states
    assert branch.area_assignment.visits and branch.area_assignment.metrics


def test_demo_member_sheet_has_the_mess_boards_make(branch: Branch) -> None:
    sheet = demo_member_sheet(branch)
    headers = sheet[0]
    assert headers[:-1] == [f.header for f in default_tab("members").fields]
    assert headers[-1] == "Notat"
    rows = sheet[1:]
    assert all(len(r) == len(headers) for r in rows)
    col = {h: i for i, h in enumerate(headers)}
    blank = [r for r in rows if not any(r)]
    assert len(blank) >= 2
    with_id = [r for r in rows if r[col["Zetkin-ID"]]]
    ids = [r[col["Zetkin-ID"]] for r in with_id]
    assert len(ids) - len(set(ids)) == 1  # one member typed twice
    assert len(with_id) > 200
    without_id = [r for r in rows if any(r) and not r[col["Zetkin-ID"]]]
    by_digits = {p.digits: p for p in branch.people if p.digits}

    def digits(text: str) -> str:
        raw = re.sub(r"\D", "", text)
        return raw[-8:] if len(raw) >= 8 else raw

    matched = [r for r in without_id if digits(r[col["Telefon"]]) in by_digits]
    assert len(matched) == 2
    assert any(r[col["Telefon"]] == "12 34" for r in without_id)
    new = [r for r in without_id if r not in matched and r[col["Telefon"]] != "12 34"]
    assert len(new) == 1
    assert any(r[col["Bydel"]] == "Sentrum" for r in rows)
    assert any(r[col["Notat"]] for r in rows)
    phones = [r[col["Telefon"]] for r in with_id if r[col["Telefon"]]]
    assert len({len(p) for p in phones}) > 2  # several formats
