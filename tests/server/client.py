"""Plain HTTP (urllib) against the test server, with errors as answers rather than exceptions."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message


@dataclass
class Reply:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def media_type(self) -> str:
        return self.headers.get_content_type()


def fetch(
    url: str,
    *,
    method: str = "GET",
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> Reply:
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.headers, error.read())


def get_query(base: str, query: str, accept: str = "application/sparql-results+json") -> Reply:
    return fetch(f"{base}/sparql?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept})


def post_form(base: str, fields: dict[str, str], accept: str = "application/sparql-results+json") -> Reply:
    return fetch(
        f"{base}/sparql",
        method="POST",
        data=urllib.parse.urlencode(fields).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
    )
