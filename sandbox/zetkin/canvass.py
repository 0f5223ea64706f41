"""v2 canvassing: areas, area assignments, assignees, metrics, locations, households, visits,
stats, org users (reference §9.1, envelope and paging §2.2).

Validation failures answer FastAPI's ``422 {"detail": [{loc, msg, type}]}``. The household
visit POST answers 200 because the v2 spec says so (reference §9.1); the other creates 201.
"""

from __future__ import annotations

from typing import Any

from sandbox.zetkin.state import Store, now_z
from sandbox.zetkin.web import (
    ApiError,
    Reply,
    Request,
    Router,
    V2Error,
    body_detail,
    v2_item,
    v2_list,
)

__all__ = ["inside", "register"]

V2 = "/v2/orgs/{org}"


def inside(lng: float, lat: float, ring: list[list[float]]) -> bool:
    """Ray casting; ``ring`` holds GeoJSON [longitude, latitude] pairs."""
    hit = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lng < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            hit = not hit
        j = i
    return hit


def _required(body: dict[str, Any], *names: str) -> None:
    details = [body_detail(n, "Field required") for n in names if body.get(n) in (None, "")]
    if details:
        raise V2Error(422, details)


def _check(condition: bool, name: str, msg: str, type_: str = "value_error") -> None:
    if not condition:
        raise V2Error(422, [body_detail(name, msg, type_)])


