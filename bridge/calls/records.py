"""The records of the call work: stored state in, options, row problems.

Plain frozen dataclasses so the ledger can map them to tables one to one (the lead does that):
:class:`CallTask` (one per person and welcome or round), :class:`DoNotContact` (the register)
and :class:`CallRound`. Times are whatever clock the runner passes (one value per cycle); dates
are that clock's date.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from bridge.calls.outcomes import Outcome
from bridge.messages import t

__all__ = [
    "DEFAULT_QUESTIONS",
    "Attempt",
    "CallOptions",
    "CallRound",
    "CallState",
    "CallTask",
    "DoNotContact",
    "Question",
    "Reason",
    "RowProblem",
    "TaskKind",
    "TaskState",
    "phone_digest",
]


class TaskKind(StrEnum):
    WELCOME = "welcome"
    ROUND = "round"


class TaskState(StrEnum):
    """``open``: a call row is listed; ``waiting``: not reached, next attempt after the
    cooldown; ``followup``: attempts used up, SMS/e-mail row listed; ``done`` and
    ``cancelled`` (the person left, or the register blocks them) are final."""

    OPEN = "open"
    WAITING = "waiting"
    FOLLOWUP = "followup"
    DONE = "done"
    CANCELLED = "cancelled"


FINAL = frozenset({TaskState.DONE, TaskState.CANCELLED})


class Reason(StrEnum):
    """Why a person is in the do-not-contact register. ``no_contact`` is consent and lasts;
    ``wrong_number`` and ``no_valid_phone`` are data quality and clear when the phone changes."""

    NO_CONTACT = "no_contact"
    WRONG_NUMBER = "wrong_number"
    NO_VALID_PHONE = "no_valid_phone"


@dataclass(frozen=True, slots=True)
class Attempt:
    """One call attempt as reported (the call history rules and measures read)."""

    number: int
    outcome: Outcome
    at: datetime
    caller: str


@dataclass(frozen=True, slots=True)
class CallTask:
    """A call to make. ``id`` is stable ("V123" welcome, "<round id>-123" round); its rows in
    the call list are keyed ``<id>.<attempt>`` so every attempt gets a fresh row.

    ``caller`` is the caller's name as written in ``Ringere`` ("" when unassigned);
    ``assigned_at`` is when it last got that caller (release after N days untouched);
    ``attempt`` the current attempt number (1-based; ``max_attempts + 1`` is the follow-up);
    ``attempt_started`` when that row was listed; ``answers`` the yes/no answers, by field.
    """

    id: str
    person_id: int
    kind: TaskKind
    created: datetime
    due: date
    round_id: str | None = None
    caller: str = ""
    assigned_at: datetime | None = None
    attempt: int = 1
    attempt_started: datetime | None = None
    state: TaskState = TaskState.OPEN
    outcome: Outcome | None = None
    outcome_at: datetime | None = None
    next_attempt_after: datetime | None = None
    history: tuple[Attempt, ...] = ()
    answers: tuple[tuple[str, bool], ...] = ()

    @property
    def row_key(self) -> str:
        """The key of the task's current row in the call list."""
        return f"{self.id}.{self.attempt}"

    @property
    def is_final(self) -> bool:
        return self.state in FINAL

    def answer(self, field_key: str) -> bool | None:
        return dict(self.answers).get(field_key)


@dataclass(frozen=True, slots=True)
class DoNotContact:
    """A register entry. ``phone`` is :func:`phone_digest` of the number it was about (never
    the number itself): a data-quality entry clears when the person's number changes.
    ``source`` is a task id or ``"phone check"``; ``until`` ``None`` means it lasts."""

    person_id: int
    reason: Reason
    source: str
    since: datetime
    until: datetime | None = None
    phone: str = ""


@dataclass(frozen=True, slots=True)
class CallRound:
    """A call round as stored: ``id`` stable (from the name), the rule as typed."""

    id: str
    name: str
    rule: str
    start: date | None = None
    end: date | None = None
    purpose: str = ""


@dataclass(frozen=True, slots=True)
class CallState:
    """Everything stored about calls, as the ledger holds it. ``applied`` are the keys of the
    Zetkin writes already made (so a re-run asks for none of them again)."""

    tasks: tuple[CallTask, ...] = ()
    register: tuple[DoNotContact, ...] = ()
    rounds: tuple[CallRound, ...] = ()
    applied: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Question:
    """An answer column of the call list mapped to a Zetkin tag: ``field`` is the tab's field
    key (``door_knock``) or, for a column the config adds, its header text."""

    field: str
    tag: str


DEFAULT_QUESTIONS: tuple[Question, ...] = (
    Question("door_knock", "Vil dørbanke"),
    Question("will_call", "Vil ringe"),
)


@dataclass(frozen=True)
class CallOptions:
    """What the planner needs from the configuration, as plain values (no ``config`` import).

    Templates may use ``{first_name}``, ``{caller}`` and ``{branch}``. ``questions`` are the
    answer columns (the defaults plus any the config adds); ``no_contact_tag`` is set in Zetkin
    for "ønsker ikke kontakt" (``None``: no tag). ``per_caller_tabs`` gives each caller a tab
    (logical key ``call_list/<caller name>``) instead of one ``call_list``.
    """

    start_date: date
    due_days: int = 14
    cooldown_days: int = 2
    max_attempts: int = 3
    release_after_days: int = 5
    escalate_within_days: int = 3
    keep_finished_days: int = 7
    sms_template: str = "Hei {first_name}! Velkommen som medlem. Hilsen {caller}, {branch}"
    email_subject: str = "Velkommen som medlem"
    email_template: str = "Hei {first_name}!\n\nVelkommen som medlem.\n\nHilsen {caller}, {branch}"
    branch_name: str = ""
    questions: tuple[Question, ...] = DEFAULT_QUESTIONS
    round_questions: Mapping[str, tuple[Question, ...]] = field(default_factory=dict)
    no_contact_tag: str | None = "Ønsker ikke kontakt"
    per_caller_tabs: bool = False
    mirror_rounds: bool = False
    districts: tuple[str, ...] = ()
    district_field: str = "bydel"
    joined_field: str = "innmeldt"
    phone_region: str = "NO"
    language: str = "nb"

    def tab_for(self, caller: str) -> str:
        """The logical tab key a caller's rows are written to."""
        if self.per_caller_tabs and caller:
            return f"call_list/{caller}"
        return "call_list"

    def questions_for(self, round_name: str | None) -> tuple[Question, ...]:
        """The answer columns of a task: the defaults plus the round's own."""
        extra = self.round_questions.get(round_name or "", ())
        return self.questions + tuple(q for q in extra if q not in self.questions)


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Something a person must look at in one cell. ``value`` is the text as typed: shown back
    in the sheet's own status cell, never stored (store ``tab``, ``cell``, ``code``)."""

    tab: str
    row: int
    cell: str
    code: str
    value: str = ""

    def message(self, lang: str = "nb") -> str:  # pragma: no mutate (unknown: bokmål)
        return t(f"calls.problem.{self.code}", lang, value=self.value)


def phone_digest(phone: str) -> str:
    """A short fingerprint of a number, so the register can tell a changed number without
    holding the number."""
    return hashlib.sha256(phone.encode()).hexdigest()[:16]
