"""pydantic's validation errors turned into problems an office can act on.

Each error is placed at the line and column of the value at fault (yamlpos.Positions), worded from
the catalogue, and given a hint where one helps: the closest allowed field or value, the items of
a PMQA category, an example of a missing field.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Hashable
from typing import Any

from pydantic import BaseModel, ValidationError

from ..frameworks import PMQA_CATEGORIES
from ..problems import MESSAGES, Fragment, Problem, describe
from .schema import FRONT_MATTER_EXAMPLES, PATTERN_SHAPES
from .suggest import did_you_mean
from .yamlpos import Positions

# pydantic's error types -> the catalogue fragment that says what was expected.
_EXPECTED: dict[str, str] = {
    "string_type": "expected.text",
    "list_type": "expected.list",
    "bool_type": "expected.bool",
    "bool_parsing": "expected.bool",
    "int_type": "expected.int",
    "int_parsing": "expected.int",
    "int_from_float": "expected.int",
    "float_type": "expected.number",
    "float_parsing": "expected.number",
    "model_type": "expected.fields",
    "model_attributes_type": "expected.fields",
    "dict_type": "expected.fields",
}


def field_name(loc: tuple[Hashable, ...]) -> str:
    """("photos", 0, "file") -> "photos[0].file"."""
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _step(annotation: Any, part: Hashable) -> Any:
    """The type of the value at part inside a value of type annotation (None when unknown)."""
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(part) if isinstance(part, str) else None
        return field.annotation if field else None
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is dict and len(args) == 2:
        return args[1]
    if origin in (list, tuple) and args and isinstance(part, int):
        return args[0]
    models = [a for a in map(_unwrap, args) if isinstance(a, type) and issubclass(a, BaseModel)]
    return _step(models[0], part) if len(models) == 1 else None


def _union_member(annotation: Any, tag: Hashable) -> type[BaseModel] | None:
    """The member of a union of models whose one-value Literal field (its tag) is tag."""
    for member in map(_unwrap, typing.get_args(_unwrap(annotation))):
        if isinstance(member, type) and issubclass(member, BaseModel):
            for field in member.model_fields.values():
                literal = typing.get_origin(field.annotation) is typing.Literal
                if literal and typing.get_args(field.annotation) == (tag,):
                    return member
    return None


def _without_union_tags(model: type[BaseModel], loc: tuple[Hashable, ...]) -> tuple[tuple[Hashable, ...], Any]:
    """pydantic puts a tagged union's tag into the location ("targets", "web", "s3", "bucket"):
    the file has no such level. Returns the location as written, and the type found there."""
    annotation: Any = model
    written: list[Hashable] = []
    for part in loc:
        member = _union_member(annotation, part) if isinstance(part, str) else None
        if member is not None:
            annotation = member
            continue
        written.append(part)
        annotation = _step(annotation, part)
    return tuple(written), annotation


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _pmqa_hint(value: str) -> dict[str, Fragment]:
    # The code as a whole token: in 8.1 there is no category 1 to suggest.
    match = re.search(r"(?<![\d.])([1-7])(?:\.(\d+))?(?![\d.])", value)
    if not match:
        return {}
    category = PMQA_CATEGORIES[match.group(1)]
    if match.group(2) is not None or not value.isdigit():
        if value.strip() != match.group(0):
            return {"hint": Fragment("hint.write_just", {"value": match.group(0)})}
        return {"hint": Fragment("hint.category_items", {"category": category.code, "last": category.items[-1].code})}
    return {}


def problems_from_validation(
    error: ValidationError,
    path: str,
    positions: Positions,
    model: type[BaseModel],
    prefix: tuple[Hashable, ...] = (),
) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        inner, _ = _without_union_tags(model, tuple(detail["loc"]))
        loc = (*prefix, *inner)
        kind = detail["type"]
        ctx: dict[str, Any] = dict(detail.get("ctx") or {})
        given = detail.get("input")
        if kind == "union_tag_invalid":
            # A tagged union's tag (a publishing target's kind) is a choice like any other.
            loc = (*loc, str(ctx.get("discriminator", "")).strip("'"))
            kind, given = "literal_error", ctx.get("tag", given)
            ctx = {"expected": ctx.get("expected_tags", "")}
        if "at" in ctx:
            # A rule over several fields of one entry (schema's model validators) names the field
            # the writer should change; the problem points at its line.
            loc = (*loc, str(ctx.pop("at")))
        field = field_name(loc)
        if loc and loc[-1] == "[key]":  # a mapping's key is wrong: point at the key itself
            line, column = positions.locate(loc[:-1], key=True)
        else:
            line, column = positions.locate(loc)
        if kind == "missing":
            key = str(loc[-1])
            example = FRONT_MATTER_EXAMPLES.get(key)
            params: dict[str, object] = {"key": key}
            if example:
                params["example"] = Fragment("example.field", {"example": example})
            problems.append(Problem(path, *positions.locate(loc[:-1]), field, "field.missing", params))
            continue
        if kind == "extra_forbidden":
            key = str(loc[-1])
            _, holder = _without_union_tags(model, tuple(detail["loc"])[:-1])
            holder = _inner_model(holder)
            allowed = list(holder.model_fields) if holder else []
            problems.append(
                Problem(
                    path,
                    *positions.locate(loc, key=True),
                    field,
                    "field.unknown",
                    {"key": key, "allowed": ", ".join(allowed), **did_you_mean(key, allowed)},
                )
            )
            continue
        if kind == "literal_error":
            choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
            value = str(given)
            problems.append(
                Problem(
                    path,
                    line,
                    column,
                    field,
                    "field.choice",
                    {"value": value, "choices": ", ".join(choices), **did_you_mean(value, choices)},
                )
            )
            continue
        if kind == "too_short" and isinstance(given, list):
            params = {"count": len(given), "least": int(ctx.get("min_length", 1))}
            problems.append(Problem(path, line, column, field, "field.too_few" if given else "field.empty", params))
            continue
        if kind == "too_long" and isinstance(given, list):
            limit = int(ctx.get("max_length", 0))
            params = {"count": len(given), "limit": limit, "over": len(given) - limit}
            problems.append(Problem(path, line, column, field, "field.too_many", params))
            continue
        if kind in _EXPECTED:
            problems.append(
                Problem(
                    path,
                    line,
                    column,
                    field,
                    "field.type",
                    {"expected": Fragment(_EXPECTED[kind]), "found": describe(given)},
                )
            )
            continue
        if kind == "string_pattern_mismatch" and str(ctx.get("pattern")) in PATTERN_SHAPES:
            shape = Fragment(PATTERN_SHAPES[str(ctx["pattern"])])
            problems.append(Problem(path, line, column, field, "field.shape", {"value": given, "shape": shape}))
            continue
        if kind in MESSAGES:
            params = dict(ctx)
            if kind == "pmqa.invalid":
                params.update(_pmqa_hint(str(ctx.get("value", ""))))
            problems.append(Problem(path, line, column, field, kind, params))
            continue
        problems.append(Problem(path, line, column, field, "field.invalid", {"reason": detail["msg"]}))
    return problems
