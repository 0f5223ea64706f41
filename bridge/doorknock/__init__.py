"""Door-knocking (issue 15), planned: pure, no I/O, one clock value.

:func:`plan_doorknock` is the entry point; the readers (numbers, dates, districts, round
references), the results, the ``Innspill`` digest and the ``Oppsummering`` table are usable
on their own (the report command and the bench use them).
"""

from __future__ import annotations

from bridge.doorknock.people import Person
from bridge.doorknock.plan import (
    REF_PREFIX,
    ContactNote,
    DoorknockCreate,
    DoorknockInput,
    DoorknockOptions,
    DoorknockPlan,
    EventCreate,
    EventPatch,
    EventView,
    RoundBase,
    SignUp,
    TabReplace,
    digest_table,
    plan_doorknock,
    ref_of,
)
from bridge.doorknock.read import Reading, find_date, match_district, parse_count, parse_day
from bridge.doorknock.results import TeamResult, ZetkinTally, parse_results
from bridge.doorknock.rounds import Round, RoundIndex, new_round_id, parse_rounds
from bridge.doorknock.summary import summary_table
from bridge.doorknock.themes import DEFAULT_THEMES, OTHER, Digest, build_digest, split_items

__all__ = [
    "DEFAULT_THEMES",
    "OTHER",
    "REF_PREFIX",
    "ContactNote",
    "Digest",
    "DoorknockCreate",
    "DoorknockInput",
    "DoorknockOptions",
    "DoorknockPlan",
    "EventCreate",
    "EventPatch",
    "EventView",
    "Person",
    "Reading",
    "Round",
    "RoundBase",
    "RoundIndex",
    "SignUp",
    "TabReplace",
    "TeamResult",
    "ZetkinTally",
    "build_digest",
    "digest_table",
    "find_date",
    "match_district",
    "new_round_id",
    "parse_count",
    "parse_day",
    "parse_results",
    "parse_rounds",
    "plan_doorknock",
    "ref_of",
    "split_items",
    "summary_table",
]
