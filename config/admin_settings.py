"""The ``[admin]`` table: where the admin page listens and who may log in.

Users listed here carry a password *hash* only (``bridge admin hash-password`` prints one);
a plain password in the file is refused. More users can be kept in the ledger with
``bridge admin add-user``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from config.fields import problem

__all__ = ["ROLES", "AdminSettings", "AdminUserSettings"]

ROLES = ("viewer", "operator")
_HASH_PREFIXES = ("scrypt:", "pbkdf2:", "$argon2")


class AdminUserSettings(BaseModel):
    """One person who may log in."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=64, description="The login name.")
    role: Literal["viewer", "operator"] = Field(
        default="viewer", description="viewer: reads; operator: may also run, approve and resolve."
    )
    password_hash: str = Field(
        description="A werkzeug password hash (bridge admin hash-password), never the password."
    )
    language: Literal["nb", "en"] | None = Field(
        default=None, description="The admin's language for this user (default: the top-level one)."
    )

    @field_validator("password_hash")
    @classmethod
    def _a_hash(cls, value: str) -> str:
        if not value.startswith(_HASH_PREFIXES):
            raise problem("config.password_hash")
        return value


class AdminSettings(BaseModel):
    """How the admin is served."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    host: str = Field(default="127.0.0.1", description="Address to listen on.")
    port: int = Field(default=5000, ge=1, le=65535, description="Port to listen on.")
    https: bool = Field(
        default=False,
        description="Served behind HTTPS (a reverse proxy): session cookies get Secure.",
    )
    proxies: int = Field(
        default=0,
        ge=0,
        le=5,
        description="Reverse proxies in front whose X-Forwarded-* headers count.",
    )
    session_hours: int = Field(default=12, ge=1, le=24 * 30, description="A login lasts this long.")
    login_attempts: int = Field(
        default=5, ge=1, le=100, description="Failed logins allowed per name and per address..."
    )
    login_window_minutes: int = Field(
        default=15, ge=1, le=24 * 60, description="...in this window."
    )
    users: tuple[AdminUserSettings, ...] = Field(
        default=(),
        description="People who may log in (besides those added with bridge admin add-user).",
    )
