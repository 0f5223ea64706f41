"""Acceptance: a script using only ``requests`` and the printed token lists, creates, tags."""

from __future__ import annotations

import requests

from sandbox.zetkin import ZetkinStandin


def test_list_create_and_tag_with_plain_requests(zetkin: ZetkinStandin) -> None:
    session = requests.Session()
    session.trust_env = False
    session.headers["Authorization"] = f"Bearer {zetkin.token}"
    base = f"{zetkin.url}/v1/orgs/{zetkin.org_id}"

    listed = session.get(f"{base}/people", params={"p": 0, "pp": 100}, timeout=10)
    assert listed.status_code == 200
    page = listed.json()["data"]
    assert len(page) == 100
    assert {"id", "first_name", "last_name", "phone", "innmeldt", "bydel"} <= set(page[0])

    created = session.post(
        f"{base}/people",
        json={"first_name": "Åsne", "last_name": "Prøvesen", "phone": "+47 912 34 567"},
        timeout=10,
    )
    assert created.status_code == 201
    person = created.json()["data"]
    assert person["first_name"] == "Åsne" and person["bydel"] is None

    tags = session.get(f"{base}/people/tags", timeout=10).json()["data"]
    member = next(t for t in tags if t["title"] == "Medlem")
    tagged = session.put(f"{base}/people/{person['id']}/tags/{member['id']}", timeout=10)
    assert tagged.status_code == 200
    assert tagged.json()["data"]["id"] == member["id"]

    applied = session.get(f"{base}/people/{person['id']}/tags", timeout=10).json()["data"]
    assert [t["title"] for t in applied] == ["Medlem"]
    carrying = session.get(f"{base}/people/tags/{member['id']}/people", timeout=10).json()["data"]
    assert person["id"] in {p["id"] for p in carrying}


def test_requests_without_a_token_are_refused(zetkin: ZetkinStandin) -> None:
    answer = requests.get(f"{zetkin.url}/v1/orgs/{zetkin.org_id}/people", timeout=10)
    assert answer.status_code == 401
    assert answer.json()["error"]["title"] == "401 Unauthorized"
