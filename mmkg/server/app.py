"""The ASGI application: the SPARQL endpoint, the pages, the dataset description, every mmkg IRI.

Each mmkg IRI is a page for a browser and its triples for an RDF client:

==================================  ==============================================================
``/``                               the model documentation (``release/model.html``)
``/sparql``                         the SPARQL 1.1 Protocol (read-only); its service description
``/query``                          the query page (YASGUI, served from the package) with the named queries
``/queries``, ``/queries/N``        the named queries as JSON; one run with parameters, or its SPARQL
``/store``                          the graph store: the whole graph to read, writes refused
``/.well-known/void``               the VoID and DCAT description (also ``/dataset``, ``/void``)
``/release/F``, ``/mappings``       the release files and the SSSOM mapping set
``/mmkg.owl``, ``/releases/V/F``    the ontology's IRI and the dated IRIs of this release's files
``/anything/else``                  the mmkg IRI ``https://w3id.org/mmkg/anything/else``: HTML or RDF
==================================  ==============================================================
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import resources
from ..docs.model import environment, href
from ..docs.void import BASE
from ..prefixes import prefix_map
from ..queries import catalogue
from . import evaluation, views
from .evaluation import Limits
from .negotiation import GRAPH_FORMATS, choose, prefers_html
from .pool import Pool
from .sparql import endpoint, graph_store, refuse, respond

HERE = Path(__file__).parent
MEDIA_TYPES = {
    ".nt": "application/n-triples",
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".owl": "application/rdf+xml",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
}


@dataclass(frozen=True)
class Settings:
    """How the server runs: which release, how many workers, under which limits."""

    release: Path | None = None
    workers: int = 2
    limits: Limits = field(default_factory=Limits)

    @property
    def release_dir(self) -> Path:
        return self.release or resources.release_dir()


def _local(iri: str) -> str:
    """Mmkg's own IRIs link to this server's pages."""
    return "/" + href(iri) if iri.startswith(BASE) else iri


@cache
def templates() -> jinja2.Environment:
    return environment("mmkg.server", link=_local)


def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(templates().get_template(name).render(**context), status_code=status)


def _catalogue_json() -> list[dict[str, Any]]:
    return [
        {
            "name": q.name,
            "title": q.title,
            "description": q.description,
            "parameters": [
                {"name": p.name, "type": p.type, "kind": p.kind, "default": p.default, "description": p.description}
                for p in q.parameters
            ],
            "examples": list(q.examples),
            "sparql": q.sparql,
        }
        for q in catalogue()
    ]


async def model_page(request: Request) -> Response:
    path = request.app.state.release / "model.html"
    if not path.is_file():
        return refuse(404, "this release has no model.html: rebuild it with `mmkg build`")
    return FileResponse(path, media_type="text/html; charset=utf-8")


async def query_page(request: Request) -> Response:
    return page("query.html", queries=_catalogue_json(), limits=request.app.state.limits, prefixes=prefix_map())


async def list_queries(request: Request) -> Response:
    return JSONResponse(_catalogue_json())


async def run_named_query(request: Request) -> Response:
    name = request.path_params["name"]
    params = {k: v for k, v in request.query_params.items() if v != ""}
    pool: Pool = request.app.state.pool
    if name.endswith(".rq"):
        return respond(await pool.run(evaluation.named_query_sparql, name.removesuffix(".rq"), params))
    return respond(await pool.run(evaluation.named_query, name, params, request.headers.get("accept")))


async def dataset(request: Request) -> Response:
    """The VoID and DCAT description, in the RDF format the client accepts (Turtle by default)."""
    path = request.app.state.release / "void.ttl"
    if not path.is_file():
        return refuse(404, "this release has no void.ttl: rebuild it with `mmkg build`")
    fmt = choose(request.headers.get("accept"), GRAPH_FORMATS)
    if fmt is None or fmt == ox.RdfFormat.TURTLE:
        return FileResponse(path, media_type="text/turtle", headers={"Vary": "Accept"})
    data = ox.serialize(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE), format=fmt)
    return Response(data, media_type=fmt.media_type, headers={"Vary": "Accept"})


def release_files(folder: Path) -> list[str]:
    """The files of the release in ``folder`` that the server gives: whatever the build wrote there."""
    return sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix in MEDIA_TYPES)


async def release_file(request: Request) -> Response:
    name = request.path_params.get("name") or request.path_params["path"]
    folder: Path = request.app.state.release
    files = release_files(folder)
    if name not in files:  # a name from the folder's own listing: no other path is ever opened
        return refuse(404, f"no release file {name!r}; the release has {', '.join(files)}")
    return FileResponse(folder / name, media_type=MEDIA_TYPES[Path(name).suffix])


async def versioned_file(request: Request) -> Response:
    """A dated IRI of a release file (``/releases/VERSION/mmkg.owl``): the file, when VERSION is this release's."""
    version = request.path_params["version"]
    served = request.app.state.version
    if version != served:
        return refuse(404, f"this server holds release {served}, not {version}; see the project's releases for others")
    return await release_file(request)


async def mappings(request: Request) -> Response:
    return FileResponse(
        resources.ontology_dir() / "mappings" / "mmkg.sssom.tsv", media_type="text/tab-separated-values; charset=utf-8"
    )


async def linked_data(request: Request) -> Response:
    """An mmkg IRI: an HTML page for a browser, its triples for an RDF client (content negotiation)."""
    if request.path_params["path"] in release_files(request.app.state.release):
        return await release_file(request)  # the ontology's IRI (…/mmkg.owl) names the release's file
    iri = BASE + request.path_params["path"]
    try:
        ox.NamedNode(iri)
    except ValueError:
        return refuse(404, f"{iri!r} is not an IRI, so not an mmkg IRI")
    accept = request.headers.get("accept")
    pool: Pool = request.app.state.pool
    if prefers_html(accept):
        view = await pool.run(views.resource_view, iri)
        if isinstance(view, evaluation.Answer):
            return respond(view)
        if view is None:
            return page("missing.html", status=404, iri=iri)
        return page("resource.html", resource=view)
    answer = await pool.run(evaluation.describe, iri, accept)
    response = respond(answer)
    response.headers["Link"] = f'<{iri}>; rel="canonical"'
    return response


@contextlib.asynccontextmanager
async def _lifespan(app: Starlette) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    app.state.pool = Pool(settings.release, workers=settings.workers, limits=settings.limits)
    app.state.version = await app.state.pool.run(evaluation.release_version)
    try:
        yield
    finally:
        app.state.pool.close()


def create_app(settings: Settings | None = None) -> Starlette:
    """The application; its worker processes start with it and stop with it (ASGI lifespan)."""
    settings = settings or Settings()
    app = Starlette(
        routes=[
            Route("/", model_page),
            Route("/sparql", endpoint, methods=["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"]),
            Route("/store", graph_store, methods=["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"]),
            Route("/query", query_page),
            Route("/queries", list_queries),
            Route("/queries/{name}", run_named_query),
            Route("/.well-known/void", dataset),
            Route("/dataset", dataset),
            Route("/void", dataset),
            Route("/release/{name}", release_file),
            Route("/releases/{version}/{name}", versioned_file),
            Route("/mappings/mmkg.sssom.tsv", mappings),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
            Route("/{path:path}", linked_data),
        ],
        middleware=[
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=["*"],
                expose_headers=["X-Mmkg-Warning"],
            )
        ],
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.release = settings.release_dir
    app.state.limits = settings.limits
    return app


__all__ = ["Settings", "create_app"]
