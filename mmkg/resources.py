"""Where mmkg's curated sources, shapes, queries and release live.

An installed wheel carries them under ``mmkg/_data``; a source checkout (or an
editable install) reads them from the repository root.
"""

from __future__ import annotations

import os
import tempfile
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


def cache_dir(kind: str) -> Path | None:
    """Where mmkg keeps what it worked out once, by ``kind`` (``reasoner``, ``schemas``).

    ``$MMKG_CACHE_DIR/kind`` (no cache when that variable is empty), else
    ``$XDG_CACHE_HOME/mmkg/kind`` or ``~/.cache/mmkg/kind``.
    """
    configured = os.environ.get("MMKG_CACHE_DIR")
    if configured is not None:
        return Path(configured) / kind if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mmkg" / kind


def write_cached(folder: Path | None, name: str, data: bytes) -> None:
    """Keep ``data`` as ``folder/name``, atomically (a reader sees the whole file or none); a cache that cannot be written only costs time."""
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{name}-", dir=folder)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, folder / name)
    except OSError:
        pass
