"""The HTML dashboard: one self-contained file (no CDN, no request; works offline and on GitHub
Pages) for incubator leads and teams.

The overview (grade distribution, pass rate by category, most failed rules, trends, incubators)
is drawn server-side as inline SVG; the table (sortable, filterable, paginated so 5,000
repositories stay usable) and each repository's detail are drawn by a small script from the
run, embedded as JSON in a ``<script type="application/json">`` block. Repository text reaches
the page only through Jinja2's autoescape or the DOM's ``textContent``; the JSON escapes ``<``,
``>`` and ``&`` so nothing in it can close its block; a strict Content-Security-Policy allows
exactly the page's own script and style, by hash. Strings repeated across repositories (messages,
paths, rule texts) are stored once.
"""

from __future__ import annotations

import base64
import hashlib
import json
import typing as t
from functools import cache

import jinja2
from markupsafe import Markup

from scanner.i18n import CHROME, tr
from scanner.reporters.base import (
    Reporter,
    ReportOptions,
    docs_url,
    one_pass,
    strict,
    visible,
    web_url,
)
from scanner.reporters.groups import startup_name
from scanner.reporters.rollup import (
    Rollup,
    grade_counts,
    grades_text,
    group_label,
    number,
    rollup,
    rule_title,
    startups_text,
)
from scanner.resources import reports_root
from scanner.scoring import CATEGORY_WEIGHTS, GRADES

if t.TYPE_CHECKING:
    from scanner.runs.history import History

_STATUS = {"pass": "p", "fail": "f", "review": "r", "not_applicable": "n", "error": "e"}
#: Chart geometry (SVG user units).
BAR_WIDTH, TREND_WIDTH, TREND_HEIGHT = 300, 600, 120
#: Chrome keys the script needs (besides category names).
_SCRIPT_KEYS = (
    "score", "grade", "rollup.repository", "startup", "phase", "topic", "archived", "error",
    "yes", "no", "html.all", "html.errors_only", "html.shown", "html.page", "html.previous",
    "html.next", "html.back", "html.passed", "html.not_applicable", "html.description",
    "html.open", "html.docs", "html.trend_repo", "html.no_match", "html.kind.startup",
    "to_fix", "to_review", "waived", "errors", "evidence", "rule.remediation", "could_not_scan",
    "colon", "next", "gain", "html.per_page", "html.details",
    "html.scanned", "html.not_scanned", "html.search", "html.incubator", "notices")


