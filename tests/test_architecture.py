"""The house rules of ARCHITECTURE.md, checked on the source: imports point down the flow of
data, only the render module knows mkdocs, and one owner answers each fact."""

from __future__ import annotations

import ast
from pathlib import Path

from generator.content.schema import RESERVED_IDS
from generator.site import urls

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
# Lower ranks are imported by higher ones, never the other way round.
RANKS = {"problems": 0, "frameworks": 0, "places": 0, "thai": 0, "keys": 0, "filestatus": 0, "plaintext": 0}
RANKS |= {"content": 1, "photos": 2, "site": 3}
TOP = 4  # pipeline.py and the command modules


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of everything a module imports."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.add(name)
            found |= {f"{name}.{alias.name}" for alias in node.names}
    return found


def _rank(module: str) -> int:
    parts = module.split(".")
    return RANKS.get(parts[1], TOP) if len(parts) > 1 else TOP


def _modules() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_imports_point_down_the_flow_of_data():
    upward = []
    for module, imported in _modules().items():
        for name in imported:
            if name.startswith("generator.") and _rank(name) > _rank(module):
                upward.append(f"{module} imports {name}")
            if _rank(module) == 0 and name.startswith("generator.") and _rank(name) != 0:
                upward.append(f"{module} (shared ground) imports {name}")
    assert upward == []


def test_only_the_render_module_knows_mkdocs_and_material():
    knowing = {
        module
        for module, imported in _modules().items()
        if any(name.split(".")[0] in ("mkdocs", "material") for name in imported)
    }
    assert knowing and all(module.startswith("generator.site.render.") for module in knowing)


def test_nothing_outside_the_render_module_writes_mkdocs_conventions():
    """mkdocs' page sources ("…/index.md") and its private names stay in site/render/."""
    outside = [
        path
        for path in Path("generator").rglob("*.py")
        if not path.as_posix().startswith("generator/site/render/")
        and any(mark in path.read_text(encoding="utf-8") for mark in ('}index.md"', "_SCRIPT_TEMPLATE", "dirty=True"))
    ]
    assert outside == []


def test_site_folders_are_reserved_office_ids():
    top_level = {
        value.split("/")[0]
        for name, value in vars(urls).items()
        if name.isupper() and isinstance(value, str) and "/" in value
    }
    assert top_level and top_level <= RESERVED_IDS


def test_absolute_urls_have_one_form():
    assert urls.absolute("https://example.go.th", "th-50/") == "https://example.go.th/th-50/"
    assert urls.absolute("https://example.go.th/moi//", "feed.xml") == "https://example.go.th/moi/feed.xml"
    assert urls.absolute(None, "feed.xml") == "/feed.xml"
    assert urls.pmqa("6.2") == urls.pmqa("6") == "pmqa/6/"
