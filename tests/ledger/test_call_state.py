"""Call state in the ledger: tasks with their attempts and answers, the register, rounds and
the applied write keys come back as they were saved, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bridge.calls import (
    Attempt,
    CallRound,
    CallState,
    CallTask,
    DoNotContact,
    Outcome,
    Reason,
    TaskKind,
    TaskState,
)
from ledger import Ledger

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 12, 14, 10, 0, tzinfo=OSLO)


def _state() -> CallState:
    waiting = CallTask(
        id="V17",
        person_id=17,
        kind=TaskKind.WELCOME,
        created=NOW - timedelta(days=3),
        due=date(2026, 12, 20),
        caller="Kari Nordmann",
        assigned_at=NOW - timedelta(days=3),
        attempt=1,
        attempt_started=NOW - timedelta(days=3),
        state=TaskState.WAITING,
        outcome=Outcome.NO_ANSWER,
        outcome_at=NOW,
        next_attempt_after=NOW + timedelta(days=2),
        history=(Attempt(1, Outcome.NO_ANSWER, NOW, "Kari Nordmann"),),
    )
    done = CallTask(
        id="Rabc123-18",
        person_id=18,
        kind=TaskKind.ROUND,
        created=NOW,
        due=date(2026, 12, 31),
        round_id="Rabc123",
        caller="Ola",
        state=TaskState.DONE,
        outcome=Outcome.REACHED,
        outcome_at=NOW,
        history=(Attempt(1, Outcome.REACHED, NOW, "Ola"),),
        answers=(("door_knock", True), ("will_call", False)),
    )
    return CallState(
        tasks=(done, waiting),
        register=(DoNotContact(19, Reason.WRONG_NUMBER, "V19", NOW, phone="abcd1234"),),
        rounds=(CallRound("Rabc123", "Før valget", "tag:Medlem", date(2026, 12, 1), None, "x"),),
        applied=frozenset({"V18:note", "V18:tag:Vil dørbanke"}),
    )


def test_saved_state_loads_back_equal_in_the_branch_time_zone(ledger: Ledger) -> None:
    ledger.save_call_state("oslo", _state())
    loaded = ledger.load_call_state("oslo", tz=OSLO)
    assert loaded == _state()
    assert all(t.created.tzinfo == OSLO for t in loaded.tasks)
    assert ledger.load_call_state("other") == CallState()


def test_times_are_the_same_instants_in_utc(ledger: Ledger) -> None:
    ledger.save_call_state("oslo", _state())
    task = next(t for t in ledger.load_call_state("oslo").tasks if t.id == "V17")
    assert task.outcome_at == NOW and task.outcome_at is not None
    assert task.outcome_at.tzinfo == UTC
    assert task.history[0].at == NOW


def test_saving_replaces_tasks_but_never_forgets_an_applied_key(ledger: Ledger) -> None:
    ledger.save_call_state("oslo", _state())
    ledger.save_call_state("oslo", CallState(applied=frozenset({"V20:note"})))
    loaded = ledger.load_call_state("oslo")
    assert loaded.tasks == () and loaded.register == () and loaded.rounds == ()
    assert loaded.applied == {"V18:note", "V18:tag:Vil dørbanke", "V20:note"}
    assert ledger.count("applied_writes") == 3


def test_branches_are_kept_apart(ledger: Ledger) -> None:
    ledger.save_call_state("oslo", _state())
    ledger.save_call_state("bergen", CallState(applied=frozenset({"x"})))
    assert ledger.load_call_state("oslo", tz=OSLO) == _state()
    assert ledger.load_call_state("bergen").applied == {"x"}


def test_erasing_a_person_deletes_their_tasks_and_register_entries(ledger: Ledger) -> None:
    ledger.save_call_state("oslo", _state())
    assert ledger.erase_person("oslo", 19).call_rows_deleted == 1
    assert ledger.erase_person("oslo", 17).call_rows_deleted == 1
    loaded = ledger.load_call_state("oslo")
    assert [t.id for t in loaded.tasks] == ["Rabc123-18"]
    assert loaded.register == ()


def test_applied_keys_are_added_once_and_kept_by_a_later_save(ledger: Ledger) -> None:
    assert ledger.add_applied_keys("oslo", ["V1:note", "V1:tag:Vil ringe"]) == 2
    assert ledger.add_applied_keys("oslo", ["V1:note", "V2:note"]) == 1
    assert ledger.add_applied_keys("oslo", []) == 0
    ledger.save_call_state("oslo", CallState())
    assert ledger.load_call_state("oslo").applied == {"V1:note", "V1:tag:Vil ringe", "V2:note"}


def test_person_call_data_holds_their_tasks_register_entries_and_writes(ledger: Ledger) -> None:
    """An access request (and the admin's person page) sees a person's call data, nobody
    else's: tasks with attempts and answers, register entries, the Zetkin writes made."""
    state = _state()
    wrong = CallTask(
        id="V19", person_id=19, kind=TaskKind.WELCOME, created=NOW, due=date(2026, 12, 20),
        caller="Ola", state=TaskState.DONE, outcome=Outcome.WRONG_NUMBER, outcome_at=NOW,
    )  # fmt: skip
    keys = state.applied | {"V19:wrong", "V1:note", "V18-2:note"}
    ledger.save_call_state("oslo", CallState((*state.tasks, wrong), state.register,
                                             state.rounds, frozenset(keys)))  # fmt: skip
    ledger.save_call_state("other", CallState(tasks=(wrong,), applied=frozenset({"V19:x"})))
    data = ledger.person_call_data("oslo", 18, tz=OSLO)
    assert [(t.id, t.outcome, t.answers) for t in data.tasks] == [
        ("Rabc123-18", Outcome.REACHED, (("door_knock", True), ("will_call", False)))
    ]
    assert data.register == () and data.zetkin_writes == ()
    data = ledger.person_call_data("oslo", 19, tz=OSLO)
    assert [t.id for t in data.tasks] == ["V19"]
    assert [(e.reason, e.source) for e in data.register] == [(Reason.WRONG_NUMBER, "V19")]
    assert data.zetkin_writes == ("V19:wrong",)
    export = ledger.export_person("oslo", 19)
    assert export.calls == data
    ledger.erase_person("oslo", 19)
    assert ledger.person_call_data("oslo", 19).tasks == ()
