"""Sign-ups (``Dørbankpåmelding``) and new contacts (``Nye kontakter``): rows about people.

A row is matched to a Zetkin person with the reconcile job's matcher (phone or e-mail pointing
at exactly one person); a row nobody matches is a person to create when it has a valid phone
or e-mail. A row with no way to reach the person is an error, never a guess.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bridge.doorknock.read import parse_flag
from bridge.doorknock.rounds import Round, RoundIndex
from bridge.match import PeopleIndex
from bridge.members import MemberRow
from bridge.messages import t
from bridge.normalise import clean_text, fold_name, normalise_email, normalise_phone
from bridge.sheet import SheetRow

__all__ = ["Person", "PersonRow", "people_index", "read_person_rows", "split_name"]


@dataclass(frozen=True)
class Person:
    """A Zetkin person as these tabs need them (no repr of values: no personal data in logs)."""

    id: int
    first_name: str
    last_name: str
    phone: str
    email: str
    tags: frozenset[str]

    def __repr__(self) -> str:
        return f"Person(id={self.id})"


@dataclass(frozen=True)
class PersonRow:
    """One sign-up or new-contact row, read and matched."""

    row: SheetRow
    round: Round | None
    first_name: str
    last_name: str
    phone: str
    email: str
    district: str
    consent: bool | None
    person_id: int | None
    errors: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def reachable(self) -> bool:
        return bool(self.phone or self.email)

    def __repr__(self) -> str:
        return f"PersonRow(row={self.row.row_number}, person={self.person_id})"


def split_name(raw: str) -> tuple[str, str]:
    """ "Kari Nordmann" → ("Kari", "Nordmann"); "Nordmann, Kari" → ("Kari", "Nordmann")."""
    text = clean_text(raw)
    if "," in text:
        last, _, first = text.partition(",")
        return clean_text(first), clean_text(last)
    first, _, last = text.rpartition(" ")
    return (first, last) if first else (last, "")


def people_index(people: Sequence[Person], region: str = "NO") -> PeopleIndex:
    """The reconcile matcher's index over every pulled person (phone and e-mail)."""
    from bridge.normalise import zetkin_email, zetkin_phone

    values = {
        p.id: {"phone": zetkin_phone(p.phone, region), "email": zetkin_email(p.email),
               "district": ""}
        for p in people
    }  # fmt: skip
    return PeopleIndex(values, {p.id: fold_name(p.first_name, p.last_name) for p in people}, ())


def read_person_rows(
    rows: Sequence[SheetRow],
    index: RoundIndex,
    people: PeopleIndex,
    *,
    with_consent: bool = False,
    region: str = "NO",
) -> tuple[PersonRow, ...]:
    """Read, resolve the round and match every row; the same person twice for the same round
    is an error on the later row."""
    out: list[PersonRow] = []
    claimed: dict[tuple[str, int | str], int] = {}
    for row in rows:
        errors: list[str] = []
        notes: list[str] = []
        first, last = split_name(row.get("name"))
        phone, bad_phone = normalise_phone(row.get("phone"), region)
        email, bad_email = normalise_email(row.get("email"))
        if bad_phone:
            errors.append(bad_phone.message())
            phone = ""
        if bad_email:
            errors.append(bad_email.message())
            email = ""
        ref = index.resolve(row.get("round"))
        if ref.error:
            if with_consent and not row.get("round").strip():
                pass  # a contact without a round is still a contact
            else:
                errors.append(ref.error)
        if ref.note:
            notes.append(ref.note)
        consent = None
        if with_consent:
            flag = parse_flag(row.get("consent"), "Samtykke")
            if flag.error:
                errors.append(flag.error)
            consent = flag.value
        if (
            not phone
            and not email
            and not bad_phone
            and not bad_email
            and (consent or not with_consent)
        ):
            errors.append(t("dk.person.no_contact"))
        person_id = None
        if phone or email:
            probe = MemberRow(
                row=row,
                zetkin_id=None,
                values={"first_name": first, "last_name": last, "phone": phone,
                        "email": email, "district": ""},
                folded_name=fold_name(first, last),
            )  # fmt: skip
            found = people.strong(probe)
            if len(found) == 1:
                person_id = found[0].person_id
            elif len(found) > 1:
                ids = ", ".join(str(c.person_id) for c in found)
                errors.append(t("dk.person.several", ids=ids))
        rid = ref.value.round_id if ref.value else ""
        who: int | str = person_id if person_id is not None else (phone or email)
        if who and not errors:
            key = (rid, who)
            if key in claimed:
                errors.append(t("dk.person.twice", row=claimed[key]))
            else:
                claimed[key] = row.row_number
        out.append(
            PersonRow(
                row=row,
                round=ref.value,
                first_name=first,
                last_name=last,
                phone=phone,
                email=email,
                district=clean_text(row.get("district")),
                consent=consent,
                person_id=person_id,
                errors=tuple(errors),
                notes=tuple(notes),
            )
        )
    return tuple(out)


def anchor_of(row: SheetRow, fields: Sequence[str]) -> Mapping[str, str]:
    """The values a keyless row is found again by when its status is written."""
    return {f: row.get(f) for f in fields if row.get(f).strip()}
