"""Property-based tests: whatever an office commits, the tool answers with problems, never a
traceback, and what passes the checks is exactly what the site publishes.

The example count is bounded for CI (the "ci" profile); `make fuzz` runs the "long" profile
(HYPOTHESIS_PROFILE=long) for thousands of examples per property.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from generator.content.body import read_body
from generator.content.collect import StoryFolder
from generator.content.sanitise import sanitise
from generator.content.schema import PhotoSettings
from generator.content.story import validate_story
from generator.content.synonyms import Synonyms
from generator.photos.inspect import inspect_photo
from generator.plaintext import UNSAFE
from generator.problems import MESSAGES, has_errors

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Markdown and HTML as offices (and attackers) write it: Thai text, markup characters, tags,
# attributes and schemes, in any order.
_PIECES = [
    "ก", "ข้อความ", " ", "\n", "\n\n", "    ", "\t", "#", "*", "_", "`", "```", "~~~", "[", "]", "(", ")",
    "!", "<", ">", "/", "=", '"', "'", "&", ";", "{", "}", ":", "|", "-", "1.", "!!! note", "[^1]",
    "<a href=", "<img src=", "<script>", "</script>", "<div class=glightbox>", "<p id=__config>",
    "onerror=", "javascript:", "data:", "//host/x.png", "a.jpg", "<!--", "-->", "&#106;", "<svg>",
    "<form>", "<table>", "<td>", "<iframe>", "<style>", "<noscript>", "<textarea>", "<template>",
    "{: #x .y }", "\u200b", "\u0e4c", "\x00", "\ufeff",
    # Raw HTML blocks with marked sections and declarations (the standard library's parser raised
    # AssertionError on "<![" after "<div>"), control characters, look-alike ids.
    "<div>\n", "<![CDATA[", "<![", "<![if !supportLists]>", "]]>", "<!DOCTYPE x>", "<?php ?>", "\x1b[2J",
    "\ufffe", "\u202e", "<p id=glightbox-body>", "[x](javascript:1)", "![x](data:image/png,1)",
]  # fmt: skip
markdown_text = st.lists(st.sampled_from(_PIECES) | st.text(max_size=5), max_size=60).map("".join)


# A hang guard per example (30 s), not a performance figure: bench_hostile.py prints those.
@settings(deadline=30_000)
@given(markdown_text)
def test_a_body_is_read_without_a_traceback_and_what_passes_is_already_clean(source):
    body, problems = read_body(source, 5, "f.md", {"a.jpg"})
    for problem in problems:
        assert problem.code in MESSAGES and problem.line >= 5 and problem.column >= 1
        assert problem.message("en") and problem.message("th")
    if body is not None:
        assert not has_errors(problems)  # warnings (an inert script link) may come with it
        assert UNSAFE.search(body.html) is None
        # What the site publishes is what check judged: the cleaning has nothing left to remove.
        assert sanitise(body.html) == body.html
        assert "<script" not in body.html.lower() and '="javascript:' not in body.html.lower()


_FRONT_PIECES = [
    "title: ", "date: ", "2024-06-22", "rer: ", "routine", "pmqa: ", "[6.2, 3]", "summary: ", "photos:",
    "  - file: a.jpg", "    alt: ", "tags: ", "results:", "  - indicator: x", "    after: ", ".inf", "1e999",
    "&a ", "*a", "!!python/object:os.system", "- ", "  ", "\n", ":", "'", '"', "[", "]", "{", "}", "#", "|",
    ">", "\t", "ก", "~", "null", "yes", "0x1F", "---", "...",
]  # fmt: skip
front_text = st.lists(st.sampled_from(_FRONT_PIECES) | st.text(max_size=4), max_size=40).map("".join)


def _story_folder(root: Path, data: bytes) -> StoryFolder:
    folder = root / "content" / "th-50" / "a"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "index.md").write_bytes(data)
    (folder / "a.jpg").write_bytes(b"\xff\xd8\xff")
    return StoryFolder("th-50", "a", folder, ("a.jpg", "index.md"))


def _assert_problems_only(folder: StoryFolder) -> None:
    story, problems, _ = validate_story(folder, None)
    for problem in problems:
        assert problem.code in MESSAGES
        assert problem.message("en") and problem.message("th")
    assert story is not None or problems


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_as_a_write_up_are_problems_not_a_traceback(tmp_path, data):
    _assert_problems_only(_story_folder(tmp_path, data))


@given(front_text, markdown_text)
def test_arbitrary_front_matter_and_body_are_problems_not_a_traceback(tmp_path, front, body):
    text = f"---\n{front}\n---\n{body}"
    _assert_problems_only(_story_folder(tmp_path, text.encode("utf-8", "surrogatepass")))


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


JPEG = _jpeg()
damaged_jpeg = st.tuples(
    st.integers(0, len(JPEG)), st.lists(st.tuples(st.integers(0, len(JPEG) - 1), st.integers(0, 255)), max_size=20)
).map(lambda cut_flips: _damage(*cut_flips))


def _damage(cut: int, flips: list[tuple[int, int]]) -> bytes:
    data = bytearray(JPEG)
    for index, value in flips:
        data[index] = value
    return bytes(data[: max(cut, 1)])


@pytest.mark.parametrize("kind", ["random", "damaged"])
def test_arbitrary_bytes_as_a_photo_are_problems_not_a_traceback(tmp_path, kind):
    from generator.photos.encode import process_photo

    strategy = st.binary(max_size=4000) if kind == "random" else damaged_jpeg

    @given(strategy)
    def check(data: bytes) -> None:
        photo = tmp_path / "a.jpg"
        photo.write_bytes(data)
        problems = inspect_photo(photo, PhotoSettings(), ("f.md", 3, 5, "photos[0].file"))
        assert all(p.code in MESSAGES for p in problems)
        if not problems:
            # Headers looked right; decoding may still fail on a damaged file, and the build
            # reports that (photos/process.py catches it per photo). It must fail cleanly.
            out = tmp_path / "out"
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            with contextlib.suppress(OSError, ValueError, SyntaxError, Image.DecompressionBombError):
                process_photo(photo, out, PhotoSettings())

    check()


def _expansions_by_cutting_everything(synonyms: Synonyms, text: str) -> tuple[str, ...]:
    """Synonyms.expansions as first written: the whole text cut into words, every group and every
    broader term tried, each spelling once; then the English words of its Thai words."""
    from generator.thai.english import _loanwords, _translations
    from generator.thai.normalise import normalise
    from generator.thai.words import segment

    def words(value: str) -> str:
        return " " + " ".join(segment(normalise(value).lower())) + " "

    singular = " ".join(
        w[:-1] if len(w) > 3 and w.isascii() and w.endswith("s") and not w.endswith("ss") else w
        for w in words(text).split()
    )
    # (the words and their singulars apart: a spelling never spans the two, as it once could)
    haystack, found = words(text) + "| " + singular + " ", []
    for group in synonyms.groups:
        present = [word for word in group if words(word) in haystack]
        if present:
            found += [word for word in group if word not in present]
    for term, narrower in synonyms.broader:
        if words(term) not in haystack and any(words(word) in haystack for word in narrower):
            found.append(term)
    # Every run of whole words tried as a Thai word listed (not only those that begin one).
    cut = words(text).split()
    for start in range(len(cut)):
        for end in range(start + 1, len(cut) + 1):
            for listed in (_loanwords(), _translations()):
                found += [english for english in listed.get("".join(cut[start:end]), ()) if english not in cut]
    return tuple(dict.fromkeys(found))


def _shipped_synonyms():  # type: ignore[no-untyped-def]
    from generator.content.synonyms import validate_synonyms

    found, _ = validate_synonyms(Path(__file__).resolve().parent.parent / "content" / "synonyms.yml")
    return found


SHIPPED_SYNONYMS = _shipped_synonyms()
SPELLINGS = sorted({word for group in SHIPPED_SYNONYMS.groups for word in group})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(SPELLINGS),  # every spelling of content/synonyms.yml
            st.sampled_from(["องค์การบริหาร", "ส่วนตำบล", "ออนไลน์", "QR", "code", "กทม", ".", "โฮมสเตย์", "วิดีโอ", "ไลน์"]),
            st.sampled_from([" ", "", "\n", "-", "  ", "ๆ"]),
            st.text(alphabet="กขคงabc .-อบตลไน์", max_size=6),
        ),
        max_size=30,
    )
)
@example(["ส่วนตำบล", "องค์การบริหาร"])  # the text's end and its own start read as องค์การบริหารส่วนตำบล
def test_synonym_expansions_equal_cutting_the_whole_text(pieces):
    text = "".join(pieces)
    assert SHIPPED_SYNONYMS.expansions(text) == _expansions_by_cutting_everything(SHIPPED_SYNONYMS, text)
