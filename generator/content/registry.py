"""The office registry (content/offices.yml): which offices may publish, and how they nest.

Rules beyond the schema: ids are unique, a parent exists and no office is its own ancestor, and a
province office's id matches its ISO code (th-50 for TH-50).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..places import BANGKOK, districts, field_office, province_name, provincial_offices
from ..problems import Fragment, Problem, describe, display_path
from ..thai.normalise import normalise
from .errors import field_name, problems_from_validation
from .schema import FieldUnits, OfficeEntry
from .suggest import did_you_mean
from .yamlpos import Positions, read_yaml_file


@dataclass(frozen=True)
class Office:
    id: str
    name_th: str
    name_en: str | None
    abbr_th: str | None
    kind: str
    parent: str | None  # where the office sits: a division in its department, a district in its province
    province: str | None  # ISO 3166-2:TH, e.g. TH-50
    # The central office whose field unit this is, when that is not its parent: กรมการปกครอง for
    # a district office, สป.มท. for a สำนักงานจังหวัด. Its packs and pages take the unit's work in.
    line: str | None = None

    @property
    def is_place(self) -> bool:
        """A province or Bangkok: its page shows the stories of the offices in it."""
        return self.kind in ("province", "local_government")

    @property
    def province_name(self) -> str | None:
        """The name of the office's province ("เชียงใหม่"), if it has one."""
        return province_name(self.province) if self.province else None


_PLACE_PREFIXES = ("จังหวัด", "จ.", "อำเภอ", "อ.")


def _searchable(text: str, *, strip_prefixes: bool = True) -> str:
    """Text as an office search compares it: lower case, no spaces, no จังหวัด/อำเภอ prefix."""
    text = normalise(text).lower()
    if strip_prefixes:
        for prefix in _PLACE_PREFIXES:
            text = text.replace(prefix, " ")
    return "".join(text.split())


# The kinds of office every place has, whose line office offices.yml names under field_units.
FIELD_UNIT_KINDS = ("district", "provincial_office")


@dataclass(frozen=True)
class Registry:
    offices: dict[str, Office]  # in file order
    field_units: dict[str, str] = field(default_factory=dict)  # kind -> line office id (offices.yml)

    def __contains__(self, office_id: object) -> bool:
        return office_id in self.offices

    def name_of(self, office_id: str) -> str:
        """The office's Thai name (a district's or สำนักงานจังหวัด's from places even when no story
        of its own listed it here), or its id when nobody knows it."""
        office = self.offices.get(office_id)
        if office is not None:
            return office.name_th
        found = field_office(office_id)
        return found.name_th if found else office_id

    def parent_of(self, office: Office) -> Office | None:
        return self.offices.get(office.parent) if office.parent else None

    def find(self, text: str, other_spellings: Iterable[str] = ()) -> list[Office]:
        """Offices whose id, Thai or English name, abbreviation or province contains text (or
        one of its other spellings from synonyms.yml): those listed first, else any of the
        country's districts. "จ.เชียงใหม่", "อำเภอจอมทอง", "Chiangmai" and "โคราช" find theirs."""
        if text.strip().lower() in self.offices:
            return [self.offices[text.strip().lower()]]
        # "จังหวัด" alone is a word to find, not a prefix to drop.
        needles = {_searchable(text) or _searchable(text, strip_prefixes=False)} - {""}
        needles |= {_searchable(other) for other in other_spellings} - {""}
        if not needles:
            return []

        def matching(offices: Iterable[Office]) -> list[Office]:
            found = []
            for office in offices:
                given = (
                    office.id,
                    office.name_th,
                    office.name_en,
                    office.abbr_th,
                    office.province,
                    office.province_name,
                )
                names = [name for name in given if name]
                haystack = " ".join(_searchable(n, strip_prefixes=False) + " " + _searchable(n) for n in names)
                if any(needle in haystack for needle in needles):
                    found.append(office)
            return found

        listed = matching(self.offices.values())
        if listed:
            return listed
        everywhere = self.with_districts([*districts(), *provincial_offices()])
        return matching(o for o in everywhere.offices.values() if o.id not in self.offices)

    def line_of(self, kind: str, province: str | None) -> str | None:
        """The line office of a field unit of this kind (Bangkok's เขต are the city's own)."""
        if kind == "district" and province == BANGKOK:
            return None
        return self.field_units.get(kind)

    def with_districts(self, office_ids: Iterable[str]) -> Registry:
        """This registry plus the field offices among office_ids that it does not list: every one
        of the country's 928 districts (th-5002) and 76 สำนักงานจังหวัด (th-50-provincial-office)
        may publish without an entry in offices.yml (places, from geothai)."""
        added = {}
        for office_id in office_ids:
            found = field_office(office_id)
            if found is None or office_id in self.offices or office_id in added:
                continue
            parent = found.province.lower()
            added[office_id] = Office(
                office_id,
                found.name_th,
                found.name_en,
                found.abbr_th,
                found.kind,
                parent if parent in self.offices else None,
                found.province,
                self.line_of(found.kind, found.province),
            )
        return Registry({**self.offices, **added}, self.field_units) if added else self

    def subtree(self, office_id: str) -> frozenset[str]:
        """The office and every office below it or in its line: สป.มท. with its bureaus and the
        สำนักงานจังหวัด; กรมการปกครอง with the district offices; a province with its districts."""
        children: dict[str, list[str]] = {}
        for office in self.offices.values():
            if office.parent:
                children.setdefault(office.parent, []).append(office.id)
            if office.line and office.line != office.parent:
                children.setdefault(office.line, []).append(office.id)
        found, stack = set(), [office_id]
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(children.get(current, ()))
        return frozenset(found)


