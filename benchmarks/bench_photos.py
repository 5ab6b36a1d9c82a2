"""Photo pipeline benchmark: realistic phone photos through every variant, cold and warm cache.

    .venv/bin/python benchmarks/bench_photos.py [--photos 400] [--workers 2]

It makes its own test photos (4000x3000, noise over gradients, JPEG quality 90, every fourth one
rotated by an EXIF orientation tag and carrying GPS) and prints: the single-photo cost of each step
(median of a sample), ms per photo per core for the whole pipeline with an empty cache, and total
seconds for all photos with an empty and with a warm cache.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageChops

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.content.collect import StoryFolder
from generator.content.limits import PHOTOS_PER_STORY
from generator.content.schema import PhotoSettings
from generator.content.story import validate_story
from generator.photos import process as photo_stage
from generator.photos.encode import AVIF_OPTIONS


def make_photo(path: Path, seed: int, size: tuple[int, int] = (4000, 3000)) -> None:
    # Gradients under Gaussian noise (sigma 18), drawn by Pillow alone: a phone photo's detail.
    across = Image.linear_gradient("L").rotate(90 + seed % 4 * 90).resize(size)
    down = Image.linear_gradient("L").resize(size)
    channels = []
    for band, base in enumerate((across, down, ImageChops.invert(down))):
        noise = Image.effect_noise(size, 18)  # centred on 128
        channels.append(ImageChops.add(base, noise, scale=1.0, offset=-128 + band * 20))
    image = Image.merge("RGB", channels)
    exif = Image.Exif()
    exif[0x010F] = "BenchPhone"
    if seed % 4 == 0:
        exif[0x0112] = 6
        exif[0x8825] = {1: "N", 2: (13.0, 45.0, 1.0), 3: "E", 4: (100.0, 30.0, 2.0)}
    image.save(path, "JPEG", quality=90, exif=exif.tobytes())


def make_tree(root: Path, count: int) -> list:
    distinct = min(count, 8)
    for i in range(distinct):
        make_photo(root / f"t{i}.jpg", i)
    stories = []
    # As many stories as the photos need: a story holds at most limits.PHOTOS_PER_STORY.
    for first in range(0, count, PHOTOS_PER_STORY):
        slug = f"bench-{first // PHOTOS_PER_STORY}"
        folder = root / "content" / "th-50" / slug
        folder.mkdir(parents=True)
        lines = ["---", "title: bench", "date: 2024-01-01", "rer: routine", "pmqa: [6]", "summary: s", "photos:"]
        for i in range(first, min(count, first + PHOTOS_PER_STORY)):
            name = f"p{i:04d}.jpg"
            data = (root / f"t{i % distinct}.jpg").read_bytes()
            # Distinct bytes per photo (so each is a cache miss) without re-encoding 4000x3000 each time.
            (folder / name).write_bytes(data[:-2] + i.to_bytes(4, "big") + data[-2:])
            lines += [f"  - file: {name}", f"    alt: photo {i}"]
        (folder / "index.md").write_text("\n".join([*lines, "---", "body", ""]), encoding="utf-8")
        files = tuple(sorted(p.name for p in folder.iterdir()))
        story, problems, _ = validate_story(StoryFolder("th-50", slug, folder, files), None)
        assert story is not None, problems
        stories.append(story)
    return stories


def step_costs(sample: Path, settings: PhotoSettings) -> None:
    from PIL import ImageOps

    def timed(fn, runs=7):
        values = []
        for _ in range(runs):
            started = time.perf_counter()
            fn()
            values.append((time.perf_counter() - started) * 1000)
        return statistics.median(values)

    def full_decode():
        with Image.open(sample) as im:
            im.load()

    def draft_decode():
        with Image.open(sample) as im:
            im.draft("RGB", (1600, 1200))
            im.load()

    with Image.open(sample) as im:
        im.draft("RGB", (1600, 1200))
        im.load()
        drafted = ImageOps.exif_transpose(im).convert("RGB")
    large = drafted.resize((1600, 1200), Image.Resampling.LANCZOS, reducing_gap=3.0)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        print("single-photo steps, median ms:")
        print(f"  full decode 4000x3000           {timed(full_decode):7.1f}")
        print(f"  draft decode (1/2 scale)        {timed(draft_decode):7.1f}")
        print(
            f"  LANCZOS 2000->1600              "
            f"{timed(lambda: drafted.resize((1600, 1200), Image.Resampling.LANCZOS, reducing_gap=3.0)):7.1f}"
        )
        for fmt, options in (
            ("JPEG", {"quality": settings.jpeg_quality, "progressive": True, "optimize": True}),
            ("JPEG", {"quality": settings.jpeg_quality}),
            ("WEBP", {"quality": settings.webp_quality, "method": 4}),
            ("WEBP", {"quality": settings.webp_quality, "method": 2}),
            ("WEBP", {"quality": settings.webp_quality, "method": 0}),
            ("AVIF", {"quality": settings.avif_quality, **AVIF_OPTIONS}),
        ):
            target = out / f"x.{fmt.lower()}"
            ms = timed(lambda fmt=fmt, options=options, target=target: large.save(target, fmt, **options))
            label = f"encode 1600 {fmt} {options}"
            print(f"  {label:<60.60} {ms:7.1f} ms {target.stat().st_size / 1024:7.0f} KB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=400)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--cold-runs", type=int, default=3, help="empty-cache runs; the median is printed")
    args = parser.parse_args()
    settings = PhotoSettings()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        stories = make_tree(root, args.photos)
        step_costs(root / "t0.jpg", settings)
        cold_runs = []
        for run in range(args.cold_runs):
            cache = root / f"cache{run}"
            started = time.perf_counter()
            report = photo_stage.process_photos(stories, settings, cache, workers=args.workers)
            cold_runs.append(time.perf_counter() - started)
            assert report.processed == args.photos and not report.problems, report.problems[:3]
        cold = statistics.median(cold_runs)
        warm_runs = []
        for _ in range(5):
            started = time.perf_counter()
            again = photo_stage.process_photos(stories, settings, cache, workers=args.workers)
            warm_runs.append(time.perf_counter() - started)
            assert again.cached == args.photos and again.processed == 0
        warm = statistics.median(warm_runs)
        per_core = cold * 1000 * args.workers / args.photos
        sizes = [f.stat().st_size for f in cache.rglob("*") if f.suffix in (".jpg", ".webp", ".avif")]
        print(f"photos: {args.photos} (4000x3000, q90), workers: {args.workers}")
        print(
            f"empty cache: {cold:6.1f} s total, {per_core:6.1f} ms per photo per core (all variants; "
            f"median of {args.cold_runs}: {', '.join(f'{c:.1f}' for c in cold_runs)} s)"
        )
        print(f"warm cache:  {warm:6.3f} s total, {warm * 1000 / args.photos:6.3f} ms per photo (median of 5)")
        print(f"output: {len(sizes)} files, {sum(sizes) / args.photos / 1024:.0f} KB per photo (all variants)")


if __name__ == "__main__":
    main()
