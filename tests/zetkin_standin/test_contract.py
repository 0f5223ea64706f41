"""Contract: the stand-in's objects carry the keys and value types of the reference's examples.

The examples are transcribed (with fictional values) from reference/zetkin-api.md into
tests/data/zetkin_examples.json; each one is fetched here over real HTTP from the stand-in.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from sandbox.zetkin import ZetkinStandin

EXAMPLES: dict[str, Any] = {
    key: value
    for key, value in json.loads(
        (Path(__file__).parents[1] / "data" / "zetkin_examples.json").read_text("utf-8")
    ).items()
    if not key.startswith("_")
}


class Api:
    """Tiny helper: v1 and v2 calls with the stand-in's bearer token, unwrapped."""

    def __init__(self, zetkin: ZetkinStandin) -> None:
        self.zetkin = zetkin
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.headers["Authorization"] = f"Bearer {zetkin.token}"

    def v1(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        url = f"{self.zetkin.url}/v1/orgs/{self.zetkin.org_id}/{path}".rstrip("/")
        answer = self.session.request(method, url, timeout=10, **kwargs)
        assert answer.status_code == expect, answer.text
        return answer.json()["data"]

    def v2(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        url = f"{self.zetkin.url}/v2/orgs/{self.zetkin.org_id}/{path}"
        answer = self.session.request(method, url, timeout=10, **kwargs)
        assert answer.status_code == expect, answer.text
        body = answer.json()
        assert body["success"] is True and "meta" in body and "related" in body
        return body["data"]


def _person(api: Api) -> Any:
    return api.v1("GET", "people/3")


def _custom_field(api: Api) -> Any:
    created = api.v1(
        "POST",
        "people/fields",
        expect=201,
        json={
            "title": "Krets",
            "slug": "krets",
            "type": "enum",
            "enum_choices": [{"key": "nord", "label": "Nord"}, {"key": "sor", "label": "Sør"}],
        },
    )
    return api.v1("GET", f"people/fields/{created['id']}")


def _tag(api: Api) -> Any:
    tag = api.v1("POST", "people/tags", expect=201, json={"title": "Yrke", "value_type": "text"})
    api.v1("PUT", f"people/3/tags/{tag['id']}", json={"value": "Sykepleier"})
    return next(t for t in api.v1("GET", "people/3/tags") if t["id"] == tag["id"])


def _accepted_submission(api: Api) -> Any:
    accepted = api.v1("GET", "join_submissions", params={"filter": "state==accepted"})
    return api.v1("GET", f"join_submissions/{accepted[0]['id']}")


def _call(api: Api) -> Any:
    call = api.v1("GET", "calls", params={"p": 0, "pp": 1})[0]
    api.v1(
        "PATCH",
        f"calls/{call['id']}",
        json={
            "state": 13,
            "notes": "Opptatt i kveld",
            "message_to_organizer": "Vil arrangere et møte",
            "organizer_action_needed": True,
            "call_back_after": "2026-05-05",
        },
    )
    return api.v1("GET", f"calls/{call['id']}")


def _static_view(api: Api) -> int:
    return int(next(v["id"] for v in api.v1("GET", "people/views") if not v["content_query"]))


def _note(api: Api) -> Any:
    api.v1("POST", "people/3/notes", expect=201, json={"text": "Ringt"})
    return api.v1("GET", "people/3/notes")[0]


def _bulk_preview(api: Api) -> Any:
    op = {
        "op": "person.get",
        "key": {"ext_id": "kontrakt-1"},
        "if_none": "create",
        "ops": [{"op": "person.setfields", "data": {"skostørrelse": 44}}],
    }
    return api.v1("POST", "bulk/preview", json={"ops": [op]})


def _bulk_log(api: Api) -> Any:
    op = {
        "op": "person.create",
        "ops": [{"op": "person.setfields", "data": {"first_name": "Bo", "last_name": "Bulk"}}],
    }
    return api.v1("POST", "bulk/execute", json={"ops": [op]})


def _oauth_token(api: Api) -> Any:
    z = api.zetkin
    redirect = "http://127.0.0.1:8765/callback"
    answer = requests.get(
        f"{z.url}/v1/oauth/authorize/",
        params={"client_id": z.client_id, "redirect_uri": redirect, "response_type": "code"},
        allow_redirects=False,
        timeout=10,
    )
    code = parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]
    basic = base64.b64encode(f"{z.client_id}:{z.client_secret}".encode()).decode()
    token = requests.post(
        f"{z.url}/v1/oauth/token/",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect},
        headers={"Authorization": f"Basic {basic}"},
        timeout=10,
    )
    assert token.status_code == 200
    return token.json()


def _visited_location(api: Api) -> Any:
    locations = api.v2("GET", "area_assignments/8/locations", params={"size": 100})
    return next(loc for loc in locations if loc["num_visits"])


def _household_visit(api: Api) -> Any:
    location = _visited_location(api)
    for household in api.v2("GET", f"locations/{location['id']}/households"):
        visits = api.v2("GET", f"area_assignments/8/households/{household['id']}/visits")
        if visits:
            return visits[0]
    raise AssertionError("no household visit in the demo seed")


