"""The one rule for characters that may not travel in text: which they are, refused on input,
escaped on output.

A write-up's front-matter, an office's name in offices.yml or a body can carry, through YAML
escapes ("\\x1b", "\\x00") or a pasted file, characters that are not text: C0 and C1 controls
(ESC rewrites a terminal, NUL and U+0007 make XML ill-formed and crash openpyxl), the Unicode
non-characters (U+FFFE, U+FFFF, U+FDD0–U+FDEF: XML forbids the first two), lone surrogates, and
the bidirectional overrides that reorder what a reviewer reads. `check` refuses them at their
line (first_unsafe); every output that could still meet one (the terminal, XML, workbooks)
escapes or replaces it with the functions here, so no output has a rule of its own.
"""

from __future__ import annotations

import re

# Tab, line feed and carriage return are text; every other C0 control, DEL and C1 is not.
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff"
_SURROGATES = "\ud800-\udfff"
# LRE, RLE, PDF, LRO, RLO and the isolates: a line that says one thing and shows another.
_BIDI = "\u202a-\u202e\u2066-\u2069"
UNSAFE = re.compile(f"[{_CONTROLS}{_NONCHARACTERS}{_SURROGATES}{_BIDI}]")
# The non-characters of the other planes (U+1FFFE, U+1FFFF, … U+10FFFF) by code point.
_PLANE_END = re.compile("[\U0001fffe-\U0010ffff]")


def _is_unsafe_astral(char: str) -> bool:
    return (ord(char) & 0xFFFE) == 0xFFFE


def first_unsafe(text: str) -> int | None:
    """Where the first character that is not text stands in `text` (an index), or None."""
    found = UNSAFE.search(text)
    first = found.start() if found else None
    for astral in _PLANE_END.finditer(text):
        if _is_unsafe_astral(astral.group(0)):
            if first is None or astral.start() < first:
                first = astral.start()
            break
    return first


def describe(char: str) -> str:
    """A character as a message can show it: U+001B."""
    return f"U+{ord(char):04X}"


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def printable(text: str) -> str:
    """text for a terminal or a log: every unsafe character written as an escape (\\x1b)."""
    text = UNSAFE.sub(_escape, text)
    if _PLANE_END.search(text):
        text = "".join(f"\\U{ord(c):08x}" if _is_unsafe_astral(c) else c for c in text)
    return text


def replaced(text: str) -> str:
    """text for XML, HTML and workbooks: every unsafe character replaced by U+FFFD. `check`
    refuses them, so this changes nothing a checked site holds; it keeps a file well-formed
    whatever reaches it."""
    text = UNSAFE.sub("\ufffd", text)
    if _PLANE_END.search(text):
        text = "".join("\ufffd" if _is_unsafe_astral(c) else c for c in text)
    return text
