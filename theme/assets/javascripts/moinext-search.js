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
  let pagefind = null;
  let filtersLoaded = null;
  let generation = 0;
  let shownResults = [];

  const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  // The index text (generator/thai/words.py) separates Thai words with spaces, keeps the story's own
  // spaces as no-break spaces, and follows each compound with its parts between invisible
  // markers. Excerpts are shown as the story wrote them: the compound alone, highlighted when one
  // of its parts matched, and no spaces inside Thai runs.
  const THAI_BEFORE_SPACE = /([\u0e00-\u0e7f](?:<\/mark>)?) +(?=(?:<mark>)?[\u0e00-\u0e7f])/g;
  const cleanExcerpt = (excerpt) =>
    excerpt
      .replace(/\u2062 ?([^\u2063]*?) ?\u2063([^\u2064]*)\u2064/g, (all, word, parts) =>
        parts.includes("<mark>") && !word.includes("<mark>") ? `<mark>${word}</mark>` : word)
      .replace(/[\u2062-\u2064]/g, "")
      .replace(THAI_BEFORE_SPACE, "$1")
      .replace(/\u00a0|&nbsp;/g, " ")
      .replace(/ {2,}/g, " ");

  async function load() {
    if (pagefind) return pagefind;
    pagefind = await import(new URL("pagefind/pagefind.js", base).href);
    await pagefind.options({ baseUrl: base.pathname, excerptLength: 26 });
    await pagefind.init();
    return pagefind;
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
    const term = query || null;
    const found = await pf.search(term, { filters });
    const results = found ? found.results : [];
    if (mine !== generation) return; // a newer query has started
    shownResults = results;
    list.replaceChildren();
    meta.textContent = results.length ? `พบ ${results.length} เรื่อง` : "ไม่พบเรื่องที่ตรงกับคำค้น";
    await showMore(mine);
    // Says which query the list now shows, for tests and tools that wait for the results.
    if (mine === generation) root.dataset.shownQuery = query;
  }

  async function showMore(mine = generation) {
    list.querySelector(".moi-more")?.remove();
    const start = list.querySelectorAll(".md-search-result__item").length;
    const page = await Promise.all(shownResults.slice(start, start + PAGE).map((r) => r.data()));
    if (mine !== generation) return;
    list.append(...page.map(render));
    if (start + PAGE < shownResults.length) {
      const more = document.createElement("li");
      more.className = "moi-more";
      more.innerHTML = `<button type="button" class="md-button">แสดงเพิ่ม (${shownResults.length - start - PAGE})</button>`;
      more.querySelector("button").addEventListener("click", () => showMore());
      list.append(more);
    }
  }

  function render(data) {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const image = data.meta.image ? new URL(data.meta.image, new URL(data.url, location.href)).href : null;
    item.innerHTML = `<a href="${escape(data.url)}" class="md-search-result__link" tabindex="-1">
      <article class="md-search-result__article md-typeset moi-result">
        ${image ? `<img class="moi-result__thumb" src="${escape(image)}" alt="" width="96" height="72" loading="lazy">` : ""}
        <div><h1>${escape(data.meta.title || data.url)}</h1>
        <p class="moi-result__meta">${escape(data.meta.office || "")} · ${escape(data.meta.date || "")}${data.meta.rer ? ` · ${escape(data.meta.rer)}` : ""}</p>
        <p>${cleanExcerpt(data.excerpt)}</p></div>
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
