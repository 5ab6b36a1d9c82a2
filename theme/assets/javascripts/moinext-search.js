/* moinext search: Pagefind behind Material's header search box.
 *
 * Nothing is downloaded until the reader opens the search; then Pagefind fetches only the index
 * shards and result fragments a query needs. Pagefind cuts a Thai query into words with the
 * browser's Intl.Segmenter (ICU), the same engine that cut the stories at build time
 * (generator/thai/words.py). Opening any page with ?q=… (and ?office=, ?province=, ?rer=, ?pmqa=)
 * opens the search with those results.
 */
(() => {
  "use strict";
  // The site's root, from this file's own address (assets/javascripts/ under the root): never
  // from an element of the page, which an office's text could imitate.
  const base = new URL("../../", document.currentScript.src);
  const root = document.querySelector(".moi-search");
  const toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  const input = root.querySelector("input[name=q]");
  const form = root.querySelector("form");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const selects = Array.from(root.querySelectorAll("select[data-filter]"));
  // Each shown result costs one small fragment download: show a page of them, more on request.
  const PAGE = 10;
  let loading = null; // Pagefind, once loaded with every part of the index
  let filtersLoaded = null;
  let generation = 0;
  let shownResults = [];

  const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  // The index text (generator/thai/words.py) separates Thai words with spaces, keeps the story's own
  // spaces as no-break spaces, and spells Thai words in digits (thai/normalise.py). Excerpts are
  // shown as the story wrote them: Thai letters again, and no spaces inside Thai runs.
  const THAI_BEFORE_SPACE = /([\u0e00-\u0e7f](?:<\/mark>)?) +(?=(?:<mark>)?[\u0e00-\u0e7f])/g;
  const cleanExcerpt = (excerpt) =>
    unspell(excerpt)
      .replace(THAI_BEFORE_SPACE, "$1")
      .replace(/\u00a0|&nbsp;/g, " ")
      .replace(/ {2,}/g, " ");

  function load() {
    // Kept once loaded; a failed load (the network dropped) is tried again on the next search.
    loading = loading || loadIndex().catch((error) => {
      loading = null;
      throw error;
    });
    return loading;
  }

  async function loadIndex() {
    const index = new URL("pagefind/", base);
    // A large site's index is in parts (generator/site/search.py), so a build re-indexes only the
    // part whose stories changed; every part is searched together.
    const [module, parts] = await Promise.all([
      import(new URL("pagefind.js", index).href),
      fetch(new URL("moinext-parts.json", index), { cache: "no-cache" })
        .then((response) => (response.ok ? response.json() : { parts: [] }))
        .then((listed) => listed.parts.filter((part) => /^part-[0-9]+\/$/.test(part))),
    ]);
    // exactDiacritics: Thai vowel and tone marks are letters, not accents to ignore.
    const options = { baseUrl: base.pathname, excerptLength: 26, exactDiacritics: true };
    await module.options(options);
    await module.init();
    await Promise.all(parts.map((part) => module.mergeIndex(new URL(part, index).pathname, options)));
    return module;
  }

  // The filter lists (every office, province, component and category with its count) are only
  // fetched when the reader reaches for a filter, or when the address asks for one.
  function loadFilters() {
    filtersLoaded = filtersLoaded || load().then(async (pf) => {
      const available = await pf.filters();
      const params = new URLSearchParams(location.search);
      for (const select of selects) {
        const values = Object.entries(available[select.dataset.filter] || {})
          .sort(([a], [b]) => a.localeCompare(b, "th"));
        for (const [value, count] of values) {
          const option = document.createElement("option");
          option.value = value;
          option.textContent = `${value} (${count})`;
          select.append(option);
        }
        const wanted = params.get(select.dataset.filter);
        if (wanted) select.value = wanted;
      }
    });
    return filtersLoaded;
  }

  const chosenFilters = () => Object.fromEntries(
    selects.filter((s) => s.value).map((s) => [s.dataset.filter, [s.value]]));

  // --- Matching -------------------------------------------------------------------------------
  // A query is the runs the reader typed between spaces, normalised as the index was
  // (moinext-normalise.js, made from generator/thai/normalise.py) and cut into words by the same
  // ICU rules. Every run must be found, or nothing is shown: a Thai run as its exact words side by
  // side (vowel and tone marks count: ข่าว, ข้าว and ขาว are three words; no prefix stands in for
  // a missing word); an English word with Pagefind's forgiving match (transfer finds transfers).
  const THAI = /[\u0e00-\u0e7f]/;
  const CONSONANTS = /[\u0e01-\u0e2e]/g;
  const segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter("th", { granularity: "word" }) : null;
  const normalise = (text) => (globalThis.moinextNormalise ? globalThis.moinextNormalise(text) : text.normalize("NFC"));

  function runsOf(query) {
    return normalise(query).toLowerCase().replace(/["\u201c\u201d]/g, " ").split(/\s+/).filter(Boolean)
      .map((text) => ({
        text,
        thai: THAI.test(text),
        words: segmenter
          ? Array.from(segmenter.segment(text)).filter((s) => s.isWordLike).map((s) => s.segment)
          : [text],
      }))
      .filter((run) => run.words.length);
  }

  // id -> {result, locations}: the pages a search finds, with where its words are.
  const pagesOf = (found) => new Map((found ? found.results : []).map((r) => [r.id, { result: r, locations: new Set(r.words) }]));
  const loose = async (pf, word, filters) => pagesOf(await pf.search(word, { filters }));

  // Pages with these words side by side, each spelled exactly: a quoted search finds whole words
  // in order, and the index spells Thai marks as letters (moinext-normalise.js), so ขาว, ข่าว and
  // ข้าว are three different words.
  const spell = (word) => (globalThis.moinextIndexSpelling ? globalThis.moinextIndexSpelling(word) : word);
  const unspell = (text) => (globalThis.moinextDisplaySpelling ? globalThis.moinextDisplaySpelling(text) : text);
  const exact = async (pf, words, filters) => pagesOf(await pf.search(`"${words.map(spell).join(" ")}"`, { filters }));

  function intersect(maps) {
    if (!maps.length) return new Map();
    const [first, ...rest] = maps;
    const both = new Map();
    for (const [id, page] of first) {
      if (!rest.every((m) => m.has(id))) continue;
      const locations = new Set(page.locations);
      for (const m of rest) for (const l of m.get(id).locations) locations.add(l);
      both.set(id, { result: page.result, locations });
    }
    return both;
  }

  async function pagesOfRun(pf, run, filters) {
    if (!run.thai && /[a-z]/.test(run.text)) {
      return intersect(await Promise.all(run.words.map((w) => loose(pf, w, filters))));
    }
    const phrase = await exact(pf, run.words, filters);
    // Typed without spaces, a run stands as written. Only when each of its words is a real
    // word (ICU leaves single-consonant pieces of words it does not know, such as a new loanword)
    // may the words stand apart.
    if (phrase.size || run.words.length === 1 || run.words.some((w) => (w.match(CONSONANTS) || []).length < 2)) {
      return phrase;
    }
    return intersect(await Promise.all(run.words.map((w) => exact(pf, [w], filters))));
  }

  // The most relevant first: the whole query as one run of words, then the office whose own name
  // was searched, then Pagefind's score (the title weighs most, then the office's own names, the
  // summary, the body, and least the offices above and synonyms).
  async function ranked(pf, runs, pages, filters) {
    const words = runs.flatMap((run) => run.words);
    const [scored, phrase] = await Promise.all([
      pf.search(words.map(spell).join(" "), { filters }),
      words.length > 1 ? exact(pf, words, filters) : Promise.resolve(new Map()),
    ]);
    const scores = new Map((scored ? scored.results : []).map((r) => [r.id, r]));
    const rank = (id) => {
      const result = scores.get(id);
      const ownOffice = result && (result.matchedMetaFields || []).includes("office_names");
      return (phrase.has(id) ? 1000 : 0) + (ownOffice ? 500 : 0) + (result ? result.score : 0);
    };
    return [...pages.entries()]
      .map(([id, page]) => ({ ...page, rank: rank(id) }))
      .sort((a, b) => b.rank - a.rank);
  }

  async function search() {
    const mine = ++generation;
    const query = input.value.trim();
    const filters = chosenFilters();
    if (!query && !Object.keys(filters).length) {
      meta.textContent = "พิมพ์คำที่ต้องการค้นหา";
      list.replaceChildren();
      root.dataset.shownQuery = "";
      return;
    }
    const pf = await load();
    const runs = runsOf(query);
    let results;
    let missing = [];
    if (!runs.length) {
      const found = await pf.search(null, { filters });
      results = (found ? found.results : []).map((r) => ({ result: r, locations: new Set() }));
    } else {
      const perRun = await Promise.all(runs.map((run) => pagesOfRun(pf, run, filters)));
      missing = runs.filter((run, i) => !perRun[i].size).map((run) => run.text);
      const pages = missing.length ? new Map() : intersect(perRun);
      results = pages.size ? await ranked(pf, runs, pages, filters) : [];
    }
    if (mine !== generation) return; // a newer query has started
    shownResults = results;
    if (results.length) {
      meta.textContent = `พบ ${results.length} เรื่อง`;
    } else if (missing.length) {
      meta.textContent = `ไม่พบ “${missing.join(" ")}” ในเรื่องใด ลองคำอื่น`;
    } else if (runs.length > 1) {
      meta.textContent = "ไม่พบเรื่องที่มีครบทุกคำ ลองคำอื่น หรือใช้คำน้อยลง";
    } else {
      meta.textContent = "ไม่พบเรื่องที่ตรงกับคำค้น ลองคำอื่น";
    }
    await showMore(mine, true);
    // Says which query the list now shows, for tests and tools that wait for the results.
    if (mine === generation) root.dataset.shownQuery = query;
  }

  // --- Excerpts ------------------------------------------------------------------------------
  // From the summary and the body only (never the title or the index-only words: office names,
  // captions, synonyms), around the first matched word, with exactly the matched words marked.
  const EXCERPT_WORDS = 34;
  function excerptOf(data, locations) {
    // Words and what separates them: a plain space is a word break of the index, a no-break space
    // is the story's own space (generator/thai/words.py), kept so sentences stay apart.
    const parts = data.content.split(/(\s+)/);
    const tokens = parts.filter((_, i) => i % 2 === 0);
    const gaps = parts.filter((_, i) => i % 2 === 1);
    const [title, summary, body] = String(data.meta.blocks || "").split(",").map(Number);
    if (!Number.isFinite(body)) return cleanExcerpt(data.excerpt);
    const start = title;
    const end = title + summary + body;
    const inText = [...locations].filter((l) => l >= start && l < end).sort((a, b) => a - b);
    const from = inText.length ? Math.max(start, inText[0] - 8) : start;
    const to = Math.min(end, from + EXCERPT_WORDS);
    const shown = [];
    for (let at = from; at < to; at++) {
      let word = tokens[at] || "";
      // Pagefind ends a heading or paragraph with "."; Thai writes no full stop there.
      if (at === title + summary - 1 || at === end - 1) word = word.replace(/\.$/, "");
      word = escape(word);
      shown.push(locations.has(at) ? `<mark>${word}</mark>` : word);
      const apart = (gaps[at] || " ").includes("\u00a0") || at === title + summary - 1; // summary | body
      if (at + 1 < to) shown.push(apart ? "\u00a0" : " ");
    }
    return `${from > start ? "… " : ""}${cleanExcerpt(shown.join(""))}${to < end ? " …" : ""}`;
  }

  // The next page of results; with `fresh`, the first page, replacing the previous list only once
  // it is ready (the list never stands empty while a new search loads).
  async function showMore(mine = generation, fresh = false) {
    const start = fresh ? 0 : list.querySelectorAll(".md-search-result__item").length;
    const shown = shownResults.slice(start, start + PAGE);
    const page = await Promise.all(shown.map((r) => r.result.data()));
    if (mine !== generation) return;
    if (fresh) list.replaceChildren();
    list.querySelector(".moi-more")?.remove();
    list.append(...page.map((data, i) => render(data, shown[i].locations)));
    if (start + PAGE < shownResults.length) {
      const more = document.createElement("li");
      more.className = "moi-more";
      more.innerHTML = `<button type="button" class="md-button">แสดงเพิ่ม (${shownResults.length - start - PAGE})</button>`;
      more.querySelector("button").addEventListener("click", () => showMore());
      list.append(more);
    }
  }

  function render(data, locations) {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const image = data.meta.image ? new URL(data.meta.image, new URL(data.url, location.href)).href : null;
    item.innerHTML = `<a href="${escape(data.url)}" class="md-search-result__link" tabindex="-1">
      <article class="md-search-result__article md-typeset moi-result">
        ${image ? `<img class="moi-result__thumb" src="${escape(image)}" alt="" width="96" height="72" loading="lazy">` : ""}
        <div><h1>${escape(data.meta.title || data.url)}</h1>
        <p class="moi-result__meta">${escape(data.meta.office || "")} · ${escape(data.meta.date || "")}${data.meta.rer ? ` · ${escape(data.meta.rer)}` : ""}</p>
        <p>${locations.size ? excerptOf(data, locations) : cleanExcerpt(data.excerpt)}</p></div>
      </article></a>`;
    return item;
  }

  let timer = 0;
  const soon = () => { clearTimeout(timer); timer = setTimeout(search, 120); };
  const open = () => { toggle.checked = true; };
  input.addEventListener("input", soon);
  input.addEventListener("focus", () => { open(); load(); });
  selects.forEach((s) => {
    s.addEventListener("change", search);
    s.addEventListener("focus", loadFilters);
    s.addEventListener("pointerdown", loadFilters);
  });
  form.addEventListener("reset", () => setTimeout(search, 0));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  toggle.addEventListener("change", () => { if (toggle.checked) input.focus(); });

  document.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    const typing = event.target instanceof HTMLElement &&
      (event.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName));
    if (!toggle.checked) {
      if (!typing && ["/", "s", "f"].includes(event.key)) {
        event.preventDefault();
        open();
        input.focus();
        input.select();
      }
      return;
    }
    if (event.key === "Escape") {
      toggle.checked = false;
      input.blur();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const links = [input, ...list.querySelectorAll("a")];
      const at = links.indexOf(document.activeElement);
      links[(Math.max(at, 0) + links.length + (event.key === "ArrowUp" ? -1 : 1)) % links.length].focus();
      event.preventDefault();
    }
  });

  const params = new URLSearchParams(location.search);
  const wantsFilter = selects.some((s) => params.get(s.dataset.filter));
  if (params.has("q") || wantsFilter) {
    input.value = params.get("q") || "";
    open();
    (wantsFilter ? loadFilters() : load()).then(search);
  }
})();
