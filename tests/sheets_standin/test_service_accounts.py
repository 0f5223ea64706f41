"""The Sheets stand-in knows a service account by its signed grant (issue 18): a spreadsheet
shared with the account's e-mail opens, one not shared answers Google's 403, an unknown id 404,
through the real google-auth grant and the bridge's own client factory."""

from __future__ import annotations

import base64
import json
import time

import pytest
import requests

from bridge.errors import ApiError
from bridge.workbook import DEFAULT_TABS
from config.settings import Secret, SheetsSettings, TabSettings
from connectors.sheets import Workbook
from connectors.sheets.factory import make_gspread_client
from sandbox.sheets import SheetsStandin, default_workbook_tabs
from sandbox.sheets.service_accounts import JWT_BEARER, fictional_key


def _workbook(standin: SheetsStandin, key: dict[str, str], sheet_id: str) -> Workbook:
    settings = SheetsSettings(base_url=standin.url, credentials=Secret(json.dumps(key)))
    tabs = {
        s.key: TabSettings(s.key, s.title, {f.key: f.header for f in s.fields})
        for s in DEFAULT_TABS
    }
    return Workbook(make_gspread_client(settings), sheet_id, tabs, retry_cap=1)


def test_a_sheet_shared_with_the_account_opens_and_others_answer_403_or_404(
    sheets_standin: SheetsStandin,
) -> None:
    key = fictional_key("styret@avdeling.iam.gserviceaccount.com")
    email = key["client_email"]
    shared = sheets_standin.create_spreadsheet(
        "Delt", default_workbook_tabs(), frozen_rows=1, shared_with=[email]
    )
    unshared = sheets_standin.create_spreadsheet("Ikke delt", {"Ark1": []}, shared_with=["x@y.z"])
    assert "Medlemmer" in _workbook(sheets_standin, key, shared).metadata()
    for sheet_id, status in ((unshared, 403), ("1NoSuchSpreadsheet00000000", 404)):
        with pytest.raises(ApiError) as caught:
            _workbook(sheets_standin, key, sheet_id).metadata()
        assert caught.value.status == status
    # another account's key is refused the shared sheet too
    other = fictional_key("annen@avdeling.iam.gserviceaccount.com")
    with pytest.raises(ApiError) as caught:
        _workbook(sheets_standin, other, shared).metadata()
    assert caught.value.status == 403


def _assertion(claims: dict[str, object]) -> str:
    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'RS256'})}.{part(claims)}.c2ln"


@pytest.mark.parametrize(
    ("claims", "error"),
    [
        ({"iss": "no-email", "scope": "s", "aud": "a", "exp": 2e9}, "invalid_grant"),
        ({"iss": "a@b.c", "aud": "a", "exp": 2e9}, "invalid_scope"),
        ({"iss": "a@b.c", "scope": "s", "aud": "a", "exp": time.time() - 60}, "invalid_grant"),
    ],
)
def test_a_grant_with_bad_claims_is_refused_as_google_does(
    sheets_standin: SheetsStandin, claims: dict[str, object], error: str
) -> None:
    session = requests.Session()
    session.trust_env = False
    answer = session.post(
        f"{sheets_standin.url}/token",
        data={"grant_type": JWT_BEARER, "assertion": _assertion(claims)},
        timeout=5,
    )
    assert answer.status_code == 400 and answer.json()["error"] == error
    garbage = session.post(
        f"{sheets_standin.url}/token",
        data={"grant_type": JWT_BEARER, "assertion": "not-a-jwt"},
        timeout=5,
    )
    assert garbage.status_code == 400
