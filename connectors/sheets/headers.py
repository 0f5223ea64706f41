"""Header mapping: find each logical field's column by its header text.

Boards rename, reorder and re-case columns, so headers are matched by a normalised name
(case-insensitive, all whitespace ignored, Unicode NFC), with aliases from the config. Every
column that maps to no field is the board's own: reported, kept in ``SheetRow.extra``, never
written. Problem texts are Norwegian because board members read them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from bridge.errors import HeaderError
from bridge.messages import t as msg
from bridge.workbook import FieldSpec, TabSpec, default_tab
from config.settings import TabSettings
from connectors.sheets.a1 import col_letter

__all__ = [
    "HeaderProblem",
    "TabLayout",
    "field_specs",
    "map_headers",
    "normalise",
    "raise_for_problems",
    "tab_spec",
]


def normalise(text: str) -> str:
    """``" Vil  Dørbanke "`` and ``"vildørbanke"`` compare equal."""
    text = unicodedata.normalize("NFC", text)
    return "".join(text.split()).casefold()


def tab_spec(tab: TabSettings) -> TabSpec | None:
    """The default workbook's spec for a configured tab, if its logical key is a known one."""
    try:
        return default_tab(tab.key)
    except KeyError:
        return None


def field_specs(tab: TabSettings, spec: TabSpec | None = None) -> dict[str, FieldSpec]:
    """Every field of a configured tab, with its header text taken from the config.

    The config's ``headers`` names the fields; the default spec adds ``owned``/``required``/
    ``validation``. A field only in the spec keeps its default header.
    """
    spec = spec if spec is not None else tab_spec(tab)
    known = {f.key: f for f in spec.fields} if spec else {}
    out: dict[str, FieldSpec] = {}
    for f in known.values():
        header = tab.headers.get(f.key, f.header)
        out[f.key] = FieldSpec(f.key, header, f.owned, f.required, f.validation, f.aliases)
    for key, header in tab.headers.items():
        if key not in out:
            out[key] = FieldSpec(key, header)
    return out


@dataclass(frozen=True)
class HeaderProblem:
    """One problem with a tab's header row; ``fatal`` ones stop the branch before any write."""

    kind: str  # missing | duplicated | merged | missing_tab | unknown | duplicated_board
    tab: str  # the tab's title
    header: str
    message: str
    fatal: bool

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class TabLayout:
    """Where each field of one tab sits, as found in its header row."""

    key: str
    title: str
    columns: Mapping[str, int]  # field key -> 0-based column
    header_row: tuple[str, ...]
    board_columns: Mapping[int, str] = field(default_factory=dict)  # column -> header text
    unknown_headers: tuple[str, ...] = ()
    key_field: str | None = None
    header_at: int = 1  # the sheet row of the header (a board's title rows may come first)

    @property
    def width(self) -> int:
        return len(self.header_row)

    @property
    def first_row(self) -> int:
        """The sheet row of the first data row."""
        return self.header_at + 1


def map_headers(
    tab: TabSettings,
    header_row: Sequence[str],
    spec: TabSpec | None = None,
    language: str = "nb",
) -> tuple[TabLayout, list[HeaderProblem]]:
    """Map a header row to fields; return the layout and every problem found (fatal or not),
    each problem's text in ``language``."""
    spec = spec if spec is not None else tab_spec(tab)
    fields = field_specs(tab, spec)
    wanted: dict[str, str] = {}  # normalised name -> field key
    for key, f in fields.items():
        for name in (f.header, *f.aliases, *tab.aliases.get(key, ())):
            wanted.setdefault(normalise(name), key)
    header = tuple("" if h is None else str(h) for h in header_row)
    found: dict[str, list[int]] = {}
    board: dict[int, str] = {}
    board_seen: dict[str, list[int]] = {}
    for col, text in enumerate(header):
        name = normalise(text)
        if not name:
            continue
        field_key = wanted.get(name)
        if field_key is None:
            board[col] = text.strip()
            board_seen.setdefault(name, []).append(col)
        else:
            found.setdefault(field_key, []).append(col)

    title = tab.title
    problems: list[HeaderProblem] = []
    whole = bool(spec and spec.whole)
    for key, cols in found.items():
        if len(cols) > 1:
            where = msg("sheets.header_and", language).join(col_letter(c) for c in cols)
            header_text = fields[key].header
            problems.append(
                HeaderProblem(
                    "duplicated",
                    title,
                    header_text,
                    msg(
                        "sheets.header_duplicated",
                        language,
                        tab=title,
                        header=header_text,
                        where=where,
                    ),
                    True,
                )
            )
    for key, f in fields.items():
        if f.required and key not in found and not whole:
            problems.append(
                HeaderProblem(
                    "missing",
                    title,
                    f.header,
                    msg("sheets.header_missing", language, tab=title, header=f.header),
                    True,
                )
            )
    unknown = tuple(board.values())
    if not whole:
        for text in unknown:
            problems.append(
                HeaderProblem(
                    "unknown",
                    title,
                    text,
                    msg("sheets.header_unknown", language, tab=title, header=text),
                    False,
                )
            )
        for cols in board_seen.values():
            if len(cols) > 1:
                text = header[cols[0]].strip()
                problems.append(
                    HeaderProblem(
                        "duplicated_board",
                        title,
                        text,
                        msg("sheets.header_board_twice", language, tab=title, header=text),
                        False,
                    )
                )
    layout = TabLayout(
        key=tab.key,
        title=title,
        columns={k: cols[0] for k, cols in found.items()},
        header_row=header,
        board_columns=board,
        unknown_headers=unknown,
        key_field=spec.key_field if spec else None,
    )
    return layout, problems


def raise_for_problems(problems: Iterable[HeaderProblem]) -> None:
    """Raise one :class:`HeaderError` naming every fatal problem (tab and header)."""
    fatal = [p for p in problems if p.fatal]
    if not fatal:
        return
    tabs = sorted({p.tab for p in fatal})
    raise HeaderError(
        " ".join(p.message for p in fatal),
        where=", ".join(f"fanen «{t}»" for t in tabs),
        hint="Ingenting er skrevet til regnearket. Rett overskriftene og kjør på nytt.",
    )
