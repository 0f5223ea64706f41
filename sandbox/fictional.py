"""A fictional, seeded party branch ("Trondheim SV"-like) for the demo, the tests and benches.

Everything here is generated: names are common Norwegian first and last names combined at
random, phone numbers are random 8-digit mobile numbers, e-mail addresses use the reserved
``example.*`` domains. No real, identifiable person appears. The same seed always gives the
same branch, so tests can assert on it; ``size`` scales the number of people for benchmarks.

The branch is plain data (frozen dataclasses); the Zetkin stand-in seeds its state from it and
:func:`demo_member_sheet` builds the board's messy "Medlemmer" sheet from it.

Run ``python -m sandbox.fictional --seed 7 --size 20000`` to print a summary.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import phonenumbers

from bridge.workbook import default_tab

__all__ = [
    "DISTRICTS",
    "Area",
    "AreaAssignment",
    "Branch",
    "Call",
    "CallAssignment",
    "Event",
    "Household",
    "HouseholdVisit",
    "JoinForm",
    "JoinSubmission",
    "MapLocation",
    "Metric",
    "Person",
    "User",
    "demo_member_sheet",
    "generate",
]

DISTRICTS = ("Midtbyen", "Østbyen", "Lerkendal", "Heimdal")
# Centre points (lat, lng) the fictional canvassing areas are drawn around.
_CENTRES = {
    "Midtbyen": (63.4305, 10.3951),
    "Østbyen": (63.4370, 10.4470),
    "Lerkendal": (63.4120, 10.4030),
    "Heimdal": (63.3500, 10.3570),
}
_ZIPS = {
    "Midtbyen": ("7011", "7012", "7013"),
    "Østbyen": ("7042", "7043", "7044"),
    "Lerkendal": ("7030", "7031", "7034"),
    "Heimdal": ("7080", "7081", "7089"),
}
FIRST_NAMES_F = (
    "Kari", "Ingrid", "Åse", "Sigrid", "Ragnhild", "Solveig", "Mari", "Randi", "Liv", "Hege",
    "Trine", "Nora", "Emma", "Ida", "Maja", "Tone", "Gøril", "Målfrid", "Bjørg", "Astrid",
    "Marit", "Kjersti", "Synnøve", "Guro", "Torunn", "Hanne", "Frøydis", "Åshild", "Line", "Silje",
)  # fmt: skip
FIRST_NAMES_M = (
    "Ole", "Bjørn", "Øystein", "Håkon", "Jørgen", "Tor", "Eirik", "Pål", "Knut", "Ørjan",
    "Ståle", "Åsmund", "Jostein", "Sindre", "Jonas", "Aksel", "Even", "Sverre", "Geir", "Trygve",
    "Halvard", "Kåre", "Bård", "Espen", "Magnus", "Sjur", "Øyvind", "Jørund", "Tormod", "Anders",
)  # fmt: skip
LAST_NAMES = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Dahl",
    "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Strøm", "Bråten", "Sæther",
    "Løkken", "Myhre", "Aasen", "Ødegård", "Lie", "Moen", "Solberg", "Bakke", "Holm", "Nygård",
    "Grønli", "Våge", "Røstad", "Skjævesland", "Øien", "Bjørnstad", "Fjæra", "Kvåle", "Åsheim",
)  # fmt: skip
_STREETS = (
    "Bakkegata", "Innherredsveien", "Klostergata", "Elgeseter gate", "Kongens gate",
    "Lademoens gate", "Heimdalsvegen", "Vestre Rosten", "Nedre Møllenberg gate", "Strindvegen",
)  # fmt: skip
_MAIL_DOMAINS = ("example.org", "example.net", "example.com")
TAG_MEMBER, TAG_DOORKNOCK, TAG_CALL = "Medlem", "Vil dørbanke", "Vil ringe"
DEFAULT_ANCHOR = date(2026, 5, 1)


@dataclass(frozen=True)
class Person:
    """A fictional person as Zetkin holds them; ``phone`` is in whatever format was typed."""

    id: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    gender: str | None
    street_address: str | None
    zip_code: str | None
    city: str | None
    ext_id: str | None
    innmeldt: str | None  # custom field (date, "YYYY-MM-DD")
    bydel: str | None  # custom field (text)
    tags: tuple[str, ...] = ()
    digits: str = ""  # the 8-digit national number behind ``phone``

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class User:
    """A Zetkin user account (canvassers and callers log in); ``person_id`` is their profile."""

    id: int
    person_id: int
    first_name: str
    last_name: str


@dataclass(frozen=True)
class JoinForm:
    id: int
    title: str
    description: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    submit_token: str


@dataclass(frozen=True)
class JoinSubmission:
    """A submission; ``person_data`` has native keys plus custom slugs, ``person_id`` is set
    once accepted (then the person is in ``Branch.people``)."""

    id: int
    form_id: int
    state: str  # pending | accepted
    submitted: str
    accepted: str | None
    person_data: dict[str, str | None]
    person_id: int | None = None


@dataclass(frozen=True)
class Event:
    """An action (event) in a campaign; ``signups`` answered "yes", ``booked`` were booked."""

    id: int
    title: str
    info_text: str
    start_time: str
    end_time: str
    district: str
    location_title: str
    lat: float
    lng: float
    num_participants_required: int
    signups: tuple[int, ...] = ()
    booked: tuple[int, ...] = ()


@dataclass(frozen=True)
class Call:
    id: int
    target_id: int
    caller_id: int
    state: int
    allocation_time: str
    update_time: str
    notes: str | None = None
    message_to_organizer: str | None = None
    organizer_action_needed: bool = False
    call_back_after: str | None = None


@dataclass(frozen=True)
class CallAssignment:
    id: int
    title: str
    description: str
    instructions: str
    start_date: str
    end_date: str | None
    target_tag: str
    callers: tuple[int, ...]
    calls: tuple[Call, ...]


@dataclass(frozen=True)
class Area:
    id: int
    title: str
    boundary: tuple[tuple[float, float], ...]  # (lng, lat) ring, closed


@dataclass(frozen=True)
class Household:
    id: int
    location_id: int
    title: str
    level: int


@dataclass(frozen=True)
class MapLocation:
    id: int
    title: str
    latitude: float
    longitude: float
    area_id: int
    num_estimated_households: int
    households: tuple[Household, ...]


@dataclass(frozen=True)
class Metric:
    id: int
    question: str
    type: str  # bool | scale5
    defines_success: bool


@dataclass(frozen=True)
class HouseholdVisit:
    id: int
    household_id: int
    location_id: int
    user_id: int
    created: str
    responses: tuple[tuple[int, str | int], ...]  # (metric id, "yes"/"no" or 1..5)


@dataclass(frozen=True)
class AreaAssignment:
    id: int
    title: str
    instructions: str
    start_date: str
    end_date: str | None
    reporting_level: str
    areas: tuple[int, ...]
    assignees: tuple[tuple[int, int], ...]  # (area id, user id)
    metrics: tuple[Metric, ...]
    visits: tuple[HouseholdVisit, ...]


@dataclass(frozen=True)
class Branch:
    """The whole fictional branch. ``campaign_id`` is the "Dørbank" project."""

    seed: int
    org_id: int
    org_title: str
    people: tuple[Person, ...]
    tags: tuple[str, ...]
    users: tuple[User, ...]
    join_form: JoinForm
    join_submissions: tuple[JoinSubmission, ...]
    campaign_id: int
    campaign_title: str
    activity_title: str
    events: tuple[Event, ...]
    call_assignment: CallAssignment
    areas: tuple[Area, ...]
    locations: tuple[MapLocation, ...]
    area_assignment: AreaAssignment
    sub_orgs: tuple[str, ...] = ()
    anchor: date = DEFAULT_ANCHOR
    extra: dict[str, str] = field(default_factory=dict)

    def person(self, person_id: int) -> Person:
        for person in self.people:
            if person.id == person_id:
                return person
        raise KeyError(person_id)


def _ascii(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "aa", "Æ": "Ae", "Ø": "O", "Å": "Aa"})
    return text.translate(table).lower().replace(" ", "")


def format_phone(digits: str, style: int) -> str:
    """One of the ways people type a Norwegian mobile number."""
    a, b, c = digits[:3], digits[3:5], digits[5:]
    return (
        f"+47 {a} {b} {c}",
        digits,
        f"0047 {digits}",
        f"{a} {b} {c}",
        f"+47{digits}",
        f"{digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}",
    )[style % 6]


def _valid_no(digits: str) -> bool:
    return phonenumbers.is_valid_number(phonenumbers.parse(digits, "NO"))


class _Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.used_digits: set[str] = set()
        self.used_mail: set[str] = set()

    def digits(self) -> str:
        while True:
            first = self.rng.choice("49")
            number = first + "".join(self.rng.choice("0123456789") for _ in range(7))
            if first == "4" and number[1] not in "015678":  # valid NO mobiles: 4[015-8], 9
                number = "4" + "015678"[int(number[1]) % 6] + number[2:]
            if number not in self.used_digits and _valid_no(number):
                self.used_digits.add(number)
                return number

    def name(self) -> tuple[str, str, str]:
        gender = self.rng.choice("fm")
        first = self.rng.choice(FIRST_NAMES_F if gender == "f" else FIRST_NAMES_M)
        return first, self.rng.choice(LAST_NAMES), gender

    def email(self, first: str, last: str) -> str:
        base = f"{_ascii(first)}.{_ascii(last)}"
        n = 0
        while True:
            local = base if n == 0 else f"{base}{n}"
            address = f"{local}@{self.rng.choice(_MAIL_DOMAINS)}"
            if address not in self.used_mail:
                self.used_mail.add(address)
                break
            n += 1
        roll = self.rng.random()
        if roll < 0.05:
            return address.upper()  # "KARI.HANSEN@EXAMPLE.ORG"
        if roll < 0.12:
            return address.title()  # "Kari.Hansen@Example.Org"
        return address


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def generate(seed: int = 1, size: int = 300, *, anchor: date = DEFAULT_ANCHOR) -> Branch:
    """Build the fictional branch deterministically from ``seed``; ``size`` people.

    ``anchor`` is "today" for the branch: join dates lie before it, events after it.
    """
    gen = _Gen(seed)
    rng = gen.rng
    people: list[Person] = []
    for index in range(size):
        first, last, gender = gen.name()
        digits = gen.digits()
        district = rng.choice(DISTRICTS)
        roll = rng.random()
        tags: list[str] = []
        member = roll < 0.85
        if member:
            tags.append(TAG_MEMBER)
        if rng.random() < 0.2:
            tags.append(TAG_DOORKNOCK)
        if rng.random() < 0.15:
            tags.append(TAG_CALL)
        joined = anchor - timedelta(days=rng.randint(10, 15 * 365)) if member else None
        has_phone = rng.random() > 0.04
        has_mail = rng.random() > 0.08
        people.append(
            Person(
                id=index + 1,
                first_name=first,
                last_name=last,
                email=gen.email(first, last) if has_mail else None,
                phone=format_phone(digits, rng.randrange(6)) if has_phone else None,
                gender=gender if rng.random() > 0.1 else None,
                street_address=(
                    f"{rng.choice(_STREETS)} {rng.randint(1, 90)}" if rng.random() > 0.3 else None
                ),
                zip_code=rng.choice(_ZIPS[district]),
                city="Trondheim",
                ext_id=f"M{10000 + index}" if member and rng.random() < 0.5 else None,
                innmeldt=joined.isoformat() if joined else None,
                bydel=district if rng.random() > 0.05 else None,
                tags=tuple(tags),
                digits=digits if has_phone else "",
            )
        )
    ids = [p.id for p in people]
    # Users: a handful of active people have accounts (callers and canvassers).
    active = [p for p in people if TAG_CALL in p.tags or TAG_DOORKNOCK in p.tags][:6] or people[:6]
    users = tuple(
        User(id=100 + i, person_id=p.id, first_name=p.first_name, last_name=p.last_name)
        for i, p in enumerate(active)
    )

    join_form = JoinForm(
        id=1,
        title="Bli medlem",
        description="Meld deg inn i Trondheim SV",
        fields=("first_name", "last_name", "email", "phone", "bydel"),
        tags=(TAG_MEMBER,),
        submit_token=f"fictional{seed:04d}submit",
    )
    submissions: list[JoinSubmission] = []
    for i in range(6):
        first, last, _gender = gen.name()
        submitted = datetime.combine(anchor - timedelta(days=6 - i), time(12 + i, 5 * i))
        submissions.append(
            JoinSubmission(
                id=i + 1,
                form_id=join_form.id,
                state="pending",
                submitted=_iso(submitted),
                accepted=None,
                person_data={
                    "first_name": first,
                    "last_name": last,
                    "email": gen.email(first, last),
                    "phone": format_phone(gen.digits(), rng.randrange(6)),
                    "bydel": rng.choice(DISTRICTS),
                },
            )
        )
    # Two older submissions were accepted: their people are already in the org.
    for i, person in enumerate(people[:2]):
        submitted = datetime.combine(anchor - timedelta(days=40 + i), time(18))
        submissions.append(
            JoinSubmission(
                id=len(submissions) + 1,
                form_id=join_form.id,
                state="accepted",
                submitted=_iso(submitted),
                accepted=_iso(submitted + timedelta(days=1)),
                person_data={
                    "first_name": person.first_name,
                    "last_name": person.last_name,
                    "email": person.email,
                    "phone": person.phone,
                    "bydel": person.bydel,
                },
                person_id=person.id,
            )
        )

    events: list[Event] = []
    for i, district in enumerate(DISTRICTS):
        start = datetime.combine(anchor + timedelta(days=7 * (i + 1) - 2), time(17, 0))
        lat, lng = _CENTRES[district]
        events.append(
            Event(
                id=501 + i,
                title=f"Dørbanking {district}",
                info_text="Vi møtes, deler oss i lag og banker på dører.",
                start_time=_iso(start),
                end_time=_iso(start + timedelta(hours=2, minutes=30)),
                district=district,
                location_title=f"Oppmøte {district}",
                lat=lat,
                lng=lng,
                num_participants_required=6,
                signups=tuple(sorted(rng.sample(ids, min(len(ids), 3 + i)))),
                booked=tuple(sorted(rng.sample(ids, min(len(ids), 2)))),
            )
        )

    callers = tuple(u.person_id for u in users[:3])
    targets = [p for p in people if TAG_MEMBER in p.tags and p.phone][: min(12, len(people))]
    states = (0, 1, 1, 11, 12, 13, 14, 15, 21, 1, 11, 0)
    calls = []
    for i, target in enumerate(targets):
        allocated = datetime.combine(anchor - timedelta(days=3), time(17, 0)) + timedelta(
            minutes=7 * i
        )
        state = states[i % len(states)]
        calls.append(
            Call(
                id=881 + i,
                target_id=target.id,
                caller_id=callers[i % len(callers)] if callers else target.id,
                state=state,
                allocation_time=_iso(allocated) + ".000000+0000",
                update_time=_iso(allocated + timedelta(minutes=4)) + ".000000+0000",
                notes="Ring igjen etter middag" if state == 13 else None,
                message_to_organizer="Vil gjerne bidra på stand" if state == 1 and i < 3 else None,
                organizer_action_needed=state == 1 and i < 3,
                call_back_after=(anchor + timedelta(days=2)).isoformat()
                if state in (13, 14)
                else None,
            )
        )
    call_assignment = CallAssignment(
        id=4,
        title="Ring nye medlemmer",
        description="Velkomstsamtale til nye medlemmer",
        instructions="<p>Presenter deg, ønsk velkommen, spør om de vil bli med på dørbanking.</p>",
        start_date=(anchor - timedelta(days=14)).isoformat(),
        end_date=None,
        target_tag=TAG_MEMBER,
        callers=callers,
        calls=tuple(calls),
    )

    areas: list[Area] = []
    locations: list[MapLocation] = []
    hh_id = 9001
    for i, district in enumerate(DISTRICTS):
        lat, lng = _CENTRES[district]
        d = 0.006
        ring = ((lng - d, lat - d), (lng + d, lat - d), (lng + d, lat + d), (lng - d, lat + d))
        areas.append(Area(id=17 + i, title=district, boundary=(*ring, ring[0])))
        for j in range(3):
            loc_id = 301 + i * 10 + j
            households = []
            floors = rng.randint(2, 5)
            for level in range(1, floors + 1):
                for door in range(1, 3):
                    households.append(Household(hh_id, loc_id, f"H{level:02d}{door:02d}", level))
                    hh_id += 1
            locations.append(
                MapLocation(
                    id=loc_id,
                    title=f"{rng.choice(_STREETS)} {rng.randint(1, 90)}",
                    latitude=round(lat + rng.uniform(-d, d) * 0.8, 6),
                    longitude=round(lng + rng.uniform(-d, d) * 0.8, 6),
                    area_id=17 + i,
                    num_estimated_households=len(households) + rng.randint(0, 4),
                    households=tuple(households),
                )
            )
    metrics = (
        Metric(40, "Fikk dere en samtale?", "bool", True),
        Metric(41, "Hvor interessert var de i SV?", "scale5", False),
    )
    visits: list[HouseholdVisit] = []
    visited_locations = [loc for loc in locations if loc.area_id in (17, 18)]
    for loc in visited_locations:
        for hh in loc.households[: rng.randint(1, len(loc.households))]:
            success = rng.random() < 0.5
            created = datetime.combine(anchor - timedelta(days=rng.randint(1, 5)), time(18))
            visits.append(
                HouseholdVisit(
                    id=77 + len(visits),
                    household_id=hh.id,
                    location_id=loc.id,
                    user_id=users[len(visits) % len(users)].id if users else 100,
                    created=_iso(created) + "Z",
                    responses=((40, "yes" if success else "no"),)
                    + (((41, rng.randint(1, 5)),) if success else ()),
                )
            )
    area_assignment = AreaAssignment(
        id=8,
        title="Dørbanking våren",
        instructions="Bank på, presenter deg, registrer hver husstand.",
        start_date=_iso(datetime.combine(anchor - timedelta(days=10), time())) + "Z",
        end_date=None,
        reporting_level="household",
        areas=(17, 18),
        assignees=tuple((17 + (i % 2), u.id) for i, u in enumerate(users[:4])),
        metrics=metrics,
        visits=tuple(visits),
    )
    return Branch(
        seed=seed,
        org_id=1,
        org_title="Trondheim SV",
        people=tuple(people),
        tags=(TAG_MEMBER, TAG_DOORKNOCK, TAG_CALL),
        users=users,
        join_form=join_form,
        join_submissions=tuple(submissions),
        campaign_id=2,
        campaign_title="Dørbank",
        activity_title="Dørbanking",
        events=tuple(events),
        call_assignment=call_assignment,
        areas=tuple(areas),
        locations=tuple(locations),
        area_assignment=area_assignment,
        sub_orgs=("Trondheim SV Ungdom",),
        anchor=anchor,
    )


def _yes(flag: bool) -> str:
    return "Ja" if flag else ""


def demo_member_sheet(branch: Branch) -> list[list[str]]:
    """The board's own "Medlemmer" sheet for ``branch``, with the mess boards really make.

    Header row: the default Medlemmer headers plus the board's column "Notat". Then: most
    members with their Zetkin-ID (phones retyped in other formats, some e-mails in capitals),
    one duplicated row, rows the board added without Zetkin-ID (two match a Zetkin person by
    phone, one is new), a row with an invalid phone "12 34", a row with a district not in the
    list, and a few blank rows in between.
    """
    rng = random.Random(branch.seed * 7919 + 13)
    headers = [spec.header for spec in default_tab("members").fields] + ["Notat"]
    width = len(headers)
    members = [p for p in branch.people if TAG_MEMBER in p.tags]
    phoned = [p for p in members if p.digits]
    in_sheet = members[: max(1, int(len(members) * 0.9))]
    left_out = [p for p in phoned if p not in in_sheet]
    notes = ("Har betalt kontingent", "Flyttet nylig", "Ønsker papirpost", "Styremedlem", "")

    def row(person: Person, with_id: bool) -> list[str]:
        phone = format_phone(person.digits, rng.randrange(6)) if person.digits else ""
        email = person.email or ""
        if email and rng.random() < 0.08:
            email = email.upper()
        return [
            str(person.id) if with_id else "",
            person.first_name,
            person.last_name,
            phone,
            email,
            person.bydel or "",
            person.innmeldt or "" if with_id else "",
            _yes(TAG_DOORKNOCK in person.tags),
            _yes(TAG_CALL in person.tags),
            "",
            rng.choice(notes) if rng.random() < 0.15 else "",
        ]

    rows: list[list[str]] = [headers]
    for index, person in enumerate(in_sheet):
        rows.append(row(person, True))
        if index in (20, 95, 180):
            rows.append([""] * width)
    if len(rows) > 5:
        rows.insert(len(rows) // 2, list(rows[3]))  # the same member typed twice
    for person in left_out[:2]:  # added by the board; Zetkin already knows them by phone
        added = row(person, False)
        added[-1] = "Meldte seg på stand"
        rows.append(added)
    taken = {p.digits for p in branch.people}
    new_digits = next(d for d in ("98655012", "98655013", "98655014") if d not in taken)
    new_phone = format_phone(new_digits, 0)
    rows.append(["", "Tuva", "Fjellstad-Øverås", new_phone, "", "Østbyen", "", "Ja", "", "", ""])
    rows[-1][-1] = "Ny på møtet"
    rows.append(["", "Ragnar", "Sletvold", "12 34", "", "Midtbyen", "", "", "", "", ""])
    district_col = headers.index("Bydel")
    for candidate in rows[8:]:
        if candidate[0] and candidate[district_col]:
            candidate[district_col] = "Sentrum"  # not one of the branch's districts
            break
    rows.append([""] * width)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--size", type=int, default=300)
    args = parser.parse_args(argv)
    branch = generate(args.seed, args.size)
    members = sum(TAG_MEMBER in p.tags for p in branch.people)
    print(
        f"{branch.org_title}: {len(branch.people)} people ({members} members), "
        f"{len(branch.join_submissions)} join submissions, {len(branch.events)} events, "
        f"{len(branch.call_assignment.calls)} calls, {len(branch.area_assignment.visits)} visits"
    )


if __name__ == "__main__":
    main()
