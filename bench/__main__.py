"""Run benchmarks: ``python -m bench [NAME ...] [-- ARGS]`` (no NAME: all of them)."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import bench


def available() -> list[str]:
    return sorted(
        m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_")
    )


def main(argv: list[str]) -> int:
    args = argv[argv.index("--") + 1 :] if "--" in argv else []
    names = argv[: argv.index("--")] if "--" in argv else argv
    if any(n in ("-h", "--help") for n in names):
        print(__doc__)
        print("available:", ", ".join(available()))
        return 0
    unknown = [n for n in names if n not in available()]
    if unknown:
        print(f"unknown bench {', '.join(unknown)}; available: {', '.join(available())}")
        return 2
    for name in names or available():
        print(f"== bench {name} ==", flush=True)
        importlib.import_module(f"bench.{name}").main(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
