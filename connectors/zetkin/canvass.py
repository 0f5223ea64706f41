"""v2 canvassing: areas, area assignments, metrics, locations, visits and stats.

Zetkin Core v2 (FastAPI) is a separate generation: ``{"data", "meta", …}`` envelopes, 1-based
``page``/``size`` paging (max 100) with ``meta.pagination.total``, and 422 ``{"detail": […]}``
validation errors (reference/zetkin-api.md sections 2.2 and 9.1).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from connectors.zetkin.records import (
    Area,
    AreaAssignment,
    AssignmentStats,
    Household,
    HouseholdVisit,
    Location,
    LocationVisit,
    Metric,
)

if TYPE_CHECKING:
    from connectors.zetkin.client import ZetkinClient

__all__ = ["CanvassResource"]

JSON = Any


def _items(pages: Any) -> list[Mapping[str, JSON]]:
    return [item for page in pages for item in page if isinstance(item, Mapping)]


def _one(data: JSON) -> Mapping[str, JSON]:
    return data if isinstance(data, Mapping) else {}


class CanvassResource:
    """Door-knocking data under ``/v2/orgs/{org}/…``."""

    def __init__(self, client: ZetkinClient) -> None:
        self.client = client

    def _all(
        self, suffix: str, params: Sequence[tuple[str, str | int]] = ()
    ) -> list[Mapping[str, JSON]]:
        return _items(self.client.v2_pages(suffix, params=params))

    # -- areas ------------------------------------------------------------------------------
    def areas(self) -> list[Area]:
        return [Area.from_json(raw) for raw in self._all("areas")]

    def create_area(
        self, title: str, boundary: Mapping[str, JSON], description: str | None = None
    ) -> Area:
        body = {"title": title, "boundary": dict(boundary), "description": description}
        return Area.from_json(_one(self.client.v2("POST", "areas", json=body)[0]))

    # -- area assignments -------------------------------------------------------------------
    def area_assignments(self, *, project_id: int | None = None) -> list[AreaAssignment]:
        suffix = (
            f"projects/{project_id}/area_assignments"
            if project_id is not None
            else "area_assignments"
        )
        return [AreaAssignment.from_json(raw) for raw in self._all(suffix)]

    def area_assignment(self, assignment_id: int) -> AreaAssignment:
        data, _ = self.client.v2("GET", f"area_assignments/{assignment_id}")
        return AreaAssignment.from_json(_one(data))

    def create_area_assignment(
        self, project_id: int, title: str, *, reporting_level: str = "household", **fields: JSON
    ) -> AreaAssignment:
        body = {"title": title, "reporting_level": reporting_level, **fields}
        data, _ = self.client.v2("POST", f"projects/{project_id}/area_assignments", json=body)
        return AreaAssignment.from_json(_one(data))

    def assignment_areas(self, assignment_id: int) -> list[Area]:
        return [Area.from_json(r) for r in self._all(f"area_assignments/{assignment_id}/areas")]

    def assign_user(self, assignment_id: int, area_id: int, user_id: int) -> None:
        """Assign a *user* (not a person) to an area of the assignment."""
        self.client.v2(
            "PUT", f"area_assignments/{assignment_id}/areas/{area_id}/assignees/{user_id}"
        )

    def metrics(self, assignment_id: int) -> list[Metric]:
        return [Metric.from_json(r) for r in self._all(f"area_assignments/{assignment_id}/metrics")]

    def create_metric(
        self, assignment_id: int, question: str, type: str = "bool", defines_success: bool = False
    ) -> Metric:
        body = {"question": question, "type": type, "defines_success": defines_success}
        data, _ = self.client.v2("POST", f"area_assignments/{assignment_id}/metrics", json=body)
        return Metric.from_json(_one(data))

    def stats(self, assignment_id: int) -> AssignmentStats:
        data, _ = self.client.v2("GET", f"area_assignments/{assignment_id}/stats")
        return AssignmentStats.from_json(_one(data))

    # -- locations, households, visits ----------------------------------------------------------
    def locations(
        self, *, assignment_id: int | None = None, within_area: int | None = None
    ) -> list[Location]:
        """Org locations, or an assignment's locations with their visit counts."""
        suffix = f"area_assignments/{assignment_id}/locations" if assignment_id else "locations"
        params: list[tuple[str, str | int]] = []
        if within_area is not None:
            params.append(("within_areas", within_area))
        return [Location.from_json(raw) for raw in self._all(suffix, params)]

    def households(self, location_id: int) -> list[Household]:
        return [Household.from_json(r) for r in self._all(f"locations/{location_id}/households")]

    def household_visits(self, assignment_id: int, household_id: int) -> list[HouseholdVisit]:
        suffix = f"area_assignments/{assignment_id}/households/{household_id}/visits"
        return [HouseholdVisit.from_json(raw) for raw in self._all(suffix)]

    def location_visits(self, assignment_id: int, location_id: int) -> list[LocationVisit]:
        suffix = f"area_assignments/{assignment_id}/locations/{location_id}/visits"
        return [LocationVisit.from_json(raw) for raw in self._all(suffix)]

    def add_location_visit(
        self,
        assignment_id: int,
        location_id: int,
        num_households_visited: int,
        metrics: Sequence[Mapping[str, JSON]] = (),
    ) -> LocationVisit:
        suffix = f"area_assignments/{assignment_id}/locations/{location_id}/visits"
        body = {"num_households_visited": num_households_visited, "metrics": list(metrics)}
        data, _ = self.client.v2("POST", suffix, json=body)
        return LocationVisit.from_json(_one(data))
