"""The stand-in's behaviour over real HTTP: paging, filters, status codes, join acceptance,
bulk problems, OAuth and token expiry, injected faults, v2 paging and validation."""

from __future__ import annotations

import base64
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from sandbox.zetkin import ZetkinStandin


@pytest.fixture
def http(zetkin: ZetkinStandin) -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    session.headers["Authorization"] = f"Bearer {zetkin.token}"
    return session


def v1(zetkin: ZetkinStandin, path: str) -> str:
    return f"{zetkin.url}/v1/orgs/{zetkin.org_id}/{path}".rstrip("/")


def v2(zetkin: ZetkinStandin, path: str) -> str:
    return f"{zetkin.url}/v2/orgs/{zetkin.org_id}/{path}"


def people(http: requests.Session, zetkin: ZetkinStandin, *filters: str) -> list[dict[str, Any]]:
    answer = http.get(v1(zetkin, "people"), params={"filter": list(filters)}, timeout=10)
    assert answer.status_code == 200, answer.text
    return list(answer.json()["data"])


# -- paging ---------------------------------------------------------------------------------
def test_paging_2500_people_at_100_takes_26_requests(
    zetkin: ZetkinStandin, http: requests.Session
) -> None:
    zetkin.control.call("seed", {"seed": 5, "size": 2500})
    zetkin.control.clear_log()
    seen: list[int] = []
    sizes = []
    page = 0
    while True:
        answer = http.get(v1(zetkin, "people"), params={"p": page, "pp": 100}, timeout=10)
        batch = answer.json()["data"]
        sizes.append(len(batch))
        seen.extend(p["id"] for p in batch)
        page += 1
        if len(batch) < 100:
            break
    assert zetkin.control.counters()["by_route"] == {"people.list": 26}
    assert sizes[:25] == [100] * 25 and sizes[25] < 100
    assert len(seen) == len(set(seen)) == 2500
    assert "pagination" not in answer.text and "total" not in answer.text


def test_people_list_without_paging_returns_everyone(
    zetkin: ZetkinStandin, http: requests.Session
) -> None:
    assert len(people(http, zetkin)) == zetkin.state["people"] == 300


def test_bad_paging_parameters_are_400(zetkin: ZetkinStandin, http: requests.Session) -> None:
    answer = http.get(v1(zetkin, "people"), params={"p": "x", "pp": 10}, timeout=10)
    assert answer.status_code == 400
    assert answer.json()["error"]["title"] == "Invalid parameter"


# -- filters --------------------------------------------------------------------------------
def test_filter_operators(zetkin: ZetkinStandin, http: requests.Session) -> None:
    everyone = people(http, zetkin)
    heimdal = people(http, zetkin, "bydel==Heimdal")
    assert heimdal and all(p["bydel"] == "Heimdal" for p in heimdal)
    not_heimdal = people(http, zetkin, "bydel!=Heimdal")
    assert len(heimdal) + len(not_heimdal) == len(everyone)
    early = people(http, zetkin, "innmeldt<2020-01-01")
    late = people(http, zetkin, "innmeldt>=2020-01-01")
    assert early and late and all(p["innmeldt"] < "2020-01-01" for p in early)
    dated = [p for p in everyone if p["innmeldt"]]
    assert len(early) + len(late) == len(dated)
    assert len(people(http, zetkin, "innmeldt<=2020-01-01")) >= len(early)
    assert len(people(http, zetkin, "innmeldt>2020-01-01")) <= len(late)
    contains = people(http, zetkin, "last_name*=SEN")
    assert contains and all("sen" in p["last_name"].lower() for p in contains)
    both = people(http, zetkin, "bydel==Heimdal", "innmeldt>=2020-01-01")
    assert {p["id"] for p in both} == {p["id"] for p in heimdal} & {p["id"] for p in late}
    assert people(http, zetkin, "id==7")[0]["id"] == 7


