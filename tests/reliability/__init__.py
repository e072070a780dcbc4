"""Reliability tests' helpers, fixtures and the pytest plugin writing docs/RELIABILITY.md."""
