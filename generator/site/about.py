"""The pages a Thai government site must carry about itself (DGA's website standard, the PDPA):
contact and address of the responsible unit with the complaint channel, a privacy notice, a
website policy, an accessibility statement and a sitemap for people. All in Thai, written from
site_config's contact settings, so the PR team changes one file and every page follows.

What the privacy notice says the site does is what the site does: no cookies, no analytics, no
third party's script (site/policy.py's Content-Security-Policy enforces it), the light/dark
choice kept in the reader's own browser, the search run in the browser.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..content.schema import ContactSettings, SiteConfig
from ..frameworks import PMQA, PMQA_EDITION_TH, RER
from . import urls
from .views import InfoPage, Link


def contact_lines(contact: ContactSettings) -> list[str]:
    """The unit, its address, telephone and e-mail, one per line (the footer and the contact page)."""
    lines = [contact.unit, contact.address]
    if contact.phone:
        lines.append(f"โทรศัพท์ {contact.phone}")
    if contact.email:
        lines.append(f"อีเมล {contact.email}")
    return lines


def about_links() -> tuple[Link, ...]:
    """The pages about the site, in the order the footer lists them."""
    return (
        Link(urls.CONTACT, "ติดต่อเรา"),
        Link(urls.PRIVACY, "นโยบายคุ้มครองข้อมูลส่วนบุคคล"),
        Link(urls.WEBSITE_POLICY, "นโยบายเว็บไซต์"),
        Link(urls.ACCESSIBILITY, "การเข้าถึงเว็บไซต์"),
        Link(urls.SITEMAP_PAGE, "แผนผังเว็บไซต์"),
    )


def _link(url: str, label: str, page: str) -> str:
    return f"[{escape(label)}]({urls.relative(page, url)})"


def _contact(config: SiteConfig) -> str:
    contact = config.contact
    lines = "  \n".join(escape(line) for line in contact_lines(contact))
    return f"""\
เว็บไซต์นี้ดูแลโดย

{lines}

## ร้องเรียน ร้องทุกข์

{escape(contact.complaints)} รับเรื่องร้องเรียนและร้องทุกข์ของประชาชนทุกเรื่อง

## ขอแก้ไขหรือนำข้อมูลออก

หากพบข้อมูลที่ไม่ถูกต้อง หรือมีภาพหรือข้อมูลของท่านที่ต้องการให้นำออก แจ้ง{escape(contact.unit)}ตามช่องทางด้านบน \
พร้อมที่อยู่ของหน้าเว็บที่เกี่ยวข้อง หน่วยงานจะตรวจสอบและดำเนินการโดยเร็ว
"""


def _privacy(config: SiteConfig) -> str:
    contact = config.contact
    page = urls.PRIVACY
    return f"""\
{escape(contact.unit)} ในฐานะผู้ดูแลเว็บไซต์ ให้ความสำคัญกับการคุ้มครองข้อมูลส่วนบุคคลตาม\
พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562

## ข้อมูลที่เว็บไซต์เก็บจากผู้เข้าชม

- เว็บไซต์ไม่ใช้คุกกี้ ไม่มีระบบวิเคราะห์การใช้งาน และไม่โหลดสคริปต์ของบุคคลภายนอก
- การเลือกโหมดสว่างหรือมืดบันทึกไว้ในเบราว์เซอร์ของท่านเท่านั้น ไม่ส่งมายังหน่วยงาน
- การค้นหาทำงานในเบราว์เซอร์ของท่าน คำที่ค้นหาไม่ถูกส่งไปบันทึกที่ใด
- เครื่องแม่ข่ายที่ให้บริการเว็บไซต์อาจบันทึกข้อมูลจราจรทางคอมพิวเตอร์ เช่น หมายเลขไอพีและเวลาที่เข้าชม \
ตามที่กฎหมายว่าด้วยการกระทำความผิดเกี่ยวกับคอมพิวเตอร์กำหนด และใช้เพื่อดูแลความปลอดภัยของระบบเท่านั้น

## ภาพและข้อมูลบุคคลในเรื่องเล่า

เรื่องเล่าเผยแพร่ผลการปฏิบัติราชการของหน่วยงาน ภาพที่มีบุคคลเผยแพร่เพื่อการปฏิบัติหน้าที่ในการดำเนินภารกิจ\
เพื่อประโยชน์สาธารณะ ภาพที่มีผู้เยาว์ หรือแสดงข้อมูลอ่อนไหว เช่น สุขภาพหรือความพิการ \
เผยแพร่เมื่อได้รับความยินยอมโดยชัดแจ้งเท่านั้น

## สิทธิของท่าน

ท่านมีสิทธิขอเข้าถึง ขอแก้ไข คัดค้าน หรือขอให้นำภาพหรือข้อมูลของท่านออกจากเว็บไซต์ \
โดยแจ้ง{escape(contact.unit)}ตาม{_link(urls.CONTACT, "ช่องทางติดต่อ", page)}
"""


def _website_policy(config: SiteConfig) -> str:
    contact = config.contact
    page = urls.WEBSITE_POLICY
    return f"""\
## เนื้อหา

เรื่องเล่าบนเว็บไซต์เขียนโดยหน่วยงานในสังกัดกระทรวงมหาดไทย และตรวจทานโดย{escape(contact.unit)}ก่อนเผยแพร่ \
แต่ละเรื่องระบุหน่วยงานผู้เขียนและวันที่ การจัดหมวดตามองค์ประกอบ RER และ{escape(PMQA_EDITION_TH)}\
เป็นการระบุของหน่วยงานผู้เขียน

