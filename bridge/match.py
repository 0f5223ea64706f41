"""Linking members-tab rows to Zetkin people, without ever merging on a guess.

A row with a ``Zetkin-ID`` is linked by it. A row the board added (no id) is linked when its
phone or e-mail points at exactly one person (a *strong* match). Several candidates, or only a
*weak* match (same folded name and district), go to a review list with the candidates and the
reasons: a person decides. Two rows that land on the same person are a row error on the later
one ("Mulig duplikat av rad 17"), so nothing is linked twice.

Everything is dictionary lookups over indices built once: no pairwise comparison of rows and
people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bridge.members import MemberRow
from bridge.normalise import Problem

__all__ = ["Candidate", "MatchResult", "PeopleIndex", "ReviewItem", "match_rows"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A Zetkin person a row may be, and why (``phone``, ``email``, ``name_district``)."""

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

    def to_dict(self) -> dict[str, object]:
        return {
            "row_number": self.row_number,
            "cell": self.cell,
            "candidates": [c.to_dict() for c in self.candidates],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ReviewItem:
        candidates = data["candidates"]
        assert isinstance(candidates, list)
        return cls(
            int(str(data["row_number"])),
            str(data["cell"]),
            tuple(Candidate.from_dict(c) for c in candidates),
        )


class PeopleIndex:
    """Zetkin people by normalised phone, e-mail and (folded name, district), built once."""

    def __init__(self, values: Mapping[int, Mapping[str, str]], folded: Mapping[int, str]) -> None:
        self.by_phone: dict[str, list[int]] = defaultdict(list)
        self.by_email: dict[str, list[int]] = defaultdict(list)
        self.by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
        for pid, vals in values.items():
            if vals["phone"]:
                self.by_phone[vals["phone"]].append(pid)
            if vals["email"]:
                self.by_email[vals["email"]].append(pid)
            name = folded.get(pid, "")
            if name:
                self.by_name[(name, vals["district"].casefold())].append(pid)

    def candidates(self, row: MemberRow) -> tuple[list[Candidate], bool]:
        """The people a keyless row may be, and whether the match is strong."""
        reasons: dict[int, list[str]] = {}
        phone = row.values["phone"]
        for pid in self.by_phone.get(phone, ()) if phone else ():
            reasons.setdefault(pid, []).append("phone")
        email = row.values["email"]
        for pid in self.by_email.get(email, ()) if email else ():
            reasons.setdefault(pid, []).append("email")
        if reasons:
            return [Candidate(pid, tuple(r)) for pid, r in sorted(reasons.items())], True
        if row.folded_name:
            key = (row.folded_name, row.values["district"].casefold())
            weak = self.by_name.get(key, ())
            return [Candidate(pid, ("name_district",)) for pid in sorted(weak)], False
        return [], False


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


def match_rows(rows: Sequence[MemberRow], index: PeopleIndex) -> MatchResult:
    """Link rows to people. Rows with an id come first (the id is the board's and Zetkin's
    shared key), so a typed-in row that is really someone already listed is the duplicate."""
    result = MatchResult({}, [], {}, defaultdict(list), {}, set())
    claimed = result.claimed
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

    for i, row in enumerate(rows):
        if row.zetkin_id is not None or row.id_text:
            continue
        candidates, strong = index.candidates(row)
        if row.problems:
            if strong:
                result.maybe_present.update(c.person_id for c in candidates)
            continue
        if strong and len(candidates) == 1:
            pid = candidates[0].person_id
            if pid in claimed:
                earlier = rows[claimed[pid]].number
                result.problems[i].append(Problem("duplicate", "zetkin_id", "", earlier))
                continue
            claimed[pid] = i
            result.linked[i] = (pid, candidates[0].reasons[0])
        elif candidates:
            cell = row.row.cells.get("zetkin_id", "") or next(iter(row.row.cells.values()), "")
            result.review[i] = ReviewItem(row.number, cell, tuple(candidates))
            result.maybe_present.update(c.person_id for c in candidates)
        else:
            result.unmatched.append(i)
    return result
