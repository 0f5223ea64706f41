"""The bridge's settings: one TOML file plus secrets from the environment, parsed once.

``load_settings(path)`` is the way in; it returns the frozen :class:`Settings` or raises a
:class:`SettingsError` (a ``ConfigError``) listing every problem. ``config/example.toml``
documents every key.
"""

from config.loader import SettingsError, load_settings
from config.settings import (
    BranchSettings,
    CallsSettings,
    DoorknockSettings,
    JobSettings,
    JobsSettings,
    ReconcileSettings,
    Secret,
    Settings,
    SheetsSettings,
    TabSettings,
    ZetkinSettings,
)

__all__ = [
    "BranchSettings",
    "CallsSettings",
    "DoorknockSettings",
    "JobSettings",
    "JobsSettings",
    "ReconcileSettings",
    "Secret",
    "Settings",
    "SettingsError",
    "SheetsSettings",
    "TabSettings",
    "ZetkinSettings",
    "load_settings",
]
