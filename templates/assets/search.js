/* zhinan search: finds items and pages in the index written at build time (search/).
 * Hand-written, no dependencies. The tokenizer is the one of src/render/search.rs; both are
 * tested against tests/fixtures/tokenizer-vectors.json. Without JavaScript the search form still
 * leads to the search page, which lists every item. */
(function () {
  'use strict';

  // ---- Tokenizer (keep identical to src/render/search.rs) ----------------------------------
  var WORD = /^[\p{Alphabetic}\p{N}]$/u;

  function normalize(text) {
    return String(text).normalize('NFKC').toLowerCase();
  }
  function isHan(ch) {
    var c = ch.codePointAt(0);
    return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3ffff);
  }
  function isWord(ch) {
    return !isHan(ch) && WORD.test(ch);
  }
  function isConnector(ch) {
    return ch === '-' || ch === '_' || ch === '.';
  }
  function tokenize(text) {
    var chars = Array.from(normalize(text));
    var tokens = [];
    var i = 0;
    while (i < chars.length) {
      var start = i;
      if (isHan(chars[i])) {
        while (i < chars.length && isHan(chars[i])) i++;
        for (var p = start; p < i; p++) {
          tokens.push(chars[p]);
          if (p + 1 < i) tokens.push(chars[p] + chars[p + 1]);
        }
      } else if (isWord(chars[i])) {
        var parts = [];
        for (;;) {
          var partStart = i;
          while (i < chars.length && isWord(chars[i])) i++;
          parts.push(chars.slice(partStart, i).join(''));
          if (i + 1 < chars.length && isConnector(chars[i]) && isWord(chars[i + 1])) i++;
          else break;
        }
        if (parts.length > 1) tokens.push(chars.slice(start, i).join(''));
        tokens.push.apply(tokens, parts);
      } else {
        i++;
      }
    }
    return tokens;
  }
  // FNV-1a, 32-bit, over the UTF-8 bytes: which shard holds a token.
  function tokenHash(token) {
    var bytes = new TextEncoder().encode(token);
    var hash = 0x811c9dc5;
    for (var k = 0; k < bytes.length; k++) {
      hash ^= bytes[k];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  // ---- Index ----------------------------------------------------------------------------------
  function Index(base, meta) {
    this.base = base;
    this.meta = meta;
    this.shards = {};
  }
  Index.prototype.shard = function (n) {
    if (!this.shards[n]) {
      this.shards[n] = fetchJson(this.base + 'search/shard-' + n + '.json');
    }
    return this.shards[n];
  };
  Index.prototype.postings = function (token) {
    var n = tokenHash(token) % this.meta.shards;
    return this.shard(n).then(function (map) {
      var gaps = Object.prototype.hasOwnProperty.call(map, token) ? map[token] : [];
      var out = [];
      var doc = 0;
      for (var k = 0; k < gaps.length; k++) { doc += gaps[k]; out.push(doc); }
      return out;
    });
  };
  // Ranks: 0 the exact name (or code), 1 the name contains the query, 2 the result's name or the
  // code contains it, 3 every token matches somewhere, 4 at least half of the longer tokens (pairs
  // and words) match (shown only when nothing matches fully). Within a rank: more matching tokens first, then index order.
  Index.prototype.search = function (query) {
    var self = this;
    var unique = [];
    tokenize(query).forEach(function (t) { if (unique.indexOf(t) < 0) unique.push(t); });
    if (!unique.length) return Promise.resolve({ results: [], partial: false });
    var wanted = normalize(query).replace(/\s+/g, '');
    function contains(text) {
      return normalize(text).replace(/\s+/g, '').indexOf(wanted) >= 0 || containsAll(tokenize(text), unique);
    }
    return Promise.all(unique.map(function (t) { return self.postings(t); })).then(function (lists) {
      var counts = {};
      var longCounts = {};
      var longTotal = 0;
      lists.forEach(function (list, k) {
        var long = Array.from(unique[k]).length > 1 || !isHan(unique[k]);
        if (long) longTotal++;
        list.forEach(function (doc) {
          counts[doc] = (counts[doc] || 0) + 1;
          if (long) longCounts[doc] = (longCounts[doc] || 0) + 1;
        });
      });
      var results = [];
      var partial = [];
      Object.keys(counts).forEach(function (key) {
        var doc = Number(key);
        var d = self.meta.documents[doc];
        var rank;
        if (counts[doc] === unique.length) {
          if (normalize(d[1]).replace(/\s+/g, '') === wanted || (d[2] && normalize(d[2]) === wanted)) rank = 0;
          else if (contains(d[1])) rank = 1;
          else if ((d[5] && contains(d[5])) || (d[2] && contains(d[2]))) rank = 2;
          else rank = 3;
          results.push({ doc: doc, rank: rank, score: counts[doc] });
        } else if (longCounts[doc] && longCounts[doc] * 2 >= longTotal) {
          partial.push({ doc: doc, rank: 4, score: longCounts[doc] });
        }
      });
      var isPartial = !results.length;
      var list = isPartial ? partial : results;
      list.sort(function (a, b) { return a.rank - b.rank || b.score - a.score || a.doc - b.doc; });
      return {
        partial: isPartial && list.length > 0,
        results: list.map(function (r) { return self.describe(r.doc); })
      };
    });
  };
  Index.prototype.describe = function (doc) {
    var d = this.meta.documents[doc];
    return {
      url: this.base + d[0],
      name: d[1],
      code: d[2],
      department: d[3] >= 0 ? this.meta.departments[d[3]] : '',
      type: d[4] >= 0 ? this.meta.types[d[4]] : '',
      result: d[5] || ''
    };
  };
  function containsAll(have, want) {
    for (var k = 0; k < want.length; k++) if (have.indexOf(want[k]) < 0) return false;
    return true;
  }
  function fetchJson(url) {
    return fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) throw new Error(url + ': ' + response.status);
      return response.json();
    });
  }
  var loading = null;
  function loadIndex(base) {
    if (!loading) {
      loading = fetchJson(base + 'search/index.json').then(function (meta) {
        if (meta.version !== 1) throw new Error('search index version ' + meta.version);
        return new Index(base, meta);
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // ---- Page -----------------------------------------------------------------------------------
  function el(name, attrs, text) {
    var node = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }
  function show(panel, query, outcome, limit, base) {
    var status = panel.querySelector('.search-status');
    var list = panel.querySelector('.search-results');
    list.textContent = '';
    panel.hidden = false;
    if (!outcome) {
      status.textContent = '正在搜索……';
      return;
    }
    var results = outcome.results;
    if (!results.length) {
      status.textContent = '没有找到与“' + query + '”相关的事项。请换一个词，或者拨打咨询电话。';
      return;
    }
    status.textContent = (outcome.partial ? '没有完全匹配的结果，以下 ' : '找到 ') + results.length +
      (outcome.partial ? ' 项与部分关键词相关' : ' 项结果');
    results.slice(0, limit).forEach(function (r) {
      var item = el('li');
      item.appendChild(el('a', { href: r.url }, r.name));
      var meta = [r.department, r.type, r.code ? '编码 ' + r.code : '',
        r.result ? '办理结果：' + r.result : ''].filter(Boolean).join(' · ');
      if (meta) item.appendChild(el('span', { 'class': 'meta' }, ' ' + meta));
      list.appendChild(item);
    });
    if (results.length > limit) {
      var more = el('li', { 'class': 'search-more' });
      more.appendChild(el('a', { href: base + 'search/?q=' + encodeURIComponent(query) },
        '查看全部 ' + results.length + ' 项结果'));
      list.appendChild(more);
    }
  }
  function attach(form, panel, limit) {
    var input = form.querySelector('input[name="q"]');
    var base = form.getAttribute('data-base') || '/';
    if (!input || !panel) return;
    var timer = null;
    var latest = 0;
    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) { panel.hidden = true; return; }
      show(panel, query, null, limit, base);
      loadIndex(base).then(function (index) { return index.search(query); }).then(function (outcome) {
        if (ticket === latest) show(panel, query, outcome, limit, base);
      }, function () {
        if (ticket === latest) {
          panel.querySelector('.search-status').textContent = '搜索暂时不能使用，请按回车键打开搜索页。';
        }
      });
    }
    input.addEventListener('focus', function () { loadIndex(base).catch(function () {}); });
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') { panel.hidden = true; }
    });
    return run;
  }
  function panelAfter(form) {
    var panel = el('div', { 'class': 'search-panel', role: 'region', 'aria-label': '搜索结果' });
    panel.hidden = true;
    panel.appendChild(el('p', { 'class': 'search-status', role: 'status', 'aria-live': 'polite' }));
    panel.appendChild(el('ol', { 'class': 'search-results' }));
    form.parentNode.insertBefore(panel, form.nextSibling);
    return panel;
  }
  function init() {
    var page = document.getElementById('search-page');
    var forms = document.querySelectorAll('form[role="search"]');
    Array.prototype.forEach.call(forms, function (form) {
      if (page && page.contains(form)) return;
      attach(form, panelAfter(form), 8);
    });
    if (page) {
      var form = page.querySelector('form[role="search"]');
      var run = attach(form, page.querySelector('.search-panel'), 200);
      var query = new URLSearchParams(window.location.search).get('q');
      if (query && run) {
        form.querySelector('input[name="q"]').value = query;
        run();
      }
    }
  }

  var api = { normalize: normalize, tokenize: tokenize, tokenHash: tokenHash, Index: Index };
  if (typeof module === 'object' && module.exports) module.exports = api;
  if (typeof document !== 'undefined') {
    window.zhinanSearch = api;
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
    else init();
  }
})();
