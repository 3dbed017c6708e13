"""``python -m mmkg``: the same command as ``mmkg``."""

from .cli import run

run()