def test_filter_errors(zetkin: ZetkinStandin, http: requests.Session) -> None:
    for raw in ("bydel~Heimdal", "shoe_size==44"):
        answer = http.get(v1(zetkin, "people"), params={"filter": raw}, timeout=10)
        assert answer.status_code == 400
        assert answer.json()["error"]["title"] == "Invalid filter format"


def test_calls_filters_org_wide(zetkin: ZetkinStandin, http: requests.Session) -> None:
    calls = http.get(v1(zetkin, "calls"), timeout=10).json()["data"]
    states = {c["state"] for c in calls}
    assert {0, 1, 11, 13} <= states
    flagged = http.get(
        v1(zetkin, "calls"),
        params={"filter": ["organizer_action_needed==1", "organizer_action_taken!=1"]},
        timeout=10,
    ).json()["data"]
    assert flagged and all(c["organizer_action_needed"] for c in flagged)
    unfinished = http.get(v1(zetkin, "calls"), params={"filter": "state==0"}, timeout=10)
    assert {c["state"] for c in unfinished.json()["data"]} == {0}


# -- status codes and errors ----------------------------------------------------------------
def test_create_201_delete_204_missing_parameter_and_404(
    zetkin: ZetkinStandin, http: requests.Session
) -> None:
    created = http.post(v1(zetkin, "people"), json={"first_name": "Åge"}, timeout=10)
    assert created.status_code == 400
    assert created.json() == {
        "error": {
            "title": "Missing parameter",
            "description": 'The "last_name" parameter is required.',
        }
    }
    made = http.post(v1(zetkin, "people"), json={"first_name": "Åge", "last_name": "Ø"}, timeout=10)
    assert made.status_code == 201
    pid = made.json()["data"]["id"]
    gone = http.delete(v1(zetkin, f"people/{pid}"), timeout=10)
    assert gone.status_code == 204 and gone.content == b""
    missing = http.get(v1(zetkin, f"people/{pid}"), timeout=10)
    assert missing.status_code == 404
    assert missing.json() == {"error": {"title": "404 Not Found"}}


def test_patch_person_custom_fields_and_validation(
    zetkin: ZetkinStandin, http: requests.Session
) -> None:
    patched = http.patch(
        v1(zetkin, "people/5"), json={"bydel": "Lerkendal", "innmeldt": None}, timeout=10
    )
    assert patched.status_code == 200
    assert patched.json()["data"]["bydel"] == "Lerkendal"
    assert patched.json()["data"]["innmeldt"] is None
    bad_date = http.patch(v1(zetkin, "people/5"), json={"innmeldt": "31.12.2020"}, timeout=10)
    assert bad_date.json()["error"]["title"] == "Invalid date string value"
    unknown = http.patch(v1(zetkin, "people/5"), json={"shoe_size": 44}, timeout=10)
    assert unknown.status_code == 400
    assert unknown.json()["error"]["title"] == "Invalid parameter"


def test_tags_assign_value_and_remove(zetkin: ZetkinStandin, http: requests.Session) -> None:
    tag = http.post(
        v1(zetkin, "people/tags"), json={"title": "Yrke", "value_type": "text"}, timeout=10
    )
    assert tag.status_code == 201
    tid = tag.json()["data"]["id"]
    put = http.put(v1(zetkin, f"people/9/tags/{tid}"), json={"value": "Lærer"}, timeout=10)
    assert put.status_code == 200 and put.json()["data"]["value"] == "Lærer"
    plain = http.put(v1(zetkin, "people/9/tags/1"), json={"value": "x"}, timeout=10)
    assert plain.status_code == 400  # a value on a plain tag is refused (conservative)
    removed = http.delete(v1(zetkin, f"people/9/tags/{tid}"), timeout=10)
    assert removed.status_code == 204
    again = http.delete(v1(zetkin, f"people/9/tags/{tid}"), timeout=10)
    assert again.status_code == 404


