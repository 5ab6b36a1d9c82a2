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
  // A mark of punctuation is a word of its own in the index (จ . นราธิวาส): the story wrote no space
  // there, or a no-break space stands for it.
  const cleanExcerpt = (excerpt) =>
    unspell(excerpt)
      .replace(THAI_BEFORE_SPACE, "$1")
      .replace(/ +(?=[.,\-\u2013:;!?)\]%\u201d])/g, "")
      .replace(/([.\-\u2013(\[\u201c]) +/g, "$1")
      .replace(/\u2063/g, "")
      .replace(/<\/mark><mark>/g, "") // one word ICU cut in two is marked once
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
    // exactDiacritics: Thai vowel and tone marks are letters, not accents to ignore. Metadata is
    // for showing a result, not for finding it: every field weighs 0 (generator/site/search/
    // document.py writes the words a story is found by, with their weights, in its text).
    const metaWeights = Object.fromEntries(
      ["title", "office", "date", "rer", "office_names", "blocks", "image", "image_alt"].map((f) => [f, 0]));
    const options = { baseUrl: base.pathname, excerptLength: 26, exactDiacritics: true, ranking: { metaWeights } };
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
  // (moinext-normalise.js, made from generator/thai/normalise.py: one spelling, common misspellings
  // corrected) and cut into words by the same ICU rules. Punctuation inside a name (จ.ขอนแก่น,
  // สุไหงโก-ลก) separates words, as the index does. Every run must be found, or nothing is shown:
  // - a Thai run as its exact words side by side (vowel and tone marks count: ข่าว, ข้าว and ขาว
  //   are three words) or, failing that, as each of its words somewhere in the same story;
  // - the last word of the query may still be being typed: it matches the words it begins;
  // - question words and particles (moinextQueryWords.optional: ไหม, อย่างไร, ได้, ที่ ...) may be
  //   missing from a story, as no story asks the reader's question;
  // - a Latin word with Pagefind's forgiving match (transfer finds transfers).
  // Only words a story shows count: metadata (photo file names, dates) weighs 0 and is not a match.
  const THAI = /[\u0e00-\u0e7f]/;
  // Marks that separate words; a full stop or hyphen only beside a Thai letter (PM2.5 is one word).
  const PUNCTUATION = /[/·,:;!?()[\]{}'"\u201c\u201d\u2018\u2019\u2014]+|(?<=[\u0e00-\u0e7f])[.\-\u2013]+|[.\-\u2013]+(?=[\u0e00-\u0e7f])/g;
  // A year written short after ปี or พ.ศ. (ปี 68) is the Buddhist Era's 2568.
  const YEAR_WORD = /(?:ปี|พ\.?ศ\.?)$/;
  const segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter("th", { granularity: "word" }) : null;
  const normalise = (text) => (globalThis.moinextNormalise ? globalThis.moinextNormalise(text) : text.normalize("NFC"));
  const queryWords = globalThis.moinextQueryWords || { optional: [] };
  const OPTIONAL = new Set(queryWords.optional);
  // A piece of one letter is what ICU leaves of a word it does not know: it never stands alone.
  const isPiece = (word) => THAI.test(word) && Array.from(word.replace(/[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/g, "")).length < 2;

  function runsOf(query) {
    const typing = !/\s$/.test(query); // the last word may be unfinished
    const runs = normalise(query).toLowerCase().split(/\s+/).filter(Boolean)
      .map((text) => {
        const pieces = text.replace(PUNCTUATION, " ").split(" ").filter(Boolean);
        const words = pieces.flatMap((piece) => segmenter
          ? Array.from(segmenter.segment(piece)).filter((s) => s.isWordLike).map((s) => s.segment)
          : [piece]);
        return { text, thai: THAI.test(text), words, typing: false };
      })
      .filter((run) => run.words.length);
    if (runs.length && typing) runs[runs.length - 1].typing = true;
    const yearWords = new Set();
    runs.forEach((run, i) => {
      if (i > 0 && /^[0-9]{2,4}$/.test(run.text) && YEAR_WORD.test(runs[i - 1].text)) {
        if (run.text.length === 2) run.words = [`25${run.text}`];
        yearWords.add(i - 1); // the year says it: ปี need not stand alone in the story (ปีงบประมาณ)
      }
    });
    // Question words are dropped from a run that has other words; a run of nothing else is left
    // out, unless the whole query is such words.
    // The word after กี่ (how many) is its classifier (กี่ลำ, กี่บาท): asked, not written.
    const content = runs.map((run, i) => {
      const optional = run.words.map((w, j) => yearWords.has(i) || OPTIONAL.has(w) || run.words[j - 1] === "กี่");
      return { ...run, optional, required: run.words.filter((_, j) => !optional[j]) };
    });
    return content.some((run) => run.required.length) ? content.filter((run) => run.required.length) : content;
  }

  // id -> {result, locations, score}: the pages a search finds, where its words are, how well.
  // A page found only by its metadata scores 0 (ranking.metaWeights) and is left out.
  const pagesOf = (found) => new Map((found ? found.results : [])
    .filter((r) => r.score > 0)
    .map((r) => [r.id, { result: r, locations: new Set(r.words), score: r.score }]));
  const loose = async (pf, word, filters) => pagesOf(await pf.search(word, { filters }));

  // The index spells Thai words in digits, ended by "x" (moinext-normalise.js), so a quoted
  // search finds whole words in order, and a word without its "x" finds the words it begins.
  const spell = (word) => (globalThis.moinextIndexSpelling ? globalThis.moinextIndexSpelling(word) : word);
  const unspell = (text) => (globalThis.moinextDisplaySpelling ? globalThis.moinextDisplaySpelling(text) : text);
  const exact = async (pf, words, filters) => pagesOf(await pf.search(`"${words.map(spell).join(" ")}"`, { filters }));
  // Pagefind stands in the longest indexed word a term begins with when no word begins with the
  // term: for a Thai word's beginning that is never a Thai word, so whatever it finds then is what a
  // word nothing begins with finds (NOTHING_BEGINS), and is not a match.
  const NOTHING_BEGINS = "qx999999999";
  const nothingBegins = new Map(); // filters -> what Pagefind's stand-in finds (one index, so kept)
  const sameIds = (a, b) => a.size === b.size && [...a.keys()].every((id) => b.has(id));
  const beginning = async (pf, text, filters) => {
    const key = JSON.stringify(filters);
    if (!nothingBegins.has(key)) nothingBegins.set(key, pf.search(NOTHING_BEGINS, { filters }).then(pagesOf));
    const [pages, nothing] = await Promise.all([
      pf.search(spell(text).replace(/x$/, ""), { filters }).then(pagesOf),
      nothingBegins.get(key),
    ]);
    return pages.size && sameIds(pages, nothing) ? new Map() : pages;
  };
  const exactOrBeginning = async (pf, words, filters, typing) => {
    const whole = await exact(pf, words, filters);
    if (whole.size || !typing) return whole;
    // The last word unfinished: the words before it side by side, and a word it begins. ICU may
    // cut an unfinished word into pieces (หมอกคว -> หมอก|ค|ว): the pieces are joined again. The
    // fewest pieces joined that find something win.
    const tails = [1, 2, 3].filter((tail) => tail <= words.length && !isPiece(words.slice(-tail).join("")));
    const found = await Promise.all(tails.map(async (tail) => {
      const before = words.slice(0, -tail);
      const maps = await Promise.all([
        beginning(pf, words.slice(-tail).join(""), filters),
        ...(before.length ? [exact(pf, before, filters)] : []),
      ]);
      return intersect(maps);
    }));
    return found.find((pages) => pages.size) || whole;
  };

  function intersect(maps) {
    if (!maps.length) return new Map();
    const [first, ...rest] = maps;
    const both = new Map();
    for (const [id, page] of first) {
      if (!rest.every((m) => m.has(id))) continue;
      const locations = new Set(page.locations);
      let score = page.score;
      for (const m of rest) {
        for (const l of m.get(id).locations) locations.add(l);
        score += m.get(id).score;
      }
      both.set(id, { result: page.result, locations, score });
    }
    return both;
  }

  // A run's pages: its words side by side; or else each of its words somewhere in the same story
  // (น้ำท่วมหาดใหญ่ finds a story with น้ำท่วม in one place and หาดใหญ่ in another; the stories
  // with the words side by side rank first). A question word may be missing, and a piece of one
  // letter (what ICU leaves of a word it does not know) never stands alone; any other word no story
  // has makes the run missing. Every word is looked up at once: a phone waits for the slowest only.
  async function pagesOfRun(pf, run, filters) {
    if (!run.thai && /[a-z]/.test(run.text)) {
      const words = run.required.length ? run.required : run.words;
      return intersect(await Promise.all(words.map((w) => loose(pf, w, filters))));
    }
    // Side by side: without the question words at either end, nor a piece of one letter before the
    // first word (จ.เชียงใหม่ finds เชียงใหม่ written without จ.); pieces at the end may be a word
    // still being typed.
    let [first, end] = [0, run.words.length];
    while (first < end - 1 && (run.optional[first] || isPiece(run.words[first]))) first++;
    while (end - 1 > first && run.optional[end - 1]) end--;
    const whole = await exactOrBeginning(pf, run.words.slice(first, end), filters, run.typing && end === run.words.length);
    if (whole.size || run.words.length === 1) return whole;
    const last = run.words.length - 1;
    const perWord = await Promise.all(run.words.map((word, i) =>
      run.optional[i] || isPiece(word) ? null : exactOrBeginning(pf, [word], filters, run.typing && i === last)));
    if (perWord.some((pages) => pages && !pages.size)) return new Map();
    const required = perWord.filter(Boolean);
    return required.length ? intersect(required) : null; // null: nothing in the run is required
  }

  // The most relevant first: the whole query as one run of words, then the office whose own name
  // was searched, then Pagefind's scores of the words found (the title weighs most, then the
  // office's own names, the summary, the body, and least the offices above and synonyms).
  async function ranked(pf, runs, pages, filters) {
    const words = runs.flatMap((run) => run.words);
    const required = runs.flatMap((run) => run.required.length ? run.required : run.words).filter((w) => !isPiece(w));
    const [phrase, scored] = await Promise.all([
      words.length > 1 ? exact(pf, words, filters) : Promise.resolve(new Map()),
      pf.search(required.map(spell).join(" "), { filters }).then(pagesOf),
    ]);
    const rank = (id, page) => {
      const result = scored.get(id)?.result || page.result;
      const ownOffice = (result.matchedMetaFields || []).includes("office_names");
      return (phrase.has(id) ? 1000 : 0) + (ownOffice ? 500 : 0) + (scored.get(id)?.score ?? page.score / 2);
    };
    return [...pages.entries()]
      .map(([id, page]) => ({ ...page, rank: rank(id, page) }))
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
      missing = runs.filter((run, i) => perRun[i] && !perRun[i].size).map((run) => run.text);
      const required = perRun.filter(Boolean);
      const pages = missing.length || !required.length ? new Map() : intersect(required);
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
      const raw = tokens[at] || "";
      let word = raw;
      // Pagefind ends a heading or paragraph with "."; Thai writes no full stop there.
      if (at === title + summary - 1 || at === end - 1) word = word.replace(/\.$/, "");
      word = escape(word.replace(/\u2063/g, ""));
      shown.push(locations.has(at) ? `<mark>${word}</mark>` : word);
      // The story's own space: U+2063 ends the word before it (generator/thai/words.py).
      const apart = /\u2063\.?$/.test(raw) || at === title + summary - 1; // or summary | body
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

  // A title's words that a line must not break inside come marked (generator/thai/words.py,
  // mark_words_kept_whole): after escaping, each becomes the span the site's own cards use.
  const keepWhole = (escaped) =>
    escaped.replace(/\uE000([^\uE000\uE001]*)\uE001/g, '<span class="moi-w">$1</span>').replace(/[\uE000\uE001]/g, "");

  function render(data, locations) {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const image = data.meta.image ? new URL(data.meta.image, new URL(data.url, location.href)).href : null;
    item.innerHTML = `<a href="${escape(data.url)}" class="md-search-result__link" tabindex="-1">
      <article class="md-search-result__article md-typeset moi-result">
        ${image ? `<img class="moi-result__thumb" src="${escape(image)}" alt="" width="96" height="72" loading="lazy">` : ""}
        <div><h1>${keepWhole(escape(data.meta.title || data.url))}</h1>
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
