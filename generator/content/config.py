"""The site configuration (site_config.yml): validated like content, unknown keys are errors."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..problems import Problem, display_path
from .errors import problems_from_validation
from .schema import SiteConfig
from .yamlpos import read_yaml_file


def validate_config(path: Path, *, required: bool) -> tuple[SiteConfig | None, list[Problem]]:
    shown = display_path(path)
    if not path.is_file():
        if required:
            return None, [Problem(shown, 0, 0, "", "config.missing", {"file": shown})]
        return SiteConfig(), []
    data, positions, problems = read_yaml_file(path, shown)
    if data is None:
        return None, problems
    try:
        return SiteConfig.model_validate(data), problems
    except ValidationError as exc:
        return None, problems + problems_from_validation(exc, shown, positions, SiteConfig)
