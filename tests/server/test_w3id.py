"""The w3id.org redirect rules (w3id/mmkg/.htaccess) send every mmkg IRI to a server path that answers.

The rules are applied as mod_rewrite applies them in a folder's .htaccess (the path is
relative to /mmkg/, the first matching rule wins, $1 is the first group), then each
target path is asked of the test server.
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest

from tests.server.client import fetch

HTACCESS = Path(__file__).parents[2] / "w3id" / "mmkg" / ".htaccess"
RULE = re.compile(r"^RewriteRule\s+(\S+)\s+(\S+)\s+\[([^\]]+)\]\s*$")


def rules() -> list[tuple[re.Pattern[str], str, dict[str, str]]]:
    found = []
    for line in HTACCESS.read_text(encoding="utf-8").splitlines():
        match = RULE.match(line.strip())
        if match:
            flags = dict(f.partition("=")[::2] for f in match.group(3).split(","))
            found.append((re.compile(match.group(1)), match.group(2), flags))
    return found


def redirect(path: str) -> tuple[int, str]:
    for pattern, target, flags in rules():
        match = pattern.search(path)
        if match:
            assert "L" in flags and "QSA" in flags
            return int(flags["R"]), match.expand(re.sub(r"\$(\d)", r"\\\1", target))
    raise AssertionError(f"no rule for {path!r}")


@pytest.mark.parametrize(
    ("path", "status", "accept"),
    [
        ("drug/lenalidomide", 303, "text/turtle"),
        ("drug/lenalidomide", 303, "text/html"),
        ("ontology/ImmunomodulatoryDrug", 303, "application/ld+json"),
        ("regimen/IsaKd", 303, "application/n-triples"),
        ("", 302, "text/html"),
        ("query", 302, "text/html"),
        (".well-known/void", 302, "text/turtle"),
        ("release/mmkg.ttl", 302, "text/turtle"),
        ("mmkg.owl", 302, "application/rdf+xml"),
        ("mappings/mmkg.sssom.tsv", 302, "*/*"),
    ],
)
def test_each_iri_redirects_to_a_server_path_that_answers(server: str, path: str, status: int, accept: str) -> None:
    code, target = redirect(path)
    assert code == status
    parts = urllib.parse.urlsplit(target)
    assert parts.scheme == "https"
    assert parts.path == "/" + path
    assert fetch(server + parts.path, headers={"Accept": accept}).status == 200


def test_the_sparql_endpoint_keeps_the_post(server: str) -> None:
    code, target = redirect("sparql")
    assert code == 307  # a 303 would turn the POST into a GET and drop the query
    reply = fetch(
        server + urllib.parse.urlsplit(target).path,
        method="POST",
        data=b"ASK { drug:lenalidomide ?p ?o }",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert reply.status == 200


def test_all_rules_point_at_one_host() -> None:
    hosts = {urllib.parse.urlsplit(target).netloc for _, target, _ in rules()}
    assert len(hosts) == 1