class _Strings:
    """Repository text as the page shows it (:func:`visible`), and a table of the distinct
    results that data refer to by index (a run repeats most of its texts)."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.items: list[str] = []

    show = staticmethod(visible)

    def __call__(self, raw: str) -> int:
        text = visible(raw)
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.items)
            self.items.append(text)
        return found


def script_json(value: t.Any) -> str:
    """JSON that can sit inside a ``<script>`` block: nothing in it reads as markup. Its strings
    are already neutralised (:func:`visible`); :func:`strict` would only walk them again."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError:  # a score of NaN in a run built in memory
        text = json.dumps(strict(value), ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@cache
def _environment() -> jinja2.Environment:
    folder = reports_root().joinpath("html")

    def load(name: str) -> str:
        return folder.joinpath(name).read_text("utf-8")

    # autoescape=True for every template, whatever its name (select_autoescape would not
    # escape templates built from strings).
    return jinja2.Environment(loader=jinja2.FunctionLoader(load), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


@cache
def _asset(name: str) -> str:
    return reports_root().joinpath("html").joinpath(name).read_text("utf-8")


def _finding(finding: dict[str, t.Any], rules: dict[str, int], rule_remediation: list[str],
             strings: _Strings) -> list[t.Any]:
    status = "w" if finding["waiver"] else _STATUS.get(finding["status"], "e")
    places = []
    for item in finding["evidence"]:
        path = item.get("path")
        if isinstance(path, str) and path:
            line = item.get("line")
            place = [strings(path)]
            if isinstance(line, int):
                place.append(line)
            if place not in places:
                places.append(place)
    index = rules[finding["rule"]]
    remediation = strings.show(finding["remediation"] or "")
    entry: list[t.Any] = [index, status, strings(finding["message"]), places[:20]]
    extra: dict[str, t.Any] = {}
    if remediation != rule_remediation[index]:
        extra["m"] = strings(remediation)
    if finding["waiver"]:
        waiver = finding["waiver"]
        extra["w"] = strings(" · ".join(
            str(waiver.get(k, "")) for k in ("expires", "approved_by", "justification")))
    if extra:
        entry.append(extra)
    return entry


def _rule_table(run: dict[str, t.Any], language: str,
                strings: _Strings) -> tuple[list[str], list[list[t.Any]], list[str]]:
    described = dict(run.get("rules") or {})
    for card in run["scorecards"]:
        for finding in card["findings"]:
            if finding["rule"] not in described:
                described[finding["rule"]] = {"id": finding["rule"],
                                              "category": finding["category"],
                                              "severity": finding["severity"]}
    ids = sorted(described)
    table = []
    remediations = []
    for rule in ids:
        data = described[rule]
        remediation = (data.get("remediation") or {}).get(language) or ""
        remediations.append(strings.show(remediation))
        table.append([strings.show(rule), strings.show(rule_title(run, rule)),
                      strings.show(str(data.get("category", ""))),
                      strings.show(str(data.get("severity", "warning"))), strings.show(remediation),
                      strings.show(docs_url({"id": rule, **data}))])
    return ids, table, remediations


def _repository(item: t.Any, rules: dict[str, int], remediations: list[str], strings: _Strings,
                history: History | None, language: str) -> dict[str, t.Any]:
    card = item.card
    repository = card["repository"]
    startup = card.get("startup") or {}
    incubator = startup.get("incubator") or {}
    entry: dict[str, t.Any] = {
        "n": strings.show(item.name), "s": card["score"], "g": card["grade"],
        "c": [card["categories"].get(c, {}).get("score") for c in CATEGORY_WEIGHTS],
        "f": [_finding(f, rules, remediations, strings) for f in card["findings"]],
    }
    url = web_url(repository.get("url"))
    show = strings.show
    optional = {
        "u": show(url) if url else None,
        "d": show(str(repository["description"])) if repository.get("description") else None,
        "i": show(str(incubator.get("title") or incubator.get("id") or "")) or None,
        "st": show(str(startup.get("name") or startup.get("id") or "")) or None,
        "p": show(str(startup["phase"])) if startup.get("phase") else None,
        "tp": show(" ".join(map(str, repository.get("topics") or []))) or None,
        "a": repository.get("archived") if isinstance(repository.get("archived"), bool) else None,
        "e": show(str(card["error"])) if card["status"] != "ok" else None,
        "k": "startup" if card.get("kind") == "startup" else None,
    }
    entry.update({k: v for k, v in optional.items() if v is not None})
    notices = [*map(str, card.get("notices") or []), *(
        f"{p.get('path')}{':' + str(p['line']) if p.get('line') else ''}: "
        f"{p.get('message_fr') if language == 'fr' and p.get('message_fr') else p.get('message')}"
        for p in card.get("problems") or [] if isinstance(p, dict))]
    if notices:
        entry["o"] = [strings(n) for n in notices]
    if item.plan:
        entry["pl"] = [item.plan.grade, item.plan.score,
                       [[rules[f.rule], f.gain] for f in item.plan.fixes]]
    if history:
        series = history.series(item.name)
        if len(series) > 1:
            entry["h"] = [score for _, score in series]
    return entry


def _pass_rates(run: dict[str, t.Any]) -> list[tuple[str, float | None]]:
    """Per category, the share of evaluated checks (pass, fail, to review) that pass, from the
    scorecards' own tallies."""
    passed = dict.fromkeys(CATEGORY_WEIGHTS, 0)
    total = dict.fromkeys(CATEGORY_WEIGHTS, 0)
    for card in run["scorecards"]:
        if card["status"] != "ok" or card.get("kind", "repository") != "repository":
            continue
        for category in CATEGORY_WEIGHTS:
            tally = card["categories"].get(category) or {}
            passed[category] += tally.get("pass", 0)
            total[category] += sum(tally.get(k, 0) for k in ("pass", "fail", "review"))
    return [(c, round(100 * passed[c] / total[c], 1) if total[c] else None)
            for c in CATEGORY_WEIGHTS]


def _bars(values: t.Sequence[tuple[str, float | None]], top: float) -> list[dict[str, t.Any]]:
    return [{"label": label, "value": value,
             "width": 0 if not value or not top else max(1, round(BAR_WIDTH * value / top))}
            for label, value in values]


def _trend(history: History | None) -> dict[str, t.Any] | None:
    if not history or len(history.points) < 2:
        return None
    points = history.points
    step = TREND_WIDTH / (len(points) - 1)
    coords = [(round(i * step, 1), round(TREND_HEIGHT * (1 - (p.mean or 0) / 100), 1))
              for i, p in enumerate(points)]
    return {"points": " ".join(f"{x},{y}" for x, y in coords),
            "dots": [{"x": x, "y": y, "when": p.when, "mean": number(p.mean)}
                     for (x, y), p in zip(coords, points, strict=True)],
            "first": points[0].when, "last": points[-1].when,
            "notices": history.notices}


def _overview(run: dict[str, t.Any], view: Rollup, language: str,
              history: History | None) -> dict[str, t.Any]:
    cards = [c for c in run["scorecards"] if c.get("kind", "repository") == "repository"]
    grades = grade_counts(cards)
    errors = sum(1 for c in cards if c["status"] != "ok")
    grade_values: list[tuple[str, float | None]] = [(g, float(grades[g])) for g in GRADES]
    grade_values.append((tr("html.not_scanned", language), float(errors)))
    failed = [(rule, float(count)) for rule, count in view.most_failed]
    groups = []
    for group, _ in view.groups or []:
        groups.append({
            "title": group_label(group, language, visible), "startups": len(group.startups),
            "repositories": len(group.repositories), "mean": number(group.mean_score),
            "grades": grades_text(group.grades),
            "lacking": [visible(startup_name(c)) for c in group.startups
                        if c.get("open_code") is False],
        })
    return {
        "grades": _bars(grade_values, max((v or 0 for _, v in grade_values), default=0)),
        "rates": _bars([(tr(f"category.{c}", language), v) for c, v in _pass_rates(run)], 100),
        "failed": [dict(bar, title=rule_title(run, bar["label"]))
                   for bar in _bars(failed, max((v or 0 for _, v in failed), default=0))],
        "trend": _trend(history), "groups": groups,
    }


class HtmlReporter(Reporter):
    name = "html"
    extension = "html"
    media_type = "text/html"
    help = "a self-contained HTML dashboard: overview charts, sortable table, details, trends"

    @one_pass()
    def render(self, run: dict[str, t.Any], *, color: bool = False,
               options: ReportOptions | None = None) -> str:
        language = run["language"]
        history = options.history if options else None
        view = rollup(run, options)
        strings = _Strings()
        ids, table, remediations = _rule_table(run, language, strings)
        rules = {rule: i for i, rule in enumerate(ids)}
        repositories = [_repository(item, rules, remediations, strings, history, language)
                        for item in view.rows]
        chrome = {key: CHROME[key].get(language, CHROME[key]["en"]) for key in _SCRIPT_KEYS}
        data = {"lang": language, "t": chrome,
                "cats": [tr(f"category.{c}", language) for c in CATEGORY_WEIGHTS],
                "rules": table, "s": strings.items, "repos": repositories}
        script, style = _asset("report.js"), _asset("report.css")
        csp = (f"default-src 'none'; script-src {_csp_hash(script)}; "
               f"style-src {_csp_hash(style)}; img-src data:; base-uri 'none'; form-action 'none'")
        summary = run["summary"]
        page = _environment().get_template("report.html.j2").render(
            lang=language, t=lambda key, **values: tr(key, language, **values),
            csp=csp, style=Markup(style), script=Markup(script),
            data=Markup(script_json(data)), run=run, summary=summary,
            mean=number(summary["mean_score"]),
            startups=(startups_text(summary["startups"], language)
                      if summary.get("startups") else None),
            overview=_overview(run, view, language, history),
            ruleset=visible(str(run["ruleset"].get("name", ""))),
            bar_width=BAR_WIDTH, trend_width=TREND_WIDTH, trend_height=TREND_HEIGHT)
        return page
