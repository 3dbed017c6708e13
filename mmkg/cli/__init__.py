"""The ``mmkg`` command: one thin layer over the Python API, one module per command group.

Errors in what the user gave (unknown names, bad SPARQL, bad parameters, broken
files) print one line on stderr and exit with status 2; a failed build exits 1.
"""

from __future__ import annotations

import sys

import click

from ..errors import MmkgError
from .common import DISCLAIMER, _fail, main


def run() -> None:
    """Entry point: run the CLI, turning every user-facing error into one line."""
    try:
        main(standalone_mode=False)
    except MmkgError as error:
        _fail(error)
    except click.exceptions.Abort:
        click.echo("mmkg: aborted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        click.echo(f"mmkg: error: {error.format_message()}", err=True)
        sys.exit(2)


__all__ = ["DISCLAIMER", "main", "run"]