def test_call_state_codes(zetkin: ZetkinStandin, http: requests.Session) -> None:
    call = http.get(v1(zetkin, "calls"), params={"p": 0, "pp": 1}, timeout=10).json()["data"][0]
    wrong = http.patch(v1(zetkin, f"calls/{call['id']}"), json={"state": 2}, timeout=10)
    assert wrong.status_code == 400
    for code in (1, 11, 12, 13, 14, 15, 21):
        ok = http.patch(v1(zetkin, f"calls/{call['id']}"), json={"state": code}, timeout=10)
        assert ok.json()["data"]["state"] == code


def test_route_labels_and_counters(zetkin: ZetkinStandin, http: requests.Session) -> None:
    zetkin.control.clear_log()
    http.get(v1(zetkin, "people"), params={"p": 0, "pp": 5}, timeout=10)
    http.put(v1(zetkin, "people/3/tags/2"), timeout=10)
    http.get(v2(zetkin, "areas"), timeout=10)
    routes = [r["route"] for r in zetkin.control.requests()]
    assert routes == ["people.list", "tags.assign", "v2.areas.list"]


# -- join forms -----------------------------------------------------------------------------
def test_join_accept_creates_the_person_with_the_forms_tags(
    zetkin: ZetkinStandin, http: requests.Session
) -> None:
    pending = http.get(
        v1(zetkin, "join_submissions"), params={"filter": "state==pending"}, timeout=10
    ).json()["data"]
    assert len(pending) == 6
    sub = pending[0]
    before = zetkin.state["people"]
    accepted = http.patch(
        v1(zetkin, f"join_submissions/{sub['id']}"), json={"state": "accepted"}, timeout=10
    )
    assert accepted.status_code == 200
    data = accepted.json()["data"]
    assert data["state"] == "accepted" and data["accepted"]
    person = http.get(v1(zetkin, f"people/{data['person_data']['id']}"), timeout=10).json()["data"]
    assert (person["first_name"], person["bydel"]) == (
        sub["person_data"]["first_name"],
        sub["person_data"]["bydel"],
    )
    tags = http.get(v1(zetkin, f"people/{person['id']}/tags"), timeout=10).json()["data"]
    form = http.get(v1(zetkin, "join_forms/1"), timeout=10).json()["data"]
    assert {t["id"] for t in tags} == {t["id"] for t in form["tags"]}
    http.patch(v1(zetkin, f"join_submissions/{sub['id']}"), json={"state": "accepted"}, timeout=10)
    assert zetkin.state["people"] == before + 1


def test_join_submission_is_anonymous_and_202(zetkin: ZetkinStandin) -> None:
    form = requests.get(
        v1(zetkin, "join_forms/1"), headers={"Authorization": f"Bearer {zetkin.token}"}, timeout=10
    ).json()["data"]
    body = {
        "submit_token": form["submit_token"],
        "form_data": {"first_name": "Frøya", "last_name": "Skaret", "bydel": "Midtbyen"},
    }
    answer = requests.post(v1(zetkin, "join_forms/1/submissions"), json=body, timeout=10)
    assert answer.status_code == 202 and answer.json()["data"]["state"] == "pending"
    body["submit_token"] = "wrong"
    assert (
        requests.post(v1(zetkin, "join_forms/1/submissions"), json=body, timeout=10).status_code
        == 403
    )


# -- bulk -------------------------------------------------------------------------------------
def _get(key: dict[str, Any], data: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "op": "person.get",
        "key": key,
        "if_none": "create",
        "ops": [{"op": "person.setfields", "data": data}, *extra.get("ops", [])],
    }


