"""Jobs: one plain function per routine (pull, plan, guard, apply, report).

The same functions run from `bridge sync`, from a Celery task and in the demo.
"""
