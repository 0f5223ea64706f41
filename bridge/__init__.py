"""The bridge's pure core: records, normalisation, matching and planning.

Nothing in this package does I/O: it takes snapshots and returns plans, so it can be
tested with plain data and reused by the CLI, the Celery worker and the demo alike.
"""

__all__: list[str] = []
