"""The work plan's numbers from the ledger's call state, and small SVG bar charts of them.

The charts are plain data (bars with their coordinates) that a template draws as ``<svg>``: no
script, no chart library, readable by a screen reader through each bar's title.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

__all__ = ["Bar", "Chart", "RoundProgress", "WelcomeMonth", "bar_chart", "welcome_calls"]

WIDTH, HEIGHT, PAD = 480, 160, 24


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    x: float
    y: float
    width: float
    height: float
    warn: bool = False


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - PAD


def bar_chart(
    items: Sequence[tuple[str, float, str]], *, top: float | None = None, warn_below: float = -1
) -> Chart:
    """Bars for ``(label, value, shown text)``; ``top`` is the value of a full-height bar."""
    if not items:
        return Chart(())
    highest = top if top is not None else max((v for _, v, _ in items), default=0) or 1
    slot = (WIDTH - PAD) / len(items)
    usable = HEIGHT - 2 * PAD
    bars = []
    for i, (label, value, text) in enumerate(items):
        h = usable * min(value / highest, 1.0) if highest else 0
        bars.append(
            Bar(
                label,
                value,
                text,
                x=PAD / 2 + i * slot + slot * 0.15,
                y=HEIGHT - PAD - h,
                width=slot * 0.7,
                height=h,
                warn=value < warn_below,
            )
        )
    return Chart(tuple(bars))


@dataclass(frozen=True)
class WelcomeMonth:
    month: str
    new: int
    in_time: int

    @property
    def share(self) -> float:
        return self.in_time / self.new if self.new else 0.0


@dataclass(frozen=True)
class RoundProgress:
    id: str
    name: str
    total: int
    finished: int
    reached: int


def _first_attempt(history: Iterable[Any]) -> datetime | None:
    times = []
    for attempt in history or []:
        try:
            times.append(datetime.fromisoformat(str(attempt["at"])))
        except (KeyError, TypeError, ValueError):
            continue
    return min(times) if times else None


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def welcome_calls(tasks: Iterable[Any], within: timedelta) -> list[WelcomeMonth]:
    """Per month a welcome call was created: how many, and how many were called in time."""
    new: dict[str, int] = defaultdict(int)
    in_time: dict[str, int] = defaultdict(int)
    for task in tasks:
        if task.kind != "welcome":
            continue
        created = _aware(task.created)
        month = f"{created.year:04d}-{created.month:02d}"
        new[month] += 1
        first = _first_attempt(task.history)
        if first is not None and _aware(first) - created <= within:
            in_time[month] += 1
    return [WelcomeMonth(m, new[m], in_time[m]) for m in sorted(new)]


def overdue(tasks: Iterable[Any], today: date) -> int:
    """Welcome calls not yet made whose due date has passed."""
    return sum(
        1
        for task in tasks
        if task.kind == "welcome" and task.state in ("open", "waiting") and task.due < today
    )


def rounds(round_rows: Iterable[Any], tasks: Iterable[Any]) -> list[RoundProgress]:
    total: dict[str, int] = defaultdict(int)
    finished: dict[str, int] = defaultdict(int)
    reached: dict[str, int] = defaultdict(int)
    for task in tasks:
        if task.kind != "round" or not task.round_id:
            continue
        total[task.round_id] += 1
        if task.state in ("done", "cancelled", "followup"):
            finished[task.round_id] += 1
        if task.outcome == "nådd":
            reached[task.round_id] += 1
    return [
        RoundProgress(r.id, r.name, total[r.id], finished[r.id], reached[r.id]) for r in round_rows
    ]
