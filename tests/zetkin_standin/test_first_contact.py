"""The stand-in's first-contact behaviour over raw HTTP: the API-key grant, session levels,
level-1 tokens refused for organiser writes, ephemeral stats, view cells, bulk jobs, faults."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from sandbox.zetkin import ZetkinStandin

JWT = "urn:ietf:params:oauth:grant-type:jwt-bearer"


def _http() -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    return session


def _grant(z: ZetkinStandin, **form: str) -> requests.Response:
    return _http().post(
        f"{z.url}/v1/oauth/token/",
        data={"grant_type": JWT, "assertion": z.api_key, **form},
        auth=(z.client_id, z.client_secret),
        timeout=10,
    )


def _v1(z: ZetkinStandin, token: str, method: str, path: str, **kwargs: Any) -> requests.Response:
    return _http().request(
        method,
        f"{z.url}/v1/{path}".replace("{org}", str(z.org_id)),
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
        **kwargs,
    )


def test_the_api_key_grant_gives_level_2_only_with_scope_level2(zetkin: ZetkinStandin) -> None:
    strong = _grant(zetkin, scope="level2")
    weak = _grant(zetkin)
    assert strong.status_code == weak.status_code == 200
    assert "refresh_token" not in strong.json() and strong.json()["token_type"] == "bearer"
    for answer, level in ((strong, 2), (weak, 1)):
        session = _v1(zetkin, answer.json()["access_token"], "GET", "session").json()["data"]
        assert session["level"] == level and session["factors"] == ["api_key"]


def test_the_api_key_grant_refuses_a_wrong_key_or_no_client_auth(zetkin: ZetkinStandin) -> None:
    wrong = _grant(zetkin, assertion="nope", scope="level2")
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    no_basic = _http().post(
        f"{zetkin.url}/v1/oauth/token/",
        data={"grant_type": JWT, "assertion": zetkin.api_key, "client_id": zetkin.client_id},
        timeout=10,
    )
    assert no_basic.status_code == 401


def test_level_1_reads_but_cannot_write(zetkin: ZetkinStandin) -> None:
    token = _grant(zetkin).json()["access_token"]
    assert _v1(zetkin, token, "GET", "orgs/{org}/people/tags").status_code == 200
    stats = _v1(
        zetkin, token, "POST", "orgs/{org}/people/queries/ephemeral/stats",
        json={"filter_spec": [{"op": "add", "type": "all", "config": {}}]},
    )  # fmt: skip
    assert stats.status_code == 200
    refused = _v1(zetkin, token, "POST", "orgs/{org}/people/tags", json={"title": "X"})
    assert refused.status_code == 403
    assert refused.json() == {
        "error": {"title": "403 Forbidden", "description": "Level 2 authentication required."}
    }
    zetkin.control.call("account", {"enforce_level2": False})
    assert _v1(zetkin, token, "POST", "orgs/{org}/people/tags", json={"title": "X"}).ok


def test_a_plain_member_reads_nothing_of_the_org(zetkin: ZetkinStandin) -> None:
    zetkin.control.call("account", {"role": None})
    assert _v1(zetkin, zetkin.token, "GET", "orgs/{org}/people/tags").status_code == 403
    memberships = _v1(zetkin, zetkin.token, "GET", "users/me/memberships").json()["data"]
    assert memberships[0]["role"] is None


def test_ephemeral_stats_count_each_filter_and_the_running_result(
    zetkin: ZetkinStandin,
) -> None:
    tags = _v1(zetkin, zetkin.token, "GET", "orgs/{org}/people/tags").json()["data"]
    member = next(t["id"] for t in tags if t["title"] == "Medlem")
    spec = [
        {"op": "add", "type": "all", "config": {}},
        {"op": "sub", "type": "person_tags", "config": {"condition": "any", "tags": [member]}},
    ]
    answer = _v1(
        zetkin, zetkin.token, "POST", "orgs/{org}/people/queries/ephemeral/stats",
        json={"filter_spec": spec},
    ).json()["data"]  # fmt: skip
    people = zetkin.state["people"]
    members = zetkin.state["tags"]["Medlem"]
    assert [a["result"] for a in answer] == [people, people - members]
    assert answer[1]["change"] == -members and answer[1]["matches"] == members
    assert answer[0]["filter"] == spec[0]
    empty = _v1(
        zetkin, zetkin.token, "POST", "orgs/{org}/people/queries/ephemeral/stats",
        json={"filter_spec": []},
    )  # fmt: skip
    assert empty.status_code == 400


def test_a_tag_cell_is_the_applied_tag_or_null(zetkin: ZetkinStandin) -> None:
    token = zetkin.token
    view = _v1(zetkin, token, "POST", "orgs/{org}/people/views", json={"title": "V"}).json()
    vid = view["data"]["id"]
    tags = _v1(zetkin, token, "GET", "orgs/{org}/people/tags").json()["data"]
    member = next(t for t in tags if t["title"] == "Medlem")
    _v1(zetkin, token, "PATCH", f"orgs/{{org}}/people/views/{vid}/content_query",
        json={"filter_spec": [{"op": "add", "type": "all", "config": {}}]})  # fmt: skip
    _v1(zetkin, token, "POST", f"orgs/{{org}}/people/views/{vid}/columns",
        json={"type": "person_tag", "title": "M", "config": {"tag_id": member["id"]}})  # fmt: skip
    rows = _v1(zetkin, token, "GET", f"orgs/{{org}}/people/views/{vid}/rows").json()["data"]
    assert len(rows) == zetkin.state["people"]
    cells = [row["content"][0] for row in rows]
    assert any(c is None for c in cells)
    held = [c for c in cells if c is not None]
    assert len(held) == zetkin.state["tags"]["Medlem"]
    assert held[0]["id"] == member["id"] and "value" in held[0]


@pytest.mark.parametrize("path", ["orgs/{org}/people", "orgs/{org}/people?p=0&pp=100000"])
def test_short_pull_leaves_out_the_last_people(zetkin: ZetkinStandin, path: str) -> None:
    full = len(_v1(zetkin, zetkin.token, "GET", path).json()["data"])
    zetkin.control.call("short_pull", {"by": 2})
    assert len(_v1(zetkin, zetkin.token, "GET", path).json()["data"]) == full - 2


def test_a_pending_bulk_job_completes_after_the_given_reads(zetkin: ZetkinStandin) -> None:
    zetkin.control.call("bulk_pending", {"polls": 1})
    people = _v1(zetkin, zetkin.token, "GET", "orgs/{org}/people?p=0&pp=1").json()["data"]
    ops = [{"op": "person.get", "key": {"id": people[0]["id"]},
            "ops": [{"op": "person.setfields", "data": {"city": "Lade"}}]}]  # fmt: skip
    log = _v1(zetkin, zetkin.token, "POST", "orgs/{org}/bulk/execute", json={"ops": ops})
    assert log.json()["data"]["status"] == "pending"
    first = _v1(zetkin, zetkin.token, "GET", "orgs/{org}/bulk").json()["data"][-1]
    second = _v1(zetkin, zetkin.token, "GET", "orgs/{org}/bulk").json()["data"][-1]
    assert first["status"] == "in_progress" and first["report"] is None
    assert second["status"] == "completed" and second["report"]["person"]["summary"]


def test_malform_answers_the_given_data(zetkin: ZetkinStandin) -> None:
    zetkin.control.call("malform", {"route": "tags.list", "data": "oops"})
    assert _v1(zetkin, zetkin.token, "GET", "orgs/{org}/people/tags").json() == {"data": "oops"}
    zetkin.control.reset()
    assert isinstance(
        _v1(zetkin, zetkin.token, "GET", "orgs/{org}/people/tags").json()["data"], list
    )


def test_a_key_of_an_account_without_two_factor_gives_level_1_even_asked_for_level2(
    zetkin: ZetkinStandin,
) -> None:
    weak = _grant(zetkin, assertion=zetkin.level1_api_key, scope="level2")
    assert weak.status_code == 200
    session = _v1(zetkin, weak.json()["access_token"], "GET", "session").json()["data"]
    assert session["level"] == 1


def test_memberships_list_the_served_org_and_a_plain_membership_elsewhere(
    zetkin: ZetkinStandin,
) -> None:
    memberships = _v1(zetkin, zetkin.token, "GET", "users/me/memberships").json()["data"]
    assert memberships[0]["organization"]["id"] == zetkin.org_id
    others = memberships[1:]
    assert others and all(
        m["role"] is None and m["organization"]["id"] != zetkin.org_id for m in others
    )
    assert all({"organization", "role", "profile", "follow"} <= set(m) for m in memberships)
