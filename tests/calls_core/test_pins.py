"""Pins for the details the behaviour tests leave open (each found by mutation testing)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from bridge.calls import (
    Attempt,
    Caller,
    CallRound,
    CallState,
    CallTask,
    DoNotContact,
    Escalation,
    Outcome,
    Question,
    Reason,
    RowProblem,
    RowRemoval,
    RuleError,
    TaskKind,
    TaskState,
    Unread,
    parse_callers,
    parse_rule,
    read_outcome,
    read_yes_no,
)
from bridge.calls.assign import is_self
from bridge.calls.outcomes import _distance
from bridge.calls.records import phone_digest
from bridge.sheet import CellWrite

from .helpers import NOW, OPTIONS, applied, caller, list_row, person, plan, typed

OLA = [caller(2, "Ola Hansen", "5")]
TWO = [caller(2, "Ola Hansen", "5"), caller(3, "Bodil", "5")]


# --- outcomes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("", "abc", 3),
        ("abc", "abc", 0),
        ("ab", "ba", 1),
        ("abcd", "acbd", 1),
        ("kitten", "sitting", 3),
        ("a", "b", 1),
        ("ca", "abc", 3),
        ("abc", "", 3),
        ("xabcd", "xacbd", 1),
        ("abdc", "abcd", 1),
    ],
)
def test_distance_counts_edits_and_swaps(a: str, b: str, distance: int) -> None:
    assert _distance(a, b) == distance


def test_a_text_equally_near_two_outcomes_is_not_guessed() -> None:
    assert read_outcome("onarer ikke") == Unread("onarer ikke")


def test_five_letters_tolerate_one_slip_four_none() -> None:
    assert read_outcome("sendr") is Outcome.SENT
    assert isinstance(read_outcome("nadx"), Unread)


def test_ten_letters_tolerate_two_slips_nine_one() -> None:
    assert read_outcome("snaka mde") is Outcome.REACHED
    assert isinstance(read_outcome("ike svr"), Unread)
    assert isinstance(read_outcome("lgt igjn beskje"), Unread)


def test_underscores_are_spaces() -> None:
    assert read_outcome("ikke_svar") is Outcome.NO_ANSWER


def test_an_unclear_answer_is_tidied() -> None:
    assert read_yes_no("  kan  skje ") == Unread("kan skje")


# --- rules ----------------------------------------------------------------------------------


def rule_error(text: str, **known: tuple[str, ...]) -> RuleError:
    with pytest.raises(RuleError) as caught:
        parse_rule(text, **known)
    return caught.value


def test_a_rule_error_says_what_and_where_in_its_text() -> None:
    found = rule_error("tag:Medlem bydle:Heimdal")
    assert str(found) == "unknown_keyword at 12: 'bydle'"
    assert found.message("en") == "Unknown keyword “bydle” (character 12) (did you mean “bydel”?)"


def test_a_negated_unknown_keyword_is_shown_without_its_minus() -> None:
    assert rule_error("-bydle:Heimdal").word == "bydle"


def test_three_letters_off_gets_no_suggestion() -> None:
    assert rule_error("bxxxl:1").suggestion == ""


def test_equally_close_suggestions_take_the_first_known() -> None:
    assert rule_error("tag:Abc", tags=("Abd", "Abe")).suggestion == "Abd"


def test_a_bare_keyword_suggests_itself_with_a_colon_missing() -> None:
    found = rule_error("tagg")
    assert (found.code, found.suggestion) == ("bare_word", "tag")


@pytest.mark.parametrize(
    ("text", "code", "position", "word"),
    [
        ("tag:Medlem  tag:", "missing_value", 13, "tag:"),
        ("  ringt:30d,40d", "bad_duration", 3, "ringt:30d,40d"),
        ("bydel:X nye:mange", "bad_duration", 9, "nye:mange"),
        ("nye:1d innmeldt-etter:2026-02-30", "bad_date", 8, "innmeldt-etter:2026-02-30"),
        ('bydel:X  tag:"Vil ringe', "unclosed_quote", 10, 'tag:"Vil ringe'),
        ("", "empty", 1, ""),
    ],
)
def test_errors_name_the_word_and_its_position(
    text: str, code: str, position: int, word: str
) -> None:
    found = rule_error(text)
    assert (found.code, found.position, found.word) == (code, position, word)


def test_a_comma_inside_quotes_is_part_of_the_value() -> None:
    assert parse_rule('tag:"Vil ringe, gjerne",Medlem').terms[0].values == (
        "Vil ringe, gjerne",
        "Medlem",
    )


def test_a_colon_inside_a_value_is_part_of_it() -> None:
    assert parse_rule('tag:"Kl:18"').terms[0].values == ("Kl:18",)


def test_a_negated_date_term_stays_negated() -> None:
    assert parse_rule("-innmeldt-etter:2026-01-01").terms[0].negated


def test_plain_numbers_are_days_and_weeks_are_seven() -> None:
    assert [t.days for t in parse_rule("ringt:30 nye:2uker").terms] == [30, 14]


def test_the_rule_keeps_its_text_tidied() -> None:
    assert parse_rule("tag:Medlem   bydel:Heimdal ").text == "tag:Medlem bydel:Heimdal"


def test_two_digit_years_are_this_century_four_digit_years_as_written() -> None:
    parsed = parse_rule("innmeldt-etter:1.2.26 innmeldt-før:1.2.1999")
    assert [t.day for t in parsed.terms] == [date(2026, 2, 1), date(1999, 2, 1)]


# --- records --------------------------------------------------------------------------------


def test_round_questions_add_to_the_defaults_once() -> None:
    extra = Question("Vil skrive program", "Programskriver")
    options = replace(OPTIONS, round_questions={"Runde": (extra, OPTIONS.questions[0])})
    assert options.questions_for("Runde") == (*OPTIONS.questions, extra)
    assert options.questions_for(None) == OPTIONS.questions


def test_the_register_holds_a_short_fingerprint_not_the_number() -> None:
    digest = phone_digest("+4791234567")
    assert len(digest) == 16 and "91234567" not in digest


def test_row_problems_read_in_english_too() -> None:
    problem = RowProblem("callers", 3, "E3", "bad_capacity", "fem")
    assert (
        problem.message("en")
        == "Capacity per week must be a number, not “fem”; the caller gets no tasks"
    )


def test_per_caller_tabs_are_named_by_caller() -> None:
    options = replace(OPTIONS, per_caller_tabs=True)
    assert (options.tab_for("Ola"), options.tab_for("")) == ("call_list/Ola", "call_list")
    assert OPTIONS.tab_for("Ola") == "call_list"


# --- callers --------------------------------------------------------------------------------


def test_caller_rows_after_a_blank_or_skipped_row_are_still_read() -> None:
    rows = [
        caller(2, ""),
        caller(3, "A", "fem"),
        caller(4, "B", "1", active="kanskje"),
        caller(5, "C", "1"),
        caller(6, "c", "1"),
        caller(7, "D", "1"),
    ]
    callers, problems = parse_callers(rows, region="NO")
    assert [c.name for c in callers] == ["C", "D"]
    assert problems == (
        RowProblem("callers", 3, "E3", "bad_capacity", "fem"),
        RowProblem("callers", 4, "G4", "bad_active", "kanskje"),
        RowProblem("callers", 6, "A6", "duplicate_caller", "c"),
    )


def test_caller_contact_details_are_normalised_and_bad_ones_dropped() -> None:
    rows = [
        caller(
            2,
            "A",
            "5.0",
            phone="912 34 567",
            email="Ola@Example.org",
            zetkin_id="17.0",
            districts="Nedre Elvehavn,Midtbyen",
        ),
        caller(3, "B", "", phone="12", email="ikke-epost", active="nei"),
    ]
    (a, b), _ = parse_callers(rows, region="NO")
    assert (a.capacity, a.phone, a.email, a.zetkin_id) == (5, "+4791234567", "ola@example.org", 17)
    assert a.districts == frozenset({"nedre elvehavn", "midtbyen"})
    assert (b.capacity, b.phone, b.email, b.zetkin_id, b.active) == (0, "", "", None, False)


def test_a_person_without_phone_is_not_a_caller_without_phone() -> None:
    assert not is_self(Caller("A", 1), person(1, phone=" "), "NO")


# --- the planner ----------------------------------------------------------------------------


def test_a_new_task_records_when_it_was_made_and_listed() -> None:
    (task,) = plan([person(1)], callers=OLA).state.tasks
    assert task == CallTask(
        "V1",
        1,
        TaskKind.WELCOME,
        NOW,
        date(2026, 12, 4),
        caller="Ola Hansen",
        assigned_at=NOW,
        attempt_started=NOW,
    )


def test_later_people_are_considered_after_skipped_ones() -> None:
    entry = DoNotContact(3, Reason.NO_CONTACT, "x", NOW)
    people = [
        person(1, member=False),
        person(2, joined=None),
        person(3),
        person(4, phone="0"),
        person(5, phone="1"),
        person(6),
    ]
    result = plan(people, callers=OLA, state=CallState(register=(entry,)))
    assert [t.id for t in result.state.tasks] == ["V6"]
    assert [(e.person_id, e.reason, e.source, e.since) for e in result.state.register] == [
        (3, Reason.NO_CONTACT, "x", NOW),
        (4, Reason.NO_VALID_PHONE, "phone check", NOW),
        (5, Reason.NO_VALID_PHONE, "phone check", NOW),
    ]


def test_the_stored_state_keeps_its_applied_keys() -> None:
    state = CallState(applied=frozenset({"k"}))
    assert plan([person(1)], callers=OLA, state=state).state.applied == frozenset({"k"})


def test_a_blocked_person_has_their_open_task_cancelled_when_it_happened() -> None:
    result = plan([person(1)], callers=OLA)
    entry = DoNotContact(1, Reason.NO_CONTACT, "admin", NOW)
    later = plan([person(1)], callers=OLA, state=replace(result.state, register=(entry,)))
    (task,) = later.state.tasks
    assert (task.state, task.outcome_at) == (TaskState.CANCELLED, NOW)


def test_a_round_task_is_not_cancelled_when_the_person_is_no_member() -> None:
    task = CallTask(
        "R1-1",
        1,
        TaskKind.ROUND,
        NOW,
        date(2026, 12, 20),
        round_id="R1",
        caller="Ola Hansen",
        assigned_at=NOW,
    )
    later = plan([person(1, member=False)], callers=OLA, state=CallState(tasks=(task,)))
    assert later.state.tasks[0].state is TaskState.OPEN


def test_a_waiting_task_after_a_finished_one_reopens() -> None:
    done = CallTask("V1", 1, TaskKind.WELCOME, NOW, NOW.date(), state=TaskState.DONE)
    waiting = CallTask(
        "V2",
        2,
        TaskKind.WELCOME,
        NOW,
        NOW.date(),
        caller="Ola Hansen",
        assigned_at=NOW,
        state=TaskState.WAITING,
        next_attempt_after=NOW,
    )
    later = plan([person(1), person(2)], callers=OLA, state=CallState(tasks=(done, waiting)))
    reopened = later.state.tasks[1]
    assert (
        reopened.state,
        reopened.attempt,
        reopened.attempt_started,
        reopened.next_attempt_after,
    ) == (TaskState.OPEN, 2, NOW, None)


def test_the_register_keeps_entries_after_a_cleared_one() -> None:
    old = DoNotContact(1, Reason.WRONG_NUMBER, "V1", NOW, phone=phone_digest("+4799999999"))
    kept = DoNotContact(2, Reason.WRONG_NUMBER, "V2", NOW, phone=phone_digest("+4790000002"))
    later = plan([person(1), person(2)], callers=OLA, state=CallState(register=(old, kept)))
    assert later.state.register == (kept,)


def test_the_attempt_is_recorded_with_its_caller() -> None:
    result = plan([person(1)], callers=OLA)
    rows = typed(applied([], result), "V1.1", outcome="opptatt")
    (task,) = plan([person(1)], callers=OLA, rows=rows, state=result.state).state.tasks
    assert task.history == (Attempt(1, Outcome.BUSY, NOW, "Ola Hansen"),)


def test_no_contact_names_its_task_as_source_and_closes_it() -> None:
    result = plan([person(1)], callers=OLA)
    rows = typed(applied([], result), "V1.1", outcome="ønsker ikke kontakt")
    later = plan([person(1)], callers=OLA, rows=rows, state=result.state)
    assert later.state.register[0].source == "V1" and later.state.tasks[0].state is TaskState.DONE


def test_without_a_no_contact_tag_no_tag_is_set() -> None:
    options = replace(OPTIONS, no_contact_tag=None)
    result = plan([person(1)], callers=OLA, options=options)
    rows = typed(applied([], result), "V1.1", outcome="ønsker ikke kontakt")
    assert plan([person(1)], callers=OLA, rows=rows, state=result.state, options=options).tags == ()


def follow_up_state():  # type: ignore[no-untyped-def]
    task = CallTask(
        "V1",
        1,
        TaskKind.WELCOME,
        NOW,
        date(2026, 12, 12),
        caller="Ola Hansen",
        assigned_at=NOW,
        attempt=4,
        attempt_started=NOW,
        state=TaskState.FOLLOWUP,
    )
    return CallState(tasks=(task,))


def test_a_follow_up_not_reached_closes_the_task() -> None:
    state = follow_up_state()
    rows = [list_row(2, task_id="V1.4", outcome="ikke svar", caller="Ola Hansen")]
    (task,) = plan([person(1)], callers=OLA, rows=rows, state=state).state.tasks
    assert (task.state, task.outcome) == (TaskState.DONE, Outcome.NO_ANSWER)


def test_the_follow_up_template_knows_the_caller_and_branch_and_keeps_unknown_fields() -> None:
    options = replace(
        OPTIONS,
        sms_template="{caller} {branch} {fornavn}",
        email_subject="{branch}",
        email_template="{caller}",
    )
    result = plan(
        [person(1, email="kari@example.org")], callers=OLA, state=follow_up_state(), options=options
    )
    status = result.sheet.appends[0].values["status"]
    assert "?body=Ola%20Hansen%20Testlaget%20SV%20%7Bfornavn%7D" in status
    assert "?subject=Testlaget%20SV&body=Ola%20Hansen" in status


def test_the_planner_speaks_the_configured_language() -> None:
    options = replace(OPTIONS, language="en")
    people = [person(1, joined=date(2026, 11, 20)), person(2, joined=date(2026, 11, 10))]
    result = plan(people, callers=OLA, options=options)
    assert [(a.values["type"], a.values["status"]) for a in result.sheet.appends] == [
        ("Welcome", "Overdue: was due 24.11.2026"),
        ("Welcome", "Urgent: due 04.12.2026"),
    ]
    assert plan(people, callers=[], options=options).errors == (
        "No active callers with capacity in the Callers tab: 2 tasks wait for a caller",
    )


def test_due_today_is_urgent_not_overdue() -> None:
    result = plan([person(1, joined=date(2026, 11, 17))], callers=OLA)
    assert result.sheet.appends[0].values["status"] == "Haster: frist 01.12.2026"
    assert result.escalations == (Escalation("V1", 1, "Ola Hansen", date(2026, 12, 1), False),)
    assert result.measures is not None and result.measures.overdue == 0


def test_only_open_welcome_tasks_are_escalated() -> None:
    done = CallTask("V1", 1, TaskKind.WELCOME, NOW, NOW.date(), state=TaskState.DONE)
    round_task = CallTask(
        "R1-2",
        2,
        TaskKind.ROUND,
        NOW,
        NOW.date(),
        round_id="R1",
        caller="Ola Hansen",
        assigned_at=NOW,
    )
    people = [person(1, joined=date(2025, 1, 1)), person(2, joined=date(2025, 1, 1))]
    result = plan(people, callers=OLA, state=CallState(tasks=(done, round_task)))
    assert result.escalations == ()


def test_a_round_task_not_reached_after_the_last_attempt_shows_it_gave_up() -> None:
    task = CallTask(
        "R1-1",
        1,
        TaskKind.ROUND,
        NOW,
        date(2026, 12, 20),
        round_id="R1",
        caller="Ola Hansen",
        assigned_at=NOW,
        attempt=3,
        attempt_started=NOW,
    )
    rows = [
        list_row(2, task_id="R1-1.1", phone="", status="x"),
        list_row(3, task_id="R1-1.3", outcome="opptatt", caller="Ola Hansen"),
    ]
    result = plan(
        [person(1, joined=date(2025, 1, 1))], callers=OLA, rows=rows, state=CallState(tasks=(task,))
    )
    assert (
        CellWrite("call_list", "R1-1.3", "status", "Ferdig: ikke nådd etter 1 forsøk")
        in result.sheet.writes
    )
    assert CellWrite("call_list", "R1-1.1", "status", " (forsøk 1)") in result.sheet.writes


def test_rows_the_bridge_did_not_make_are_reported_on_the_row() -> None:
    result = plan([person(1)], callers=OLA)
    rows = [
        *applied([], result),
        list_row(3, task_id="X9.1"),
        list_row(4, task_id="V1.2"),
        list_row(5, task_id="V1.x"),
        list_row(6, task_id="V1"),
    ]
    later = plan([person(1)], callers=OLA, rows=rows, state=result.state)
    assert [(p.row, p.code, p.value) for p in later.problems] == [
        (3, "unknown_task", "X9.1"),
        (4, "unknown_task", "V1.2"),
        (5, "unknown_task", "V1.x"),
        (6, "unknown_task", "V1"),
    ]
    assert (
        CellWrite(
            "call_list", "V1.2", "status", "Ukjent Oppgave-ID «V1.2»; raden er ikke laget av broen"
        )
        in later.sheet.writes
    )


def test_a_task_id_on_two_rows_reads_the_first_and_reports_the_second() -> None:
    result = plan([person(1)], callers=OLA)
    (row,) = applied([], result)
    rows = [
        list_row(2, task_id=""),
        list_row(3, **{**row.values, "outcome": "nådd"}),
        list_row(4, **row.values),
    ]
    later = plan([person(1)], callers=OLA, rows=rows, state=result.state)
    assert later.problems == (RowProblem("call_list", 4, "A4", "duplicate_task", "V1.1"),)
    assert later.state.tasks[0].state is TaskState.DONE


def test_an_unknown_caller_problem_shows_on_its_row() -> None:
    result = plan([person(1)], callers=OLA)
    rows = typed(applied([], result), "V1.1", caller="Noen")
    later = plan([person(1)], callers=OLA, rows=rows, state=result.state)
    (write,) = later.sheet.writes
    assert write.field == "status" and write.value.startswith("Ukjent ringer «Noen»")


def test_a_self_caller_problem_names_the_cell_and_shows_on_the_row() -> None:
    callers = [caller(2, "Ola Hansen", "5"), caller(3, "Kari", "5", phone="900 00 001")]
    result = plan([person(1)], callers=callers)
    rows = typed(applied([], result), "V1.1", caller="Kari")
    later = plan([person(1)], callers=callers, rows=rows, state=result.state)
    assert later.problems == (RowProblem("call_list", 2, "B2", "self_caller", "Kari"),)
    (write,) = later.sheet.writes
    assert "Kari» kan ikke ringe seg selv" in write.value


def test_a_moved_task_counts_as_newly_assigned() -> None:
    result = plan([person(1)], callers=TWO)
    other = "Bodil" if result.state.tasks[0].caller == "Ola Hansen" else "Ola Hansen"
    rows = typed(applied([], result), "V1.1", caller=other)
    later = plan(
        [person(1)], callers=TWO, rows=rows, state=result.state, now=NOW + timedelta(days=1)
    )
    assert later.state.tasks[0].assigned_at == NOW + timedelta(days=1)


def test_an_unreadable_extra_answer_names_no_cell_when_the_column_is_a_board_column() -> None:
    options = replace(OPTIONS, questions=(Question("Vil skrive", "Skriver"),))
    result = plan([person(1)], callers=OLA, options=options)
    (row,) = applied([], result)
    row = list_row(2, **{**row.values, "outcome": "nådd", "Vil skrive": "tja"})
    later = plan([person(1)], callers=OLA, rows=[row], state=result.state, options=options)
    assert later.problems == (RowProblem("call_list", 2, "", "unread_answer", "tja"),)


def test_a_missing_extra_answer_column_is_no_answer() -> None:
    options = replace(OPTIONS, questions=(Question("Vil skrive", "Skriver"),))
    result = plan([person(1)], callers=OLA, options=options)
    rows = typed(applied([], result), "V1.1", outcome="nådd")
    later = plan([person(1)], callers=OLA, rows=rows, state=result.state, options=options)
    assert later.problems == () and later.tags == ()


def test_round_questions_are_read_for_round_tasks() -> None:
    options = replace(OPTIONS, round_questions={"Runde": (Question("Vil skrive", "Skriver"),)})
    record = CallRound("R1", "Runde", "tag:Medlem")
    task = CallTask(
        "R1-1",
        1,
        TaskKind.ROUND,
        NOW,
        date(2026, 12, 20),
        round_id="R1",
        caller="Ola Hansen",
        assigned_at=NOW,
    )
    row = list_row(2, task_id="R1-1.1", caller="Ola Hansen", outcome="nådd", **{"Vil skrive": "ja"})
    later = plan(
        [person(1, joined=date(2025, 1, 1))],
        callers=OLA,
        rows=[row],
        options=options,
        state=CallState(tasks=(task,), rounds=(record,)),
    )
    assert [(w.tag, w.add) for w in later.tags] == [("Skriver", True)]


def test_load_counts_open_tasks_and_those_done_this_week() -> None:
    def task(pid: int, name: str, days: float | None) -> CallTask:
        at = NOW - timedelta(days=days or 0)
        if days is None:
            return CallTask(
                f"V{pid}", pid, TaskKind.WELCOME, at, at.date(), caller=name, assigned_at=NOW
            )
        return CallTask(
            f"V{pid}",
            pid,
            TaskKind.WELCOME,
            at,
            at.date(),
            caller=name,
            state=TaskState.DONE,
            outcome=Outcome.REACHED,
            outcome_at=at,
        )

    people = [person(i) for i in (1, 2, 3, 5)]
    recent = CallState(tasks=(task(1, "Bodil", 6.9), task(2, "Bodil", 6.9)))
    assert plan(people, callers=TWO, state=recent).state.tasks[2].caller == "Ola Hansen"
    old = CallState(
        tasks=(task(1, "Ola Hansen", 7.5), task(2, "Ola Hansen", 7.5), task(5, "Bodil", None))
    )
    assert plan(people, callers=TWO, state=old).state.tasks[2].caller == "Ola Hansen"


def test_a_second_attempt_keeps_its_caller_however_long_it_waits() -> None:
    task = CallTask(
        "V1",
        1,
        TaskKind.WELCOME,
        NOW,
        date(2026, 12, 20),
        caller="Ola Hansen",
        assigned_at=NOW,
        attempt=2,
        attempt_started=NOW,
    )
    later = plan(
        [person(1)], callers=TWO, state=CallState(tasks=(task,)), now=NOW + timedelta(days=9)
    )
    assert later.state.tasks[0].caller == "Ola Hansen"


def test_a_row_with_an_unread_result_is_touched_and_not_released() -> None:
    result = plan([person(1)], callers=TWO)
    rows = typed(applied([], result), "V1.1", outcome="ring meg på fredag")
    later = plan(
        [person(1)], callers=TWO, rows=rows, state=result.state, now=NOW + timedelta(days=6)
    )
    assert later.state.tasks[0].caller == result.state.tasks[0].caller


def test_a_deleted_task_row_is_released_too() -> None:
    result = plan([person(1)], callers=TWO)
    later = plan([person(1)], callers=TWO, rows=[], state=result.state, now=NOW + timedelta(days=5))
    assert later.state.tasks[0].caller != result.state.tasks[0].caller


def test_per_caller_tabs_move_a_row_when_its_caller_changes() -> None:
    options = replace(OPTIONS, per_caller_tabs=True)
    result = plan([person(1)], callers=TWO, options=options)
    (append,) = result.sheet.appends
    first = append.values["caller"]
    rows = {append.tab: [list_row(2, **append.values)]}
    from bridge.calls import plan_calls

    later = plan_calls(
        [person(1)],
        callers=TWO,
        call_list=rows,
        rounds=[],
        state=result.state,
        options=options,
        now=NOW + timedelta(days=5),
    )
    (moved,) = later.sheet.appends
    assert later.removals == (RowRemoval(f"call_list/{first}", "V1.1"),)
    assert moved.tab == f"call_list/{moved.values['caller']}" and moved.values["caller"] != first


def test_finished_rows_leave_in_key_order() -> None:
    at = NOW - timedelta(days=30)
    tasks = tuple(
        CallTask(
            f"V{i}",
            i,
            TaskKind.WELCOME,
            at,
            at.date(),
            state=TaskState.DONE,
            outcome_at=at,
            attempt=2,
            attempt_started=at,
        )
        for i in (2, 1)
    )
    rows = [list_row(n, task_id=key) for n, key in enumerate(["V2.2", "V1.1", "V2.1", "V1.2"], 2)]
    result = plan([], rows=rows, state=CallState(tasks=tasks))
    assert [r.row_key for r in result.removals] == ["V1.1", "V1.2", "V2.1", "V2.2"]


def test_measures_decide_tasks_contacted_on_time_or_past_due() -> None:
    def task(
        pid: int, due: date, outcome: Outcome | None = None, on: date | None = None
    ) -> CallTask:
        at = None if on is None else NOW.replace(year=on.year, month=on.month, day=on.day)
        return CallTask(
            f"V{pid}",
            pid,
            TaskKind.WELCOME,
            NOW,
            due,
            caller=("A", "B")[pid % 2],
            state=TaskState.DONE if outcome else TaskState.OPEN,
            outcome=outcome,
            outcome_at=at,
        )

    tasks = (
        task(1, date(2026, 12, 5), Outcome.REACHED, date(2026, 11, 30)),
        task(2, date(2026, 11, 30), Outcome.SENT, date(2026, 11, 30)),
        task(3, date(2026, 11, 25), Outcome.REACHED, date(2026, 11, 26)),
        task(4, date(2026, 11, 30)),
        task(5, date(2026, 12, 1)),
        task(6, date(2026, 12, 9)),
    )
    m = plan([person(i) for i in range(1, 7)], callers=[], state=CallState(tasks=tasks)).measures
    assert m is not None
    assert (m.contacted_on_time, m.decided, m.overdue, m.contacted_share) == (2, 4, 1, 0.5)
    assert [(c.name, c.open, c.done) for c in m.callers] == [("A", 2, 1), ("B", 1, 2)]


def test_measures_count_new_members_of_this_month_only() -> None:
    people = [
        person(1, joined=date(2026, 12, 1)),
        person(2, joined=date(2025, 12, 1)),
        person(3, joined=date(2026, 11, 30)),
        person(4, joined=date(2026, 12, 1), member=False),
    ]
    m = plan(people, callers=OLA).measures
    assert m is not None and m.new_members_this_month == 1
