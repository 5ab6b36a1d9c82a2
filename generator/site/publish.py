"""Publishing never leaves half a site: build into a temporary folder beside the output, and
swap it in only when complete, in one atomic exchange where the system has one. A failed or
killed build leaves the previous site as it was."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from . import BuildFailed

MARKER = ".moinext"  # marks a folder as a site we built, so we never replace anything else
REPLACED_MARKER = ".moinext-replaced"  # marks a build's folder, after the swap, as ours to remove

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


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE): at every instant each name
    holds a whole folder. False where the system or file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False  # e.g. a file system without exchange: fall back to two renames
    raise OSError(error, os.strerror(error), str(second))


@contextmanager
def _output_lock(out_dir: Path) -> Iterator[None]:
    """One build at a time per output folder (a `build` and a `serve`, two CI jobs)."""
    lock_path = out_dir.parent / f".{out_dir.name}.lock"
    with open(lock_path, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def kept_folder(out_dir: Path) -> Path:
    """A folder beside the output that builds of it keep from one to the next (the search index's
    documents: search.SearchDocuments.write). Only written inside publish's write_site, under
    the output's lock; never published."""
    return out_dir.absolute().parent / f".{out_dir.name}.kept"


def spare_folder(out_dir: Path) -> Path:
    """The site the last build of out_dir replaced, kept whole for the next build to make its new
    site in (Publication.take_spare): its folders are there already, and a folder costs a
    build more than a file (0.2 ms a mkdir here: 12,800 folders at 10,000 stories). It is only
    ever moved or changed under the output's lock; the background removal never sees it."""
    return out_dir.absolute().parent / f".{out_dir.name}.spare"


def stranded_builds(out_dir: Path) -> list[Path]:
    """Temporary folders of builds that were killed before they finished (only called under the
    output's lock, so no build is writing them)."""
    return sorted(out_dir.parent.glob(f".{out_dir.name}.building-*"))


def replaced_sites(out_dir: Path) -> list[Path]:
    """Sites that builds replaced and no removal has taken yet, or whose removal was stopped (its
    folder is older than _REMOVAL_STOPPED_S): complete or partly removed folders no build reads or
    writes. (.<out>.skeleton-* folders are those an earlier version of moinext kept.)"""
    parent = out_dir.absolute().parent
    waiting = [*parent.glob(f".{out_dir.name}.replaced-*"), *parent.glob(f".{out_dir.name}.skeleton-*")]
    being_removed = parent.glob(f".{out_dir.name}.removing-*")
    stopped = [folder for folder in being_removed if _age_s(folder / REPLACED_MARKER) > _REMOVAL_STOPPED_S]
    return sorted([*waiting, *stopped])


# A removal of even a very large site takes seconds; one still there after ten minutes was stopped.
_REMOVAL_STOPPED_S = 600


