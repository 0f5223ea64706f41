"""The default workbook (DESIGN.md): logical tabs, their fields and default header names.

Code refers to tabs and columns by *logical keys* (``"members"``, ``"phone"``); the header text
a board actually sees is configuration, defaulting to the names below. ``owned`` fields are
written by the bridge; every other column is the board's and is never written.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_TABS", "FieldSpec", "TabSpec", "default_tab"]


@dataclass(frozen=True)
class FieldSpec:
    """One column of a tab: logical key, default header, and who writes it."""

    key: str
    header: str
    owned: bool = False
    required: bool = False
    validation: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # other headers accepted for it when reading


@dataclass(frozen=True)
class TabSpec:
    """One tab of the default workbook; ``key_field`` identifies rows (never row numbers)."""

    key: str
    title: str
    fields: tuple[FieldSpec, ...]
    key_field: str | None = None
    whole: bool = False  # written whole by the bridge (a report tab)

    def field(self, key: str) -> FieldSpec:
        for spec in self.fields:
            if spec.key == key:
                return spec
        raise KeyError(key)


YES_NO = ("Ja", "Nei")
OUTCOMES = (
    "nådd",
    "ikke svar",
    "opptatt",
    "ring tilbake",
    "feil nummer",
    "ønsker ikke kontakt",
    "lagt igjen beskjed",
)

F = FieldSpec
DEFAULT_TABS: tuple[TabSpec, ...] = (
    TabSpec(
        "members",
        "Medlemmer",
        (
            F("zetkin_id", "Zetkin-ID", owned=True, required=True),
            F("first_name", "Fornavn", required=True),
            F("last_name", "Etternavn", required=True),
            F("phone", "Telefon", required=True),
            F("email", "E-post", required=True),
            F("district", "Bydel"),
            F("joined", "Innmeldt", owned=True),
            F("door_knock", "Vil dørbanke", validation=YES_NO),
            F("will_call", "Vil ringe", validation=YES_NO),
            F("status", "Synkstatus", owned=True, required=True),
        ),
        key_field="zetkin_id",
    ),
    TabSpec(
        "callers",
        "Ringere",
        (
            F("name", "Navn", required=True),
            F("phone", "Telefon"),
            F("email", "E-post"),
            F("zetkin_id", "Zetkin-ID"),
            F("capacity", "Kapasitet per uke"),
            F("districts", "Bydeler"),
            F("active", "Aktiv", validation=YES_NO),
        ),
    ),
    TabSpec(
        "call_list",
        "Ringeliste",
        (
            F("task_id", "Oppgave-ID", owned=True, required=True),
            F("caller", "Ringer", owned=True),
            F("name", "Navn", owned=True),
            F("phone", "Telefon", owned=True),
            F("district", "Bydel", owned=True),
            F("type", "Type", owned=True),
            F("due", "Frist", owned=True),
            F("outcome", "Resultat", validation=OUTCOMES),
            F("door_knock", "Vil dørbanke", validation=YES_NO),
            F("will_call", "Vil ringe", validation=YES_NO),
            F("note", "Notat"),
            F("status", "Synkstatus", owned=True),
        ),
        key_field="task_id",
    ),
    TabSpec(
        "call_rounds",
        "Ringerunder",
        (
            F("name", "Navn", required=True),
            F("purpose", "Formål"),
            F("target", "Målgruppe"),
            F("start", "Start"),
            F("end", "Slutt"),
            F("status", "Status", owned=True),
        ),
        key_field="name",
    ),
    TabSpec(
        "doorknock_rounds",
        "Dørbankrunder",
        (
            F("round_id", "Runde-ID", owned=True),
            F("date", "Dato"),
            F("district", "Bydel"),
            F("area", "Område"),
            F("leader", "Dørbankgeneral"),
            F("meeting_point", "Oppmøtested"),
            F("cancelled", "Avlyst", validation=YES_NO),
            F("debrief", "Debrief", validation=YES_NO),
            F("signed_up", "Påmeldte", owned=True),
            F("zetkin_id", "Zetkin-ID", owned=True),
            F("status", "Synkstatus", owned=True),
        ),
        key_field="round_id",
    ),
    TabSpec(
        "doorknock_signups",
        "Dørbankpåmelding",
        (
            F("name", "Navn"),
            F("phone", "Telefon"),
            F("email", "E-post"),
            F("round", "Runde"),
            F("source", "Kilde"),
            F("status", "Synkstatus", owned=True),
        ),
    ),
    TabSpec(
        "doorknock_results",
        "Dørbankresultater",
        (
            F("round", "Runde"),
            F("team", "Lag"),
            F("doors_knocked", "Dører banket", aliases=("Dører", "Banket på", "Banket")),
            F("doors_opened", "Åpnet", aliases=("Åpnet døra", "Åpnet døren", "Åpne dører")),
            F("conversations", "Samtaler", aliases=("Samtaler/prat", "Prat")),
            F("new_contacts", "Nye kontakter"),
            F("input", "Innspill"),
            F("experiences", "Erfaringer"),
            F("status", "Synkstatus", owned=True),
        ),
    ),
    TabSpec(
        "new_contacts",
        "Nye kontakter",
        (
            F("name", "Navn"),
            F("phone", "Telefon"),
            F("email", "E-post"),
            F("district", "Bydel"),
            F("consent", "Samtykke", validation=YES_NO),
            F("round", "Runde"),
            F("status", "Synkstatus", owned=True),
        ),
    ),
    TabSpec("summary", "Oppsummering", (), whole=True),
    TabSpec("input_digest", "Innspill", (), whole=True),
)
del F

_BY_KEY = {tab.key: tab for tab in DEFAULT_TABS}


def default_tab(key: str) -> TabSpec:
    """The default spec of a logical tab (``KeyError`` for an unknown key)."""
    return _BY_KEY[key]
