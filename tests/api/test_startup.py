"""A command imports what it needs: the cold path of `mmkg query` pays for no other command's libraries."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import mmkg.cli
from mmkg.cli.common import COMMANDS, main

HEAVY = ("networkx", "pandas", "pyarrow", "matplotlib", "rdflib", "owlready2", "pyshacl", "mmkg.sequencing.cohort")


def test_every_command_is_found_where_the_lazy_group_looks_for_it() -> None:
    for module in pkgutil.iter_modules(mmkg.cli.__path__):
        importlib.import_module(f"mmkg.cli.{module.name}")
    defined = {name: command.callback.__module__ for name, command in main.commands.items() if command.callback}
    assert {name: f"mmkg.cli.{module}" for name, module in COMMANDS.items()} == defined


def test_a_named_query_from_the_command_line_imports_no_heavy_library() -> None:
    code = (
        "import atexit, sys\n"
        f"atexit.register(lambda: print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr))\n"
        "sys.argv = ['mmkg', 'query', 'targeted-products', '--format', 'csv']\n"
        "from mmkg.cli import run\n"
        "run()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "teclistamab" in result.stdout.lower()
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_a_parquet_answer_is_written_without_importing_pandas() -> None:
    """pandas costs a cold command ≈ 0.25 s; pyarrow alone writes the file pandas reads back."""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted(m for m in ('pandas', 'pyarrow') if m in sys.modules), file=sys.stderr))\n"
        "sys.argv = ['mmkg', 'query', 'approvals', '--format', 'parquet']\n"
        "from mmkg.cli import run\n"
        "run()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"PAR1")
    assert result.stderr.decode().strip().splitlines()[-1] == "['pyarrow']"
