"""``mmkg serve``: the read-only SPARQL endpoint, the query page and the linked-data pages."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import click

from ..errors import InputError
from .common import DISCLAIMER, main, once


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@main.command(
    help=(
        "Serve the release: a read-only SPARQL 1.1 endpoint (/sparql), a query page with the named "
        "queries (/query), the model documentation (/), the dataset description (/.well-known/void) "
        "and every mmkg IRI as a page or as RDF. Listens on the loopback address unless told otherwise."
        f"\n\n{DISCLAIMER}"
    )
)
@once("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@once("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--allow-remote", is_flag=True, help="Allow a --host that is not a loopback address (others can then query)."
)
@once(
    "--workers",
    default=max(2, os.cpu_count() or 2),
    show_default="the number of CPUs, at least 2",
    type=click.IntRange(1, 64),
    help="Query worker processes (a runaway query holds one until the time limit).",
)
@once("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1), help="Seconds a query may run.")
@once(
    "--max-result-bytes",
    default=32 * 2**20,
    show_default=True,
    type=click.IntRange(1),
    help="Largest result a query may return.",
)
@once(
    "--max-memory",
    default=4 * 2**30,
    show_default=True,
    type=click.IntRange(2**28),
    help="Address space of each worker process, in bytes.",
)
@click.option("--allow-service", is_flag=True, help="Let queries call other SPARQL endpoints (SERVICE).")
@once(
    "--release",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="Release folder (default: the shipped release).",
)
def serve(
    host: str,
    port: int,
    allow_remote: bool,
    workers: int,
    timeout: float,
    max_result_bytes: int,
    max_memory: int,
    allow_service: bool,
    release: Path | None,
) -> None:
    if not _loopback(host) and not allow_remote:
        raise InputError(f"{host} is not a loopback address: add --allow-remote to let other machines query")
    try:
        import uvicorn

        from ..server import Limits, Settings, create_app
    except ImportError as error:
        raise InputError(
            f"the server needs the optional dependencies ({error.name} is missing): pip install 'mmkg[server]'"
        ) from None
    limits = Limits(
        timeout=timeout, max_result_bytes=max_result_bytes, max_memory=max_memory, allow_service=allow_service
    )
    app = create_app(Settings(release=release, workers=workers, limits=limits))
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"mmkg: serving on http://{shown}:{port}/ (query page /query, SPARQL /sparql); Ctrl-C stops", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
