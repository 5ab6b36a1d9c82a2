"""Writes content/offices.yml: the central offices below, and every province from geothai.

Run it again (python scripts/make_offices.py) only to regenerate the registry from scratch; offices
that edit the file by hand keep their edits until then. Province names come from the geothai
package (data CC-BY-4.0, from the Interior's registration statistics).
"""

from __future__ import annotations

from pathlib import Path

import geothai
import yaml

CENTRAL = [
    ("moi", "กระทรวงมหาดไทย", "Ministry of Interior", None, "ministry", None),
    ("ops", "สำนักงานปลัดกระทรวงมหาดไทย", "Office of the Permanent Secretary for Interior", "สป.มท.", "office", "moi"),
    ("ops-general-affairs", "กองกลาง", "General Affairs Division", None, "division", "ops"),
    ("ops-personnel", "กองการเจ้าหน้าที่", "Personnel Division", None, "division", "ops"),
    ("ops-foreign-affairs", "กองการต่างประเทศ", "Foreign Affairs Division", None, "division", "ops"),
    ("ops-finance", "กองคลัง", "Finance Division", None, "division", "ops"),
    ("ops-information", "กองสารนิเทศ", "Information Division", None, "division", "ops"),
    (
        "ops-ict",
        "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร",
        "Information and Communication Technology Centre",
        None,
        "centre",
        "ops",
    ),
    ("ops-damrong-institute", "สถาบันดำรงราชานุภาพ", "Prince Damrongrajanubhab Institute", None, "bureau", "ops"),
    ("ops-legal", "สำนักกฎหมาย", "Legal Affairs Bureau", None, "bureau", "ops"),
    ("ops-inspection", "สำนักตรวจราชการและเรื่องราวร้องทุกข์", "Inspection and Grievances Bureau", None, "bureau", "ops"),
    ("ops-policy-planning", "สำนักนโยบายและแผน", "Policy and Planning Bureau", None, "bureau", "ops"),
    (
        "ops-provincial-development",
        "สำนักพัฒนาและส่งเสริมการบริหารราชการจังหวัด",
        "Bureau of Provincial Administration Development and Promotion",
        None,
        "bureau",
        "ops",
    ),
    (
        "ops-cluster-strategy",
        "สำนักบริหารยุทธศาสตร์กลุ่มจังหวัด",
        "Provincial Cluster Strategy Management Bureau",
        None,
        "bureau",
        "ops",
    ),
    ("ops-admin-development", "กลุ่มพัฒนาระบบบริหาร", "Administration System Development Group", None, "group", "ops"),
    ("ops-internal-audit", "กลุ่มตรวจสอบภายใน", "Internal Audit Group", None, "group", "ops"),
    ("ops-operation-centre", "ศูนย์ปฏิบัติการกระทรวงมหาดไทย", "MOI Operation Centre", None, "centre", "ops"),
    ("dopa", "กรมการปกครอง", "Department of Provincial Administration", "ปค.", "department", "moi"),
    ("cdd", "กรมการพัฒนาชุมชน", "Community Development Department", "พช.", "department", "moi"),
    ("dla", "กรมส่งเสริมการปกครองท้องถิ่น", "Department of Local Administration", "สถ.", "department", "moi"),
    (
        "dpt",
        "กรมโยธาธิการและผังเมือง",
        "Department of Public Works and Town & Country Planning",
        "ยผ.",
        "department",
        "moi",
    ),
    ("dol", "กรมที่ดิน", "Department of Lands", "ทด.", "department", "moi"),
    (
        "ddpm",
        "กรมป้องกันและบรรเทาสาธารณภัย",
        "Department of Disaster Prevention and Mitigation",
        "ปภ.",
        "department",
        "moi",
    ),
]

# Districts that the shipped example content writes from; an office adds its own the same way.
DISTRICTS = ["5001", "4001"]


def entries() -> list[dict]:
    rows = []
    for office_id, name_th, name_en, abbr, kind, parent in CENTRAL:
        row = {"id": office_id, "name_th": name_th, "name_en": name_en}
        if abbr:
            row["abbr_th"] = abbr
        row.update({"kind": kind, "parent": parent} if parent else {"kind": kind})
        rows.append(row)
    for province in geothai.provinces():
        bangkok = province.code == "10"
        rows.append(
            {
                "id": f"th-{province.code}",
                "name_th": province.name_th if bangkok else f"จังหวัด{province.name_th}",
                "name_en": province.name_en if bangkok else f"{province.name_en} Province",
                "kind": "province",
                "parent": "moi",
                "province": f"TH-{province.code}",
            }
        )
    for code in DISTRICTS:
        district = geothai.district(code)
        rows.append(
            {
                "id": f"th-{code}",
                "name_th": f"อำเภอ{district.name_th}",
                "name_en": f"{district.name_en} District",
                "kind": "district",
                "parent": f"th-{code[:2]}",
                "province": f"TH-{code[:2]}",
            }
        )
    return rows


HEADER = """\
# The offices that may publish write-ups. Each write-up lives at content/<id>/<story-slug>/index.md.
# Fields: id (a-z, 0-9, -), name_th (required), name_en, abbr_th, kind (ministry, office, department,
# bureau, division, centre, group, province, district), parent (an id), province (ISO 3166-2:TH).
# Province names: geothai (data CC-BY-4.0, Ministry of Interior registration statistics).
"""

if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "content" / "offices.yml"
    body = yaml.safe_dump({"offices": entries()}, allow_unicode=True, sort_keys=False, width=120)
    target.write_text(HEADER + body, encoding="utf-8")
    print(f"wrote {target} ({len(entries())} offices)")
