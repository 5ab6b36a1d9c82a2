"""Search quality: graded queries typed into the built site's search box in Chromium.

    .venv/bin/python benchmarks/bench_search_quality.py [--site DIR] [--queries FILE ...] [--show-failures]

Builds the evaluation corpus (the write-ups shipped in content/ plus benchmarks/search_eval/
stories.yml, stories2.yml and on, with content/offices.yml and content/synonyms.yml) unless --site
names a site already built from it (to measure another version of moinext on the same corpus), then types
each query of the query sets (benchmarks/search_eval/queries.yml, whole words as they stand in
the stories; typing.yml and fresh.yml, fresh2.yml and on, typed as readers type: half-typed, misspelt,
run together, as questions, in Latin letters; each query there has a class) and reads the result
list. Prints, for each set and for each class of a set:

- recall@10: of the stories that answer a query (grade 1 or 2), the share in its first ten results
  (mean over the queries that have an answer);
- precision@1: the share of those queries whose first result answers them;
- MRR: the mean of 1/rank of the first result that answers;
- no-answer: how many of the queries no story answers showed nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import re
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import yaml

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(__file__).resolve().parent / "search_eval"


def numbered(prefix: str) -> list[str]:
    """The parts named prefix.yml, prefix2.yml, prefix3.yml ... in the order of their numbers (the
    order the corpus's dates and the report follow), so a new part is found without a list to edit."""
    names = [path.name for path in EVAL.glob(f"{prefix}*.yml") if re.fullmatch(rf"{prefix}\d*\.yml", path.name)]
    return sorted(names, key=lambda name: int(name[len(prefix) : -len(".yml")] or 1))


# Whole words first, then as readers type, then each set written after the one before.
QUERY_SETS = ("queries.yml", "typing.yml", *numbered("fresh"))
sys.path.insert(0, str(ROOT))


def make_corpus(content: Path) -> None:
    shutil.copytree(ROOT / "content", content)
    stories = [
        story
        for part in numbered("stories")
        for story in yaml.safe_load((EVAL / part).read_text(encoding="utf-8"))["stories"]
    ]
    for number, story in enumerate(stories):
        folder = content / story["id"]
        folder.mkdir(parents=True)
        front = {
            "title": story["title"],
            "date": f"2026-{1 + number % 9:02d}-{10 + number % 18:02d}",
            "rer": story["rer"],
            "pmqa": [str(code) for code in story["pmqa"]],
            "summary": story["summary"],
            "tags": story.get("tags", []),
        }
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + story["body"]
        (folder / "index.md").write_text(text, encoding="utf-8")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def story_id(href: str, origin: str) -> str:
    return href.replace(origin, "").lstrip("/").rstrip("/").removesuffix("/index.html")


def run_queries(site: Path, queries: list[dict]) -> list[tuple[dict, list[str]]]:
    from playwright.sync_api import sync_playwright

    answers = []
    with serve(site) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(locale="th-TH")
        page.goto(origin)
        for query in queries:
            q = str(query["q"])  # a query of digits only is a number to YAML
            page.goto(origin + "?q=" + quote(q))
            page.wait_for_function(
                "q => document.querySelector('.moi-search')?.dataset.shownQuery === q", arg=q, timeout=60_000
            )
            # Ten results are drawn at once; the rest wait for "show more", which a reader's first
            # screen does not have either.
            hrefs = page.eval_on_selector_all(".moi-search .md-search-result__link", "links => links.map(a => a.href)")
            answers.append((query, [story_id(h, origin) for h in hrefs]))
        browser.close()
    return answers


def score(answers: list[tuple[dict, list[str]]], show_failures: bool, heading: str = "") -> None:
    recalls: list[float] = []
    firsts: list[bool] = []
    reciprocal: list[float] = []
    empty_ok = no_answer = 0
    for query, found in answers:
        relevant = {k: v for k, v in (query.get("relevant") or {}).items() if v > 0}
        if not relevant:
            no_answer += 1
            empty_ok += not found
            if found and show_failures:
                print(f"  should be empty: {query['q']!r} -> {found[:3]}")
            continue
        top = found[:10]
        recalls.append(len(set(top) & set(relevant)) / len(relevant))
        firsts.append(bool(found) and found[0] in relevant)
        rank = next((i + 1 for i, f in enumerate(found) if f in relevant), None)
        reciprocal.append(1 / rank if rank else 0.0)
        if show_failures and (recalls[-1] < 1 or not firsts[-1]):
            print(f"  {query['q']!r}: recall {recalls[-1]:.2f}, first {found[:1]}, missing {set(relevant) - set(top)}")
    answered = len(recalls) or 1
    print(
        f"{heading:<22} queries {len(answers):>3}  recall@10 {sum(recalls) / answered:.3f}  "
        f"P@1 {sum(firsts) / answered:.3f}  MRR {sum(reciprocal) / answered:.3f}  "
        f"no-answer {empty_ok}/{no_answer} empty"
    )


def report(name: str, answers: list[tuple[dict, list[str]]], show_failures: bool) -> None:
    score(answers, show_failures, name)
    classes = sorted({query["class"] for query, _ in answers if "class" in query})
    for kind in classes:
        score([(q, found) for q, found in answers if q.get("class") == kind], False, f"  {kind}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path, help="a site already built from the evaluation corpus")
    parser.add_argument("--build-into", type=Path, help="build the corpus's site here and keep it")
    parser.add_argument("--queries", type=Path, action="append", help="a query set (default: all of them)")
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    sets = args.queries or [EVAL / name for name in QUERY_SETS]
    queries = {path.name: yaml.safe_load(path.read_text(encoding="utf-8"))["queries"] for path in sets}
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            from generator import pipeline

            content = Path(tmp) / "content"
            make_corpus(content)
            site = args.build_into or Path(tmp) / "site"
            result = pipeline.build(content, ROOT / "site_config.yml", site, cache_dir=Path(tmp) / "cache")
            if not result.ok:
                sys.exit("\n".join(p.message() for p in result.problems))
            print(f"built the evaluation site: {result.stories} stories from {result.offices} offices")
        everything = [query for listed in queries.values() for query in listed]
        answers = run_queries(site, everything)
        for name, listed in queries.items():
            report(name, answers[: len(listed)], args.show_failures)
            answers = answers[len(listed) :]


if __name__ == "__main__":
    main()
