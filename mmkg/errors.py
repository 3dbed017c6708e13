"""Errors that reach the user as one line, never as a traceback.

The Python API raises these and only these for anything its user did or gave
(every other exception is a bug in mmkg). ``str(error)`` is one line; the CLI
prints it on stderr and exits with ``error.exit_code``: 2 for bad input (which
includes a query that ran past a limit), 1 for a failed build.
"""

from __future__ import annotations


def one_line(text: object) -> str:
    """``text`` on one line: line breaks and other control characters (from what the user gave) escaped."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in str(text))


class MmkgError(Exception):
    """Base of every error mmkg reports to its user; ``str(error)`` is one line."""

    exit_code = 2

    def __init__(self, message: object = "") -> None:
        super().__init__(one_line(message))


class InputError(MmkgError):
    """Bad input: unknown name, bad parameter, malformed file or query."""


class LimitExceeded(InputError):
    """A query ran past a limit and was stopped; ``limit`` is ``"timeout"``, ``"max_rows"`` or ``"memory"``.

    Nothing partial is returned: raise the limit (``timeout=``, ``max_rows=`` in Python,
    ``--timeout``, ``--max-rows`` on the command line) or narrow the query.
    """

    def __init__(self, message: object, *, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


class BuildFailed(MmkgError):
    """The build stopped: broken Turtle, a SHACL violation or an inconsistent ontology."""

    exit_code = 1

    def __init__(self, message: object, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = details or []
