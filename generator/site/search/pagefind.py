"""Pagefind: indexing parts in its own processes, seeding a part with the previous index's
files and pruning those no longer named, trimming the parts but the first."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shlex
import shutil
import signal
import subprocess
from collections.abc import Sequence
from pathlib import Path

import cbor2

from .. import BuildFailed
from ..links import link_files

# Pagefind's folders of files named by their content (and its metadata, pagefind.<hash>.pf_meta).
_CONTENT_NAMED = ("fragment", "index", "filter")
_SIGNATURE = b"pagefind_dcd"  # before the CBOR in each of Pagefind's gzip files


def _is_meta(name: str) -> bool:
    return name.startswith("pagefind.") and name.endswith(".pf_meta")


def _content_named_files(folder: Path) -> list[str]:
    names = [entry.name for entry in os.scandir(folder) if _is_meta(entry.name)]
    for sub in _CONTENT_NAMED:
        with contextlib.suppress(FileNotFoundError):
            names += [f"{sub}/{entry.name}" for entry in os.scandir(folder / sub)]
    return names


def seed_part(previous: Path, folder: Path) -> None:
    """Link the content-named files of the previous build of an index part (page fragments, index
    chunks, filters, metadata) into its new folder before Pagefind writes it there. Pagefind does
    not write such a file again when it exists (WriteBehavior::Immutable in its output/mod.rs),
    and compressing them is most of its time: 2,500 stories took 2.0 s into an empty folder,
    0.85 s into one holding them. Only these files: Pagefind rewrites its others in place, and
    a file of the previous site is never written to. prune_part removes those no longer named."""
    if previous.is_dir():
        link_files(previous, folder, _content_named_files(previous))


def prune_part(folder: Path) -> int:
    """Remove the content-named files of an index part that its index does not name (left by
    seed_part: a changed story's old fragment, replaced index chunks). Returns how many."""
    try:
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        named = {"pagefind-entry.json"}
        for language in entry["languages"].values():
            meta_file = f"pagefind.{language['hash']}.pf_meta"
            meta = cbor2.loads(gzip.decompress((folder / meta_file).read_bytes()).removeprefix(_SIGNATURE))
            # Pagefind's MetaIndex: version, pages (hash, words), index chunks (from, to, hash),
            # filters (name, hash), …
            named.add(meta_file)
            named.update(f"fragment/{page[0]}.pf_fragment" for page in meta[1])
            named.update(f"index/{chunk[2]}.pf_index" for chunk in meta[2])
            named.update(f"filter/{kept[1]}.pf_filter" for kept in meta[3])
    except (OSError, ValueError, KeyError, TypeError, IndexError, cbor2.CBORDecodeError) as exc:
        raise BuildFailed(
            f"the search index Pagefind wrote in {folder.name} could not be read ({exc}); "
            "a whole build (--full) does not need to read it"
        ) from exc
    stale = [name for name in _content_named_files(folder) if name not in named]
    for name in stale:
        (folder / name).unlink()
    return len(stale)


# In an index part other than the first, only the index itself is needed: the first part's
# scripts and WebAssembly search every part.
_PART_FILES = ("pagefind-entry.json", "index", "fragment", "filter")


def trim_part(folder: Path) -> None:
    """Remove Pagefind's scripts and styles from an index part other than the first."""
    for path in folder.iterdir():
        if path.name in _PART_FILES or path.name.endswith(".pf_meta"):
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


class Indexing:
    """Pagefind's indexer running in its own processes (the other core) while the pages render,
    one part after another (Popen of a shell that runs them in turn: no thread in this process,
    which would stop the second rendering process; one Pagefind at a time bounds the memory).
    Its output goes to a file, not a pipe: a full pipe would stop it while nobody reads."""

    def __init__(self, jobs: Sequence[tuple[Path, Path, Path | None]], log: Path) -> None:
        """jobs: (folder of documents, index folder to write, the previous build's index folder of
        that part or None), in order."""
        from pagefind_bin import get_executable

        for _, index, previous in jobs:
            if previous is not None:
                seed_part(previous, index)
        # Only a part seeded with the previous index's files can hold files its index no longer names.
        self.seeded = [index for _, index, previous in jobs if previous is not None]

        # One index for the whole site: stories in English still sit on Thai pages. Indexed as
        # "und" (no language): the words are already cut (thai.words) and Thai words are spelled
        # in digits (thai.normalise.index_spelling), so Pagefind must neither cut queries again
        # (it would for "th") nor stem the index (it would for "en"). English words are still
        # matched forgivingly: Pagefind stems every query term and finds word extensions.
        executable = str(get_executable())
        commands = [
            [executable, "--site", str(docs), "--output-path", str(index), "--force-language", "und", "--silent"]
            for docs, index, _ in jobs
        ]
        self.log = log
        self.waiting = commands
        self.shell = shutil.which("sh")
        if self.shell and len(commands) > 1:
            script = " && ".join(shlex.join(command) for command in commands)
            self.waiting = [[self.shell, "-c", script]]
        self.process = self._start(self.waiting.pop(0))

    def _start(self, command: list[str]) -> subprocess.Popen[bytes]:
        with open(self.log, "ab") as output:
            # Its own process group: stop() ends the shell and the Pagefind it is running.
            return subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=output, stderr=output, start_new_session=True
            )

    def wait(self) -> None:
        """Wait for every part; BuildFailed with Pagefind's own words if one failed. Then each
        part holds only the files its index names (prune_part)."""
        while True:
            if self.process.wait() != 0:
                said = self.log.read_text(encoding="utf-8", errors="replace").strip()[-2000:]
                raise BuildFailed(f"the search index (Pagefind, exit status {self.process.returncode}): {said}")
            if not self.waiting:
                break
            self.process = self._start(self.waiting.pop(0))  # no shell here: the parts in turn
        for folder in self.seeded:
            prune_part(folder)

    def stop(self) -> None:
        self.waiting.clear()
        if self.process.poll() is None:
            if hasattr(os, "killpg"):
                with contextlib.suppress(OSError):
                    os.killpg(self.process.pid, signal.SIGKILL)
            self.process.kill()
            self.process.wait()


def write_empty_index(index_dir: Path) -> None:
    """The search bundle of a site with no story yet (Pagefind's command refuses an empty folder;
    its Python interface writes the scripts with an empty index)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from pagefind.index import IndexConfig, PagefindIndex

    async def write() -> None:
        async with PagefindIndex(config=IndexConfig(force_language="und", output_path=str(index_dir))):
            pass

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(write())
    else:  # called from code that already runs an event loop (a test's browser): another thread
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, write()).result()