def test_bulk_preview_problems(zetkin: ZetkinStandin, http: requests.Session) -> None:
    ops = [
        _get({"ext_id": "b-1"}, {"first_name": "Ok", "last_name": "Person"}),
        _get({"ext_id": "b-2"}, {"first_name": "Ny", "last_name": "D", "innmeldt": "31.12.2020"}),
        {"op": "person.create", "ops": [{"op": "person.setfields", "data": {"email": "a@b.c"}}]},
        _get({"ext_id": "b-3"}, {"first_name": "X", "last_name": "Y", "skostørrelse": 44}),
        _get({"id": 3}, {}, ops=[{"op": "person.tag", "tag_id": 999}]),
        _get({"id": 3}, {}, ops=[{"op": "person.addtoorg", "org_id": 999}]),
        _get({"phone": "123"}, {}),
    ]
    answer = http.post(v1(zetkin, "bulk/preview"), json={"ops": ops}, timeout=10)
    assert answer.status_code == 200
    preview = answer.json()["data"]
    found = {(p["index"], p["code"]) for p in preview["problems"]}
    assert found == {
        (1, "INVALID_FORMAT"),
        (2, "MISSING_ID_AND_NAME"),
        (3, "UNKNOWN_FIELD"),
        (4, "UNKNOWN_OBJECT"),
        (5, "UNKNOWN_ORG"),
        (6, "INVALID_FORMAT"),
    }
    assert preview["stats"]["person"]["summary"]["created"]["total"] == 1
    refused = http.post(v1(zetkin, "bulk/execute"), json={"ops": ops}, timeout=10)
    assert refused.status_code == 400
    assert zetkin.state["people"] == 300  # neither preview nor a refused execute changed anything


def test_bulk_execute_upserts_on_ext_id_email_and_id(
    zetkin: ZetkinStandin, http: requests.Session
) -> None:
    mail = "unn.ulv@example.org"
    tag_member = {"op": "person.tag", "tag_id": 1}
    ops = [
        _get(
            {"ext_id": "b-9"},
            {"first_name": "Unn", "last_name": "Ulv", "email": mail},
            ops=[tag_member],
        ),
        _get({"id": 4}, {"bydel": "Heimdal"}),
    ]
    for _ in range(2):
        done = http.post(v1(zetkin, "bulk/execute"), json={"ops": ops}, timeout=10)
        assert done.status_code == 200 and done.json()["data"]["status"] == "completed"
    created = people(http, zetkin, "ext_id==b-9")
    assert len(created) == 1 and zetkin.state["people"] == 301
    tags = http.get(v1(zetkin, f"people/{created[0]['id']}/tags"), timeout=10).json()["data"]
    assert [t["id"] for t in tags] == [1]
    assert people(http, zetkin, "id==4")[0]["bydel"] == "Heimdal"
    by_mail = http.post(
        v1(zetkin, "bulk/execute"),
        json={"ops": [_get({"email": mail}, {"city": "Oslo"})]},
        timeout=10,
    ).json()["data"]
    summary = by_mail["report"]["person"]["summary"]
    assert summary["created"]["total"] == 0 and summary["updated"]["total"] == 1
    assert people(http, zetkin, "ext_id==b-9")[0]["city"] == "Oslo"


# -- OAuth and tokens -----------------------------------------------------------------------
def _basic(zetkin: ZetkinStandin, secret: str | None = None) -> dict[str, str]:
    raw = f"{zetkin.client_id}:{secret or zetkin.client_secret}".encode()
    return {"Authorization": "Basic " + base64.b64encode(raw).decode()}


