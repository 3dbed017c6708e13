"""How the reliability suites run an input and judge what came out (issue 11).

Every outcome is one of:

- ``clean``: exit 0 with a correct answer, or a clean error: exit 1 or 2, nothing on stdout,
  every stderr line a complete ``mmkg: error: …`` line (a history's problems and a build's
  violations are listed one per line; nothing else) and no traceback;
- ``traceback``: a Python traceback, an exception that is not one of mmkg's documented errors,
  or a crash;
- ``hang``: past the time bound, or past the memory bound;
- ``wrong``: exit 0 with a wrong answer, or an error where an answer was due (or the reverse).

The CLI runs in a subprocess with an address-space limit (``MEMORY``) and a time bound;
the Python API and the history reader run in-process under ``SIGALRM``. The repository under
test is ``MMKG_REPO`` (default: this checkout), so the same suites measure another checkout
(``python -m tests.reliability.tally``).
"""

from __future__ import annotations

import contextlib
import io
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(os.environ.get("MMKG_REPO", Path(__file__).resolve().parents[2]))
MEMORY = 3 * 1024**3  # address space of a CLI run (the JVM of a build is not run by these suites)
WARNING = "mmkg: warning: "  # before an answer or an error (unknown terms in inline SPARQL): not an error line
TIME = 45.0  # seconds for one CLI run (the default query time limit is 30 s)


@dataclass
class Run:
    """What one run gave."""

    code: int | None
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool = False
    value: Any = None  # the Python API: what the call returned
    error: BaseException | None = None  # the Python API: what it raised


@dataclass
class Expect:
    """What a correct run gives: an answer (``check`` on stdout or the value) or an error (``code``, ``needle``)."""

    code: int = 0
    needle: str | None = None  # a piece of the error message (case-insensitive), when an error is expected
    check: Callable[[Any], bool] | None = None  # on stdout (CLI) or the returned value (API)
    either: bool = False  # an answer or a clean error are both correct (generated inputs)


def ok(check: Callable[[Any], bool] | None = None) -> Expect:
    return Expect(0, check=check)


def error(needle: str | None = None, code: int = 2) -> Expect:
    return Expect(code, needle=needle)


def anything() -> Expect:
    return Expect(either=True)


@dataclass
class Case:
    """One input to an entry point, with what a correct run gives."""

    name: str
    args: Any
    expect: Expect
    setup: Callable[[Path], Any] | None = None  # makes files in a scratch folder; returns what the args need
    tags: tuple[str, ...] = field(default_factory=tuple)


def _limit_memory() -> None:  # pragma: no cover (runs in the child)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def default_sigint() -> None:  # pragma: no cover (runs in the child)
    """A child's SIGINT as a terminal's foreground job has it.

    A test run started in the background (``… &`` without job control) ignores SIGINT, and
    its children inherit that, as Unix means it: tests that send SIGINT restore the default.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_cli(args: list[str], *, cwd: Path | None = None, seconds: float = TIME) -> Run:
    """``mmkg ARGS`` in a subprocess with bounded memory and time; a hang is killed and reported."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-c", "from mmkg.cli import run; run()", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd or REPO,
        env=env,
        preexec_fn=_limit_memory,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=seconds)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        timed_out = True
    return Run(
        process.returncode,
        out.decode("utf-8", "replace"),
        err.decode("utf-8", "replace"),
        time.monotonic() - start,
        timed_out,
    )


class _Alarm(BaseException):
    """Raised by SIGALRM in the call under test (a BaseException, so the code under test cannot swallow it)."""


@contextlib.contextmanager
def alarm(seconds: float) -> Iterator[None]:
    def ring(signum: int, frame: Any) -> None:
        raise _Alarm

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_in_process(args: list[str]) -> tuple[int, str, str]:
    """``mmkg ARGS`` in this process (no start-up cost): (exit code, stdout, stderr), under a 60-second alarm."""
    from mmkg.cli import run

    out, err = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["mmkg", *args]
    code = 0
    try:
        with alarm(60), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            run()
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    finally:
        sys.argv = argv
    return code, out.getvalue(), err.getvalue()


