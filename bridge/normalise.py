"""Normalisation of the values both systems hold, so that equal things compare equal.

The board types "912 34 567" where Zetkin stores "+4791234567"; "Ola@Example.NO " and
"ola@example.no" are the same address; "Bjørn Ødegård-Aasen" and "bjorn odegard aasen" are the
same name. Every comparison in reconciliation goes through these functions, and each value is
normalised once per run.

Sheet values are parsed *strictly* (a bad value is a typed :class:`Problem` the board must fix);
Zetkin values are normalised *leniently* (Zetkin is the other system of record: whatever it holds
is data and is kept, including text that starts with ``=``, ``+``, ``-`` or ``@``: the sheet
adapter writes values RAW and nothing here ever evaluates them).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

from bridge.messages import field_label, t

__all__ = [
    "NO",
    "YES",
    "Problem",
    "clean_text",
    "district_lookup",
    "fold_name",
    "normalise_district",
    "normalise_email",
    "normalise_phone",
    "parse_yes_no",
    "yes_no",
    "zetkin_email",
    "zetkin_phone",
]

YES = "Ja"
NO = "Nei"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the board must fix in one cell before the row is synced.

    ``code`` is one of ``invalid_phone``, ``invalid_email``, ``unknown_district``,
    ``invalid_yes_no``, ``invalid_id``, ``duplicate``; ``value`` is the text as typed (shown back
    so the board can find it); ``row`` is the earlier row for a duplicate.
    """

    code: str
    field: str
    value: str = ""
    row: int = 0

    # Any other default language falls back to bokmål in t(), so the default is not mutated.
    def message(self, lang: str = "nb") -> str:  # pragma: no mutate
        """The status text for this problem, in the board's language."""
        if self.code == "duplicate":
            return t("problem.duplicate", lang, row=self.row)
        if self.code == "invalid_yes_no":
            return t(
                "problem.invalid_yes_no", lang, field=field_label(self.field), value=self.value
            )
        return t(f"problem.{self.code}", lang, value=self.value)

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "field": self.field, "value": self.value, "row": self.row}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Problem:
        return cls(str(data["code"]), str(data["field"]), str(data["value"]), int(str(data["row"])))


def clean_text(raw: str) -> str:
    """Trim and collapse inner whitespace (a name typed with a double space is the same name)."""
    return " ".join(raw.split())


# --- phones ---------------------------------------------------------------------------------

# What may appear in a phone number as typed: digits, a leading plus, spacing and punctuation.
# Anything else ("n/a", letters) is not a phone number, whatever phonenumbers would make of it
# (it maps letters to digits for vanity numbers).
_PHONE_CHARS = re.compile(r"^[0-9+\s().\-/]*[0-9][0-9+\s().\-/]*$")
_E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")


@lru_cache(maxsize=1 << 16)
def _parse_phone(raw: str, region: str) -> str | None:
    if not _PHONE_CHARS.match(raw):
        return None
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_phone(raw: str, region: str = "NO") -> tuple[str, Problem | None]:
    """A sheet phone in E.164 (``""`` for an empty cell), or the problem with it.

    Norwegian forms ("91234567", "912 34 567", "+47 912 34 567", "0047…", "00 47 …", dashed)
    all become "+4791234567"; foreign numbers with their country code are kept.
    """
    text = raw.strip()
    if not text:
        return "", None
    parsed = _parse_phone(text, region)
    if parsed is None:
        return text, Problem("invalid_phone", "phone", text)
    return parsed, None


def zetkin_phone(raw: str | None, region: str = "NO") -> str:
    """A Zetkin phone in E.164 when it parses; otherwise the stored text, kept as data."""
    text = (raw or "").strip()
    if not text or _E164.match(text):
        return text
    return _parse_phone(text, region) or text


# --- e-mail ---------------------------------------------------------------------------------


def zetkin_email(raw: str | None) -> str:
    """Trimmed and case-folded: the form in which e-mail addresses are compared and stored."""
    return (raw or "").strip().casefold()


def normalise_email(raw: str) -> tuple[str, Problem | None]:
    """A sheet e-mail, trimmed and case-folded, or the problem with it.

    Deliberately loose (one ``@``, something before it, a dot inside the domain, no spaces):
    the point is to catch typing slips, not to second-guess real addresses.
    """
    text = zetkin_email(raw)
    if not text:
        return "", None
    local, at, domain = text.partition("@")
    ok = (
        at
        and local
        and "@" not in domain
        and "." in domain.strip(".")
        and not any(ch.isspace() for ch in text)
    )
    if not ok:
        return text, Problem("invalid_email", "email", raw.strip())
    return text, None


# --- names ----------------------------------------------------------------------------------

_FOLD_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss", "-": " ", "‐": " "})


_DIGRAPHS = (("aa", "a"), ("ae", "a"), ("oe", "o"))


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    text = text.casefold().translate(_FOLD_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Then fold the digraphs too, so "Bjørn", "Bjoern" and "Bjorn" meet in "bjorn" (and
    # "Ødegård", "Oedegaard", "Odegard" in "odegard"): names are a weak signal only.
    for digraph, letter in _DIGRAPHS:
        stripped = stripped.replace(digraph, letter)
    return " ".join(stripped.replace(".", " ").split())


def fold_name(*parts: str) -> str:
    """A name folded for matching only (never written anywhere).

    Case, accents, æ/ø/å against ae/oe/aa (and against a bare a/o), and hyphens in double
    surnames all fold away, so "Bjørn Ødegård-Aasen" and "bjorn odegard aasen" compare equal.
    """
    return _fold(" ".join(parts))


# --- yes/no ---------------------------------------------------------------------------------

_YES_WORDS = frozenset({"ja", "j", "yes", "y", "x", "true", "sant", "1", "✓", "✔", "ok"})
_NO_WORDS = frozenset({"", "nei", "n", "no", "false", "usant", "0", "-"})


def yes_no(value: bool) -> str:
    """The sheet's spelling of a yes/no value (the column's validation accepts Ja/Nei)."""
    return YES if value else NO


def parse_yes_no(raw: str, field: str) -> tuple[str, Problem | None]:
    """A yes/no cell as ``"Ja"``/``"Nei"`` (an empty cell is no), or the problem with it."""
    word = raw.strip().casefold().rstrip("!.")
    if word in _YES_WORDS:
        return YES, None
    if word in _NO_WORDS:
        return NO, None
    return NO, Problem("invalid_yes_no", field, raw.strip())


# --- districts ------------------------------------------------------------------------------


def district_lookup(districts: Iterable[str]) -> dict[str, str]:
    """Folded district name -> the configured spelling, built once per run."""
    return {clean_text(d).casefold(): clean_text(d) for d in districts}


def normalise_district(raw: str, lookup: Mapping[str, str]) -> tuple[str, Problem | None]:
    """The configured spelling of a district (case-insensitive), or the problem with it.

    With no configured list every value is accepted as typed (tidied).
    """
    text = clean_text(raw)
    if not text:
        return "", None
    if not lookup:
        return text, None
    canonical = lookup.get(text.casefold())
    if canonical is None:
        return text, Problem("unknown_district", "district", text)
    return canonical, None
