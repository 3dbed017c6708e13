"""A running `mmkg serve` on a free loopback port, started once per test session and stopped after it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

TIMEOUT = 2.0  # the test server's time limit per query, in seconds
MAX_RESULT_BYTES = 2_000_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(*options: str) -> tuple[subprocess.Popen[bytes], str]:
    """Start `mmkg serve` on a free loopback port; return the process and its base URL once it answers."""
    port = free_port()
    command = [sys.executable, "-m", "mmkg", "serve", "--port", str(port), *options]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    probe = base + "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"mmkg serve exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            with urllib.request.urlopen(probe, timeout=5) as response:
                if response.status == 200:
                    return process, base
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    stop_server(process)
    raise RuntimeError("mmkg serve did not answer within 60 s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The base URL of a server with a short time limit and a small result limit."""
    process, base = start_server(
        "--timeout", str(TIMEOUT), "--max-result-bytes", str(MAX_RESULT_BYTES), "--workers", "2"
    )
    yield base
    stop_server(process)
