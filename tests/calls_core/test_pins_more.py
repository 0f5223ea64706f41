"""More pins found by mutation testing: region, rounds, rows of older attempts, fallbacks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from bridge.calls import (
    Caller,
    CallRound,
    CallState,
    CallTask,
    Need,
    Outcome,
    RowProblem,
    RowRemoval,
    TaskKind,
    TaskState,
    assign,
    round_id,
    shares,
)
from bridge.calls.plan import RoundMeasure
from bridge.sheet import CellWrite

from .helpers import NOW, OPTIONS, applied, caller, list_row, person, plan, sheet_row, typed

OLA = [caller(2, "Ola Hansen", "5")]
TWO = [caller(2, "Ola Hansen", "5"), caller(3, "Bodil", "5")]
OLD = date(2025, 1, 1)
TAG_IDS = {"Medlem": 3, "Vil dørbanke": 5}


def test_phones_are_read_in_the_configured_region() -> None:
    options = replace(OPTIONS, phone_region="SE")
    swede = person(1, phone="070-123 45 67")
    result = plan(
        [swede, person(2, phone="073-123 45 67")],
        options=options,
        callers=[caller(2, "Ola", "5", phone="073-123 45 67")],
    )
    assert [t.id for t in result.state.tasks] == ["V1", "V2"] and result.state.register == ()
    assert result.state.tasks[1].caller == ""  # the only caller is that person
    phones = {a.values["task_id"]: a.values["phone"] for a in result.sheet.appends}
    assert phones == {"V1.1": "+46701234567", "V2.1": "+46731234567"}
    rows = typed(applied([], result), "V1.1", outcome="feil nummer")
    wrong = plan([swede], callers=OLA, rows=rows, state=result.state, options=options)
    assert len(wrong.state.register) == 1
    again = plan([swede], callers=OLA, state=wrong.state, options=options)
    assert len(again.state.register) == 1


def round_row(number: int = 2, **values: str):  # type: ignore[no-untyped-def]
    defaults = {"name": "Runde", "target": "tag:Medlem", "start": "2026-12-01", "end": "2026-12-01"}
    return sheet_row("call_rounds", number, **{**defaults, **values})


def test_a_round_on_its_only_day_is_active() -> None:
    result = plan([person(1, joined=OLD)], callers=OLA, rounds=[round_row()], tag_ids=TAG_IDS)
    assert [t.round_id for t in result.state.tasks] == [round_id("Runde")]
    assert result.sheet.writes == (
        CellWrite("call_rounds", "Runde", "status", "Aktiv: 1 i målgruppen, 0 ringt, 0 nådd"),
    )


def test_a_round_status_already_right_is_not_written_again() -> None:
    row = round_row(status="Aktiv: 1 i målgruppen, 0 ringt, 0 nådd")
    result = plan([person(1, joined=OLD)], callers=OLA, rounds=[row], tag_ids=TAG_IDS)
    assert result.sheet.writes == ()


def test_a_stored_round_keeps_its_id() -> None:
    stored = CallRound("R-fra-før", "runde", "tag:Medlem")
    result = plan(
        [person(1, joined=OLD)],
        callers=OLA,
        rounds=[round_row()],
        state=CallState(rounds=(stored,)),
        tag_ids=TAG_IDS,
    )
    assert [r.id for r in result.state.rounds] == ["R-fra-før"]
    assert result.state.tasks[0].id == "R-fra-før-1"


def test_round_rule_tags_are_checked_against_zetkin() -> None:
    row = round_row(target="tag:Medlemm")
    result = plan([person(1, joined=OLD)], callers=OLA, rounds=[row], tag_ids=TAG_IDS)
    assert result.sheet.writes[0].value == "Ukjent tag «Medlemm» (tegn 1) (mente du «Medlem»?)"


def test_round_rows_after_a_blank_one_are_read_and_bad_dates_name_their_cell() -> None:
    rows = [round_row(2, name=""), round_row(3, end="31.13.2026")]
    result = plan([person(1, joined=OLD)], callers=OLA, rounds=rows, tag_ids=TAG_IDS)
    assert result.problems == (RowProblem("call_rounds", 3, "E3", "bad_round_date", "31.13.2026"),)


def test_round_texts_follow_the_language() -> None:
    options = replace(OPTIONS, language="en")
    rows = [round_row(2, end="x"), round_row(3, name="B", target="tagg:1")]
    result = plan([], callers=OLA, rounds=rows, options=options, tag_ids=TAG_IDS)
    assert [w.value for w in result.sheet.writes] == [
        "Invalid date “x”: write 2026-01-01 or 1.1.2026",
        "Unknown keyword “tagg” (character 1) (did you mean “tag”?)",
    ]


def test_the_mirror_carries_the_whole_filter_and_only_active_callers_with_an_id() -> None:
    options = replace(OPTIONS, mirror_rounds=True, district_field="bydel_felt", joined_field="inn")
    callers = [
        caller(2, "Ola", "5", zetkin_id="900"),
        caller(3, "Bodil", "5", zetkin_id="901", active="Nei"),
        caller(4, "Per", "5"),
    ]
    row = round_row(target="bydel:Heimdal nye:10d ringt:5d")
    (mirror,) = plan([], callers=callers, rounds=[row], options=options, tag_ids=TAG_IDS).mirrors
    assert mirror.caller_person_ids == (900,)
    assert [f["config"] for f in mirror.filter_spec or []][1:] == [
        {"field": "bydel_felt", "search": "Heimdal"},
        {"field": "inn", "after": "2026-11-20"},
        {"operator": "called", "after": "2026-11-26"},
    ]


def test_round_measures_name_their_round() -> None:
    result = plan([person(1, joined=OLD)], callers=OLA, rounds=[round_row()], tag_ids=TAG_IDS)
    assert result.measures is not None
    assert result.measures.rounds == (RoundMeasure(round_id("Runde"), "Runde", 1, 0, 0, 0),)


def test_round_targets_without_a_phone_are_entered_by_the_phone_check() -> None:
    result = plan([person(1, joined=OLD, phone="0")], callers=OLA, rounds=[round_row()])
    assert [(e.reason, e.source) for e in result.state.register] == [
        ("no_valid_phone", "phone check")
    ]


def test_callers_are_measured_in_name_order() -> None:
    callers = [caller(2, "Ola", "1"), caller(3, "bodil", "1")]
    result = plan([person(1), person(2)], callers=callers)
    assert result.measures is not None
    assert [c.name for c in result.measures.callers] == ["bodil", "Ola"]


def test_earlier_due_dates_are_placed_first() -> None:
    people = [person(1, joined=date(2026, 11, 25)), person(2, joined=date(2026, 11, 20))]
    tasks = {t.id: t.caller for t in plan(people, callers=TWO).state.tasks}
    assert tasks == {"V2": "Bodil", "V1": "Ola Hansen"}


def test_released_tasks_are_placed_by_due_date_too() -> None:
    def task(pid: int, due: date) -> CallTask:
        return CallTask(f"V{pid}", pid, TaskKind.WELCOME, NOW, due, caller="Per", assigned_at=NOW)

    callers = [*TWO, caller(4, "Per", "5")]
    state = CallState(tasks=(task(1, date(2026, 12, 20)), task(2, date(2026, 12, 10))))
    later = plan(
        [person(1, joined=OLD), person(2, joined=OLD)],
        callers=callers,
        state=state,
        now=NOW + timedelta(days=5),
    )
    assert {t.id: t.caller for t in later.state.tasks} == {"V2": "Bodil", "V1": "Ola Hansen"}


def test_a_task_done_exactly_a_week_ago_still_counts() -> None:
    at = NOW - timedelta(days=7)
    done = tuple(
        CallTask(
            f"V{i}",
            i,
            TaskKind.WELCOME,
            at,
            at.date(),
            caller="Bodil",
            state=TaskState.DONE,
            outcome=Outcome.REACHED,
            outcome_at=at,
        )
        for i in (1, 2)
    )
    result = plan([person(1), person(2), person(3)], callers=TWO, state=CallState(tasks=done))
    assert result.state.tasks[2].caller == "Ola Hansen"


def test_a_gone_person_after_a_finished_task_is_cancelled() -> None:
    done = CallTask("V1", 1, TaskKind.WELCOME, NOW, NOW.date(), state=TaskState.DONE)
    open_ = CallTask(
        "V2", 2, TaskKind.WELCOME, NOW, NOW.date(), caller="Ola Hansen", assigned_at=NOW
    )
    later = plan([person(1)], callers=OLA, state=CallState(tasks=(done, open_)))
    assert later.state.tasks[1].state is TaskState.CANCELLED


def waiting(**changes: object) -> CallTask:
    task = CallTask(
        "V1",
        1,
        TaskKind.WELCOME,
        NOW,
        date(2026, 12, 20),
        caller="Ola Hansen",
        assigned_at=NOW,
        attempt=2,
        attempt_started=NOW - timedelta(days=6),
        state=TaskState.WAITING,
        outcome=Outcome.BUSY,
        outcome_at=NOW - timedelta(days=8),
        next_attempt_after=NOW + timedelta(days=2),
    )
    return replace(task, **changes)  # type: ignore[arg-type]


def test_an_older_row_of_a_waiting_task_shows_its_own_attempt() -> None:
    from bridge.calls import Attempt

    task = waiting(
        history=(
            Attempt(1, Outcome.NO_ANSWER, NOW, "Ola Hansen"),
            Attempt(2, Outcome.BUSY, NOW, "Ola Hansen"),
        )
    )
    rows = [list_row(2, task_id="V1.1", phone="x"), list_row(3, task_id="V1.2", phone="x")]
    result = plan([person(1)], callers=OLA, rows=rows, state=CallState(tasks=(task,)))
    assert [(w.row_key, w.value) for w in result.sheet.writes if w.field == "status"] == [
        ("V1.1", "ikke svar (forsøk 1)"),
        ("V1.2", "opptatt: nytt forsøk fra 03.12.2026"),
    ]


def test_a_later_row_is_written_when_an_earlier_one_was_deleted() -> None:
    rows = [list_row(3, task_id="V1.2", phone="x")]
    result = plan([person(1)], callers=OLA, rows=rows, state=CallState(tasks=(waiting(),)))
    assert [w.field for w in result.sheet.writes] == ["phone", "status"]


def test_older_rows_leave_counted_from_the_attempt_after_them() -> None:
    rows = [list_row(2, task_id="V1.1"), list_row(3, task_id="V1.2")]
    result = plan([person(1)], callers=OLA, rows=rows, state=CallState(tasks=(waiting(),)))
    assert result.removals == ()


def test_a_finished_row_leaves_counted_from_when_it_finished() -> None:
    task = waiting(
        state=TaskState.DONE,
        outcome=Outcome.REACHED,
        outcome_at=NOW - timedelta(days=1),
        attempt_started=NOW - timedelta(days=20),
    )
    rows = [list_row(2, task_id="V1.1"), list_row(3, task_id="V1.2")]
    result = plan([person(1)], callers=OLA, rows=rows, state=CallState(tasks=(task,)))
    assert result.removals == (RowRemoval("call_list", "V1.1"),)


def test_a_row_key_beyond_the_attempts_is_only_reported() -> None:
    result = plan([person(1)], callers=OLA)
    rows = [
        *applied([], result),
        list_row(3, task_id="V1.0", phone="x"),
        list_row(4, task_id="V1.2", phone="x"),
    ]
    later = plan([person(1)], callers=OLA, rows=rows, state=result.state)
    assert [(w.row_key, w.field) for w in later.sheet.writes] == [
        ("V1.0", "status"),
        ("V1.2", "status"),
    ]


def test_a_duplicate_row_does_not_stop_the_reading_of_the_rest() -> None:
    result = plan([person(1), person(2)], callers=OLA)
    first, second = applied([], result)
    rows = [first, list_row(3, **first.values), list_row(4, **{**second.values, "outcome": "nådd"})]
    later = plan([person(1), person(2)], callers=OLA, rows=rows, state=result.state)
    assert later.state.tasks[1].state is TaskState.DONE
    assert "står på flere rader" in next(w.value for w in later.sheet.writes if w.row_key == "V1.1")


def test_problems_on_rows_follow_the_language() -> None:
    options = replace(OPTIONS, language="en")
    result = plan([person(1, joined=date(2026, 11, 28))], callers=OLA, options=options)
    rows = [
        *typed(applied([], result), "V1.1", outcome="fredag", door_knock=""),
        list_row(3, task_id="X.1"),
    ]
    later = plan([person(1)], callers=OLA, rows=rows, state=result.state, options=options)
    texts = sorted(w.value for w in later.sheet.writes)
    assert texts[0].startswith("Cannot read “fredag”") and texts[1].startswith("Unknown task ID")


def test_an_unreadable_answer_shows_on_its_row() -> None:
    result = plan([person(1)], callers=OLA)
    rows = typed(applied([], result), "V1.1", outcome="nådd", will_call="tja")
    (write,) = plan([person(1)], callers=OLA, rows=rows, state=result.state).sheet.writes
    assert write.value.startswith("Skriv Ja eller Nei, ikke «tja»")


def test_the_follow_up_row_is_listed_when_it_starts() -> None:
    task = CallTask(
        "V1",
        1,
        TaskKind.WELCOME,
        NOW,
        date(2026, 12, 20),
        caller="Ola Hansen",
        assigned_at=NOW,
        attempt=3,
        attempt_started=NOW,
    )
    rows = [list_row(2, task_id="V1.3", caller="Ola Hansen", outcome="opptatt")]
    later = plan(
        [person(1)],
        callers=OLA,
        rows=rows,
        state=CallState(tasks=(task,)),
        now=NOW + timedelta(hours=1),
    )
    assert later.state.tasks[0].attempt_started == NOW + timedelta(hours=1)


def test_shares_go_to_the_largest_remainder_not_the_largest_share() -> None:
    assert shares(3, [Caller("A", 8), Caller("B", 2)]) == {"a": 2, "b": 1}


def test_when_no_one_allowed_is_under_their_share_the_least_loaded_by_capacity_takes_it() -> None:
    callers = [Caller("A", 1, zetkin_id=1), Caller("B", 2), Caller("C", 1)]
    needs = [Need("V1", person(1), date(2026, 12, 4)), Need("V1b", person(1), date(2026, 12, 5))]
    assert assign(needs[:1], callers, {"b": 4, "c": 2}, region="NO") == {"V1": "B"}
    assert assign(needs, callers, {"b": 4, "c": 2}, region="NO") == {"V1": "B", "V1b": "B"}
