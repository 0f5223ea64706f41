"""The call lists in `bridge demo` (issue 14): callers, new members and a call round seeded into
the stand-ins, and the call list the run made, shown the way the board sees it.

Seeded (all fictional, from :mod:`sandbox.fictional`'s name lists): the calls job switched on
in the demo's config (start date 30 days back), ``members`` new members in Zetkin who joined
over the last 10 days, four callers in ``Ringere`` with their weekly capacity and districts,
and one round in ``Ringerunder`` asking the members of Heimdal who are not yet door-knockers.
The summary prints, per caller, how many rows the list holds and of which kind, and the
round's status: counts and the callers' own names only, nothing about the people called.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from bridge.messages import t
from sandbox.environment import SandboxEnv
from sandbox.fictional import FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES

__all__ = ["CallDemo", "seed_call_demo"]

CALLERS = (  # name, capacity per week, districts
    ("Kari Ringstad", "5", "Heimdal, Lerkendal"),
    ("Ole Telefonsen", "4", "Midtbyen"),
    ("Astrid Samtale", "3", "Østbyen"),
    ("Pål Oppringer", "2", ""),
)
ROUND_RULE = 'tag:Medlem -tag:"Vil dørbanke" bydel:Heimdal'


@dataclass
class CallDemo:
    """What was seeded, and the call list the run made, read back from the sheet."""

    env: SandboxEnv
    members: int
    round_name: str

    def lines(self, lang: str) -> list[str]:
        """The call list per caller and the round's status, as printed by the demo."""
        book = self.env.sheets.gspread_client().open_by_key(self.env.spreadsheet_id)
        values = book.worksheet("Ringeliste").get_all_values()
        if not values:
            return []
        header = values[0]
        caller, kind = header.index("Ringer"), header.index("Type")
        per: dict[str, Counter[str]] = {}
        for row in values[1:]:
            if row and row[0].strip():
                per.setdefault(row[caller] or "-", Counter())[row[kind]] += 1
        out = ["", t("demo.calls_header", lang, members=self.members, rows=sum(
            sum(c.values()) for c in per.values()))]  # fmt: skip
        for name in sorted(per):
            kinds = ", ".join(f"{n} {k}" for k, n in sorted(per[name].items()))
            out.append(t("demo.calls_caller", lang, caller=name, count=sum(per[name].values()),
                         kinds=kinds))  # fmt: skip
        rounds = book.worksheet("Ringerunder").get_all_values()
        status = next((r[5] for r in rounds[1:] if r and r[0] == self.round_name), "")
        out.append(t("demo.calls_round", lang, round=self.round_name, status=status or "-"))
        return out


def seed_call_demo(env: SandboxEnv, *, members: int = 12, today: date | None = None) -> CallDemo:
    """Switch the calls job on in the demo's config and seed callers, members and a round."""
    from config.loader import load_settings
    from jobs.context import zetkin_client_for

    today = today or date.today()
    with env.config_path.open("a", encoding="utf-8") as handle:
        handle.write(
            "\n# The demo's call lists (issue 14): welcome calls for members who joined after\n"
            "# the start date, and the rounds in Ringerunder.\n"
            f"[jobs.calls]\nenabled = true\nstart_date = {(today - timedelta(days=30))}\n"
        )
    settings = load_settings(env.config_path)
    client = zetkin_client_for(settings, None, settings.branches[0])
    member = client.tags.by_title()["Medlem"]
    rng = random.Random(14)
    districts = ("Heimdal", "Lerkendal", "Midtbyen", "Østbyen")
    for i in range(members):
        first = rng.choice(FIRST_NAMES_F + FIRST_NAMES_M)
        person = client.people.create(
            {
                "first_name": first,
                "last_name": rng.choice(LAST_NAMES),
                "phone": f"+47455{rng.randrange(10**5):05d}",
                "innmeldt": (today - timedelta(days=i % 10)).isoformat(),
                "bydel": districts[i % len(districts)],
            }
        )
        client.tags.assign(person.id, member.id)
    book = env.sheets.gspread_client().open_by_key(env.spreadsheet_id)
    phones = [f"+4791{rng.randrange(10**6):06d}" for _ in CALLERS]
    book.worksheet("Ringere").append_rows(
        [[name, phone, "", "", cap, dist, "Ja"]
         for (name, cap, dist), phone in zip(CALLERS, phones, strict=True)],
        value_input_option="RAW",
    )  # fmt: skip
    name = "Dørbanking Heimdal"
    end = today + timedelta(days=21)
    book.worksheet("Ringerunder").append_rows(
        [[name, "Verve dørbankere", ROUND_RULE, today.isoformat(), end.isoformat(), ""]],
        value_input_option="RAW",
    )
    return CallDemo(env, members, name)
