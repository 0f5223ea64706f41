"""The call-list keys added for issue 14's last items: mirroring rounds in Zetkin and one
call-list tab per caller (``[jobs.calls]`` and ``[branch.jobs.calls]``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["CallsExtraSettings"]


class CallsExtraSettings(BaseModel):
    """Read from the same table as the other call-list keys; the loader hooks it in."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    mirror_rounds: bool = Field(
        default=False,
        description=(
            "Mirror each active call round as a Zetkin call assignment: its target rule as "
            "the assignment's Smart Search filter (a round whose rule does not translate is "
            "not mirrored, and its Status says which word), the callers in Ringere that have "
            "a Zetkin-ID added, title and dates kept in step."
        ),
    )
    tab_per_caller: bool = Field(
        default=False,
        description=(
            'One call-list tab per caller ("Ringeliste – <caller>", made by the bridge when '
            "the caller first gets a call) instead of one Ringeliste."
        ),
    )
