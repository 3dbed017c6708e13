"""Errors that reach the user as one line, never as a traceback."""

from __future__ import annotations


class MmkgError(Exception):
    """Base of every error mmkg reports to its user; ``str(error)`` is one line."""

    exit_code = 2


class InputError(MmkgError):
    """Bad input: unknown name, bad parameter, malformed file or query."""


class BuildFailed(MmkgError):
    """The build stopped: broken Turtle, a SHACL violation or an inconsistent ontology."""

    exit_code = 1

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = details or []
