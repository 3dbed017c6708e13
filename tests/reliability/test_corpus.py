"""The attack corpus (tests/reliability/corpus.py): every input gives a correct answer or a clean error.

Issue 11 counted 127 CLI inputs, 68 history files and 67 API calls, with tracebacks, hangs and
wrong answers among them. The corpus holds at least as many of each; every one must be
``clean`` (see tests/reliability/harness.py). History files and API calls run in-process in
the default suite; the CLI runs each input in a bounded subprocess, so the whole CLI corpus
is ``slow`` and a sample of it runs by default. ``python -m tests.reliability.tally`` prints
the figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .corpus import api_cases, cli_cases, history_cases, service_cases, silent_server
from .harness import Case, judge_call, judge_cli, run_call, run_cli

CLI = cli_cases()
HISTORY = history_cases()
API = api_cases()
CLI_SAMPLE = {"misspelt binding", "SERVICE to a closed port", "options region twice", "deep nesting"}


def _ids(cases: list[Case]) -> list[str]:
    return [c.name for c in cases]


def test_the_corpus_is_at_least_as_large_as_the_issue_s() -> None:
    assert len(CLI) + 2 >= 127
    assert len(HISTORY) >= 68
    assert len(API) >= 67
    assert (
        len(set(_ids(CLI))) == len(CLI) and len(set(_ids(HISTORY))) == len(HISTORY) and len(set(_ids(API))) == len(API)
    )


def _run_cli_case(case: Case, tmp_path: Path) -> None:
    if case.setup is not None:
        case.setup(tmp_path)
    args = [str(a).replace("{tmp}", str(tmp_path)) for a in case.args]
    run = run_cli(args)
    outcome, why = judge_cli(run, case.expect)
    assert outcome == "clean", f"{outcome}: {why}"


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in CLI if c.name not in CLI_SAMPLE], ids=lambda c: c.name)
def test_cli_input(case: Case, tmp_path: Path) -> None:
    _run_cli_case(case, tmp_path)


@pytest.mark.parametrize("case", [c for c in CLI if c.name in CLI_SAMPLE], ids=lambda c: c.name)
def test_cli_input_sample(case: Case, tmp_path: Path) -> None:
    _run_cli_case(case, tmp_path)


@pytest.mark.slow
def test_service_to_a_server_that_never_answers(tmp_path: Path) -> None:
    with silent_server() as port:
        for case in service_cases(port):
            _run_cli_case(case, tmp_path)


@pytest.mark.parametrize("case", HISTORY, ids=_ids(HISTORY))
def test_history_file(case: Case, tmp_path: Path, kg) -> None:
    from mmkg.sequencing import read_history

    if case.setup is not None:
        case.setup(tmp_path)
    run = run_call(lambda: read_history(tmp_path / case.args, kg))
    outcome, why = judge_call(run, case.expect)
    assert outcome == "clean", f"{outcome}: {why}"


@pytest.mark.parametrize("case", API, ids=_ids(API))
def test_api_call(case: Case, kg) -> None:
    run = run_call(lambda: case.args(kg))
    outcome, why = judge_call(run, case.expect)
    assert outcome == "clean", f"{outcome}: {why}"
