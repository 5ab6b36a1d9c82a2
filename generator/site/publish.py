"""Publishing never leaves half a site: build into a temporary folder beside the output, and
swap it in only when complete, in one atomic exchange where the system has one. A failed or
killed build leaves the previous site as it was."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
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


def stranded_builds(out_dir: Path) -> list[Path]:
    """Temporary folders of builds that were killed before they finished (only called under the
    output's lock, so no build is writing them)."""
    return sorted(out_dir.parent.glob(f".{out_dir.name}.building-*"))


def replaced_sites(out_dir: Path) -> list[Path]:
    """Sites that later builds replaced: complete folders no build writes any more."""
    return sorted(out_dir.absolute().parent.glob(f".{out_dir.name}.replaced-*"))


class ReplacedSitesRemoval:
    """Removes the sites earlier builds replaced, on the other core, while this build works.

    Removing a site of 1,000 stories is thousands of file-system calls (about 0.25 s). A thread
    made the build slower, not faster: each call gives the interpreter back and then waits for it
    while the build computes, so `rm -rf` runs as its own process instead. Nothing writes these
    folders, so no lock is needed; wait() is called before the build returns, so a process never
    exits with a folder half removed (one that does is removed by the next build)."""

    def __init__(self, out_dir: Path) -> None:
        folders = [
            folder
            for folder in replaced_sites(out_dir)
            if not folder.is_symlink() and (folder / REPLACED_MARKER).is_file()  # publish left it
        ]
        self._process: subprocess.Popen[bytes] | None = None
        if folders:
            try:
                self._process = subprocess.Popen(
                    ["rm", "-rf", "--", *map(str, folders)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )
            except OSError:  # no `rm` (not a POSIX system): remove them here
                for folder in folders:
                    shutil.rmtree(folder, ignore_errors=True)

    def wait(self) -> None:
        if self._process is not None:
            self._process.wait()


def publish(out_dir: Path, write_site: Callable[[Path, Path], Result]) -> Result:
    """Call write_site(new_site, work_dir) on a fresh folder, then swap it in for out_dir.

    Anything write_site raises leaves out_dir untouched and its temporary folder is removed, as are
    those of earlier builds that were killed. After a swap, the temporary folder holds the replaced
    site: it is renamed .<out>.replaced-* for remove_replaced_sites to remove during the next build
    rather than waited for now. An OS error (a read-only or full disk) becomes BuildFailed with the
    path and the reason.
    """
    out_dir = out_dir.absolute()
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        with _output_lock(out_dir):
            for leftover in stranded_builds(out_dir):
                shutil.rmtree(leftover, ignore_errors=True)
            work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
            try:
                new_site = work / "site"
                result = write_site(new_site, work)
                (new_site / MARKER).write_text("This folder is built by moinext and replaced on each build.\n")
                _swap_in(new_site, out_dir, work / "previous")
            except BaseException:
                shutil.rmtree(work, ignore_errors=True)
                raise
            try:
                (work / REPLACED_MARKER).touch()
                os.replace(work, work.with_name(work.name.replace(".building-", ".replaced-", 1)))
            except OSError:
                shutil.rmtree(work, ignore_errors=True)
            return result
    except OSError as exc:
        where = exc.filename or out_dir
        raise BuildFailed(f"cannot write {where}: {exc.strerror or exc}") from exc


def _swap_in(new_site: Path, out_dir: Path, previous: Path) -> None:
    if not out_dir.exists():
        os.replace(new_site, out_dir)
        return
    if _exchange(new_site, out_dir):
        return  # the previous site is now at new_site, inside the work folder, and goes with it
    # Two renames: between them there is no site at out_dir for a moment.
    os.replace(out_dir, previous)
    try:
        os.replace(new_site, out_dir)
    except OSError:
        os.replace(previous, out_dir)  # put the previous site back before giving up
        raise
