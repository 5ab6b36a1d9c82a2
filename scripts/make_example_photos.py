"""Draws the example photos shipped in content/ (nothing is downloaded).

Each picture is a simple illustration drawn with Pillow: woven cloth, a service counter, water,
a bar chart, rice fields. Run once; the files are committed. Two photos deliberately carry what a
phone adds (an EXIF orientation tag and GPS coordinates) so the build's clean-up can be seen.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

W, H = 1600, 1200
CONTENT = Path(__file__).resolve().parent.parent / "content"


def _sky(draw: ImageDraw.ImageDraw, top: tuple, bottom: tuple, height: int) -> None:
    for y in range(height):
        t = y / max(1, height - 1)
        draw.line([(0, y), (W, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))


def weaving(rng: random.Random) -> Image.Image:
    image = Image.new("RGB", (W, H))
    draw = ImageDraw.Draw(image)
    palette = [(142, 36, 70), (214, 160, 40), (32, 80, 120), (190, 70, 40), (240, 220, 180), (40, 110, 70)]
    y = 0
    while y < H:
        band = rng.randint(20, 90)
        colour = rng.choice(palette)
        draw.rectangle([0, y, W, y + band], fill=colour)
        if band > 50:  # a diamond motif (ลายขิด) along wide bands
            for x in range(0, W, band):
                mid = y + band // 2
                draw.polygon(
                    [(x, mid), (x + band // 2, y + 4), (x + band, mid), (x + band // 2, y + band - 4)],
                    fill=rng.choice(palette),
                )
        y += band
    for x in range(0, W, 6):  # warp threads
        draw.line([(x, 0), (x, H)], fill=(0, 0, 0), width=1)
    return image.filter(ImageFilter.GaussianBlur(0.8))


def counter(rng: random.Random) -> Image.Image:
    image = Image.new("RGB", (W, H), (236, 240, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, W, 420], fill=(40, 70, 140))
    for i in range(5):  # service windows
        x = 80 + i * 300
        draw.rectangle([x, 120, x + 240, 400], fill=(200, 220, 240))
        draw.text((x + 100, 140), str(i + 1), fill=(20, 30, 60))
    draw.rectangle([0, 700, W, 780], fill=(150, 110, 70))  # the counter
    for i in range(9):  # people waiting, seen from behind
        x = 120 + i * 160 + rng.randint(-20, 20)
        colour = rng.choice([(200, 60, 60), (60, 120, 200), (240, 200, 80), (90, 160, 90), (120, 80, 160)])
        draw.ellipse([x, 820, x + 90, 910], fill=(60, 40, 30))
        draw.rounded_rectangle([x - 20, 900, x + 110, 1200], radius=40, fill=colour)
    return image


def water(rng: random.Random) -> Image.Image:
    image = Image.new("RGB", (W, H))
    draw = ImageDraw.Draw(image)
    _sky(draw, (120, 140, 160), (190, 200, 210), 520)
    for y in range(520, H):
        t = (y - 520) / (H - 520)
        draw.line([(0, y), (W, y)], fill=(int(110 - 40 * t), int(100 - 20 * t), int(70 - 10 * t)))
    for _ in range(220):
        x, y = rng.randint(0, W), rng.randint(540, H)
        draw.arc([x, y, x + rng.randint(40, 120), y + 14], 200, 340, fill=(180, 170, 140), width=2)
    for i in range(4):  # houses on stilts
        x = 150 + i * 360
        draw.rectangle([x, 330, x + 200, 520], fill=(150, 90, 60))
        draw.polygon([(x - 20, 330), (x + 100, 250), (x + 220, 330)], fill=(120, 40, 40))
    return image


def chart(rng: random.Random) -> Image.Image:
    image = Image.new("RGB", (W, H), (250, 250, 247))
    draw = ImageDraw.Draw(image)
    draw.line([(150, 1050), (1500, 1050)], fill=(60, 60, 60), width=4)
    draw.line([(150, 150), (150, 1050)], fill=(60, 60, 60), width=4)
    heights = sorted(rng.randint(200, 850) for _ in range(8))
    for i, h in enumerate(heights):
        x = 220 + i * 160
        draw.rectangle([x, 1050 - h, x + 100, 1046], fill=(40 + i * 20, 90 + i * 12, 180))
    return image


def fields(rng: random.Random) -> Image.Image:
    image = Image.new("RGB", (W, H))
    draw = ImageDraw.Draw(image)
    _sky(draw, (90, 150, 220), (200, 225, 245), 480)
    for i, y in enumerate(range(480, H, 60)):
        green = (60 + (i % 3) * 30, 150 + (i % 2) * 40, 60)
        draw.polygon([(0, y), (W, y - 40), (W, y + 60), (0, y + 100)], fill=green)
    draw.polygon([(0, 480), (400, 260), (800, 480)], fill=(70, 100, 80))
    draw.polygon([(600, 480), (1100, 220), (1600, 480)], fill=(60, 90, 75))
    draw.ellipse([1250, 80, 1400, 230], fill=(255, 230, 140))
    for _ in range(60):
        x, y = rng.randint(0, W), rng.randint(600, H)
        draw.line([(x, y), (x + 4, y - 30)], fill=(40, 110, 40), width=3)
    return image


MOTIFS = {"weaving": weaving, "counter": counter, "water": water, "chart": chart, "fields": fields}

PHOTOS = [
    ("th-50/pha-thai-jomthong/weaving-loom.jpg", "weaving", {}),
    ("th-50/pha-thai-jomthong/market-stall.jpg", "weaving", {}),
    ("th-50/damrongdham-15-days/service-desk.jpg", "counter", {}),
    ("th-40/queue-registration/registration-counter.jpg", "counter", {"orientation": 6}),
    ("th-40/flood-warning-line/flooded-village.jpg", "water", {"gps": True}),
    ("th-90/informal-debt-clinic/clinic-day.jpg", "counter", {}),
    ("th-10/online-appointment/district-office.jpg", "counter", {}),
    ("ops-ict/moi-cloud/cost-chart.png", "chart", {}),
    ("ops-information/weekly-briefing/briefing-chart.jpg", "chart", {}),
    ("dopa/mobile-id-card/home-visit.jpg", "fields", {}),
    ("cdd/otop-online/otop-fabric.jpg", "weaving", {}),
    ("ddpm/drought-daily-report/dry-fields.jpg", "fields", {}),
    ("dol/same-day-transfer/land-office.jpg", "counter", {}),
    ("th-5001/village-mediation/meeting.jpg", "fields", {}),
]


def _exif(orientation: int | None, gps: bool) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "ExampleCam"  # Make
    if orientation:
        exif[0x0112] = orientation
    if gps:
        gps_ifd = {1: "N", 2: (16.0, 26.0, 12.0), 3: "E", 4: (102.0, 50.0, 6.0)}  # Khon Kaen
        exif[0x8825] = gps_ifd
    return exif


def main() -> None:
    for number, (relative, motif, options) in enumerate(PHOTOS):
        rng = random.Random(number)
        image = MOTIFS[motif](rng)
        target = CONTENT / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix == ".png":
            image.save(target, "PNG", optimize=True)
            continue
        orientation = options.get("orientation")
        if orientation == 6:
            # Stored sideways as a phone does; the tag says "rotate 90° clockwise to view".
            image = image.transpose(Image.Transpose.ROTATE_90)
        exif = _exif(orientation, options.get("gps", False))
        image.save(target, "JPEG", quality=72, exif=exif.tobytes(), comment=b"taken by staff phone")
    print(f"wrote {len(PHOTOS)} photos under {CONTENT}", file=sys.stderr)


if __name__ == "__main__":
    main()
