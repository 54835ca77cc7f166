"""Shared test helpers (no test module imports another)."""
