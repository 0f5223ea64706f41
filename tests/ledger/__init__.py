"""Tests of the ledger (SQLite and PostgreSQL)."""
