"""The `moinext` command: argument parsing only; the work is done by generator.pipeline and the
other library modules, which tests call directly. Each module registers its commands on `main`."""

from __future__ import annotations

from . import building, publishing, writing
from .common import main, run

__all__ = ["building", "main", "publishing", "run", "writing"]
