"""What every ``mmkg`` command shares: the command group, the disclaimer, one-line errors, options.

Errors in what the user gave (unknown names, bad SPARQL, bad parameters, broken
files, a query past its limits) print one line on stderr and exit with status 2; a
failed build exits 1; Ctrl-C exits 130 with one line. A single-valued option given
twice is an error, not "the last one wins".
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from ..errors import BuildFailed, InputError, MmkgError
from ..output import FORMATS

DISCLAIMER = (
    "mmkg gives information about multiple myeloma therapies with its evidence "
    "(trials, approvals, guidelines, each with its source). It is not medical advice: "
    "treatment decisions belong to the patient and their physicians."
)


def _one_line(text: str) -> str:
    return " ".join(str(text).split()) or "error"


def _fail(error: MmkgError) -> NoReturn:
    from ..sequencing import HistoryError

    if isinstance(error, HistoryError):
        for problem in error.problems:
            click.echo(f"mmkg: error: {_one_line(f'{error.source}: {problem}')}", err=True)
    else:
        click.echo(f"mmkg: error: {_one_line(str(error))}", err=True)
    if isinstance(error, BuildFailed):
        for line in error.details:
            click.echo(f"  {_one_line(line)}", err=True)
    sys.exit(error.exit_code)


_KG: Any = None


def _load() -> Any:
    """The shipped release, loaded once per process."""
    global _KG
    if _KG is None:
        from ..graph import load

        _KG = load()
    return _KG


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InputError(f"--param expects NAME=VALUE, got {pair!r}")
        if key in params:
            raise InputError(f"--param {key} is given twice; give each parameter once")
        params[key] = value.strip()
    return params


F = TypeVar("F", bound=Callable[..., Any])


def once(*declarations: str, **attributes: Any) -> Callable[[F], F]:
    """A click option that may be given at most once: a repeated flag is an error, not "the last one wins"."""
    default = attributes.pop("default", None)
    required = attributes.pop("required", False)

    def single(ctx: click.Context, param: click.Parameter, values: tuple[Any, ...]) -> Any:
        given = not param.name or ctx.get_parameter_source(param.name) is not click.core.ParameterSource.DEFAULT
        if len(values) > 1:
            raise click.BadParameter(f"given {len(values)} times; give it once", ctx=ctx, param=param)
        if not given or not values:
            if required:
                raise click.MissingParameter(ctx=ctx, param=param)
            return default
        return values[0]

    # the default as a one-value tuple, so that --help shows it as click shows any default
    initial = () if default is None else (default,)
    decorator: Callable[[F], F] = click.option(
        *declarations, multiple=True, default=initial, callback=single, **attributes
    )
    return decorator


format_option = once(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."
)


# Each command's module (mmkg.cli.<module>), imported when the command is asked for: a
# command does not pay for the imports of the others (networkx, the sequencing engine, …).
COMMANDS = {
    "build": "build",
    "cohort": "cohort",
    "describe": "describe",
    "network": "network",
    "options": "options",
    "plot": "plot",
    "queries": "query",
    "query": "query",
    "resolve": "names",
    "serve": "serve",
    "xref": "names",
}


class Group(click.Group):
    """The command group: usage errors, Ctrl-C and a closed output pipe end the command with one line (or none).

    Its commands are imported when asked for (:data:`COMMANDS`).
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(f"{__package__}.{COMMANDS[cmd_name]}")
        return super().get_command(ctx, cmd_name)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.Exit:
            raise
        except click.ClickException as error:
            raise click.ClickException(_one_line(error.format_message())) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("mmkg: interrupted", err=True)
            sys.stderr.flush()
            os._exit(130)  # a query still evaluating in its worker thread ends with the process
        except BrokenPipeError:
            # the reader of our output went away (``mmkg query … | head``): nothing more to say
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os._exit(0)


@click.group(cls=Group, help=f"mmkg: a knowledge graph of multiple myeloma therapies.\n\n{DISCLAIMER}")
@click.version_option(package_name="mmkg")
def main() -> None:
    pass
