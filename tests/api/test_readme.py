"""The README's Python examples run as written: each ```pycon block is a doctest, in order, sharing names."""

from __future__ import annotations

import doctest
import io
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def _blocks() -> list[str]:
    return re.findall(r"^```pycon\n(.*?)^```$", README.read_text(encoding="utf-8"), flags=re.S | re.M)


def test_readme_python_examples_run_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the examples write their pictures into the working directory
    blocks = _blocks()
    assert len(blocks) >= 2, "the README's Python examples are ```pycon blocks"
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    report = io.StringIO()
    names: dict[str, object] = {}
    for i, block in enumerate(blocks):
        test = doctest.DocTestParser().get_doctest(block, names, f"README.md, example block {i + 1}", str(README), 0)
        runner.run(test, out=report.write, clear_globs=False)
        names = test.globs  # DocTest copies its globals: carry them on to the next block
    assert runner.failures == 0, report.getvalue()
    assert (tmp_path / "forest.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