def validate_registry(path: Path | None, content_dir: Path) -> tuple[Registry | None, list[Problem]]:
    if path is None:
        folder = display_path(content_dir)
        return None, [Problem(folder, 0, 0, "", "content.registry_missing", {"folder": folder})]
    shown = display_path(path)
    data, positions, problems = read_yaml_file(path, shown)
    if data is None:
        return None, problems
    for key in data:
        if key not in _TOP_LEVEL:
            problems.append(
                Problem(
                    shown,
                    *positions.locate((key,), key=True),
                    str(key),
                    "field.unknown",
                    {"key": key, "allowed": ", ".join(_TOP_LEVEL), **did_you_mean(str(key), _TOP_LEVEL)},
                )
            )
    field_units: dict[str, str] = {}
    try:
        units = FieldUnits.model_validate(data.get("field_units") or {})
        field_units = {kind: office for kind, office in units.model_dump().items() if office}
    except ValidationError as exc:
        problems += problems_from_validation(exc, shown, positions, FieldUnits, ("field_units",))
    entries = data.get("offices")
    if not isinstance(entries, list):
        line, column = positions.locate(("offices",))
        found = describe(entries)
        expected = Fragment("expected.office_list")
        return None, [
            *problems,
            Problem(shown, line, column, "offices", "field.type", {"expected": expected, "found": found}),
        ]
    offices: dict[str, Office] = {}
    first_line: dict[str, int] = {}
    for index, raw in enumerate(entries):
        try:
            entry = OfficeEntry.model_validate(raw)
        except ValidationError as exc:
            problems += problems_from_validation(exc, shown, positions, OfficeEntry, ("offices", index))
            continue
        line, column = positions.locate(("offices", index, "id"))
        where = f"offices[{index}].id"
        if entry.id in offices:
            params = {"value": entry.id, "first_line": first_line[entry.id]}
            problems.append(Problem(shown, line, column, where, "registry.duplicate_id", params))
            continue
        if entry.kind in ("province", "local_government") and entry.province and entry.id != entry.province.lower():
            params = {"digits": entry.province[3:], "province": entry.province}
            problems.append(Problem(shown, line, column, where, "registry.province_id", params))
        first_line[entry.id] = line
        line_office = entry.line
        if line_office is None and entry.kind in FIELD_UNIT_KINDS:
            line_office = Registry({}, field_units).line_of(entry.kind, entry.province)
        offices[entry.id] = Office(
            entry.id,
            entry.name_th,
            entry.name_en,
            entry.abbr_th,
            entry.kind,
            entry.parent,
            entry.province,
            line_office,
        )
    problems += _check_parents(offices, entries, shown, positions)
    for kind, office_id in field_units.items():
        if office_id not in offices:
            loc = ("field_units", kind)
            params = {"value": office_id, **did_you_mean(office_id, offices)}
            problems.append(Problem(shown, *positions.locate(loc), field_name(loc), "registry.unknown_line", params))
    return Registry(offices, field_units), problems


_TOP_LEVEL = ("offices", "field_units")


def _check_parents(offices: dict[str, Office], entries: list[Any], shown: str, positions: Positions) -> list[Problem]:
    problems = []
    index_of = {e.get("id"): i for i, e in enumerate(entries) if isinstance(e, dict)}
    for office in offices.values():
        raw = entries[index_of[office.id]]
        if isinstance(raw, dict) and raw.get("line") is not None and office.line not in offices:
            loc = ("offices", index_of[office.id], "line")
            params = {"value": str(office.line), **did_you_mean(str(office.line), offices)}
            problems.append(Problem(shown, *positions.locate(loc), field_name(loc), "registry.unknown_line", params))
        if office.parent is None:
            continue
        loc = ("offices", index_of[office.id], "parent")
        if office.parent not in offices:
            params = {"value": office.parent, **did_you_mean(office.parent, offices)}
            problems.append(Problem(shown, *positions.locate(loc), field_name(loc), "registry.unknown_parent", params))
            continue
        seen = {office.id}
        current: str | None = office.parent
        while current is not None and current in offices:
            if current in seen:
                problems.append(
                    Problem(
                        shown,
                        *positions.locate(loc),
                        field_name(loc),
                        "registry.parent_cycle",
                        {"value": office.id},
                    )
                )
                break
            seen.add(current)
            current = offices[current].parent
    return problems
