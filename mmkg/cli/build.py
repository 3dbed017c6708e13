"""``mmkg build``: rebuild the release from the curated Turtle (needs the [build] extras and Java)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import BuildFailed, InputError
from .common import main


@main.command(
    help="Merge the curated Turtle, reason with HermiT, apply rules, validate with SHACL and write the release."
)
@click.option(
    "--out", type=click.Path(path_type=Path), default=None, help="Release folder (default: the project's release/)."
)
@click.option("--check", is_flag=True, help="Rebuild in a scratch folder and fail if the release differs.")
def build(out: Path | None, check: bool) -> None:
    try:
        from .. import build as building
    except ImportError as error:
        raise InputError(
            f"the build needs the optional dependencies ({error.name} is missing): pip install 'mmkg[build]'"
        ) from None

    if check:
        differing = building.check(release=out)
        if differing:
            raise BuildFailed(
                f"the release is out of date or not reproducible: {', '.join(differing)} differ; run `mmkg build`"
            )
        click.echo("release is up to date and reproducible")
        return
    report = building.build(out=out)
    for line in report.warnings:
        click.echo(f"  {line}", err=True)
    click.echo(f"built release: {report.summary()}")
