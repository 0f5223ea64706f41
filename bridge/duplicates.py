"""The admin's answers about possible duplicates, as the planner's input (issue 16).

A board-added row that may be an existing person goes to review (:mod:`bridge.match`); the
admin answers "same person" (naming one of the candidates) or "different people". The answer
is about *that* row and *those* candidates, so the decision is keyed by the row's key (a
digest of the row's identifying values: the row has no Zetkin id yet, and row numbers move
when the board sorts) and carries the candidates it was made about, all free of personal
data. The subject the admin stores is ``row:<key>:<id>,<id>``; the choice ``same:<id>`` or
``different``.

What the planner does with one (:func:`bridge.reconcile.plan_reconcile`, ``decisions=``):

* the row is still in review with the same candidates: "same person" links the row to the
  chosen person as if the board had typed the id (the usual three-way merge follows);
  "different people" makes the row an ordinary create;
* the row now has a Zetkin id: the question is settled, the decision is closed quietly;
* the row is gone, or its candidates are no longer the ones decided about: the decision is
  closed unapplied, with a notice in the run's report (the row is back in review, if at all).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "CLOSING",
    "DecisionOutcome",
    "DuplicateDecision",
    "anchor_key",
    "parse_duplicate",
    "subject_for",
]

# What became of a decision; all but "waiting" close it once the run is applied.
LINKED, CREATED, SETTLED, GONE, STALE, WAITING = (
    "linked",
    "created",
    "settled",
    "gone",
    "stale",
    "waiting",
)
CLOSING = frozenset({LINKED, CREATED, SETTLED, GONE, STALE})
_KEY_LENGTH = 16


def anchor_key(anchor: Mapping[str, str]) -> str:
    """A short, stable, value-free key of a keyless row's identifying values."""
    text = json.dumps(sorted(anchor.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:_KEY_LENGTH]


def subject_for(row_key: str, candidates: tuple[int, ...]) -> str:
    """The decision's subject: the row's key and the candidates (sorted) it is about."""
    return f"row:{row_key}:{','.join(str(c) for c in sorted(candidates))}"


@dataclass(frozen=True)
class DuplicateDecision:
    """One admin answer: ``same_as`` is the chosen person, ``None`` for different people."""

    id: int
    row_key: str
    candidates: frozenset[int]
    same_as: int | None


def parse_duplicate(decision_id: int, subject: str, choice: str) -> DuplicateDecision | None:
    """The decision a stored subject and choice say, or ``None`` when they are malformed
    (or "same person" names someone not among the candidates)."""
    kind, _, rest = subject.partition(":")
    row_key, _, ids = rest.partition(":")
    if kind != "row" or not row_key or not ids:
        return None
    parts = ids.split(",")
    if not all(p.isdigit() for p in parts):
        return None
    candidates = frozenset(int(p) for p in parts)
    if choice == "different":
        return DuplicateDecision(decision_id, row_key, candidates, None)
    chosen = choice.removeprefix("same:")
    if chosen == choice or not chosen.isdigit() or int(chosen) not in candidates:
        return None
    return DuplicateDecision(decision_id, row_key, candidates, int(chosen))


@dataclass(frozen=True)
class DecisionOutcome:
    """What a run did with decision ``id`` (``outcome``: linked, created, settled, gone,
    stale, waiting), the row it concerned (0: none found) and the person linked."""

    id: int
    outcome: str
    row_number: int = 0
    person_id: int | None = None

    @property
    def closes(self) -> bool:
        return self.outcome in CLOSING

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "outcome": self.outcome,
            "row_number": self.row_number,
            "person_id": self.person_id,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> DecisionOutcome:
        person = data.get("person_id")
        return cls(
            int(str(data["id"])),
            str(data["outcome"]),
            int(str(data.get("row_number") or 0)),
            None if person is None else int(str(person)),
        )