def run_call(call: Callable[[], Any], *, seconds: float = 20.0) -> Run:
    """Call ``call`` in-process within ``seconds``, keeping what it returned or raised and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    value = None
    raised: BaseException | None = None
    timed_out = False
    try:
        with alarm(seconds), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            value = call()
    except _Alarm:
        timed_out = True
    except SystemExit as exit_:
        raised = exit_
    except Exception as exc:  # judged below: mmkg's errors are clean, the rest are tracebacks
        raised = exc
    return Run(None, out.getvalue(), err.getvalue(), time.monotonic() - start, timed_out, value, raised)


def judge_cli(run: Run, expect: Expect) -> tuple[str, str]:
    """(outcome, why) of a CLI run."""
    if run.timed_out:
        return "hang", f"no answer in {run.seconds:.0f} s"
    if "Traceback (most recent call last)" in run.stderr or run.code is None or run.code < 0:
        return "traceback", run.stderr.strip().splitlines()[-1] if run.stderr.strip() else f"signal {run.code}"
    if "MemoryError" in run.stderr:
        return "hang", "out of memory"
    lines = [line for line in run.stderr.strip().splitlines() if not line.startswith(WARNING)]
    if run.code == 0:
        if expect.code != 0 and not expect.either:
            return "wrong", f"exit 0, expected an error ({expect.needle})"
        if expect.check is not None and not expect.check(run.stdout):
            return "wrong", f"exit 0 with a wrong answer: {run.stdout[:200]!r}"
        return "clean", "answer"
    if run.code not in (1, 2):
        return "traceback", f"exit {run.code}: {run.stderr[-300:]!r}"
    if not lines or not lines[0].startswith("mmkg: error: "):
        return "traceback", f"exit {run.code} without a one-line error: {run.stderr[:300]!r}"
    if any(not (line.startswith(("mmkg: error: ", "  "))) for line in lines):
        return "traceback", f"stray stderr lines: {run.stderr[:300]!r}"
    if run.stdout.strip():
        return "wrong", f"an error, yet something on stdout: {run.stdout[:100]!r}"
    if expect.either:
        return "clean", "error"
    if expect.code == 0:
        return "wrong", f"an error where an answer was due: {lines[0]}"
    if run.code != expect.code:
        return "wrong", f"exit {run.code}, expected {expect.code}: {lines[0]}"
    if expect.needle and expect.needle.lower() not in run.stderr.lower():
        return "wrong", f"error without {expect.needle!r}: {lines[0]}"
    return "clean", "error"


def judge_call(run: Run, expect: Expect) -> tuple[str, str]:
    """(outcome, why) of an in-process call (the API, the history reader)."""
    from mmkg.errors import MmkgError

    if run.timed_out:
        return "hang", f"no answer in {run.seconds:.0f} s"
    if run.error is not None:
        if isinstance(run.error, MemoryError):
            return "hang", "out of memory"
        if not isinstance(run.error, MmkgError):
            return "traceback", f"{type(run.error).__name__}: {str(run.error)[:200]}"
        message = str(run.error)
        if "\n" in message or not message.strip():
            return "traceback", f"a {type(run.error).__name__} that is not one line: {message[:200]!r}"
        if expect.either:
            return "clean", "error"
        if expect.code == 0:
            return "wrong", f"an error where an answer was due: {message}"
        problems = " ".join(getattr(run.error, "problems", []))
        if expect.needle and expect.needle.lower() not in (message + " " + problems).lower():
            return "wrong", f"error without {expect.needle!r}: {message} {problems}"
        return "clean", "error"
    if run.stderr.strip():
        return "wrong", f"printed on stderr: {run.stderr[:200]!r}"
    if expect.code != 0 and not expect.either:
        return "wrong", f"returned {str(run.value)[:120]!r}, expected an error ({expect.needle})"
    if expect.check is not None and not expect.check(run.value):
        return "wrong", f"a wrong answer: {str(run.value)[:200]!r}"
    return "clean", "answer"


def tally(outcomes: list[tuple[str, str, str]]) -> str:
    """``N inputs (a clean, b traceback, c hang, d wrong)`` and the cases that were not clean."""
    counts = {kind: sum(1 for _, o, _ in outcomes if o == kind) for kind in ("clean", "traceback", "hang", "wrong")}
    head = f"{len(outcomes)} inputs ({', '.join(f'{n} {k}' for k, n in counts.items())})"
    bad = [f"  {o}: {name}: {why}" for name, o, why in outcomes if o != "clean"]
    return "\n".join([head, *bad])
