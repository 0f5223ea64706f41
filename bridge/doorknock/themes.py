"""What voters said at the door (``Innspill``), for the programme committee.

Each cell is split into items (one per line, ";" or bullet; a long run of sentences into
sentences), each item is given a theme by keyword (a configurable list per theme; the first
theme with the most hits wins, no hit is "Annet"), and the items are grouped by theme, then
district, with counts and the dates of the rounds they came from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from bridge.normalise import clean_text, fold_name

__all__ = [
    "DEFAULT_THEMES",
    "MAX_ITEM",
    "OTHER",
    "Digest",
    "Item",
    "ThemeGroup",
    "build_digest",
    "classify",
    "split_items",
]

OTHER = "Annet"
MAX_ITEM = 500  # characters kept of one item (the rest is cut, and the row says so)
LONG_ITEM = 240  # an item longer than this is split into its sentences

# Keywords are word starts, folded ("bolig" hits "boligpriser", "Boligen").
DEFAULT_THEMES: Mapping[str, tuple[str, ...]] = {
    "Bolig": ("bolig", "husleie", "leie", "leilighet", "utleie", "eiendom", "hus ", "bostøtte"),
    "Kollektivtransport": (
        "buss", "trikk", "tog", "bane", "kollektiv", "billett", "rute", "atb", "ruter",
        "holdeplass", "t-bane",
    ),
    "Skole": ("skole", "lærer", "elev", "barnehage", "sfo", "aks", "utdanning", "leksehjelp"),
    "Helse": ("helse", "lege", "fastlege", "sykehus", "legevakt", "psykisk", "tannlege"),
    "Eldreomsorg": ("eldre", "sykehjem", "hjemmetjeneste", "omsorg", "pleie", "pensjonist"),
    "Klima og miljø": ("klima", "miljø", "forurens", "natur", "grønt", "søppel", "sykkel",
                       "utslipp", "støy", "park"),
    "Kultur": ("kultur", "bibliotek", "idrett", "fritid", "konsert", "museum", "ungdomsklubb",
               "fritidsklubb"),
    "Økonomi og skatt": ("skatt", "avgift", "økonomi", "pris", "strøm", "lønn", "dyrtid",
                         "eiendomsskatt", "matpris", "gebyr"),
    "Arbeid": ("jobb", "arbeid", "ledig", "nav", "fagforening", "arbeidsplass"),
    "Trygghet": ("trygg", "politi", "kriminalitet", "rus", "belysning", "lys "),
}  # fmt: skip

_SPLIT = re.compile(r"\s*(?:\r?\n|;|•|·|\u2022|(?:^|\s)[-–*]\s)\s*")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9«\"])")


@dataclass(frozen=True)
class Item:
    """One thing said, with where it came from."""

    text: str
    theme: str
    district: str
    round_id: str
    day: date | None
    cut: bool = False


def split_items(cell: str) -> tuple[list[str], bool]:
    """The items of one cell, and whether any was cut to :data:`MAX_ITEM` characters."""
    cut = False
    out: list[str] = []
    for part in _SPLIT.split(cell or ""):
        part = clean_text(part)
        pieces = _SENTENCE.split(part) if len(part) > LONG_ITEM else [part]
        for piece in pieces:
            piece = clean_text(piece).strip(" -–*")
            if not piece:
                continue
            if len(piece) > MAX_ITEM:
                piece, cut = piece[: MAX_ITEM - 1].rstrip() + "…", True
            out.append(piece)
    return out, cut


def _prepared(themes: Mapping[str, Sequence[str]]) -> list[tuple[str, tuple[str, ...]]]:
    return [(name, tuple(fold_name(w) for w in words if w.strip())) for name, words in
            themes.items()]  # fmt: skip


def classify(text: str, themes: Sequence[tuple[str, tuple[str, ...]]]) -> str:
    """The theme with the most keyword hits at word starts (first listed wins a tie)."""
    words = " " + fold_name(text).replace("/", " ") + " "
    best, hits = OTHER, 0
    for name, keys in themes:
        count = sum(words.count(" " + k) for k in keys if k)
        if count > hits:
            best, hits = name, count
    return best


@dataclass(frozen=True)
class ThemeGroup:
    theme: str
    count: int
    by_district: Mapping[str, tuple[Item, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Digest:
    """The grouped items: themes by count (most first, "Annet" last)."""

    groups: tuple[ThemeGroup, ...]
    total: int

    def to_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "groups": [
                {
                    "theme": g.theme,
                    "count": g.count,
                    "districts": {
                        d: [[i.text, i.round_id, i.day.isoformat() if i.day else None]
                            for i in items]
                        for d, items in g.by_district.items()
                    },
                }
                for g in self.groups
            ],
        }  # fmt: skip


def build_digest(
    sources: Sequence[tuple[str, str, str, date | None]],
    themes: Mapping[str, Sequence[str]] = DEFAULT_THEMES,
) -> Digest:
    """Group ``(cell, district, round_id, day)`` sources into a :class:`Digest`."""
    prepared = _prepared(themes)
    items: list[Item] = []
    for cell, district, rid, day in sources:
        texts, cut = split_items(cell)
        items.extend(Item(x, classify(x, prepared), district, rid, day, cut) for x in texts)
    order = {name: i for i, (name, _) in enumerate(prepared)}
    grouped: dict[str, dict[str, list[Item]]] = {}
    for item in items:
        grouped.setdefault(item.theme, {}).setdefault(item.district or "?", []).append(item)
    groups = [
        ThemeGroup(
            theme,
            sum(len(v) for v in districts.values()),
            {d: tuple(sorted(v, key=_when)) for d, v in sorted(districts.items())},
        )
        for theme, districts in grouped.items()
    ]
    groups.sort(key=lambda g: (g.theme == OTHER, -g.count, order.get(g.theme, 99), g.theme))
    return Digest(tuple(groups), len(items))


def _when(item: Item) -> tuple[date, str]:
    return (item.day or date.min, item.text)
