"""Call lists, planned: welcome calls, call rounds, outcomes back to Zetkin, the rows to write.

:func:`plan_calls` reads the people as the cycle pulled them, the ``Ringere``, ``Ringeliste``
and ``Ringerunder`` rows and the stored :class:`CallState`, and returns a :class:`CallPlan`:
the new state, the sheet writes, the Zetkin writes (each with a stable key: a key in
``state.applied`` is not asked for again), row problems and measures. It does no I/O and reads
one clock value, ``now``; the same input gives the same plan.

The rules, in the order they run:

1. Outcomes. Each listed task's row is read: ``Resultat`` through the outcome translator, the
   answer columns as yes/no, ``Notat``, and ``Ringer`` (a hand-edited caller moves the task when
   the name is an active caller, else the row gets a problem). An unreadable cell is a row
   problem and the task is left as it was. Reached (or, for a follow-up, "sendt") closes the
   task: tags set or removed per answer, the note added prefixed with date and caller. Not
   reached: another attempt after the cooldown with the same caller, up to ``max_attempts``;
   then a welcome task becomes an SMS/e-mail follow-up row (template text, ``sms:`` and
   ``mailto:`` links), a round task closes. "feil nummer" and "ønsker ikke kontakt" close the
   task and enter the register (plus a note, or the configured tag).
2. The register. "feil nummer" and "ingen gyldig telefon" clear once the person's number
   changes; "ønsker ikke kontakt" lasts. Open tasks of a person in it, or gone from the pull,
   are cancelled.
3. Welcome tasks: every member who joined after ``start_date`` and has no welcome task that
   is open or finished (a wrong number, or a task cancelled while the person was away or in
   the register, does not count) gets one, due join date + ``due_days`` (ids ``V<person>``,
   then ``V<person>-2``...); a member without a valid phone gets a register entry instead.
4. Rounds: an active round (today within start and end) adds every person its rule matches,
   except people in the register, without a valid phone (register entry), called within the
   cooldown, or holding an open task; each person once per round.
5. Assignment (:mod:`bridge.calls.assign`) of tasks with no active caller and of first-attempt
   tasks untouched for ``release_after_days`` (to another caller). No active caller: one error,
   the tasks are kept and listed without a caller.
6. Rows. Each attempt has its own row, keyed ``<task id>.<attempt>``: open rows appended in
   caller then due order (a deleted one is appended again), owned cells written only where
   they differ (a cycle with no change writes nothing), finished rows' phones blanked at once
   and the rows removed ``keep_finished_days`` after they closed.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import quote

from bridge.calls.assign import Caller, Need, assign, caller_key, is_self, parse_callers
from bridge.calls.outcomes import NOT_REACHED, Outcome, Unread, read_outcome, read_yes_no
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
    phone_digest,
)
from bridge.calls.rules import Rule, RuleError, parse_date, parse_rule
from bridge.members import ZetkinMember
from bridge.messages import t
from bridge.normalise import clean_text, normalise_phone, zetkin_email, zetkin_phone
from bridge.sheet import CellWrite, RowAppend, SheetPlan, SheetRow

__all__ = [
    "CallMeasures",
    "CallPlan",
    "CallerMeasure",
    "Escalation",
    "NoteWrite",
    "RoundMeasure",
    "RoundMirror",
    "RowRemoval",
    "TagWrite",
    "plan_calls",
    "round_id",
]

_LISTED = frozenset({TaskState.OPEN, TaskState.FOLLOWUP})
_CONTACTED = frozenset({Outcome.REACHED, Outcome.SENT})
_ROW_FIELDS = ("task_id", "caller", "name", "phone", "district", "type", "due", "status")


@dataclass(frozen=True, slots=True)
class TagWrite:
    """Put a tag on a person (``add``) or take it off; ``key`` is stable across runs."""

    person_id: int
    tag: str
    add: bool
    key: str


@dataclass(frozen=True, slots=True)
class NoteWrite:
    """Add a note to a person; ``key`` is stable across runs."""

    person_id: int
    text: str
    key: str


@dataclass(frozen=True, slots=True, order=True)
class RowRemoval:
    """Delete the row whose key is ``row_key`` (a finished row past its time)."""

    tab: str
    row_key: str


@dataclass(frozen=True, slots=True)
class RoundMirror:
    """An active round to mirror as a Zetkin call assignment: its rule as the target's
    Smart Search ``filter_spec``, its dates, and the callers' Zetkin person ids. A round whose
    rule has a word without a Smart Search form is not mirrored at all (a target list without
    that word would call people the round does not mean); its status names the word."""

    round_id: str
    title: str
    filter_spec: list[dict[str, Any]]
    caller_person_ids: tuple[int, ...]
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Escalation:
    """A welcome task due within the escalation window (or past due) and not reached."""

    task_id: str
    person_id: int
    caller: str
    due: date
    overdue: bool


@dataclass(frozen=True, slots=True)
class CallerMeasure:
    name: str
    open: int
    done: int


@dataclass(frozen=True, slots=True)
class RoundMeasure:
    round_id: str
    name: str
    targets: int
    called: int
    reached: int
    door_knock_yes: int


@dataclass(frozen=True, slots=True)
class CallMeasures:
    """The goal's numbers. ``decided`` counts welcome tasks contacted or past due;
    ``contacted_share`` is ``contacted_on_time / decided`` (``None`` when nothing is decided)."""

    new_members_this_month: int
    contacted_on_time: int
    decided: int
    contacted_share: float | None
    overdue: int
    callers: tuple[CallerMeasure, ...]
    rounds: tuple[RoundMeasure, ...]

    def to_dict(self) -> dict[str, Any]:
        """The measures as JSON (``bridge sync calls --json``, the admin later): names of
        callers and rounds only, never of the people called."""
        return {
            "new_members_this_month": self.new_members_this_month,
            "contacted_on_time": self.contacted_on_time,
            "welcome_decided": self.decided,
            "contacted_share": self.contacted_share,
            "overdue": self.overdue,
            "callers": [{"caller": c.name, "open": c.open, "done": c.done} for c in self.callers],
            "rounds": [
                {
                    "round": r.name,
                    "targets": r.targets,
                    "called": r.called,
                    "reached": r.reached,
                    "door_knock_yes": r.door_knock_yes,
                }
                for r in self.rounds
            ],
        }


@dataclass(frozen=True)
class CallPlan:
    """Everything one cycle should do about calls; the runner applies and stores it."""

    state: CallState
    sheet: SheetPlan
    removals: tuple[RowRemoval, ...] = ()
    tags: tuple[TagWrite, ...] = ()
    notes: tuple[NoteWrite, ...] = ()
    mirrors: tuple[RoundMirror, ...] = ()
    problems: tuple[RowProblem, ...] = ()
    errors: tuple[str, ...] = ()
    escalations: tuple[Escalation, ...] = ()
    measures: CallMeasures | None = field(default=None, compare=False)


def round_id(name: str) -> str:
    """A round's stable id, from its name (case and spacing ignored)."""
    return "R" + hashlib.sha256(caller_key(name).encode()).hexdigest()[:6]


