"""A Virtuoso server (Debian's virtuoso-opensource) of the tests' own: a fresh database in a
temporary folder, on free loopback ports, loaded with the release by its bulk loader.

.ci/run installs the package; nothing here touches the system's own Virtuoso instance.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mmkg import resources
from tests.server.conftest import free_port

SERVER = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
# the package's own template (the postinst copies it to /etc, where an administrator may change it)
TEMPLATE_INI = Path("/usr/share/virtuoso-opensource-7/virtuoso.ini")
GRAPH = "https://w3id.org/mmkg/release"


@dataclass
class Virtuoso:
    process: subprocess.Popen[bytes]
    sql_port: int
    http_port: int
    folder: Path

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def sql(self, statements: str) -> str:
        assert ISQL is not None
        result = subprocess.run(
            [ISQL, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statements}"],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0 or "*** Error" in result.stdout + result.stderr:
            raise RuntimeError(f"isql failed: {result.stdout}{result.stderr}")
        return result.stdout

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def configuration(folder: Path, sql_port: int, http_port: int) -> str:
    """The packaged virtuoso.ini with the database in ``folder`` and both servers on loopback ports."""
    text = TEMPLATE_INI.read_text(encoding="utf-8")
    for pattern, replacement in (
        (r"/var/lib/virtuoso-opensource-7/db/", f"{folder}/"),
        (r"(?m)^ServerPort\s*=\s*1111\b", f"ServerPort = 127.0.0.1:{sql_port}"),
        (r"(?m)^ServerPort\s*=\s*8890\b", f"ServerPort = 127.0.0.1:{http_port}"),
        (r"(?m)^DirsAllowed\s*=\s*", f"DirsAllowed = {folder}, "),
        (r"(?m)^ResultSetMaxRows\s*=.*$", "ResultSetMaxRows = 1000000"),
    ):
        text, count = re.subn(pattern, replacement, text)
        if not count:  # a new template: the server would otherwise touch the system's database or ports
            raise RuntimeError(f"{TEMPLATE_INI} has no {pattern!r}; adapt tests/server/virtuoso.py")
    return text


def start(folder: Path, release_nt: Path) -> Virtuoso:
    """Start a Virtuoso with a new database in ``folder`` and bulk-load ``release_nt`` into one graph."""
    assert SERVER is not None and TEMPLATE_INI.is_file(), "virtuoso-opensource is not installed"
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(configuration(folder, sql_port, http_port), encoding="utf-8")
    shutil.copy(release_nt, folder / "mmkg.nt")
    process = subprocess.Popen(
        [SERVER, "+configfile", str(folder / "virtuoso.ini"), "+foreground"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Virtuoso(process, sql_port, http_port, folder)
    _wait_for_http(server)
    server.sql(f"ld_dir('{folder}', 'mmkg.nt', '{GRAPH}'); rdf_loader_run(); checkpoint;")
    return server


def _wait_for_http(server: Virtuoso) -> None:
    probe = server.endpoint + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            log = server.folder / "virtuoso.log"
            raise RuntimeError(f"virtuoso exited: {log.read_text()[-2000:] if log.exists() else ''}")
        try:
            with urllib.request.urlopen(probe, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    server.stop()
    raise RuntimeError("virtuoso did not answer within 120 s")


def serve_release(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A Virtuoso loaded with the release, for a module fixture; skipped where the package is
    not installed (failed on CI, where .ci/run installs it)."""
    if SERVER is None:
        if os.environ.get("CI"):
            pytest.fail("virtuoso-opensource is not installed (.ci/run installs it)")
        pytest.skip("needs Debian's virtuoso-opensource (apt-get install virtuoso-opensource)")
    server = start(tmp_path_factory.mktemp("virtuoso"), resources.release_dir() / "mmkg.nt")
    yield server
    server.stop()
