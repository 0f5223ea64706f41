"""Pins for the default workbook's field lookup."""

from __future__ import annotations

import pytest

from bridge.workbook import default_tab


def test_field_is_found_by_its_key() -> None:
    spec = default_tab("members").field("phone")
    assert (spec.key, spec.header) == ("phone", "Telefon")


def test_unknown_field_is_a_key_error_naming_the_key() -> None:
    with pytest.raises(KeyError) as caught:
        default_tab("members").field("fax")
    assert caught.value.args == ("fax",)
