"""Call lists and call rounds, planned (issue 14): pure, no I/O, one clock value.

:func:`plan_calls` is the entry point; the outcome translator, the target rule language and
the assignment are usable on their own.
"""

from __future__ import annotations

from bridge.calls.assign import Caller, Need, assign, parse_callers, shares
from bridge.calls.outcomes import Outcome, Unread, read_outcome, read_yes_no
from bridge.calls.plan import (
    CallMeasures,
    CallPlan,
    Escalation,
    NoteWrite,
    RoundMirror,
    RowRemoval,
    TagWrite,
    plan_calls,
    round_id,
)
from bridge.calls.records import (
    Attempt,
    CallOptions,
    CallRound,
    CallState,
    CallTask,
    DoNotContact,
    Question,
    Reason,
    RowProblem,
    TaskKind,
    TaskState,
)
from bridge.calls.rules import Rule, RuleError, parse_rule

__all__ = [
    "Attempt",
    "CallMeasures",
    "CallOptions",
    "CallPlan",
    "CallRound",
    "CallState",
    "CallTask",
    "Caller",
    "DoNotContact",
    "Escalation",
    "Need",
    "NoteWrite",
    "Outcome",
    "Question",
    "Reason",
    "RoundMirror",
    "RowProblem",
    "RowRemoval",
    "Rule",
    "RuleError",
    "TagWrite",
    "TaskKind",
    "TaskState",
    "Unread",
    "assign",
    "parse_callers",
    "parse_rule",
    "plan_calls",
    "read_outcome",
    "read_yes_no",
    "round_id",
    "shares",
]
