"""Pictures drawn from the graph with matplotlib (the optional ``[plots]`` extra).

- :func:`forest`: hazard ratios with their confidence intervals, by trial (a forest plot);
- :func:`timeline`: a product's regulatory history, per agency;
- :func:`options_map`: a patient's sequencing map — prior lines, derived states and the
  options with their status and reason;
- :func:`lattice`: the drug classification, target × modality by pharmacological class.

Each returns a matplotlib Figure and, given ``output``, writes it (SVG or PNG, by the
file's extension). Every fact drawn comes from the graph. Information with its evidence;
not medical advice.
"""

try:
    import matplotlib  # noqa: F401
except ImportError:  # pragma: no cover - depends on the installed extras
    raise ImportError("pictures need matplotlib: pip install 'mmkg[plots]'") from None

from .forest import forest
from .lattice import lattice
from .options_map import options_map
from .timeline import timeline

__all__ = ["forest", "lattice", "options_map", "timeline"]
