"""`client.bulk.write`: preview then execute, creates findable by their ref, exact request counts.

The real client over real HTTP against the stand-in's bulk endpoints.
"""

from __future__ import annotations

import pytest

from bridge.errors import PermanentApiError, PermanentError
from connectors.zetkin import PersonWrite, StaticTokenAuth, ZetkinClient, ZetkinTransientError
from tests.zetkin_client.conftest import MakeClient, StandIn

REF = "bridge_ref"
CUSTOM = ("bydel", REF)


def _ready(make_client: MakeClient) -> tuple[ZetkinClient, list[int], dict[str, int]]:
    """A client that has pulled once (so the bridge view is known), the people, the tags."""
    setup = make_client()
    setup.people.ensure_field(REF, "Bridge-ref")
    tags = {tag.title: tag.id for tag in setup.tags.list()}
    client = make_client()
    pull = client.people.pull(custom_fields=CUSTOM, tag_ids=list(tags.values()))
    return client, sorted(p.id for p in pull.people), tags


def _routes(standin: StandIn) -> list[str]:
    return [r["route"] for r in standin.control.requests()]


def test_many_patches_tags_and_creates_in_3_requests(
    standin: StandIn, make_client: MakeClient
) -> None:
    client, ids, tags = _ready(make_client)
    call = tags["Vil ringe"]
    patches = [
        PersonWrite(pid, {"bydel": f"Bydel {n % 7}"}, add_tags=(call,) if n % 2 else ())
        for n, pid in enumerate(ids[:250])
    ]
    creates = [
        PersonWrite(None, {"first_name": "Ny", "last_name": f"Person {n}"}, (call,), ref=f"r-{n}")
        for n in range(3)
    ]
    standin.control.clear_log()
    before = client.requests_made.total

    outcome = client.bulk.write([*patches, *creates], ref_field=REF)

    assert outcome.requests == 3 == client.requests_made.total - before
    assert _routes(standin) == ["bulk.preview", "bulk.execute", "views.rows"]
    assert set(outcome.created) == {"r-0", "r-1", "r-2"} and not outcome.missing_refs
    after = make_client().people.pull(custom_fields=CUSTOM, tag_ids=[call])
    by_id = {p.id: p for p in after.people}
    assert by_id[ids[3]].custom["bydel"] == "Bydel 3" and call in by_id[ids[3]].tag_ids
    for ref, pid in outcome.created.items():
        assert by_id[pid].custom[REF] == ref and call in by_id[pid].tag_ids
    assert len(after.people) == len(ids) + 3


def test_400_patches_with_tag_changes_are_one_preview_and_one_execute(
    standin: StandIn, make_client: MakeClient
) -> None:
    standin.control.call("seed", {"seed": 3, "size": 2000})
    client, ids, tags = _ready(make_client)
    writes = [
        PersonWrite(pid, {"bydel": "Lade"}, add_tags=(tags["Vil dørbanke"],)) for pid in ids[:400]
    ]
    standin.control.clear_log()
    outcome = client.bulk.write(writes, ref_field=REF)
    assert outcome.requests == 2 and outcome.created == {}
    assert _routes(standin) == ["bulk.preview", "bulk.execute"]


def test_tag_removals_are_one_delete_each_and_a_missing_tag_is_fine(
    standin: StandIn, make_client: MakeClient
) -> None:
    client, ids, tags = _ready(make_client)
    member = tags["Medlem"]
    holders = [p.id for p in client.tags.people(member)][:2]
    lacking = next(pid for pid in ids if pid not in {p.id for p in client.tags.people(member)})
    standin.control.clear_log()
    writes = [PersonWrite(pid, {}, remove_tags=(member,)) for pid in [*holders, lacking]]

    outcome = client.bulk.write(writes, ref_field=REF)

    assert outcome.requests == 3  # nothing for bulk to do: three DELETEs, one a 404
    assert _routes(standin) == ["tags.remove"] * 3
    assert not {p.id for p in client.tags.people(member)} & set(holders)


def test_a_preview_problem_names_the_op_and_person_and_writes_nothing(
    standin: StandIn, make_client: MakeClient
) -> None:
    client, ids, _ = _ready(make_client)
    writes = [PersonWrite(ids[0], {"bydel": "Lade"}), PersonWrite(ids[1], {"no_such": "Lade"})]
    standin.control.clear_log()
    with pytest.raises(PermanentApiError) as caught:
        client.bulk.write(writes, ref_field=REF)
    message = str(caught.value)
    assert f"op 1 (person {ids[1]})" in message and "UNKNOWN_FIELD" in message
    assert "Lade" not in message
    assert _routes(standin) == ["bulk.preview"]


