"""Welcome calls: created, assigned, listed, followed up, closed, written back to Zetkin."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from bridge.calls import (
    CallState,
    NoteWrite,
    Outcome,
    Reason,
    RowProblem,
    RowRemoval,
    TagWrite,
    TaskState,
)
from bridge.sheet import CellWrite, RowAppend

from .helpers import NOW, OPTIONS, applied, caller, list_row, person, plan, typed

OLA = [caller(2, "Ola Hansen", "5")]


def first_cycle(*people, callers=OLA, now=NOW):  # type: ignore[no-untyped-def]
    result = plan(list(people), callers=callers, now=now)
    return result, applied([], result)


def test_a_new_member_gets_a_welcome_task_due_fourteen_days_after_joining() -> None:
    result, _ = first_cycle(person(1, joined=date(2026, 11, 20)))
    (task,) = result.state.tasks
    assert (task.id, task.due, task.caller, task.state) == (
        "V1",
        date(2026, 12, 4),
        "Ola Hansen",
        TaskState.OPEN,
    )


def test_the_task_is_listed_as_one_row_keyed_by_task_and_attempt() -> None:
    result, _ = first_cycle(
        person(1, "Kari", "Nordmann", phone="912 34 567", joined=date(2026, 11, 28))
    )
    assert result.sheet.appends == (
        RowAppend(
            "call_list",
            {
                "task_id": "V1.1",
                "caller": "Ola Hansen",
                "name": "Kari Nordmann",
                "phone": "+4791234567",
                "district": "Heimdal",
                "type": "Velkomst",
                "due": "12.12.2026",
                "status": "",
            },
        ),
    )


def test_members_who_joined_on_or_before_the_start_date_get_no_task() -> None:
    result, _ = first_cycle(person(1, joined=OPTIONS.start_date), person(2, joined=None))
    assert result.state.tasks == ()


def test_people_who_are_not_members_get_no_welcome_task() -> None:
    result, _ = first_cycle(person(1, member=False))
    assert result.state.tasks == ()


def test_a_member_with_a_welcome_task_gets_no_second_one() -> None:
    result, rows = first_cycle(person(1))
    again = plan([person(1)], callers=OLA, rows=rows, state=result.state)
    assert again.state.tasks == result.state.tasks


def test_a_member_with_an_invalid_phone_gets_a_register_entry_not_a_task() -> None:
    result, _ = first_cycle(person(1, phone="n/a"))
    assert result.state.tasks == ()
    (entry,) = result.state.register
    assert (entry.person_id, entry.reason, entry.source) == (
        1,
        Reason.NO_VALID_PHONE,
        "phone check",
    )


def test_the_invalid_phone_entry_clears_when_the_number_is_fixed() -> None:
    result, _ = first_cycle(person(1, phone="n/a"))
    fixed = plan([person(1, phone="91234567")], callers=OLA, state=result.state)
    assert fixed.state.register == ()
    assert [task.id for task in fixed.state.tasks] == ["V1"]


def test_a_cycle_with_no_change_writes_nothing() -> None:
    result, rows = first_cycle(person(1), person(2))
    again = plan([person(1), person(2)], callers=OLA, rows=rows, state=result.state)
    assert not again.sheet and again.removals == () and again.tags == () and again.notes == ()


def test_the_list_is_sorted_by_caller_then_due_date() -> None:
    people = [person(1, joined=date(2026, 11, 25)), person(2, joined=date(2026, 11, 21)),
              person(3, joined=date(2026, 11, 23))]  # fmt: skip
    result, _ = first_cycle(*people, callers=[caller(2, "Bodil", "1"), caller(3, "Arne", "2")])
    order = [(a.values["caller"], a.values["due"]) for a in result.sheet.appends]
    assert order == sorted(order, key=lambda pair: (pair[0], pair[1][3:5], pair[1][:2]))


def reached_cycle(**values: str):  # type: ignore[no-untyped-def]
    result, rows = first_cycle(person(1, tags=("Medlem", "Vil ringe")))
    rows = typed(rows, "V1.1", **values)
    return plan(
        [person(1)], callers=OLA, rows=rows, state=result.state, now=NOW + timedelta(hours=3)
    ), rows


def test_reached_closes_the_task_and_writes_the_answers_as_tags() -> None:
    result, _ = reached_cycle(outcome="Nådd ✓", door_knock="ja", will_call="nei")
    (task,) = result.state.tasks
    assert (task.state, task.outcome) == (TaskState.DONE, Outcome.REACHED)
    assert result.tags == (
        TagWrite(1, "Vil dørbanke", True, "V1:tag:Vil dørbanke"),
        TagWrite(1, "Vil ringe", False, "V1:tag:Vil ringe"),
    )


def test_an_empty_answer_column_changes_no_tag() -> None:
    result, _ = reached_cycle(outcome="nådd", door_knock="x")
    assert [tag.tag for tag in result.tags] == ["Vil dørbanke"]


def test_the_note_goes_to_zetkin_prefixed_with_date_and_caller() -> None:
    result, _ = reached_cycle(outcome="nådd", note="Vil gjerne  bli med på stand")
    assert result.notes == (
        NoteWrite(1, "01.12.2026 Ola Hansen: Vil gjerne bli med på stand", "V1:note"),
    )


def test_a_finished_row_has_its_phone_blanked_at_once() -> None:
    result, _ = reached_cycle(outcome="nådd")
    assert result.sheet.writes == (
        CellWrite("call_list", "V1.1", "phone", ""),
        CellWrite("call_list", "V1.1", "status", "Ferdig: nådd 01.12.2026"),
    )


def test_a_rerun_asks_for_no_tag_or_note_twice() -> None:
    result, rows = reached_cycle(outcome="nådd", door_knock="ja", note="hei")
    keys = frozenset(w.key for w in (*result.tags, *result.notes))
    rows = applied(rows, result)
    for state in (result.state, replace(result.state, applied=keys)):
        again = plan([person(1)], callers=OLA, rows=rows, state=state, now=NOW + timedelta(hours=5))
        assert again.tags == () and again.notes == () and not again.sheet


def test_applied_keys_are_not_asked_for_even_if_the_task_was_not_stored() -> None:
    result, rows = first_cycle(person(1))
    rows = typed(rows, "V1.1", outcome="nådd", door_knock="ja", note="hei")
    state = replace(result.state, applied=frozenset({"V1:tag:Vil dørbanke", "V1:note"}))
    again = plan([person(1)], callers=OLA, rows=rows, state=state)
    assert again.tags == () and again.notes == ()


def test_not_reached_waits_the_cooldown_and_comes_back_with_the_same_caller() -> None:
    two = [caller(2, "Ola Hansen", "5"), caller(3, "Bodil", "5")]
    result = plan([person(1)], callers=two)
    rows = typed(applied([], result), "V1.1", outcome="ikke svar!")
    first_caller = result.state.tasks[0].caller
    waiting = plan(
        [person(1)], callers=two, rows=rows, state=result.state, now=NOW + timedelta(hours=1)
    )
    assert waiting.state.tasks[0].state is TaskState.WAITING
    assert (
        CellWrite("call_list", "V1.1", "status", "ikke svar: nytt forsøk fra 03.12.2026")
        in waiting.sheet.writes
    )
    rows = applied(rows, waiting)
    early = plan(
        [person(1)], callers=two, rows=rows, state=waiting.state, now=NOW + timedelta(days=2)
    )
    assert early.sheet.appends == ()
    back = plan(
        [person(1)],
        callers=two,
        rows=rows,
        state=waiting.state,
        now=NOW + timedelta(days=2, hours=1),
    )
    (append,) = back.sheet.appends
    assert (append.values["task_id"], append.values["caller"]) == ("V1.2", first_caller)
    assert append.values["status"] == "Haster: frist 04.12.2026; Forsøk 2 av 3"


def run_attempts(outcome: str, count: int, email: str = "kari@example.org"):  # type: ignore[no-untyped-def]
    people = [person(1, "Kari", phone="91234567", email=email)]
    result = plan(people, callers=OLA)
    rows = applied([], result)
    now = NOW
    for attempt in range(1, count + 1):
        rows = typed(rows, f"V1.{attempt}", outcome=outcome)
        now += timedelta(hours=1)
        result = plan(people, callers=OLA, rows=rows, state=result.state, now=now)
        rows = applied(rows, result)
        now += timedelta(days=2)
        result = plan(people, callers=OLA, rows=rows, state=result.state, now=now)
        rows = applied(rows, result)
    return result, rows


def test_after_three_attempts_a_welcome_task_becomes_an_sms_or_email_follow_up() -> None:
    result, rows = run_attempts("opptatt", 3)
    (task,) = result.state.tasks
    assert (task.state, task.attempt, len(task.history)) == (TaskState.FOLLOWUP, 4, 3)
    row = next(r for r in rows if r.key == "V1.4")
    assert row.get("type") == "SMS/e-post"
    assert "sms:+4791234567?body=Hei%20Kari%21%20Velkommen%20som%20medlem." in row.get("status")
    assert "mailto:kari@example.org?subject=Velkommen%20som%20medlem&body=Hei%20Kari" in row.get(
        "status"
    )


def test_a_follow_up_without_email_offers_only_the_sms_link() -> None:
    _, rows = run_attempts("ikke svar", 3, email="")
    status = next(r for r in rows if r.key == "V1.4").get("status")
    assert "sms:" in status and "mailto:" not in status


def test_a_sent_follow_up_closes_the_task() -> None:
    result, rows = run_attempts("ikke svar", 3)
    rows = typed(rows, "V1.4", outcome="sms sendt")
    done = plan(
        [person(1, "Kari", phone="91234567")],
        callers=OLA,
        rows=rows,
        state=result.state,
        now=NOW + timedelta(days=7),
    )
    assert (done.state.tasks[0].state, done.state.tasks[0].outcome) == (
        TaskState.DONE,
        Outcome.SENT,
    )


def test_earlier_attempt_rows_show_their_outcome_and_no_phone() -> None:
    _, rows = run_attempts("opptatt", 2)
    first = next(r for r in rows if r.key == "V1.1")
    assert (first.get("phone"), first.get("status")) == ("", "opptatt (forsøk 1)")


def test_wrong_number_closes_the_task_enters_the_register_and_notes_zetkin() -> None:
    result, _ = reached_cycle(outcome="feil nr")
    (entry,) = result.state.register
    assert (entry.reason, entry.source) == (Reason.WRONG_NUMBER, "V1")
    assert result.notes == (NoteWrite(1, "01.12.2026 Ola Hansen: feil nummer", "V1:wrong"),)
    assert result.state.tasks[0].state is TaskState.DONE


def test_a_wrong_number_entry_clears_when_the_number_changes() -> None:
    result, _ = reached_cycle(outcome="feil nummer")
    same = plan([person(1)], callers=OLA, state=result.state)
    changed = plan([person(1, phone="+4790000099")], callers=OLA, state=result.state)
    assert len(same.state.register) == 1 and changed.state.register == ()


def test_does_not_want_contact_lasts_and_sets_the_configured_tag() -> None:
    result, _ = reached_cycle(outcome="ønsker ikke kontakt")
    assert result.tags == (TagWrite(1, "Ønsker ikke kontakt", True, "V1:no_contact"),)
    later = plan([person(1, phone="+4790000099")], callers=OLA, state=result.state)
    assert [e.reason for e in later.state.register] == [Reason.NO_CONTACT]


def test_an_unreadable_result_is_a_row_problem_and_the_task_is_untouched() -> None:
    result, rows = first_cycle(person(1))
    rows = typed(rows, "V1.1", outcome="ring meg på fredag")
    again = plan([person(1)], callers=OLA, rows=rows, state=result.state)
    assert again.state.tasks == result.state.tasks
    assert again.problems == (
        RowProblem("call_list", 2, "H2", "unread_outcome", "ring meg på fredag"),
    )
    (write,) = again.sheet.writes
    assert write.field == "status" and write.value.startswith("Forstår ikke «ring meg på fredag»")


def test_an_unreadable_answer_blocks_the_outcome_too() -> None:
    result, rows = first_cycle(person(1))
    rows = typed(rows, "V1.1", outcome="nådd", door_knock="kanskje")
    again = plan([person(1)], callers=OLA, rows=rows, state=result.state)
    assert again.state.tasks == result.state.tasks and again.tags == ()
    assert again.problems[0].code == "unread_answer" and again.problems[0].cell == "I2"


def test_a_caller_name_changed_by_hand_moves_the_task_to_that_caller() -> None:
    two = [caller(2, "Ola Hansen", "5"), caller(3, "Bodil Berg", "1")]
    result = plan([person(1)], callers=two)
    rows = typed(applied([], result), "V1.1", caller="bodil berg")
    again = plan([person(1)], callers=two, rows=rows, state=result.state)
    assert again.state.tasks[0].caller == "Bodil Berg"
    assert again.sheet.writes == (CellWrite("call_list", "V1.1", "caller", "Bodil Berg"),)


def test_an_unknown_caller_name_typed_by_hand_is_a_row_problem() -> None:
    result, rows = first_cycle(person(1))
    rows = typed(rows, "V1.1", caller="Noen Andre")
    again = plan([person(1)], callers=OLA, rows=rows, state=result.state)
    assert again.state.tasks[0].caller == "Ola Hansen"
    assert again.problems == (RowProblem("call_list", 2, "B2", "unknown_caller", "Noen Andre"),)


def test_a_caller_typed_in_for_themself_is_refused() -> None:
    callers = [caller(2, "Ola Hansen", "5"), caller(3, "Kari Nordmann", "5", zetkin_id="1")]
    result = plan([person(1)], callers=callers)
    rows = typed(applied([], result), "V1.1", caller="Kari Nordmann")
    again = plan([person(1)], callers=callers, rows=rows, state=result.state)
    assert again.state.tasks[0].caller == "Ola Hansen" and again.problems[0].code == "self_caller"


def test_a_deleted_row_is_written_again_once() -> None:
    result, _ = first_cycle(person(1))
    again = plan([person(1)], callers=OLA, rows=[], state=result.state)
    assert [a.values["task_id"] for a in again.sheet.appends] == ["V1.1"]
    rows = applied([], again)
    third = plan([person(1)], callers=OLA, rows=rows, state=again.state)
    assert third.sheet.appends == ()


def test_a_list_sorted_by_the_caller_gives_the_same_writes_by_key() -> None:
    result, rows = first_cycle(person(1), person(2), person(3))
    rows = typed(rows, "V2.1", outcome="nådd")
    shuffled = [list_row(n, **row.values) for n, row in zip((4, 2, 3), rows, strict=True)]
    a = plan([person(1), person(2), person(3)], callers=OLA, rows=rows, state=result.state)
    b = plan([person(1), person(2), person(3)], callers=OLA, rows=shuffled, state=result.state)
    assert a.sheet == b.sheet and {w.row_key for w in a.sheet.writes} == {"V2.1"}


def test_no_active_callers_is_one_error_and_no_task_is_lost() -> None:
    result = plan([person(1), person(2)], callers=[caller(2, "Ola", "fem")])
    assert result.errors == (
        "Ingen aktive ringere med kapasitet i fanen Ringere: 2 oppgaver venter på en ringer",
    )
    assert [t.id for t in result.state.tasks] == ["V1", "V2"]
    assert [a.values["caller"] for a in result.sheet.appends] == ["", ""]
    later = plan([person(1), person(2)], callers=OLA, rows=applied([], result), state=result.state)
    assert {t.caller for t in later.state.tasks} == {"Ola Hansen"} and later.errors == ()


def test_an_untouched_task_is_released_to_another_caller_after_five_days() -> None:
    two = [caller(2, "Ola Hansen", "5"), caller(3, "Bodil", "5")]
    result = plan([person(1)], callers=two)
    before = result.state.tasks[0].caller
    rows = applied([], result)
    kept = plan(
        [person(1)],
        callers=two,
        rows=rows,
        state=result.state,
        now=NOW + timedelta(days=4, hours=23),
    )
    assert kept.state.tasks[0].caller == before
    moved = plan(
        [person(1)], callers=two, rows=rows, state=result.state, now=NOW + timedelta(days=5)
    )
    assert moved.state.tasks[0].caller not in ("", before)


def test_a_task_with_a_note_is_touched_and_not_released() -> None:
    two = [caller(2, "Ola Hansen", "5"), caller(3, "Bodil", "5")]
    result = plan([person(1)], callers=two)
    rows = typed(applied([], result), "V1.1", note="prøvde, ring igjen")
    later = plan(
        [person(1)], callers=two, rows=rows, state=result.state, now=NOW + timedelta(days=6)
    )
    assert later.state.tasks[0].caller == result.state.tasks[0].caller


def test_a_task_whose_caller_left_goes_to_an_active_one() -> None:
    result, rows = first_cycle(person(1))
    later = plan(
        [person(1)],
        callers=[caller(2, "Ola Hansen", "5", active="Nei"), caller(3, "Bodil", "1")],
        rows=rows,
        state=result.state,
    )
    assert later.state.tasks[0].caller == "Bodil"


def test_due_within_three_days_is_escalated() -> None:
    result, _ = first_cycle(person(1, joined=date(2026, 11, 20)))  # due 4.12
    assert result.sheet.appends[0].values["status"] == "Haster: frist 04.12.2026"
    assert [(e.task_id, e.overdue) for e in result.escalations] == [("V1", False)]


def test_past_due_is_overdue_and_counts() -> None:
    result, _ = first_cycle(person(1, joined=date(2026, 11, 10)))  # due 24.11
    assert result.sheet.appends[0].values["status"] == "Forfalt: fristen var 24.11.2026"
    assert result.measures is not None and result.measures.overdue == 1
    assert result.escalations[0].overdue


def test_a_person_who_left_has_their_open_task_cancelled() -> None:
    result, rows = first_cycle(person(1))
    later = plan([], callers=OLA, rows=rows, state=result.state)
    assert later.state.tasks[0].state is TaskState.CANCELLED
    assert later.sheet.writes == (
        CellWrite("call_list", "V1.1", "phone", ""),
        CellWrite("call_list", "V1.1", "status", "Avbrutt: ikke lenger aktuell"),
    )


def test_finished_rows_leave_the_list_after_the_configured_days() -> None:
    result, rows = reached_cycle(outcome="nådd")
    rows = applied(rows, result)
    done_at = NOW + timedelta(hours=3)
    stay = plan(
        [person(1)], callers=OLA, rows=rows, state=result.state, now=done_at + timedelta(days=6)
    )
    leave = plan(
        [person(1)], callers=OLA, rows=rows, state=result.state, now=done_at + timedelta(days=7)
    )
    assert stay.removals == () and leave.removals == (RowRemoval("call_list", "V1.1"),)


def test_measures_count_contacts_within_fourteen_days() -> None:
    people = [person(1, joined=date(2026, 11, 20)), person(2, joined=date(2026, 12, 1)),
              person(3, joined=date(2026, 11, 10))]  # fmt: skip
    result = plan(people, callers=OLA)
    rows = typed(applied([], result), "V1.1", outcome="nådd")
    later = plan(people, callers=OLA, rows=rows, state=result.state)
    m = later.measures
    assert m is not None
    assert (m.new_members_this_month, m.contacted_on_time, m.decided, m.overdue) == (1, 1, 2, 1)
    assert m.contacted_share == 0.5
    assert [(c.name, c.open, c.done) for c in m.callers] == [("Ola Hansen", 2, 1)]


def test_extra_question_columns_map_to_their_tags() -> None:
    from bridge.calls import CallOptions, Question

    options = CallOptions(
        start_date=OPTIONS.start_date,
        questions=(*OPTIONS.questions, Question("Vil skrive program", "Programskriver")),
    )
    result = plan([person(1)], callers=OLA, options=options)
    (row,) = applied([], result)
    row = list_row(2, **{**row.values, "outcome": "nådd", "Vil skrive program": "ja"})
    again = plan([person(1)], callers=OLA, rows=[row], state=result.state, options=options)
    assert again.tags == (TagWrite(1, "Programskriver", True, "V1:tag:Programskriver"),)


def test_the_same_input_gives_the_same_plan() -> None:
    people = [person(i, joined=date(2026, 11, 2 + i)) for i in range(1, 12)]
    callers = [caller(2, "A", "3"), caller(3, "B", "2", districts="Heimdal")]
    assert plan(people, callers=callers) == plan(list(reversed(people)), callers=callers)


def test_state_is_kept_for_tasks_nobody_touches() -> None:
    result, rows = first_cycle(person(1))
    assert plan([person(1)], callers=OLA, rows=rows, state=result.state).state == CallState(
        tasks=result.state.tasks
    )


def test_a_fixed_wrong_number_gets_a_new_welcome_task() -> None:
    result, _ = reached_cycle(outcome="feil nummer")
    blocked = plan([person(1)], callers=OLA, state=result.state)
    assert [t.id for t in blocked.state.tasks] == ["V1"]
    fixed = plan([person(1, phone="+4790000099")], callers=OLA, state=result.state)
    assert [(t.id, t.state) for t in fixed.state.tasks] == [
        ("V1", TaskState.DONE),
        ("V1-2", TaskState.OPEN),
    ]
    assert fixed.sheet.appends[0].values["task_id"] == "V1-2.1"


def test_a_member_back_after_a_cancelled_task_gets_a_new_one_but_a_reached_member_does_not() -> (
    None
):
    result, rows = first_cycle(person(1), person(2))
    rows = typed(rows, "V2.1", outcome="nådd")
    away = plan([person(2)], callers=OLA, rows=rows, state=result.state)
    back = plan([person(1), person(2)], callers=OLA, state=away.state)
    assert [t.id for t in back.state.tasks] == ["V1", "V1-2", "V2"]
