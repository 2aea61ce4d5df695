"""Helpers shared by the tests: fixtures databases, stations, PDF checks, screen drivers (no tests here)."""
