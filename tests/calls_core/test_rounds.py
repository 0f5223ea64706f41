"""Call rounds: target lists from a rule, the round's status, its Zetkin mirror."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import phonenumbers

from bridge.calls import (
    Attempt,
    CallOptions,
    CallRound,
    CallState,
    CallTask,
    DoNotContact,
    Outcome,
    Reason,
    TaskKind,
    TaskState,
    round_id,
)
from bridge.members import ZetkinMember
from bridge.sheet import CellWrite
from sandbox.fictional import generate

from .helpers import NOW, OPTIONS, applied, caller, person, plan, sheet_row, typed

OLA = [caller(2, "Ola Hansen", "5", zetkin_id="900")]
TAG_IDS = {"Medlem": 3, "Vil dørbanke": 5, "Vil ringe": 6}
RID = round_id("Dørbank Heimdal")
OLD = date(2025, 1, 1)  # joined before the start date: no welcome task


def round_row(target: str = 'tag:Medlem -tag:"Vil dørbanke" bydel:Heimdal', **values: str):  # type: ignore[no-untyped-def]
    defaults = {
        "name": "Dørbank Heimdal",
        "purpose": "Verve dørbankere",
        "start": "2026-11-25",
        "end": "20.12.2026",
    }
    return sheet_row("call_rounds", 2, target=target, **{**defaults, **values})


def round_plan(people, rule_row=None, state=None, options=OPTIONS, now=NOW):  # type: ignore[no-untyped-def]
    return plan(
        people,
        callers=OLA,
        rounds=[rule_row or round_row()],
        state=state,
        options=options,
        now=now,
        tag_ids=TAG_IDS,
    )


def targets(result) -> list[int]:  # type: ignore[no-untyped-def]
    return sorted(t.person_id for t in result.state.tasks if t.round_id == RID)


def test_a_round_targets_the_people_its_rule_matches() -> None:
    people = [
        person(1, joined=OLD),
        person(2, joined=OLD, district="Østbyen"),
        person(3, joined=OLD, tags=("Medlem", "Vil dørbanke")),
        person(4, joined=OLD, tags=()),
    ]
    result = round_plan(people)
    assert targets(result) == [1]
    (task,) = result.state.tasks
    assert (task.id, task.kind, task.due) == (f"{RID}-1", TaskKind.ROUND, date(2026, 12, 20))
    assert result.sheet.appends[0].values["type"] == "Runde: Dørbank Heimdal"


def test_the_round_is_stored_with_a_stable_id() -> None:
    result = round_plan([person(1, joined=OLD)])
    assert result.state.rounds == (
        CallRound(
            RID,
            "Dørbank Heimdal",
            'tag:Medlem -tag:"Vil dørbanke" bydel:Heimdal',
            date(2026, 11, 25),
            date(2026, 12, 20),
            "Verve dørbankere",
        ),
    )


def test_people_in_the_register_are_skipped() -> None:
    entry = DoNotContact(1, Reason.NO_CONTACT, "V1", NOW - timedelta(days=90))
    assert targets(round_plan([person(1, joined=OLD)], state=CallState(register=(entry,)))) == []


def test_people_without_a_valid_phone_are_skipped_with_a_register_entry() -> None:
    result = round_plan([person(1, joined=OLD, phone="123")])
    assert targets(result) == []
    assert [(e.person_id, e.reason) for e in result.state.register] == [(1, Reason.NO_VALID_PHONE)]


def test_people_holding_an_open_task_are_skipped() -> None:
    result = round_plan([person(1, joined=date(2026, 11, 20))])  # gets a welcome task first
    assert [t.id for t in result.state.tasks] == ["V1"]


def called(pid: int, at: datetime) -> CallTask:
    return CallTask(
        f"V{pid}",
        pid,
        TaskKind.WELCOME,
        at,
        at.date(),
        state=TaskState.DONE,
        outcome=Outcome.REACHED,
        outcome_at=at,
        history=(Attempt(1, Outcome.REACHED, at, "Ola Hansen"),),
    )


def test_people_called_within_the_cooldown_are_skipped() -> None:
    people = [person(1, joined=OLD), person(2, joined=OLD)]
    state = CallState(
        tasks=(called(1, NOW - timedelta(days=1)), called(2, NOW - timedelta(days=2)))
    )
    assert targets(round_plan(people, state=state)) == [2]


def test_each_person_is_targeted_once_per_round() -> None:
    result = round_plan([person(1, joined=OLD)])
    done = replace(result.state.tasks[0], state=TaskState.DONE, outcome_at=NOW)
    again = round_plan(
        [person(1, joined=OLD)],
        state=replace(result.state, tasks=(done,)),
        now=NOW + timedelta(days=5),
    )
    assert len(again.state.tasks) == 1


def test_a_round_writes_its_status() -> None:
    result = round_plan([person(1, joined=OLD)])
    assert (
        CellWrite(
            "call_rounds", "Dørbank Heimdal", "status", "Aktiv: 1 i målgruppen, 0 ringt, 0 nådd"
        )
        in result.sheet.writes
    )


def test_a_rule_with_a_typo_gets_an_error_pointing_at_the_word_and_no_targets() -> None:
    options = replace(OPTIONS, districts=("Midtbyen", "Østbyen", "Lerkendal", "Heimdal"))
    result = round_plan(
        [person(1, joined=OLD)], round_row("tag:Medlem bydel:Heimdl"), options=options
    )
    assert targets(result) == []
    (write,) = result.sheet.writes
    assert write.value == "Ukjent bydel «Heimdl» (tegn 12) (mente du «Heimdal»?)"


def test_a_round_without_a_rule_says_so() -> None:
    result = round_plan([person(1, joined=OLD)], round_row(""))
    assert result.sheet.writes[0].value.startswith("Mangler målgruppe")


def test_a_round_that_has_not_started_adds_no_one() -> None:
    result = round_plan([person(1, joined=OLD)], round_row(start="2026-12-05"))
    assert targets(result) == [] and result.sheet.writes[0].value == "Starter 05.12.2026"


def test_an_ended_round_adds_no_one_and_shows_its_totals() -> None:
    result = round_plan([person(1, joined=OLD)], round_row(end="2026-11-30"))
    assert targets(result) == [] and result.sheet.writes[0].value.startswith("Avsluttet: 0")


def test_a_bad_round_date_is_a_row_problem() -> None:
    result = round_plan([person(1, joined=OLD)], round_row(start="neste uke"))
    assert targets(result) == []
    assert [(p.code, p.cell) for p in result.problems] == [("bad_round_date", "D2")]
    assert (
        result.sheet.writes[0].value == "Ugyldig dato «neste uke»: skriv 2026-01-01 eller 1.1.2026"
    )


def test_a_round_without_an_end_is_due_after_the_due_days() -> None:
    result = round_plan([person(1, joined=OLD)], round_row(end=""))
    assert result.state.tasks[0].due == date(2026, 12, 15)


def test_the_round_is_mirrored_with_its_filter_and_callers_when_switched_on() -> None:
    options = replace(OPTIONS, mirror_rounds=True)
    (mirror,) = round_plan([person(1, joined=OLD)], options=options).mirrors
    assert (mirror.round_id, mirror.title, mirror.caller_person_ids) == (
        RID,
        "Dørbank Heimdal",
        (900,),
    )
    assert mirror.filter_spec is not None and mirror.filter_spec[1]["config"]["tags"] == [3]


def test_no_mirror_unless_switched_on() -> None:
    assert round_plan([person(1, joined=OLD)]).mirrors == ()


def test_a_round_task_not_reached_after_three_attempts_closes_without_follow_up() -> None:
    people = [person(1, joined=OLD)]
    result = round_plan(people)
    rows, now = applied([], result), NOW
    for attempt in (1, 2, 3):
        rows = typed(rows, f"{RID}-1.{attempt}", outcome="ikke svar")
        now += timedelta(hours=1)
        result = plan(
            people,
            callers=OLA,
            rows=rows,
            rounds=[round_row()],
            state=result.state,
            now=now,
            tag_ids=TAG_IDS,
        )
        rows = applied(rows, result)
        now += timedelta(days=2)
        result = plan(
            people,
            callers=OLA,
            rows=rows,
            rounds=[round_row()],
            state=result.state,
            now=now,
            tag_ids=TAG_IDS,
        )
        rows = applied(rows, result)
    (task,) = result.state.tasks
    assert (task.state, task.attempt) == (TaskState.DONE, 3)


def test_round_measures_count_targets_called_reached_and_door_knock_yes() -> None:
    people = [person(1, joined=OLD), person(2, joined=OLD), person(3, joined=OLD)]
    result = round_plan(people)
    rows = typed(applied([], result), f"{RID}-1.1", outcome="nådd", door_knock="ja")
    rows = typed(rows, f"{RID}-2.1", outcome="opptatt")
    later = plan(
        people, callers=OLA, rows=rows, rounds=[round_row()], state=result.state, tag_ids=TAG_IDS
    )
    assert later.measures is not None
    (measure,) = later.measures.rounds
    assert (measure.targets, measure.called, measure.reached, measure.door_knock_yes) == (
        3,
        2,
        1,
        1,
    )
    assert (
        CellWrite(
            "call_rounds", "Dørbank Heimdal", "status", "Aktiv: 3 i målgruppen, 2 ringt, 1 nådd"
        )
        in later.sheet.writes
    )


def test_target_list_on_a_fictional_branch_matches_an_independent_computation() -> None:
    branch = generate(seed=14, size=400)
    now = datetime(2026, 5, 1, 12, 0)
    options = CallOptions(start_date=date(2027, 1, 1))  # no welcome tasks
    people = [
        ZetkinMember(
            p.id,
            p.first_name,
            p.last_name,
            p.phone or "",
            p.email or "",
            p.bydel or "",
            date.fromisoformat(p.innmeldt) if p.innmeldt else None,
            frozenset(p.tags),
            "Medlem" in p.tags,
        )
        for p in branch.people
    ]
    # Some history: every 7th person called 1, 10 or 40 days ago; every 11th holds an open task.
    tasks = [
        called(p.id, now - timedelta(days=(1, 10, 40)[p.id % 3]))
        for p in branch.people
        if p.id % 7 == 0
    ]
    tasks += [
        CallTask(
            f"V{p.id}",
            p.id,
            TaskKind.WELCOME,
            now,
            now.date(),
            caller="Ola Hansen",
            assigned_at=now,
        )
        for p in branch.people
        if p.id % 11 == 0 and p.id % 7
    ]
    register = [
        DoNotContact(p.id, Reason.NO_CONTACT, "x", now) for p in branch.people if p.id % 13 == 0
    ]
    rule = (
        'tag:Medlem -tag:"Vil dørbanke" bydel:Heimdal,Lerkendal ikke-ringt:30d '
        "innmeldt-før:2026-01-01"
    )
    result = round_plan(
        people,
        round_row(rule, start="", end=""),
        CallState(tasks=tuple(tasks), register=tuple(register)),
        options,
        now,
    )

    def valid(phone: str | None) -> bool:
        if not phone:
            return False
        try:
            return phonenumbers.is_valid_number(phonenumbers.parse(phone, "NO"))
        except phonenumbers.NumberParseException:
            return False

    last = {t.person_id: t.outcome_at for t in tasks if t.outcome_at}
    expected = [
        p.id
        for p in branch.people
        if "Medlem" in p.tags
        and "Vil dørbanke" not in p.tags
        and p.bydel in ("Heimdal", "Lerkendal")
        and p.innmeldt is not None
        and p.innmeldt < "2026-01-01"
        and not (p.id in last and (now - last[p.id]).days < 30)
        and not (p.id % 11 == 0 and p.id % 7)
        and p.id % 13 != 0
        and valid(p.phone)
    ]
    assert len(expected) > 20
    assert targets(result) == expected


def test_a_rule_without_a_smart_search_form_is_not_mirrored_and_its_status_says_why() -> None:
    options = replace(OPTIONS, mirror_rounds=True, districts=("Heimdal", "Lerkendal"))
    row = round_row("tag:Medlem bydel:Heimdal,Lerkendal")
    result = round_plan([person(1, joined=OLD)], rule_row=row, options=options)
    assert result.mirrors == ()
    (status,) = [w.value for w in result.sheet.writes if w.tab == "call_rounds"]
    assert status == (
        "Aktiv: 1 i målgruppen, 0 ringt, 0 nådd; "
        "Ikke speilet i Zetkin: «bydel:Heimdal,Lerkendal» har ingen Smart Search-form"
    )
    # the round itself still lists its targets from the sheet
    assert [t.round_id for t in result.state.tasks] == [round_id("Dørbank Heimdal")]


def test_the_mirror_carries_the_round_dates() -> None:
    options = replace(OPTIONS, mirror_rounds=True)
    (mirror,) = round_plan([person(1, joined=OLD)], options=options).mirrors
    assert (mirror.start, mirror.end) == (date(2026, 11, 25), date(2026, 12, 20))
