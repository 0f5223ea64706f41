"""Paging as generators of pages, one per generation of the API.

v1: ``?p=<0-based page>&pp=<per page>``, no total and no next link, so we page until a page comes
back short or empty (reference/zetkin-api.md section 2.1; the app pages ``outgoing_calls`` from
``p=0``). A full last page therefore costs one more request that returns ``[]``.

v2: ``?page=<1-based>&size=<max 100>`` with ``meta.pagination.total``; we stop on a short page or
once ``total`` items have been seen, whichever comes first (section 2.2).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from bridge.errors import PermanentApiError

__all__ = ["V2_MAX_SIZE", "v1_pages", "v2_pages"]

JSON = Any
V2_MAX_SIZE = 100


def _first_id(page: Sequence[JSON]) -> object:
    return page[0].get("id") if page and isinstance(page[0], Mapping) else None


def v1_pages(
    fetch: Callable[[int, int], JSON], page_size: int, *, where: str = "Zetkin"
) -> Iterator[list[JSON]]:
    """Yield the non-empty pages ``fetch(p, pp)`` returns, stopping after a short page.

    A page longer than ``pp`` means the server ignored ``pp`` and sent everything, so it is the
    last page. A server that ignores ``p`` would send the same page forever: an identical page
    ends the paging (we already have it all), a page that starts with the previous page's first
    item but differs is reported as an error rather than guessed at.
    """
    if page_size < 1:
        raise ValueError("page_size must be at least 1")
    page_no = 0
    previous: list[JSON] = []
    while True:
        data = fetch(page_no, page_size)
        page = list(data) if isinstance(data, list) else []
        first = _first_id(page)
        if page_no > 0 and first is not None and first == _first_id(previous):
            if page == previous:
                return
            raise PermanentApiError(
                f"Zetkin returned an overlapping page (p={page_no}); paging is not honoured",
                where=where,
            )
        if page:
            yield page
        if len(page) != page_size:
            return
        previous = page
        page_no += 1


def v2_pages(
    fetch: Callable[[int, int], tuple[JSON, Mapping[str, JSON]]],
    size: int = V2_MAX_SIZE,
) -> Iterator[list[JSON]]:
    """Yield the non-empty pages of a v2 collection; ``fetch(page, size)`` returns (data, meta)."""
    size = max(1, min(size, V2_MAX_SIZE))
    page_no = 1
    seen = 0
    while True:
        data, meta = fetch(page_no, size)
        page = list(data) if isinstance(data, list) else []
        if page:
            yield page
        seen += len(page)
        pagination = meta.get("pagination") if isinstance(meta, Mapping) else None
        total = pagination.get("total") if isinstance(pagination, Mapping) else None
        if len(page) < size or (isinstance(total, int) and seen >= total):
            return
        page_no += 1
