"""The door-knocking job's settings (issue 15): ``[jobs.doorknock]`` and
``[branch.jobs.doorknock]``, as one frozen pydantic model.

It is a field of :class:`config.settings.JobsSettings`; the loader merges
``[branch.jobs.doorknock]`` over ``[jobs.doorknock]`` and words its problems as for every
section (``<file>: <key path>: <what>``).
"""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from pydantic import BaseModel, Field, field_validator

from config.fields import SECTION, Duration, Flag, problem

__all__ = ["DoorknockSettings"]


class DoorknockSettings(BaseModel):
    """Door-knocking rounds, sign-ups, results, new contacts and the programme input."""

    model_config = SECTION

    enabled: Flag = Field(False, description="Run the door-knocking job in the cycle.")
    every: Duration = Field(timedelta(hours=1), description="How often the worker runs it.")
    project: str = Field(
        "Dørbank", min_length=1, description="Title of the Zetkin project (campaign) of rounds."
    )
    create_project: bool = Field(
        True, description="Create the project in Zetkin when no project has that title."
    )
    year: int | None = Field(
        None, ge=2000, le=2100,
        description="Year of dates typed without one (\"12.3\"); none: the current year.",
    )  # fmt: skip
    start_time: time = Field(time(17, 0), description="Start of a round's event, local time.")
    duration_minutes: int = Field(120, ge=15, le=24 * 60, description="Length of an event.")
    title: str = Field(
        "Dørbank {district}", min_length=1,
        description="Event title; {district} and {area} are filled in.",
    )  # fmt: skip
    goal_rounds: int = Field(10, ge=1, le=1000, description="Rounds a year the plan asks for.")
    stale_days: int = Field(
        60, ge=1, le=3650, description="A district without a round this long is listed."
    )
    signup_tag: str | None = Field(
        None, description="Tag for sign-ups; none: the reconcile job's door_knock_tag."
    )
    contact_tag: str = Field(
        "Dørbank-kontakt", min_length=1, description="Tag for new contacts with consent."
    )
    create_people: bool = Field(
        True, description="Create a person for a sign-up or contact nobody in Zetkin matches."
    )
    blank_after_days: int = Field(
        30, ge=0, le=3650,
        description="Days after the round that a contact without consent keeps their data.",
    )  # fmt: skip
    signup_window_days: int = Field(
        14, ge=0, le=3650,
        description="Sign-ups are read for events from this many days back (and all ahead).",
    )  # fmt: skip
    canvass_window_days: int = Field(
        30, ge=0, le=3650,
        description="Zetkin canvassing is read every cycle for rounds this recent; an older "
        "round's assignment keeps the numbers last read.",
    )  # fmt: skip
    themes: dict[str, list[str]] | None = Field(
        None, description="Innspill themes: theme = [keywords]; none: the Norwegian default."
    )

    @field_validator("start_time", mode="before")
    @classmethod
    def _clock(cls, value: Any) -> Any:
        if isinstance(value, time):
            return value
        if isinstance(value, str):
            hours, _, minutes = value.strip().partition(":")
            if hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60:
                return time(int(hours), int(minutes))
        raise problem("config.clock_time")

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)
