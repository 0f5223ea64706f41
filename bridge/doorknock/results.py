"""Results of door-knocking: one row per team per round (``Dørbankresultater``), and Zetkin's
canvassing stats where an area assignment belongs to a round, as a source of its own.

A team row is counted once: a second row for the same round and team is flagged and left out,
and a row for a team whose numbers Zetkin already has (the assignment of that round and team)
is flagged and left out, so nothing is counted twice. A row with a number that cannot be read
is not counted at all (the row says why); an empty cell is *unknown*, never zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bridge.doorknock.read import parse_count
from bridge.doorknock.rounds import RoundIndex
from bridge.doorknock.themes import MAX_ITEM, split_items
from bridge.messages import t
from bridge.normalise import clean_text, fold_name
from bridge.sheet import SheetRow

__all__ = ["COUNTS", "TeamResult", "ZetkinTally", "parse_results"]

# The counted fields and the words a row's messages name them by.
COUNTS: tuple[tuple[str, str], ...] = (
    ("doors_knocked", "Dører banket"),
    ("doors_opened", "Åpnet"),
    ("conversations", "Samtaler"),
    ("new_contacts", "Nye kontakter"),
)
ZETKIN_TEAM = "Zetkin"


@dataclass(frozen=True)
class ZetkinTally:
    """An area assignment's stats, for the round (and team) its title names."""

    assignment_id: int
    round_id: str
    team: str
    doors_knocked: int | None
    doors_opened: int | None
    conversations: int | None = None
    new_contacts: int | None = None


@dataclass(frozen=True)
class TeamResult:
    """One team's numbers for one round, from a sheet row or from Zetkin."""

    round_id: str | None
    team: str
    source: str  # "sheet" | "zetkin"
    numbers: tuple[int | None, int | None, int | None, int | None]
    counted: bool
    row: SheetRow | None = None
    errors: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    input_text: str = ""
    duplicate: bool = False  # a second row for the same round and team

    def get(self, key: str) -> int | None:
        return self.numbers[[k for k, _ in COUNTS].index(key)]


def _team_key(team: str) -> str:
    return fold_name(team) or "?"


def parse_results(
    rows: Sequence[SheetRow], index: RoundIndex, tallies: Sequence[ZetkinTally] = ()
) -> tuple[TeamResult, ...]:
    """Every results row read and judged, then Zetkin's tallies (always counted)."""
    zetkin_teams = {(z.round_id, _team_key(z.team)) for z in tallies}
    zetkin_rounds = {z.round_id for z in tallies}
    seen: dict[tuple[str, str], int] = {}
    out: list[TeamResult] = []
    for row in rows:
        errors: list[str] = []
        notes: list[str] = []
        ref = index.resolve(row.get("round"))
        rid = ref.value.round_id if ref.value else None
        if ref.error:
            errors.append(ref.error)
        if ref.note:
            notes.append(ref.note)
        numbers: list[int | None] = []
        for field_key, label in COUNTS:
            reading = parse_count(row.get(field_key), label)
            numbers.append(reading.value)
            if reading.error:
                errors.append(reading.error)
            if reading.note:
                notes.append(reading.note)
        knocked, opened = numbers[0], numbers[1]
        if knocked is not None and opened is not None and opened > knocked:
            notes.append(t("dk.result.opened_more", opened=opened, knocked=knocked))
        if split_items(row.get("input"))[1]:
            notes.append(t("dk.input.cut", n=MAX_ITEM))
        team = clean_text(row.get("team"))
        counted = not errors
        duplicate = False
        if counted and rid is not None:
            key = (rid, _team_key(team))
            if key in zetkin_teams or (not team and rid in zetkin_rounds):
                errors.append(t("dk.result.in_zetkin"))
                counted = False
            elif key in seen:
                errors.append(t("dk.result.team_twice", team=team or "?", row=seen[key]))
                counted, duplicate = False, True
            else:
                seen[key] = row.row_number
        out.append(
            TeamResult(
                round_id=rid,
                team=team,
                source="sheet",
                numbers=(numbers[0], numbers[1], numbers[2], numbers[3]),
                counted=counted,
                row=row,
                errors=tuple(errors),
                notes=tuple(notes),
                input_text=row.get("input"),
                duplicate=duplicate,
            )
        )
    for z in tallies:
        out.append(
            TeamResult(
                round_id=z.round_id,
                team=z.team or ZETKIN_TEAM,
                source="zetkin",
                numbers=(z.doors_knocked, z.doors_opened, z.conversations, z.new_contacts),
                counted=True,
            )
        )
    return tuple(out)
