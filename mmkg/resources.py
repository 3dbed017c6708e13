"""Where mmkg's curated sources, shapes, queries and release live.

An installed wheel carries them under ``mmkg/_data``; a source checkout (or an
editable install) reads them from the repository root.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE / "_data"


def data_root() -> Path:
    """The folder holding ``ontology/``, ``shapes/``, ``queries/`` and ``release/``."""
    return _BUNDLED if _BUNDLED.is_dir() else _PACKAGE.parent


def ontology_dir() -> Path:
    return data_root() / "ontology"


def shapes_dir() -> Path:
    return data_root() / "shapes"


def queries_dir() -> Path:
    return data_root() / "queries"


def rules_dir() -> Path:
    return ontology_dir() / "rules"


def release_dir() -> Path:
    return data_root() / "release"


def source_files(root: Path | None = None) -> list[Path]:
    """Every curated Turtle file (TBox and knowledge base), in a stable order."""
    base = root if root is not None else ontology_dir()
    return sorted(base.rglob("*.ttl"), key=lambda p: p.relative_to(base).as_posix())


def shape_files(root: Path | None = None) -> list[Path]:
    base = root if root is not None else shapes_dir()
    return sorted(base.glob("*.ttl"))


def quality_dir() -> Path:
    """The release's quality checks (``quality/*.rq``), run by the build."""
    return data_root() / "quality"
