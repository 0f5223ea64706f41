"""`client.people.pull`: every person through the bridge's view, counted, malformed rows skipped.

The real client over real HTTP against the stand-in; request counts come from the stand-in's
own request log.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from bridge.errors import PermanentApiError
from bridge.messages import t
from connectors.zetkin import StaticTokenAuth, ZetkinClient
from connectors.zetkin.pull import VIEW_TITLE
from sandbox.zetkin import ZetkinStandin
from tests.zetkin_client.conftest import MakeClient, StandIn

CUSTOM = ("bydel", "innmeldt")


def _tag_ids(client: ZetkinClient) -> list[int]:
    return sorted(tag.id for tag in client.tags.list())


@pytest.fixture(scope="module")
def big() -> Iterator[ZetkinStandin]:
    """A branch of 20,000 people (the size the issue's targets are set for)."""
    standin = ZetkinStandin(seed="demo", size=20000).start()
    try:
        yield standin
    finally:
        standin.stop()


def _client(standin: ZetkinStandin) -> ZetkinClient:
    session = requests.Session()
    session.trust_env = False
    return ZetkinClient(session, standin.url, standin.org_id, StaticTokenAuth(standin.token))


def test_20000_people_in_4_requests_once_the_view_exists(big: ZetkinStandin) -> None:
    tags = _tag_ids(_client(big))
    first = _client(big).people.pull(custom_fields=CUSTOM, tag_ids=tags)  # creates the view
    assert first.complete and len(first.people) == 20000
    big.control.clear_log()

    client = _client(big)
    pull = client.people.pull(custom_fields=CUSTOM, tag_ids=tags)

    assert pull.complete and pull.expected == 20000 and len(pull.people) == 20000
    assert pull.problems == []
    routes = [r["route"] for r in big.control.requests()]
    assert routes == ["views.list", "views.columns", "views.rows", "queries.ephemeral_stats"]
    assert client.requests_made.total == 4
    rows = [r for r in big.control.requests() if r["route"] == "views.rows"]
    assert "p=" not in rows[0]["query"]  # one answer, unpaged
    # the same client pulls again with the view it already knows: rows and count only
    client.people.pull(custom_fields=CUSTOM, tag_ids=tags)
    assert client.requests_made.total == 6


def test_first_pull_creates_one_dynamic_view_and_later_pulls_reuse_it(
    standin: StandIn, make_client: MakeClient
) -> None:
    tags = _tag_ids(make_client())
    make_client().people.pull(custom_fields=CUSTOM, tag_ids=tags)
    make_client().people.pull(custom_fields=CUSTOM, tag_ids=tags)
    views = [v for v in make_client().views.list() if v.title == VIEW_TITLE]
    assert len(views) == 1 and views[0].dynamic
    created = [r for r in standin.control.requests() if r["route"] == "views.create"]
    assert len(created) == 1


def test_pull_matches_the_people_list_field_by_field(make_client: MakeClient) -> None:
    client = make_client()
    tags = _tag_ids(client)
    pull = client.people.pull(custom_fields=CUSTOM, tag_ids=tags)
    listed = {p.id: p for p in client.people.list()}
    assert {p.id for p in pull.people} == set(listed)
    for person in pull.people:
        source = listed[person.id]
        assert person.first_name == (source.first_name or "")
        assert person.phone == (source.phone or "")
        assert person.email == (source.email or "")
        assert person.custom["bydel"] == source.custom.get("bydel")
        assert person.tag_ids == {tag.id for tag in client.people.tags(person.id)} & set(tags)
        break  # one person's tags by the per-person endpoint is enough; the rest below
    member = client.tags.by_title()["Medlem"].id
    carrying = {p.id for p in client.tags.people(member)}
    assert {p.id for p in pull.people if member in p.tag_ids} == carrying


def test_a_pull_cut_short_is_not_complete(standin: StandIn, make_client: MakeClient) -> None:
    standin.control.call("short_pull", {"by": 1})
    pull = make_client().people.pull(custom_fields=CUSTOM, tag_ids=[])
    assert pull.expected == standin.state["people"]
    assert len(pull.people) == pull.expected - 1
    assert not pull.complete


def test_an_unknown_count_is_not_complete(standin: StandIn, make_client: MakeClient) -> None:
    standin.control.call("malform", {"route": "queries.ephemeral_stats", "data": []})
    pull = make_client().people.pull(custom_fields=CUSTOM, tag_ids=[])
    assert pull.expected is None and not pull.complete and pull.people


def test_malformed_records_are_skipped_and_named_by_position_only(
    standin: StandIn, make_client: MakeClient
) -> None:
    standin.control.call("raw", {"kind": "person", "data": {"id": 17.5, "first_name": "Oda"}})
    standin.control.call(
        "raw", {"kind": "person", "data": {"first_name": ["Kari"], "last_name": "Nordmo"}}
    )
    client = make_client()
    pull = client.people.pull(custom_fields=CUSTOM, tag_ids=_tag_ids(client))

    assert pull.skipped == 1
    assert pull.complete  # every counted person is accounted for: pulled or named as skipped
    assert any(p.endswith(": ugyldig id") for p in pull.problems)
    assert any("ugyldig verdi i first_name" in p for p in pull.problems)
    assert len(pull.problems) == 2
    assert all(p.startswith("rad ") for p in pull.problems)
    text = " ".join(pull.problems)
    assert "Oda" not in text and "Kari" not in text and "Nordmo" not in text
    kept = [p for p in pull.people if p.last_name == "Nordmo"]
    assert len(kept) == 1 and kept[0].first_name == ""
    assert "Nordmo" not in repr(kept[0])


def test_rows_of_the_wrong_shape_are_skipped(standin: StandIn, make_client: MakeClient) -> None:
    client = make_client()
    client.people.pull(custom_fields=CUSTOM, tag_ids=[])  # the view exists
    bad_rows = [{"id": 5, "content": []}, "junk", {"id": True, "content": None}]
    standin.control.call("malform", {"route": "views.rows", "data": bad_rows})
    pull = make_client().people.pull(custom_fields=CUSTOM, tag_ids=[])
    assert pull.people == [] and pull.skipped == 3
    assert pull.problems == [t("zetkin.row_bad_shape", row=n) for n in (1, 2, 3)]
    assert not pull.complete


def test_an_answer_of_the_wrong_shape_says_malformed(
    standin: StandIn, make_client: MakeClient
) -> None:
    standin.control.call("malform", {"route": "tags.list", "data": "oops"})
    with pytest.raises(PermanentApiError, match="malformed") as caught:
        make_client().tags.by_title()
    assert "missing" not in str(caught.value)
    standin.control.call("malform", {})
    make_client().people.pull(custom_fields=CUSTOM, tag_ids=[])
    standin.control.call("malform", {"route": "views.rows", "data": {"rows": "oops"}})
    with pytest.raises(PermanentApiError, match="malformed"):
        make_client().people.pull(custom_fields=CUSTOM, tag_ids=[])


def test_a_view_someone_changed_is_put_right(standin: StandIn, make_client: MakeClient) -> None:
    client = make_client()
    tags = _tag_ids(client)
    client.people.pull(custom_fields=CUSTOM, tag_ids=tags)
    view = next(v for v in client.views.list() if v.title == VIEW_TITLE)
    client.v1(
        "PATCH",
        f"people/views/{view.id}/content_query",
        json={"filter_spec": [{"op": "add", "type": "person_tags",
                               "config": {"condition": "any", "tags": tags[:1]}}]},
    )  # fmt: skip
    bydel = next(c for c in client.views.columns(view.id) if c.config.get("field") == "bydel")
    client.v1("DELETE", f"people/views/{view.id}/columns/{bydel.id}")

    pull = make_client().people.pull(custom_fields=CUSTOM, tag_ids=tags)

    assert pull.complete and len(pull.people) == standin.state["people"]
    assert any(p.custom.get("bydel") for p in pull.people)


def test_join_submissions_are_listed_unfiltered(standin: StandIn, make_client: MakeClient) -> None:
    pending = make_client().join.pending()
    assert pending and all(s.is_pending for s in pending)
    listed = [r for r in standin.control.requests() if r["route"] == "join_submissions.list"]
    assert len(listed) == 1 and "filter" not in listed[0]["query"]


def test_a_whole_cycle_for_20000_people_is_7_zetkin_requests(big: ZetkinStandin) -> None:
    """Pull, then 400 patches with tags and 200 creates: 4 reads + preview, execute and the
    one read that resolves the creates by ref."""
    from connectors.zetkin import PersonWrite

    setup = _client(big)
    setup.people.ensure_field("bridge_ref", "Bridge-ref")
    tags = _tag_ids(setup)
    setup.people.pull(custom_fields=(*CUSTOM, "bridge_ref"), tag_ids=tags)  # the view exists
    client = _client(big)
    pull = client.people.pull(custom_fields=(*CUSTOM, "bridge_ref"), tag_ids=tags)
    writes = [PersonWrite(p.id, {"bydel": "Lade"}, add_tags=(tags[0],)) for p in pull.people[:400]]
    writes += [
        PersonWrite(None, {"first_name": "Ny", "last_name": f"Nr {n}"}, ref=f"c-{n}")
        for n in range(200)
    ]
    outcome = client.bulk.write(writes, ref_field="bridge_ref")
    assert len(outcome.created) == 200
    assert outcome.requests == 3 and client.requests_made.total == 7
