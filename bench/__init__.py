"""Benchmarks: ``python -m bench`` runs every ``bench/<name>.py``; ``python -m bench NAME``
runs one. A bench module exposes ``main(argv: list[str]) -> None`` and prints a plain-text
table. Timings live here, never in timed tests (DESIGN.md)."""