def _location_visit(api: Api) -> Any:
    body = {"num_households_visited": 11, "metrics": [{"metric_id": 40, "num_yes": 5, "num_no": 3}]}
    return api.v2("POST", "area_assignments/8/locations/301/visits", expect=201, json=body)


FETCH: dict[str, Callable[[Api], Any]] = {
    "person": _person,
    "custom_field": _custom_field,
    "tag": _tag,
    "join_form": lambda api: api.v1("GET", "join_forms/1"),
    "join_submission": _accepted_submission,
    "call_assignment": lambda api: api.v1("GET", "call_assignments/4"),
    "call_assignment_stats": lambda api: api.v1("GET", "call_assignments/4/stats"),
    "caller": lambda api: api.v1("GET", "call_assignments/4/callers")[0],
    "call": _call,
    "action": lambda api: api.v1("GET", "actions/501"),
    "action_response": lambda api: api.v1("GET", "actions/501/responses")[0],
    "action_stats": lambda api: api.v1("GET", "actions/501/stats"),
    "view": lambda api: api.v1("GET", f"people/views/{_static_view(api)}"),
    "view_columns": lambda api: api.v1("GET", f"people/views/{_static_view(api)}/columns"),
    "view_rows": lambda api: api.v1("GET", f"people/views/{_static_view(api)}/rows"),
    "note": _note,
    "bulk_preview": _bulk_preview,
    "bulk_log": _bulk_log,
    "organization": lambda api: api.session.get(
        f"{api.zetkin.url}/v1/orgs/{api.zetkin.org_id}", timeout=10
    ).json()["data"],
    "sub_organization": lambda api: api.v1("GET", "sub_organizations")[0],
    "membership": lambda api: api.session.get(
        f"{api.zetkin.url}/v1/users/me/memberships", timeout=10
    ).json()["data"][0],
    "oauth_token": _oauth_token,
    "v2_area": lambda api: api.v2("GET", "areas/17"),
    "v2_area_assignment": lambda api: api.v2("GET", "area_assignments/8"),
    "v2_assignment_location": _visited_location,
    "v2_household": lambda api: api.v2("GET", "locations/301/households")[0],
    "v2_metric": lambda api: api.v2("GET", "area_assignments/8/metrics")[0],
    "v2_household_visit": _household_visit,
    "v2_location_visit": _location_visit,
    "v2_assignment_stats": lambda api: (
        _location_visit(api),
        api.v2("GET", "area_assignments/8/stats"),
    )[1],
    "v2_area_stats": lambda api: api.v2("GET", "areas/17/stats"),
    "v2_user": lambda api: api.v2("GET", "users")[0],
}


def assert_shape(example: Any, actual: Any, nullable: set[str], path: str = "") -> None:
    """Every key of ``example`` is in ``actual`` with a value of the same JSON type; a null in
    the example allows any value, a null in ``actual`` is allowed only for ``nullable`` keys."""
    where = path or "<root>"
    if isinstance(example, dict):
        assert isinstance(actual, dict), f"{where}: expected an object, got {actual!r}"
        for key, value in example.items():
            sub = f"{path}.{key}" if path else key
            assert key in actual, f"missing key {sub}"
            if value is None:
                continue
            if actual[key] is None:
                assert sub in nullable, f"{sub} is null, the reference shows {value!r}"
                continue
            assert_shape(value, actual[key], nullable, sub)
    elif isinstance(example, list):
        assert isinstance(actual, list), f"{where}: expected a list, got {actual!r}"
        if example and actual and isinstance(example[0], dict):
            assert_shape(example[0], actual[0], nullable, f"{path}[]")
    elif isinstance(example, bool):
        assert isinstance(actual, bool), f"{where}: expected a boolean, got {actual!r}"
    elif isinstance(example, int):
        assert isinstance(actual, int) and not isinstance(actual, bool), f"{where}: {actual!r}"
    elif isinstance(example, float):
        assert isinstance(actual, int | float) and not isinstance(actual, bool), where
    elif isinstance(example, str):
        assert isinstance(actual, str), f"{where}: expected a string, got {actual!r}"


def test_every_example_has_a_fetcher() -> None:
    assert set(FETCH) == set(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_stand_in_matches_reference_example(name: str, zetkin: ZetkinStandin) -> None:
    api = Api(zetkin)
    spec = EXAMPLES[name]
    actual = FETCH[name](api)
    example = spec["example"]
    if isinstance(example, list):
        assert actual, f"{name}: the stand-in returned an empty list"
    assert_shape(example, actual, set(spec["nullable"]))


def test_shape_check_catches_a_wrong_type() -> None:
    with pytest.raises(AssertionError):
        assert_shape({"id": 1, "is_user": False}, {"id": "1", "is_user": False}, set())
    with pytest.raises(AssertionError):
        assert_shape({"target": {"phone": "+47"}}, {"target": {}}, set())