def _login(zetkin: ZetkinStandin) -> dict[str, Any]:
    redirect = "http://127.0.0.1:9/cb"
    answer = requests.get(
        f"{zetkin.url}/v1/oauth/authorize/",
        params={
            "client_id": zetkin.client_id,
            "redirect_uri": redirect,
            "response_type": "code",
            "scope": "level2",
            "state": "xyz",
        },
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302
    location = answer.headers["Location"]
    assert location.startswith(redirect + "?")
    query = parse_qs(urlsplit(location).query)
    assert query["state"] == ["xyz"]
    token = requests.post(
        f"{zetkin.url}/v1/oauth/token/",
        data={
            "grant_type": "authorization_code",
            "code": query["code"][0],
            "redirect_uri": redirect,
        },
        headers=_basic(zetkin),
        timeout=10,
    )
    assert token.status_code == 200
    pair = token.json()
    assert pair["token_type"] == "bearer" and pair["expires_in"] > 0
    # a code works once
    reuse = requests.post(
        f"{zetkin.url}/v1/oauth/token/",
        data={"grant_type": "authorization_code", "code": query["code"][0]},
        headers=_basic(zetkin),
        timeout=10,
    )
    assert reuse.status_code == 400 and reuse.json()["error"] == "invalid_grant"
    return dict(pair)


def test_expired_token_is_401_invalid_token_and_refresh_works(zetkin: ZetkinStandin) -> None:
    pair = _login(zetkin)
    url = v1(zetkin, "people/1")
    bearer = {"Authorization": f"Bearer {pair['access_token']}"}
    assert requests.get(url, headers=bearer, timeout=10).status_code == 200
    zetkin.control.call("expire_tokens")
    expired = requests.get(url, headers=bearer, timeout=10)
    assert expired.status_code == 401
    assert expired.json()["error"] == "invalid_token"
    wrong_secret = requests.post(
        f"{zetkin.url}/v1/oauth/token/",
        data={"grant_type": "refresh_token", "refresh_token": pair["refresh_token"]},
        headers=_basic(zetkin, "not-the-secret"),
        timeout=10,
    )
    assert wrong_secret.status_code == 401 and wrong_secret.json()["error"] == "invalid_client"
    refreshed = requests.post(
        f"{zetkin.url}/v1/oauth/token/",
        data={"grant_type": "refresh_token", "refresh_token": pair["refresh_token"]},
        headers=_basic(zetkin),
        timeout=10,
    )
    assert refreshed.status_code == 200
    new = refreshed.json()
    ok = requests.get(url, headers={"Authorization": f"Bearer {new['access_token']}"}, timeout=10)
    assert ok.status_code == 200
    rotated = requests.post(
        f"{zetkin.url}/v1/oauth/token/",
        data={"grant_type": "refresh_token", "refresh_token": pair["refresh_token"]},
        headers=_basic(zetkin),
        timeout=10,
    )
    assert rotated.status_code == 400  # the old refresh token was rotated out
    zetkin.control.reset()
    static = {"Authorization": f"Bearer {zetkin.token}"}
    assert requests.get(url, headers=static, timeout=10).status_code == 200


def test_tokens_expire_after_their_lifetime(zetkin: ZetkinStandin) -> None:
    minted = zetkin.control.call("token", {"lifetime": 0.3})
    bearer = {"Authorization": f"Bearer {minted['access_token']}"}
    assert requests.get(v1(zetkin, "people/1"), headers=bearer, timeout=10).status_code == 200
    time.sleep(0.4)
    late = requests.get(v1(zetkin, "people/1"), headers=bearer, timeout=10)
    assert late.status_code == 401 and late.json()["error"] == "invalid_token"


# -- faults ---------------------------------------------------------------------------------
def test_injected_429_uses_zetkin_error_format(
    zetkin: ZetkinStandin, http: requests.Session
) -> None:
    zetkin.control.inject(429, times=1, retry_after=2, path="/people$")
    limited = http.get(v1(zetkin, "people"), timeout=10)
    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "2"
    assert limited.json()["error"]["title"] == "429 Too Many Requests"
    assert http.get(v1(zetkin, "people"), timeout=10).status_code == 200
    zetkin.control.clear_faults()


# -- v2 ---------------------------------------------------------------------------------------
def test_v2_paging_totals_and_422(zetkin: ZetkinStandin, http: requests.Session) -> None:
    first = http.get(v2(zetkin, "areas"), params={"page": 1, "size": 3}, timeout=10).json()
    assert first["meta"]["pagination"] == {"page": 1, "size": 3, "total": 4}
    assert len(first["data"]) == 3 and first["success"] is True
    second = http.get(v2(zetkin, "areas"), params={"page": 2, "size": 3}, timeout=10).json()
    assert len(second["data"]) == 1
    assert {a["id"] for a in first["data"]}.isdisjoint({a["id"] for a in second["data"]})
    default = http.get(v2(zetkin, "areas"), timeout=10).json()["meta"]["pagination"]
    assert default == {"page": 1, "size": 50, "total": 4}
    for params in ({"size": 101}, {"page": 0}, {"size": "x"}):
        bad = http.get(v2(zetkin, "areas"), params=params, timeout=10)
        assert bad.status_code == 422
        detail = bad.json()["detail"]
        assert detail[0]["loc"][0] == "query" and detail[0]["msg"] and detail[0]["type"]
    no_title = http.post(v2(zetkin, "areas"), json={"description": "x"}, timeout=10)
    assert no_title.status_code == 422
    assert {tuple(d["loc"]) for d in no_title.json()["detail"]} == {
        ("body", "title"),
        ("body", "boundary"),
    }


def test_v2_visits_feed_the_assignment_stats(zetkin: ZetkinStandin, http: requests.Session) -> None:
    before = http.get(v2(zetkin, "area_assignments/8/stats"), timeout=10).json()["data"]
    household = http.get(v2(zetkin, "locations/301/households"), timeout=10).json()["data"][0]
    visit = http.post(
        v2(zetkin, f"area_assignments/8/households/{household['id']}/visits"),
        json={"metrics": [{"metric_id": 40, "response": "yes"}, {"metric_id": 41, "response": 5}]},
        timeout=10,
    )
    assert visit.status_code == 200  # the v2 spec says 200 for this POST
    wrong = http.post(
        v2(zetkin, f"area_assignments/8/households/{household['id']}/visits"),
        json={"metrics": [{"metric_id": 40, "response": "maybe"}]},
        timeout=10,
    )
    assert wrong.status_code == 422
    after = http.get(v2(zetkin, "area_assignments/8/stats"), timeout=10).json()["data"]
    assert after["num_visits"] == before["num_visits"] + 1
    assert after["num_successful_visits"] == before["num_successful_visits"] + 1


def test_empty_seed_has_fields_and_tags_but_no_people(zetkin_empty: ZetkinStandin) -> None:
    z = zetkin_empty
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {z.token}"
    assert http.get(v1(z, "people"), params={"p": 0, "pp": 100}, timeout=10).json()["data"] == []
    slugs = {f["slug"] for f in http.get(v1(z, "people/fields"), timeout=10).json()["data"]}
    assert slugs == {"innmeldt", "bydel"}
    tags = {t["title"] for t in http.get(v1(z, "people/tags"), timeout=10).json()["data"]}
    assert tags == {"Medlem", "Vil dørbanke", "Vil ringe"}


def test_concurrent_reads_and_writes_are_consistent(zetkin: ZetkinStandin) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def work(worker: int) -> list[int]:
        session = requests.Session()
        session.trust_env = False
        session.headers["Authorization"] = f"Bearer {zetkin.token}"
        statuses = []
        for i in range(15):
            if i % 3 == 0:
                answer = session.post(
                    v1(zetkin, "people"),
                    json={"first_name": f"Tråd{worker}", "last_name": f"Nr{i}"},
                    timeout=10,
                )
            elif i % 3 == 1:
                answer = session.patch(
                    v1(zetkin, f"people/{1 + worker}"), json={"bydel": f"Sone {i}"}, timeout=10
                )
            else:
                answer = session.get(v1(zetkin, "people"), params={"p": 0, "pp": 300}, timeout=10)
            statuses.append(answer.status_code)
        return statuses

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = [s for batch in pool.map(work, range(6)) for s in batch]
    assert set(results) <= {200, 201} and results.count(201) == 30
    everyone = requests.get(
        v1(zetkin, "people"), headers={"Authorization": f"Bearer {zetkin.token}"}, timeout=10
    ).json()["data"]
    assert len(everyone) == 330 and len({p["id"] for p in everyone}) == 330


def test_queue_head_allocates_a_target_once(zetkin: ZetkinStandin, http: requests.Session) -> None:
    first = http.post(v1(zetkin, "call_assignments/4/queue/head"), json={}, timeout=10)
    assert first.status_code == 200
    call = first.json()["data"]
    assert call["state"] == 0 and call["assignment_id"] == 4
    assert {"name", "tags", "call_log", "phone"} <= set(call["target"])
    assert "Medlem" in {t["title"] for t in call["target"]["tags"]}
    second = http.post(v1(zetkin, "call_assignments/4/queue/head"), json={}, timeout=10)
    assert second.json()["data"]["target"]["id"] != call["target"]["id"]


def test_tag_groups_and_field_values_by_slug(zetkin: ZetkinStandin, http: requests.Session) -> None:
    group = http.post(v1(zetkin, "tag_groups"), json={"title": "Ferdigheter"}, timeout=10)
    assert group.status_code == 201
    tag = http.post(
        v1(zetkin, "people/tags"),
        json={"title": "Sjåfør", "group_id": group.json()["data"]["id"]},
        timeout=10,
    ).json()["data"]
    assert tag["group"]["title"] == "Ferdigheter"
    put = http.put(v1(zetkin, "people/6/fields/bydel"), json="Heimdal", timeout=10)
    assert put.status_code == 200 and put.json()["data"] == "Heimdal"
    got = http.get(v1(zetkin, "people/6/fields/bydel"), timeout=10).json()["data"]
    assert got == "Heimdal"
    bad = http.put(v1(zetkin, "people/6/fields/innmeldt"), json="i fjor", timeout=10)
    assert bad.json()["error"]["title"] == "Invalid date string value"
    assert http.delete(v1(zetkin, "people/6/fields/bydel"), timeout=10).status_code == 204
    assert http.delete(v1(zetkin, "people/6/fields/bydel"), timeout=10).status_code == 404


def test_raw_control_stores_data_the_api_would_refuse(
    zetkin: ZetkinStandin, http: requests.Session
) -> None:
    made = zetkin.control.call(
        "raw", {"kind": "person", "data": {"first_name": None, "skonummer": 44}}
    )
    person = http.get(v1(zetkin, f"people/{made['id']}"), timeout=10).json()["data"]
    assert person["first_name"] is None and person["skonummer"] == 44
    zetkin.control.call(
        "raw", {"kind": "person_tag", "person_id": made["id"], "tag_id": 1, "value": "x"}
    )
    tags = http.get(v1(zetkin, f"people/{made['id']}/tags"), timeout=10).json()["data"]
    assert tags[0]["value"] == "x" and tags[0]["value_type"] is None


def test_call_assignment_filters_are_checked_as_zetkin_checks_them(
    zetkin: ZetkinStandin, http: requests.Session
) -> None:
    """Reference §6 and §6.1: both filter lists required; an unknown filter type or op, a tag
    the org lacks or a bad date is a 400; ``$self`` in the goal names the new assignment."""
    url = v1(zetkin, "call_assignments")
    base = {"title": "Runde", "target_filters": [], "goal_filters": []}
    missing = http.post(url, json={"title": "Runde", "target_filters": []}, timeout=10)
    assert missing.status_code == 400
    bad_specs = [
        [{"op": "add", "type": "people_tags", "config": {}}],
        [{"op": "union", "type": "all", "config": {}}],
        [{"op": "add", "type": "person_tags", "config": {"condition": "any", "tags": [99999]}}],
        [{"op": "limit", "type": "person_field", "config": {"field": "innmeldt", "after": "x"}}],
    ]
    for spec in bad_specs:
        answer = http.post(url, json={**base, "target_filters": spec}, timeout=10)
        assert answer.status_code == 400, spec
    goal = [{"op": "add", "type": "call_history",
             "config": {"operator": "reached", "assignment": "$self"}}]  # fmt: skip
    made = http.post(url, json={**base, "goal_filters": goal}, timeout=10)
    assert made.status_code == 201
    data = made.json()["data"]
    assert data["goal"]["filter_spec"][0]["config"]["assignment"] == data["id"]
    patched = http.patch(
        v1(zetkin, f"people/queries/{data['target']['id']}"),
        json={"filter_spec": [{"op": "add", "type": "nope", "config": {}}]},
        timeout=10,
    )
    assert patched.status_code == 400
