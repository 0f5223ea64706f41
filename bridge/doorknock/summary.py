"""``Oppsummering``: per round, per district and per year, with the work plan's rules.

One flat table with a header row (so the tab can be filtered and compared cell by cell): the
first column says which part a row belongs to. Numbers are sums of the counted team results;
an unknown number adds nothing (the note says how many teams lacked it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from bridge.doorknock.results import TeamResult
from bridge.doorknock.rounds import Round
from bridge.messages import t
from bridge.normalise import fold_name

__all__ = ["HEADER", "Totals", "summary_table", "totals_by_round"]

HEADER = (
    "Del", "Runde", "Dato", "Bydel", "Lag", "Dører banket", "Åpnet", "Samtaler",
    "Nye kontakter", "Dørbankgeneral", "Debrief", "Merknad",
)  # fmt: skip


@dataclass
class Totals:
    teams: int = 0
    sums: tuple[int, int, int, int] = (0, 0, 0, 0)
    unknown: int = 0  # team results with at least one number unknown

    def add(self, result: TeamResult) -> None:
        self.teams += 1
        self.sums = tuple(  # type: ignore[assignment]
            s + (n or 0) for s, n in zip(self.sums, result.numbers, strict=True)
        )
        if any(n is None for n in result.numbers):
            self.unknown += 1

    def merge(self, other: Totals) -> None:
        self.teams += other.teams
        self.sums = tuple(a + b for a, b in zip(self.sums, other.sums, strict=True))  # type: ignore[assignment]
        self.unknown += other.unknown

    def cells(self) -> list[str]:
        return [str(self.teams), *(str(s) for s in self.sums)]


def totals_by_round(results: Iterable[TeamResult]) -> dict[str, Totals]:
    out: dict[str, Totals] = {}
    for r in results:
        if r.counted and r.round_id:
            out.setdefault(r.round_id, Totals()).add(r)
    return out


def _day(d: date | None) -> str:
    return d.strftime("%d.%m.%Y") if d else ""


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Ja" if value else "Nei")


def summary_table(
    rounds: Sequence[Round],
    results: Sequence[TeamResult],
    *,
    today: date,
    districts: Sequence[str],
    goal: int = 10,
    stale_days: int = 60,
    contacts: tuple[int, int] = (0, 0),
) -> list[list[str]]:
    """The whole ``Oppsummering`` tab as rows of text (the header first)."""
    held = [r for r in rounds if r.ok and not r.cancelled]
    held.sort(key=lambda r: (r.date or date.min, r.district, r.round_id))
    totals = totals_by_round(results)
    table: list[list[str]] = [list(HEADER)]
    part = t("dk.sum.part_round")
    for r in held:
        tot = totals.get(r.round_id, Totals())
        notes = []
        if not r.leader:
            notes.append(t("dk.sum.no_leader"))
        if tot.unknown:
            notes.append(t("dk.sum.unknown", n=tot.unknown))
        if r.date and r.date > today:
            notes.append(t("dk.sum.planned"))
        table.append(
            [part, r.round_id, _day(r.date), r.district, *tot.cells(), r.leader,
             _yes_no(r.debrief), "; ".join(notes)]
        )  # fmt: skip
    # Per district.
    last: dict[str, date] = {}
    for r in held:
        if r.date and r.date <= today and r.date > last.get(r.district, date.min):
            last[r.district] = r.date
    names = list(dict.fromkeys([*districts, *(r.district for r in held)]))
    part = t("dk.sum.part_district")
    for name in names:
        tot = Totals()
        count = 0
        for r in held:
            if r.district == name:
                count += 1
                tot.merge(totals.get(r.round_id, Totals()))
        seen = last.get(name)
        note = (
            t("dk.sum.last_round", date=_day(seen))
            if seen and (today - seen).days <= stale_days
            else t("dk.sum.stale", days=stale_days)
        )
        table.append([part, t("dk.sum.rounds", n=count), "", name, *tot.cells(), "", "", note])
    # Per year.
    part = t("dk.sum.part_year")
    years = sorted({r.date.year for r in held if r.date})
    for year in years:
        in_year = [r for r in held if r.date and r.date.year == year]
        tot = Totals()
        for r in in_year:
            tot.merge(totals.get(r.round_id, Totals()))
        leaders = {fold_name(r.leader) for r in in_year if r.leader}
        debriefs = sum(1 for r in in_year if r.debrief)
        per_day: dict[date, int] = {}
        for r in in_year:
            assert r.date is not None
            per_day[r.date] = per_day.get(r.date, 0) + totals.get(r.round_id, Totals()).teams
        busiest = max(per_day.values(), default=0)
        table.append(
            [part, t("dk.sum.rounds_goal", n=len(in_year), goal=goal), str(year), "",
             *tot.cells(), t("dk.sum.leaders", n=len(leaders)),
             t("dk.sum.debriefs", n=debriefs, of=len(in_year)),
             t("dk.sum.busiest", n=busiest)]
        )  # fmt: skip
    # The work plan's rules, where the board looks.
    part = t("dk.sum.part_rule")
    this_year = [r for r in held if r.date and r.date.year == today.year]
    done = [r for r in this_year if r.date and r.date <= today]
    stale = [n for n in names if not (last.get(n) and (today - last[n]).days <= stale_days)]
    no_leader = [r.round_id for r in held if not r.leader]
    no_debrief = [r.round_id for r in held if r.date and r.date <= today and not r.debrief]
    leaders = {fold_name(r.leader) for r in this_year if r.leader}
    days: dict[date, int] = {}
    for r in this_year:
        assert r.date is not None
        days[r.date] = days.get(r.date, 0) + totals.get(r.round_id, Totals()).teams
    busiest_day = max(days.items(), key=lambda kv: (kv[1], kv[0]), default=None)
    none = t("dk.sum.none")
    rules = [
        (t("dk.rule.rounds_year", year=today.year),
         t("dk.rule.rounds_value", done=len(done), planned=len(this_year) - len(done), goal=goal)),
        (t("dk.rule.stale", days=stale_days), ", ".join(stale) or none),
        (t("dk.rule.no_leader"), ", ".join(no_leader) or none),
        (t("dk.rule.no_debrief"), ", ".join(no_debrief) or none),
        (t("dk.rule.leaders"), str(len(leaders))),
        (t("dk.rule.busiest"),
         f"{busiest_day[1]} ({_day(busiest_day[0])})" if busiest_day else "0"),
        (t("dk.rule.contacts"),
         t("dk.rule.contacts_value", consent=contacts[0], other=contacts[1])),
    ]  # fmt: skip
    for label, value in rules:
        table.append([part, label, "", "", "", "", "", "", "", "", "", value])
    return table
