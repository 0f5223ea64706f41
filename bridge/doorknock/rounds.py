"""Door-knocking rounds as the board plans them (``Dørbankrunder``), and the one rule for what a
``Runde`` cell in any other tab names.

A round is a row with a date and a district. The bridge gives it a ``Runde-ID`` the first time
it sees it (made from the date and district, so the same sheet gives the same ids; kept
forever after, whatever is edited). Elsewhere a round is named by that id or as the board
writes it, "12.3 Heimdal": a name that fits no round, or two, is an error that says which.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bridge.doorknock.read import Reading, find_date, match_district, parse_day, parse_flag
from bridge.messages import t
from bridge.normalise import clean_text, fold_name
from bridge.sheet import SheetRow, person_id_of

__all__ = ["Round", "RoundIndex", "new_round_id", "parse_rounds"]


@dataclass(frozen=True)
class Round:
    """One row of ``Dørbankrunder``, read. ``errors`` keep it out of Zetkin and the totals;
    ``notes`` are shown on the row (a year added, a district guessed)."""

    row: SheetRow
    round_id: str
    new_id: bool
    date: date | None
    district: str
    area: str = ""
    leader: str = ""
    meeting_point: str = ""
    cancelled: bool = False
    debrief: bool | None = None
    event_id: int | None = None
    errors: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors and self.date is not None and bool(self.district)

    @property
    def label(self) -> str:
        """How the board names the round: "12.03.2026 Heimdal"."""
        when = self.date.strftime("%d.%m.%Y") if self.date else "?"
        return f"{when} {self.district}".strip()


def new_round_id(when: date, district: str, taken: Iterable[str]) -> str:
    """``R260312-HEI``: the date and the district's first letters; ``-2``… on a clash."""
    letters = "".join(ch for ch in fold_name(district).upper() if ch.isalpha())[:3] or "X"
    base = f"R{when:%y%m%d}-{letters}"
    used = {x.casefold() for x in taken}
    candidate, n = base, 2
    while candidate.casefold() in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _collect(*readings: Reading[Any]) -> tuple[list[str], list[str]]:
    errors = [r.error for r in readings if r.error]
    notes = [r.note for r in readings if r.note]
    return errors, notes


def parse_rounds(
    rows: Sequence[SheetRow], *, year: int, districts: Sequence[str]
) -> tuple[Round, ...]:
    """Every rounds row, read; new rows get an id (unique in the tab, stable for the sheet)."""
    taken = [r.get("round_id").strip() for r in rows if r.get("round_id").strip()]
    seen: set[str] = set()
    out: list[Round] = []
    for row in rows:
        day = parse_day(row.get("date"), year)
        district = match_district(row.get("district"), districts)
        cancelled = parse_flag(row.get("cancelled"), "Avlyst")
        debrief = parse_flag(row.get("debrief"), "Debrief")
        errors, notes = _collect(day, district, cancelled, debrief)
        if not row.get("date").strip():
            errors.insert(0, t("dk.round.no_date"))
        if not row.get("district").strip():
            errors.append(t("dk.round.no_district"))
        event = person_id_of(row.get("zetkin_id"))
        event_id = event if isinstance(event, int) else None
        if row.get("zetkin_id").strip() and event_id is None:
            errors.append(t("dk.round.bad_event_id", value=row.get("zetkin_id").strip()))
        rid = row.get("round_id").strip()
        new = not rid
        if rid and rid.casefold() in seen:
            errors.append(t("dk.round.id_twice", value=rid))
        if new and day.value is not None and district.value:
            rid = new_round_id(day.value, district.value, taken)
            taken.append(rid)
        seen.add(rid.casefold())
        out.append(
            Round(
                row=row,
                round_id=rid,
                new_id=new and bool(rid),
                date=day.value,
                district=district.value or clean_text(row.get("district")),
                area=clean_text(row.get("area")),
                leader=clean_text(row.get("leader")),
                meeting_point=clean_text(row.get("meeting_point")),
                cancelled=bool(cancelled.value),
                debrief=debrief.value,
                event_id=event_id,
                errors=tuple(errors),
                notes=tuple(notes),
            )
        )
    return tuple(out)


@dataclass
class RoundIndex:
    """Rounds by id and by (date, district): what a ``Runde`` cell may name."""

    rounds: Sequence[Round]
    districts: Sequence[str]
    year: int
    by_id: dict[str, Round] = field(default_factory=dict)
    by_day: dict[tuple[date, str], list[Round]] = field(default_factory=dict)
    on_day: dict[date, list[Round]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for r in self.rounds:
            if r.round_id:
                self.by_id.setdefault(r.round_id.casefold(), r)
            if r.date is not None and r.district:
                self.by_day.setdefault((r.date, r.district), []).append(r)
                self.on_day.setdefault(r.date, []).append(r)

    def resolve(self, raw: str) -> Reading[Round]:
        """The round ``raw`` names: by id ("R260312-HEI"), or date and district ("12.3
        Heimdal", "12. mars Heimdal"), or a date alone when one round is on that day."""
        text = clean_text(raw)
        if not text:
            return Reading(error=t("dk.ref.empty"))
        hit = self.by_id.get(text.casefold())
        if hit is not None:
            return Reading(hit)
        when, rest = find_date(text, self.year)
        if when.value is None:
            return Reading(error=t("dk.ref.none", value=text))
        notes: list[str] = []
        if rest:
            district = match_district(rest, self.districts)
            if district.value is None:
                return Reading(error=district.error or t("dk.ref.none", value=text))
            if district.note:
                notes.append(district.note)
            found = self.by_day.get((when.value, district.value), [])
        else:
            found = self.on_day.get(when.value, [])
        if not found:
            return Reading(error=t("dk.ref.none", value=text))
        if len(found) > 1:
            ids = ", ".join(r.round_id for r in found)
            return Reading(error=t("dk.ref.two", value=text, ids=ids))
        return Reading(found[0], note="; ".join(notes) or None)


def by_id(rounds: Iterable[Round]) -> Mapping[str, Round]:
    return {r.round_id: r for r in rounds if r.round_id}
