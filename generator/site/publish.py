"""Publishing never leaves half a site: build into a temporary folder beside the output, and
swap it in only when complete. A failed build leaves the previous site as it was."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

MARKER = ".moinext"  # marks a folder as a site we built, so we never replace anything else

Result = TypeVar("Result")


def check_output_dir(out_dir: Path, content_dir: Path) -> str | None:
    """Why out_dir must not be written, or None when it is safe to replace."""
    if out_dir.is_symlink():
        # Replacing it would put a real folder where the link was, and the link's target would
        # keep the old site: say so rather than guess which one was meant.
        return f"the output folder {out_dir} is a symbolic link; give the folder it points to"
    out = out_dir.resolve()
    content = content_dir.resolve()
    if out == content or content in out.parents or out in content.parents:
        return f"the output folder {out_dir} overlaps the content folder {content_dir}"
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        return f"{out_dir} exists and was not built by moinext; choose a new or empty folder so nothing in it is lost"
    return None


def publish(out_dir: Path, write_site: Callable[[Path, Path], Result]) -> Result:
    """Call write_site(new_site, work_dir) on a fresh folder, then swap it in for out_dir.

    Anything write_site raises leaves out_dir untouched; the temporary folder is always removed.
    """
    out_dir = out_dir.absolute()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
    try:
        new_site = work / "site"
        result = write_site(new_site, work)
        (new_site / MARKER).write_text("This folder is built by moinext and replaced on each build.\n")
        old = work / "previous"
        had_previous = out_dir.exists()
        if had_previous:
            os.replace(out_dir, old)
        try:
            os.replace(new_site, out_dir)
        except OSError:
            if had_previous:
                os.replace(old, out_dir)  # put the previous site back before giving up
            raise
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)
