"""Makes a synthetic content tree of N write-ups for benchmarks (not for tests of behaviour).

Sentences are taken from the shipped example stories and recombined, so text length and the mix
of Thai and English look like real content. Deterministic for a given N and seed.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from pathlib import Path

import yaml

from generator.frameworks import PMQA_ITEMS as PMQA_ITEMS_BY_CODE
from generator.frameworks import RER_KEYS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "content"
PMQA_ITEMS = list(PMQA_ITEMS_BY_CODE)


def _sentences() -> list[str]:
    found: list[str] = []
    for path in sorted(EXAMPLE.glob("*/*/index.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[2]
        for line in body.splitlines():
            line = line.strip(" -#>*0123456789.")
            if len(line) > 30:
                found.extend(part for part in re.split(r"(?<=[ ])(?=\S{20,})", line) if len(part) > 20)
    return found


def _date(rng: random.Random, years: tuple[int, int]) -> str:
    if years[0] > 2400:  # fiscal years BE: 1 October of the year before to 30 September
        first = dt.date(years[0] - 544, 10, 1)
        last = dt.date(years[1] - 543, 9, 30)
        return (first + dt.timedelta(days=rng.randint(0, (last - first).days))).isoformat()
    return f"{rng.randint(*years)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def make_content(
    target: Path,
    count: int,
    *,
    seed: int = 7,
    photos: int = 0,
    offices: list[str] | None = None,
    years: tuple[int, int] = (2022, 2026),
) -> Path:
    """Write count write-ups under target/content; photos>0 adds that many small JPEGs each.
    offices: the offices that write them (default: all of offices.yml's); years: the Buddhist Era
    fiscal years of their dates (default: calendar 2022-2026)."""
    content = target / "content"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    shutil.copy(EXAMPLE / "offices.yml", content / "offices.yml")
    shutil.copy(EXAMPLE / "logo.svg", content / "logo.svg")  # the project's site_config.yml names it
    if offices is None:
        offices = [o["id"] for o in yaml.safe_load((EXAMPLE / "offices.yml").read_text(encoding="utf-8"))["offices"]]
    rng = random.Random(seed)
    sentences = _sentences()
    for n in range(count):
        office = offices[n % len(offices)]
        folder = content / office / f"story-{n:05d}"
        folder.mkdir(parents=True)
        title = rng.choice(sentences)[:80]
        summary = " ".join(rng.sample(sentences, 2))[:290]
        paragraphs = ["\n".join(rng.sample(sentences, 3)) for _ in range(4)]
        body = (
            f"## ที่มา\n\n{paragraphs[0]}\n\n## สิ่งที่ทำ\n\n{paragraphs[1]}\n\n{paragraphs[2]}\n\n## ผล\n\n{paragraphs[3]}\n"
        )
        front = {
            "title": title,
            "date": _date(rng, years),
            "rer": RER_KEYS[n % 3],
            "pmqa": rng.sample(PMQA_ITEMS, 2),
            "summary": summary,
            "tags": rng.sample(["ผ้าไทย", "OTOP", "ดิจิทัล", "บริการประชาชน", "ลดต้นทุน", "สาธารณภัย"], 2),
            "results": [
                {"indicator": "ตัวชี้วัด", "before": rng.randint(10, 90), "after": rng.randint(10, 90), "unit": "%"}
            ],
        }
        if photos:
            from PIL import Image

            front["photos"] = []
            for p in range(photos):
                name = f"photo-{p}.jpg"
                Image.new("RGB", (640, 480), (rng.randint(0, 255), 90, 160)).save(folder / name, quality=80)
                front["photos"].append({"file": name, "alt": f"ภาพกิจกรรม {p + 1}"})
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        text = re.sub(r"date: '(\d{4}-\d\d-\d\d)'", r"date: \1", text)
        (folder / "index.md").write_text(text + "---\n\n" + body, encoding="utf-8")
    return content
