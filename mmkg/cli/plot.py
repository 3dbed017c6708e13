"""``mmkg plot``: pictures drawn from the graph (forest, timeline, options, lattice), as SVG or PNG."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import ModuleType

import click

from ..errors import InputError
from ..sequencing.regions import REGIONS
from .common import DISCLAIMER, _load, _parse_params, main, once

output_option = once(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The picture's file; its extension (.svg or .png) gives the format.",
)


def _plots() -> ModuleType:
    try:
        from .. import plots
    except ImportError:
        raise InputError("pictures need matplotlib: pip install 'mmkg[plots]'") from None
    return plots


@main.group(help=f"Pictures drawn from the graph, as SVG or PNG (by the output file's extension).\n\n{DISCLAIMER}")
def plot() -> None:
    pass


@plot.command(
    help=(
        "A forest plot of hazard ratios with their confidence intervals, one row per result, labelled with trial, "
        "comparison and population; --param takes any parameter of the named query hazard-ratios "
        "(endpoint, statistic, population, regimen_class, trial)."
    )
)
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="Query parameter (repeatable).")
@output_option
def forest(params: tuple[str, ...], output: Path) -> None:
    _plots().forest(_load(), output=output, **_parse_params(params))
    click.echo(f"wrote {output}")


@plot.command(help="A product's regulatory timeline per agency (FDA, EC, CHMP, AIFA), with the indications in force.")
@click.argument("product")
@once("--as-of", "as_of", default=None, metavar="YYYY-MM-DD", help="Where open bars end (default: today).")
@output_option
def timeline(product: str, as_of: str | None, output: Path) -> None:
    _plots().timeline(_load(), product, as_of=_day(as_of), output=output)
    click.echo(f"wrote {output}")


@plot.command(
    name="options",
    help=(
        "A patient's sequencing map: prior lines, derived states and the options in force, coloured by status "
        f"with the reason beside each.\n\n{DISCLAIMER}"
    ),
)
@once(
    "--history",
    "history_file",
    required=True,
    type=click.Path(path_type=Path),
    help="Patient history (YAML, JSON or Turtle).",
)
@once(
    "--region",
    required=True,
    type=click.Choice(REGIONS, case_sensitive=False),
    help="US (FDA), EU (European Commission) or IT (EU + AIFA).",
)
@once("--as-of", "as_of", default=None, metavar="YYYY-MM-DD", help="The day to answer for (default: today).")
@output_option
def options_map(history_file: Path, region: str, as_of: str | None, output: Path) -> None:
    _plots().options_map(_load(), history_file, region=region, as_of=_day(as_of), output=output)
    click.echo(f"wrote {output}")


@plot.command(help="The drug classification lattice: molecular target × modality, by pharmacological class.")
@output_option
def lattice(output: Path) -> None:
    _plots().lattice(_load(), output=output)
    click.echo(f"wrote {output}")


def _day(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--as-of expects YYYY-MM-DD, got {text!r}") from None
