"""Which outputs a build must make again: the build record of the previous site against the
content now. One rule for every kind of change, so a typo fix and a clean build differ only in
the set this returns:

- no usable record, or anything but the stories changed (the configuration, any file of
  content/ outside the write-up folders, the theme, this program and its libraries, the day,
  the choice of drafts): everything;
- a story added, removed, or moved (its placement: record.placement_key): everything, since a
  list's pages and every story's neighbours may shift;
- otherwise: the own page of every story whose text changed, and every output (a page, a feed,
  an evidence pack) that shows a story whose shown part changed (its title, summary, photos …),
  as the record lists what each output shows.

An output the record does not know is always made. A story's search document is stale with its
own page.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..content.schema import SiteConfig
from ..keys import code_fingerprint, digest, file_digest
from .record import BuildRecord, StoryKeys

log = logging.getLogger("moinext.build")


def inputs_key(
    config: SiteConfig,
    content_dir: Path,
    content_files: Sequence[Path],
    logo: bytes | None,
    renderer: str,
    today: dt.date,
    drafts: bool,
) -> dict[str, str]:
    """The key of each input of the site but the stories, by a name that says what it is (the
    build's log names the one that changed). content_files: every file content/ holds outside the
    write-up folders (collect's Inventory.site_files): the offices, the synonyms, and whatever file
    is added there later, so no new kind of input can be left out of this list."""
    return {
        "site_config.yml": digest(config.model_dump_json()),
        **{f"content/{path.relative_to(content_dir).as_posix()}": file_digest(path) for path in content_files},
        "logo": digest(logo or b""),
        "theme and code": digest(renderer, code_fingerprint()),
        "day": today.isoformat(),
        "drafts": str(drafts),
    }


@dataclass(frozen=True)
class Stale:
    """What a build makes again. everything: every output; otherwise the own page and search
    document of each story in own, and every output that shows a story in shown."""

    everything: bool
    reason: str
    own: frozenset[str] = frozenset()
    shown: frozenset[str] = frozenset()

    def wanted(self, record: BuildRecord) -> Callable[[str], bool]:
        """For plan_site: whether a page (by its address) or a file (by its site path) is stale."""
        if self.everything:
            return lambda _: True
        stale = set(self.own)
        for outputs in (record.pages, record.files):
            stale.update(path for path, output in outputs.items() if not self.shown.isdisjoint(output.shows))
        known = record.pages.keys() | record.files.keys()
        return lambda path: path in stale or path not in known


def find_stale(record: BuildRecord, inputs: Mapping[str, str], keys: Mapping[str, StoryKeys]) -> Stale:
    """The outputs stale since the build record describes, for the content whose inputs and
    story keys are given (record.story_keys)."""
    if not record.inputs:
        return Stale(True, "no record of a previous build")
    if record.inputs != inputs:
        changed = sorted(
            name for name in inputs.keys() | record.inputs.keys() if record.inputs.get(name) != inputs.get(name)
        )
        return Stale(True, "changed: " + ", ".join(changed))
    added = keys.keys() - record.stories.keys()
    removed = record.stories.keys() - keys.keys()
    if added or removed:
        return Stale(True, f"stories added: {_some(added)}; removed: {_some(removed)}")
    moved = [url for url, k in keys.items() if record.stories[url].placement != k.placement]
    if moved:
        return Stale(True, f"moved (date, office, tags, RER, PMQA, draft, featured or photos): {_some(moved)}")
    shown = frozenset(url for url, k in keys.items() if record.stories[url].shown != k.shown)
    own = frozenset(url for url, k in keys.items() if record.stories[url].whole != k.whole)
    reason = f"shown on other pages: {_some(shown)}; own page only: {_some(own - shown)}"
    return Stale(False, reason, own | shown, shown)


def _some(urls: Sequence[str] | set[str] | frozenset[str]) -> str:
    shown = sorted(urls)
    if not shown:
        return "none"
    return ", ".join(shown[:5]) + (f" and {len(shown) - 5} more" if len(shown) > 5 else "")
