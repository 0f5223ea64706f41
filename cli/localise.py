"""``--help`` in the configured language: the help texts come from the one catalogue.

Click takes help from docstrings when the commands are defined, long before a language is
known, so the texts are put in place when the root command makes its context: each command's
text is ``help.cmd.<path>`` (``help.cmd.db.upgrade``), each option's the most specific of
``help.opt.<path>.<name>``, ``help.opt.<parent path>.<name>`` … ``help.opt.<name>``. Click's own
words (``Usage:``, ``Options``, the help and version options) are translated by the formatter.
The docstrings stay as the developers' description; a test checks that every command and option
has its catalogue text in every language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import click

from bridge.messages import CATALOGUE, t
from config.cli_language import help_language

__all__ = ["LocalisedGroup", "help_keys", "localise", "walk"]

_CLICK_WORDS = {
    "Show this message and exit.": "help.click.help",
    "Show the version and exit.": "help.click.version",
}
_HEADINGS = {"Options": "help.click.options", "Commands": "help.click.commands"}


def walk(
    command: click.Command, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command under ``command`` (itself first) with its path of names."""
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from walk(sub, (*path, name))


def _command_key(path: tuple[str, ...]) -> str:
    return "help.cmd." + ".".join(path or ("bridge",))


def _option_key(path: tuple[str, ...], name: str) -> str | None:
    for depth in range(len(path), -1, -1):
        key = ".".join(("help.opt", *path[:depth], name))
        if key in CATALOGUE:
            return key
    return None


def help_keys(root: click.Command) -> Iterator[tuple[str, str | None]]:
    """(what, catalogue key or None) for every command and every option with a help text."""
    for path, command in walk(root):
        key = _command_key(path)
        yield " ".join(("bridge", *path)), key if key in CATALOGUE else None
        for param in command.params:
            if isinstance(param, click.Option) and param.help and param.name:
                if param.help in _CLICK_WORDS:
                    continue
                where = " ".join(("bridge", *path, max(param.opts, key=len)))
                yield where, _option_key(path, param.name)


def localise(root: click.Command, lang: str) -> None:
    """Put the catalogue's help texts in ``lang`` on every command and option under ``root``."""
    _Formatter.lang = lang
    for path, command in walk(root):
        command.context_class = _Context
        key = _command_key(path)
        if key in CATALOGUE:
            command.help = t(key, lang)
            command.short_help = None
        for param in command.params:
            if isinstance(param, click.Option) and param.name:
                if param.help in _CLICK_WORDS.values() or param.help in _CLICK_WORDS:
                    continue
                found = _option_key(path, param.name)
                if found:
                    param.help = t(found, lang)


class _Formatter(click.HelpFormatter):
    """Click's own words (``Usage:``, ``Options``, the help option) in the chosen language."""

    lang = "nb"  # set by localise() for this process's one command line

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = t("help.click.usage", self.lang) + " "
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        key = _HEADINGS.get(heading)
        super().write_heading(t(key, self.lang) if key else heading)

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        required = "[" + t("help.click.required", self.lang) + "]"
        default = "[" + t("help.click.default", self.lang) + ":"
        rows = [
            (
                term,
                t(_CLICK_WORDS[text], self.lang)
                if text in _CLICK_WORDS
                else text.replace("[required]", required).replace("[default:", default),
            )
            for term, text in rows
        ]
        super().write_dl(rows, col_max, col_spacing)


class _Context(click.Context):
    formatter_class = _Formatter


class LocalisedGroup(click.Group):
    """The root group: decides the help language from the command line, then parses it."""

    context_class = _Context

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        if parent is None:
            localise(self, help_language(args))
        return super().make_context(info_name, args, parent, **extra)
