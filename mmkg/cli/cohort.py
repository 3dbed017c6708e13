"""``mmkg cohort``: the options of every patient of a cohort, at one day or at every relapse, as a table.

The input is JSON Lines, one history per line in the ``--history`` form with its ``id``.
A line that is not a valid history is reported on stderr (``FILE:LINE: problem``, one line)
and skipped; the rest of the cohort is answered, and the command exits with status 2
when it skipped any line. Patients are answered in chunks by worker processes (``--jobs``),
and the output is written in input order and atomically when ``--output`` names a file.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from ..errors import InputError, MmkgError
from ..prefixes import compact
from .common import DISCLAIMER, _load, main, once

if TYPE_CHECKING:
    from concurrent.futures import Future

FORMATS = ("csv", "jsonl", "parquet")
CHUNK = 200  # patients per task: large enough to amortise a task, small enough to stream
MAX_LINE_BYTES = 1_000_000


def _read_lines(handle: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    for number, line in enumerate(handle, start=1):
        if line.strip():
            yield number, line


def _chunks(lines: Iterator[tuple[int, bytes]]) -> Iterator[list[tuple[int, bytes]]]:
    chunk: list[tuple[int, bytes]] = []
    for item in lines:
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- answering a chunk (in this process or a worker) -------------------------------------

_WORKER: dict[str, Any] = {}


def _start(region: str, as_of: str | None, fmt: str, source: str, kg: Any = None) -> None:
    from ..sequencing.cohort import CohortEngine

    kg = kg if kg is not None else _load()
    _WORKER.update(kg=kg, engine=CohortEngine(kg, region=region, as_of=as_of), fmt=fmt, source=source)


def _answer(chunk: list[tuple[int, bytes]]) -> tuple[Any, list[str], int, int]:
    """(formatted rows, problems, patients answered, patient-relapses answered) of one chunk."""
    from ..sequencing.history import parse_history

    kg, engine, fmt, source = _WORKER["kg"], _WORKER["engine"], _WORKER["fmt"], _WORKER["source"]
    rows = []
    problems = []
    patients = relapses = 0
    for number, line in chunk:
        where = f"{source}:{number}"
        try:
            if len(line) > MAX_LINE_BYTES:
                raise InputError(f"longer than {MAX_LINE_BYTES // 1_000_000} MB; a history is a few kilobytes")
            try:
                data = json.loads(line)
            except (ValueError, RecursionError) as error:
                raise InputError(f"not valid JSON: {str(error).splitlines()[0]}") from None
            history = parse_history(data, kg, source=where)
            rows.extend(engine.answer(history))
            patients += 1
            relapses += max(len(history.lines) - 1, 0) if engine.each_relapse else 1
        except MmkgError as error:
            details = getattr(error, "problems", None)
            text = "; ".join(details) if details else str(error)
            problems.append(f"{where}: {text}")
    return _format(rows, fmt), problems, patients, relapses


def _format(rows: list[Any], fmt: str) -> Any:
    if fmt == "csv":
        return "".join(map(_csv_row, rows)).encode()
    if fmt == "jsonl":
        return "".join(map(_json_row, rows)).encode()
    import pyarrow as pa

    return pa.RecordBatch.from_pydict(
        {
            "patient": [row.patient for row in rows],
            "relapse": [row.relapse for row in rows],
            "day": [row.day for row in rows],
            "option": [row.option for row in rows],
            "label": [row.label for row in rows],
            "kind": [row.kind for row in rows],
            "status": [row.status for row in rows],
            "reasons": [[{"status": r.status, "text": r.text, "node": r.node} for r in row.reasons] for row in rows],
        },
        schema=_parquet_schema(),
    )


# A cohort repeats the same option labels, reason texts and nodes in row after row: each is
# escaped once (the csv and json modules would scan every byte of every row again).
@functools.lru_cache(maxsize=1 << 16)
def _csv_field(text: str) -> str:
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


@functools.lru_cache(maxsize=1 << 16)
def _csv_text(text: str) -> str:
    return text.replace('"', '""')


def _csv_row(row: Any) -> str:
    return f"{_csv_field(row.patient)},{row.relapse},{row.day.isoformat()},{_tail(row, _csv_tail)}"


def _csv_tail(row: Any) -> str:
    reasons = " | ".join([_csv_text(r.text) for r in row.reasons])
    nodes = _csv_field(" ".join([compact(r.node) for r in row.reasons]))
    return f'{_csv_field(compact(row.option))},{_csv_field(row.label)},{row.kind},{row.status},"{reasons}",{nodes}\n'


# The engine gives patients with the same profile the same reasons (the same tuple): the end
# of their row is formatted once. Keyed by identity, holding the tuple so that its id stays its own.
_TAILS: dict[tuple[int, Any], tuple[Any, str]] = {}


def _tail(row: Any, format_tail: Any) -> str:
    key = (id(row.reasons), format_tail)
    found = _TAILS.get(key)
    if found is not None and found[0] is row.reasons:
        return found[1]
    text: str = format_tail(row)
    if len(_TAILS) >= 1 << 16:
        _TAILS.clear()
    _TAILS[key] = (row.reasons, text)
    return text


@functools.lru_cache(maxsize=1 << 16)
def _json_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _json_row(row: Any) -> str:
    return (
        f'{{"patient": {_json_string(row.patient)}, "relapse": {row.relapse}, "day": "{row.day.isoformat()}", '
        + _tail(row, _json_tail)
    )


def _json_tail(row: Any) -> str:
    reasons = ", ".join(
        [
            f'{{"status": "{r.status}", "text": {_json_string(r.text)}, "node": {_json_string(r.node)}}}'
            for r in row.reasons
        ]
    )
    return (
        f'"option": {_json_string(row.option)}, "label": {_json_string(row.label)}, "kind": "{row.kind}", '
        f'"status": "{row.status}", "reasons": [{reasons}]}}\n'
    )


def _parquet_schema() -> Any:
    import pyarrow as pa

    reason = pa.struct([("status", pa.string()), ("text", pa.string()), ("node", pa.string())])
    return pa.schema(
        [
            ("patient", pa.string()),
            ("relapse", pa.int32()),
            ("day", pa.date32()),
            ("option", pa.string()),
            ("label", pa.string()),
            ("kind", pa.string()),
            ("status", pa.string()),
            ("reasons", pa.list_(reason)),
        ],
        metadata={"disclaimer": DISCLAIMER},
    )


CSV_HEADER = b"patient,relapse,day,option,label,kind,status,reasons,nodes\n"


# --- writing -----------------------------------------------------------------------------


class _Writer:
    """Writes formatted chunks to a file (atomically: a temporary file renamed at the end) or stdout."""

    def __init__(self, output: Path | None, fmt: str) -> None:
        self.fmt = fmt
        self.output = output
        self.temporary: Path | None = None
        if output is None:
            if fmt == "parquet":
                raise InputError("--format parquet needs --output FILE")
            self.handle: IO[bytes] = sys.stdout.buffer
        else:
            if output.is_dir():
                raise InputError(f"{output}: is a folder; give a file name")
            folder = output.parent if str(output.parent) else Path(".")
            if not folder.is_dir():
                raise InputError(f"{output}: no folder {folder}")
            import tempfile

            descriptor, name = tempfile.mkstemp(prefix=f".{output.name}-", suffix=".part", dir=folder)
            self.temporary = Path(name)
            self.handle = os.fdopen(descriptor, "wb")
        self.parquet: Any = None
        if fmt == "parquet":
            try:
                import pyarrow.parquet as pq
            except ImportError:
                self.discard()
                raise InputError("--format parquet needs pyarrow: pip install 'mmkg[parquet]'") from None
            self.parquet = pq.ParquetWriter(self.handle, _parquet_schema(), compression="zstd")
        elif fmt == "csv":
            self.handle.write(CSV_HEADER)

    def write(self, chunk: Any) -> None:
        if self.parquet is not None:
            if chunk.num_rows:
                self.parquet.write_batch(chunk)
        elif chunk:
            self.handle.write(chunk)

    def close(self) -> None:
        if self.parquet is not None:
            self.parquet.close()
        self.handle.flush()
        if self.temporary is not None and self.output is not None:
            self.handle.close()
            os.replace(self.temporary, self.output)
            self.temporary = None

    def discard(self) -> None:
        if self.temporary is not None:
            with contextlib.suppress(OSError):
                self.handle.close()
            self.temporary.unlink(missing_ok=True)
            self.temporary = None


def _jobs(requested: int | None) -> int:
    if requested is not None:
        if requested < 1:
            raise InputError(f"--jobs must be at least 1, got {requested}")
        return requested
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _count_lines(path: Path) -> int | None:
    try:
        with open(path, "rb") as handle:
            return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
    except OSError:
        return None


@main.command(
    help=(
        "The options of every patient of a cohort, one row per patient (per relapse) and option: "
        "patient, relapse (the prior lines counted), day, option, label, kind, status, reasons. "
        "FILE is JSON Lines ('-' for stdin), one history per line in the --history form with its id "
        "(see examples/patient-history.yaml). A bad line is reported on stderr (FILE:LINE: problem) "
        "and skipped; the rest is answered and the exit status is 2. --generate N writes N synthetic "
        f"histories instead (seeded; for trying and benchmarking).\n\n{DISCLAIMER}"
    )
)
@click.argument("file", required=False, type=click.Path(path_type=Path, allow_dash=True))
@once("--region", metavar="US|EU|IT", help="US (FDA), EU (European Commission) or IT (EU + AIFA).")
@once(
    "--as-of",
    "as_of",
    default=None,
    metavar="YYYY-MM-DD|each-relapse",
    help="The day to answer for (default today), or each-relapse: the day each line after the first started.",
)
@once("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True, help="Output format.")
@once("--output", "-o", type=click.Path(path_type=Path), default=None, help="Output file (default stdout).")
@once("--jobs", "-j", type=int, default=None, help="Worker processes (default: the usable cores).")
@once("--generate", type=int, default=None, metavar="N", help="Write N synthetic histories (JSON Lines).")
@once("--seed", type=int, default=0, show_default=True, help="Seed of --generate.")
def cohort(
    file: Path | None,
    region: str | None,
    as_of: str | None,
    fmt: str,
    output: Path | None,
    jobs: int | None,
    generate: int | None,
    seed: int,
) -> None:
    if generate is not None:
        if file is not None or region is not None or as_of is not None:
            raise InputError("--generate writes histories: give no FILE, --region or --as-of with it")
        _generate(generate, seed, output)
        return
    if file is None or region is None:
        raise InputError("give a FILE of histories and --region (or --generate N)")
    workers = _jobs(jobs)
    kg = _load()
    from ..sequencing.cohort import CohortEngine

    CohortEngine(kg, region=region, as_of=as_of)  # checks --as-of before anything is read or written
    stdin = str(file) == "-"
    if not stdin and not file.is_file():
        raise InputError(f"{file}: no such file")
    source = "stdin" if stdin else str(file)
    total = None if stdin or not sys.stderr.isatty() else _count_lines(file)
    writer = _Writer(output, fmt)
    problems = patients = relapses = 0
    try:
        with (
            contextlib.nullcontext(sys.stdin.buffer) if stdin else open(file, "rb") as handle,
            _progress(total) as bar,
        ):
            for formatted, found, answered, counted in _run(kg, region, as_of, fmt, source, handle, workers):
                writer.write(formatted)
                for problem in found:
                    click.echo(f"mmkg: error: {problem}", err=True)
                problems += len(found)
                patients += answered
                relapses += counted
                bar.update(answered + len(found))
        writer.close()
    except BaseException:
        writer.discard()
        raise
    what = "patient-relapses" if as_of and "each" in as_of else "patients"
    click.echo(f"mmkg: {patients} patients answered ({relapses} {what}); {problems} lines skipped", err=True)
    click.echo(DISCLAIMER, err=True)
    if problems:
        sys.exit(2)


def _run(
    kg: Any, region: str, as_of: str | None, fmt: str, source: str, handle: IO[bytes], workers: int
) -> Iterator[tuple[Any, list[str], int, int]]:
    """The answered chunks in input order: in this process, or over ``workers`` processes."""
    chunks = _chunks(_read_lines(handle))
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if workers == 1 or second is None:
        _start(region, as_of, fmt, source, kg)
        yield _answer(first)
        if second is not None:
            yield _answer(second)
            for chunk in chunks:
                yield _answer(chunk)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forked workers inherit the loaded graph and engine; elsewhere each worker loads the release
    forked = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forked else None)
    if forked:
        _start(region, as_of, fmt, source, kg)
    pool = (
        ProcessPoolExecutor(workers, mp_context=context)
        if forked
        else ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(region, as_of, fmt, source))
    )
    with pool:
        pending: deque[Future[tuple[Any, list[str], int, int]]] = deque()
        pending.append(pool.submit(_answer, first))
        pending.append(pool.submit(_answer, second))
        for chunk in chunks:
            # a bounded window of chunks in flight: memory stays flat however long the file
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
            pending.append(pool.submit(_answer, chunk))
        while pending:
            yield pending.popleft().result()


@contextlib.contextmanager
def _progress(total: int | None) -> Iterator[Any]:
    """A progress bar on stderr for long runs when stderr is a terminal; else nothing."""
    from tqdm import tqdm

    with tqdm(
        total=total, unit=" patients", file=sys.stderr, disable=not sys.stderr.isatty(), mininterval=0.5, delay=2.0
    ) as bar:
        yield bar


def _generate(n: int, seed: int, output: Path | None) -> None:
    from ..sequencing.generator import generate_cohort

    kg = _load()
    writer = _Writer(output, "jsonl")
    try:
        for history in generate_cohort(kg, n, seed=seed):
            writer.write((json.dumps(history) + "\n").encode())
        writer.close()
    except BaseException:
        writer.discard()
        raise
