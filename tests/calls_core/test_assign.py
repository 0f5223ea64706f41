from __future__ import annotations

import random
from datetime import date

from bridge.calls import Caller, Need, assign, parse_callers, shares
from bridge.calls.outcomes import fold_words
from bridge.calls.records import RowProblem

from .helpers import caller, person

DUE = date(2026, 12, 10)


def place(needs: list[Need], callers: list[Caller], load: dict[str, int]) -> dict[str, str]:
    return assign(needs, callers, load, region="NO")


def need(pid: int, district: str = "Heimdal", **kw: object) -> Need:
    return Need(f"V{pid}", person(pid, district=district), DUE, **kw)  # type: ignore[arg-type]


def test_callers_are_read_from_their_tab() -> None:
    rows = [
        caller(
            2,
            " Ola  Hansen ",
            "4",
            districts="Heimdal, Østbyen",
            phone="912 34 567",
            zetkin_id="17",
            active="Ja",
        )
    ]
    (parsed,), problems = parse_callers(rows)
    assert parsed == Caller(
        "Ola Hansen", 4, True, frozenset({"heimdal", "ostbyen"}), "+4791234567", "", 17, 2
    )
    assert problems == ()


def test_a_capacity_in_words_is_a_row_problem_and_the_caller_is_skipped() -> None:
    callers, problems = parse_callers([caller(3, "Ola", "fem"), caller(4, "Kari", "2")])
    assert [c.name for c in callers] == ["Kari"]
    assert problems == (RowProblem("callers", 3, "E3", "bad_capacity", "fem"),)
    assert problems[0].message().startswith("Kapasitet per uke må være et tall, ikke «fem»")


def test_an_empty_capacity_is_a_row_problem_and_the_caller_is_skipped() -> None:
    callers, problems = parse_callers([caller(3, "Ola", "")])
    assert callers == ()
    assert problems == (RowProblem("callers", 3, "E3", "no_capacity", ""),)


def test_an_inactive_caller_needs_no_capacity_and_gets_no_tasks() -> None:
    callers, problems = parse_callers([caller(3, "Ola", "", active="Nei")])
    assert problems == () and not callers[0].available
    assert place([need(1)], callers, {}) == {}


def test_a_blank_active_cell_means_active() -> None:
    (parsed,), _ = parse_callers([caller(3, "Ola", "2")])
    assert parsed.active


def test_an_unreadable_active_cell_is_a_problem() -> None:
    callers, problems = parse_callers([caller(3, "Ola", "2", active="kanskje")])
    assert callers == () and problems[0].code == "bad_active"


def test_a_caller_listed_twice_keeps_the_first_row() -> None:
    callers, problems = parse_callers([caller(2, "Ola", "2"), caller(3, "ola", "9")])
    assert [c.capacity for c in callers] == [2]
    assert problems[0].code == "duplicate_caller" and problems[0].row == 3


def test_shares_follow_capacity_by_largest_remainder() -> None:
    callers = [Caller("A", 5), Caller("B", 3), Caller("C", 2)]
    assert shares(7, callers) == {"a": 4, "b": 2, "c": 1}
    assert shares(10, callers) == {"a": 5, "b": 3, "c": 2}


def test_equal_remainders_go_by_name() -> None:
    assert shares(1, [Caller("B", 1), Caller("A", 1)]) == {"a": 1, "b": 0}


def test_no_capacity_no_shares() -> None:
    assert shares(3, [Caller("A", 0)]) == {}


def test_tasks_follow_capacity() -> None:
    result = place([need(i, "Midtbyen") for i in range(1, 9)], [Caller("A", 3), Caller("B", 1)], {})
    assert sorted(result.values()).count("A") == 6


def test_a_caller_of_the_district_is_preferred() -> None:
    callers = [
        Caller("A", 1, districts=frozenset({"midtbyen"})),
        Caller("B", 1, districts=frozenset({"heimdal"})),
    ]
    assert place([need(1, "Heimdal"), need(2, "Midtbyen")], callers, {}) == {"V1": "B", "V2": "A"}


def test_preference_does_not_break_the_capacity_share() -> None:
    callers = [Caller("A", 1, districts=frozenset({"heimdal"})), Caller("B", 1)]
    result = place([need(i) for i in range(1, 5)], callers, {})
    assert sorted(result.values()) == ["A", "A", "B", "B"]


def test_existing_load_counts_towards_the_share() -> None:
    result = place([need(1), need(2)], [Caller("A", 1), Caller("B", 1)], {"a": 2})
    assert result == {"V1": "B", "V2": "B"}


def test_never_a_caller_to_themself_by_id_phone_or_email() -> None:
    target = person(7, email="kari@example.org")
    by_id, by_phone = Caller("A", 9, zetkin_id=7), Caller("B", 9, phone="+4790000007")
    by_mail, other = Caller("C", 9, email="kari@example.org"), Caller("D", 1)
    result = place([Need("V7", target, DUE)], [by_id, by_phone, by_mail, other], {})
    assert result == {"V7": "D"}


def test_a_task_whose_only_caller_is_the_person_stays_unassigned() -> None:
    assert place([need(7)], [Caller("A", 9, zetkin_id=7)], {}) == {}


def test_a_released_task_goes_to_another_caller() -> None:
    assert place([need(1, exclude="a")], [Caller("A", 9), Caller("B", 1)], {}) == {"V1": "B"}


def test_over_share_callers_still_take_what_no_one_else_may() -> None:
    target = person(1)
    result = place(
        [Need("V1", target, DUE)], [Caller("A", 1), Caller("B", 1, zetkin_id=1)], {"a": 5}
    )
    assert result == {"V1": "A"}


def test_the_same_input_gives_the_same_assignment() -> None:
    callers = [Caller("A", 2), Caller("B", 3), Caller("C", 1)]
    needs = [need(i, random.Random(i).choice(["Heimdal", "Midtbyen"])) for i in range(30)]
    assert place(needs, callers, {}) == place(list(reversed(needs)), callers[::-1], {})


def test_property_each_caller_is_within_one_of_their_capacity_share() -> None:
    rng = random.Random(14)
    districts = ["Midtbyen", "Østbyen", "Lerkendal", "Heimdal"]
    for _ in range(300):
        callers = [
            Caller(
                f"C{i}",
                rng.randint(1, 12),
                districts=frozenset(
                    fold_words(d) for d in rng.sample(districts, rng.randint(0, 2))
                ),
            )
            for i in range(rng.randint(1, 7))
        ]
        needs = [need(i, rng.choice(districts)) for i in range(rng.randint(0, 80))]
        result = place(needs, callers, {})
        assert len(result) == len(needs)
        capacity = sum(c.capacity for c in callers)
        for c in callers:
            got = sum(1 for name in result.values() if name == c.name)
            assert abs(got - len(needs) * c.capacity / capacity) < 1 + 1e-9, (c, got)
