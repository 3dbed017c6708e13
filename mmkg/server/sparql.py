"""The SPARQL 1.1 Protocol at ``/sparql``: queries by GET and POST, updates refused.

A query comes as ``?query=`` (GET), as a form field (POST, urlencoded) or as the body
(POST, ``application/sparql-query``), with optional ``default-graph-uri`` and
``named-graph-uri``. SPARQL Update (``update=``, ``application/sparql-update``) gets 403:
the endpoint is read-only. The endpoint's own IRI without a query gives the SPARQL
service description to an RDF client and the query page to a browser.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.datastructures import FormData, QueryParams
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from . import evaluation
from .description import service_description
from .evaluation import Answer
from .negotiation import GRAPH_FORMATS, choose, prefers_html

READ_ONLY = "this endpoint is read-only: SPARQL Update and graph writes are refused"
ALLOW = "GET, HEAD, POST, OPTIONS"


def respond(answer: Answer) -> Response:
    # HTTP header values are Latin-1; a warning may quote a non-ASCII IRI from the query
    extra = {k: v.encode("ascii", "backslashreplace").decode("ascii") for k, v in answer.headers.items()}
    headers = {"Vary": "Accept", **extra}
    return Response(answer.body, status_code=answer.status, media_type=answer.media_type, headers=headers)


def refuse(status: int, message: str, **headers: str) -> Response:
    answer = Answer.error(status, message)
    return Response(answer.body, status_code=status, media_type=answer.media_type, headers=headers)


def _graphs(fields: QueryParams | FormData, name: str) -> tuple[str, ...]:
    return tuple(str(v) for v in fields.getlist(name))


async def endpoint(request: Request) -> Response:
    """The SPARQL endpoint: one query in, its result in the format the client accepts."""
    accept = request.headers.get("accept")
    params = request.query_params
    default_graphs: Sequence[str] = _graphs(params, "default-graph-uri")
    named_graphs: Sequence[str] = _graphs(params, "named-graph-uri")
    if request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            return refuse(403, READ_ONLY)
        if kind == "application/x-www-form-urlencoded":
            form = await request.form()
            if "update" in form:
                return refuse(403, READ_ONLY)
            text = form.get("query")
            default_graphs = (*default_graphs, *_graphs(form, "default-graph-uri"))
            named_graphs = (*named_graphs, *_graphs(form, "named-graph-uri"))
        elif kind == "application/sparql-query":
            text = (await request.body()).decode("utf-8", errors="replace")
        else:
            return refuse(
                415,
                f"a POST takes application/x-www-form-urlencoded or application/sparql-query, not {kind or 'no type'}",
            )
    elif request.method in ("GET", "HEAD"):
        if "update" in params:
            return refuse(403, READ_ONLY)
        text = params.get("query")
        if text is None:
            return _describe_service(request, accept)
    else:
        return refuse(405, READ_ONLY, Allow=ALLOW)
    if not isinstance(text, str) or not text.strip():
        return refuse(400, "no query: give one as the query parameter")
    pool = request.app.state.pool
    return respond(await pool.run(evaluation.query, text, accept, tuple(default_graphs), tuple(named_graphs)))


def _describe_service(request: Request, accept: str | None) -> Response:
    if prefers_html(accept):
        return RedirectResponse("/query", status_code=303)
    fmt = choose(accept, GRAPH_FORMATS)
    if fmt is None:
        return refuse(406, "the service description is RDF: accept text/turtle, application/ld+json, …")
    endpoint_iri = str(request.url.replace(query="", fragment=""))
    body = service_description(endpoint_iri, request.app.state.limits, fmt)
    return Response(body, media_type=fmt.media_type, headers={"Vary": "Accept"})


async def graph_store(request: Request) -> Response:
    """The graph store (``/store``): the whole default graph to read, every write refused."""
    if request.method not in ("GET", "HEAD"):
        return refuse(405, READ_ONLY, Allow="GET, HEAD, OPTIONS")
    if "graph" in request.query_params:
        return refuse(404, "mmkg has only the default graph (use /store?default)")
    release = request.app.state.release
    fmt = choose(request.headers.get("accept"), GRAPH_FORMATS)
    if fmt is None:
        return refuse(406, "the graph is RDF: accept text/turtle, application/n-triples, application/ld+json, …")
    files = {"ttl": "mmkg.ttl", "nt": "mmkg.nt", "jsonld": "mmkg.jsonld", "rdf": "mmkg.owl"}
    path = release / files[fmt.file_extension]
    return FileResponse(path, media_type=fmt.media_type, headers={"Vary": "Accept"})


__all__ = ["endpoint", "graph_store", "refuse", "respond"]