def _age_s(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


# The shell starts the removal in the background and exits at once, so no process waits for it
# (or is left unreaped). Only folders renamed .<out>.removing-* are given to it: no build reads or
# writes such a folder, so the removal needs no lock and cannot race a build, however long it
# takes. A removal stopped half way leaves a folder still marked as ours, which a later build
# removes.
_REMOVE_SCRIPT = '( for folder do rm -rf "$folder"; done ) </dev/null >/dev/null 2>&1 &'


def remove_in_background(folders: list[Path]) -> None:
    """Remove replaced sites in a process of their own that outlives this one.

    Removing a site of 1,000 stories is thousands of file-system calls. Done during a build (on the
    other core) it slowed that build's own file-system calls by 0.45 s; done after the swap, in the
    background, it is over long before a person saves the next edit. A thread was slower still: it
    fought the build for the interpreter."""
    taken = []
    for folder in folders:
        if folder.is_symlink() or not (folder / REPLACED_MARKER).is_file():
            continue  # not a folder publish left: never removed
        removing = folder.with_name(re.sub(r"\.(replaced|skeleton)-", ".removing-", folder.name, count=1))
        try:
            if removing != folder:
                os.replace(folder, removing)  # one removal per folder, even with two builds at once
            (removing / REPLACED_MARKER).touch()  # the removal's start, for replaced_sites
        except OSError:
            continue
        taken.append(removing)
    if not taken:
        return
    try:
        subprocess.run(["sh", "-c", _REMOVE_SCRIPT, "sh", *map(str, taken)], check=True, timeout=30)
    except (OSError, subprocess.SubprocessError):  # no POSIX shell: remove them here
        for folder in taken:
            shutil.rmtree(folder, ignore_errors=True)


class Publication:
    """One build's hold on the output: its lock, and a fresh temporary folder beside it (work).
    publish() writes the new site there and swaps it in; leaving the `with` removes whatever
    was not published. Everything a build reads of the previous site and writes beside it (the
    kept search documents) is read and written inside this hold.

    An OS error (a read-only or full disk) becomes BuildFailed with the path and the reason."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.absolute()
        self.work: Path | None = None
        self._lock: contextlib.ExitStack | None = None

    def __enter__(self) -> Publication:
        with _reported(self.out_dir):
            self.out_dir.parent.mkdir(parents=True, exist_ok=True)
            stack = contextlib.ExitStack()
            stack.enter_context(_output_lock(self.out_dir))
            self._lock = stack
            try:
                for leftover in stranded_builds(self.out_dir):
                    shutil.rmtree(leftover, ignore_errors=True)
                prefix = f".{self.out_dir.name}.building-"
                self.work = Path(tempfile.mkdtemp(prefix=prefix, dir=self.out_dir.parent))
            except BaseException:
                stack.close()
                raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.work is not None:
                shutil.rmtree(self.work, ignore_errors=True)
        finally:
            if self._lock is not None:
                self._lock.close()

    def take_spare(self, target: Path) -> bool:
        """Move the output's spare (the site the last build replaced, kept whole under this lock:
        spare_folder) to target, for the build to make its new site in without making its
        folders again; False when there is none. The spare's files may be the live site's own
        (hard links): the build never writes into one, it replaces names (assemble.py)."""
        spare = spare_folder(self.out_dir)
        if spare.is_symlink() or not (spare / REPLACED_MARKER).is_file():
            return False
        try:
            os.replace(spare, target)
        except OSError:
            return False
        return True

    def publish(self, write_site: Callable[[Path, Path, Callable[[Path], bool]], Result]) -> Result:
        """Call write_site(new_site, work, take_spare) (new_site does not exist yet), then swap
        new_site in for the output. Anything write_site raises leaves the output untouched. The
        site the swap replaced becomes the output's spare (an older spare, unused, is removed);
        the rest of work is marked, renamed .<out>.removing-* and removed in the background
        (remove_in_background), not waited for."""
        work, out_dir = self.work, self.out_dir
        assert work is not None, "publish() outside `with Publication(...)`"
        with _reported(out_dir):
            new_site = work / "site"
            result = write_site(new_site, work, self.take_spare)
            marker = new_site / MARKER
            marker.unlink(missing_ok=True)  # a spare's: never written in place
            marker.write_text("This folder is built by moinext and replaced on each build.\n")
            replaced = _swap_in(new_site, out_dir, work / "previous")
            if replaced is not None:
                spare = spare_folder(out_dir)
                if spare.exists() or spare.is_symlink():
                    os.replace(spare, work / "older-spare")  # removed with work
                (replaced / REPLACED_MARKER).touch()
                os.replace(replaced, spare)
            self.work = None  # published: no longer ours to remove here
            try:
                (work / REPLACED_MARKER).touch()
                replaced = work.with_name(work.name.replace(".building-", ".replaced-", 1))
                os.replace(work, replaced)
            except OSError:
                shutil.rmtree(work, ignore_errors=True)
            else:
                remove_in_background(replaced_sites(out_dir))  # this one, and any a removal left
            return result


@contextmanager
def _reported(out_dir: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        where = exc.filename or out_dir
        raise BuildFailed(f"cannot write {where}: {exc.strerror or exc}") from exc


def publish(out_dir: Path, write_site: Callable[[Path, Path, Callable[[Path], bool]], Result]) -> Result:
    """Call write_site(new_site, work_dir, take_spare), then swap new_site in for out_dir
    (Publication). Anything write_site raises leaves out_dir untouched and its temporary folder
    is removed, as are those of earlier builds that were killed."""
    with Publication(out_dir) as publication:
        return publication.publish(write_site)


def _swap_in(new_site: Path, out_dir: Path, previous: Path) -> Path | None:
    """Put new_site at out_dir; returns where the site it replaced now is (None: there was none)."""
    if not out_dir.exists():
        os.replace(new_site, out_dir)
        return None
    if _exchange(new_site, out_dir):
        return new_site  # the previous site is now at new_site, inside the work folder
    # Two renames: between them there is no site at out_dir for a moment.
    os.replace(out_dir, previous)
    try:
        os.replace(new_site, out_dir)
    except OSError:
        os.replace(previous, out_dir)  # put the previous site back before giving up
        raise
    return previous