def _day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


class _Safe(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, values: Mapping[str, str]) -> str:
    return template.format_map(_Safe(values))


@dataclass
class _Planner:
    people: Mapping[int, ZetkinMember]
    callers: tuple[Caller, ...]
    options: CallOptions
    now: datetime
    tags_known: Mapping[str, int]
    tasks: dict[str, CallTask]
    register: list[DoNotContact]
    applied: frozenset[str]
    rows: dict[str, tuple[str, SheetRow]] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    row_problems: dict[str, list[RowProblem]] = field(default_factory=dict)
    tag_writes: list[TagWrite] = field(default_factory=list)
    note_writes: list[NoteWrite] = field(default_factory=list)
    round_names: dict[str, str] = field(default_factory=dict)
    # Rows whose hand-typed caller is reported, not overwritten.
    keep_caller: set[str] = field(default_factory=set)
    # Rounds not mirrored in Zetkin: round id -> the word without a Smart Search form.
    unmirrored: dict[str, str] = field(default_factory=dict)

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def lang(self) -> str:
        return self.options.language

    def text(self, key: str, **params: object) -> str:
        """A catalogue text in the branch's language."""
        return t(key, self.lang, **params)

    # --- helpers ----------------------------------------------------------------------------

    def phone_of(self, person: ZetkinMember) -> str:
        """The person's callable number in E.164, or "" when there is none."""
        phone, problem = normalise_phone(person.phone, self.options.phone_region)
        return "" if problem else phone

    def blocked(self, person_id: int) -> bool:
        return any(entry.person_id == person_id for entry in self.register)

    def enter(self, person: ZetkinMember, reason: Reason, source: str) -> None:
        if any(e.person_id == person.id and e.reason == reason for e in self.register):
            return
        digest = phone_digest(zetkin_phone(person.phone, self.options.phone_region))
        self.register.append(DoNotContact(person.id, reason, source, self.now, phone=digest))

    def row_problem(self, row_key: str, tab: str, row: SheetRow, field_key: str, code: str,
                    value: str) -> None:  # fmt: skip
        problem = RowProblem(tab, row.row_number, row.cells.get(field_key, ""), code, value)
        self.problems.append(problem)
        self.row_problems.setdefault(row_key, []).append(problem)

    def tag(self, person_id: int, tag: str, add: bool, key: str) -> None:
        if key not in self.applied:
            self.tag_writes.append(TagWrite(person_id, tag, add, key))

    def note(self, person_id: int, text: str, key: str) -> None:
        if key not in self.applied:
            self.note_writes.append(NoteWrite(person_id, text, key))

    def questions(self, task: CallTask) -> tuple[Question, ...]:
        return self.options.questions_for(self.round_names.get(task.round_id or ""))

    def caller_named(self, name: str) -> Caller | None:
        key = caller_key(name)
        return next((c for c in self.callers if c.key == key and c.active), None)

    def last_called(self) -> dict[int, datetime]:
        last: dict[int, datetime] = {}
        for task in self.tasks.values():
            for attempt in task.history:
                last[task.person_id] = max(last.get(task.person_id, attempt.at), attempt.at)
        return last

    # --- 1. outcomes ------------------------------------------------------------------------

    def index_rows(self, call_list: Mapping[str, Sequence[SheetRow]]) -> None:
        for tab in sorted(call_list):
            for row in call_list[tab]:
                if not row.key:
                    continue
                if row.key in self.rows:
                    self.row_problem(row.key, tab, row, "task_id", "duplicate_task", row.key)
                    continue
                self.rows[row.key] = (tab, row)
        for key, (tab, row) in self.rows.items():
            task_id, _, number = key.rpartition(".")  # pragma: no mutate (ids have no ".")
            task = self.tasks.get(task_id)
            if task is None or not number.isdigit() or not 1 <= int(number) <= task.attempt:
                self.row_problem(key, tab, row, "task_id", "unknown_task", key)

    def read_outcomes(self) -> None:
        for task_id in sorted(self.tasks):
            task = self.tasks[task_id]
            found = self.rows.get(task.row_key)
            if task.state in _LISTED and found is not None:
                self.tasks[task_id] = self.read_row(task, *found)

    def read_row(self, task: CallTask, tab: str, row: SheetRow) -> CallTask:
        person = self.people.get(task.person_id)
        typed = clean_text(row.get("caller"))
        if typed and caller_key(typed) != caller_key(task.caller):
            moved = self.caller_named(typed)
            if moved is None:
                self.row_problem(task.row_key, tab, row, "caller", "unknown_caller", typed)
                self.keep_caller.add(task.row_key)
            elif person is not None and is_self(moved, person, self.options.phone_region):
                self.row_problem(task.row_key, tab, row, "caller", "self_caller", typed)
                self.keep_caller.add(task.row_key)
            else:
                task = replace(task, caller=moved.name, assigned_at=self.now)
        outcome = read_outcome(row.get("outcome"))
        if isinstance(outcome, Unread):
            self.row_problem(task.row_key, tab, row, "outcome", "unread_outcome", outcome.text)
            return task
        answers: list[tuple[str, bool]] = []
        for question in self.questions(task):
            raw = row.values.get(question.field, row.extra.get(question.field, ""))
            answer = read_yes_no(raw)
            if isinstance(answer, Unread):
                self.row_problem(
                    task.row_key, tab, row, question.field, "unread_answer", answer.text
                )
                return task
            if answer is not None:
                answers.append((question.field, answer))
        if outcome is None or person is None:
            return task
        return self.apply(task, person, outcome, tuple(answers), clean_text(row.get("note")))

    def apply(self, task: CallTask, person: ZetkinMember, outcome: Outcome,
              answers: tuple[tuple[str, bool], ...], note: str) -> CallTask:  # fmt: skip
        history = (*task.history, Attempt(task.attempt, outcome, self.now, task.caller))
        task = replace(task, history=history, outcome=outcome, outcome_at=self.now)
        when = _day(self.today)
        if outcome in _CONTACTED:
            tags = {q.field: q.tag for q in self.questions(task)}
            for field_key, value in answers:
                self.tag(person.id, tags[field_key], value, f"{task.id}:tag:{tags[field_key]}")
            if note:
                text = self.text("calls.note.reached", when=when, caller=task.caller, note=note)
                self.note(person.id, text, f"{task.id}:note")
            return replace(task, state=TaskState.DONE, answers=answers)
        if outcome is Outcome.WRONG_NUMBER:
            self.enter(person, Reason.WRONG_NUMBER, task.id)
            text = self.text("calls.note.wrong_number", when=when, caller=task.caller)
            self.note(person.id, text, f"{task.id}:wrong")
            return replace(task, state=TaskState.DONE)
        if outcome is Outcome.NO_CONTACT:
            self.enter(person, Reason.NO_CONTACT, task.id)
            if self.options.no_contact_tag:
                self.tag(person.id, self.options.no_contact_tag, True, f"{task.id}:no_contact")
            return replace(task, state=TaskState.DONE)
        assert outcome in NOT_REACHED
        if task.state is TaskState.FOLLOWUP:
            return replace(task, state=TaskState.DONE)
        if task.attempt < self.options.max_attempts:
            after = self.now + timedelta(days=self.options.cooldown_days)
            return replace(task, state=TaskState.WAITING, next_attempt_after=after)
        if task.kind is TaskKind.WELCOME:
            return replace(task, state=TaskState.FOLLOWUP, attempt=task.attempt + 1,
                           attempt_started=self.now)  # fmt: skip
        return replace(task, state=TaskState.DONE)

    # --- 2. register and lifecycle ----------------------------------------------------------

    def clear_register(self) -> None:
        kept: list[DoNotContact] = []
        for entry in self.register:
            person = self.people.get(entry.person_id)
            if entry.reason is not Reason.NO_CONTACT and person is not None:
                current = phone_digest(zetkin_phone(person.phone, self.options.phone_region))
                if current != entry.phone:
                    continue
            kept.append(entry)
        self.register = kept

    def advance(self) -> None:
        for task_id in sorted(self.tasks):
            task = self.tasks[task_id]
            if task.is_final:
                continue
            person = self.people.get(task.person_id)
            gone = person is None or (task.kind is TaskKind.WELCOME and not person.is_member)
            if gone or self.blocked(task.person_id):
                self.tasks[task_id] = replace(task, state=TaskState.CANCELLED, outcome_at=self.now)
                continue
            ready = task.next_attempt_after is not None and task.next_attempt_after <= self.now
            if task.state is TaskState.WAITING and ready:
                self.tasks[task_id] = replace(
                    task, state=TaskState.OPEN, attempt=task.attempt + 1,
                    attempt_started=self.now, next_attempt_after=None,
                )  # fmt: skip

    # --- 3. welcome tasks -------------------------------------------------------------------

    def new_task(self, task_id: str, person: ZetkinMember, kind: TaskKind, due: date,
                 round_key: str | None = None) -> None:  # fmt: skip
        self.tasks[task_id] = CallTask(
            id=task_id, person_id=person.id, kind=kind, created=self.now, due=due,
            round_id=round_key, attempt_started=self.now,
        )  # fmt: skip

    def welcome(self) -> None:
        welcome = [task for task in self.tasks.values() if task.kind is TaskKind.WELCOME]
        made = Counter(task.person_id for task in welcome)
        # Open, or finished with the person reached or not (a wrong number does not count).
        have = {
            task.person_id
            for task in welcome
            if not task.is_final
            or (task.state is TaskState.DONE and task.outcome is not Outcome.WRONG_NUMBER)
        }
        for person_id in sorted(self.people):
            person = self.people[person_id]
            joined = person.joined
            if not person.is_member or joined is None or joined <= self.options.start_date:
                continue
            if person_id in have or self.blocked(person_id):
                continue
            if not self.phone_of(person):
                self.enter(person, Reason.NO_VALID_PHONE, "phone check")
                continue
            due = joined + timedelta(days=self.options.due_days)
            suffix = f"-{made[person_id] + 1}" if made[person_id] else ""
            self.new_task(f"V{person_id}{suffix}", person, TaskKind.WELCOME, due)

    # --- 4. rounds --------------------------------------------------------------------------

    def round_targets(self, record: CallRound, rule: Rule) -> None:
        last = self.last_called()
        open_people = {task.person_id for task in self.tasks.values() if not task.is_final}
        in_round = {task.person_id for task in self.tasks.values() if task.round_id == record.id}
        cooldown = self.now - timedelta(days=self.options.cooldown_days)
        due = record.end or self.today + timedelta(days=self.options.due_days)
        for person_id in sorted(self.people):
            person = self.people[person_id]
            if person_id in in_round or self.blocked(person_id):
                continue
            if not rule.matches(person, last.get(person_id), self.now):
                continue
            if person_id in open_people or last.get(person_id, cooldown) > cooldown:
                continue
            if not self.phone_of(person):
                self.enter(person, Reason.NO_VALID_PHONE, "phone check")
                continue
            self.new_task(f"{record.id}-{person_id}", person, TaskKind.ROUND, due, record.id)

    # --- 5. assignment ----------------------------------------------------------------------

    def assign_tasks(self) -> list[str]:
        available = {c.key for c in self.callers if c.available}
        release = timedelta(days=self.options.release_after_days)
        needs: list[Need] = []
        for task_id in sorted(self.tasks):
            task = self.tasks[task_id]
            if task.is_final:
                continue
            person = self.people[task.person_id]
            if caller_key(task.caller) not in available:
                needs.append(Need(task_id, person, task.due))
            elif self.untouched(task) and _before(task.assigned_at, self.now - release):
                needs.append(Need(task_id, person, task.due, exclude=caller_key(task.caller)))
        week = self.now - timedelta(days=7)
        load: dict[str, int] = {}
        placing = {need.task_id for need in needs}
        for task in self.tasks.values():
            counts = not task.is_final or (task.outcome_at is not None and task.outcome_at >= week)
            if task.id not in placing and task.caller and counts:
                load[caller_key(task.caller)] = load.get(caller_key(task.caller), 0) + 1
        placed = assign(needs, self.callers, load, region=self.options.phone_region)
        for task_id, name in placed.items():
            self.tasks[task_id] = replace(self.tasks[task_id], caller=name, assigned_at=self.now)
        errors: list[str] = []
        if needs and not available:
            errors.append(self.text("calls.error.no_active_callers", count=len(needs)))
        return errors

    def untouched(self, task: CallTask) -> bool:
        """A first attempt nobody has written anything on since it was assigned."""
        if task.state is not TaskState.OPEN or task.attempt != 1 or task.assigned_at is None:
            return False
        found = self.rows.get(task.row_key)
        if found is None:
            return True
        row = found[1]
        return not (row.get("outcome").strip() or row.get("note").strip())

    # --- 6. rows ----------------------------------------------------------------------------

    def type_of(self, task: CallTask) -> str:
        if task.state is TaskState.FOLLOWUP:
            return self.text("calls.type.followup")
        if task.kind is TaskKind.WELCOME:
            return self.text("calls.type.welcome")
        return self.text("calls.type.round", name=self.round_names.get(task.round_id or "", ""))

    def followup_text(self, task: CallTask, person: ZetkinMember) -> str:
        values = {"first_name": person.first_name, "caller": task.caller,
                  "branch": self.options.branch_name}  # fmt: skip
        sms = f"sms:{self.phone_of(person)}?body={quote(_fill(self.options.sms_template, values))}"
        email = zetkin_email(person.email)
        if not email:
            return self.text("calls.status.followup_no_mail", sms=sms)
        subject = quote(_fill(self.options.email_subject, values))
        body = quote(_fill(self.options.email_template, values))
        mailto = f"mailto:{email}?subject={subject}&body={body}"
        return self.text("calls.status.followup", sms=sms, mailto=mailto)

    def open_status(self, task: CallTask, person: ZetkinMember) -> str:
        parts = [problem.message(self.lang) for problem in self.row_problems.get(task.row_key, [])]
        if task.kind is TaskKind.WELCOME and task.due < self.today:
            parts.append(self.text("calls.status.overdue", due=_day(task.due)))
        elif task.kind is TaskKind.WELCOME and self.escalated(task):
            parts.append(self.text("calls.status.escalated", due=_day(task.due)))
        if task.state is TaskState.FOLLOWUP:
            parts.append(self.followup_text(task, person))
        elif task.attempt > 1:
            parts.append(self.text("calls.status.attempt", number=task.attempt,
                           max=self.options.max_attempts))  # fmt: skip
        return self.text("status.separator").join(parts)

    def escalated(self, task: CallTask) -> bool:
        return (task.due - self.today).days <= self.options.escalate_within_days

    def closed_status(self, task: CallTask, number: int) -> str:
        attempt = next((a for a in task.history if a.number == number), None)
        if number < task.attempt or task.state is TaskState.WAITING:
            label = attempt.outcome.value if attempt else ""
            if number == task.attempt and task.next_attempt_after is not None:
                return self.text("calls.status.waiting", outcome=label,
                         when=_day(task.next_attempt_after.date()))  # fmt: skip
            return self.text("calls.status.closed_attempt", outcome=label, number=number)
        if task.state is TaskState.CANCELLED:
            return self.text("calls.status.cancelled")
        if task.outcome in NOT_REACHED:
            return self.text("calls.status.gave_up", count=len(task.history))
        when = _day(task.outcome_at.date()) if task.outcome_at else ""
        outcome = task.outcome.value if task.outcome else ""
        return self.text("calls.status.done", outcome=outcome, when=when)

    def sheet(self) -> tuple[SheetPlan, tuple[RowRemoval, ...]]:
        writes: list[CellWrite] = []
        appends: dict[tuple[str, date, str], RowAppend] = {}
        removals: list[RowRemoval] = []
        keep = timedelta(days=self.options.keep_finished_days)

        def set_cells(tab: str, row: SheetRow, values: Mapping[str, str]) -> None:
            for key, value in values.items():
                if key in row.values and row.get(key) != value:
                    writes.append(CellWrite(tab, row.key, key, value))

        for task_id in sorted(self.tasks):
            task = self.tasks[task_id]
            person = self.people.get(task.person_id)
            for number in range(1, task.attempt + 1):
                row_key = f"{task.id}.{number}"
                found = self.rows.get(row_key)
                current = number == task.attempt and task.state in _LISTED
                if current and person is not None:
                    desired = self.row_values(task, person)
                    tab = self.options.tab_for(task.caller)
                    if row_key in self.keep_caller:
                        del desired["caller"]
                    if found is not None and found[0] == tab:
                        set_cells(tab, found[1], desired)
                        continue
                    if found is not None:
                        removals.append(RowRemoval(found[0], row_key))
                    order = (caller_key(task.caller), task.due, row_key)
                    appends[order] = RowAppend(tab, desired)
                    continue
                if found is None:
                    continue
                closed = task.attempt_started if number < task.attempt else task.outcome_at
                finished = task.is_final or number < task.attempt
                if finished and closed is not None and closed + keep <= self.now:
                    removals.append(RowRemoval(found[0], row_key))
                    continue
                status = self.closed_status(task, number)
                set_cells(found[0], found[1], {"phone": "", "status": status})
        listed = self.tasks_by_row()
        separator = self.text("status.separator")
        for key, problems in sorted(self.row_problems.items()):
            if key in listed or key not in self.rows:
                continue
            tab, row = self.rows[key]
            set_cells(tab, row, {"status": separator.join(p.message(self.lang) for p in problems)})
        plan = SheetPlan(writes=tuple(writes), appends=tuple(appends[k] for k in sorted(appends)))
        return plan, tuple(sorted(set(removals)))

    def tasks_by_row(self) -> set[str]:
        return {task.row_key for task in self.tasks.values() if task.state in _LISTED}

    def row_values(self, task: CallTask, person: ZetkinMember) -> dict[str, str]:
        return {
            "task_id": task.row_key,
            "caller": task.caller,
            "name": clean_text(f"{person.first_name} {person.last_name}"),
            "phone": zetkin_phone(person.phone, self.options.phone_region),
            "district": person.district,
            "type": self.type_of(task),
            "due": _day(task.due),
            "status": self.open_status(task, person),
        }

    # --- measures ---------------------------------------------------------------------------

    def measures(self, rounds: Iterable[CallRound]) -> CallMeasures:
        month = (self.today.year, self.today.month)
        new = sum(
            1 for p in self.people.values()
            if p.is_member and p.joined is not None and (p.joined.year, p.joined.month) == month
        )  # fmt: skip
        welcome = [task for task in self.tasks.values() if task.kind is TaskKind.WELCOME]
        on_time = [
            task for task in welcome
            if task.outcome in _CONTACTED
            and task.outcome_at is not None and task.outcome_at.date() <= task.due
        ]  # fmt: skip
        on_time_ids = {task.id for task in on_time}
        decided = sum(1 for task in welcome if task.id in on_time_ids or task.due < self.today)
        overdue = sum(1 for task in welcome if not task.is_final and task.due < self.today)
        names = sorted({task.caller for task in self.tasks.values() if task.caller}, key=caller_key)
        callers = tuple(
            CallerMeasure(
                name,
                sum(1 for x in self.tasks.values() if x.caller == name and not x.is_final),
                sum(1 for x in self.tasks.values() if x.caller == name
                    and x.state is TaskState.DONE),
            )
            for name in names
        )  # fmt: skip
        return CallMeasures(
            new_members_this_month=new,
            contacted_on_time=len(on_time),
            decided=decided,
            contacted_share=len(on_time) / decided if decided else None,
            overdue=overdue,
            callers=callers,
            rounds=tuple(self.round_measure(record) for record in rounds),
        )

    def round_measure(self, record: CallRound) -> RoundMeasure:
        tasks = [task for task in self.tasks.values() if task.round_id == record.id]
        return RoundMeasure(
            record.id,
            record.name,
            targets=len(tasks),
            called=sum(1 for task in tasks if task.history),
            reached=sum(1 for task in tasks if task.outcome is Outcome.REACHED),
            door_knock_yes=sum(1 for task in tasks if task.answer("door_knock") is True),
        )