def register(r: Router, store: Store) -> None:
    s = store

    def get(table: dict[int, Any], key: int) -> dict[str, Any]:
        if key not in table:
            raise ApiError(404, "Not Found")
        item: dict[str, Any] = table[key]
        return item

    def body_of(req: Request) -> dict[str, Any]:
        try:
            body = req.json({})
        except ApiError:
            raise V2Error(422, [body_detail("body", "JSON decode error", "json_invalid")]) from None
        if not isinstance(body, dict):
            raise V2Error(422, [body_detail("body", "Input should be an object", "dict_type")])
        return body

    def patch(table: dict[int, Any], key: int, req: Request, keys: set[str]) -> Reply:
        item = get(table, key)
        body = body_of(req)
        for name in set(body) - keys:
            raise V2Error(
                422, [body_detail(name, "Extra inputs are not permitted", "extra_forbidden")]
            )
        item.update(body)
        return v2_item(item)

    def delete(table: dict[int, Any]) -> Any:
        def handler(req: Request, **args: int) -> Reply:
            key = list(args.values())[-1]
            get(table, key)
            del table[key]
            return Reply(204)

        return handler

    def creator() -> dict[str, Any]:
        return {"created": now_z(), "created_by_user_id": s.me["id"]}

    # -- areas ----------------------------------------------------------------------------
    def valid_boundary(boundary: Any) -> bool:
        return (
            isinstance(boundary, dict)
            and boundary.get("type") == "Polygon"
            and isinstance(boundary.get("coordinates"), list)
            and bool(boundary["coordinates"])
            and all(
                isinstance(pt, list)
                and len(pt) == 2
                and all(isinstance(c, int | float) for c in pt)
                for pt in boundary["coordinates"][0]
            )
            and len(boundary["coordinates"][0]) >= 4
        )

    def create_area(req: Request) -> Reply:
        body = body_of(req)
        _required(body, "title", "boundary")
        _check(valid_boundary(body["boundary"]), "boundary", "Input should be a GeoJSON Polygon")
        aid = s.next_id("area")
        s.areas[aid] = {
            "id": aid,
            "title": body["title"],
            "description": body.get("description"),
            "organization_id": s.org_id,
            "boundary": body["boundary"],
            **creator(),
        }
        return v2_item(s.areas[aid], 201)

    def locations_in(area_ids: set[int]) -> list[dict[str, Any]]:
        rings = [s.areas[a]["boundary"]["coordinates"][0] for a in area_ids if a in s.areas]
        return [
            loc
            for loc in s.map_locations.values()
            if any(inside(loc["longitude"], loc["latitude"], ring) for ring in rings)
        ]

    def area_stats(req: Request, area: int) -> Reply:
        get(s.areas, area)
        locs = {loc["id"] for loc in locations_in({area})}
        households = {h["id"] for h in s.households.values() if h["location_id"] in locs}
        hh_visits = [v for v in s.household_visits.values() if v["household_id"] in households]
        loc_visits = [v for v in s.location_visits.values() if v["location_id"] in locs]
        visited_locs = {s.households[v["household_id"]]["location_id"] for v in hh_visits}
        visited_locs |= {v["location_id"] for v in loc_visits}
        return v2_item(
            {
                "id": area,
                "area_id": area,
                "count_households": len(households),
                "count_locations": len(locs),
                "count_unique_households_visited": len({v["household_id"] for v in hh_visits}),
                "count_unique_locations_visited": len(visited_locs),
                "sum_visits": len(hh_visits) + len(loc_visits),
                "sum_successful_visits": sum(1 for v in hh_visits if successful(v)),
            }
        )

    area_keys = {"title", "description", "boundary"}
    r.add("GET", V2 + "/areas", "v2.areas.list", lambda req: v2_list(req, s.areas.values()))
    r.add("POST", V2 + "/areas", "v2.areas.create", create_area)
    r.add(
        "GET", V2 + "/areas/{area}", "v2.areas.get", lambda req, area: v2_item(get(s.areas, area))
    )
    r.add(
        "PATCH",
        V2 + "/areas/{area}",
        "v2.areas.patch",
        lambda req, area: patch(s.areas, area, req, area_keys),
    )
    r.add("DELETE", V2 + "/areas/{area}", "v2.areas.delete", delete(s.areas))
    r.add(
        "GET",
        V2 + "/areas/{area}/locations",
        "v2.areas.locations",
        lambda req, area: v2_list(req, locations_in({get(s.areas, area)["id"]})),
    )
    r.add("GET", V2 + "/areas/{area}/stats", "v2.areas.stats", area_stats)

    # -- locations and households ---------------------------------------------------------
    def list_locations(req: Request) -> Reply:
        items = list(s.map_locations.values())
        kind = req.arg("type")
        if kind is not None:
            _check(
                kind in ("event", "assignment"), "type", "Input should be 'event' or 'assignment'"
            )
            items = [loc for loc in items if loc["type"] == kind]
        within = req.arg("within_areas")
        if within:
            try:
                area_ids = {int(x) for x in within.split(",")}
            except ValueError:
                raise V2Error(
                    422,
                    [
                        {
                            "loc": ["query", "within_areas"],
                            "msg": "Input should be a valid integer",
                            "type": "int_parsing",
                        }
                    ],
                ) from None
            wanted = {loc["id"] for loc in locations_in(area_ids)}
            items = [loc for loc in items if loc["id"] in wanted]
        return v2_list(req, items)

    def create_location(req: Request) -> Reply:
        body = body_of(req)
        _required(body, "title", "latitude", "longitude", "type")
        _check(
            body["type"] in ("event", "assignment"),
            "type",
            "Input should be 'event' or 'assignment'",
        )
        for name in ("latitude", "longitude"):
            _check(
                isinstance(body[name], int | float),
                name,
                "Input should be a valid number",
                "float_type",
            )
        lid = s.next_id("map_location")
        s.map_locations[lid] = {
            "id": lid,
            "title": body["title"],
            "description": body.get("description") or "",
            "latitude": float(body["latitude"]),
            "longitude": float(body["longitude"]),
            "organization_id": s.org_id,
            "type": body["type"],
            "num_estimated_households": int(body.get("num_estimated_households") or 0),
            "num_known_households": 0,
            **creator(),
        }
        return v2_item(s.map_locations[lid], 201)

    def create_household(req: Request, loc: int) -> Reply:
        get(s.map_locations, loc)
        body = body_of(req)
        _required(body, "title", "level")
        _check(
            isinstance(body["level"], int), "level", "Input should be a valid integer", "int_type"
        )
        hid = s.next_id("household")
        s.households[hid] = {
            "id": hid,
            "location_id": loc,
            "title": str(body["title"]),
            "level": body["level"],
            **creator(),
        }
        s.map_locations[loc]["num_known_households"] += 1
        return v2_item(s.households[hid], 201)

    def household(loc: int, hh: int) -> dict[str, Any]:
        item = get(s.households, hh)
        if item["location_id"] != loc:
            raise ApiError(404, "Not Found")
        return item

    loc_keys = {"title", "description", "latitude", "longitude", "num_estimated_households"}
    r.add("GET", V2 + "/locations", "v2.locations.list", list_locations)
    r.add("POST", V2 + "/locations", "v2.locations.create", create_location)
    r.add(
        "GET",
        V2 + "/locations/{loc}",
        "v2.locations.get",
        lambda req, loc: v2_item(get(s.map_locations, loc)),
    )
    r.add(
        "PATCH",
        V2 + "/locations/{loc}",
        "v2.locations.patch",
        lambda req, loc: patch(s.map_locations, loc, req, loc_keys),
    )
    r.add("DELETE", V2 + "/locations/{loc}", "v2.locations.delete", delete(s.map_locations))
    r.add(
        "GET",
        V2 + "/locations/{loc}/households",
        "v2.households.list",
        lambda req, loc: v2_list(
            req,
            [
                h
                for h in s.households.values()
                if h["location_id"] == get(s.map_locations, loc)["id"]
            ],
        ),
    )
    r.add("POST", V2 + "/locations/{loc}/households", "v2.households.create", create_household)
    r.add(
        "GET",
        V2 + "/locations/{loc}/households/{hh}",
        "v2.households.get",
        lambda req, loc, hh: v2_item(household(loc, hh)),
    )
    r.add(
        "PATCH",
        V2 + "/locations/{loc}/households/{hh}",
        "v2.households.patch",
        lambda req, loc, hh: (household(loc, hh), patch(s.households, hh, req, {"title", "level"}))[
            1
        ],
    )
    r.add(
        "DELETE",
        V2 + "/locations/{loc}/households/{hh}",
        "v2.households.delete",
        delete(s.households),
    )

    # -- area assignments ---------------------------------------------------------------------
    def create_assignment(req: Request, project: int) -> Reply:
        if project not in s.campaigns:
            raise ApiError(404, "Not Found")
        body = body_of(req)
        _required(body, "title", "reporting_level")
        _check(
            body["reporting_level"] in ("location", "household"),
            "reporting_level",
            "Input should be 'location' or 'household'",
            "enum",
        )
        aid = s.next_id("area_assignment")
        s.area_assignments[aid] = {
            "id": aid,
            "organization_id": s.org_id,
            "project_id": project,
            "title": body["title"],
            "instructions": body.get("instructions") or "",
            "start_date": body.get("start_date"),
            "end_date": body.get("end_date"),
            "reporting_level": body["reporting_level"],
            **creator(),
        }
        s.assignees[aid] = []
        return v2_item(s.area_assignments[aid], 201)

    def assignment_areas(aa: int) -> set[int]:
        get(s.area_assignments, aa)
        return {a["area_id"] for a in s.assignees.get(aa, [])}

    def put_assignee(req: Request, aa: int, area: int, user: int) -> Reply:
        get(s.area_assignments, aa)
        get(s.areas, area)
        if user not in s.users:
            raise ApiError(404, "Not Found")
        entries = s.assignees.setdefault(aa, [])
        for entry in entries:
            if entry["area_id"] == area and entry["user_id"] == user:
                return v2_item(entry)
        entry = {"area_assignment_id": aa, "area_id": area, "user_id": user, **creator()}
        entries.append(entry)
        return v2_item(entry)

    def delete_assignee(req: Request, aa: int, area: int, user: int) -> Reply:
        get(s.area_assignments, aa)
        before = len(s.assignees.get(aa, []))
        s.assignees[aa] = [
            e
            for e in s.assignees.get(aa, [])
            if not (e["area_id"] == area and e["user_id"] == user)
        ]
        if len(s.assignees[aa]) == before:
            raise ApiError(404, "Not Found")
        return Reply(204)

    aa_keys = {"title", "instructions", "start_date", "end_date", "reporting_level"}
    r.add(
        "GET",
        V2 + "/area_assignments",
        "v2.area_assignments.list",
        lambda req: v2_list(req, s.area_assignments.values()),
    )
    r.add(
        "GET",
        V2 + "/projects/{project}/area_assignments",
        "v2.area_assignments.list",
        lambda req, project: v2_list(
            req, [a for a in s.area_assignments.values() if a["project_id"] == project]
        ),
    )
    r.add(
        "POST",
        V2 + "/projects/{project}/area_assignments",
        "v2.area_assignments.create",
        create_assignment,
    )
    r.add(
        "GET",
        V2 + "/area_assignments/{aa}",
        "v2.area_assignments.get",
        lambda req, aa: v2_item(get(s.area_assignments, aa)),
    )
    r.add(
        "PATCH",
        V2 + "/area_assignments/{aa}",
        "v2.area_assignments.patch",
        lambda req, aa: patch(s.area_assignments, aa, req, aa_keys),
    )
    r.add(
        "DELETE",
        V2 + "/area_assignments/{aa}",
        "v2.area_assignments.delete",
        delete(s.area_assignments),
    )
    r.add(
        "GET",
        V2 + "/area_assignments/{aa}/areas",
        "v2.area_assignments.areas",
        lambda req, aa: v2_list(
            req, [s.areas[a] for a in sorted(assignment_areas(aa)) if a in s.areas]
        ),
    )
    r.add(
        "GET",
        V2 + "/area_assignments/{aa}/assignees",
        "v2.area_assignments.assignees",
        lambda req, aa: v2_list(req, (get(s.area_assignments, aa), s.assignees.get(aa, []))[1]),
    )
    r.add(
        "PUT",
        V2 + "/area_assignments/{aa}/areas/{area}/assignees/{user}",
        "v2.assignees.put",
        put_assignee,
    )
    r.add(
        "DELETE",
        V2 + "/area_assignments/{aa}/areas/{area}/assignees/{user}",
        "v2.assignees.delete",
        delete_assignee,
    )

    # -- metrics --------------------------------------------------------------------------
    def assignment_metrics(aa: int) -> list[dict[str, Any]]:
        get(s.area_assignments, aa)
        return [m for m in s.metrics.values() if m["area_assignment_id"] == aa]

    def create_metric(req: Request, aa: int) -> Reply:
        get(s.area_assignments, aa)
        body = body_of(req)
        _required(body, "question", "type")
        _check(
            body["type"] in ("bool", "scale5"), "type", "Input should be 'bool' or 'scale5'", "enum"
        )
        mid = s.next_id("metric")
        s.metrics[mid] = {
            "id": mid,
            "area_assignment_id": aa,
            "question": body["question"],
            "type": body["type"],
            "defines_success": bool(body.get("defines_success", False)),
            **creator(),
        }
        return v2_item(s.metrics[mid], 201)

    def metric(aa: int, mid: int) -> dict[str, Any]:
        item = get(s.metrics, mid)
        if item["area_assignment_id"] != aa:
            raise ApiError(404, "Not Found")
        return item

    r.add(
        "GET",
        V2 + "/area_assignments/{aa}/metrics",
        "v2.metrics.list",
        lambda req, aa: v2_list(req, assignment_metrics(aa)),
    )
    r.add("POST", V2 + "/area_assignments/{aa}/metrics", "v2.metrics.create", create_metric)
    r.add(
        "GET",
        V2 + "/area_assignments/{aa}/metrics/{mid}",
        "v2.metrics.get",
        lambda req, aa, mid: v2_item(metric(aa, mid)),
    )
    r.add(
        "PATCH",
        V2 + "/area_assignments/{aa}/metrics/{mid}",
        "v2.metrics.patch",
        lambda req, aa, mid: (
            metric(aa, mid),
            patch(s.metrics, mid, req, {"question", "defines_success"}),
        )[1],
    )
    r.add(
        "DELETE",
        V2 + "/area_assignments/{aa}/metrics/{mid}",
        "v2.metrics.delete",
        delete(s.metrics),
    )

    # -- visits and stats -----------------------------------------------------------------
    def successful(visit: dict[str, Any]) -> bool:
        for answer in visit.get("metrics", []):
            spec = s.metrics.get(answer.get("metric_id"))
            success_metric = spec and spec["defines_success"] and spec["type"] == "bool"
            if success_metric and (answer.get("response") == "yes" or answer.get("num_yes")):
                return True
        return False

    def check_metrics(aa: int, answers: Any, level: str) -> list[dict[str, Any]]:
        _check(isinstance(answers, list), "metrics", "Input should be a valid list", "list_type")
        own = {m["id"]: m for m in assignment_metrics(aa)}
        for answer in answers:
            _check(
                isinstance(answer, dict) and answer.get("metric_id") in own,
                "metrics",
                "Unknown metric",
            )
            spec = own[answer["metric_id"]]
            if level == "household":
                ok = (
                    answer.get("response") in ("yes", "no")
                    if spec["type"] == "bool"
                    else answer.get("response") in (1, 2, 3, 4, 5)
                )
            elif spec["type"] == "bool":
                ok = isinstance(answer.get("num_yes"), int) and isinstance(
                    answer.get("num_no"), int
                )
            else:
                values = answer.get("num_values")
                ok = isinstance(values, list) and len(values) == 5
            _check(ok, "metrics", f"Bad answer for metric {spec['id']}")
        return list(answers)

    def assignment_location(aa: int, loc: int) -> dict[str, Any]:
        get(s.area_assignments, aa)
        return {**get(s.map_locations, loc), **location_stats(aa, loc)}

    def location_stats(aa: int, loc: int) -> dict[str, Any]:
        hh_ids = {h["id"] for h in s.households.values() if h["location_id"] == loc}
        hh_visits = [
            v for v in s.household_visits.values()
            if v["assignment_id"] == aa and v["household_id"] in hh_ids
        ]  # fmt: skip
        loc_visits = [
            v for v in s.location_visits.values()
            if v["assignment_id"] == aa and v["location_id"] == loc
        ]  # fmt: skip
        stamps = [v["created"] for v in hh_visits + loc_visits]
        return {
            "num_visits": len(hh_visits) + len(loc_visits),
            "num_successful_visits": sum(1 for v in hh_visits + loc_visits if successful(v)),
            "num_households_visited": len({v["household_id"] for v in hh_visits})
            + sum(v["num_households_visited"] or 0 for v in loc_visits),
            "num_households_successful": len(
                {v["household_id"] for v in hh_visits if successful(v)}
            ),
            "last_visited": max(stamps) if stamps else None,
        }

    def list_assignment_locations(req: Request, aa: int) -> Reply:
        areas = assignment_areas(aa)
        within = req.arg("within_areas")
        if within:
            try:
                areas = {int(x) for x in within.split(",")}
            except ValueError:
                raise V2Error(
                    422,
                    [
                        {
                            "loc": ["query", "within_areas"],
                            "msg": "Input should be a valid integer",
                            "type": "int_parsing",
                        }
                    ],
                ) from None
        return v2_list(
            req, [{**loc, **location_stats(aa, loc["id"])} for loc in locations_in(areas)]
        )

    def create_location_visit(req: Request, aa: int, loc: int) -> Reply:
        get(s.area_assignments, aa)
        get(s.map_locations, loc)
        body = body_of(req)
        _required(body, "num_households_visited")
        _check(
            isinstance(body["num_households_visited"], int),
            "num_households_visited",
            "Input should be a valid integer",
            "int_type",
        )
        answers = check_metrics(aa, body.get("metrics", []), "location")
        vid = s.next_id("location_visit")
        s.location_visits[vid] = {
            "id": vid,
            "assignment_id": aa,
            "location_id": loc,
            **creator(),
            "num_households_visited": body["num_households_visited"],
            "metrics": answers,
        }
        return v2_item(s.location_visits[vid], 201)

    def patch_location_visit(req: Request, aa: int, loc: int, visit: int) -> Reply:
        item = get(s.location_visits, visit)
        if item["assignment_id"] != aa or item["location_id"] != loc:
            raise ApiError(404, "Not Found")
        body = body_of(req)
        if "metrics" in body:
            body["metrics"] = check_metrics(aa, body["metrics"], "location")
        return patch(
            s.location_visits,
            visit,
            Request(req.method, req.path, {}, {}, _dump(body)),
            {"num_households_visited", "metrics"},
        )

    def create_household_visit(req: Request, aa: int, hh: int) -> Reply:
        get(s.area_assignments, aa)
        get(s.households, hh)
        body = body_of(req)
        answers = check_metrics(aa, body.get("metrics", []), "household")
        vid = s.next_id("household_visit")
        s.household_visits[vid] = {
            "id": vid,
            "assignment_id": aa,
            "household_id": hh,
            **creator(),
            "metrics": answers,
        }
        return v2_item(s.household_visits[vid], 200)

    def assignment_stats(req: Request, aa: int) -> Reply:
        areas = assignment_areas(aa)
        locs = {loc["id"] for loc in locations_in(areas)}
        hh_ids = {h["id"] for h in s.households.values() if h["location_id"] in locs}
        hh_visits = [v for v in s.household_visits.values() if v["assignment_id"] == aa]
        loc_visits = [v for v in s.location_visits.values() if v["assignment_id"] == aa]
        visited_locs = {
            s.households[v["household_id"]]["location_id"]
            for v in hh_visits
            if v["household_id"] in s.households
        }
        visited_locs |= {v["location_id"] for v in loc_visits}
        level = s.area_assignments[aa]["reporting_level"]
        aggregates = []
        for spec in assignment_metrics(aa):
            answers = [
                a
                for v in hh_visits + loc_visits
                for a in v["metrics"]
                if a.get("metric_id") == spec["id"]
            ]
            if spec["type"] == "bool":
                yes = sum(a.get("num_yes", 0) + (a.get("response") == "yes") for a in answers)
                no = sum(a.get("num_no", 0) + (a.get("response") == "no") for a in answers)
                aggregates.append({"metric_id": spec["id"], "num_yes": yes, "num_no": no})
            else:
                values = [0, 0, 0, 0, 0]
                for a in answers:
                    if a.get("response") in (1, 2, 3, 4, 5):
                        values[a["response"] - 1] += 1
                    for i, n in enumerate(a.get("num_values") or []):
                        values[i] += n
                aggregates.append({"metric_id": spec["id"], "num_values": values})
        hh_visited = len({v["household_id"] for v in hh_visits})
        return v2_item(
            {
                "num_locations": len(locs),
                "num_households": len(hh_ids),
                "num_visits": len(hh_visits) + len(loc_visits),
                "num_successful_visits": sum(1 for v in hh_visits + loc_visits if successful(v)),
                "num_locations_visited": len(visited_locs),
                # Can be null (reference §9.1): null when reporting per location.
                "num_households_visited": hh_visited if level == "household" else None,
                "num_households_successfully_visited": (
                    len({v["household_id"] for v in hh_visits if successful(v)})
                    if level == "household"
                    else None
                ),
                "metrics": aggregates,
            }
        )

    AA = V2 + "/area_assignments/{aa}"
    r.add("GET", AA + "/locations", "v2.assignment_locations.list", list_assignment_locations)
    r.add(
        "GET",
        AA + "/locations/{loc}",
        "v2.assignment_locations.get",
        lambda req, aa, loc: v2_item(assignment_location(aa, loc)),
    )
    r.add(
        "GET",
        AA + "/locations/{loc}/visits",
        "v2.location_visits.list",
        lambda req, aa, loc: v2_list(
            req,
            [
                v
                for v in s.location_visits.values()
                if v["assignment_id"] == get(s.area_assignments, aa)["id"]
                and v["location_id"] == loc
            ],
        ),
    )
    r.add(
        "POST", AA + "/locations/{loc}/visits", "v2.location_visits.create", create_location_visit
    )
    r.add(
        "PATCH",
        AA + "/locations/{loc}/visits/{visit}",
        "v2.location_visits.patch",
        patch_location_visit,
    )
    r.add(
        "DELETE",
        AA + "/locations/{loc}/visits/{visit}",
        "v2.location_visits.delete",
        delete(s.location_visits),
    )
    r.add(
        "GET",
        AA + "/households/{hh}/visits",
        "v2.household_visits.list",
        lambda req, aa, hh: v2_list(
            req,
            [
                v
                for v in s.household_visits.values()
                if v["assignment_id"] == get(s.area_assignments, aa)["id"]
                and v["household_id"] == hh
            ],
        ),
    )
    r.add(
        "POST", AA + "/households/{hh}/visits", "v2.household_visits.create", create_household_visit
    )
    r.add(
        "DELETE",
        AA + "/households/{hh}/visits/{visit}",
        "v2.household_visits.delete",
        delete(s.household_visits),
    )
    r.add("GET", AA + "/stats", "v2.area_assignments.stats", assignment_stats)

    # -- users, session, public join form -------------------------------------------------
    r.add("GET", V2 + "/users", "v2.users.list", lambda req: v2_list(req, s.users.values()))
    r.add(
        "GET", V2 + "/users/{user}", "v2.users.get", lambda req, user: v2_item(get(s.users, user))
    )
    r.add(
        "GET",
        "/v2/users/me/area_assignments",
        "v2.users.area_assignments",
        lambda req: v2_list(
            req,
            [
                a
                for a in s.area_assignments.values()
                if any(e["user_id"] == s.me["id"] for e in s.assignees.get(a["id"], []))
            ],
        ),
    )
    r.add(
        "GET",
        "/v2/session",
        "v2.session",
        lambda req: v2_item(
            {"created": now_z(), "level": 2, "user_id": s.me["id"], "factors": ["email_password"]}
        ),
    )

    def public_form(req: Request, form: int) -> Reply:
        item = get(s.join_forms, form)
        slugs = s.slugs()
        return v2_item(
            {
                "id": item["id"],
                "title": item["title"],
                "description": item["description"],
                "renderable": item["renderable"],
                "embeddable": item["embeddable"],
                "requires_email_verification": item["requires_email_verification"],
                "organization_id": s.org_id,
                "fields": [
                    {"slug": f, "type": slugs[f]["type"] if f in slugs else "text"}
                    for f in item["fields"]
                ],
            }
        )

    r.add("GET", V2 + "/join_forms/{form}", "v2.join_forms.get", public_form, anonymous=True)


def _dump(body: dict[str, Any]) -> bytes:
    import json

    return json.dumps(body).encode()
