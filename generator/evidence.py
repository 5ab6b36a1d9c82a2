"""`moinext evidence`: the PMQA 4.0 evidence pack, from the stories the offices already wrote.

The pack is plain data first (EvidencePack: per PMQA category and item, the stories that claim it
with their results; a coverage matrix of offices x categories; the items with no evidence; totals
by RER), then one of three forms: one printable HTML page (generator/templates/evidence.html),
a PDF printed from that page by Chromium (Thai line breaking by ICU, the site's Sarabun font,
selectable text, page numbers), or an XLSX workbook for the teams who write the report in Excel.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment, FileSystemLoader, Template, select_autoescape

from .content.registry import Registry
from .content.schema import SiteConfig
from .content.story import Story
from .content.submission import ApplicantSubmission
from .frameworks import (
    MATURITY_LEVELS,
    PMQA,
    PMQA_CATEGORIES,
    PMQA_EDITION_TH,
    PMQA_ITEMS,
    RER,
    RER_BY_KEY,
    pmqa_category_of,
)
from .keys import code_fingerprint, digest, forget_unused, linkable, write_linkable
from .photos.process import PhotoReport
from .site import urls
from .site.cards import person_line, result_rows, story_url
from .site.charts import target_chart
from .site.figures import KIND_LABELS_TH, ChangeKind
from .site.fonts import font_faces
from .site.plan import SiteFile
from .site.policy import content_type, meta_policy, standalone_policy
from .site.views import ResultRow
from .stats import spreadsheet_text
from .thai.calendar import fiscal_year, fiscal_year_bounds, thai_date
from .thai.text import display_width, format_number

# Thumbnails make a page of a small pack easier to recognise; a ministry-wide pack of thousands of
# stories would be hundreds of megabytes with them, so larger packs list the stories without.
THUMBNAIL_LIMIT = 200
FORMATS = ("pdf", "html", "xlsx")


class EvidenceError(Exception):
    """Something the user can fix (an unknown office or PMQA code, no PDF engine)."""


@dataclass(frozen=True)
class EvidenceStory:
    title: str
    office: str
    office_id: str
    date: dt.date
    date_th: str
    rer: str
    summary: str
    address: str  # the story's address on the public site
    pmqa: tuple[str, ...]
    results: tuple[ResultRow, ...]
    thumbnail: str | None  # a data: URI, for packs of up to THUMBNAIL_LIMIT stories
    reported_by: str = ""  # "name position" of who reported it, and who approved it
    approved_by: str = ""
    # A story is printed once, in full, under the first item it claims (`section`), with its number
    # in the pack; every other item it claims refers to it by that number (and page, in the PDF).
    number: int = 0
    section: str = ""
    qr: str | None = None  # a data: URI of a QR code of its address, when the site has one

    @property
    def anchor(self) -> str:
        return f"s{self.number}"


@dataclass(frozen=True)
class ItemSection:
    code: str  # "6.2", or "6" for stories that claim the whole category
    name: str
    stories: tuple[EvidenceStory, ...]


@dataclass(frozen=True)
class CategorySection:
    code: str
    name: str
    name_en: str
    items: tuple[ItemSection, ...]
    story_count: int


@dataclass(frozen=True)
class ClaimedItem:
    """An item of categories 1-6 as the applicant claims it, with the stories that show it."""

    code: str
    name: str
    level: str  # ระดับพื้นฐาน / ระดับก้าวหน้า / ระดับพัฒนาจนเกิดผล
    owner: str
    explanation: str
    documents: tuple[tuple[str, str, str, str], ...]  # title, number, date in Thai, file name
    stories: tuple[EvidenceStory, ...]  # that claim the item (printed in full under their first item)


@dataclass(frozen=True)
class IndicatorView:
    name: str
    item: str  # "7.1 ด้านพันธกิจ"
    unit: str
    direction: str  # ยิ่งมากยิ่งดี / ยิ่งน้อยยิ่งดี
    source: str
    years: tuple[tuple[int, str, str, str], ...]  # fiscal year, target, result, per cent achieved
    values: dict[int, tuple[float | None, float | None]]  # the same as numbers, for the workbook
    direction_key: str  # higher / lower


@dataclass(frozen=True)
class SubmissionView:
    applicant: str  # the applicant's Thai name
    approved_by: str
    unit: str  # who prepares the submission, and how the assessors reach it
    contact: str
    profile: tuple[tuple[str, str], ...]  # (heading, text) of ลักษณะสำคัญขององค์การ
    items: tuple[ClaimedItem, ...]
    indicators: tuple[IndicatorView, ...]
    improvements: tuple[tuple[str, str, str, str], ...]  # gap, action, owner, due in Thai


_PROFILE_HEADINGS = (
    ("environment", "1 ก. สภาพแวดล้อมขององค์การ"),
    ("relationships", "1 ข. ความสัมพันธ์ระดับองค์การ"),
    ("competition", "2 ก. สภาพการแข่งขัน"),
    ("strategic_context", "2 ข. บริบทเชิงยุทธศาสตร์"),
    ("improvement_system", "2 ค. ระบบการปรับปรุงผลการดำเนินการ"),
)


def achieved(target: float | None, result: float | None, direction: str) -> float | None:
    """Per cent of the target achieved: result over target when higher is better, target over
    result when lower is (a waiting time of 12 against a target of 15 is 125 %)."""
    if target is None or result is None or target == 0 or result == 0:
        return None
    return (result / target if direction == "higher" else target / result) * 100


def submission_view(found: ApplicantSubmission, registry: Registry, stories: Sequence[EvidenceStory]) -> SubmissionView:
    submission = found.submission
    levels = {level.key: level.name_th for level in MATURITY_LEVELS}
    profile = tuple((heading, text) for key, heading in _PROFILE_HEADINGS if (text := getattr(submission.profile, key)))
    items = tuple(
        ClaimedItem(
            code,
            PMQA_ITEMS[code].name_th,
            levels[item.level],
            item.owner,
            item.explanation,
            tuple(
                (d.title, d.number or "", thai_date(d.date, short=True) if d.date else "", d.file)
                for d in item.documents
            ),
            tuple(s for s in stories if code in s.pmqa),
        )
        for code, item in sorted(submission.items.items(), key=lambda pair: [int(n) for n in pair[0].split(".")])
    )
    indicators = tuple(
        IndicatorView(
            indicator.name,
            f"{indicator.item} {PMQA_ITEMS[indicator.item].name_th}",
            indicator.unit or "",
            "ยิ่งมากยิ่งดี" if indicator.direction == "higher" else "ยิ่งน้อยยิ่งดี",
            indicator.source or "",
            tuple(
                (
                    year,
                    format_number(values.target),
                    format_number(values.result),
                    f"{percent:.0f}%"
                    if (percent := achieved(values.target, values.result, indicator.direction)) is not None
                    else "",
                )
                for year, values in sorted(indicator.years.items())
            ),
            {year: (values.target, values.result) for year, values in indicator.years.items()},
            indicator.direction,
        )
        for indicator in submission.indicators
    )
    improvements = tuple(
        (i.gap, i.action, i.owner or "", thai_date(i.due, short=True) if i.due else "") for i in submission.improvements
    )
    return SubmissionView(
        registry.name_of(found.applicant),
        submission.approved_by or "",
        submission.unit or "",
        submission.contact or "",
        profile,
        items,
        indicators,
        improvements,
    )


@dataclass(frozen=True)
class EvidencePack:
    scope: str  # whose pack: the ministry, or an office and its units
    period: str  # "ปีงบประมาณ 2569 (1 ต.ค. 2568 – 30 ก.ย. 2569)" or "ทุกปีงบประมาณ"
    built: str  # the build date in Thai
    stories: tuple[EvidenceStory, ...]  # in the order they are numbered and printed
    categories: tuple[CategorySection, ...]
    matrix_offices: tuple[tuple[str, tuple[int, ...]], ...]  # office name, stories per category 1-7
    missing_items: tuple[tuple[str, str], ...]  # (code, name) of items no story claims
    rer_totals: tuple[tuple[str, int], ...]
    submission: SubmissionView | None = None  # with --applicant and content/pmqa/<applicant>.yml
    # What went wrong and what changed (write-ups' internal notes): only in a pack made with
    # internal=True (evidence --internal), never in the site's packs.
    lessons: tuple[tuple[str, str, str, str], ...] = ()  # title, office, went wrong, changed
    logo: str | None = None  # the site's logo (appearance.logo) as a data: URI, for the cover


def select(
    stories: Sequence[Story],
    registry: Registry,
    *,
    office: str | None = None,
    year_be: int | None = None,
    pmqa: str | None = None,
) -> list[Story]:
    """The stories of an office and its units, in a fiscal year, claiming a PMQA category or item."""
    office = office_id(registry, office) if office is not None else None
    if pmqa is not None and pmqa not in PMQA_CATEGORIES and pmqa not in PMQA_ITEMS:
        raise EvidenceError(f"'{pmqa}' is not a PMQA 4.0 category (1–7) or item (1.1–7.6)")
    offices = registry.subtree(office) if office else None
    chosen = []
    for story in stories:
        if offices is not None and story.office_id not in offices:
            continue
        if year_be is not None and fiscal_year(story.meta.date) != year_be:
            continue
        if pmqa is not None and not _claims(story, pmqa):
            continue
        chosen.append(story)
    return sorted(chosen, key=lambda s: (s.meta.date, s.office_id, s.slug))


def office_id(registry: Registry, asked: str) -> str:
    """The office a reader means, by id or however `new` finds it (its Thai or English name, its
    abbreviation, its province: 'เชียงใหม่', 'ปค.', 'Chiang Mai'): one office finder for every
    command. Several matches are named, so the reader can choose."""
    if asked in registry:
        return asked
    found = [o for o in registry.find(asked) if o.id in registry]
    if len(found) == 1:
        return found[0].id
    places = [o for o in found if o.is_place]
    if len(places) == 1:  # 'เชียงใหม่' is the province before its districts and offices
        return places[0].id
    if found:
        names = ", ".join(f"{o.id} ({o.name_th})" for o in found[:8])
        raise EvidenceError(f"'{asked}' matches several offices: {names}; give one id with --office")
    raise EvidenceError(f"unknown office '{asked}' (see content/offices.yml)")


def _claims(story: Story, code: str) -> bool:
    if code in PMQA_CATEGORIES:
        return code in story.pmqa_categories
    return code in story.meta.pmqa


def _thumbnail(story: Story, photos: PhotoReport | None) -> str | None:
    if photos is None or not story.meta.photos:
        return None
    processed = photos.of(story, story.meta.photos[0].file)
    if processed is None:
        return None
    thumb = processed.pick("thumb")
    return _data_uri(thumb.filename, (processed.cache_dir / thumb.filename).read_bytes())


def make_pack(
    stories: Sequence[Story],
    registry: Registry,
    config: SiteConfig,
    *,
    office: str | None = None,
    year_be: int | None = None,
    pmqa: str | None = None,
    photos: PhotoReport | None = None,
    today: dt.date | None = None,
    submission: ApplicantSubmission | None = None,
    internal: bool = False,
    logo: tuple[str, bytes] | None = None,
    qr_codes: bool = True,
) -> EvidencePack:
    """The pack of these (already selected) stories; with pmqa, of that category only; with an
    applicant's submission, its profile, claimed items, category 7 indicators and plan first.

    Each story is numbered and printed once, under the first item it claims; the other items it
    claims refer to it. With qr_codes and a site_url, each carries a QR code of its address."""
    shown = [c for c in PMQA if pmqa is None or c.code == pmqa_category_of(pmqa)]
    # The sections in the order they are printed: a category's whole-category claims, then its items.
    order = {code: n for n, code in enumerate(code for c in shown for code in (c.code, *(i.code for i in c.items)))}
    first = {id(s): min((order[c] for c in s.meta.pmqa if c in order), default=len(order)) for s in stories}
    printed = sorted(stories, key=lambda s: first[id(s)])  # stable: by date within a section
    codes = list(order)
    with_thumbnails = photos is not None and len(stories) <= THUMBNAIL_LIMIT
    items: list[EvidenceStory] = []
    for number, s in enumerate(printed, start=1):
        address = urls.absolute(config.site_url, story_url(s))
        items.append(
            EvidenceStory(
                title=s.meta.title,
                office=registry.name_of(s.office_id),
                office_id=s.office_id,
                date=s.meta.date,
                date_th=thai_date(s.meta.date),
                rer=RER_BY_KEY[s.meta.rer].name_th,
                summary=s.meta.summary,
                address=address,
                pmqa=tuple(s.meta.pmqa),
                results=result_rows(s),
                thumbnail=_thumbnail(s, photos) if with_thumbnails else None,
                reported_by=person_line(s.meta.reported_by),
                approved_by=person_line(s.meta.approved_by),
                number=number,
                section=codes[first[id(s)]] if first[id(s)] < len(codes) else "",
                qr=qr_code(urls.as_uri(address)) if qr_codes and config.site_url else None,
            )
        )
    by_date = sorted(items, key=lambda e: (e.date, e.office_id, e.address))
    categories = []
    for category in shown:
        sections = []
        whole = tuple(e for e in by_date if category.code in e.pmqa)
        if whole:
            sections.append(ItemSection(category.code, f"หมวด {category.code} (ทั้งหมวด)", whole))
        for item in category.items:
            claimed = tuple(e for e in by_date if item.code in e.pmqa)
            sections.append(ItemSection(item.code, item.name_th, claimed))
        count = len({e.address for e in items if any(pmqa_category_of(c) == category.code for c in e.pmqa)})
        categories.append(CategorySection(category.code, category.name_th, category.name_en, tuple(sections), count))
    per_office: dict[str, list[int]] = {}
    for e in items:
        row = per_office.setdefault(e.office_id, [0] * len(PMQA))
        for code in {pmqa_category_of(c) for c in e.pmqa}:
            row[int(code) - 1] += 1
    matrix = tuple((registry.name_of(o), tuple(row)) for o, row in sorted(per_office.items()))
    claimed_items = {code for e in items for code in e.pmqa}
    missing = tuple((i.code, i.name_th) for c in shown for i in c.items if i.code not in claimed_items)
    rer_totals = tuple((c.name_th, sum(1 for s in stories if s.meta.rer == c.key)) for c in RER)
    if year_be is not None:
        first_day, last_day = fiscal_year_bounds(year_be)
        period = f"ปีงบประมาณ {year_be} ({thai_date(first_day, short=True)} – {thai_date(last_day, short=True)})"
    else:
        period = "ทุกปีงบประมาณ"
    scope = registry.name_of(office) + " และหน่วยงานในสังกัด" if office else "กระทรวงมหาดไทย (ทุกหน่วยงาน)"
    return EvidencePack(
        scope=scope,
        period=period,
        built=thai_date(today or dt.date.today()),
        stories=tuple(items),
        categories=tuple(categories),
        matrix_offices=matrix,
        missing_items=missing,
        rer_totals=rer_totals,
        submission=submission_view(submission, registry, by_date) if submission else None,
        lessons=tuple(
            (s.meta.title, registry.name_of(s.office_id), s.meta.internal.went_wrong, s.meta.internal.changed)
            for s in printed
            if s.meta.internal is not None
        )
        if internal
        else (),
        logo=_data_uri(*logo) if logo else None,
    )


def _data_uri(name: str, data: bytes) -> str:
    """A file the pack carries inside itself, typed as the site serves its kind (policy.content_type)."""
    return f"data:{content_type(name)};base64," + base64.b64encode(data).decode("ascii")


def qr_code(uri: str) -> str:
    """A QR code of the address as a small PNG data: URI (one pixel a module, drawn sharp at any
    size by the page's CSS), so an assessor holding the printed pack opens the story with a phone.
    zxing-cpp makes it (its writer is Zint's, in C++): 0.8 ms a code against segno's 14 ms,
    which made a 1,000-story pack 14 s slower. Error correction M, as printed codes use."""
    import zxingcpp
    from PIL import Image

    code = zxingcpp.create_barcode(uri, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    symbol = code.to_image(scale=1, add_quiet_zones=True)  # a grey image, a byte a module
    height, width = symbol.shape
    image = Image.frombytes("L", (width, height), bytes(memoryview(cast(Any, symbol)))).convert("1")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return _data_uri("qr.png", out.getvalue())


def pack_fonts(cache_dir: Path) -> list[tuple[int, Path]]:
    """The site's Sarabun (cut to Thai and Latin), for the printed pack."""
    from .site.fonts import prepare_fonts

    return [(font.weight, font.cached) for font in prepare_fonts(cache_dir)]


@cache
def _pack_template() -> Template:
    # Compiled once per process: a build writes seven packs, and compiling took 20 ms each.
    templates = Path(__file__).parent / "templates"
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(["html"]))
    return env.get_template("evidence.html")


def to_html(
    pack: EvidencePack,
    fonts: Sequence[tuple[int, Path | str]] = (),
    *,
    on_site: bool = False,
    pages: Mapping[str, int] | None = None,
) -> str:
    """One printable page: the pack's whole content, no script. Its Content-Security-Policy is
    the site's when it is a page of the site (on_site), else one for a file that stands alone.

    With pages (the page each section and story begins on, by its id), the contents and the
    cross-references show page numbers; an empty mapping keeps their room, for the PDF's first
    printing (see to_pdf)."""
    policy = meta_policy() if on_site else standalone_policy()
    return _pack_template().render(
        pack=pack,
        fonts=font_faces(fonts),
        PMQA=PMQA,
        edition=PMQA_EDITION_TH,
        policy=policy,
        pages=pages,
        chart=indicator_chart,
    )


def indicator_chart(indicator: IndicatorView) -> str:
    """A category 7 indicator's small multi-year chart: its results as bars, its targets as a line."""
    years = [(str(year), *indicator.values[year]) for year, *_ in indicator.years]
    return target_chart(
        indicator.name, years, unit=indicator.unit, higher_is_better=indicator.direction_key == "higher"
    )


def site_packs(
    stories: Sequence[Story],
    registry: Registry,
    config: SiteConfig,
    today: dt.date | None,
    cache_dir: Path,
    wanted: Callable[[str], bool] | None = None,
) -> list[SiteFile]:
    """Each PMQA category's pack (those wanted, by site path), linked from its page. A pack's page
    is kept in cache_dir by the key of its content, so an unchanged pack is linked, not rendered
    again (rendering the seven took most of a second at 10,000 stories)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    packs = []
    used = set()
    for category in PMQA:
        path = urls.pmqa_evidence(category.code)
        if wanted is not None and not wanted(path):
            continue
        chosen = select(stories, registry, pmqa=category.code)
        # Read on the site, where each story's address is a link: no QR codes.
        pack = make_pack(chosen, registry, config, pmqa=category.code, today=today, qr_codes=False)
        fonts: list[tuple[int, Path | str]] = [
            (weight, urls.relative(path.rsplit("/", 1)[0] + "/", urls.font(weight))) for weight in (400, 700)
        ]
        key = digest(code_fingerprint(), repr(pack), repr(fonts))
        used.add(key)
        cached = cache_dir / f"{key}.html"
        if not linkable(cached):
            write_linkable(cached, to_html(pack, fonts, on_site=True).encode("utf-8"))
        packs.append(SiteFile(path, cached, tuple(story_url(s) for s in chosen)))
    if len(packs) == len(PMQA):  # all made: the others are of stories since changed
        forget_unused(cache_dir, "*", used)
    return packs


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def to_pdf(pack: EvidencePack, fonts: Sequence[tuple[int, Path | str]], out: Path, *, timeout: float = 600) -> None:
    """The pack as an A4 PDF printed by Chromium (Thai line breaks by ICU, text selectable, links
    and a bookmark outline), with page numbers in its contents and cross-references.

    Chromium prints no target-counter(), so the pack is printed twice: the first printing tells,
    by the PDF's named destinations (one for each id a link points to), the page each section and
    story begins on; the second shows them. The numbers take the same room in both printings
    (see .page in the template), so nothing moves; were a page to move all the same, it is
    printed again, at most twice more."""
    pages: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="moinext-evidence-") as tmp:
        for _ in range(4):
            printed = _print_pdf(to_html(pack, fonts, pages=pages), Path(tmp), timeout)
            found = _destination_pages(printed)
            if found == pages:
                break
            pages = found
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(printed, out)


def _destination_pages(pdf: Path) -> dict[str, int]:
    """The page (from 1) each named destination (an HTML id) of a PDF Chromium printed is on."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    pages = {}
    for name, destination in reader.named_destinations.items():
        page = reader.get_destination_page_number(destination)
        if page is not None:
            pages[name.lstrip("/")] = page + 1
    return pages


def _print_pdf(page_html: str, tmp: Path, timeout: float) -> Path:
    browser = chromium_path()
    if browser is None:
        raise EvidenceError("a PDF needs Chromium (sudo apt-get install chromium); --format html or xlsx need nothing")
    page = tmp / "evidence.html"
    page.write_text(page_html, encoding="utf-8")
    target = tmp / "evidence.pdf"
    target.unlink(missing_ok=True)
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--no-pdf-header-footer",
        "--generate-pdf-document-outline",
        f"--user-data-dir={tmp}/profile",
        f"--print-to-pdf={target}",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0 or not target.is_file():
        reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise EvidenceError(f"Chromium could not print the PDF: {reason}")
    return target


def to_xlsx(pack: EvidencePack, out: Path) -> None:
    """One sheet of stories, one of results, one of the coverage matrix (and the items missing)."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    stories = book.active
    assert stories is not None
    stories.title = "เรื่องเล่า (stories)"
    header = ["ชื่อเรื่อง", "หน่วยงาน", "วันที่", "ปีงบประมาณ", "RER", "PMQA", "สรุป", "ที่อยู่บนเว็บไซต์", "เรื่องที่"]
    stories.append(header)
    for e in pack.stories:  # in the pack's order, numbered as the PDF numbers them
        stories.append(
            [spreadsheet_text(v) for v in (e.title, e.office)]
            + [e.date, fiscal_year(e.date), e.rer, ", ".join(e.pmqa), spreadsheet_text(e.summary), e.address, e.number]
        )
    results = book.create_sheet("ผลลัพธ์ (results)")
    results.append(["ชื่อเรื่อง", "หน่วยงาน", "ตัวชี้วัด", "ก่อน", "หลัง", "หน่วย", "เปลี่ยนแปลง", "เปลี่ยนแปลง (วัดเป็น)"])
    for e in pack.stories:
        for r in e.results:
            # Numbers as numbers (a spreadsheet sums and charts them); the change's measure beside it.
            kind = KIND_LABELS_TH[ChangeKind(r.change_kind)] if r.change_kind else ""
            results.append(
                [spreadsheet_text(v) for v in (e.title, e.office, r.indicator)]
                + [r.before_value, r.after_value, spreadsheet_text(r.unit), r.change_value, kind]
            )
    coverage = book.create_sheet("ความครอบคลุม (coverage)")
    coverage.append(["หน่วยงาน", *(f"หมวด {c.code}" for c in PMQA)])
    for name, row in pack.matrix_offices:
        coverage.append([spreadsheet_text(name), *row])
    coverage.append([])
    coverage.append(["หัวข้อที่ยังไม่มีหลักฐาน (items with no evidence)"])
    for code, name in pack.missing_items:
        coverage.append([code, name])
    if pack.submission is not None:
        claimed = book.create_sheet("ระดับรายหัวข้อ (items)")
        claimed.append(["หัวข้อ", "ชื่อหัวข้อ", "ระดับ", "ผู้รับผิดชอบ", "คำอธิบาย", "เอกสาร", "เรื่องเล่า"])
        for item in pack.submission.items:
            documents = "; ".join(" ".join(part for part in doc[:3] if part) for doc in item.documents)
            told = " · ".join(f"{s.number}. {s.title}" for s in item.stories)
            claimed.append(
                [item.code, item.name, item.level]
                + [spreadsheet_text(v) for v in (item.owner, item.explanation, documents, told)]
            )
        indicators = book.create_sheet("ตัวชี้วัดหมวด 7 (indicators)")
        indicators.append(["ตัวชี้วัด", "หัวข้อ", "หน่วย", "ทิศทาง", "ปีงบประมาณ", "เป้าหมาย", "ผล", "ร้อยละของเป้าหมาย"])
        for number, ind in enumerate(pack.submission.indicators):
            first = indicators.max_row + 1
            for year, _, _, _ in ind.years:
                target, result = ind.values[year]
                percent = achieved(target, result, ind.direction_key)
                share = round(percent, 1) if percent is not None else None
                about = [spreadsheet_text(ind.name), ind.item, spreadsheet_text(ind.unit), ind.direction, year]
                indicators.append([*about, target, result, share])
            if ind.years:
                indicators.add_chart(_indicator_chart(indicators, ind, first), f"J{2 + 16 * number}")
    _shape_for_reading(book, stories, results)
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)


def _indicator_chart(sheet: Any, indicator: IndicatorView, first: int) -> Any:
    """The PDF's chart of an indicator as the workbook's own: its results as columns and its
    targets as a line, over the rows just written (years in column E, targets F, results G)."""
    from openpyxl.chart import BarChart, LineChart, Reference  # type: ignore[import-untyped]
    from openpyxl.chart.series import SeriesLabel  # type: ignore[import-untyped]

    last = first + len(indicator.years) - 1
    chart = BarChart()
    chart.title = f"{indicator.name} ({indicator.direction})"
    chart.y_axis.title = indicator.unit or None
    chart.add_data(Reference(sheet, min_col=7, min_row=first, max_row=last))
    chart.set_categories(Reference(sheet, min_col=5, min_row=first, max_row=last))
    chart.series[0].tx = SeriesLabel(v="ผล")
    targets = LineChart()
    targets.add_data(Reference(sheet, min_col=6, min_row=first, max_row=last))
    targets.series[0].tx = SeriesLabel(v="เป้าหมาย")
    targets.series[0].graphicalProperties.line.dashStyle = "dash"
    chart += targets
    chart.width, chart.height = 14, 7
    return chart


# Excel's and LibreOffice's code for the Thai Buddhist calendar (1 Arabic digits, 07 Buddhist, 041E
# Thai): the cell keeps a real date, shown as 15 พ.ย. 2569.
BE_DATE_FORMAT = "[$-107041E]d mmm yyyy"
NUMBER_FORMAT = "#,##0.##"


def _shape_for_reading(book: Any, stories: Any, results: Any) -> None:
    """What a reader of the workbook expects: a bold header that stays in view with a filter on
    it, columns wide enough for their text, Buddhist Era dates, grouped numbers, and addresses
    one click away."""
    from openpyxl.styles import Font  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    for row in stories.iter_rows(min_row=2):
        row[2].number_format = BE_DATE_FORMAT
        address = row[7]
        if isinstance(address.value, str) and address.value.startswith(("http://", "https://")):
            address.hyperlink = address.value
            address.style = "Hyperlink"
    for row in results.iter_rows(min_row=2):
        for cell in (row[3], row[4], row[6]):
            cell.number_format = NUMBER_FORMAT
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        if sheet.max_row > 1:
            sheet.auto_filter.ref = sheet.dimensions
        for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
            widest = max((display_width(str(v)) for v in column if v is not None), default=8)
            sheet.column_dimensions[get_column_letter(index)].width = min(max(widest + 2, 10), 60)
