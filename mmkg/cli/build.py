"""``mmkg build``: rebuild the release from the curated Turtle (needs the [build] extras and Java).

``--out`` must be a new path, an empty folder or a previous release: anything else is
refused before the build starts. SIGTERM stops the build like Ctrl-C: HermiT and the
temporary folders go with it, and the release is left as it was.
"""

from __future__ import annotations

import signal
from pathlib import Path
from types import FrameType

import click

from ..errors import BuildFailed, InputError
from .common import main, once


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # unwinds the build: its finally blocks remove what it started


@main.command(
    help="Merge the curated Turtle, reason with HermiT, apply rules, validate with SHACL and write the release."
)
@once(
    "--out",
    type=str,
    default=None,
    metavar="DIR",
    help="Release folder: new, empty or a previous release (default: the project's release/).",
)
@click.option("--check", is_flag=True, help="Rebuild in a scratch folder and fail if the release differs.")
def build(out: str | None, check: bool) -> None:
    try:
        from .. import build as building
    except ImportError as error:
        raise InputError(
            f"the build needs the optional dependencies ({error.name} is missing): pip install 'mmkg[build]'"
        ) from None

    if out is not None and (not out.strip() or "\x00" in out):
        raise InputError("--out needs a folder name")
    target = Path(out) if out is not None else None
    signal.signal(signal.SIGTERM, _terminated)
    if check:
        differing = building.check(release=target)
        if differing:
            raise BuildFailed(
                f"the release is out of date or not reproducible: {', '.join(differing)} differ; run `mmkg build`"
            )
        click.echo("release is up to date and reproducible")
        return
    report = building.build(out=target)
    for line in report.warnings:
        click.echo(f"  {line}", err=True)
    click.echo(f"built release: {report.summary()}")
