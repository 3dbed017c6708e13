"""``mmkg cohort``: the options of every patient of a cohort, at one day or at every relapse, as a table.

The input is JSON Lines, one history per line in the ``--history`` form with its ``id``.
A line that is not a valid history is reported on stderr (``FILE:LINE: problem``, one line)
and skipped; the rest of the cohort is answered, and the command exits with status 2
when it skipped any line. Patients are answered in chunks by worker processes (``--jobs``),
each formatting its own chunk (the text of each shared answer made once), and the output
is written in input order and atomically when ``--output`` names a file.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, ClassVar, NamedTuple

import click

from ..errors import InputError, MmkgError
from ..prefixes import compact
from .common import DISCLAIMER, _load, main, once

FORMATS = ("csv", "jsonl", "parquet")
CHUNK = 500  # patients per task: large enough to amortise a task (at 200, 6 % of a worker's time went between tasks), small enough to stream
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


class _Spooled(NamedTuple):
    """A chunk's text that a worker wrote to a file of the spool folder (``size`` bytes), for the writer to copy."""

    path: str
    size: int


def _answer_spooled(spool: str, chunk: list[tuple[int, bytes]]) -> tuple[Any, list[str], int, int]:
    """:func:`_answer` in a worker: a text chunk goes to a spool file, not through the pipe back to the writer.

    Megabytes of rows per chunk cost more to pickle and pass through a pipe than to write
    once and copy in the kernel (``os.sendfile``).
    """
    formatted, problems, patients, relapses = _answer(chunk)
    if isinstance(formatted, list):
        path = os.path.join(spool, f"{chunk[0][0]}.part")
        with open(path, "wb") as handle:
            handle.writelines(formatted)
        formatted = _Spooled(path, sum(map(len, formatted)))
    return formatted, problems, patients, relapses


def _answer(chunk: list[tuple[int, bytes]]) -> tuple[Any, list[str], int, int]:
    """(formatted rows, problems, patients answered, patient-relapses answered) of one chunk."""
    from ..sequencing.history import parse_history

    kg, engine, source = _WORKER["kg"], _WORKER["engine"], _WORKER["source"]
    table = _TABLES[_WORKER["fmt"]]()
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
            answered = list(engine.relapses(history))  # all of the patient, or (a history with problems) nothing
            table.add(history.id, answered)
            patients += 1
            relapses += max(len(history.lines) - 1, 0) if engine.each_relapse else 1
        except MmkgError as error:
            details = getattr(error, "problems", None)
            text = "; ".join(details) if details else str(error)
            problems.append(f"{where}: {text}")
    return table.finish(), problems, patients, relapses


# The engine gives every patient alike the same Answer object (:class:`mmkg.sequencing.cohort.Answer`):
# what a row says after its patient, relapse and day is made once per answer, as bytes in which
# a mark stands for the patient's line IRI before its number (a reason on one of the patient's
# lines); a relapse's rows are joined and the mark replaced once per relapse (bytes.replace).
# Bounded: memory stays flat.
_MAX_MADE = 1 << 17
_COLUMNS = ("patient", "relapse", "day", "option", "label", "kind", "status")  # and the reasons
_LINE = "\x01"
_LINE_MARK = _LINE.encode()


