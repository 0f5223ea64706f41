"""Two first pulls of one org at once (two branches sharing an org, or a district branch and its
city branch): both must end on the same bridge view, with every person pulled.

Real concurrent pulls (threads, each with its own client and session) over real HTTP against
the stand-in; a delay fault holds the racing requests so the interleaving is the bad one.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest

from connectors.zetkin import ZetkinClient
from connectors.zetkin.pull import VIEW_TITLE
from tests.zetkin_client.conftest import MakeClient, StandIn

CUSTOM = ("bydel", "innmeldt", "bridge_ref")  # bridge_ref: a field the org lacks yet

# Both lists answer before either create lands: both make a view.
BOTH_CREATE = {"kind": "delay", "delay_ms": 400, "method": "POST", "path": r"/people/views$"}
# The second pull finds the first's view while the first is still adding its columns.
COLUMNS_INTERLEAVE = {
    "kind": "delay",
    "delay_ms": 60,
    "method": "POST",
    "path": r"/people/views/\d+/columns$",
}


def _race(make_client: MakeClient, tags: list[int], stagger: float) -> list[Any]:
    clients: list[ZetkinClient] = [make_client(), make_client()]
    results: list[Any] = [None, None]
    start = threading.Barrier(2)

    def pull(i: int) -> None:
        start.wait()
        if i:
            threading.Event().wait(stagger)
        try:
            pulled = clients[i].people.pull(custom_fields=CUSTOM, tag_ids=tags)
            results[i] = (pulled, clients[i].people._view)
        except Exception as exc:  # reported by the assertions below
            results[i] = exc

    threads = [threading.Thread(target=pull, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.mark.parametrize(
    ("fault", "stagger"),
    [(BOTH_CREATE, 0.0), (COLUMNS_INTERLEAVE, 0.15)],
    ids=["both-create", "columns"],
)
def test_two_first_pulls_at_once_end_on_one_view_with_everyone(
    standin: StandIn, make_client: MakeClient, fault: dict[str, Any], stagger: float
) -> None:
    tags = sorted(tag.id for tag in make_client().tags.list())
    standin.control.clear_log()
    standin.control.inject(**fault)
    results = _race(make_client, tags, stagger)
    standin.control.clear_faults()

    assert not any(isinstance(r, BaseException) for r in results), results
    (first, first_view), (second, second_view) = results
    assert first_view.id == second_view.id
    people = standin.control.call("state", {})["people"]
    for pulled in (first, second):
        assert pulled.complete and pulled.problems == [] and pulled.skipped == 0
        assert len(pulled.people) == people
    ours = [v for v in make_client().views.list() if v.title == VIEW_TITLE]
    assert [v.id for v in ours] == [first_view.id]  # the loser's view is gone
    creates = [r for r in standin.control.requests() if r["route"] == "views.create"]
    if fault is BOTH_CREATE:
        assert len(creates) == 2  # the race really happened
    columns = make_client().v1("GET", f"people/views/{first_view.id}/columns")
    keys = [(c["type"], repr(sorted((c.get("config") or {}).items()))) for c in columns]
    assert len(keys) == len(set(keys))  # no column twice
    # a later pull (a fresh client) reads the same view and everyone
    later = make_client()
    again = later.people.pull(custom_fields=CUSTOM, tag_ids=tags)
    assert later.people._view is not None and later.people._view.id == first_view.id
    assert again.complete and len(again.people) == people and again.problems == []
