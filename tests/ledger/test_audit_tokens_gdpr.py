"""Audit entries, encrypted OAuth tokens, and one person's data (export and erasure)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from bridge.errors import ConfigError
from ledger import AuditIn, Ledger, Link, RowErrorIn
from ledger.models import OAuthToken
from tests.ledger.conftest import Clock


def _change(person: int, field: str, old: str, new: str, actor: str = "run:1") -> AuditIn:
    return AuditIn(
        actor=actor,
        branch="oslo",
        system="sheets",
        target=f"Medlemmer!{field}",
        field=field,
        old_value=old,
        new_value=new,
        zetkin_person_id=person,
    )


def test_audit_entries_are_added_in_bulk_and_read_newest_first(
    ledger: Ledger, clock: Clock
) -> None:
    assert ledger.add_audit([_change(1, "phone", "+47 40000001", "+47 40000002")]) == 1
    clock.advance(minutes=5)
    entries = [_change(i, "district", "Øst", "Vest", actor="run:2") for i in range(2, 502)]
    assert ledger.add_audit(entries) == 500
    assert ledger.count("audit_entries") == 501

    newest = ledger.recent_audit("oslo", limit=3)
    assert len(newest) == 3
    assert all(entry.actor == "run:2" and entry.at == clock.now for entry in newest)
    (first,) = ledger.recent_audit(actor="run:1")
    assert (first.system, first.field, first.old_value, first.new_value) == (
        "sheets",
        "phone",
        "+47 40000001",
        "+47 40000002",
    )
    assert ledger.recent_audit(zetkin_person_id=7)[0].zetkin_person_id == 7
    assert ledger.add_audit([]) == 0


def test_audit_refuses_an_unknown_system(ledger: Ledger) -> None:
    bad = AuditIn("run:1", "oslo", "excel", "x", None, None, None)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        ledger.add_audit([bad])


def test_tokens_are_stored_encrypted_and_decrypt(ledger: Ledger) -> None:
    key = Fernet.generate_key()
    expires = datetime(2026, 3, 1, 13, 0, tzinfo=UTC)
    payload = {"access_token": "tilgang-abc123-fiktiv", "refresh_token": "forny-xyz789-fiktiv"}
    ledger.put_token("zetkin:org:1", payload, key, expires)

    with ledger.engine.connect() as conn:
        raw = conn.execute(select(OAuthToken.token).where(OAuthToken.key == "zetkin:org:1")).one()[
            0
        ]
    assert b"tilgang-abc123" not in bytes(raw)
    assert b"forny-xyz789" not in bytes(raw)

    stored = ledger.get_token("zetkin:org:1", key)
    assert stored is not None
    assert stored.payload == payload
    assert stored.expires_at == expires
    assert ledger.get_token("zetkin:org:2", key) is None

    ledger.put_token("zetkin:org:1", {"access_token": "ny-fiktiv"}, key.decode())
    again = ledger.get_token("zetkin:org:1", key)
    assert again is not None and again.payload == {"access_token": "ny-fiktiv"}
    assert again.expires_at is None
    assert ledger.count("oauth_tokens") == 1


def test_a_wrong_or_broken_key_is_a_config_error_without_the_token(ledger: Ledger) -> None:
    ledger.put_token("zetkin:org:1", {"access_token": "tilgang-fiktiv"}, Fernet.generate_key())
    with pytest.raises(ConfigError) as wrong:
        ledger.get_token("zetkin:org:1", Fernet.generate_key())
    assert wrong.value.where == "ledger_key"
    assert "tilgang-fiktiv" not in str(wrong.value)
    with pytest.raises(ConfigError):
        ledger.put_token("zetkin:org:1", {}, "not-a-fernet-key")
    assert ledger.delete_token("zetkin:org:1")
    assert not ledger.delete_token("zetkin:org:1")


def _person_data(ledger: Ledger) -> None:
    ledger.save_links(
        "oslo",
        [Link(17, "17", {"first_name": "Fiktiv", "phone": "+47 40000017"}), Link(18, "18", {})],
    )
    ledger.add_audit(
        [
            _change(17, "phone", "+47 40000016", "+47 40000017"),
            _change(18, "phone", "+47 40000018", "+47 40000019"),
        ]
    )
    ledger.sync_row_errors(
        "oslo",
        "Medlemmer",
        [
            RowErrorIn("email.invalid", "E-post er ugyldig", row_key="17", cell="E5"),
            RowErrorIn("email.invalid", "E-post er ugyldig", row_key="18", cell="E6"),
        ],
    )


def test_export_person_returns_everything_held_about_them(ledger: Ledger) -> None:
    _person_data(ledger)
    export = ledger.export_person("oslo", 17)
    assert export.link == Link(17, "17", {"first_name": "Fiktiv", "phone": "+47 40000017"})
    assert [(a.field, a.new_value) for a in export.audit] == [("phone", "+47 40000017")]
    assert [(e.kind, e.cell) for e in export.row_errors] == [("email.invalid", "E5")]
    nobody = ledger.export_person("oslo", 99)
    assert (nobody.link, nobody.audit, nobody.row_errors) == (None, (), ())


def test_erase_person_removes_their_values_and_nobody_elses(ledger: Ledger) -> None:
    _person_data(ledger)
    report = ledger.erase_person("oslo", 17)
    assert (report.links_deleted, report.audit_entries_blanked, report.row_errors_deleted) == (
        1,
        1,
        1,
    )
    export = ledger.export_person("oslo", 17)
    assert export.link is None
    assert export.row_errors == ()
    assert [(a.field, a.old_value, a.new_value) for a in export.audit] == [("phone", None, None)]

    other = ledger.export_person("oslo", 18)
    assert other.link is not None
    assert other.audit[0].new_value == "+47 40000019"
    assert len(other.row_errors) == 1
