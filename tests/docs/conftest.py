"""`mmkg …` run in this process, as the entry point runs it (the fixture of tests/server/)."""

from tests.server.conftest import cli

__all__ = ["cli"]
