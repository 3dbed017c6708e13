"""What every ``mmkg`` command shares: the command group, the disclaimer, one-line errors, options.

Errors in what the user gave (unknown names, bad SPARQL, bad parameters, broken
files) print one line on stderr and exit with status 2; a failed build exits 1.
"""

from __future__ import annotations

import sys
from typing import Any, NoReturn

import click

from ..errors import BuildFailed, InputError, MmkgError
from ..output import FORMATS

DISCLAIMER = (
    "mmkg gives information about multiple myeloma therapies with its evidence "
    "(trials, approvals, guidelines, each with its source). It is not medical advice: "
    "treatment decisions belong to the patient and their physicians."
)


def _fail(error: MmkgError) -> NoReturn:
    from ..sequencing import HistoryError

    if isinstance(error, HistoryError):
        for problem in error.problems:
            click.echo(f"mmkg: error: {error.source}: {problem}", err=True)
    else:
        click.echo(f"mmkg: error: {error}", err=True)
    if isinstance(error, BuildFailed):
        for line in error.details:
            click.echo(f"  {line}", err=True)
    sys.exit(error.exit_code)


def _load() -> Any:
    from ..graph import load

    return load()


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--param expects NAME=VALUE, got {pair!r}")
        params[key.strip()] = value.strip()
    return params


format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."
)


@click.group(help=f"mmkg: a knowledge graph of multiple myeloma therapies.\n\n{DISCLAIMER}")
@click.version_option(package_name="mmkg")
def main() -> None:
    pass
