"""The command line run in-process (click's runner): fast, for answers; tests of exit codes and
one-line errors run the real entry point in a subprocess (tests/api/test_cli.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner, Result

from mmkg.cli import main


@pytest.fixture
def cli() -> Callable[..., Result]:
    """``cli("query", "targeted-products")``: the command's result (stdout, stdout_bytes, exit_code, exception)."""
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(main, list(args))

    return invoke
