"""Door-knocking seed data for the demo, the tests and the bench (issue 15): a year of rounds,
messy result rows, and Zetkin area assignments with visits, made through the real clients
(gspread and the Zetkin client over HTTP), never by poking the stand-ins' state.

Everything is fictional; nobody's personal data is in here.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from connectors.zetkin import ZetkinClient

__all__ = [
    "ROUND_HEADER",
    "add_area_assignment",
    "demo_results",
    "demo_rounds",
    "seed_doorknock_demo",
]

ROUND_HEADER = ("Runde-ID", "Dato", "Bydel", "Område", "Dørbankgeneral", "Oppmøtested",
                "Avlyst", "Debrief")  # fmt: skip
LEADERS = ("Kari Fiktiv", "Per Oppdiktet", "Aisha Eksempel", "Jonas Tenkt", "")
PLACES = {
    "Midtbyen": ("Torvet", "Solsiden"),
    "Østbyen": ("Lademoen kirke", "Rosendal"),
    "Lerkendal": ("Moholt t-bane", "Valentinlyst senter"),
    "Heimdal": ("Heimdal stasjon", "Saupstad senter"),
}
INPUT = (
    "Bussen går for sjelden om kvelden; For høy husleie for unge",
    "Trenger flere sykehjemsplasser\nSkolen mangler lærere",
    "Mer lys i parken; Strømprisen er for høy",
    "Vil ha bedre fastlegeordning",
    "Ønsker flere sykkelveier\nBibliotek med lengre åpningstid",
    "Hyggelig at dere kom!",
)


@dataclass(frozen=True)
class SeededAssignment:
    id: int
    knocked: int
    opened: int


def demo_rounds(year: int, districts: Sequence[str], *, seed: int = 1) -> list[list[str]]:
    """A year of rounds in every district, as a board types them (some dates without a
    year, one district misspelt, one round cancelled, some without a leader)."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    day = date(year, 2, 3)
    n = 0
    while day.year == year and day.month <= 11:
        district = districts[n % len(districts)]
        typed = day.strftime("%d.%m.%Y") if n % 3 else f"{day.day}.{day.month}"
        shown = "Lerkendahl" if district == "Lerkendal" and n % 5 == 2 else district
        places = PLACES.get(district, ("Torget",))
        rows.append([
            "", typed, shown, "", LEADERS[n % len(LEADERS)], rng.choice(places),
            "Ja" if n == 7 else "", "Ja" if n % 4 else "Nei",
        ])  # fmt: skip
        day += timedelta(days=rng.choice((9, 12, 14, 16)))
        n += 1
    return rows


def demo_results(rounds: Sequence[Sequence[str]], year: int, *, seed: int = 1) -> list[list[str]]:
    """Team rows for the rounds: mostly tidy, some messy ("ca 40", "40-50", an empty cell, a
    team typed twice, more opened than knocked)."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    for i, r in enumerate(rounds):
        if r[6] == "Ja":
            continue
        ref = f"{r[1]} {r[2]}" if r[1].count(".") == 2 else f"{r[1]}.{year} {r[2]}"
        for team in range(1, 2 + i % 3):
            knocked = rng.randint(25, 70)
            opened = rng.randint(8, knocked // 2)
            talks = rng.randint(3, opened)
            typed_knocked = str(knocked)
            if (i + team) % 11 == 0:
                typed_knocked = f"ca {knocked}"
            if (i + team) % 17 == 0:
                typed_knocked = f"{knocked}-{knocked + 10}"
            rows.append([
                ref, f"Lag {team}", typed_knocked, str(opened), "" if i % 9 == 0 else str(talks),
                str(rng.randint(0, 3)), INPUT[(i + team) % len(INPUT)], "",
            ])  # fmt: skip
        if i == 4:
            rows.append([ref, "Lag 1", "30", "40", "5", "1", "", "Dobbelt ført"])
    return rows


def add_area_assignment(
    client: ZetkinClient,
    project_id: int,
    title: str,
    *,
    knocked: int,
    opened: int,
    near: tuple[float, float] = (10.39, 63.43),
) -> SeededAssignment:
    """A household-level area assignment with ``knocked`` households visited, ``opened`` of
    them a success ("Åpnet døra?" yes): an area, a location inside it, the households, a
    user assigned, the metric, one visit per household."""
    lng, lat = near
    ring = [[lng - 0.01, lat - 0.01], [lng + 0.01, lat - 0.01], [lng + 0.01, lat + 0.01],
            [lng - 0.01, lat + 0.01], [lng - 0.01, lat - 0.01]]  # fmt: skip
    area = client.canvass.create_area(f"{title} område", {"type": "Polygon", "coordinates": [ring]})
    assignment = client.canvass.create_area_assignment(project_id, title)
    users: Any = client.v2("GET", "users")[0]
    client.canvass.assign_user(assignment.id, area.id, int(users[0]["id"]))
    metric = client.canvass.create_metric(assignment.id, "Åpnet døra?", "bool", True)
    location: Any = client.v2(
        "POST", "locations",
        json={"title": f"{title} blokk", "latitude": lat, "longitude": lng, "type": "assignment",
              "num_estimated_households": knocked},
    )[0]  # fmt: skip
    for i in range(knocked):
        household: Any = client.v2(
            "POST", f"locations/{location['id']}/households", json={"title": f"H{i}", "level": 1}
        )[0]
        answer = "yes" if i < opened else "no"
        client.v2(
            "POST",
            f"area_assignments/{assignment.id}/households/{household['id']}/visits",
            json={"metrics": [{"metric_id": metric.id, "response": answer}]},
        )
    return SeededAssignment(assignment.id, knocked, opened)


def seed_doorknock_demo(
    env: Any, branch: Any, client: ZetkinClient, *, year: int | None = None
) -> Any:
    """The demo's door-knocking year: rounds in all four districts, messy team rows, a few
    new contacts, and one Zetkin area assignment with visits; returns the branch with the
    door-knocking job switched on (the sandbox's config leaves it off)."""
    from datetime import datetime

    from sandbox.sheets import gspread_client

    year = year or datetime.now().year
    book = gspread_client(env.sheets.url).open_by_key(env.spreadsheet_id)
    rounds = demo_rounds(year, branch.districts)
    book.worksheet("Dørbankrunder").append_rows(rounds, value_input_option="RAW")
    book.worksheet("Dørbankresultater").append_rows(
        demo_results(rounds, year), value_input_option="RAW"
    )
    first = rounds[0]
    ref = f"{first[1]}.{year} {first[2]}" if first[1].count(".") == 1 else f"{first[1]} {first[2]}"
    book.worksheet("Nye kontakter").append_rows(
        [["Mona Fiktiv", "45500001", "", first[2], "Ja", ref],
         ["Uten Samtykke", "45500002", "", first[2], "Nei", ref]],
        value_input_option="RAW",
    )  # fmt: skip
    project = next(c for c in client.events.campaigns() if c.title == branch.doorknock.project)
    third = rounds[2]
    day = third[1] if third[1].count(".") == 2 else f"{third[1]}.{year}"
    add_area_assignment(client, project.id, f"{day} {third[2]} App", knocked=14, opened=6)
    return replace(
        branch,
        jobs=replace(branch.jobs, doorknock=branch.doorknock.model_copy(update={"enabled": True})),
    )
