"""Linking members-tab rows to Zetkin people, without ever merging on a guess.

A row with a ``Zetkin-ID`` is linked by it. A row the board added (no id) is linked when its
phone or e-mail points at exactly one person, member or not (a *strong* match). Several
candidates, or only a *weak* match (a member with the same folded full name, whatever the
district), go to a review list with the candidates and the reasons: a person decides, nothing
is created. Two rows that land on the same person, or two new rows sharing a phone or e-mail,
are a row error on the later one ("Mulig duplikat av rad 17"), so nothing is linked or created
twice.

Everything is dictionary lookups over indices built once: no pairwise comparison of rows and
people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from bridge.members import MemberRow
from bridge.normalise import Problem

__all__ = ["Candidate", "MatchResult", "PeopleIndex", "ReviewItem", "match_rows"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A Zetkin person a row may be, and why (``phone``, ``email``, ``name``,
    ``name_district``)."""

    person_id: int
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {"person_id": self.person_id, "reasons": list(self.reasons)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Candidate:
        reasons = data["reasons"]
        assert isinstance(reasons, list)
        return cls(int(str(data["person_id"])), tuple(str(r) for r in reasons))


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A board-added row that may be an existing person: listed for the admin, not linked."""

    row_number: int
    cell: str
    candidates: tuple[Candidate, ...]
    # The row's key (bridge.duplicates.anchor_key): what the admin's decision names.
    row_key: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "row_number": self.row_number,
            "cell": self.cell,
            "candidates": [c.to_dict() for c in self.candidates],
            "row_key": self.row_key,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ReviewItem:
        candidates = data["candidates"]
        assert isinstance(candidates, list)
        return cls(
            int(str(data["row_number"])),
            str(data["cell"]),
            tuple(Candidate.from_dict(c) for c in candidates),
            str(data.get("row_key") or ""),
        )


class PeopleIndex:
    """Zetkin people by normalised phone, e-mail and folded full name, built once.

    Phone and e-mail index everyone given (members and not), so a board-added row for someone
    Zetkin already knows is linked, not created again. The name index holds only ``members``
    (everyone when ``None``): a shared name is a reason to ask, and the org's other contacts
    would make every common name a question.
    """

    def __init__(
        self,
        values: Mapping[int, Mapping[str, str]],
        folded: Mapping[int, str],
        members: Collection[int] | None = None,
    ) -> None:
        self.by_phone: dict[str, list[int]] = defaultdict(list)
        self.by_email: dict[str, list[int]] = defaultdict(list)
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.district: dict[int, str] = {}
        for pid, vals in values.items():
            if vals["phone"]:
                self.by_phone[vals["phone"]].append(pid)
            if vals["email"]:
                self.by_email[vals["email"]].append(pid)
            name = folded.get(pid, "")
            if name and (members is None or pid in members):
                self.by_name[name].append(pid)
                self.district[pid] = vals["district"].casefold()

    def strong(self, row: MemberRow) -> list[Candidate]:
        """The people whose phone or e-mail is the row's."""
        reasons: dict[int, list[str]] = {}
        phone = row.values["phone"]
        for pid in self.by_phone.get(phone, ()) if phone else ():
            reasons.setdefault(pid, []).append("phone")
        email = row.values["email"]
        for pid in self.by_email.get(email, ()) if email else ():
            reasons.setdefault(pid, []).append("email")
        return [Candidate(pid, tuple(r)) for pid, r in sorted(reasons.items())]

    def named(self, row: MemberRow) -> list[Candidate]:
        """The members with the row's folded full name (``name_district`` when the district
        is the same too, ``name`` otherwise)."""
        if not row.folded_name:
            return []
        district = row.values["district"].casefold()
        out = []
        for pid in sorted(self.by_name.get(row.folded_name, ())):
            same = bool(district) and self.district[pid] == district
            out.append(Candidate(pid, ("name_district",) if same else ("name",)))
        return out

    def candidates(self, row: MemberRow) -> tuple[list[Candidate], bool]:
        """The people a keyless row may be, and whether the match is strong."""
        strong = self.strong(row)
        if strong:
            return strong, True
        return self.named(row), False


@dataclass
class MatchResult:
    """Which row is which person.

    ``linked`` maps a row's index (in the ``rows`` given) to a person id and how it was found
    (``id``, ``phone``, ``email``); ``unmatched`` lists keyless rows nobody matches (to create);
    ``problems`` adds row errors found while matching (duplicates), by row index.
    """

    linked: dict[int, tuple[int, str]]
    unmatched: list[int]
    review: dict[int, ReviewItem]
    problems: dict[int, list[Problem]]
    claimed: dict[int, int]  # person id -> index of the row that holds it
    # People a doubtful row may be (review candidates, strong candidates of a row with a
    # problem): not appended as new rows, or fixing that row would make a duplicate.
    maybe_present: set[int]


def _contacts(row: MemberRow) -> list[tuple[str, str]]:
    """The row's valid phone and e-mail, as keys of the typed-in-twice index."""
    bad = {p.field for p in row.problems}
    return [(f, row.values[f]) for f in ("phone", "email") if row.values[f] and f not in bad]


def match_rows(
    rows: Sequence[MemberRow],
    index: PeopleIndex,
    known: Mapping[int, int] | None = None,
    *,
    decided: Mapping[int, int] | None = None,
    separate: Collection[int] = (),
) -> MatchResult:
    """Link rows to people. Rows with an id come first (the id is the board's and Zetkin's
    shared key), so a typed-in row that is really someone already listed is the duplicate.

    ``known`` maps a keyless row's index to the person a create planned for that row made (a
    create whose answer was lost, found again): those rows are linked next (``how`` is
    ``create``), before any other row could claim the person by phone or e-mail, and are never
    candidates for a create again.

    A keyless row whose phone or e-mail no Zetkin person has, but an earlier keyless row has, is
    the same new person typed twice: a duplicate of the earlier row, not a second create. A row
    whose id cell is mistyped claims the people it may be (by phone, e-mail or name) without
    being linked, so they are not appended a second time.

    The admin's answers about rows in review (:mod:`bridge.duplicates`): ``decided`` maps a
    keyless row's index to the person chosen as "same person", linked right after the rows
    with an id, as a typed id would be (``how`` is ``decision``); the rows in ``separate`` are
    "different people": nobody in Zetkin is a candidate for them, so they are created (unless
    an earlier new row shares their phone or e-mail).
    """
    result = MatchResult({}, [], {}, defaultdict(list), {}, set())
    claimed = result.claimed
    known = known or {}
    decided = decided or {}
    # (field, value) -> index of the first keyless row holding that phone or e-mail.
    typed: dict[tuple[str, str], int] = {}
    for i, row in enumerate(rows):
        pid = row.zetkin_id
        if pid is None:
            continue
        if pid in claimed:
            earlier = rows[claimed[pid]].number
            result.problems[i].append(Problem("duplicate", "zetkin_id", row.id_text, earlier))
            continue
        claimed[pid] = i
        result.linked[i] = (pid, "id")

    for i, pid in sorted(decided.items()):
        if pid in claimed:
            earlier = rows[claimed[pid]].number
            result.problems[i].append(Problem("duplicate", "zetkin_id", "", earlier))
            continue
        claimed[pid] = i
        result.linked[i] = (pid, "decision")

    for i, pid in sorted(known.items()):
        row = rows[i]
        for contact in _contacts(row):
            typed.setdefault(contact, i)
        if row.problems:
            result.maybe_present.add(pid)
        elif pid in claimed:
            earlier = rows[claimed[pid]].number
            result.problems[i].append(Problem("duplicate", "zetkin_id", "", earlier))
        else:
            claimed[pid] = i
            result.linked[i] = (pid, "create")

    for i, row in enumerate(rows):
        if row.zetkin_id is not None or i in known or i in decided:
            continue
        strong = [] if i in separate else index.strong(row)
        contacts = [] if row.id_text else _contacts(row)
        # Nobody in Zetkin has the row's phone or e-mail, but an earlier new row has.
        first = None if strong else next((typed[c] for c in contacts if c in typed), None)
        for contact in contacts:
            typed.setdefault(contact, i)
        if row.problems:
            # Blocked until the board fixes it; meanwhile whoever it may be is not appended.
            result.maybe_present.update(c.person_id for c in strong)
            if row.invalid_id:
                result.maybe_present.update(c.person_id for c in index.named(row))
            continue
        if len(strong) == 1:
            pid = strong[0].person_id
            if pid in claimed:
                earlier = rows[claimed[pid]].number
                result.problems[i].append(Problem("duplicate", "zetkin_id", "", earlier))
                continue
            claimed[pid] = i
            result.linked[i] = (pid, strong[0].reasons[0])
            continue
        if first is not None:
            earlier = rows[first].number
            result.problems[i].append(Problem("duplicate", "zetkin_id", "", earlier))
            continue
        cell = row.row.cells.get("zetkin_id", "") or next(iter(row.row.cells.values()), "")
        candidates = strong or ([] if i in separate else index.named(row))
        if candidates:
            result.review[i] = ReviewItem(row.number, cell, tuple(candidates))
            result.maybe_present.update(c.person_id for c in candidates)
        else:
            result.unmatched.append(i)
    return result