class _Text:
    """Rows as text (CSV or JSON Lines), each answer's part of a row made once."""

    rows: ClassVar[dict[Any, bytes | None]]  # an answer → its row after the start (None: holds the mark's character)

    def __init__(self) -> None:
        self.out: list[bytes] = []

    def add(self, patient: str, answered: list[tuple[int, Any, str, tuple[Any, ...]]]) -> None:
        rows, out, own = self.rows, self.out, self.patient(patient)
        line: bytes | None = None  # the patient's line IRI before its number, as this format writes it
        for relapse, day, line_iri, answers in answered:
            if not answers:
                continue
            made = list(map(rows.get, answers))
            plain = False
            if None in made:
                for index, row in enumerate(made):
                    if row is None:
                        made[index] = self.made(answers[index])
                        plain = plain or made[index] is None
            start = f"{own}{relapse}{self.day(day)}".encode()
            if plain:  # a row's own text holds the mark's character: this relapse's rows made for the patient
                out.append(b"".join([start + self.row(answer, line_iri) for answer in answers]))
                continue
            made.insert(0, b"")  # start before every row, with one copy of the rows
            text = start.join(made)  # type: ignore[arg-type]  # every row is bytes by now
            if _LINE_MARK in text:
                if line is None:
                    line = self.line(line_iri).encode()
                text = text.replace(_LINE_MARK, line)
            out.append(text)

    def made(self, answer: Any) -> bytes | None:
        """``answer``'s row after its start, kept; None when its text holds the mark's character."""
        rows = self.rows
        if len(rows) >= _MAX_MADE:
            rows.clear()
        # a node on the patient's lines is its number after the mark
        nodes = [self.node(n) if type(n) is str else self.line_node(n) for _, _, n in answer.parts]
        text = self.head(answer) + self.local(answer, nodes)
        marked = text.count(_LINE) != sum(type(n) is int for _, _, n in answer.parts)
        row = rows[answer] = None if marked else text.encode()
        return row

    def row(self, answer: Any, line_iri: str) -> bytes:
        """``answer``'s row after its start, for a patient whose lines are ``{line_iri}{n}``."""
        nodes = [self.node(n if type(n) is str else f"{line_iri}{n}") for _, _, n in answer.parts]
        return (self.head(answer) + self.local(answer, nodes)).encode()

    def finish(self) -> list[bytes]:
        """The rows, each relapse's as one bytes object (written as they are: no joined copy)."""
        return self.out

    def patient(self, patient: str) -> str:
        raise NotImplementedError

    def day(self, day: Any) -> str:
        raise NotImplementedError

    def head(self, answer: Any) -> str:
        """The row after its start, up to the nodes of its reasons."""
        raise NotImplementedError

    def node(self, iri: str) -> str:
        raise NotImplementedError

    def line_node(self, number: int) -> str:
        """Line ``number`` of the patient as a node, after the line mark."""
        raise NotImplementedError

    def line(self, line_iri: str) -> str:
        """What the line mark stands for: the patient's line IRI before its number, as :meth:`node` writes it."""
        raise NotImplementedError

    def local(self, answer: Any, nodes: list[str]) -> str:
        raise NotImplementedError


class _Csv(_Text):
    rows: ClassVar[dict[Any, bytes | None]] = {}

    def patient(self, patient: str) -> str:
        return f"{_csv_field(patient)},"

    def day(self, day: Any) -> str:
        return f",{day.isoformat()},"

    def head(self, answer: Any) -> str:
        reasons = " | ".join([_csv_text(text) for _, text, _ in answer.parts])
        return f'{_csv_field(compact(answer.option))},{_csv_field(answer.label)},{answer.kind},{answer.status},"{reasons}",'

    def node(self, iri: str) -> str:
        return compact(iri)

    def line_node(self, number: int) -> str:
        return f"{_LINE}{number}"

    def line(self, line_iri: str) -> str:
        return compact(line_iri)  # no namespace ends in a line's number

    def local(self, answer: Any, nodes: list[str]) -> str:
        return _quoted(" ".join(nodes)) + "\n"


class _Jsonl(_Text):
    rows: ClassVar[dict[Any, bytes | None]] = {}

    def patient(self, patient: str) -> str:
        return f'{{"patient": {_json_string(patient)}, "relapse": '

    def day(self, day: Any) -> str:
        return f', "day": "{day.isoformat()}", '

    def head(self, answer: Any) -> str:
        return (
            f'"option": {_json_string(answer.option)}, "label": {_json_string(answer.label)}, "kind": "{answer.kind}", '
            f'"status": "{answer.status}", "reasons": ['
        )

    def node(self, iri: str) -> str:
        return json.dumps(iri, ensure_ascii=False)

    def line_node(self, number: int) -> str:
        return f'{_LINE}{number}"'

    def line(self, line_iri: str) -> str:
        return json.dumps(line_iri, ensure_ascii=False)[:-1]  # a line's number needs no escaping

    def local(self, answer: Any, nodes: list[str]) -> str:
        reasons = ", ".join(
            [
                f'{{"status": "{status}", "text": {_json_string(text)}, "node": {node}}}'
                for (status, text, _), node in zip(answer.parts, nodes, strict=True)
            ]
        )
        return f"{reasons}]}}\n"


