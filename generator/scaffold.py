"""`moinext new`: start a write-up with valid front-matter and a Thai template to fill in.

Every answer can come from an option (for scripts) or from a prompt (for people); the choices are
shown in Thai and English. The front-matter is checked with the same model `check` uses before the
file is written, and an existing write-up is never overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from .content import limits
from .content.collect import INDEX_NAME
from .content.errors import problems_from_validation
from .content.limits import SUMMARY_CHARS as SUMMARY_LIMIT
from .content.registry import Office, Registry
from .content.schema import PMQA_WORDS, FrontMatter
from .content.synonyms import Synonyms
from .content.yamlpos import Positions
from .frameworks import PMQA, RER, rer_key_of
from .problems import Problem
from .thai.calendar import read_date
from .thai.normalise import normalise
from .thai.text import slugify
from .thai.words import segment

TEMPLATE_BODY = """\
<!-- เขียนเรื่องเล่าใต้หัวข้อแต่ละข้อ แล้วลบข้อความในวงเล็บแหลมแบบนี้ออก (ข้อความนี้จะไม่แสดงบนเว็บไซต์) -->

## ที่มาและปัญหา

<!-- ก่อนเริ่มงานนี้ ประชาชนหรือหน่วยงานเจอปัญหาอะไร มีตัวเลขใดบ้างที่แสดงปัญหา -->

## สิ่งที่ทำ

<!-- เล่าขั้นตอนสำคัญ ใครทำอะไร ร่วมกับใคร ใช้เวลาเท่าไร -->

## ผลลัพธ์

<!-- ผลที่เกิดกับประชาชนหรือหน่วยงาน ใส่ตัวเลขก่อน–หลังไว้ใน results ด้านบนด้วย -->

## บทเรียนและก้าวต่อไป

