"""The ``bridge`` command line."""
