"""The indexer (search/engine.py) in its own process, on the other core while the pages render."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import BuildFailed


class Indexing:
    """search/engine.py writing the stale parts of the index in a process of its own, one part
    after another (no thread in this process, which would stop the second rendering process).
    Its output goes to a file, not a pipe: a full pipe would stop it while nobody reads."""

    def __init__(self, jobs: Sequence[tuple[Path, Path, Path | None, Path, Path]], log: Path) -> None:
        """jobs: (folder of documents, index folder to write, the part's index in the previous
        site or None, the part's record, the documents' cache), in order (engine.write_index)."""
        # The engine alone (it needs only Python's own library), isolated: nothing of the project
        # or the environment is imported, so it starts in a few milliseconds.
        command = [sys.executable, "-I", str(Path(__file__).with_name("engine.py"))]
        command += [str(path) if path else "-" for job in jobs for path in job]
        self.log = log
        with open(log, "ab") as output:
            # Its own process group: stop() ends it whatever it started.
            self.process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=output, stderr=output, start_new_session=True
            )

    def wait(self) -> None:
        """Wait for every part; BuildFailed with the indexer's own words if it failed."""
        if self.process.wait() != 0:
            said = self.log.read_text(encoding="utf-8", errors="replace").strip()[-2000:]
            raise BuildFailed(f"the search index (exit status {self.process.returncode}): {said}")

    def stop(self) -> None:
        if self.process.poll() is None:
            if hasattr(os, "killpg"):
                with contextlib.suppress(OSError):
                    os.killpg(self.process.pid, signal.SIGKILL)
            self.process.kill()
            self.process.wait()
