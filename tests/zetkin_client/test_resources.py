"""Every resource against the stand-in, and the member round trip the reconcile job needs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bridge.errors import PermanentApiError
from connectors.zetkin import (
    CallState,
    Person,
    ZetkinClient,
    bulk_upsert_op,
    filter_param,
)
from tests.zetkin_client.conftest import StandIn


def _tag_id(client: ZetkinClient, title: str) -> int:
    return client.tags.by_title()[title].id


def test_person_join_submission_tags_people_list_and_view_rows(
    standin: StandIn, client: ZetkinClient
) -> None:
    ringe = _tag_id(client, "Vil ringe")
    created = client.people.create(
        {
            "first_name": "Synnøve",
            "last_name": "Prøvesen",
            "phone": "+4791234567",
            "bydel": "Heimdal",
        }
    )
    assert created.custom.get("bydel") == "Heimdal"
    pending = client.join.pending()
    assert pending, "the demo seed has pending join submissions"
    accepted = client.join.accept(pending[0].id)
    assert accepted.state == "accepted"
    joined = [p for p in client.people.list() if p.id not in {created.id}]
    newcomer = next(
        p
        for p in joined
        if (p.first_name, p.last_name)
        == (pending[0].person.first_name, pending[0].person.last_name)
    )
    # the form's tags were applied on acceptance
    form = next(f for f in client.join.forms() if f.id == pending[0].form_id)
    assert set(form.tag_ids) <= {t.id for t in client.people.tags(newcomer.id)}

    for person in (created, newcomer):
        client.tags.assign(person.id, ringe)
        client.tags.assign(person.id, ringe)  # a repeat is harmless

    listed = {p.id: p for p in client.people.list()}
    assert listed[created.id].first_name == "Synnøve"
    assert {created.id, newcomer.id} <= {p.id for p in client.tags.people(ringe)}

    view = client.views.create("Ringeliste test")
    client.views.add_column(view.id, "person_field", "Fornavn", {"field": "first_name"})
    client.views.add_column(view.id, "person_tag", "Vil ringe", {"tag_id": ringe})
    client.views.add_row(view.id, created.id)
    client.views.add_row(view.id, newcomer.id)
    rows = {row.id: row.content for row in client.views.rows(view.id)}
    assert rows[created.id][0] == "Synnøve"
    assert rows[newcomer.id][0] == newcomer.first_name
    assert rows[created.id][1] not in (None, False)


def test_people_get_patch_fields_notes_and_search(client: ZetkinClient) -> None:
    person = next(client.people.iterate(page_size=10))
    assert client.people.get(person.id) == person
    patched = client.people.patch(person.id, {"bydel": "Lerkendal", "alt_phone": None})
    assert patched.custom["bydel"] == "Lerkendal" and patched.alt_phone is None
    slugs = {f.slug for f in client.people.fields()}
    assert {"innmeldt", "bydel"} <= slugs
    note = client.people.add_note(person.id, "Ringt, ønsker mer info")
    assert note.id in {n.id for n in client.people.notes(person.id)}
    named = next(p for p in client.people.iterate() if p.last_name)
    assert named.id in {p.id for p in client.people.search(named.last_name or "")}
    with pytest.raises(PermanentApiError) as caught:
        client.people.get(10**9)
    assert caught.value.status == 404


def test_tags_create_assign_value_and_remove(client: ZetkinClient) -> None:
    person = next(client.people.iterate(page_size=5))
    tag = client.tags.create("Yrke", value_type="text")
    applied = client.tags.assign(person.id, tag.id, "Sykepleier")
    on_person = {t.id: t for t in client.people.tags(person.id)}
    assert on_person[tag.id].value == "Sykepleier"
    assert applied is None or applied.id == tag.id
    client.tags.remove(person.id, tag.id)
    assert tag.id not in {t.id for t in client.people.tags(person.id)}
    assert person.id not in {p.id for p in client.tags.people(tag.id)}


def test_bulk_preview_reports_problems_and_execute_upserts(
    standin: StandIn, client: ZetkinClient
) -> None:
    medlem = _tag_id(client, "Medlem")
    good = bulk_upsert_op(
        {"ext_id": "bulk-test-1"},
        {"first_name": "Bulk", "last_name": "Testesen", "bydel": "Østbyen"},
        tags=[medlem],
    )
    bad = bulk_upsert_op({"ext_id": "bulk-test-2"}, {"shoe_size": 44})
    preview = client.bulk.preview([good, bad])
    assert not preview.ok
    assert any(p.code == "UNKNOWN_FIELD" and p.index == 1 for p in preview.problems)
    before = standin.control.call("state")["people"]
    assert client.bulk.preview([good]).ok
    log = client.bulk.execute([good])
    assert log.status in {"pending", "in_progress", "completed"}
    client.bulk.execute([good])  # keyed on ext_id: a rerun creates nobody twice
    people = client.people.list(filters=[filter_param("ext_id", "==", "bulk-test-1")])
    assert len(people) == 1 and standin.control.call("state")["people"] == before + 1
    assert medlem in {t.id for t in client.people.tags(people[0].id)}


def test_call_assignments_callers_and_calls(client: ZetkinClient) -> None:
    assignments = client.calls.assignments()
    assert assignments
    campaign = client.events.campaigns()[0]
    medlem = _tag_id(client, "Medlem")
    created = client.calls.create_assignment(
        campaign.id,
        "Ring nye medlemmer",
        target_filters=[
            {"op": "add", "type": "person_tags", "config": {"condition": "any", "tags": [medlem]}}
        ],
        goal_filters=[],
    )
    assert created.title == "Ring nye medlemmer" and created.campaign_id == campaign.id
    caller = next(client.people.iterate(page_size=5))
    client.calls.add_caller(created.id, caller.id)
    assert caller.id in {c.id for c in client.calls.callers(created.id)}
    client.calls.remove_caller(created.id, caller.id)
    assert caller.id not in {c.id for c in client.calls.callers(created.id)}

    calls = client.calls.list(page_size=20)
    assert calls and len({c.id for c in calls}) == len(calls)
    state = calls[0].state
    same_state = client.calls.list(filters=[filter_param("state", "==", state)])
    assert same_state and all(c.state == state for c in same_state)
    done = client.calls.patch(
        calls[0].id,
        {"state": CallState.CALL_BACK, "notes": "Ring etter jobb", "call_back_after": "2026-12-01"},
    )
    assert done.state == CallState.CALL_BACK and str(done.call_back_after) == "2026-12-01"


def test_campaigns_events_sign_ups_and_participants(client: ZetkinClient) -> None:
    campaign = client.events.create_campaign("Dørbank vår", visibility="open")
    renamed = client.events.patch_campaign(campaign.id, {"title": "Dørbank våren"})
    assert renamed.title == "Dørbank våren"
    event = client.events.create(
        {
            "title": "Dørbanking Heimdal",
            "start_time": "2026-05-10T10:00:00+00:00",
            "end_time": "2026-05-10T12:00:00+00:00",
            "num_participants_required": 4,
        },
        campaign_id=campaign.id,
    )
    assert event.start_time == datetime(2026, 5, 10, 10, tzinfo=UTC)
    assert event.id in {e.id for e in client.events.list(campaign_id=campaign.id)}
    moved = client.events.patch(event.id, {"num_participants_required": 6})
    assert moved.num_participants_required == 6
    person = next(client.people.iterate(page_size=5))
    client.events.sign_up(event.id, person.id)
    assert person.id in {r.person_id for r in client.events.responses(event.id)}
    client.events.book(event.id, person.id)
    assert person.id in {p.person.id for p in client.events.participants(event.id)}
    after = client.events.list(filters=[filter_param("start_time", ">=", "2026-05-10T00:00:00")])
    assert event.id in {e.id for e in after}


def test_views_columns_rows_and_sub_organisations(client: ZetkinClient) -> None:
    views = client.views.list()
    assert views
    columns = client.views.columns(views[0].id)
    rows = client.views.rows(views[0].id)
    assert all(len(r.content) == len(columns) for r in rows)
    subs = client.orgs.sub_organizations()
    assert all(s.title for s in subs)
    assert client.orgs.get().id == client.org_id


def test_v2_canvassing(client: ZetkinClient) -> None:
    canvass = client.canvass
    areas = canvass.areas()
    assignments = canvass.area_assignments()
    assert areas and assignments
    aa = assignments[0]
    assert canvass.area_assignment(aa.id) == aa
    metrics = canvass.metrics(aa.id)
    assert metrics and all(m.type in {"bool", "scale5"} for m in metrics)
    locations = canvass.locations(assignment_id=aa.id)
    assert locations
    stats = canvass.stats(aa.id)
    assert stats.num_locations is not None
    visits = [v for loc in locations for v in canvass.location_visits(aa.id, loc.id)]
    households = [h for loc in locations[:3] for h in canvass.households(loc.id)]
    household_visits = [v for h in households for v in canvass.household_visits(aa.id, h.id)]
    assert visits or household_visits
    assert client.requests_made.by_family.get("v2/area_assignments", 0) >= 3


def test_v2_422_is_permanent_with_details(client: ZetkinClient) -> None:
    with pytest.raises(PermanentApiError) as caught:
        client.v2("POST", "areas", json={"description": "no title, no boundary"})
    assert caught.value.status == 422
    assert "title" in caught.value.body


def test_records_are_typed(client: ZetkinClient) -> None:
    person = next(client.people.iterate(page_size=5))
    assert isinstance(person, Person) and isinstance(person.id, int)


def test_join_form_submissions_and_reject(client: ZetkinClient) -> None:
    form = client.join.forms()[0]
    assert form.title and form.submit_token is not None
    mine = client.join.submissions(form_id=form.id)
    assert mine and all(s.form_id == form.id for s in mine)
    pending = [s for s in mine if s.is_pending]
    assert pending
    client.join.reject(pending[0].id)
    assert pending[0].id not in {s.id for s in client.join.submissions()}


def test_call_assignment_stats_and_assignment_calls(client: ZetkinClient) -> None:
    assignment = client.calls.assignments()[0]
    stats = client.calls.stats(assignment.id)
    assert isinstance(stats.get("num_calls_made"), int)
    calls = client.calls.list(assignment_id=assignment.id)
    assert calls and all(c.assignment_id == assignment.id for c in calls)
    assert client.calls.get(calls[0].id).id == calls[0].id


def test_v2_writes_area_metric_and_location_visit(client: ZetkinClient) -> None:
    canvass = client.canvass
    boundary = {
        "type": "Polygon",
        "coordinates": [[[10.39, 63.43], [10.41, 63.43], [10.41, 63.42], [10.39, 63.43]]],
    }
    area = canvass.create_area("Testområde", boundary)
    assert area.id in {a.id for a in canvass.areas()}
    assert area.boundary["type"] == "Polygon"
    aa = canvass.area_assignments()[0]
    metric = canvass.create_metric(aa.id, "Vil de bli med?", "bool", defines_success=True)
    assert metric.id in {m.id for m in canvass.metrics(aa.id)}
    location = canvass.locations(assignment_id=aa.id)[0]
    visit = canvass.add_location_visit(
        aa.id, location.id, 3, [{"metric_id": metric.id, "num_yes": 2, "num_no": 1}]
    )
    assert visit.num_households_visited == 3
    assert visit.id in {v.id for v in canvass.location_visits(aa.id, location.id)}
