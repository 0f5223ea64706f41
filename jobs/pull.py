"""The cycle's one Zetkin pull: people (with the tags and custom fields the jobs read), the tag
list and join submissions, in a handful of requests whatever the org's size.

People come from the bridge's own view of the org (``client.people.pull``), checked against a
Smart Search count: a pull whose count disagrees, or whose rows could not be read for the people
(as many skipped as read), is marked incomplete, and the cycle holds with
:meth:`ZetkinPull.shortfall` instead of reading missing people as "gone" or ending "ok" with
nothing appended (never assume a pull is complete).
A malformed record is skipped and counted (``problems``, named by position, never by value).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bridge.members import JoinSubmission
from bridge.messages import t
from connectors.zetkin import ZetkinClient

__all__ = ["PeopleNeeds", "PulledPerson", "ZetkinPull", "pull_zetkin"]


@dataclass(frozen=True)
class PeopleNeeds:
    """What the jobs read of each person: tag titles and custom-field slugs.

    ``ref_field`` is the bridge-owned custom field that carries a create's idempotency ref.
    ``all_tags``: every tag of the org is pulled (a call round's rule may name any of them).
    """

    tags: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()
    ref_field: str | None = None
    joins: bool = False
    all_tags: bool = False

    @classmethod
    def union(cls, needs: Iterable[PeopleNeeds]) -> PeopleNeeds:
        tags: set[str] = set()
        fields: set[str] = set()
        ref: str | None = None
        joins = every = False
        for n in needs:
            tags |= n.tags
            fields |= n.fields
            ref = ref or n.ref_field
            joins = joins or n.joins
            every = every or n.all_tags
        return cls(frozenset(tags), frozenset(fields), ref, joins, every)

    @property
    def empty(self) -> bool:
        return not (self.tags or self.fields or self.joins or self.all_tags)


@dataclass(frozen=True)
class PulledPerson:
    """A person as the planners see them: text fields ("" when empty), custom values by slug,
    and the titles of the needed tags they carry."""

    id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    custom: Mapping[str, Any]
    tags: frozenset[str]

    def __repr__(self) -> str:  # no personal data in logs or tracebacks
        return f"PulledPerson(id={self.id})"


@dataclass(frozen=True)
class ZetkinPull:
    people: tuple[PulledPerson, ...] = ()
    joins: tuple[JoinSubmission, ...] = ()
    tag_ids: Mapping[str, int] = field(default_factory=dict)
    complete: bool = True
    problems: tuple[str, ...] = ()
    # idempotency ref -> person id, for people the bridge created (see jobs.zetkin_writes)
    refs: Mapping[str, int] = field(default_factory=dict)
    expected: int | None = None
    skipped: int = 0  # rows that could not be read for a person (malformed, or unfitting)

    def shortfall(self, lang: str = "nb") -> str | None:
        """Why this pull is not complete, in words and figures (no personal data), or None.
        The cycle holds on it whatever its jobs say (never assume a pull is complete)."""
        if self.complete:
            return None
        read = len(self.people)
        if self.expected is None:
            return t("pull.uncounted", lang, read=read)
        if self.skipped and self.skipped >= read:
            return t("pull.unreadable", lang, expected=self.expected, skipped=self.skipped)
        return t("pull.short", lang, expected=self.expected, read=read + self.skipped)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def pull_zetkin(client: ZetkinClient, needs: PeopleNeeds) -> ZetkinPull:
    """Pull what ``needs`` asks for; no request at all when nothing is needed."""
    if needs.empty:
        return ZetkinPull()
    tags = client.tags.by_title()
    tag_ids = {title: tag.id for title, tag in tags.items()}
    titles_wanted = set(tag_ids) if needs.all_tags else needs.tags
    wanted = {title: tag_ids[title] for title in titles_wanted if title in tag_ids}
    titles = {tid: title for title, tid in wanted.items()}
    # A field the org lacks (the ref field before the first create) reads as empty.
    slugs = sorted(needs.fields | ({needs.ref_field} if needs.ref_field else set()))
    result = client.people.pull(custom_fields=slugs, tag_ids=sorted(wanted.values()))
    people = []
    refs: dict[str, int] = {}
    for p in result.people:
        people.append(
            PulledPerson(
                id=p.id,
                first_name=_text(p.first_name),
                last_name=_text(p.last_name),
                email=_text(p.email),
                phone=_text(p.phone),
                custom=dict(p.custom),
                tags=frozenset(titles[t] for t in p.tag_ids if t in titles),
            )
        )
        ref = p.custom.get(needs.ref_field) if needs.ref_field else None
        if ref:
            refs[str(ref)] = p.id
    joins: tuple[JoinSubmission, ...] = ()
    if needs.joins:
        joins = tuple(
            JoinSubmission(
                id=s.id,
                first_name=s.person.first_name or "",
                last_name=s.person.last_name or "",
                email=s.person.email or "",
                phone=s.person.phone or "",
                submitted=s.submitted.isoformat() if s.submitted else "",
            )
            for s in client.join.pending()
        )
    return ZetkinPull(
        people=tuple(people),
        joins=joins,
        tag_ids=tag_ids,
        complete=result.complete,
        problems=tuple(result.problems),
        refs=refs,
        expected=result.expected,
        skipped=result.skipped,
    )