class _Parquet:
    """Rows as an Arrow record batch: the reasons as flat columns with offsets, no object per reason."""

    def __init__(self) -> None:
        self.columns: dict[str, list[Any]] = {name: [] for name in _COLUMNS}
        self.offsets = [0]
        self.status: list[str] = []
        self.text: list[str] = []
        self.node: list[str] = []

    def add(self, patient: str, answered: list[tuple[int, Any, str, tuple[Any, ...]]]) -> None:
        c = self.columns
        for relapse, day, line_iri, answers in answered:
            for answer in answers:
                c["patient"].append(patient)
                c["relapse"].append(relapse)
                c["day"].append(day)
                c["option"].append(answer.option)
                c["label"].append(answer.label)
                c["kind"].append(answer.kind)
                c["status"].append(answer.status)
                for status, text, node in answer.parts:
                    self.status.append(status)
                    self.text.append(text)
                    self.node.append(node if type(node) is str else f"{line_iri}{node}")
                self.offsets.append(len(self.status))

    def finish(self) -> Any:
        import pyarrow as pa

        schema = _parquet_schema()
        reasons_type = schema.field("reasons").type
        reasons = pa.ListArray.from_arrays(
            pa.array(self.offsets, pa.int32()),
            pa.StructArray.from_arrays(
                [
                    pa.array(self.status, pa.string()),
                    pa.array(self.text, pa.string()),
                    pa.array(self.node, pa.string()),
                ],
                fields=list(reasons_type.value_type),
            ),
            type=reasons_type,
        )
        arrays = [pa.array(self.columns[name], schema.field(name).type) for name in _COLUMNS]
        return pa.RecordBatch.from_arrays([*arrays, reasons], schema=schema)


_TABLES: dict[str, Any] = {"csv": _Csv, "jsonl": _Jsonl, "parquet": _Parquet}


# Option labels, reason texts and nodes recur row after row: each is escaped once.
@functools.lru_cache(maxsize=1 << 16)
def _csv_field(text: str) -> str:
    return _quoted(text)


def _quoted(text: str) -> str:
    if _NEEDS_QUOTES(text):
        return '"' + text.replace('"', '""') + '"'
    return text


_NEEDS_QUOTES = re.compile('[,"\n\r]').search


@functools.lru_cache(maxsize=1 << 16)
def _csv_text(text: str) -> str:
    return text.replace('"', '""')


@functools.lru_cache(maxsize=1 << 16)
def _json_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


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
        if isinstance(chunk, _Spooled):
            self.handle.flush()
            with open(chunk.path, "rb") as spooled:
                copied = 0
                while copied < chunk.size:
                    sent = os.sendfile(self.handle.fileno(), spooled.fileno(), copied, chunk.size - copied)
                    if sent == 0:
                        raise OSError(f"{chunk.path}: shorter than written")
                    copied += sent
            os.unlink(chunk.path)
        elif self.parquet is not None:
            if chunk.num_rows:
                self.parquet.write_batch(chunk)
        else:
            self.handle.writelines(chunk)

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
    import tempfile

    from ..sequencing.cohort import in_processes

    # forked workers inherit the loaded graph and engine; elsewhere each worker loads the release
    _start(region, as_of, fmt, source, kg)
    with tempfile.TemporaryDirectory(prefix="mmkg-cohort-") as spool:
        yield from in_processes(
            functools.partial(_answer_spooled, spool),
            itertools.chain((first, second), chunks),
            workers=workers,
            initializer=_start,
            initargs=(region, as_of, fmt, source),
        )


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
            writer.write([(json.dumps(history) + "\n").encode()])
        writer.close()
    except BaseException:
        writer.discard()
        raise
