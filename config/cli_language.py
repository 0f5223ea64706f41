"""Which language `bridge --help` speaks, decided before any command has parsed its options.

Help is printed while click parses, before the settings are loaded, so it cannot wait for
:func:`config.loader.load_settings`. The language comes, in order, from the ``language`` key of
the config named by ``--config`` (or ``BRIDGE_CONFIG``), from ``BRIDGE_LANGUAGE``, and is
bokmål otherwise. A config that cannot be read here is not an error: ``load_settings`` reports
it properly when the command runs.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["help_language"]

_LANGUAGES = ("nb", "en")


def _config_arg(args: Sequence[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg == "--config" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--config="):
            return arg.split("=", 1)[1]
    return None


def _file_language(path: str) -> str | None:
    try:
        with Path(path).open("rb") as handle:
            value = tomllib.load(handle).get("language")
    except (OSError, ValueError):
        return None
    return value if value in _LANGUAGES else None


def help_language(args: Sequence[str], env: Mapping[str, str] | None = None) -> str:
    """``"nb"`` or ``"en"`` for the help texts of this command line."""
    env = os.environ if env is None else env
    config = _config_arg(args) or env.get("BRIDGE_CONFIG")
    if config:
        found = _file_language(config)
        if found:
            return found
    chosen = env.get("BRIDGE_LANGUAGE", "").strip().lower()
    return chosen if chosen in _LANGUAGES else "nb"
