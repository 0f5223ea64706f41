"""The bridge's own shapes around Zetkin: a whole-org pull and bulk writes.

These are not parsed from Zetkin, so they are plain frozen dataclasses, not pydantic records:
the bridge builds them from values it has already checked (callers build them positionally),
and a pull makes 20,000 :class:`PulledPerson` per cycle from view rows
(:func:`connectors.zetkin.pull.parse_rows`), where validating again would cost time and buy
nothing (``python -m bench records`` shows the pull beside the record parsers). Import them from
:mod:`connectors.zetkin.records` or :mod:`connectors.zetkin`, as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from connectors.zetkin.model import EMPTY

__all__ = ["BulkOutcome", "PeoplePull", "PersonWrite", "PulledPerson"]

JSON = Any


@dataclass(frozen=True, repr=False)
class PulledPerson:
    """One person from :meth:`PeopleResource.pull`: the native fields the bridge syncs ("" when
    missing), the asked-for custom fields by slug (raw JSON) and the asked-for tags held."""

    id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    custom: Mapping[str, JSON] = field(default_factory=lambda: EMPTY, compare=False)
    tag_ids: frozenset[int] = frozenset()

    def __repr__(self) -> str:
        return f"PulledPerson(id={self.id!r})"  # the rest is personal data (INV-7)


@dataclass(frozen=True)
class PeoplePull:
    """Every person of the org, checked against Zetkin's own count.

    ``expected`` is the Smart Search count (``None`` when Zetkin gave none); ``problems`` are
    value-free texts for records that were skipped or had a field of the wrong shape;
    ``skipped`` counts the records left out because they could not be identified.
    """

    people: list[PulledPerson]
    expected: int | None
    problems: list[str] = field(default_factory=list)
    skipped: int = 0

    @property
    def unreadable(self) -> bool:
        """At least as many rows skipped as read: the rows could not be read for the people
        (every row failing is how a view changed under the pull looks), not a stray bad one."""
        return self.skipped > 0 and self.skipped >= len(self.people)

    @property
    def complete(self) -> bool:
        """True only when Zetkin's count is known, every counted person is accounted for
        (pulled, or skipped as malformed and named in ``problems``) and the skipped are a few
        among many: a pull cut short, or one whose rows could not be read, is not."""
        counted = self.expected is not None and len(self.people) + self.skipped == self.expected
        return counted and not self.unreadable


@dataclass(frozen=True, repr=False)
class PersonWrite:
    """One person's changes for :meth:`BulkResource.write`.

    ``person_id`` None is a create; its ``ref`` (the idempotency key) is written into the ref
    custom field in the same op, so a repeat or a lost answer can be found by it.
    """

    person_id: int | None
    fields: Mapping[str, JSON]
    add_tags: tuple[int, ...] = ()
    remove_tags: tuple[int, ...] = ()
    ref: str | None = None

    def __repr__(self) -> str:
        return f"PersonWrite(person_id={self.person_id!r}, ref={self.ref!r})"


@dataclass(frozen=True)
class BulkOutcome:
    """What :meth:`BulkResource.write` did: the created people's ids by ref, and how many
    HTTP requests it took (preview, execute, status polls, the ref read, tag removals)."""

    created: dict[str, int]
    requests: int
    missing_refs: tuple[str, ...] = ()
