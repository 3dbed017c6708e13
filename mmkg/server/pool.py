"""A pool of worker processes that answer queries, each stopped when it runs out of time.

pyoxigraph releases the GIL while it evaluates a query (measured: a pure-Python loop in
another thread kept 58% of its speed on a busy 2-core machine while a 17 s query ran; a
held GIL would have stopped it), so threads would run queries in parallel; but
pyoxigraph cannot cancel a query, and a thread cannot be stopped, so a
runaway query in a thread would hold a core until it finished — hours, for a cross
product. Each query therefore runs in a worker process with its own copy of the release
(about 25,000 triples, loaded in well under a second): pebble's pool kills a worker whose
task passes the time limit and starts a fresh one, while the other workers go on answering.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pebble

from . import evaluation
from .evaluation import Answer, Limits


class Pool:
    """``workers`` processes over the release at ``release`` (``None``: the shipped one), under ``limits``."""

    def __init__(self, release: Path | None, *, workers: int, limits: Limits) -> None:
        self.limits = limits
        # forkserver: workers start from a clean process, not from a copy of the server's threads
        self._pool = pebble.ProcessPool(
            max_workers=workers,
            initializer=evaluation.start,
            initargs=(str(release) if release else None, limits),
            context=multiprocessing.get_context("forkserver"),
        )

    async def run(self, task: Callable[..., Any], *args: Any) -> Any:
        """Run ``task(*args)`` in a worker; an :class:`Answer` for a timeout or a dead worker."""
        future = self._pool.schedule(task, args=args, timeout=self.limits.timeout)
        try:
            return await asyncio.wrap_future(future)
        except TimeoutError:
            return Answer.error(
                503, f"the query ran longer than this server's limit of {self.limits.timeout:g} s and was stopped"
            )
        except pebble.ProcessExpired as error:
            return Answer.error(
                500,
                f"the worker answering the query died (exit code {error.exitcode}: out of memory, or a crash); "
                "narrow the query",
            )
        except asyncio.CancelledError:
            future.cancel()  # type: ignore[no-untyped-call]  # the client went away: free its worker
            raise
        except Exception as error:  # a bug in a worker: the client gets one line, the server goes on
            first = str(error).strip().splitlines()
            return Answer.error(500, f"internal error: {type(error).__name__}: {first[0] if first else ''}")

    def close(self) -> None:
        self._pool.stop()  # type: ignore[no-untyped-call]
        self._pool.join()


__all__ = ["Pool"]
