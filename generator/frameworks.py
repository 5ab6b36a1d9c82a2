"""RER and PMQA 4.0 as data: the single source for validation, pages, stats and the schema.

Nothing else in the project spells out a component, category or item; it asks this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class RerComponent:
    key: str
    name_th: str
    name_en: str
    description_th: str
    description_en: str


@dataclass(frozen=True)
class PmqaItem:
    code: str  # "6.2"
    category: str  # "6"
    name_th: str
    name_en: str
    # True when name_th is the criteria's own published wording; False when it is our short Thai
    # description of the item, shown as such (never passed off as the criteria's title).
    published: bool


@dataclass(frozen=True)
class MaturityLevel:
    key: str
    name_th: str
    name_en: str


@dataclass(frozen=True)
class PmqaCategory:
    code: str  # "6"
    name_th: str
    name_en: str
    items: tuple[PmqaItem, ...]


RER: tuple[RerComponent, ...] = (
    RerComponent(
        "routine",
        "งานประจำ",
        "Routine",
        "งานในหน้าที่ที่ทำได้ดีและพัฒนาอย่างต่อเนื่อง ผู้อำนวยการสำนัก/กองเป็นผู้นำ ปรับปรุง และสอนงาน",
        "Everyday work done well and improved continuously, led and coached by the director.",
    ),
    RerComponent(
        "extra",
        "ภารกิจพิเศษ",
        "Extra Job",
        'งานริเริ่มนอกเหนืองานประจำ เช่น การส่งเสริมผ้าไทย และทุกงานที่ "บำบัดทุกข์ บำรุงสุข" ให้ประชาชน',
        "Initiatives beyond routine work, such as promoting Thai textiles and everything that "
        "relieves suffering and promotes well-being.",
    ),
    RerComponent(
        "report",
        "การสื่อสาร/รายงาน",
        "Report",
        "การรายงานความสำเร็จและข้อผิดพลาดต่อผู้บังคับบัญชา และการสื่อสารกับประชาชนผ่านข่าวและสื่อต่าง ๆ",
        "Reporting successes and mistakes upwards, and communicating with the public through "
        "press releases, mass media and public relations.",
    ),
)

# Each item: (Thai name, English description, whether the Thai is the criteria's published wording).
# Published names come from the criteria as agencies use them in their self-assessments (1.2, 3.1,
# 4.1 in its short form, 7.1-7.6). The others are our short Thai descriptions until their published
# wording is checked: they are marked so, and the site says so; never paraphrase a published name.
_ITEMS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "1": (
        (
            "ระบบการนำองค์การ วิสัยทัศน์และยุทธศาสตร์เพื่อองค์การที่ยั่งยืน",
            "Leadership system: vision and strategy for a sustainable organisation",
            False,
        ),
        ("การป้องกันทุจริตและสร้างความโปร่งใส", "Anti-corruption and transparency", True),
        ("การบรรลุผลลัพธ์ผ่านการมีส่วนร่วมภายในและภายนอก", "Results through internal and external participation", False),
        ("ผลกระทบต่อสังคมและผลลัพธ์ตามยุทธศาสตร์ชาติ", "Social impact and national-strategy outcomes", False),
    ),
    "2": (
        (
            "กระบวนการวางแผนยุทธศาสตร์ที่ตอบสนองความท้าทายและสร้างนวัตกรรม",
            "Strategic planning process, responsive to challenges and innovative",
            False,
        ),
        (
            "เป้าหมายระยะสั้นและระยะยาวที่เชื่อมโยงยุทธศาสตร์ชาติ",
            "Short- and long-term goals linked to the national strategy",
            False,
        ),
        ("การถ่ายทอดแผนปฏิบัติการสู่เครือข่าย", "Action plans cascaded through networks", False),
        ("การติดตาม แก้ไขปัญหา และรายงานผล", "Monitoring, problem-solving and reporting", False),
    ),
    "3": (
        (
            "ระบบข้อมูลและสารสนเทศด้านการบริการประชาชนที่ทันสมัย รวดเร็ว และเข้าถึงในทุกระดับ",
            "Modern, fast citizen-service data and information, accessible at every level",
            True,
        ),
        ("การประเมินความพึงพอใจและความผูกพัน", "Satisfaction and engagement evaluation", False),
        ("นวัตกรรมการให้บริการ", "Service innovation", False),
        ("การแก้ไขข้อร้องเรียน", "Complaint resolution", False),
    ),
    "4": (
        ("การกำหนดตัววัดจากข้อมูลและสารสนเทศ", "Measures set from data and information", True),
        ("การวิเคราะห์เพื่อตอบสนองเชิงรุก", "Analysis for proactive response", False),
        ("การจัดการความรู้", "Knowledge management", False),
        ("ระบบข้อมูลและการทำงานดิจิทัลเต็มรูปแบบ", "Full digital data and work systems", False),
    ),
    "5": (
        ("นโยบายและระบบการบริหารทรัพยากรบุคคล", "HR policy and system", False),
        ("ระบบงานที่คล่องตัวและมุ่งผลสัมฤทธิ์", "Agile, results-focused work system", False),
        ("วัฒนธรรมการทำงาน", "Work culture", False),
        ("การพัฒนาบุคลากร", "Workforce development", False),
    ),
    "6": (
        ("กระบวนการทำงานตั้งแต่ต้นจนจบ", "End-to-end process", False),
        ("นวัตกรรมในผลผลิต กระบวนการ และบริการ", "Innovation in outputs, processes and services", False),
        ("การลดต้นทุน", "Cost reduction", False),
        ("ประสิทธิผลทั่วทั้งองค์การ", "Organisation-wide effectiveness", False),
    ),
    "7": (
        ("ด้านพันธกิจ", "Mission results", True),
        ("ด้านผู้รับบริการและผู้มีส่วนได้ส่วนเสีย", "Service recipients and stakeholders", True),
        ("ด้านการพัฒนาบุคลากร", "Workforce development", True),
        ("ด้านการเป็นต้นแบบ", "Being a role model", True),
        ("ด้านผลกระทบต่อเศรษฐกิจ สังคม สาธารณสุข สิ่งแวดล้อม", "Economic, social, health and environmental impact", True),
        (
            "ด้านการลดต้นทุน สร้างนวัตกรรม และการจัดการกระบวนการ",
            "Cost reduction, innovation and process management",
            True,
        ),
    ),
}

# The edition the names above and the site's wording follow; the site and the evidence pack name it.
PMQA_EDITION_TH = "เกณฑ์คุณภาพการบริหารจัดการภาครัฐ 4.0 (PMQA 4.0) ฉบับปี พ.ศ. 2562–2563 สำนักงาน ก.พ.ร."
PMQA_EDITION_EN = "Public Sector Management Quality Award criteria 4.0 (PMQA 4.0), 2019–2020 edition, OPDC"

# The three levels an applicant claims per item of categories 1-6.
MATURITY_LEVELS: tuple[MaturityLevel, ...] = (
    MaturityLevel("basic", "ระดับพื้นฐาน", "Basic"),
    MaturityLevel("advance", "ระดับก้าวหน้า", "Advance"),
    MaturityLevel("significance", "ระดับพัฒนาจนเกิดผล", "Significance"),
)

_CATEGORY_NAMES: dict[str, tuple[str, str]] = {
    "1": ("การนำองค์การ", "Leadership"),
    "2": ("การวางแผนเชิงยุทธศาสตร์", "Strategic Planning"),
    "3": ("การให้ความสำคัญกับผู้รับบริการและผู้มีส่วนได้ส่วนเสีย", "Customer and Stakeholder Focus"),
    "4": ("การวัด การวิเคราะห์ และการจัดการความรู้", "Measurement, Analysis and Knowledge Management"),
    "5": ("การมุ่งเน้นบุคลากร", "Workforce Focus"),
    "6": ("การมุ่งเน้นระบบปฏิบัติการ", "Operation Focus"),
    "7": ("ผลลัพธ์การดำเนินการ", "Results"),
}

PMQA: tuple[PmqaCategory, ...] = tuple(
    PmqaCategory(
        code,
        name_th,
        name_en,
        tuple(
            PmqaItem(f"{code}.{n}", code, item_th, item_en, published)
            for n, (item_th, item_en, published) in enumerate(_ITEMS[code], start=1)
        ),
    )
    for code, (name_th, name_en) in _CATEGORY_NAMES.items()
)

RER_BY_KEY: dict[str, RerComponent] = {c.key: c for c in RER}
RER_KEYS: tuple[str, ...] = tuple(c.key for c in RER)
PMQA_CATEGORIES: dict[str, PmqaCategory] = {c.code: c for c in PMQA}
PMQA_ITEMS: dict[str, PmqaItem] = {i.code: i for c in PMQA for i in c.items}
# Every code a write-up may list under `pmqa`: the seven categories and all their items.
PMQA_CODES: tuple[str, ...] = tuple(code for c in PMQA for code in (c.code, *(i.code for i in c.items)))


def rer_key_of(text: str) -> str | None:
    """The RER key a reader's answer means: the key, its number (1-3), or its Thai or English
    name as the site shows it (ภารกิจพิเศษ, "Extra Job", การสื่อสาร/รายงาน or either half)."""
    answer = " ".join(text.strip().lower().split())
    for number, component in enumerate(RER, start=1):
        names = {component.key, str(number), component.name_th.lower(), component.name_en.lower()}
        names |= {part.strip() for part in component.name_th.lower().split("/")}
        if answer in names:
            return component.key
    return None


def pmqa_category_of(code: str) -> str:
    """The category a PMQA code counts under: "6.2" -> "6", "6" -> "6"."""
    return code.split(".", 1)[0]


def pmqa_categories_of(codes: Iterable[str]) -> tuple[str, ...]:
    """The categories a list of codes counts under, each once, in order: ("6.2", "3", "6") -> ("3", "6")."""
    return tuple(sorted({pmqa_category_of(code) for code in codes}))


def pmqa_label(code: str, lang: str = "th") -> str:
    """The name of a PMQA category or item in Thai or English."""
    entry: PmqaCategory | PmqaItem = PMQA_CATEGORIES.get(code) or PMQA_ITEMS[code]
    return entry.name_th if lang == "th" else entry.name_en


def pmqa_ranges() -> dict[str, str]:
    """The valid codes as people read them: {"categories": "1–7", "items": "1.1–1.4, …, 7.1–7.6"}."""
    return {
        "categories": f"{PMQA[0].code}–{PMQA[-1].code}",
        "items": ", ".join(f"{c.items[0].code}–{c.items[-1].code}" for c in PMQA),
    }
