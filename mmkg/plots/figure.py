"""What every picture shares: a figure sized from its text, fonts, colours, the footer, and saving.

Text is measured (not guessed) so a picture's panels are as wide as their longest label
and nothing overlaps. SVG keeps text as text (searchable, and checked by the tests);
the format follows the output file's extension, and the file is written atomically.
"""

from __future__ import annotations

import io
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import FancyBboxPatch
from matplotlib.textpath import text_to_path
from matplotlib.typing import RcKeyType

from ..errors import InputError
from ..output import write_file

FORMATS = (".svg", ".png")
FONT_SIZE = 9.0
SMALL = 7.5
TITLE_SIZE = 12.0
GREY = "#555555"
LIGHT = "#dddddd"
INK = "#1a1a1a"
#: Colours of an option's status (mmkg.sequencing.options.STATUSES), from the ColorBrewer diverging set.
STATUS_COLOURS = {"open": "#1b7837", "caution": "#c27c0e", "not-curated": "#6e6e6e", "closed": "#b2182b"}
DISCLAIMER = (
    "Information with its evidence; not medical advice. Treatment decisions belong to the patient and their physicians."
)
_STYLE: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",  # text stays text in SVG
    "svg.hashsalt": "mmkg",  # stable ids, so the same data gives the same file
    "font.family": "DejaVu Sans",
    "font.size": FONT_SIZE,
}


@cache
def _font(size: float, bold: bool) -> FontProperties:
    return FontProperties(family=_STYLE["font.family"], weight="bold" if bold else "normal", size=size)


@cache
def text_width(text: str, *, size: float = FONT_SIZE, bold: bool = False) -> float:
    """The width of ``text`` in inches, in the pictures' font."""
    if not text:
        return 0.0
    width, _, _ = text_to_path.get_text_width_height_descent(text, _font(size, bold), ismath=False)
    return float(width) / 72.0


def fit(text: str, width: float, *, size: float = FONT_SIZE, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width`` inches (words, and no-break spaces, kept whole).

    Lines are measured word by word (kerning across words is small; a line keeps a 3% margin).
    """
    space = text_width("a b", size=size, bold=bold) - text_width("ab", size=size, bold=bold)
    lines: list[tuple[str, float]] = []
    for word in text.split(" "):
        measure = text_width(word, size=size, bold=bold)
        if lines and lines[-1][1] + space + measure <= width * 0.97:
            line, used = lines[-1]
            lines[-1] = (f"{line} {word}", used + space + measure)
        else:
            lines.append((word, measure))
    return [line for line, _ in lines] or [""]


def new_figure(width: float, height: float) -> Figure:
    """A figure of ``width`` × ``height`` inches, without pyplot (no global state)."""
    with matplotlib.rc_context(_STYLE):
        return Figure(figsize=(width, height), dpi=150)


class Inches:
    """Places text on a figure by inches from its top-left corner."""

    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        width, height = figure.get_size_inches()
        self.width, self.height = float(width), float(height)

    def x(self, inches: float) -> float:
        return inches / self.width

    def y(self, inches_from_top: float) -> float:
        return 1 - inches_from_top / self.height

    def text(self, x: float, y: float, text: str, **style: object) -> None:
        """``text`` with its top-left corner (by default) ``x`` inches from the left and ``y`` from the top."""
        style.setdefault("va", "top")
        style.setdefault("ha", "left")
        style.setdefault("color", INK)
        with matplotlib.rc_context(_STYLE):
            self.figure.text(self.x(x), self.y(y), text, **style)  # type: ignore[arg-type]


def package_version() -> str:
    try:
        return version("mmkg")
    except PackageNotFoundError:
        return "(source checkout)"


LINE = 0.17  # inches between the footer's lines


def footer_lines(notes: list[str], width: float) -> list[str]:
    """The footer's notes fitted to ``width`` inches."""
    return [line for note in notes if note for line in fit(note, width - 0.6, size=SMALL)]


def footer(place: Inches, lines: list[str], *, top: float) -> None:
    """The picture's footer, from ``top`` inches down: where the data comes from, and caveats."""
    for i, line in enumerate(lines):
        place.text(0.3, top + i * LINE, line, fontsize=SMALL, color=GREY)


def save(figure: Figure, output: Path | str) -> Path:
    """Write ``figure`` to ``output`` (``.svg`` or ``.png``, by its extension), atomically."""
    path = Path(output)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(
            f"the picture's format follows the file's extension: {' or '.join(FORMATS)}, got {path.name!r}"
        )
    buffer = io.BytesIO()
    with matplotlib.rc_context(_STYLE):
        figure.savefig(buffer, format=suffix[1:], metadata={"Date": None} if suffix == ".svg" else None)
    return write_file(path, buffer.getvalue())


def bare(axes: Axes) -> None:
    """An axes reduced to its x axis: the rows are labelled by the picture's own text."""
    axes.tick_params(axis="x", labelsize=SMALL, colors=INK)
    axes.set_yticks([])
    for side in ("left", "right", "top"):
        axes.spines[side].set_visible(False)


class Canvas:
    """Drawing in inches from the top-left corner of a figure (one invisible axes over all of it)."""

    def __init__(self, figure: Figure) -> None:
        width, height = figure.get_size_inches()
        self.axes: Axes = figure.add_axes((0, 0, 1, 1))
        self.axes.set_xlim(0, width)
        self.axes.set_ylim(height, 0)
        self.axes.set_axis_off()

    def text(self, x: float, y: float, text: str, **style: Any) -> None:
        """``text`` with its top-left corner (by default) at (``x``, ``y``) inches."""
        style.setdefault("va", "top")
        style.setdefault("color", INK)
        style.setdefault("fontsize", FONT_SIZE)
        self.axes.text(x, y, text, **style)

    def box(self, x: float, y: float, width: float, height: float, **style: Any) -> None:
        """A rounded box with its top-left corner at (``x``, ``y``) inches."""
        self.axes.add_patch(
            FancyBboxPatch((x, y), width, height, boxstyle="round,pad=0,rounding_size=0.05", linewidth=0.8, **style)
        )