## ลิขสิทธิ์

เนื้อหาและภาพเป็นลิขสิทธิ์ของ{escape(config.copyright)} การนำไปใช้ให้อ้างอิงแหล่งที่มา ข้อมูลชื่อจังหวัดและอำเภอ\
จากชุดข้อมูล geothai (สัญญาอนุญาต CC-BY-4.0) แบบอักษร Sarabun ใช้สัญญาอนุญาต SIL Open Font License

## การเชื่อมโยงและการแชร์

ปุ่มแชร์เป็นลิงก์ธรรมดา เว็บไซต์ไม่โหลดสคริปต์ของ LINE, Facebook หรือ X เว็บไซต์ภายนอกที่เชื่อมโยงไป\
อยู่นอกความรับผิดชอบของหน่วยงาน

## การปรับปรุงข้อมูล

หน่วยงานปรับปรุงเว็บไซต์เมื่อมีเรื่องเล่าใหม่ หากพบข้อมูลคลาดเคลื่อน แจ้งได้ที่{_link(urls.CONTACT, "ช่องทางติดต่อ", page)}

อ่านเพิ่มเติม: {_link(urls.PRIVACY, "นโยบายคุ้มครองข้อมูลส่วนบุคคล", page)} · \
{_link(urls.ACCESSIBILITY, "การเข้าถึงเว็บไซต์", page)}
"""


def _accessibility(config: SiteConfig) -> str:
    page = urls.ACCESSIBILITY
    return f"""\
เว็บไซต์นี้มุ่งให้ทุกคนใช้งานได้ ตามมาตรฐานการเข้าถึงเว็บไซต์ มอก. 2565-2555 และแนวทาง WCAG 2.1 ระดับ AA

## สิ่งที่เว็บไซต์ทำ

- ทุกหน้าระบุภาษาไทย ข้อความภาษาอังกฤษระบุภาษาของตนเอง ให้โปรแกรมอ่านหน้าจออ่านถูกเสียง
- ทุกภาพมีคำบรรยาย ตารางและแผนภูมิเป็นข้อความที่อ่านได้
- ใช้งานได้ด้วยแป้นพิมพ์ มีลิงก์ข้ามไปยังเนื้อหา
- สีตัวอักษรตัดกับพื้นหลังตามเกณฑ์ ทั้งโหมดสว่างและโหมดมืด
- อ่านได้บนโทรศัพท์มือถือโดยไม่ต้องเลื่อนหน้าจอด้านข้าง
- แต่ละรุ่นของเว็บไซต์ตรวจด้วย axe-core ก่อนเผยแพร่

## ข้อจำกัดที่ทราบ

คำบรรยายภาพเขียนโดยหน่วยงานผู้เขียนเรื่อง บางภาพอาจบรรยายไม่ครบ

## แจ้งปัญหาการใช้งาน

หากใช้งานส่วนใดไม่ได้ แจ้ง{escape(config.contact.unit)}ที่{_link(urls.CONTACT, "ช่องทางติดต่อ", page)} \
พร้อมที่อยู่ของหน้าเว็บ หน่วยงานจะแก้ไขหรือส่งข้อมูลในรูปแบบที่ท่านใช้ได้
"""


def _sitemap(config: SiteConfig) -> str:
    page = urls.SITEMAP_PAGE

    def item(url: str, label: str, depth: int = 0) -> str:
        return "    " * depth + f"- {_link(url, label, page)}"

    lines = [
        item(urls.HOME, "หน้าแรก"),
        item(urls.ARCHIVE, "เรื่องเล่าทั้งหมด"),
        item(urls.OVERVIEW, "ภาพรวม"),
        item(urls.OFFICES, "หน่วยงาน"),
        item(urls.RER_INDEX, "องค์ประกอบงาน RER"),
        *(item(urls.rer(c.key), c.name_th, 1) for c in RER),
        item(urls.PMQA_INDEX, "เกณฑ์ PMQA 4.0"),
        *(item(urls.pmqa(c.code), f"หมวด {c.code} {c.name_th}", 1) for c in PMQA),
        item(urls.TAGS_INDEX, "แท็ก"),
        *(item(link.url, link.label) for link in about_links() if link.url != page),
        item(urls.SITE_FEED, "ฟีดเรื่องใหม่ (Atom)"),
    ]
    return "\n".join(lines) + "\n"


_PAGES: tuple[tuple[str, str, str, Callable[[SiteConfig], str]], ...] = (
    (urls.CONTACT, "ติดต่อเรา", "หน่วยงานผู้ดูแลเว็บไซต์ ที่อยู่ และช่องทางร้องเรียน", _contact),
    (urls.PRIVACY, "นโยบายคุ้มครองข้อมูลส่วนบุคคล", "ข้อมูลที่เว็บไซต์เก็บ และสิทธิของท่าน", _privacy),
    (urls.WEBSITE_POLICY, "นโยบายเว็บไซต์", "ที่มาของเนื้อหา ลิขสิทธิ์ และการเชื่อมโยง", _website_policy),
    (urls.ACCESSIBILITY, "การเข้าถึงเว็บไซต์", "มาตรฐานที่เว็บไซต์นี้ปฏิบัติตาม และการแจ้งปัญหา", _accessibility),
    (urls.SITEMAP_PAGE, "แผนผังเว็บไซต์", "ทุกส่วนของเว็บไซต์", _sitemap),
)


def about_pages(config: SiteConfig) -> list[tuple[str, str, InfoPage]]:
    """(address, Markdown, view) of each page about the site."""
    return [(url, write(config), InfoPage(title, description)) for url, title, description, write in _PAGES]
