"""Tests of the Celery side: a real worker process, real Redis, the sandbox stand-ins."""
