/* moinext search: moinext's own index (generator/site/search/engine.py) behind Material's header
 * search box.
 *
 * Nothing is downloaded until the reader opens the search; then only the files of the index and
 * the results a query needs. A Thai query is cut into words with the browser's Intl.Segmenter
 * (ICU), the same engine that cut the stories at build time (generator/thai/words.py). Opening any page with ?q=… (and ?office=, ?province=, ?rer=, ?pmqa=)
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
  let loading = null; // the index, once its parts are known
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

  // --- The index (generator/site/search/engine.py writes it; its docstring is the format) -----
  // A query with its filters, as the answers kept for it are named.
  const queryKey = (query, filters) => `${JSON.stringify(filters)}\u0000${query}`;
  // Every file is fetched once and kept; none is fetched before a query needs it.
  const fetched = new Map();
  const json = (url) => {
    if (!fetched.has(url)) {
      fetched.set(url, fetch(url).then((response) => {
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        return response.json();
      }).catch((error) => {
        fetched.delete(url);
        throw error;
      }));
    }
    return fetched.get(url);
  };
  const fnv1a = (text) => {
    let hash = 2166136261;
    for (const char of text) hash = Math.imul(hash ^ char.codePointAt(0), 16777619) >>> 0;
    return hash;
  };
  const wordOf = (token) => token.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  // A word's group: its first two letters (a Thai letter is "qx" and three digits when spelled).
  const keyLength = (word) => (word.startsWith("qx") ? 8 : 2);
  const wordKey = (word) => Array.from(word).slice(0, keyLength(word)).join("");
  // A word's beginning finds at most this many words (the most frequent): a phone fetches each.
  const MOST_WORDS = 40;
  // A Latin word is found with its endings (offices finds office, transfer finds transfers).
  const stem = (word) => /^[a-z]{5,}$/.test(word) ? word.replace(/(?<=[a-z]{3})(?:ing|ed|es|s)$/, "")
    : /^[a-z]{3}s$/.test(word) && !word.endsWith("ss") ? word.slice(0, 3) : word; // dogs: dog
  const inflected = (stemmed, word) => word.startsWith(stemmed) && /^(?:e|s|es|ed|d|ing)?$/.test(word.slice(stemmed.length));

  class Part {
    constructor(url, manifest, number) {
      Object.assign(this, { url, manifest, number, decoded: new Map() });
    }
    file(name) {
      return json(new URL(name, this.url).href);
    }
    // The file that holds word's group (the words that begin with its first two letters), with
    // the other groups its hash shares.
    bucket(word) {
      return this.file(`t/${fnv1a(wordKey(word)) % this.manifest.terms}.json`);
    }
    // [word, documents, postings or the number of their file] of the word, or of every word it
    // begins when `beginning` (as far as its group holds them: a beginning shorter than a group's
    // key finds only the word itself).
    async words(word, beginning) {
      const bucket = await this.bucket(word);
      if (!beginning || Array.from(word).length < keyLength(word)) {
        return bucket[word] ? [[word, ...bucket[word]]] : [];
      }
      return Object.entries(bucket).filter(([w]) => w.startsWith(word)).map(([w, entry]) => [w, ...entry]);
    }
    // Every word of word's group, as words() gives them.
    async group(word) {
      const key = wordKey(word);
      return Object.entries(await this.bucket(word)).filter(([w]) => wordKey(w) === key).map(([w, entry]) => [w, ...entry]);
    }
    async pair(first, second) {
      const pair = `${first} ${second}`;
      const bucket = await this.file(`b/${fnv1a(pair) % this.manifest.pairs}.json`);
      return bucket[pair] ? [pair, ...bucket[pair]] : null;
    }
    // {docs, impact}: the word's documents, and its impact by document number (0: not there),
    // decoded once per word (a query asks for a word in several ways).
    async postings([word, , held]) {
      if (!this.decoded.has(word)) {
        const flat = Array.isArray(held) ? held : await this.file(`p/${encodeURIComponent(held)}.json`);
        const docs = new Int32Array(flat.length / 2);
        const impact = new Uint16Array(this.manifest.slots);
        for (let i = 0, doc = -1; i < flat.length; i += 2) {
          doc += flat[i];
          docs[i / 2] = doc;
          impact[doc] = flat[i + 1];
        }
        if (this.decoded.size > 300) this.decoded.clear(); // a long visit: memory stays bounded
        this.decoded.set(word, { docs, impact });
      }
      return this.decoded.get(word);
    }
    // The documents the filters allow (null: no filter), and every document newest first.
    async allowed(filters) {
      const names = Object.keys(filters);
      if (!names.length) return { allowed: null, newest: [] };
      const listed = await this.file("filters.json");
      let allowed = null;
      for (const name of names) {
        const these = new Set();
        for (const value of filters[name]) {
          let doc = -1;
          for (const gap of (listed.filters[name] || {})[value] || []) these.add(doc += gap);
        }
        allowed = allowed ? new Set([...allowed].filter((d) => these.has(d))) : these;
      }
      return { allowed, newest: listed.newest };
    }
  }

  // One story a search found: its score and what it matched, its result file fetched on demand.
  class Found {
    constructor(part, doc, score, hits, office) {
      this.part = part;
      this.doc = doc;
      this.id = part.number * 0x1000000 + doc;
      this.score = score;
      this.age = 0;
      this.hits = hits; // [term, impact, weight, term, impact, weight, …]
      this.office = office;
    }
    get matchedMetaFields() {
      return this.office ? ["office_names"] : [];
    }
    // The index's words that matched (a pair's two words).
    get words() {
      const words = [];
      for (let i = 0; i < this.hits.length; i += 3) words.push(...this.hits[i].split(" "));
      return words;
    }
    data() {
      return this.part.file(`f/${this.doc}.json`);
    }
    // As a page of the matching below: a page one search found (pagesOf, intersect).
    get result() {
      return this;
    }
    get found() {
      return [this];
    }
  }

  // What a search found, as a map of id -> Found (the pages of the matching below). A Found is
  // made only when asked for: an answer may hold every story, and the ranking asks for a few.
  class Answer {
    constructor(perPart, idf) {
      this.perPart = perPart; // [{part, allowed, found: {docs}}], by part number
      this.idf = idf;
      this.made = new Map();
      this.size = 0;
      for (const { allowed, found } of perPart) {
        for (const doc of found.docs.keys()) if (!allowed || allowed.has(doc)) this.size++;
      }
    }
    hits(id) {
      const { allowed, found } = this.perPart[Math.floor(id / 0x1000000)] || {};
      const doc = id % 0x1000000;
      return found && (!allowed || allowed.has(doc)) ? found.docs.get(doc) : undefined;
    }
    has(id) {
      return this.hits(id) !== undefined;
    }
    get(id) {
      if (!this.made.has(id)) {
        const hits = this.hits(id);
        if (!hits) return undefined;
        let score = 0;
        let office = true; // the office's own name was searched when every word found is in it
        for (let i = 0; i < hits.length; i += 3) {
          score += hits[i + 2] * (hits[i + 1] >> 1) / 100 * this.idf.get(hits[i]);
          office = office && (hits[i + 1] & 1) === 1;
        }
        const { part } = this.perPart[Math.floor(id / 0x1000000)];
        this.made.set(id, new Found(part, id % 0x1000000, score, hits, office));
      }
      return this.made.get(id);
    }
    *keys() {
      for (const { part, allowed, found } of this.perPart) {
        for (const doc of found.docs.keys()) if (!allowed || allowed.has(doc)) yield part.number * 0x1000000 + doc;
      }
    }
    *entries() {
      for (const id of this.keys()) yield [id, this.get(id)];
    }
    [Symbol.iterator]() {
      return this.entries();
    }
    get results() {
      return Array.from(this.entries(), ([, found]) => found);
    }
  }

  class Index {
    constructor(parts) {
      this.parts = parts;
      this.docs = parts.reduce((n, part) => n + part.manifest.docs, 0);
      this.asked = new Map(); // a query's answer, kept: the search asks some more than once
    }
    idf(documents) {
      return Math.log(1 + (this.docs - documents + 0.5) / (documents + 0.5));
    }
    // A search, as the search below asks it: null (every story the filters allow, newest first),
    // "\"w1 w2 …\"" (the words side by side: by their pairs), or "w1 w2 …" (every word, or a word it
    // begins; Latin words with their endings). {results: [Found]}, the best first.
    search(query, { filters = {} } = {}) {
      // One whole Thai word quoted or not is the same search (a spelled word ends with its "x").
      if (/^"qx[0-9]+x"$/.test(query)) query = query.slice(1, -1);
      const key = queryKey(query, filters);
      if (!this.asked.has(key)) {
        if (this.asked.size > 500) this.asked.clear();
        this.asked.set(key, this.answer(query, filters).catch((error) => {
          this.asked.delete(key);
          throw error;
        }));
      }
      return this.asked.get(key);
    }
    async answer(query, filters) {
      const perPart = await Promise.all(this.parts.map(async (part) => {
        const [{ allowed, newest }, found] = await Promise.all([
          part.allowed(filters),
          query === null ? null : this.find(part, query),
        ]);
        return { part, allowed, newest, found };
      }));
      const documents = new Map(); // term -> documents in every part
      for (const { found } of perPart) {
        for (const [term, count] of found ? found.terms : []) documents.set(term, (documents.get(term) || 0) + count);
      }
      const idf = new Map([...documents].map(([term, count]) => [term, this.idf(count)]));
      if (query !== null) return new Answer(perPart, idf);
      // No query: every story the filters allow, newest first across the parts (each part's
      // stories by their place in its own order).
      const results = [];
      for (const { part, allowed, newest } of perPart) {
        newest.forEach((doc, at) => {
          if (!allowed.has(doc)) return;
          const result = new Found(part, doc, 0, [], false);
          result.age = at / newest.length;
          results.push(result);
        });
      }
      return { results: results.sort((a, b) => a.age - b.age) };
    }
    // In one part: the documents that have every word of the query, each with what it matched
    // (Found.hits), and the terms looked up with their documents in this part.
    async find(part, query) {
      const quoted = /^".*"$/.test(query);
      const words = query.replace(/^"|"$/g, "").split(/\s+/).map(wordOf).filter(Boolean);
      if (!words.length) return { docs: new Map(), terms: [] };
      // Each group: the entries any of which a document must have.
      let groups;
      if (quoted && words.length > 1) {
        const pairs = await Promise.all(words.slice(1).map((w, i) => part.pair(words[i], w)));
        groups = pairs.map((entry) => (entry ? [[entry, 1]] : []));
      } else {
        groups = await Promise.all(words.map(async (word) => {
          // Quoted: the word whole, or with an ending of its stem's (closed: close, closes).
          const looked = stem(word);
          const entries = (await part.words(looked, true))
            .filter(([w]) => !quoted || w === word || inflected(looked, w))
            .sort((a, b) => b[1] - a[1]).slice(0, MOST_WORDS);
          return entries.map((entry) => [entry, entry[0] === word ? 1 : 0.8]);
        }));
      }
      const terms = groups.flat().map(([entry]) => [entry[0], entry[1]]);
      if (groups.some((group) => !group.length)) return { docs: new Map(), terms };
      const lists = await Promise.all(groups.map((group) =>
        Promise.all(group.map(async ([entry, weight]) => [entry[0], weight, await part.postings(entry)]))));
      // The rarest group first: the candidates only shrink.
      lists.sort((a, b) => a.reduce((n, [, , p]) => n + p.docs.length, 0) - b.reduce((n, [, , p]) => n + p.docs.length, 0));
      // The rarest group's documents are the candidates; each other group keeps those it has (a
      // candidate's hits are extended in place: the map before is dropped).
      const [first, ...rest] = lists;
      let docs = new Map();
      for (const [term, weight, postings] of first) {
        for (const doc of postings.docs) {
          const impact = postings.impact[doc];
          const hits = docs.get(doc);
          if (hits) hits.push(term, impact, weight);
          else docs.set(doc, [term, impact, weight]);
        }
      }
      for (const group of rest) {
        const next = new Map();
        for (const [doc, hits] of docs) {
          let has = false;
          for (const [term, weight, postings] of group) {
            const impact = postings.impact[doc];
            if (!impact) continue; // (an impact is at least 2)
            hits.push(term, impact, weight);
            has = true;
          }
          if (has) next.set(doc, hits);
        }
        docs = next;
      }
      return { docs, terms };
    }
    async filters() {
      const counts = {};
      for (const part of this.parts) {
        const listed = await part.file("filters.json");
        for (const [name, values] of Object.entries(listed.filters)) {
          counts[name] = counts[name] || {};
          for (const [value, ids] of Object.entries(values)) counts[name][value] = (counts[name][value] || 0) + ids.length;
        }
      }
      return counts;
    }
  }

  async function loadIndex() {
    const index = new URL("search/", base);
    // The index is in parts (generator/site/search/parts.py), so a build re-indexes only the parts
    // whose stories changed; every part is searched together.
    const response = await fetch(new URL("parts.json", index), { cache: "no-cache" });
    const listed = response.ok ? await response.json() : { parts: [] };
    const folders = listed.parts.filter((part) => /^[0-9]+\/$/.test(part));
    const parts = await Promise.all(folders.map(async (folder, number) => {
      const url = new URL(folder, index);
      return new Part(url, await json(new URL("index.json", url).href), number);
    }));
    return new Index(parts);
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
  //   missing from a story, as no story asks the reader's question; so may the verbs of asking
  //   in a run that asks (moinextQueryWords.asking: ทำ, แก้ with อย่างไร; เสร็จ, ใช้เวลา with กี่);
  // - a Latin word with its endings (transfer finds transfers).
  // Only words a story shows count: metadata (photo file names, dates) weighs 0 and is not a match.
  const THAI = /[\u0e00-\u0e7f]/;
  const THAI_CONSONANT = /[\u0e01-\u0e2e]/;
  // Marks that separate words; a full stop or hyphen only beside a Thai letter (PM2.5 is one word),
  // a comma only where it is not in a number (8,420 is one word, as the index keeps it).
  const PUNCTUATION = /[/·:;!?()[\]{}'"\u201c\u201d\u2018\u2019\u2014]+|,(?!(?<=[0-9],)[0-9])|(?<=[\u0e00-\u0e7f])[.\-\u2013]+|[.\-\u2013]+(?=[\u0e00-\u0e7f])/g;
  // A year written short after ปี or พ.ศ. (ปี 68) is the Buddhist Era's 2568.
  const YEAR_WORD = /(?:ปี|พ\.?ศ\.?)$/;
  const segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter("th", { granularity: "word" }) : null;
  const graphemes = segmenter ? new Intl.Segmenter("th", { granularity: "grapheme" }) : null;
  const normalise = (text) => (globalThis.moinextNormalise ? globalThis.moinextNormalise(text) : text.normalize("NFC"));
  const queryWords = globalThis.moinextQueryWords || { optional: [] };
  const OPTIONAL = new Set(queryWords.optional);
  const OPTIONAL_LETTERS = [...OPTIONAL].map((word) => Array.from(word));
  // [asking words, words optional in a run that has one of them]
  const ASKING = (queryWords.asking || []).map(([asks, asked]) => [new Set(asks), new Set(asked)]);
  // One consonant alone: an abbreviation's letter (จ. อ. ต.), or a piece.
  const isLetter = (word) => /^[\u0e01-\u0e2e]$/.test(word);
  // A piece of one letter is what ICU leaves of a word it does not know: it never stands alone.
  const isPiece = (word) => THAI.test(word) && Array.from(word.replace(/[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/g, "")).length < 2;

  // cut: the words of each run, where they are known already (a query read against the index's
  // words, mendedQuery); else ICU cuts them.
  function cutRuns(query, cut = null) {
    const typing = !/\s$/.test(query); // the last word may be unfinished
    const runs = normalise(query).toLowerCase().split(/\s+/).filter(Boolean)
      .map((text, i) => {
        const pieces = text.replace(PUNCTUATION, " ").split(" ").filter(Boolean);
        const words = cut?.[i] || pieces.flatMap((piece) => segmenter
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
      const asked = ASKING.filter(([asks]) => run.words.some((w) => asks.has(w))).map(([, verbs]) => verbs);
      const optional = run.words.map((w, j) =>
        yearWords.has(i) || OPTIONAL.has(w) || run.words[j - 1] === "กี่" || asked.some((verbs) => verbs.has(w)));
      return { ...run, optional, required: run.words.filter((_, j) => !optional[j]) };
    });
    const kept = content.some((run) => run.required.length) ? content.filter((run) => run.required.length) : content;
    kept.typed = content; // every run as typed, for joinedRun
    return kept;
  }

  // id -> {result, found, score}: the pages a search finds, the searches' answers that found them
  // (their words are marked in the excerpt: matchedWords), how well. Made once per answer (the
  // index keeps its answers); a Found is such a page itself.
  const pagesOf = (answer) => {
    if (answer instanceof Answer) return answer; // a map of its pages already
    answer.pages = answer.pages || new Map(answer.results.map((r) => [r.id, r]));
    return answer.pages;
  };
  const matchedWords = (page) => new Set(page.found.flatMap((r) => r.words));
  const loose = async (pf, word, filters) => pagesOf(await pf.search(word, { filters }));

  // The index spells Thai words in digits, ended by "x" (moinext-normalise.js), so a quoted
  // search finds whole words in order, and a word without its "x" finds the words it begins.
  const spell = (word) => (globalThis.moinextIndexSpelling ? globalThis.moinextIndexSpelling(word) : word);
  const unspell = (text) => (globalThis.moinextDisplaySpelling ? globalThis.moinextDisplaySpelling(text) : text);
  const exact = async (pf, words, filters) => pagesOf(await pf.search(`"${words.map(spell).join(" ")}"`, { filters }));
  const exactWord = (pf, word, filters) => exact(pf, [word], filters);
  const beginning = async (pf, text, filters) => pagesOf(await pf.search(spell(text).replace(/x$/, ""), { filters }));
  const exactOrBeginning = async (pf, words, filters, typing) => {
    const whole = await exact(pf, words, filters);
    if (whole.size || !typing) return whole;
    // The last word unfinished: the words before it side by side, and a word it begins. ICU may
    // cut an unfinished word into pieces (หมอกคว -> หมอก|ค|ว): the pieces are joined again. The
    // most pieces joined that find something win: letters that begin a word across ICU's cut
    // (ลูกเห็ -> ลูก|เห็, the index's ลูกเห็บ) were typed as one word, and the last piece alone
    // begins some other word beside the one before far more often (เห็น beside ลูก, which a
    // story about children has as a synonym of เด็ก).
    const tails = [3, 2, 1].filter((tail) => tail <= words.length && !isPiece(words.slice(-tail).join("")));
    const found = await Promise.all(tails.map(async (tail) => {
      const before = words.slice(0, -tail);
      const maps = await Promise.all([
        beginning(pf, words.slice(-tail).join(""), filters),
        ...(before.length ? [exact(pf, before, filters)] : []),
      ]);
      return intersect(maps);
    }));
    const some = found.find((pages) => pages.size);
    const last = words[words.length - 1];
    if (some || !graphemes || !THAI.test(last)) return some || whole;
    // The last letters typed may begin a word that ICU glued to the ones before, or cut the word
    // before differently (ผักตบช -> ผัก|ตบช, หมู่บ้านสีข -> หมู่|บ้าน|สีข, ทะเลสาบสงข -> ทะเล|สาบ|สงข,
    // ทุเรียนอ่ -> ทุ|เรียน|อ่; the index has ผัก|ตบ|ชวา, หมู่บ้าน|สี|ขาว, ทะเลสาบ|สงขลา): when the
    // tails above find nothing, the words typed before the last one to four letters, cut again,
    // side by side, and a word those letters begin (fewer than three letters are left out: ผักตบช,
    // ทุเรียนอ่). The fewest letters that find something win.
    const letters = Array.from(graphemes.segment(words.join("")), (g) => g.segment);
    const tries = await Promise.all([1, 2, 3, 4].filter((tail) => tail < letters.length).map(async (tail) => {
      const before = Array.from(segmenter.segment(letters.slice(0, -tail).join("")))
        .filter((s) => s.isWordLike).map((s) => s.segment);
      const typed = letters.slice(-tail).join("");
      // Cut as the tails above cut it (the same words before, the same word begun): tried already.
      const same = before.length < words.length && before.every((w, i) => w === words[i]) &&
        words.slice(before.length).join("") === typed;
      if (!before.length || same) return new Map();
      const [side, begun] = await Promise.all([
        exact(pf, before, filters),
        // Letters too few to begin a word of their own (อ่, ให): left out. The words they begin are
        // many (ให begins ให้, ใหญ่, ใหม่…), and fetching each one's stories cost a phone 80 KB.
        Array.from(typed).length < 3 ? null : beginning(pf, typed, filters),
      ]);
      return begun ? intersect([side, begun]) : side;
    }));
    return tries.find((pages) => pages.size) || whole;
  };

  // One page that several searches found: what each found, and their scores summed.
  const together = (pages) => ({
    result: pages[0].result,
    found: pages.flatMap((page) => page.found),
    score: pages.reduce((sum, page) => sum + page.score, 0),
    fewer: pages.some((page) => page.fewer), // found without a word of a long question (apart)
  });

  function intersect(maps) {
    if (maps.length < 2) return maps[0] || new Map(); // (no map is ever changed)
    const [first, ...rest] = [...maps].sort((a, b) => a.size - b.size); // the fewest pages first
    const both = new Map();
    for (const [id, page] of first) {
      if (rest.every((m) => m.has(id))) both.set(id, together([page, ...rest.map((m) => m.get(id))]));
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
      // Whole words, but for the one still being typed: a word with a space after it is finished
      // ("Phang Nga" is not the beginnings of Ko Pha-ngan's "phangan" and "ngan").
      const words = run.required.length ? run.required : run.words;
      const last = run.typing ? words[words.length - 1] : null;
      return intersect(await Promise.all(words.map((w) => (w === last ? loose : exactWord)(pf, w, filters))));
    }
    // Side by side: without the question words at either end, nor a letter alone before the first
    // word (จ.เชียงใหม่ finds เชียงใหม่ written without จ.); pieces at the end may be a word still
    // being typed, and a piece with its vowel at the start is one too (สูติบั: ICU cuts สู|ติบั).
    let [first, end] = [0, run.words.length];
    while (first < end - 1 && (run.optional[first] || isLetter(run.words[first]))) first++;
    while (end - 1 > first && run.optional[end - 1]) end--;
    // A question word at the end may be the end of a word (ผ้าไหม is silk, not "cloth?"): the run
    // with it side by side, when a story has that, is what was asked.
    const [withLast, withoutLast] = await Promise.all([
      end < run.words.length ? exact(pf, run.words.slice(first), filters) : null,
      exactOrBeginning(pf, run.words.slice(first, end), filters, run.typing && end === run.words.length),
    ]);
    const whole = withLast?.size ? withLast : withoutLast;
    // ... and then those words are asked for like any other.
    const optional = whole === withLast ? run.optional.map((is, i) => is && i < first) : run.optional;
    // Its words apart too (บัตรประชาชนผู้พิการ finds ผู้พิการ far from บัตรประจำตัวประชาชน), ranked
    // below the pages with them side by side (ranked()). Not looked for when those fill the first
    // page of results: the pages apart would only follow them, and intersecting the pages of
    // common words apart (ผ้า, ไทย) cost a phone 150 to 200 ms at 10,000 stories.
    if (whole.size >= PAGE || run.words.length === 1) return whole;
    const last = run.words.length - 1;
    const looked = run.words.map((word, i) => !optional[i] && !isPiece(word));
    // A piece with its vowel (ซี of ซีเนมา: ICU cuts ซี|เน|มา) is what ICU leaves of a word it does
    // not know: the one word left beside it is another piece of that word, not what was asked (เน
    // alone is a piece of เนเปียร์ in some story). The last word may be a piece still being typed.
    const unknown = run.words.some((word, i) =>
      !optional[i] && isPiece(word) && !isLetter(word) && !(run.typing && i === last));
    if (unknown && looked.filter(Boolean).length === 1) return whole;
    const perWord = await Promise.all(run.words.map((word, i) =>
      looked[i] ? exactOrBeginning(pf, [word], filters, run.typing && i === last) : null));
    // A long question with one word no story has at all (a verb the stories say another way:
    // ช้างป่าบุกไร่แจ้งใคร, where the story says the elephants come out) finds the stories with
    // every other word, marked as found without one (fewer); search() first asks whether the
    // word is a misspelling (mendedAnswer).
    const absent = run.words.filter((word, i) => perWord[i] && !perWord[i].size);
    if (absent.length > 1 || (absent.length && perWord.filter(Boolean).length < LONG)) return whole;
    const required = perWord.filter((pages) => pages?.size);
    if (!required.length) return whole.size ? whole : null; // null: nothing in the run is required
    if (absent.length) {
      const pages = new Map([...intersect(required)].map(([id, page]) => [id, { ...page, fewer: true }]));
      return Object.assign(pages, { apart: true, absent });
    }
    if (!whole.size) return apart(pf, required);
    const pages = union(whole, apart(pf, required));
    pages.sideBySide = whole;
    return pages;
  }

  // The pages with every word of a run somewhere (each word's pages in required), marked as found
  // apart (sideBySideOf). A long question (four words or more) that no story answers whole finds
  // the stories with all but one, when that one is common (in one story in twenty, two at least): the
  // verb a reader asks with (ช้างป่าเข้าไร่ทำอย่างไรดี: the story says the elephants come out,
  // ออกมา, not in, เข้า), never the topic, which is rare (วัคซีนโควิด finds no story with วัคซีน).
  // One that fewer than FEW stories answer whole shows those first and then the stories with all but
  // one of its common words (fewer): หน้าแล้งไม่มีน้ำใช้ finds the story that has every word, and
  // then the one that says มีน้ำใช้หน้าแล้ง without ไม่มี.
  const COMMON = 1 / 20;
  const FEW = 3;
  const LONG = 4; // words a question needs before one of them may be left out
  function apart(pf, required) {
    let pages = intersect(required);
    if (pages.size < FEW && required.length >= LONG) {
      // The most common first: the first answer found keeps the rarest words.
      const common = required.filter((p) => p.size >= Math.max(2, COMMON * pf.docs)).sort((a, b) => b.size - a.size);
      if (!pages.size) {
        for (const left of common) {
          pages = intersect(required.filter((p) => p !== left));
          if (pages.size) break;
        }
      } else {
        pages = new Map(pages);
        for (const left of common) {
          for (const [id, page] of intersect(required.filter((p) => p !== left))) {
            if (!pages.has(id)) pages.set(id, { ...page, fewer: true });
          }
        }
      }
    }
    if (required.length > 1) pages.apart = true; // (a map of its own: intersect() made it)
    return pages;
  }
  // A run's pages that have its words side by side: all of them unless it was found apart.
  const sideBySideOf = (pages) => pages.sideBySide || (pages.apart ? null : pages);

  // The words a query must find: question words and one-letter pieces aside.
  const requiredWords = (runs) =>
    runs.flatMap((run) => run.required.length ? run.required : run.words).filter((w) => !isPiece(w));

  // The two searches ranking needs; asked as soon as the query is known, so that their files
  // are fetched while its runs are matched (the index keeps the answers).
  function rankingSearches(pf, runs, filters) {
    const words = runs.flatMap((run) => run.words);
    return Promise.all([
      words.length > 1 ? exact(pf, words, filters) : Promise.resolve(new Map()),
      pf.search(requiredWords(runs).map(spell).join(" "), { filters }).then(pagesOf),
    ]);
  }

  // The most relevant first: the whole query as one run of words, then the office whose own name
  // was searched, then each run whose words stand side by side (sideBySide: those pages, per run),
  // then the index's scores of the words found (the title weighs most, then the office's own
  // names, the tags, the summary, the body, and least the offices above and synonyms). A page
  // found without a word of a long question (apart: fewer) follows every page found with them all.
  const PHRASE = 1000;
  const FEWER = 10000;
  async function ranked(pf, runs, pages, filters, sideBySide) {
    const [phrase, scored] = await rankingSearches(pf, runs, filters);
    const rank = (id, page) => {
      const result = scored.get(id)?.result || page.result;
      const ownOffice = (result.matchedMetaFields || []).includes("office_names");
      const runsSideBySide = sideBySide.filter((run) => run.has(id)).length;
      return (phrase.has(id) ? PHRASE : 0) + (ownOffice ? 500 : 0) + 200 * runsSideBySide + (scored.get(id)?.score ?? page.score / 2)
        - (page.fewer ? FEWER : 0);
    };
    return [...pages.entries()]
      .map(([id, page]) => ({ result: page.result, found: page.found, score: page.score, rank: rank(id, page), phrase: phrase.has(id) }))
      .sort((a, b) => b.rank - a.rank);
  }

  // What a query finds: {runs, results, missing}. Asked at each key, so that its files (and its
  // first page of results) are fetched and its words matched while the search box waits for the
  // next key; the search then shows the same answer (the last one is kept).
  let lastAnswer = { key: null, answer: null };
  function answerTo(query, filters) {
    const key = queryKey(query, filters);
    if (lastAnswer.key !== key) {
      const answer = find(query, filters);
      lastAnswer = { key, answer };
      // The first page's results too: the list shows them first.
      answer.then(({ results }) => results.slice(0, PAGE).forEach((r) => r.result.data().catch(() => {})), () => {});
      answer.catch(() => { if (lastAnswer.answer === answer) lastAnswer = { key: null, answer: null }; });
    }
    return lastAnswer.answer;
  }

  async function find(query, filters, cut = null) {
    const pf = await load();
    const runs = cutRuns(query, cut);
    if (!runs.length) {
      const found = await pf.search(null, { filters });
      return { runs, results: found.results.map((r) => ({ result: r, found: [] })), missing: [], absent: [] };
    }
    rankingSearches(pf, runs, filters).catch(() => {}); // its errors are ranked()'s
    const joined = joinedRun(runs);
    const [perRun, joinedPages] = await Promise.all([
      Promise.all(runs.map((run) => pagesOfRun(pf, run, filters))),
      joined ? pagesOfRun(pf, joined, filters) : null,
    ]);
    let missing = runs.filter((run, i) => perRun[i] && !perRun[i].size).map((run) => run.text);
    const required = perRun.filter(Boolean);
    let pages = missing.length || !required.length ? new Map() : intersect(required);
    if (joinedPages?.size) {
      pages = union(pages, joinedPages);
      missing = [];
    }
    // The runs found both side by side and apart: their pages side by side. And the runs typed
    // together (ใต้ ดิน as ใต้ดิน): its pages are the query's words side by side.
    const sideBySide = perRun.filter((found) => found?.sideBySide).map((found) => found.sideBySide);
    const joinedSideBySide = joinedPages?.size ? sideBySideOf(joinedPages) : null;
    if (joinedSideBySide?.size) sideBySide.push(joinedSideBySide);
    const absent = pages.size ? perRun.flatMap((found) => found?.absent || []) : [];
    return { runs, results: pages.size ? await ranked(pf, runs, pages, filters, sideBySide) : [], missing, absent };
  }

  // Thai runs typed apart may be one word the index keeps whole (ใต้ ดิน for ใต้ดิน): the runs
  // typed together, when the ICU cuts them into other words than each run alone. Every run typed
  // (cutRuns' runs.typed), a run of question words only too: ทาง (by way of) alone is one, and
  // ทาง ม้า ลาย is ทางม้าลาย, not ม้าลาย (a zebra).
  function joinedRun(runs) {
    const { typed } = runs;
    if (typed.length < 2 || !typed.every((run) => run.thai)) return null;
    const [joined] = cutRuns(typed.map((run) => run.text).join(""));
    const apart = typed.flatMap((run) => run.words).join(" ");
    return joined && joined.words.join(" ") !== apart ? joined : null;
  }

  // The pages of either map; a page in both has what both found.
  function union(a, b) {
    const either = new Map(a);
    for (const [id, page] of b) either.set(id, either.has(id) ? together([either.get(id), page]) : page);
    return either;
  }

  // --- Near spellings ---------------------------------------------------------------------------
  // A query that finds nothing may hold a word misspelt in a way no list foresaw (โฮมเสตย์ for
  // โฮมสเตย์, คลอลีน for คลอรีน, อพยบ for อพยพ, chaing for chiang). ICU cuts a misspelt word into
  // pieces that are no guide to where it begins (ซ้อมอพยบ -> ซ้อ|มอ|พยบ, แอลกอฮอร์ -> แอ|ล|กอ|ฮ|อร์),
  // so a Thai run is read letter by letter against the index's own words: at each place, among the
  // words of the group its next two letters begin (the index keeps them in one file), the word
  // that covers the most letters there, as written or within the slips allowed, is taken, and the
  // reading goes on after it. A Latin word is mended alone. Only when nothing was found: a query
  // that finds something is never changed, and the count line says what was searched instead.
  const NEAR_LETTERS = 5; // letters this many or more may have one slip
  const NEAR_SHORTEST = 3; // from this many, half a slip (and no letter more or fewer)
  const NEAR_SLIPS = 1;
  const MOST_MENDED_LETTERS = 60;
  const UNREAD = 3; // what a letter read as no word costs a reading
  const MOST_OTHERS = 3;
  const NEAR_SHORT = 1; // half a slip: a letter written for one taken for it, a mark left out or added
  const SLIPPED = -1; // (mendedQuery) after a word read with a slip
  // Letters a Thai writer takes for each other: one written for another is half a slip. Those that
  // look or sound alike at a syllable's start, those that sound the same at its end (-t, -p, -k,
  // -n: โฉนต for โฉนด, อพยบ for อพยพ, ลอค for ลอก), and vowels and tone marks that differ by length.
  const CONFUSED = [
    "รล", "ทธฑฒ", "สศษซ", "นณ", "พภ", "ปพ", "ตฏ", "ดฎ", "ขฃ", "คฅ", "ชฌ", "ยญ", "ใไ", "ิี", "ุู", "ัะ", "่้๊๋",
    "ดตทธฎฏฐฑฒจชซศษส", "บปพภฟ", "กขคฆ", "นณญรลฬ",
  ];
  // Those a writer takes for each other at a word's start too (ศึกษา typed สึกษา, เรือ typed
  // เลือ, ภัย typed พัย), which moves the word to another group of the index (wordsAt): each is a
  // file more to fetch at every place read, so not the letters few words begin with (ฑ, ฏ, ฎ, ฃ, ฅ).
  const CONFUSED_AT_START = ["รล", "ทธ", "สศษซ", "นณ", "พภ", "ชฌ", "ยญ", "ใไ"];
  const OTHER_START_BELOW = 3;
  const confused = (a, b) => CONFUSED.some((letters) => letters.includes(a) && letters.includes(b));
  // A mark above or below a letter (a vowel, a tone, the silencer) left out or added, or a key
  // pressed twice (อออก for ออก: a letter the same as the one before it): half a slip.
  const slipOf = (c, before) => (c === before || /[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/.test(c) ? 0.5 : 1);
  const isLeadingVowel = (c) => /[\u0e40-\u0e44]/.test(c);
  const TONE_MARKS = /[\u0e48-\u0e4b]/g;
  const sameButTones = (a, b) => a.replace(TONE_MARKS, "") === b.replace(TONE_MARKS, "");
  // How far apart two spellings are: the fewest slips from one to the other (optimal string
  // alignment: a letter left out, added, written for another, or two side by side swapped; a
  // vowel written before its consonant typed after it, เส for สเ, is half a slip).
  function slips(x, y) {
    if (Math.abs(x.length - y.length) > 2 * NEAR_SLIPS) return Infinity;
    const d = x.map(() => []).concat([[]]);
    for (let i = 0; i <= x.length; i++) {
      for (let j = 0; j <= y.length; j++) {
        if (!i && !j) { d[0][0] = 0; continue; }
        let best = Infinity;
        if (i) best = d[i - 1][j] + slipOf(x[i - 1], x[i - 2]);
        if (j) best = Math.min(best, d[i][j - 1] + slipOf(y[j - 1], y[j - 2]));
        if (i && j) {
          const a = x[i - 1], b = y[j - 1];
          best = Math.min(best, d[i - 1][j - 1] + (a === b ? 0 : confused(a, b) ? 0.5 : 1));
          if (i > 1 && j > 1 && a === y[j - 2] && x[i - 2] === b) {
            best = Math.min(best, d[i - 2][j - 2] + (isLeadingVowel(a) || isLeadingVowel(b) ? 0.5 : 1));
          }
          // Sara am for mai han-akat and mo ma, or the other way round: one sound (สัมปะหลัง for
          // สำปะหลัง, คำภีร์ for คัมภีร์): half a slip.
          if (i > 1 && b === "\u0e33" && x[i - 2] === "\u0e31" && a === "\u0e21") best = Math.min(best, d[i - 2][j - 1] + 0.5);
          if (j > 1 && a === "\u0e33" && y[j - 2] === "\u0e31" && b === "\u0e21") best = Math.min(best, d[i - 1][j - 2] + 0.5);
        }
        // A silent letter and its silencer left out or added (คาบอน for คาร์บอน, ฟอม for ฟอร์ม):
        // nothing heard is missing, half a slip.
        if (i > 1 && x[i - 1] === "\u0e4c" && THAI_CONSONANT.test(x[i - 2])) best = Math.min(best, d[i - 2][j] + 0.5);
        if (j > 1 && y[j - 1] === "\u0e4c" && THAI_CONSONANT.test(y[j - 2])) best = Math.min(best, d[i][j - 2] + 0.5);
        d[i][j] = best;
      }
    }
    return d[x.length][y.length];
  }
  // Whether a stretch of the query may be read as an index word this far from it. `beside`: the
  // letters of the words read as written just before and just after it. A short word is judged
  // with them (อออก for ออก after เลือด in ไข้เลือดอออก): a slip in a phrase of five letters or
  // more is as likely a slip as in a word that long. (A short word that is itself a word, ไข in
  // ไขเลือดออก, is read as written: the reading takes the most letters as written first.)
  const allowed = (stretch, word, far, beside = 0) => stretch.length >= NEAR_LETTERS
    ? far <= NEAR_SLIPS
    : (stretch.length >= NEAR_SHORTEST && stretch.length === word.length && far <= 0.5)
      || (stretch.length >= 2 && stretch.length + beside >= NEAR_LETTERS && far <= NEAR_SLIPS);

  // The index's words (as letters, with their stories) that may begin at letters[at]: the group of
  // its next two letters, and, where a slip moves a word to another group, the group of those two
  // swapped (a vowel written before its consonant) or of the first and the third (a mark added),
  // and of a sara a left out after the first letter (ห้องน้ำสอาด for ห้องน้ำสะอาด, ทเลสาบ for
  // ทะเลสาบ: the word is in the group of สะ, not สอ), and with `otherStart` the groups of a first
  // letter taken for another.
  async function wordsAt(pf, letters, at, otherStart) {
    const [a, b, c] = letters.slice(at, at + 3);
    const heads = new Set([a + (b || "")]);
    if (b && (isLeadingVowel(a) || isLeadingVowel(b))) heads.add(b + a);
    // A mark or a vowel after the letter typed too many (ชาวา for ชวา).
    if (c && /[\u0e30-\u0e3a\u0e47-\u0e4e]/.test(b)) heads.add(a + c);
    // Sara am and mai han-akat with mo ma taken for each other (slips).
    if (b === "\u0e31" && c === "\u0e21") heads.add(a + "\u0e33");
    if (b === "\u0e33") heads.add(a + "\u0e31");
    // The first consonant (after a leading vowel, the second letter) or ใ and ไ written for a
    // letter taken for it.
    const head = [a, b || ""];
    for (const at of !otherStart ? [] : isLeadingVowel(a) && b ? [0, 1] : [0]) {
      for (const letters of CONFUSED_AT_START.filter((set) => set.includes(head[at]))) {
        for (const other of letters) if (other !== head[at]) heads.add(head.map((x, i) => (i === at ? other : x)).join(""));
      }
    }
    if (THAI_CONSONANT.test(a) && b && (THAI_CONSONANT.test(b) || isLeadingVowel(b))) heads.add(a + "\u0e30");
    const groups = await Promise.all(pf.parts.flatMap((part) => [...heads].map((head) => part.group(spell(head)))));
    const documents = new Map();
    for (const [word, count] of groups.flat()) documents.set(word, (documents.get(word) || 0) + count);
    // Not a piece with no consonant (า, ะ): ICU leaves such pieces in the index, and one read
    // as a word would let a reading leave a letter over for free (ผักตบชาว + า for ผักตบชวา).
    return [...documents].map(([word, count]) => ({ letters: Array.from(unspell(word)), count }))
      .filter(({ letters }) => !THAI.test(letters[0]) || letters.some((letter) => THAI_CONSONANT.test(letter)));
  }

  // The index words that may be read at letters[at]: {word, length (letters of the query it
  // covers), far (slips), count (stories)}, each word at each length once. With `whole`, only a word
  // read over all the letters from at (a Latin word is mended alone). With `exact`, no slip at
  // all. `before`: the letters just before at read as written; `after(i)`: those read as written
  // from letters[i] (a short word's slip is judged with them, allowed).
  // A reading is worth the letters it covers, a slip counting as two fewer (เติม as written, not
  // เติมค read as เติม with a letter too many); then the fewest slips, then the most stories.
  const readScore = ({ length, far }) => length - 2 * far;
  const better = (a, b) => !b || readScore(a) > readScore(b)
    || (readScore(a) === readScore(b) && (a.far < b.far || (a.far === b.far && a.count > b.count)));
  async function readsAt(pf, letters, at, { whole = false, exact = false, before = 0, after = async () => 0 } = {}) {
    const byLength = new Map();
    // A first letter taken for another only where no word of OTHER_START_BELOW letters or more
    // reads as written (สึก|ษา, not ซ่อม): each is a file more to fetch.
    const otherStart = !exact && (await after(at)) < OTHER_START_BELOW;
    for (const { letters: word, count } of await wordsAt(pf, letters, at, otherStart)) {
      for (const length of [word.length - 1, word.length, word.length + 1, word.length - 2, word.length + 2]) {
        if (length < 1 || at + length > letters.length || (whole && at + length !== letters.length)) continue;
        const stretch = letters.slice(at, at + length);
        const far = stretch.join("") === word.join("") ? 0 : slips(stretch, word);
        if (far && (exact || (!allowed(stretch, word, far) && !allowed(stretch, word, far, before + (await after(at + length, true)))))) {
          continue;
        }
        const read = { word: word.join(""), length, far, count };
        const key = `${length} ${read.word}`;
        if (better(read, byLength.get(key))) byLength.set(key, read);
      }
    }
    // A word no story needs (อย่างไร, ไหม) reads as written though no story has it (the index
    // may keep อย่าง and ไร่ only: ทำอย่างไร is not ทำ|อย่าง|ไร่ mended).
    for (const word of OPTIONAL_LETTERS) {
      const length = word.length;
      if (at + length > letters.length || (whole && at + length !== letters.length)) continue;
      if (word.some((letter, i) => letters[at + i] !== letter)) continue;
      const key = `${length} ${word.join("")}`;
      if (!byLength.has(key)) byLength.set(key, { word: word.join(""), length, far: 0, count: 0 });
    }
    return [...byLength.values()];
  }
  async function wordReadAt(pf, letters, at, options = {}) {
    return (await readsAt(pf, letters, at, options)).reduce((best, read) => (better(read, best) ? read : best), null);
  }

  // The answer to a query that found nothing (answer) with its misspelt words mended, or null.
  // Asked once the reader pauses (search()), not at every key: a word being typed finds nothing
  // at many keys, and its near spellings would be fetched for nothing.
  // The best reading is asked first, unless it is the query itself (read as written throughout
  // and cut as ICU cut it: ฮาลาน as ฮา|ลาน, where the index keeps ฮาลาล as ฮา|ลาล). Where another word reads a stretch
  // as well or nearly as well (ชาว and ชวา for ชาวา in ผักตบชาวา; ชาน, a letter for one that sounds
  // the same, before ชรา, two letters swapped, for ชาร in คนชาร), the query with it is asked too,
  // the nearest first, when the best finds nothing or finds no story with the query's words side
  // by side (ผักตบชาว finds ผักตบ and ชาวนา apart in a story about a reservoir; ผักตบชวา finds
  // the story about water hyacinth with the words as typed): the first that does is shown, or
  // else the first that finds anything.
  // A query found without a word no story has (absent) is read again only there: that word with
  // the words beside it (a long question read whole fetched 60 to 90 KB more at 10,000 stories).
  async function mendedAnswer(query, filters, { runs, absent = [] }) {
    if (!runs.length) return null;
    const pf = await load();
    let [readRuns, readQuery, whole] = [runs, query, (text) => text];
    const r = absent.length === 1 ? runs.findIndex((run) => run.thai && run.words.includes(absent[0])) : -1;
    if (r >= 0) {
      const words = runs[r].words;
      const i = words.indexOf(absent[0]);
      const [from, to] = [Math.max(0, i - 1), Math.min(words.length, i + 2)];
      readQuery = words.slice(from, to).join("");
      readRuns = cutRuns(readQuery);
      const [before, after] = [words.slice(0, from).join(""), words.slice(to).join("")];
      const texts = (list) => list.map((run) => run.text);
      whole = (text) => [...texts(runs.slice(0, r)), before + text.trim() + after, ...texts(runs.slice(r + 1))].join(" ") + " ";
    }
    // Read only around the absent word, the query is ICU's again but there (its words' cut).
    const mended = async (chosen) => {
      const read = await mendedQuery(pf, readRuns, readQuery, chosen);
      return read && (r < 0 ? read : { ...read, text: whole(read.text), cut: null, recut: false });
    };
    const best = await mended(new Map());
    if (!best) return null;
    // The first result has the query's words side by side (a query of one word: trivially).
    const asTyped = (found) => found.runs.flatMap((run) => run.words).length < 2 || found.results[0]?.phrase;
    let shown = null;
    // Read as written but cut into other words than ICU cut it, the query is asked again with the
    // index's words: ICU's cut depends on the letters around (สั่งการกล้องวงจรปิด -> สั่ง|การก|ล้อ|
    // งวง|จร|ปิด, where the story has สั่งการ and กล้อง; ได้ยินไซเรนสึนามิ -> ได้|ยิน|ไซเรน|สึ|นา|มิ,
    // where it has ได้ยิน and สึนามิ). What was typed is what was found: nothing is said instead.
    // A word read with another tone mark only (ตั๋ว as ตัว, เช่า as เช้า) is most often another word
    // than a slip: the reader who spelt จองตั๋วรถไฟ right, and whose ticket no story has, is not
    // answered with จอง, ตัว and รถไฟ found apart. Such a reading is shown only where a story has
    // its words side by side as read.
    const trusted = (reading, found) => !reading.tones || asTyped(found);
    if (best.changed || best.recut) {
      const found = await find(best.text, filters, best.cut);
      shown = found.results.length && trusted(best, found) ? { ...found, instead: best.changed ? best.text : null } : null;
      if (shown && (asTyped(found) || !best.others.length)) return shown;
    }
    // At most MOST_OTHERS others, one after another: each is a search.
    const others = best.others
      .sort((a, b) => a.short - b.short || (a.place < b.place ? -1 : a.place > b.place ? 1 : 0))
      .slice(0, MOST_OTHERS);
    for (const { place, reading } of others) {
      const other = await mended(new Map([[place, reading]]));
      if (!other?.changed) continue;
      const foundOther = await find(other.text, filters, other.cut);
      if (!foundOther.results.length) continue;
      if (asTyped(foundOther)) return { ...foundOther, instead: other.text };
      if (trusted(other, foundOther)) shown = shown || { ...foundOther, instead: other.text };
    }
    return shown;
  }

  // The query read against the index's words, each run still typed as one (null: more letters
  // than MOST_MENDED_LETTERS, or a letter no word reads): {text, cut (each run's words, for
  // cutRuns), changed (a word was read with a slip), tones (every such slip in tone marks only),
  // recut (a run read into other words than ICU cut it into), others: [{place, reading, short}]},
  // each other word that reads a place at most NEAR_SHORT less well than the one taken (chosen:
  // place -> the reading to take there, "length word").
  async function mendedQuery(pf, runs, query, chosen = new Map()) {
    if (runs.reduce((n, run) => n + Array.from(run.text).length, 0) > MOST_MENDED_LETTERS) return null;
    let changed = false;
    let otherThanTones = false; // a word read with a slip that is not only in its tone marks
    let recut = false;
    const others = [];
    let unread = false;
    // Each run's words as read: a Latin run's each a run of its own in the text (joined by spaces).
    const mended = await Promise.all(runs.map(async (run, runNumber) => {
      if (!run.thai) {
        const words = await Promise.all(run.words.map(async (word) => {
          const letters = Array.from(word);
          const read = /^[a-z]+$/.test(word) && letters.length >= NEAR_LETTERS ? await wordReadAt(pf, letters, 0, { whole: true }) : null;
          changed = changed || Boolean(read?.far);
          otherThanTones = otherThanTones || Boolean(read?.far);
          return read ? read.word : word;
        }));
        return words.map((word) => [word]);
      }
      // Each stretch of Thai letters read against the index; anything else (digits) kept as typed.
      const pieces = run.words.join("").split(/([\u0e00-\u0e7f]+)/).filter(Boolean);
      const read = [];
      for (const [pieceNumber, piece] of pieces.entries()) {
        if (!THAI.test(piece)) {
          read.push(piece);
          continue;
        }
        const letters = Array.from(piece);
        // The letters a word read as written covers from each place (none past the end).
        const asWritten = new Map();
        // beside: only a word a story needs vouches for a short word's slip beside it (ซีเนมา is
        // not ซีน, a piece of วัค|ซีน, and มา).
        const exactly = async (from, beside = false) => {
          if (from >= letters.length) return 0;
          if (!asWritten.has(from)) asWritten.set(from, wordReadAt(pf, letters, from, { exact: true }));
          const read = await asWritten.get(from);
          return read && !(beside && OPTIONAL.has(read.word)) ? read.length : 0;
        };
        // Each reading is judged with the best reading of the letters it leaves (the most letters
        // read, a slip counting as two fewer; each word read costs one, so ออ and อก, pieces ICU
        // leaves in the index, are not read for ออก; a letter no word reads costs UNREAD): one
        // that eats a letter of the next word (สมัคบ read as สมัคร in อาสาสมัคบริบาล) or leaves a
        // letter no word begins (ชาว in ผักตบชาวา, leaving า) is worth less, and a long word read
        // with slips (สนาม for สึนามิ) no more than the short words that read the letters as
        // written (สึ|นา|มิ, as ICU cut the story). Two words read with slips side by side are
        // not a reading: one misspelt word is read as one word, and letters that only two mended
        // words explain are a word no story has (สำราญ is not อสม|ราย).
        // worthsAt(from, before): each reading at `from`, with its worth (what it reads and the best
        // reading of the rest), asked once for the reading taken and for those it is judged by;
        // before: the letters of the word read as written just before it (0 for a word no story
        // needs), SLIPPED after a slip. Not a word no story needs read with a slip (การ, ไหน): the
        // query would lose the word, not mend it (โอกาศ is not โอการ, แผ่นดินไหล not แผ่นดินไหน).
        const beforeNext = (read) => (read.far ? SLIPPED : OPTIONAL.has(read.word) ? 0 : read.length);
        const worthsFrom = new Map();
        const worthsAt = (from, before) => {
          const key = `${from} ${before}`;
          if (!worthsFrom.has(key)) {
            worthsFrom.set(key, (async () => {
              const worths = [];
              for (const read of await readsAt(pf, letters, from, { before: Math.max(0, before), after: exactly })) {
                if (read.far && (OPTIONAL.has(read.word) || before === SLIPPED)) continue;
                worths.push([read, readScore(read) - 1 + (await bestRest(from + read.length, beforeNext(read)))]);
              }
              return worths;
            })());
          }
          return worthsFrom.get(key);
        };
        const bestRest = async (from, before) => {
          if (from >= letters.length) return 0;
          const worths = await worthsAt(from, before);
          return worths.length ? Math.max(...worths.map(([, worth]) => worth)) : -UNREAD + (await bestRest(from + 1, 0));
        };
        let before = 0;
        for (let at = 0; at < letters.length;) {
          let found = null;
          let foundWorth = -Infinity;
          const worths = await worthsAt(at, before);
          for (const [candidate, worth] of worths) {
            // As well as another, the one read as written (สึ|นา|มิ as typed, not สนาม with two marks
            // over): a misspelling is only what no reading as written explains as well.
            const even = worth === foundWorth && (candidate.far < found.far || (candidate.far === found.far && better(candidate, found)));
            if (worth > foundWorth || even) [found, foundWorth] = [candidate, worth];
          }
          const place = `${runNumber} ${pieceNumber} ${at}`;
          const taken = chosen.has(place) ? worths.find(([c]) => `${c.length} ${c.word}` === chosen.get(place))?.[0] : null;
          if (taken) found = taken;
          for (const [candidate, worth] of worths) {
            const short = foundWorth - worth;
            if (found && candidate.word !== found.word && short <= NEAR_SHORT && (candidate.far || found.far)) {
              others.push({ place, reading: `${candidate.length} ${candidate.word}`, short });
            }
          }
          if (!found) {
            read.push(letters[at++]);
            before = 0;
            unread = true;
            continue;
          }
          read.push(found.word);
          changed = changed || found.far > 0;
          otherThanTones = otherThanTones || (found.far > 0 && !sameButTones(found.word, letters.slice(at, at + found.length).join("")));
          at += found.length;
          before = beforeNext(found);
        }
      }
      recut = recut || read.join(" ") !== run.words.join(" ");
      return [read];
    }));
    // A letter no word reads leaves what was meant unsure (ขาวซีด read as ขาว|สี with a ด over,
    // which the search would take for the beginning of a word): nothing is offered.
    if (unread) return null;
    // Its words are the index's, whole: a space after the last, which is then not taken for the
    // beginning of a longer word (โอการ for โอกาศ would find every story with การ...).
    const cut = mended.flat();
    const tones = changed && !otherThanTones;
    return { text: cut.map((words) => words.join("")).join(" ") + " ", cut, changed, tones, recut, others };
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
    let answer = await answerTo(query, filters);
    if (mine !== generation) return; // a newer query has started
    // Nothing found, or found without a word no story has: a word may be misspelt in a way no
    // list foresaw (mendedQuery above). A mended query that still lacks a word is not shown
    // instead of what was found.
    if (!answer.results.length || answer.absent.length) {
      const mended = await mendedAnswer(query, filters, answer);
      if (mended && (!answer.results.length || !mended.absent.length)) answer = mended;
    }
    if (mine !== generation) return;
    const { runs, results, missing, instead, absent } = answer;
    shownResults = results;
    if (results.length && absent.length) {
      meta.textContent = `ไม่พบคำว่า “${absent.join(" ")}” พบ ${results.length} เรื่องที่มีคำอื่นครบ`;
    } else if (results.length && instead) {
      meta.textContent = `ไม่พบ “${query}” พบ ${results.length} เรื่องจากคำว่า “${instead.trim()}”`;
    } else if (results.length) {
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
  function excerptOf(data, matched) {
    // The document's words (title, summary, body, as meta.blocks counts them): a plain space is a
    // word break of the index; U+2063 ends a word the story wrote a space after
    // (generator/thai/words.py), shown as that space so sentences stay apart.
    const tokens = data.content.split(/\s+/);
    const words = tokens.map((token) => wordOf(token));
    const [title, summary, body] = String(data.meta.blocks || "").split(",").map(Number);
    const start = title || 0;
    const end = Number.isFinite(body) ? start + summary + body : tokens.length;
    // And the story's own words for those it has only as another spelling (meta.also: Songkran
    // searched, สงกรานต์ marked), each a run of words marked where it stands whole.
    const also = data.meta.also || {};
    const runs = [...matched].flatMap((word) => (Object.prototype.hasOwnProperty.call(also, word) ? also[word] : []));
    const inRun = new Set();
    for (const run of runs) {
      for (let at = 0; at + run.length <= words.length; at++) {
        if (run.every((word, i) => words[at + i] === word)) run.forEach((_, i) => inRun.add(at + i));
      }
    }
    const hit = (at) => matched.has(words[at] || "") || inRun.has(at);
    let first = start;
    while (first < end && !hit(first)) first++;
    const from = first < end ? Math.max(start, first - 8) : start;
    const to = Math.min(end, from + EXCERPT_WORDS);
    const shown = [];
    for (let at = from; at < to; at++) {
      const raw = tokens[at] || "";
      const word = escape(raw.replace(/\u2063/g, ""));
      shown.push(hit(at) ? `<mark>${word}</mark>` : word);
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
    list.append(...page.map((data, i) => render(data, matchedWords(shown[i]))));
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

  function render(data, matched) {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const url = new URL(data.url, base).href;
    const image = data.meta.image ? new URL(data.meta.image, url).href : null;
    item.innerHTML = `<a href="${escape(url)}" class="md-search-result__link" tabindex="-1">
      <article class="md-search-result__article md-typeset moi-result">
        ${image ? `<img class="moi-result__thumb" src="${escape(image)}" alt="" width="96" height="72" loading="lazy">` : ""}
        <div><h1>${keepWhole(escape(data.meta.title || data.url))}</h1>
        <p class="moi-result__meta">${escape(data.meta.office || "")} · ${escape(data.meta.date || "")}${data.meta.rer ? ` · ${escape(data.meta.rer)}` : ""}</p>
        <p>${excerptOf(data, matched)}</p></div>
      </article></a>`;
    return item;
  }

  let timer = 0;
  const soon = () => { clearTimeout(timer); timer = setTimeout(search, 60); };
  const open = () => { toggle.checked = true; };
  input.addEventListener("input", soon);
  // At each key the query is answered at once (its files fetched, its words matched); the list
  // shows it once the reader pauses.
  input.addEventListener("input", () => {
    const query = input.value.trim();
    if (loading && query) answerTo(query, chosenFilters()).catch(() => {}); // the search will say
  });
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