def test_a_400_from_execute_names_the_ops_and_first_person(
    standin: StandIn, make_client: MakeClient
) -> None:
    client, ids, _ = _ready(make_client)
    standin.control.inject(400, path="bulk/execute", times=1)
    with pytest.raises(PermanentApiError) as caught:
        client.bulk.write([PersonWrite(ids[4], {"bydel": "Lade"})], ref_field=REF)
    assert caught.value.status == 400
    assert f"bulk ops 0-0 (person {ids[4]} first)" in str(caught.value)


def test_execute_answering_400_in_its_own_shape_is_read(
    standin: StandIn, make_client: MakeClient
) -> None:
    """The v1 spec's execute 400: ``{"data": {"error": {"message": …}}}`` (the stand-in gives
    it when execute is sent ops that preview would have refused)."""
    client = make_client()
    with pytest.raises(PermanentApiError, match="There are problems with the input ops"):
        client.bulk.execute([{"op": "person.get", "key": {"id": 10**9}, "ops": []}])


def test_a_create_whose_answer_was_lost_is_found_by_its_ref(
    standin: StandIn, make_client: MakeClient
) -> None:
    client, ids, _ = _ready(make_client)
    standin.control.inject(kind="drop", path="bulk/execute", times=1)
    create = PersonWrite(None, {"first_name": "Tapt", "last_name": "Svar"}, ref="lost-1")
    with pytest.raises(ZetkinTransientError) as caught:
        client.bulk.write([create], ref_field=REF)
    assert caught.value.may_have_applied
    assert _routes(standin).count("bulk.execute") == 1  # a create is never sent twice blindly

    found = make_client().people.find_by_field(REF, ["lost-1"])
    assert list(found) == ["lost-1"]
    assert standin.state["people"] == len(ids) + 1


def test_an_unfinished_bulk_job_is_waited_for(standin: StandIn, make_client: MakeClient) -> None:
    client, ids, _ = _ready(make_client)
    standin.control.call("bulk_pending", {"polls": 2})
    outcome = client.bulk.write([PersonWrite(ids[0], {"bydel": "Lade"})], ref_field=REF)
    assert outcome.requests == 2 + 3  # preview, execute, then GET bulk until completed
    assert _routes(standin)[-3:] == ["bulk.list"] * 3


def test_a_level_1_token_writes_nothing(standin: StandIn, make_client: MakeClient) -> None:
    _, ids, _ = _ready(make_client)
    before = make_client().people.get(ids[0]).custom.get("bydel")
    assert before != "Lade"
    token = standin.control.call("token", {"level": 1})["access_token"]
    weak = make_client(StaticTokenAuth(token))
    with pytest.raises(PermanentApiError) as caught:
        weak.bulk.write([PersonWrite(ids[0], {"bydel": "Lade"})], ref_field=REF)
    assert caught.value.status == 403 and "nivå 2" in (caught.value.hint or "")
    assert make_client().people.get(ids[0]).custom.get("bydel") == before
    executed = [r for r in standin.control.requests() if r["route"] == "bulk.execute"]
    assert executed and all(r["status"] == 403 for r in executed)


def test_ensure_field_creates_once(standin: StandIn, make_client: MakeClient) -> None:
    first = make_client().people.ensure_field("bridge_ref", "Bridge-ref")
    again = make_client().people.ensure_field("bridge_ref", "Bridge-ref")
    assert first.id == again.id and first.slug == "bridge_ref" and first.type == "text"
    assert _routes(standin).count("fields.create") == 1


def test_a_repeated_create_whose_ref_was_pulled_adds_nobody(
    standin: StandIn, make_client: MakeClient
) -> None:
    client, ids, _ = _ready(make_client)
    create = PersonWrite(None, {"first_name": "Igjen", "last_name": "Samme"}, ref="again-1")
    first = client.bulk.write([create], ref_field=REF)
    rerun = make_client()
    rerun.people.pull(custom_fields=CUSTOM, tag_ids=[])  # the next run's pull sees the ref
    standin.control.clear_log()

    second = rerun.bulk.write([create], ref_field=REF)

    assert second.created == first.created and second.requests == 0
    assert standin.control.requests() == []
    assert standin.state["people"] == len(ids) + 1


def test_require_writer_names_the_reason(standin: StandIn, make_client: MakeClient) -> None:
    make_client().account.require_writer(standin.org_id)  # the admin's level-2 token: fine
    token = standin.control.call("token", {"level": 1})["access_token"]
    with pytest.raises(PermanentError, match="nivå 1"):
        make_client(StaticTokenAuth(token)).account.require_writer(standin.org_id)
    standin.control.call("account", {"role": "organizer"})
    make_client().account.require_writer(standin.org_id)
    standin.control.call("account", {"role": None})
    with pytest.raises(PermanentError, match="ikke organisator"):
        make_client().account.require_writer(standin.org_id)
