"""Replays gspread's recordings of the real Google API against the Sheets stand-in.

Each cassette is replayed in order on a freshly reset stand-in. Ids the stand-in assigns
(spreadsheet ids, sheet ids, protected/named range ids) are learned from the responses by
pairing them with the recorded ones, and substituted into later requests. An interaction
*matches* when the status code is the recorded one and the response has the recorded shape:
the same keys, the same JSON types, and the same values except where they cannot be
deterministic (timestamps, URLs holding ids, other files in the recording account's Drive).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

# gspread's recordings of the real Sheets API (MIT, see LICENSE.txt beside them).
CASSETTE_DIR = Path(__file__).resolve().parents[1] / "data" / "gspread-cassettes"

# Requests the stand-in does not serve, by design (sheets-api.md §2: out of scope).
UNREPLAYABLE = [
    (re.compile(r"/drive/v3/files/[^/?]+/export"), "Drive export (file download) is out of scope"),
    (re.compile(r"/drive/v3/files/[^/?]+/copy"), "Drive copy is out of scope"),
    (re.compile(r"/drive/v3/files/[^/?]+/permissions"), "Drive sharing/permissions out of scope"),
    (re.compile(r"/drive/v3/files/[^/?]+/comments"), "Drive comments are out of scope"),
    (re.compile(r"/upload/drive/v2/"), "Drive v2 upload (import_csv) is out of scope"),
    (re.compile(r":copyTo"), "sheets copyTo (copy between spreadsheets) is out of scope"),
]
# Whole cassettes whose recording depends on state the stand-in cannot have.
UNREPLAYABLE_CASSETTES = {
    "ClientTest.test_access_private_spreadsheet": (
        "needs another account's private spreadsheet (403 PERMISSION_DENIED)"
    ),
    "ClientTest.test_openall": (
        "opens every file in the recording account's Drive, which the replay never created"
    ),
    "ClientTest.test_open_all_has_metadata": (
        "opens every file in the recording account's Drive, which the replay never created"
    ),
}

# Values that differ between any two runs of the real API too.
VOLATILE_KEYS = {"createdTime", "modifiedTime", "spreadsheetUrl", "nextPageToken"}
ID_KEYS = {"spreadsheetId", "id", "sheetId", "protectedRangeId", "namedRangeId"}


@dataclass
class Outcome:
    cassette: str
    index: int
    method: str
    uri: str
    matched: bool
    problems: list[str] = field(default_factory=list)


@dataclass
class CassetteResult:
    name: str
    skipped: str | None = None
    outcomes: list[Outcome] = field(default_factory=list)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class Replayer:
    """Replays one cassette; ``ids`` maps recorded ids to the stand-in's."""

    def __init__(self, session: requests.Session) -> None:
        self.session = session
        self.ids: dict[Any, Any] = {}

    # -- requests -------------------------------------------------------------------------
    def _sub_text(self, text: str) -> str:
        for recorded, ours in self.ids.items():
            if isinstance(recorded, str) and len(recorded) > 10:
                text = text.replace(recorded, str(ours))
        return text

    def _sub_json(self, value: Any, key: str | None = None) -> Any:
        if isinstance(value, dict):
            return {k: self._sub_json(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self._sub_json(v, key) for v in value]
        if key in ID_KEYS and (key, value) in self.ids:
            return self.ids[(key, value)]
        if isinstance(value, str):
            return self._sub_text(value)
        return value

    def send(self, request: dict[str, Any]) -> requests.Response:
        uri = self._sub_text(request["uri"])
        body = request.get("body")
        headers = {}
        for name, values in (request.get("headers") or {}).items():
            if name.lower() == "content-type":
                headers["Content-Type"] = values[0]
        data: bytes | None = None
        if body:
            try:
                data = json.dumps(self._sub_json(json.loads(body))).encode()
            except ValueError:
                data = self._sub_text(body).encode()
        return self.session.request(request["method"], uri, data=data, headers=headers, timeout=30)

    # -- comparison -----------------------------------------------------------------------
    def _learn(self, key: str, recorded: Any, ours: Any, path: str, out: list[str]) -> None:
        slot = (key, recorded) if key in {"sheetId", "protectedRangeId", "namedRangeId"} else None
        if slot is not None:
            known = self.ids.get(slot)
            if known is None:
                self.ids[slot] = ours
            elif known != ours:
                out.append(f"{path}: id {recorded!r} maps to {known!r}, got {ours!r}")
            return
        if isinstance(recorded, str) and isinstance(ours, str):
            known = self.ids.get(recorded)
            if known is None:
                self.ids[recorded] = ours
            elif known != ours:
                out.append(f"{path}: id {recorded!r} maps to {known!r}, got {ours!r}")

    def compare(self, recorded: Any, ours: Any, path: str, out: list[str], key: str = "") -> None:
        if isinstance(recorded, dict):
            if not isinstance(ours, dict):
                out.append(f"{path}: expected an object, got {type(ours).__name__}")
                return
            missing = sorted(set(recorded) - set(ours))
            extra = sorted(set(ours) - set(recorded))
            if missing:
                out.append(f"{path}: missing keys {missing}")
            if extra:
                out.append(f"{path}: unexpected keys {extra}")
            for k in recorded:
                if k in ours:
                    self.compare(recorded[k], ours[k], f"{path}.{k}", out, k)
            return
        if isinstance(recorded, list):
            if not isinstance(ours, list):
                out.append(f"{path}: expected a list, got {type(ours).__name__}")
                return
            if path.endswith(".files") and not path.endswith("].files"):
                # Other files in the recording account's Drive: only the items' shape counts.
                if recorded and ours:
                    self.compare(recorded[0], ours[0], f"{path}[0]", out, "files")
                elif recorded:
                    out.append(f"{path}: expected files, got none")
                return
            if len(recorded) != len(ours):
                out.append(f"{path}: expected {len(recorded)} items, got {len(ours)}")
            for i, (r, o) in enumerate(zip(recorded, ours, strict=False)):
                self.compare(r, o, f"{path}[{i}]", out, key)
            return
        if _number(recorded) and _number(ours):
            if key in ID_KEYS:
                self._learn(key, recorded, ours, path, out)
            elif recorded != ours:
                out.append(f"{path}: expected {recorded!r}, got {ours!r}")
            return
        if type(recorded) is not type(ours):
            out.append(f"{path}: expected {type(recorded).__name__}, got {type(ours).__name__}")
            return
        if key in ID_KEYS:
            self._learn(key, recorded, ours, path, out)
        elif key in VOLATILE_KEYS or ".files[0]" in path:
            return
        elif recorded != ours:
            out.append(f"{path}: expected {recorded!r}, got {ours!r}")


def _body(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def unreplayable_reason(name: str, interactions: list[dict[str, Any]]) -> str | None:
    if name in UNREPLAYABLE_CASSETTES:
        return UNREPLAYABLE_CASSETTES[name]
    for interaction in interactions:
        uri = interaction["request"]["uri"]
        for pattern, reason in UNREPLAYABLE:
            if pattern.search(uri):
                return reason
    return None


def replay_cassette(path: Path, session: requests.Session) -> CassetteResult:
    data = json.loads(path.read_text(encoding="utf-8"))
    interactions = data["interactions"]
    result = CassetteResult(path.stem)
    reason = unreplayable_reason(path.stem, interactions)
    if reason:
        result.skipped = reason
        return result
    replayer = Replayer(session)
    for i, interaction in enumerate(interactions):
        request = interaction["request"]
        response = interaction["response"]
        recorded_status = int(response["status"]["code"])
        ours = replayer.send(request)
        problems: list[str] = []
        if ours.status_code != recorded_status:
            problems.append(f"status {ours.status_code}, recorded {recorded_status}")
        recorded_body = _body((response.get("body") or {}).get("string"))
        our_body = _body(ours.text)
        replayer.compare(recorded_body, our_body, "$", problems)
        result.outcomes.append(
            Outcome(path.stem, i, request["method"], request["uri"], not problems, problems)
        )
    return result
