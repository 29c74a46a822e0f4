// Search page: queries the static index in search/<lang>/ (built by portal/search.py,
// described in docs/search.md). No server, no inline code (CSP default-src 'self'), and
// nothing from the index is ever parsed as HTML: results are built with createElement
// and textContent.
(function () {
  "use strict";

  var app = document.querySelector("[data-search-index]");
  if (!app || !window.fetch || !String.prototype.normalize) return;

  var PAGE = 20;          // results shown per "more" click
  var MAX_WORDS = 8;      // with the budget, bounds what one query can download
  var MAX_COLUMN_CHUNKS = 8;
  var DEBOUNCE_MS = 150;
  var EXCERPT_CHARS = 220, EXCERPT_LEAD = 60;
  var FACETS = ["kind", "province", "pillar", "status", "year"];
  // Points per query word (docs/search.md): a phrase counts more than scattered title words.
  var POINTS = { titleWhole: 6, titlePrefix: 4, whole: 3, prefix: 1, exact: 3, pair: 8 };
  // English words too common to rank by (they must still match).
  var STOP_WORDS = { en: ["of", "the", "and", "in", "to", "for"] };

  var indexUrl = new URL(app.getAttribute("data-search-index"), document.baseURI);
  var homeUrl = new URL(app.getAttribute("data-search-home"), document.baseURI);
  var strings = JSON.parse(app.getAttribute("data-strings"));
  var lang = document.documentElement.lang;
  var stopWords = STOP_WORDS[lang] || [];
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-q");
  var statusLine = document.getElementById("search-status");
  var list = document.getElementById("search-list");
  var moreButton = document.getElementById("search-more");
  var filtersBox = document.querySelector(".search-filters");
  var langSwitch = document.querySelector(".lang-switch");
  var langSwitchHref = langSwitch && langSwitch.getAttribute("href");
  var selects = {};
  FACETS.forEach(function (name) { selects[name] = document.getElementById("facet-" + name); });

  // ------------------------------------------------------------ text

  // Same as portal/text.py fold(): đ/Đ do not decompose under NFD, so fold them first.
  function fold(text) {
    return text.normalize("NFC").replace(/đ/g, "d").replace(/Đ/g, "D")
      .normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
  }
  function words(text) { return fold(text).match(/[\p{L}\p{N}]+/gu) || []; }
  // The words as typed (lower case, NFC), where they differ from the folded ones; as
  // portal/search.py _ExactWords, null where the two splits do not line up.
  function writtenForms(text, folded) {
    var written = text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
    if (written.length !== folded.length || written.some(function (w, i) { return fold(w) !== folded[i]; })) {
      return folded.map(function () { return null; });
    }
    return written.map(function (w, i) { return w !== folded[i] ? w : null; });
  }
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }
  function number(n) { return n.toLocaleString(lang); }

  // ------------------------------------------------------------ index files

  var files = new Map();
  function load(name, asJson) {
    if (!files.has(name)) {
      var promise = fetch(new URL(name, indexUrl)).then(function (response) {
        if (!response.ok) throw new Error(name + ": HTTP " + response.status);
        return asJson ? response.json() : response.arrayBuffer().then(function (b) { return new Uint8Array(b); });
      });
      promise.catch(function () { files.delete(name); });
      files.set(name, promise);
    }
    return files.get(name);
  }

  function Reader(bytes, offset) { this.bytes = bytes; this.at = offset || 0; }
  Reader.prototype.varint = function () {
    var n = 0, scale = 1, byte;
    do { byte = this.bytes[this.at++]; n += (byte & 0x7f) * scale; scale *= 128; } while (byte & 0x80);
    return n;
  };

  // FNV-1a, as portal/search.py fnv1a().
  var encoder = new TextEncoder();
  function hash(text) {
    var h = 0x811c9dc5;
    encoder.encode(text).forEach(function (byte) { h = Math.imul(h ^ byte, 0x01000193); });
    return h >>> 0;
  }

  // budget: index bytes (shards and lists) one query may fetch; the lists it must have
  // (each word's matches) are fetched even past it, the lists that only rank are not.
  var meta, docGroup, groups, budget;

  function loadMeta() {
    return Promise.all([load("meta.json", true), load("groups.bin")]).then(function (parts) {
      meta = parts[0];
      budget = meta.queryBudget;
      var reader = new Reader(parts[1]);
      var count = reader.varint();
      groups = { kind: new Int32Array(count), province: new Int32Array(count),
                 year: new Int32Array(count), status: new Int32Array(count) };
      docGroup = new Uint32Array(meta.docs);
      var doc = 0;
      for (var g = 0; g < count; g++) {
        var size = reader.varint();
        groups.kind[g] = reader.varint();
        groups.province[g] = reader.varint() - 1;
        var year = reader.varint();
        groups.year[g] = year ? meta.yearMin + year - 1 : 0;
        groups.status[g] = reader.varint() - 1;
        docGroup.fill(g, doc, doc + size);
        doc += size;
      }
    });
  }

  // A shard: its terms ({file, size} or {bytes}) and its own size, for the budget.
  var shards = new Map();
  function shardName(text) { return "terms/" + (hash(text) % meta.shards) + ".bin"; }
  function shard(text) {
    var number = hash(text) % meta.shards;
    if (!shards.has(number)) {
      shards.set(number, load("terms/" + number + ".bin").then(function (bytes) {
        var reader = new Reader(bytes), terms = new Map(), decoder = new TextDecoder();
        for (var n = reader.varint(); n > 0; n--) {
          var length = reader.varint();
          var term = decoder.decode(bytes.subarray(reader.at, reader.at + length));
          reader.at += length;
          var file = reader.varint(), size = reader.varint();
          if (file) { terms.set(term, { file: file, size: size }); continue; }
          terms.set(term, { bytes: bytes.subarray(reader.at, reader.at + size) });
          reader.at += size;
        }
        return { name: shardName(text), size: bytes.length, terms: terms };
      }));
    }
    return shards.get(number);
  }

  // A posting list: sorted document numbers (ids) and/or a bitmap (bits), each made on demand.
  function Postings(ids, bits) { this.ids = ids; this.bits = bits; }
  Postings.prototype.bitmap = function () {
    if (!this.bits) {
      var bits = new Uint8Array((meta.docs + 7) >> 3);
      this.ids.forEach(function (i) { bits[i >> 3] |= 1 << (i & 7); });
      this.bits = bits;
    }
    return this.bits;
  };
  Postings.prototype.list = function () {
    if (!this.ids) {
      var ids = [], bits = this.bits;
      for (var i = 0; i < meta.docs; i++) if (bits[i >> 3] & (1 << (i & 7))) ids.push(i);
      this.ids = Uint32Array.from(ids);
    }
    return this.ids;
  };
  Postings.prototype.has = function (i) { var b = this.bitmap(); return (b[i >> 3] >> (i & 7)) & 1; };
  var NONE = new Postings(new Uint32Array(0), null);

  function decode(bytes) {
    if (bytes[0] === 1) return new Postings(null, bytes.subarray(1));
    var reader = new Reader(bytes, 1), ids = new Uint32Array(reader.varint()), previous = -1;
    for (var i = 0; i < ids.length; i++) { previous += reader.varint() + 1; ids[i] = previous; }
    return new Postings(ids, null);
  }

  // ------------------------------------------------------------ query

  // Every word but the 8th's successors; the last word is always a prefix, so that a query
  // finds the same whether or not a space follows it (and reloading its URL does too).
  function parse(text) {
    var all = words(text), written = writtenForms(text, all);
    return { words: all.slice(0, MAX_WORDS), written: written.slice(0, MAX_WORDS), dropped: all.slice(MAX_WORDS) };
  }

  // The files of a query, under a budget (docs/search.md): every word's shard and match
  // list are fetched; lists that only rank (title, whole word, as written, pair) are
  // fetched while the bytes so far allow, in a fixed order, so that a query ranks the same
  // whether or not its files are cached.
  function fetchPostings(query) {
    var last = query.words.length - 1, used = 0, counted = new Set();
    function count(name, size) { if (!counted.has(name)) { counted.add(name); used += size; } }
    function fits(entry) { return entry && (entry.bytes || counted.has("post/" + entry.file) || used + entry.size <= budget); }
    function want(entry, always) {
      if (!entry) return NONE;
      if (entry.bytes) return entry;
      if (!always && !fits(entry)) return null;
      count("post/" + entry.file, entry.size);
      return entry;
    }
    function postings(entry) {
      if (!entry || entry === NONE) return entry === NONE ? NONE : null;
      if (entry.bytes) return decode(entry.bytes);
      return load("post/" + entry.file + ".bin").then(decode);
    }
    return Promise.all(query.words.map(function (w) { return shard(w); })).then(function (wordShards) {
      wordShards.forEach(function (s) { count(s.name, s.size); });
      var plans = query.words.map(function (word, i) {
        var open = i === last;
        return { word: word, open: open, stop: stopWords.indexOf(word) >= 0,
                 match: want(wordShards[i].terms.get((open ? "p " : "w ") + word) || null, true) };
      });
      plans.forEach(function (plan, i) {
        var terms = wordShards[i].terms, word = plan.word, written = query.written[i];
        function entry(kind, text) { return terms.get(kind + " " + (text || word)) || null; }
        if (plan.stop) return;
        // An absent list of the word as written (a typo in the diacritics) says nothing.
        var exact = written ? entry("e", written) : null;
        plan.exact = exact ? want(exact) : null;
        plan.title = want(entry(plan.open ? "q" : "t"));
        plan.titleWhole = plan.open ? want(entry("t")) : "same";
        plan.whole = plan.open ? want(entry("w")) : "same";
      });
      // Pairs last: their shard is another file (counted at the largest shard's size, so
      // that the choice needs no download), and a frequent pair's list is not in the index.
      return Promise.all(plans.map(function (plan, i) {
        if (i === last || (plan.stop && plans[i + 1].stop)) return null;   // "of the" ranks nothing
        var text = plan.word + " " + query.words[i + 1], name = shardName(text);
        if (!counted.has(name)) {
          if (used + meta.largest.shard > budget) return null;
          count(name, meta.largest.shard);
        }
        return shard(text);
      })).then(function (pairShards) {
        return Promise.all(plans.map(function (plan, i) {
          var pairShard = pairShards[i], pair = null;
          if (pairShard) pair = want(pairShard.terms.get("b " + plan.word + " " + query.words[i + 1]) || null);
          return Promise.all([postings(plan.match), postings(plan.exact || null), postings(plan.title || null),
                              plan.titleWhole === "same" ? "same" : postings(plan.titleWhole || null),
                              plan.whole === "same" ? "same" : postings(plan.whole || null), postings(pair)])
            .then(function (p) {
              return { open: plan.open, stop: plan.stop, match: p[0], exact: p[1] === NONE ? null : p[1],
                       title: p[2], titleWhole: p[3] === "same" ? p[2] : p[3],
                       whole: p[4] === "same" ? p[0] : p[4], pair: p[5] };
            });
        }));
      });
    });
  }

  function intersect(terms) {
    var lists = terms.map(function (t) { return t.match; });
    if (lists.some(function (p) { return p === NONE; })) return [];
    var smallest = lists.reduce(function (a, b) {
      var sa = a.ids ? a.ids.length : Infinity, sb = b.ids ? b.ids.length : Infinity;
      return sb < sa ? b : a;
    });
    var others = lists.filter(function (p) { return p !== smallest; });
    var out = [];
    smallest.list().forEach(function (doc) {
      for (var k = 0; k < others.length; k++) if (!others[k].has(doc)) return;
      out.push(doc);
    });
    return out;
  }

  // Per word: title, whole word or prefix; more if the diacritics are as typed; a title
  // match counts as a title only if the word there is as typed (so "Sở" does not take "số"
  // titles first); adjacent query words found adjacent count most. A kind order breaks ties.
  function score(doc, terms) {
    var s = 0;
    for (var k = 0; k < terms.length; k++) {
      var t = terms[k];
      if (t.pair && t.pair.has(doc)) s += POINTS.pair;
      if (t.stop) continue;
      var exact = t.exact !== null && t.exact.has(doc);
      var trusted = t.open || t.exact === null || exact;
      if (trusted && t.title && t.title.has(doc)) s += t.titleWhole && t.titleWhole.has(doc) ? POINTS.titleWhole : POINTS.titlePrefix;
      else s += t.whole && t.whole.has(doc) ? POINTS.whole : POINTS.prefix;
      if (exact) s += POINTS.exact;
    }
    return s * meta.kinds.length + (meta.kinds.length - 1 - groups.kind[docGroup[doc]]);
  }

  // Best first, then in document order: one numeric sort of (score, number) keys.
  function rank(docs, terms) {
    var keys = new Float64Array(docs.length), span = meta.docs + 1;
    docs.forEach(function (doc, i) { keys[i] = score(doc, terms) * span + (span - 1 - doc); });
    keys.sort();
    var out = new Array(keys.length);
    for (var i = 0; i < keys.length; i++) out[i] = span - 1 - (keys[keys.length - 1 - i] % span);
    return out;
  }

  // Filters as numbers; a value the index does not know matches nothing (-2).
  function numericFilters(filters) {
    function index(list, value) { var i = list.indexOf(value); return value ? (i < 0 ? -2 : i) : -1; }
    return {
      kind: index(meta.kinds, filters.kind),
      province: index(meta.provinces.map(function (p) { return p[0]; }), filters.province),
      status: index(meta.statuses, filters.status),
      year: filters.year ? Number(filters.year) || -2 : -1,
    };
  }

  function newCounts() {
    return { kind: new Map(), province: new Map(), pillar: new Map(), status: new Map(), year: new Map(), estimated: false };
  }
  function add(map, key) { map.set(key, (map.get(key) || 0) + 1); }

  // Each facet counts the documents that pass every other facet's filter, so choosing a
  // province still shows how many results the other provinces have.
  function filterAndCount(docs, filters, pillarFilter) {
    var f = numericFilters(filters), counts = newCounts(), kept = [], pillarDocs = [];
    docs.forEach(function (doc) {
      var g = docGroup[doc], kind = groups.kind[g], province = groups.province[g];
      var status = groups.status[g], year = groups.year[g];
      var failKind = f.kind !== -1 && kind !== f.kind;
      var failProvince = f.province !== -1 && province !== f.province;
      var failStatus = f.status !== -1 && status !== f.status;
      var failYear = f.year !== -1 && year !== f.year;
      var failPillar = pillarFilter !== null && !pillarFilter.has(doc);
      var failed = failKind + failProvince + failStatus + failYear + failPillar;
      if (failed > 1) return;
      if (!failed) kept.push(doc);
      if (!failed || failKind) add(counts.kind, meta.kinds[kind]);
      if ((!failed || failProvince) && province >= 0) add(counts.province, meta.provinces[province][0]);
      if ((!failed || failStatus) && status >= 0) add(counts.status, meta.statuses[status]);
      if ((!failed || failYear) && year) add(counts.year, String(year));
      if (!failed || failPillar) pillarDocs.push(doc);
    });
    return countPillars(pillarDocs, counts).then(function () { return { docs: kept, counts: counts }; });
  }

  // Pillars are many-valued, one byte per document in column files. When matches spread
  // over more than MAX_COLUMN_CHUNKS files, count on evenly spaced files and scale up:
  // the counts are then estimates (shown with "≈"); the pillar filter itself is exact.
  function countPillars(docs, counts) {
    var byChunk = new Map();
    docs.forEach(function (doc) {
      var c = Math.floor(doc / meta.columnChunk);
      if (!byChunk.has(c)) byChunk.set(c, []);
      byChunk.get(c).push(doc);
    });
    var chunks = Array.from(byChunk.keys()), chosen = chunks;
    if (chunks.length > MAX_COLUMN_CHUNKS) {
      chosen = [];
      for (var i = 0; i < MAX_COLUMN_CHUNKS; i++) chosen.push(chunks[Math.floor(i * chunks.length / MAX_COLUMN_CHUNKS)]);
      counts.estimated = true;
    }
    return Promise.all(chosen.map(function (c) { return load("cols/" + c + ".bin"); })).then(function (columns) {
      var sampled = 0, tally = new Map();
      chosen.forEach(function (c, k) {
        var bytes = columns[k], width = meta.columnWidth;
        byChunk.get(c).forEach(function (doc) {
          var at = (doc % meta.columnChunk) * width;
          var set = meta.pillarSets[width === 1 ? bytes[at] : bytes[at] | (bytes[at + 1] << 8)];
          set.forEach(function (p) { add(tally, meta.pillars[p][0]); });
          sampled++;
        });
      });
      var scale = sampled ? docs.length / sampled : 0;
      tally.forEach(function (n, key) { counts.pillar.set(key, Math.round(n * scale)); });
    });
  }

  function search(text, filters) {
    var query = parse(text);
    if (!query.words.length) return Promise.resolve({ query: query, docs: [], counts: null });
    return Promise.all([
      fetchPostings(query),
      filters.pillar ? shard(filters.pillar).then(function (s) {
        var entry = s.terms.get("f " + filters.pillar);
        if (!entry) return NONE;
        return entry.bytes ? decode(entry.bytes) : load("post/" + entry.file + ".bin").then(decode);
      }) : null,
    ]).then(function (parts) {
      var terms = parts[0];
      return filterAndCount(intersect(terms), filters, parts[1]).then(function (result) {
        result.docs = rank(result.docs, terms);
        result.query = query;
        return result;
      });
    });
  }

  // ------------------------------------------------------------ rendering

  function matcher(query) {
    var last = query.words.length - 1;
    return function (token) {
      var folded = fold(token);
      return query.words.some(function (w, i) {
        if (stopWords.indexOf(w) >= 0) return false;
        return folded === w || (i === last && folded.indexOf(w) === 0);
      });
    };
  }

  // Text with matched words in <mark>, keeping the original diacritics.
  function highlighted(parent, text, isMatch) {
    var tokens = /[\p{L}\p{N}\p{M}]+/gu, at = 0, m;
    while ((m = tokens.exec(text))) {
      if (!isMatch(m[0])) continue;
      parent.appendChild(document.createTextNode(text.slice(at, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      parent.appendChild(mark);
      at = m.index + m[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  function firstMatch(text, isMatch) {
    var tokens = /[\p{L}\p{N}\p{M}]+/gu, m;
    while ((m = tokens.exec(text))) if (isMatch(m[0])) return m.index;
    return -1;
  }

  // About EXCERPT_CHARS of the text around its first match (or its start), cut at spaces,
  // with "…" where text was left out (the index already ends a shortened text with one).
  function excerpt(text, isMatch) {
    if (text.length <= EXCERPT_CHARS) return text;
    var first = firstMatch(text, isMatch), start = 0;
    if (first > EXCERPT_LEAD) {
      var space = text.indexOf(" ", first - EXCERPT_LEAD);
      start = space >= 0 && space < first ? space + 1 : first;
    }
    var end = Math.min(text.length, start + EXCERPT_CHARS);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      end = cut > Math.max(start, first) ? cut : end;
    }
    var out = text.slice(start, end).trim();
    if (start > 0) out = "… " + out;
    if (end < text.length) out += " …";
    return out;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function badge(key) {
    var info = strings.statuses[key];
    var el = element("span", "badge badge-" + key);
    el.appendChild(element("span", "badge-icon", info[1])).setAttribute("aria-hidden", "true");
    el.appendChild(document.createTextNode(" " + info[0]));
    return el;
  }

  // record: [title, address, text, note, agencies], the last ones left out when empty.
  function resultItem(doc, record, isMatch) {
    var g = docGroup[doc];
    var li = element("li", "search-result");
    var heading = li.appendChild(element("h3", "search-result-title"));
    var link = heading.appendChild(element("a"));
    link.href = new URL(record[1], homeUrl).href;
    highlighted(link, record[0], isMatch);
    var facts = li.appendChild(element("p", "meta"));
    facts.appendChild(element("span", "search-kind", strings.kinds[meta.kinds[groups.kind[g]]]));
    if (record[3]) facts.appendChild(document.createTextNode(" (" + strings.notes[record[3]] + ")"));
    if (groups.province[g] >= 0) {
      facts.appendChild(document.createTextNode(" · " + meta.provinces[groups.province[g]][1]));
    }
    if (groups.status[g] >= 0) {
      facts.appendChild(document.createTextNode(" "));
      facts.appendChild(badge(meta.statuses[groups.status[g]]));
    }
    var agencies = (record[4] || []).filter(function (name) { return firstMatch(name, isMatch) >= 0; });
    if (agencies.length) {
      var line = li.appendChild(element("p", "search-agencies"));
      line.appendChild(element("span", "search-agencies-label", strings.agency + ": "));
      agencies.forEach(function (name, i) {
        if (i) line.appendChild(document.createTextNode("; "));
        highlighted(line, name, isMatch);
      });
    }
    if (record[2]) highlighted(li.appendChild(element("p", "search-excerpt")), excerpt(record[2], isMatch), isMatch);
    return li;
  }

  function records(docs) {
    return Promise.all(docs.map(function (d) {
      return load("docs/" + Math.floor(d / meta.docChunk) + ".json", true).then(function (chunk) {
        return chunk[d % meta.docChunk];
      });
    }));
  }

  function optionLabels(facet) {
    if (facet === "kind") return meta.kinds.map(function (k) { return [k, strings.kinds[k]]; });
    if (facet === "province") return meta.provinces;
    if (facet === "pillar") return meta.pillars;
    if (facet === "status") return meta.statuses.map(function (s) { return [s, strings.statuses[s][0]]; });
    return null;
  }

  // Options with results (and the chosen one); without a query (counts null), only the
  // chosen one. Pillars: each index in a group with its dimensions, indented.
  function renderFacets(counts, filters) {
    FACETS.forEach(function (facet) {
      var select = selects[facet], seen = counts ? counts[facet] : new Map();
      var values = optionLabels(facet) || Array.from(seen.keys()).sort().reverse().map(function (y) { return [y, y]; });
      if (filters[facet] && !values.some(function (v) { return v[0] === filters[facet]; })) {
        values.push([filters[facet], filters[facet]]);
      }
      while (select.children.length > 1) select.removeChild(select.lastChild);
      var group = select;
      values.forEach(function (v) {
        var depth = v[2] || 0;
        if (facet === "pillar" && depth === 0) {
          group = element("optgroup");
          group.label = v[1];
        }
        var n = seen.get(v[0]) || 0;
        if (!n && v[0] !== filters[facet]) return;
        var about = facet === "pillar" && counts && counts.estimated ? "≈" : "";
        var label = (depth ? "\u00a0\u00a0\u00a0" : "") + v[1] + (counts ? " (" + about + number(n) + ")" : "");
        var option = element("option", null, label);
        option.value = v[0];
        group.appendChild(option);
        if (group !== select && !group.parentNode) select.appendChild(group);
      });
      select.value = filters[facet] || "";
    });
  }

  // ------------------------------------------------------------ state

  var state = { text: "", filters: {}, result: null, shown: 0, run: 0 };

  function readUrl() {
    var params = new URLSearchParams(location.search);
    state.text = params.get("q") || "";
    FACETS.forEach(function (f) { state.filters[f] = params.get(f) || ""; });
    input.value = state.text;
  }

  function writeUrl() {
    var params = new URLSearchParams();
    if (state.text.trim()) params.set("q", state.text.trim());
    FACETS.forEach(function (f) { if (state.filters[f]) params.set(f, state.filters[f]); });
    var query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
    // The other language's search page, with the same query and filters.
    if (langSwitch) {
      var target = new URL(langSwitchHref, location.href);
      target.search = query ? "?" + query : "";
      langSwitch.href = target.href;
    }
  }

  function announce(text) { statusLine.textContent = text; }

  function showMore() {
    var result = state.result, run = state.run;
    var batch = result.docs.slice(state.shown, state.shown + PAGE);
    var isMatch = matcher(result.query);
    return records(batch).then(function (recs) {
      if (run !== state.run) return null;
      var first = null;
      batch.forEach(function (doc, i) {
        var item = resultItem(doc, recs[i], isMatch);
        first = first || item;
        list.appendChild(item);
      });
      state.shown += batch.length;
      moreButton.hidden = state.shown >= result.docs.length;
      return first;
    });
  }

  function summary(result) {
    var q = state.text.trim(), n = result.docs.length, text;
    if (!result.query.words.length) return strings.empty;
    if (!n) text = format(strings.none, { q: q });
    else text = format(n === 1 ? strings.count_one : strings.count, { n: number(n), q: q });
    if (result.query.dropped.length) {
      text += " " + format(strings.dropped, { max: MAX_WORDS, words: result.query.dropped.join(" ") });
    }
    return text;
  }

  function update() {
    var run = ++state.run;
    state.text = input.value;
    writeUrl();
    list.setAttribute("aria-busy", "true");
    return search(state.text, state.filters).then(function (result) {
      if (run !== state.run) return;
      state.result = result;
      state.shown = 0;
      list.textContent = "";
      renderFacets(result.counts, state.filters);
      return showMore().then(function () {
        if (run !== state.run) return;
        announce(summary(result));
        list.setAttribute("aria-busy", "false");
      });
    }).catch(function (error) {
      if (run !== state.run) return;
      announce(strings.error);
      list.setAttribute("aria-busy", "false");
      throw error;
    });
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    update();
  });
  FACETS.forEach(function (f) {
    selects[f].addEventListener("change", function () {
      state.filters[f] = selects[f].value;
      update();
    });
  });
  moreButton.addEventListener("click", function () {
    showMore().then(function (first) {
      if (!first) return;
      first.querySelector("a").focus();
      announce(format(strings.shown, { shown: number(state.shown), n: number(state.result.docs.length) }));
    });
  });

  // On a narrow screen the filters start folded, so that the first result is on screen.
  if (filtersBox && window.matchMedia && window.matchMedia("(max-width: 48rem)").matches) filtersBox.open = false;

  readUrl();
  loadMeta().then(function () {
    document.querySelector(".search-nojs").hidden = true;
    app.hidden = false;
    update();
  }, function () {
    // Not "JavaScript is off": say the index did not load, and keep the browse links.
    var notice = document.querySelector(".search-nojs");
    var message = notice.querySelector(".search-nojs-message");
    message.textContent = strings.error;
    notice.setAttribute("role", "alert");
  });
})();
