"use strict";
// civiscan HTML report: the table (sort, filter, pages) and each repository's detail.
// Every repository string reaches the page through textContent, never as markup; links are
// made only from http(s) URLs. No request is made: everything is in the JSON block.
(function () {
  var data = JSON.parse(document.getElementById("civiscan-data").textContent);
  var T = data.t, S = data.s, RULES = data.rules, REPOS = data.repos;
  var STATUS_ORDER = ["f", "r", "e", "w", "p", "n"];
  var STATUS_TITLE = { f: T.to_fix, r: T.to_review, e: T.errors, w: T.waived,
                       p: T["html.passed"], n: T["html.not_applicable"] };
  var state = { sort: "score", dir: 1, page: 0, size: 50, rows: REPOS.map(function (_, i) { return i; }) };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
      });
    }
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }
  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
  }
  function num(v) { return v === null || v === undefined ? "–" : v.toFixed(1); }
  function safeUrl(u) {
    if (typeof u !== "string") { return null; }
    try {
      var parsed = new URL(u);
      return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
    } catch (e) { return null; }
  }
  function link(href, text) {
    var url = safeUrl(href);
    if (!url) { return el("span", { text: text }); }
    return el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank", text: text });
  }
  function gradeBadge(g) { return el("span", { "class": "grade g-" + (g || "none"), text: g || "–" }); }

  // Columns: key, label, value getter, numeric?
  var COLUMNS = [
    ["name", T["rollup.repository"], function (r) { return r.n; }, false],
    ["grade", T.grade, function (r) { return r.g || null; }, false],
    ["score", T.score, function (r) { return r.s; }, true]
  ].concat(data.cats.map(function (label, i) {
    return ["c" + i, label, function (r) { return r.c[i]; }, true];
  })).concat([
    ["incubator", T["html.incubator"], function (r) { return r.i || null; }, false],
    ["startup", T.startup, function (r) { return r.st || null; }, false],
    ["phase", T.phase, function (r) { return r.p || null; }, false],
    ["topic", T.topic, function (r) { return r.tp || null; }, false],
    ["archived", T.archived, function (r) { return r.a === undefined ? null : (r.a ? T.yes : T.no); }, false],
    ["error", T.error, function (r) { return r.e || null; }, false]
  ]);
  var BY_KEY = {};
  COLUMNS.forEach(function (c) { BY_KEY[c[0]] = c; });

  function compare(a, b) {
    var col = BY_KEY[state.sort], va = col[2](REPOS[a]), vb = col[2](REPOS[b]);
    if (va === null || va === undefined) { return vb === null || vb === undefined ? a - b : 1; }
    if (vb === null || vb === undefined) { return -1; }
    var d = col[3] ? va - vb : String(va).localeCompare(String(vb), data.lang);
    return d === 0 ? a - b : d * state.dir;
  }

  function options(select, values, all) {
    select.textContent = "";
    select.appendChild(el("option", { value: "", text: all }));
    values.forEach(function (v) { select.appendChild(el("option", { value: v[0], text: v[1] })); });
  }
  function distinct(getter) {
    var seen = {};
    REPOS.forEach(function (r) { var v = getter(r); if (v) { seen[v] = true; } });
    return Object.keys(seen).sort(function (a, b) { return a.localeCompare(b, data.lang); })
      .map(function (v) { return [v, v]; });
  }
  var F = {
    search: document.getElementById("f-search"), grade: document.getElementById("f-grade"),
    incubator: document.getElementById("f-incubator"), phase: document.getElementById("f-phase"),
    archived: document.getElementById("f-archived"), status: document.getElementById("f-status"),
    size: document.getElementById("f-size")
  };
  options(F.grade, ["A", "B", "C", "D", "E"].map(function (g) { return [g, g]; }), T["html.all"]);
  options(F.incubator, distinct(function (r) { return r.i; }), T["html.all"]);
  options(F.phase, distinct(function (r) { return r.p; }), T["html.all"]);
  options(F.archived, [["yes", T.yes], ["no", T.no]], T["html.all"]);
  options(F.status, [["error", T["html.not_scanned"]], ["ok", T["html.scanned"]]], T["html.all"]);
  F.size.textContent = "";
  [25, 50, 100, 250].forEach(function (n) {
    F.size.appendChild(el("option", { value: String(n), text: String(n) }));
  });
  F.size.value = String(state.size);

  function haystack(r) {
    return [r.n, r.d || "", r.tp || "", r.st || "", r.i || ""].join("\n").toLowerCase();
  }
  var HAY = REPOS.map(haystack);

  function filter() {
    var q = F.search.value.trim().toLowerCase(), g = F.grade.value, inc = F.incubator.value,
        ph = F.phase.value, ar = F.archived.value, st = F.status.value;
    state.rows = [];
    for (var i = 0; i < REPOS.length; i++) {
      var r = REPOS[i];
      if (q && HAY[i].indexOf(q) < 0) { continue; }
      if (g && r.g !== g) { continue; }
      if (inc && r.i !== inc) { continue; }
      if (ph && r.p !== ph) { continue; }
      if (ar && (r.a === true ? "yes" : r.a === false ? "no" : "") !== ar) { continue; }
      if (st === "error" && !r.e) { continue; }
      if (st === "ok" && r.e) { continue; }
      state.rows.push(i);
    }
    state.rows.sort(compare);
    state.page = 0;
    draw();
  }

  var head = document.getElementById("repos-head"), body = document.getElementById("repos-body");
  COLUMNS.forEach(function (col) {
    var button = el("button", { type: "button", text: col[1], "data-key": col[0] });
    button.addEventListener("click", function () {
      if (state.sort === col[0]) { state.dir = -state.dir; } else { state.sort = col[0]; state.dir = 1; }
      state.rows.sort(compare);
      state.page = 0;
      draw();
    });
    head.appendChild(el("th", { scope: "col", "data-key": col[0] }, [button]));
  });

  function cell(col, r, index) {
    var v = col[2](r);
    if (col[0] === "name") {
      var nameLink = el("a", { href: "#r" + index, text: r.n });
      var td = el("td", null, [nameLink]);
      if (r.k === "startup") { td.appendChild(el("small", { text: " · " + T["html.kind.startup"] })); }
      return td;
    }
    if (col[0] === "grade") { return el("td", null, [gradeBadge(r.g)]); }
    if (col[0] === "error") {
      return el("td", { "class": "err", text: v ? T.could_not_scan + T.colon + v : "" });
    }
    if (col[3]) { return el("td", { "class": "num", text: num(v) }); }
    return el("td", { text: v === null ? "" : v });
  }

  function draw() {
    var pages = Math.max(1, Math.ceil(state.rows.length / state.size));
    if (state.page >= pages) { state.page = pages - 1; }
    head.querySelectorAll("th").forEach(function (th) {
      if (th.getAttribute("data-key") === state.sort) {
        th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
      } else { th.removeAttribute("aria-sort"); }
    });
    var start = state.page * state.size, slice = state.rows.slice(start, start + state.size);
    var fragment = document.createDocumentFragment();
    slice.forEach(function (index) {
      var r = REPOS[index];
      fragment.appendChild(el("tr", { "data-index": String(index) },
        COLUMNS.map(function (col) { return cell(col, r, index); })));
    });
    if (!slice.length) {
      fragment.appendChild(el("tr", null, [el("td", { colspan: String(COLUMNS.length), text: T["html.no_match"] })]));
    }
    body.textContent = "";
    body.appendChild(fragment);
    document.getElementById("shown").textContent =
      fmt(T["html.shown"], { count: state.rows.length, total: REPOS.length });
    document.getElementById("p-where").textContent = fmt(T["html.page"], { page: state.page + 1, pages: pages });
    document.getElementById("p-prev").disabled = state.page === 0;
    document.getElementById("p-next").disabled = state.page >= pages - 1;
  }

  document.getElementById("p-prev").textContent = T["html.previous"];
  document.getElementById("p-next").textContent = T["html.next"];
  document.getElementById("p-prev").addEventListener("click", function () { state.page -= 1; draw(); });
  document.getElementById("p-next").addEventListener("click", function () { state.page += 1; draw(); });
  F.search.addEventListener("input", filter);
  [F.grade, F.incubator, F.phase, F.archived, F.status].forEach(function (s) { s.addEventListener("change", filter); });
  F.size.addEventListener("change", function () { state.size = Number(F.size.value); state.page = 0; draw(); });
  document.getElementById("filters").addEventListener("submit", function (e) { e.preventDefault(); });

  function sparkline(scores) {
    var ns = "http://www.w3.org/2000/svg", w = 320, h = 60, step = w / (scores.length - 1);
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "-4 -4 " + (w + 8) + " " + (h + 8));
    svg.setAttribute("class", "spark");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", T["html.trend_repo"]);
    var line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", scores.map(function (s, i) {
      return (i * step).toFixed(1) + "," + (h * (1 - (s || 0) / 100)).toFixed(1);
    }).join(" "));
    svg.appendChild(line);
    return svg;
  }

  function findingItem(f) {
    var rule = RULES[f[0]], extra = f[4] || {};
    var item = el("li", { "class": "s-" + f[1] }, [
      el("div", null, [el("strong", { text: rule[1] }), el("span", { "class": "rule", text: "  " + rule[0] })]),
      el("div", { text: S[f[2]] })
    ]);
    if (f[3].length) {
      item.appendChild(el("div", { "class": "places", text: T.evidence + T.colon + f[3].map(function (p) {
        return S[p[0]] + (p.length > 1 ? ":" + p[1] : "");
      }).join(", ") }));
    }
    if (extra.w !== undefined) { item.appendChild(el("div", { text: T.waived + T.colon + S[extra.w] })); }
    if (f[1] === "f" || f[1] === "r") {
      var remediation = extra.m !== undefined ? S[extra.m] : rule[4];
      if (remediation) { item.appendChild(el("div", { text: T["rule.remediation"] + T.colon + remediation })); }
      item.appendChild(el("div", null, [link(rule[5], T["html.docs"])]));
    }
    return item;
  }

  var detail = document.getElementById("detail-view"), tableView = document.getElementById("table-view"),
      overview = document.getElementById("overview");

  function showDetail(index) {
    var r = REPOS[index];
    detail.textContent = "";
    var back = el("a", { href: "#", "class": "back", text: "← " + T["html.back"] });
    detail.appendChild(back);
    detail.appendChild(el("h2", null, [gradeBadge(r.g), document.createTextNode(" " + r.n)]));
    if (r.d) { detail.appendChild(el("p", { "class": "desc", text: r.d })); }
    var facts = [T.score + " " + num(r.s)];
    if (r.i) { facts.push(T["html.incubator"] + T.colon + r.i); }
    if (r.st) { facts.push(T.startup + T.colon + r.st); }
    if (r.p) { facts.push(T.phase + T.colon + r.p); }
    if (r.tp) { facts.push(T.topic + T.colon + r.tp); }
    if (r.a) { facts.push(T.archived); }
    var line = el("p", { text: facts.join(" · ") + " " });
    if (r.u) { line.appendChild(link(r.u, T["html.open"])); }
    detail.appendChild(line);
    if (r.e) { detail.appendChild(el("p", { "class": "err", text: T.could_not_scan + T.colon + r.e })); }
    detail.appendChild(el("ul", { "class": "cats" }, data.cats.map(function (label, i) {
      return el("li", { text: label + " " + num(r.c[i]) });
    })));
    if (r.pl) {
      var steps = r.pl[2].map(function (p) { return fmt(T.gain, { rule: RULES[p[0]][0], points: p[1].toFixed(1) }); });
      detail.appendChild(el("p", { "class": "plan", text: fmt(T.next, { rules: steps.join(", "), grade: r.pl[0], score: num(r.pl[1]) }) }));
    }
    if (r.h) { detail.appendChild(sparkline(r.h)); }
    STATUS_ORDER.forEach(function (status) {
      var group = r.f.filter(function (f) { return f[1] === status; });
      if (!group.length) { return; }
      detail.appendChild(el("h3", { text: STATUS_TITLE[status] + " (" + group.length + ")" }));
      if (status === "p" || status === "n") {
        detail.appendChild(el("ul", { "class": "compact" }, group.map(function (f) {
          var li = el("li", { text: RULES[f[0]][1] + " — " + S[f[2]] });
          return li;
        })));
      } else {
        detail.appendChild(el("ul", { "class": "findings" }, group.map(findingItem)));
      }
    });
    if (r.o) {
      detail.appendChild(el("h3", { text: T.notices + " (" + r.o.length + ")" }));
      detail.appendChild(el("ul", null, r.o.map(function (n) { return el("li", { text: S[n] }); })));
    }
    overview.hidden = true;
    tableView.hidden = true;
    detail.hidden = false;
    window.scrollTo(0, 0);
  }

  function route() {
    var match = /^#r(\d+)$/.exec(window.location.hash);
    if (match && Number(match[1]) < REPOS.length) {
      showDetail(Number(match[1]));
    } else {
      detail.hidden = true;
      overview.hidden = false;
      tableView.hidden = false;
    }
  }
  window.addEventListener("hashchange", route);
  state.rows.sort(compare);
  draw();
  route();
}());
