"""``mmkg serve``: a read-only SPARQL endpoint over the release, with pages for people.

- :mod:`.app` assembles the ASGI application (Starlette) and its routes;
- :mod:`.sparql` is the SPARQL 1.1 Protocol, :mod:`.description` its service description;
- :mod:`.pool` runs queries in worker processes that are killed at the time limit;
- :mod:`.evaluation` and :mod:`.views` are what the workers do;
- :mod:`.negotiation` picks a format from the ``Accept`` header;
- :mod:`.federation` tells whether a query calls another service.

Needs the ``[server]`` extras (Starlette, uvicorn, pebble, Jinja2).
"""

from .app import Settings, create_app
from .evaluation import Limits

__all__ = ["Limits", "Settings", "create_app"]
