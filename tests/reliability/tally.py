"""Print the reliability figures of a checkout in the form of issue 11.

    python -m tests.reliability.tally [cli] [history] [api] [mutations] [-v]

To measure another version of mmkg (the "before" figures of the closing note were
measured so, on main's code), run it from a folder outside both checkouts (``python -m``
puts the current folder first on the path) with ``MMKG_REPO=/path/to/other/checkout`` and
``PYTHONPATH=/path/to/other/checkout:/path/to/this/checkout``.
"""

from __future__ import annotations

import multiprocessing
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from .corpus import api_cases, cli_cases, history_cases, service_cases, silent_server
from .harness import Case, judge_call, judge_cli, run_call, run_cli, tally


def materialise(case: Case, tmp: Path) -> list[str]:
    if case.setup is not None:
        case.setup(tmp)
    return [str(a).replace("{tmp}", str(tmp)) for a in case.args]


def run_cli_case(case: Case) -> tuple[str, str, str]:
    with tempfile.TemporaryDirectory(prefix="mmkg-cli-case-") as scratch:
        outcome, why = judge_cli(run_cli(materialise(case, Path(scratch))), case.expect)
    return case.name, outcome, why


def cli(verbose: bool) -> str:
    cases = cli_cases()
    with ThreadPoolExecutor(2) as pool:  # each case is a subprocess
        outcomes = list(pool.map(run_cli_case, cases))
    with silent_server() as port:
        outcomes += [run_cli_case(c) for c in service_cases(port)]
    return "CLI inputs: " + tally(outcomes)


def history(verbose: bool) -> str:
    import mmkg
    from mmkg.sequencing import read_history

    kg = mmkg.load()
    outcomes = []
    for case in history_cases():
        with tempfile.TemporaryDirectory(prefix="mmkg-history-case-") as scratch:
            tmp = Path(scratch)
            if case.setup is not None:
                case.setup(tmp)
            run = run_call(lambda tmp=tmp, case=case: read_history(tmp / case.args, kg))
            outcomes.append((case.name, *judge_call(run, case.expect)))
    return "history files: " + tally(outcomes)


def api(verbose: bool) -> str:
    import mmkg

    kg = mmkg.load()
    outcomes = []
    for case in api_cases():
        run = run_call(lambda case=case: case.args(kg))
        outcomes.append((case.name, *judge_call(run, case.expect)))
    return "API calls: " + tally(outcomes)


def mutations(verbose: bool) -> str:
    from .mutations import MUTATIONS, run_mutation

    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(run_mutation, [m.name for m in MUTATIONS]))
    caught = [r for r in results if r.caught and r.named and r.release_unchanged]
    lines = [f"data faults: {len(results)} kinds ({len(caught)} caught, {len(results) - len(caught)} missed)"]
    for r in results:
        if r not in caught:
            why = "released with exit 0" if not r.caught else "caught, but the error does not name the node and rule"
            lines.append(f"  missed: {r.name}: {why}: {r.message.splitlines()[0][:160] if r.message else ''}")
    return "\n".join(lines)


def main() -> None:
    verbose = "-v" in sys.argv
    wanted = [a for a in sys.argv[1:] if not a.startswith("-")] or ["cli", "history", "api", "mutations"]
    for name in wanted:
        print({"cli": cli, "history": history, "api": api, "mutations": mutations}[name](verbose), flush=True)


if __name__ == "__main__":
    main()
