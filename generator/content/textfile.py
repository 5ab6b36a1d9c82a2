"""Text files as offices save them: UTF-8 (with or without BOM), any line ending, front-matter.

Office staff write these files by hand in whatever editor they have, so a UTF-8 BOM and Windows
line endings are accepted as if absent, and a legacy Thai encoding or a missing front-matter block
becomes a Problem at the right line instead of an exception.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..filestatus import Status, status_of
from ..problems import Fragment, Problem
from ..thai.text import format_number

# What a file's status says of it: (device, inode, size, modification and change time in ns).
# The change time moves with every write and cannot be set back, so an equal signature, taken
# before the file was read, means the same bytes (as git's index trusts it: content/story.py).
Signature = Status  # a file's status, taken before it was read (filestatus)
signature = status_of


@dataclass
class TextFile:
    """A decoded file: text with BOM removed and line endings normalised to \\n."""

    path: str  # as shown in messages
    text: str
    signature: Signature | None = None  # the file's, taken before it was read


def decode(data: bytes, path: str) -> tuple[TextFile | None, list[Problem]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        params: dict[str, object] = {}
        try:
            data.decode("cp874")
            # Thai offices still save as TIS-620 / Windows-874, which decodes cleanly as cp874.
            params = {"guess": Fragment("guess.windows874")}
        except UnicodeDecodeError:
            pass
        return None, [Problem(path, line, column, "", "file.not_utf8", params)]
    return TextFile(path, text.replace("\r\n", "\n").replace("\r", "\n")), []


@dataclass
class FrontMatterDocument:
    """A Markdown file split into its front-matter and body."""

    front: str
    front_first_line: int  # file line of the first front-matter field (the line after '---')
    body: str
    body_first_line: int


def split_front_matter(file: TextFile) -> tuple[FrontMatterDocument | None, list[Problem]]:
    if not file.text.strip():
        return None, [Problem(file.path, 1, 1, "", "file.empty")]
    lines = file.text.split("\n")
    if lines[0].rstrip() != "---":
        return None, [Problem(file.path, 1, 1, "", "frontmatter.missing")]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return (
                FrontMatterDocument(
                    front="\n".join(lines[1:index]),
                    front_first_line=2,
                    body="\n".join(lines[index + 1 :]),
                    body_first_line=index + 2,
                ),
                [],
            )
    return None, [Problem(file.path, 1, 1, "", "frontmatter.unclosed")]


def read_text_file(path: Path, shown: str, limit: int) -> tuple[TextFile | None, list[Problem]]:
    """Read and decode a file of at most `limit` bytes; an OS error, a larger file or a wrong
    encoding is a Problem, never an exception (and a huge file is never read whole)."""
    try:
        with path.open("rb") as handle:
            status = os.fstat(handle.fileno())
            data = handle.read(limit + 1)
            if len(data) > limit:
                handle.seek(0, os.SEEK_END)
                params: dict[str, object] = {
                    "size_kb": format_number(handle.tell() // 1000),
                    "limit_kb": format_number(limit // 1000),
                }
                return None, [Problem(shown, 0, 0, "", "file.too_large", params)]
    except OSError as exc:
        return None, [Problem(shown, 0, 0, "", "file.unreadable", {"reason": exc.strerror or str(exc)})]
    decoded, problems = decode(data, shown)
    if decoded is not None:
        decoded.signature = signature(status)
    return decoded, problems
