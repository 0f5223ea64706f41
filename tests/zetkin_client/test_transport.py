"""Real HTTP against the Zetkin stand-in: paging, filters, retries, token refresh."""

from __future__ import annotations

import time

import pytest
import requests

from bridge.errors import PermanentApiError, PermanentError, TransientApiError
from connectors.zetkin import (
    RELOGIN_HINT,
    MemoryTokenStore,
    OAuth2Auth,
    TokenPair,
    ZetkinClient,
    ZetkinTransientError,
    filter_param,
)
from tests.zetkin_client.conftest import MakeClient, StandIn


def _oauth(standin: StandIn, store: MemoryTokenStore) -> OAuth2Auth:
    session = requests.Session()
    session.trust_env = False
    return OAuth2Auth(
        f"{standin.url}/v1/oauth/token/",
        standin.client_id,
        standin.client_secret,
        store,
        session=session,
        timeout=10,
    )


def _minted_store(standin: StandIn) -> MemoryTokenStore:
    return MemoryTokenStore(TokenPair.from_token_response(standin.control.call("token", {})))


def test_paging_2500_people_takes_26_requests_and_misses_nobody(
    standin: StandIn, make_client: MakeClient
) -> None:
    standin.control.call("seed", {"kind": "demo", "size": 2500})
    expected = standin.control.call("state")["people"]
    assert expected == 2500
    standin.control.clear_log()
    client = make_client(page_size=100)

    ids = [person.id for person in client.people.iterate()]

    assert len(ids) == 2500 and len(set(ids)) == 2500
    log = standin.control.requests()
    assert len(log) == 26 and standin.control.counters()["total"] == 26
    assert [r["query"].count("pp=100") for r in log] == [1] * 26
    assert client.requests_made.total == 26
    assert client.requests_made.by_family == {"people": 26}


def test_filter_query_sends_repeated_filters(standin: StandIn, client: ZetkinClient) -> None:
    everyone = client.people.list()
    bydel = next(p.custom["bydel"] for p in everyone if p.custom.get("bydel"))
    someone = next(p for p in everyone if p.custom.get("bydel") == bydel and p.last_name)
    standin.control.clear_log()

    found = client.people.list(
        filters=[
            filter_param("bydel", "==", bydel),
            filter_param("last_name", "==", someone.last_name),
        ]
    )

    assert someone.id in {p.id for p in found}
    assert all(p.custom["bydel"] == bydel and p.last_name == someone.last_name for p in found)
    assert len(found) < len(everyone)
    query = standin.control.requests()[0]["query"]
    assert query.count("filter=") == 2


def test_token_expiry_mid_paging_refreshes_once_and_completes(
    standin: StandIn, make_client: MakeClient
) -> None:
    store = _minted_store(standin)
    first = store.get()
    auth = _oauth(standin, store)
    client = make_client(auth, page_size=50)
    expected = standin.control.call("state")["people"]

    ids: list[int] = []
    for number, page in enumerate(client.people.pages()):
        ids += [p.id for p in page]
        if number == 2:
            standin.control.call("expire_tokens")

    assert len(ids) == expected == len(set(ids))
    assert auth.refreshes == 1
    after = store.get()
    assert first is not None and after is not None and after.access_token != first.access_token
    statuses = [r["status"] for r in standin.control.requests() if r["path"].endswith("/people")]
    assert statuses.count(401) == 1


def test_refused_refresh_stops_with_relogin_hint(standin: StandIn, make_client: MakeClient) -> None:
    store = _minted_store(standin)
    pair = store.get()
    assert pair is not None
    store.put(TokenPair(pair.access_token, "not-a-valid-refresh-token"))
    client = make_client(_oauth(standin, store))
    standin.control.call("expire_tokens")

    with pytest.raises(PermanentError) as caught:
        client.people.list()
    assert caught.value.hint == RELOGIN_HINT
    # one 401 and one refused refresh: no retry loop
    assert len(standin.control.requests()) == 2


def test_static_token_that_expires_fails_permanently_with_relogin_hint(
    standin: StandIn, client: ZetkinClient
) -> None:
    standin.control.call("expire_tokens")
    with pytest.raises(PermanentApiError) as caught:
        client.tags.list()
    assert caught.value.status == 401 and caught.value.hint == RELOGIN_HINT
    assert len(standin.control.requests()) == 1


def test_429_twice_then_success_honours_retry_after(standin: StandIn, client: ZetkinClient) -> None:
    standin.control.inject(429, times=2, retry_after=0.2, path="/people/tags")
    started = time.monotonic()

    tags = client.tags.list()

    assert tags
    assert time.monotonic() - started >= 0.4
    statuses = [r["status"] for r in standin.control.requests()]
    assert statuses == [429, 429, 200]
    assert client.requests_made.total == 3 and client.requests_made.retries == 2


def test_500_forever_gives_up_within_its_cap(standin: StandIn, make_client: MakeClient) -> None:
    client = make_client(retry_cap=1.0, backoff_base=0.05, backoff_max=0.3)
    standin.control.inject(500, path="/people/tags")
    started = time.monotonic()

    with pytest.raises(TransientApiError) as caught:
        client.tags.list()

    assert time.monotonic() - started < 1.5
    assert caught.value.status == 500
    assert len(standin.control.requests()) >= 3


def test_other_4xx_is_not_retried(standin: StandIn, client: ZetkinClient) -> None:
    with pytest.raises(PermanentApiError) as caught:
        client.people.create({"first_name": "Uten Etternavn"})
    assert caught.value.status == 400
    assert len(standin.control.requests()) == 1


def test_create_is_not_repeated_after_a_5xx(standin: StandIn, client: ZetkinClient) -> None:
    before = standin.control.call("state")["people"]
    standin.control.inject(500, times=1, method="POST", path="/people$")
    with pytest.raises(TransientApiError):
        client.people.create({"first_name": "Test", "last_name": "Testesen"})
    assert len(standin.control.requests()) == 1
    assert standin.control.call("state")["people"] == before


def test_dropped_connection_on_read_is_retried(standin: StandIn, client: ZetkinClient) -> None:
    standin.control.inject(kind="drop", times=1, method="GET", path="/people/tags")
    assert client.tags.list()
    assert client.requests_made.retries == 1


def test_delete_applied_then_dropped_is_retried_and_succeeds(
    standin: StandIn, client: ZetkinClient
) -> None:
    person = next(client.people.iterate(page_size=5))
    tag = client.tags.by_title()["Vil ringe"]
    client.tags.assign(person.id, tag.id)
    standin.control.inject(kind="drop", times=1, method="DELETE", path="/tags/")

    client.tags.remove(person.id, tag.id)

    assert tag.id not in {t.id for t in client.people.tags(person.id)}
    assert [r["method"] for r in standin.control.requests()].count("DELETE") == 2


def test_create_applied_then_dropped_is_not_repeated(
    standin: StandIn, client: ZetkinClient
) -> None:
    before = standin.control.call("state")["people"]
    standin.control.inject(kind="drop", times=1, method="POST", path="/people$")
    with pytest.raises(ZetkinTransientError) as caught:
        client.people.create({"first_name": "Dropp", "last_name": "Testesen"})
    assert caught.value.may_have_applied
    assert standin.control.call("state")["people"] == before + 1
    assert [r["method"] for r in standin.control.requests()].count("POST") == 1