<!-- สิ่งที่ได้เรียนรู้ และสิ่งที่จะทำต่อ -->
"""

OPTIONAL_FIELDS_HELP = """\
# ใส่รูป: วางไฟล์รูปในโฟลเดอร์นี้ แล้วเพิ่ม (Photos: put them in this folder, then add)
# photos:
#   - file: photo-1.jpg
#     alt: อธิบายสิ่งที่เห็นในภาพ
#     caption: คำบรรยายใต้ภาพ
#     people: identifiable   # บุคคลในภาพ: none, crowd, identifiable (เห็นหน้าชัด),
#                            #   minors (ผู้เยาว์), sensitive (สุขภาพ/ความพิการ)
#     basis: public_task     # ฐานการเผยแพร่: public_task (ภารกิจของรัฐ) หรือ consent (ความยินยอม;
#                            #   จำเป็นสำหรับ minors และ sensitive)
# tags: [ผ้าไทย, บริการประชาชน]
# results:
#   - indicator: เวลารอคิวเฉลี่ย
#     before: 45
#     after: 12
#     unit: นาที
"""


class ScaffoldError(Exception):
    """The write-up cannot be created; the message says why and what to do."""


@dataclass(frozen=True)
class Answers:
    office: str
    title: str
    date: dt.date
    rer: str
    pmqa: tuple[str, ...]
    summary: str
    slug: str


def find_offices(registry: Registry, text: str, synonyms: Synonyms | None = None) -> list[Office]:
    # Only what was typed as a whole is spelt another way: อำเภอจอมทอง is not อ. or "district".
    return registry.find(text, synonyms.others(text) if synonyms else ())


def default_slug(title: str, day: dt.date) -> str:
    """The folder name (and the page's address) proposed for a title: the title's own words, Thai
    kept (ลดเวลารอคิว-45-นาที), cut at a word's end within limits.SLUG_CHARS and SLUG_BYTES.

    Not a romanisation: PyThaiNLP's royin engine reads one syllable at a time, and fed whole words
    it wrote ใหม่ as "aim", ประชาชน as "prachatn", โครงการ as "khonngkan"; an address is public and
    permanent, so it must read right. Browsers show a Thai address in Thai."""
    slug = slugify(normalise(title))
    if not _fits(slug):
        kept = ""
        for word in segment(slug):
            if not _fits(kept + word):
                break
            kept += word
        slug = kept.strip("-")
        while slug and not _fits(slug):  # a first word longer than the bounds
            slug = slug[:-1].strip("-")
    return slug or f"story-{day:%Y%m%d}"


def _fits(slug: str) -> bool:
    # Characters for a readable address, bytes for the file system (check refuses longer names).
    return len(slug) <= limits.SLUG_CHARS and len(slug.encode("utf-8")) <= limits.SLUG_BYTES


# Every front-matter field valid, so that one answer can be judged alone by the schema `check` uses.
_VALID_FRONT: dict[str, object] = {
    "title": "ชื่อเรื่อง",
    "date": "2024-01-01",
    "rer": "routine",
    "pmqa": ["1"],
    "summary": "สรุป",
}


def answer_problems(field: str, value: object) -> list[Problem]:
    """What `check` would say of this one answer (nothing when it is fine)."""
    try:
        FrontMatter.model_validate({**_VALID_FRONT, field: value})
    except ValidationError as exc:
        return problems_from_validation(exc, "", Positions(), FrontMatter)
    return []


def describe_problems(problems: list[Problem]) -> str:
    """The messages in Thai, each with its English on the next line."""
    return "\n".join(f"{p.message('th')}\n  ({p.message('en')})" for p in problems)


def parse_pmqa(text: str) -> tuple[str, ...]:
    """Codes as typed: "6.2, 3", "6.2 3", "หมวด 7", "หัวข้อ 6.2 และ 3" (the word before a code is
    not a code of its own)."""
    text = PMQA_WORDS.sub("", text).replace("และ", ",").replace("،", ",")
    codes = tuple(part.strip() for part in text.replace(" ", ",").split(",") if part.strip())
    problems = answer_problems("pmqa", list(codes))
    if problems or not codes:
        raise ScaffoldError(describe_problems(problems) if problems else "ต้องระบุ PMQA อย่างน้อยหนึ่งข้อ (give at least one)")
    return codes


def render(answers: Answers) -> str:
    front = {
        "title": answers.title,
        "date": answers.date.isoformat(),
        "rer": answers.rer,
        "pmqa": list(answers.pmqa),
        "summary": answers.summary,
    }
    try:
        FrontMatter.model_validate(front)  # the same rules as `check`
    except ValidationError as exc:
        raise ScaffoldError(describe_problems(problems_from_validation(exc, "", Positions(), FrontMatter))) from None
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    text = text.replace(f"date: '{answers.date.isoformat()}'", f"date: {answers.date.isoformat()}")
    return f"---\n{text}{OPTIONAL_FIELDS_HELP}---\n\n{TEMPLATE_BODY}"


def create(content_dir: Path, registry: Registry, answers: Answers) -> Path:
    """Write content/<office>/<slug>/index.md; refuses to overwrite anything."""
    registry = registry.with_districts([answers.office])
    if answers.office not in registry:
        raise ScaffoldError(f"'{answers.office}' is not an office id in offices.yml")
    slug = answers.slug
    if slug != slugify(slug) or not slug:
        raise ScaffoldError(
            f"the slug '{slug}' must be lower-case letters, digits, Thai and '-' "
            f"(for example '{slugify(slug) or 'my-story'}')"
        )
    target = content_dir / answers.office / slug / INDEX_NAME
    if target.exists():
        raise ScaffoldError(f"{target} already exists; choose another --slug (nothing was changed)")
    text = render(answers)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:  # "x": never replace a file
        handle.write(text)
    return target


Prompt = Callable[..., str]


def ask(
    registry: Registry,
    given: Mapping[str, object],
    prompt: Prompt,
    echo: Callable[[str], None],
    today: dt.date,
    synonyms: Synonyms | None = None,
) -> Answers:
    """Fill in what options did not give by asking, in Thai and English; re-ask on a bad answer.

    With every answer given as an option nothing is asked: a missing slug is then made from the
    title.
    """
    asked = False
    real_prompt = prompt

    def ask_person(*args: object, **kwargs: object) -> str:
        nonlocal asked
        asked = True
        return real_prompt(*args, **kwargs)

    prompt = ask_person

    office = given.get("office")
    if isinstance(office, str):
        registry = registry.with_districts([office])  # any district may publish under its id
    while not (isinstance(office, str) and office in registry):
        if office:
            echo(f"ไม่พบรหัสหน่วยงาน '{office}' (no such office id)")
        text = prompt("หน่วยงาน: พิมพ์ชื่อไทย/อังกฤษ ชื่อจังหวัด หรือรหัส (office: name, province or id)")
        matches = find_offices(registry, text, synonyms)
        registry = registry.with_districts(match.id for match in matches)
        if len(matches) == 1:
            office = matches[0].id
        elif not matches:
            echo("ไม่พบหน่วยงานที่ตรงกัน ลองพิมพ์ใหม่ (no match, try again)")
            office = None
        else:
            for number, match in enumerate(matches[:20], start=1):
                echo(f"  {number:>2}) {match.id:<26} {match.name_th} ({match.name_en or ''})")
            choice = prompt("เลือกหมายเลข (number)", default="1")
            office = matches[int(choice) - 1].id if choice.isdigit() and 0 < int(choice) <= len(matches[:20]) else None
    echo(f"หน่วยงาน (office): {registry.offices[office].name_th}")

    # Each answer is judged as it is given, with the words `check` would use, and asked again
    # until it is right: nothing typed before is ever lost.
    def judged(field: str, value: object) -> bool:
        problems = answer_problems(field, value)
        if problems:
            echo(describe_problems(problems))
        return not problems

    title = str(given.get("title") or "").strip()
    while not title or not judged("title", title):
        title = prompt("ชื่อเรื่อง (title)").strip()

    day: object = given.get("date")
    if isinstance(day, dt.date):
        day = day.isoformat()
    while not isinstance(day, dt.date):
        text = str(day) if day else prompt("วันที่ เช่น 15/11/2569 หรือ 2026-11-15 (date)", default=today.isoformat())
        day = None
        if judged("date", text.strip()):
            day = read_date(text.strip())  # the same reading as check's: 15/11/2569, 15 พ.ย. 2569 …

    rer = rer_key_of(str(given.get("rer") or ""))
    if rer is None:
        for number, component in enumerate(RER, start=1):
            echo(f"  {number}) {component.key:<8} {component.name_th} ({component.name_en})")
    while rer is None:
        text = prompt("องค์ประกอบ RER: หมายเลข ชื่อไทย หรือชื่ออังกฤษ (RER component)")
        rer = rer_key_of(text)
        if rer is None:
            judged("rer", text.strip())

    given_pmqa = given.get("pmqa")
    pmqa: tuple[str, ...] = tuple(str(code) for code in given_pmqa) if isinstance(given_pmqa, tuple) else ()
    if not pmqa:
        for category in PMQA:
            echo(f"  หมวด {category.code} {category.name_th} ({category.name_en})")
            for item in category.items:
                echo(f"      {item.code} {item.name_th}")
    while not pmqa:
        try:
            pmqa = parse_pmqa(prompt("PMQA 4.0: หมวดหรือหัวข้อ คั่นด้วยจุลภาค เช่น 6.2, 3 (categories or items)"))
        except ScaffoldError as exc:
            echo(str(exc))

    summary = str(given.get("summary") or "").strip()
    while not summary or not judged("summary", summary):
        summary = prompt(f"สรุปเรื่องไม่เกิน {SUMMARY_LIMIT} ตัวอักษร (summary)").strip()

    slug = str(given.get("slug") or "")
    if not slug:
        slug = default_slug(title, day)
        if asked:
            slug = prompt("ชื่อโฟลเดอร์/ที่อยู่หน้าเว็บ (slug)", default=slug).strip()
    return Answers(office, title, day, str(rer), pmqa, summary, slug)