def plan_calls(
    people: Sequence[ZetkinMember],
    *,
    callers: Sequence[SheetRow],
    call_list: Mapping[str, Sequence[SheetRow]],
    rounds: Sequence[SheetRow],
    state: CallState,
    options: CallOptions,
    now: datetime,
    tag_ids: Mapping[str, int] | None = None,
) -> CallPlan:
    """Plan one cycle of call work (see the module docstring for the rules).

    ``call_list`` maps each call-list tab's logical key (``call_list``, or
    ``call_list/<caller>`` with per-caller tabs) to its rows; ``tag_ids`` are Zetkin's tags
    by title (known tags for rules and the Smart Search translation; ``None``: any tag).
    """
    parsed_callers, caller_problems = parse_callers(callers, region=options.phone_region)
    planner = _Planner(
        people={person.id: person for person in people},
        callers=parsed_callers,
        options=options,
        now=now,
        tags_known=tag_ids or {},
        tasks={task.id: task for task in state.tasks},
        register=list(state.register),
        applied=state.applied,
    )
    planner.problems.extend(caller_problems)
    stored = {caller_key(record.name): record for record in state.rounds}
    planner.round_names = {record.id: record.name for record in state.rounds}
    records: dict[str, CallRound] = {record.id: record for record in state.rounds}
    parsed: list[tuple[SheetRow, CallRound, Rule | RuleError | None, bool]] = []
    for row in rounds:
        name = clean_text(row.get("name"))
        if not name:
            continue
        dates: list[date | None] = []
        bad = False  # pragma: no mutate (None is as false as False)
        for key in ("start", "end"):
            text = row.get(key).strip()
            day = parse_date(text)
            if text and day is None:
                bad = True
                planner.row_problem(
                    f"round:{name}", "call_rounds", row, key, "bad_round_date", text
                )
            dates.append(day)
        old = stored.get(caller_key(name))
        record = CallRound(
            id=old.id if old else round_id(name), name=name, rule=row.get("target").strip(),
            start=dates[0], end=dates[1], purpose=clean_text(row.get("purpose")),
        )  # fmt: skip
        records[record.id] = record
        planner.round_names[record.id] = name
        rule: Rule | RuleError | None = None
        if record.rule:
            try:
                rule = parse_rule(record.rule, tags=planner.tags_known, districts=options.districts)
            except RuleError as error:
                rule = error
        parsed.append((row, record, rule, bad))

    planner.index_rows(call_list)
    planner.read_outcomes()
    planner.clear_register()
    planner.advance()
    planner.welcome()
    mirrors: list[RoundMirror] = []
    for _row, record, rule, bad in parsed:
        if isinstance(rule, Rule) and not bad and _active(record, now.date()):
            planner.round_targets(record, rule)
            if options.mirror_rounds:
                spec = rule.filter_spec(
                    tag_ids=planner.tags_known, district_field=options.district_field,
                    joined_field=options.joined_field, now=now,
                )  # fmt: skip
                ids = tuple(sorted(c.zetkin_id for c in parsed_callers
                                   if c.available and c.zetkin_id is not None))  # fmt: skip
                if spec is not None:
                    mirrors.append(RoundMirror(record.id, record.name, spec, ids,
                                               record.start, record.end))  # fmt: skip
                else:
                    word = rule.untranslated(tag_ids=planner.tags_known)
                    planner.unmirrored[record.id] = word
    errors = planner.assign_tasks()
    sheet, removals = planner.sheet()
    round_writes = [
        CellWrite("call_rounds", row.key, "status", text)
        for row, record, rule, bad in parsed
        if "status" in row.values
        and row.get("status") != (text := _round_status(planner, record, rule, bad))
    ]
    sheet = SheetPlan(writes=sheet.writes + tuple(round_writes), appends=sheet.appends)
    escalations = tuple(
        Escalation(task.id, task.person_id, task.caller, task.due, task.due < now.date())
        for task in sorted(planner.tasks.values(), key=lambda x: (x.due, x.id))
        if task.kind is TaskKind.WELCOME and not task.is_final and planner.escalated(task)
    )
    new_state = CallState(
        tasks=tuple(planner.tasks[key] for key in sorted(planner.tasks)),
        register=tuple(sorted(planner.register, key=lambda e: (e.person_id, e.reason))),
        rounds=tuple(records[key] for key in sorted(records)),
        applied=state.applied,
    )
    return CallPlan(
        state=new_state,
        sheet=sheet,
        removals=removals,
        tags=tuple(planner.tag_writes),
        notes=tuple(planner.note_writes),
        mirrors=tuple(mirrors),
        problems=tuple(planner.problems),
        errors=tuple(errors),
        escalations=escalations,
        measures=planner.measures(records[key] for key in sorted(records)),
    )


def _before(moment: datetime | None, limit: datetime) -> bool:
    return moment is not None and moment <= limit


def _active(record: CallRound, today: date) -> bool:
    return (record.start is None or record.start <= today) and (
        record.end is None or today <= record.end
    )


def _round_status(
    planner: _Planner, record: CallRound, rule: Rule | RuleError | None, bad: bool
) -> str:
    lang = planner.lang
    problems = planner.row_problems.get(f"round:{record.name}", [])
    if bad:
        return planner.text("status.separator").join(p.message(lang) for p in problems)
    if isinstance(rule, RuleError):
        return rule.message(lang)
    if rule is None:
        return planner.text("calls.round.no_rule")
    today = planner.today
    if record.start is not None and today < record.start:
        return planner.text("calls.round.not_started", start=_day(record.start))
    measure = planner.round_measure(record)
    key = (
        "calls.round.ended"
        if record.end is not None and today > record.end
        else "calls.round.active"
    )
    text = planner.text(
        key, targets=measure.targets, called=measure.called, reached=measure.reached
    )
    if record.id in planner.unmirrored:
        word = planner.unmirrored[record.id]
        text += planner.text("status.separator") + planner.text("calls.round.not_mirrored",
                                                                 word=word)  # fmt: skip
    return text
