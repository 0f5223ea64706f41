"""Zetkin Platform API client (v1 and the v2 canvassing API).

Build one per run with its own session and auth; read ``client.requests_made`` for the run record::

    client = ZetkinClient(requests.Session(), base_url, org_id, StaticTokenAuth(token))
    members = client.tags.people(client.tags.by_title()["Medlem"].id)
"""

from connectors.zetkin.auth import (
    MemoryTokenStore,
    OAuth2Auth,
    StaticTokenAuth,
    TokenPair,
    TokenStore,
    ZetkinAuth,
)
from connectors.zetkin.client import RequestCounter, ZetkinClient, filter_param
from connectors.zetkin.envelope import RELOGIN_HINT, ZetkinTransientError
from connectors.zetkin.factory import build_auth, build_client, oauth_auth
from connectors.zetkin.records import (
    Area,
    AreaAssignment,
    AssignmentStats,
    BulkLog,
    BulkPreview,
    BulkProblem,
    Call,
    CallAssignment,
    Caller,
    CallState,
    Campaign,
    CustomField,
    Event,
    EventResponse,
    Household,
    HouseholdVisit,
    JoinForm,
    JoinSubmission,
    Location,
    LocationVisit,
    Metric,
    Note,
    Organization,
    Participant,
    Person,
    PersonFields,
    Tag,
    View,
    ViewColumn,
    ViewRow,
)
from connectors.zetkin.resources import bulk_upsert_op
from connectors.zetkin.timeparse import parse_date, parse_time

__all__ = [
    "RELOGIN_HINT",
    "Area",
    "AreaAssignment",
    "AssignmentStats",
    "BulkLog",
    "BulkPreview",
    "BulkProblem",
    "Call",
    "CallAssignment",
    "CallState",
    "Caller",
    "Campaign",
    "CustomField",
    "Event",
    "EventResponse",
    "Household",
    "HouseholdVisit",
    "JoinForm",
    "JoinSubmission",
    "Location",
    "LocationVisit",
    "MemoryTokenStore",
    "Metric",
    "Note",
    "OAuth2Auth",
    "Organization",
    "Participant",
    "Person",
    "PersonFields",
    "RequestCounter",
    "StaticTokenAuth",
    "Tag",
    "TokenPair",
    "TokenStore",
    "View",
    "ViewColumn",
    "ViewRow",
    "ZetkinAuth",
    "ZetkinClient",
    "ZetkinTransientError",
    "build_auth",
    "build_client",
    "bulk_upsert_op",
    "filter_param",
    "oauth_auth",
    "parse_date",
    "parse_time",
]
