"""Core records of member reconciliation: a Zetkin person, a parsed sheet row, the base.

The job maps the Zetkin client's people onto :class:`ZetkinMember` and the sheet adapter's rows
are parsed here into :class:`MemberRow`; the planner sees nothing else. The *base* is the last
value both sides agreed on, per person and synced field (normalised), kept in the ledger: it is
what tells a change in the sheet from a change in Zetkin.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bridge.normalise import (
    Problem,
    clean_text,
    fold_name,
    normalise_district,
    normalise_email,
    normalise_phone,
    parse_yes_no,
    yes_no,
    zetkin_email,
    zetkin_phone,
)
from bridge.sheet import InvalidKey, SheetRow, person_id_of

__all__ = [
    "SYNCED_FIELDS",
    "YES_NO_FIELDS",
    "Base",
    "JoinSubmission",
    "MemberRow",
    "ZetkinMember",
    "parse_row",
    "zetkin_values",
]

# The members tab's fields that sync both ways (three-way merge), in column order.
SYNCED_FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "phone",
    "email",
    "district",
    "door_knock",
    "will_call",
)
# The yes/no columns: a Zetkin tag each (names from ReconcileOptions).
YES_NO_FIELDS: tuple[str, ...] = ("door_knock", "will_call")

# Zetkin person id -> synced field -> last agreed value (normalised).
Base = Mapping[int, Mapping[str, str]]


@dataclass(frozen=True, slots=True)
class ZetkinMember:
    """One Zetkin person as the planner needs it.

    ``district`` is the value of the configured district field, ``joined`` the configured join
    date field, ``tags`` the titles of the person's tags, ``is_member`` whether the configured
    member filter (default: tag ``Medlem``) selects the person.
    """

    id: int
    first_name: str
    last_name: str
    phone: str
    email: str
    district: str
    joined: date | None
    tags: frozenset[str]
    is_member: bool


@dataclass(frozen=True, slots=True)
class JoinSubmission:
    """A pending join-form submission, listed for the admin (accepting is their decision)."""

    id: int
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    submitted: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "email": self.email,
            "phone": self.phone,
            "submitted": self.submitted,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> JoinSubmission:
        return cls(
            id=int(str(data["id"])),
            **{k: str(data.get(k, "")) for k in ("first_name", "last_name", "email", "phone")},
            submitted=str(data.get("submitted", "")),
        )


@dataclass(frozen=True, slots=True)
class MemberRow:
    """A members-tab row, parsed once per run.

    ``values`` holds the normalised synced fields (an invalid value is kept as typed, tidied,
    with its problem in ``problems``); ``zetkin_id`` is ``None`` for a row the board added (or
    one whose id cell is not a valid id by :func:`bridge.sheet.person_id_of`: then ``problems``
    says so, and ``invalid_id`` is true).
    """

    row: SheetRow
    zetkin_id: int | None
    values: Mapping[str, str]
    problems: tuple[Problem, ...] = ()
    folded_name: str = ""
    id_text: str = ""
    blank: bool = False

    @property
    def number(self) -> int:
        return self.row.row_number

    @property
    def invalid_id(self) -> bool:
        """The id cell holds text that is not a valid Zetkin-ID (the row says it is someone)."""
        return self.zetkin_id is None and bool(self.id_text)


def parse_row(row: SheetRow, district_lookup: Mapping[str, str], region: str = "NO") -> MemberRow:
    """Normalise one sheet row and collect every problem in it (the row is not rejected here:
    the planner decides what a problem blocks)."""
    problems: list[Problem] = []
    values: dict[str, str] = {}
    values["first_name"] = clean_text(row.get("first_name"))
    values["last_name"] = clean_text(row.get("last_name"))
    phone, problem = normalise_phone(row.get("phone"), region)
    values["phone"] = phone
    if problem:
        problems.append(problem)
    email, problem = normalise_email(row.get("email"))
    values["email"] = email
    if problem:
        problems.append(problem)
    district, problem = normalise_district(row.get("district"), district_lookup)
    values["district"] = district
    if problem:
        problems.append(problem)
    for key in YES_NO_FIELDS:
        value, problem = parse_yes_no(row.get(key), key)
        values[key] = value
        if problem:
            problems.append(problem)

    id_text = row.get("zetkin_id").strip()
    parsed_id = person_id_of(id_text)
    zetkin_id = parsed_id if isinstance(parsed_id, int) else None
    if isinstance(parsed_id, InvalidKey):
        problems.append(Problem("invalid_id", "zetkin_id", parsed_id.text))

    blank = not id_text and not any(
        row.get(key).strip() for key in ("first_name", "last_name", "phone", "email", "district")
    )
    return MemberRow(
        row=row,
        zetkin_id=zetkin_id,
        values=values,
        problems=tuple(problems),
        folded_name=fold_name(values["first_name"], values["last_name"]),
        id_text=id_text,
        blank=blank,
    )


def zetkin_values(
    person: ZetkinMember,
    district_lookup: Mapping[str, str],
    door_knock_tag: str,
    caller_tag: str,
    region: str = "NO",
) -> dict[str, str]:
    """A person's synced fields normalised the same way as the sheet's (leniently: Zetkin's
    values are data and are kept even when they would be a problem in the sheet)."""
    district = clean_text(person.district or "")
    return {
        "first_name": clean_text(person.first_name or ""),
        "last_name": clean_text(person.last_name or ""),
        "phone": zetkin_phone(person.phone, region),
        "email": zetkin_email(person.email),
        "district": district_lookup.get(district.casefold(), district),
        "door_knock": yes_no(door_knock_tag in person.tags),
        "will_call": yes_no(caller_tag in person.tags),
    }
