"""Where a repository *points at* its API description: publiccode.yml and the README.

``description.<lang>.apiDocumentation`` in publiccode.yml is the standard place; READMEs link
Swagger UI, Redoc or a raw ``openapi.json``. The publiccode facts are read when the publiccode
collector exposes them (several shapes are accepted while that section grows); otherwise
publiccode.yml is parsed here, quietly (its problems are that collector's to report).
"""

from __future__ import annotations

import re
import typing as t
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from scanner.errors import ParseError
from scanner.parsing import load_yaml

README_NAMES = ("readme.md", "readme", "readme.rst", "readme.txt", "readme.adoc", "readme.fr.md",
                "lisezmoi.md", "readme.en.md")
PUBLICCODE_NAMES = ("publiccode.yml", "publiccode.yaml")
#: Longest README text searched for links.
MAX_README_CHARS = 512 * 1024
MAX_LINKS = 10

# Bounded quantifiers only: these run over untrusted text.
_URL = re.compile(r"https?://[^\s<>()\[\]\"'`]{1,300}")
# A link is to a description or its rendered documentation, never merely to a host serving an
# API (``https://particulier.api.gouv.fr`` is a base URL, not its description): api.gouv.fr
# counts only for its catalogue and documentation pages.
_DOC_HINT = re.compile(r"swagger|openapi|open-api|redoc|api-docs|apidocs|/api/docs|/docs/api"
                       r"|asyncapi|rapidoc|scalar|/api/schema|(?:^|//)(?:www\.)?api\.gouv\.fr/"
                       r"(?:les-api|documentation|catalogue)/", re.IGNORECASE)
# Headings and lead-in lines about APIs the application *calls* (their links are not its own).
_CONSUMED = re.compile(r"extern|ext[ée]rieur|third[- ]party|tierce|partenaire|consomm|consum"
                       r"|d[ée]pendanc|dependenc|utilis[ée]e?s\b|\bused\b", re.IGNORECASE)
_CONSUMED_LEAD = re.compile(r"fait appel|font appel|appelle|\bcalls\b|\buses\b|utilise\b",
                            re.IGNORECASE)
# A sentence naming where the application's data comes from: "proviennent de l'[API Entrepôt]"
_CONSUMED_LINE = re.compile(r"provien|fait appel|font appel|consomm|\bconsumes?\b|\bcomes? from"
                            r"|fetch(?:es|ed)? from|r[ée]cup[èée]r", re.IGNORECASE)
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.{0,300})$")
# A sentence setting this project apart from the API it links: "Ce fournisseur de données est
# inspiré de l'API Impôt particulier [...] mais n'est pas ISO fonctionnel avec l'API de production
# [...] nous vous recommandons de ne pas utiliser ce projet mais plutôt de vous référer à
# https://api.gouv.fr/les-api/impot-particulier" (france-connect/data-provider-example README.md:12):
# the link is another service's API, not a description of this repository's.
_OTHER_API = re.compile(
    r"inspir[ée]e?s?[ \t]{1,5}(?:de|du|des|par)\b|\binspired[ \t]{1,5}by\b"
    r"|\bn'est[ \t]{1,5}pas[ \t]{1,5}(?:iso|[ée]quivalente?|compatible|identique)"
    r"|\bis[ \t]{1,5}not[ \t]{1,5}(?:iso|equivalent|compatible|identical|affiliated)"
    r"|\bne[ \t]{1,5}pas[ \t]{1,5}utiliser[ \t]{1,5}(?:ce|cet|cette)[ \t]{1,5}"
    r"(?:projet|d[ée]p[ôo]t|service|outil|application)"
    r"|\b(?:do[ \t]{1,5}not|don't)[ \t]{1,5}use[ \t]{1,5}this[ \t]{1,5}"
    r"(?:project|repository|service|tool|application)"
    r"|\binstead[ \t]{1,5}of[ \t]{1,5}this\b|\bau[ \t]{1,5}lieu[ \t]{1,5}de[ \t]{1,5}ce",
    re.IGNORECASE)
# The tools' and the standards' own sites (a credit "[swagger-ui](https://swagger.io/tools/...)"):
# never a repository's description, unless they display one (``?url=`` of the hosted viewers).
# The generators' sites and their sample servers (petstore.swagger.io, in the stock README
# OpenAPI Generator writes: ansforge/psc-secpsc-api README.md:8,23) are no description either.
_TOOL_LINK = re.compile(r"github\.com/(?:swagger-api|OAI|OpenAPITools|asyncapi|Redocly|scalar)/"
                        r"|//(?:[\w-]{1,60}\.)?(?:swagger\.io|openapis\.org"
                        r"|asyncapi\.com|redocly\.com|redoc\.ly|scalar\.com|stoplight\.io"
                        r"|openapi-generator\.tech)(?::\d{1,5})?(?:/|$)",
                        re.IGNORECASE)
# Hosts no reuser reaches: the developer's own machine and the RFC 2606/6761 example and test
# names. "http://localhost:8080/swagger-ui.html" says where a running copy serves its generated
# description (the generator is evidence of its own), not where a description is published.
_UNPUBLISHED_HOST = re.compile(r"^(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|0\.0\.0\.0|\[?::1\]?"
                               r"|.*\.(?:localhost|local|test|invalid|example)"
                               r"|(?:.*\.)?example\.(?:com|org|net))$", re.IGNORECASE)
# A JSON member whose value is a string: ``"swagger": "http://..."`` in a sample response.
_JSON_VALUE = re.compile(r'^[ \t]*"[^"]{1,100}"[ \t]*:[ \t]*"')
_LOCAL_LINK = re.compile(r"\]\(\s*\.?/?([^)\s#?]{1,300}\.(?:ya?ml|json))\s*[)#?]", re.IGNORECASE)


def readme_paths(paths: Iterable[str]) -> list[str]:
    """Root README files, the canonical one first."""
    by_lower = {p.lower(): p for p in paths if "/" not in p}
    return [by_lower[name] for name in README_NAMES if name in by_lower][:2]


_FENCE = re.compile(r"^[ \t]{0,3}(?:```|~~~)")


def _lines(text: str) -> t.Iterator[tuple[int, str, list[tuple[int, str, int]], str]]:
    """``(number, line, headings, kind)`` over a Markdown text: ``headings`` is the stack of
    ``(level, title, line)`` the line sits under, ``kind`` is ``heading``, ``code`` (a fenced block:
    its ``#`` lines are comments, not headings) or ``text``."""
    headings: list[tuple[int, str, int]] = []
    fenced = False
    for number, line in enumerate(text[:MAX_README_CHARS].splitlines(), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            yield number, line, headings, "code"
            continue
        heading = None if fenced else _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            headings = [*(h for h in headings if h[0] < level), (level, heading.group(2).strip(), number)]
        yield number, line, headings, "heading" if heading else "code" if fenced else "text"


def _about_consumed(headings: Sequence[tuple[int, str, int]]) -> bool:
    """Whether a section is about APIs the application calls. The document's title is the
    repository's name ("# api-partenaires": an API *for* partners), never such a heading."""
    return any(_CONSUMED.search(title) for level, title, line in headings
               if not (level == 1 and line <= 3))


def readme_links(path: str, text: str) -> list[dict[str, t.Any]]:
    """Links from a README to an API description or its rendered documentation.

    Links under a heading about the APIs the application calls ("API externes"), or in a
    paragraph introduced as such ("L'application fait appel aux API suivantes :"), are not its
    own description; nor is one on a line setting the project apart from the API it links
    ("inspiré de l'API X mais n'est pas ISO fonctionnel", "do not use this project").
    """
    found: list[dict[str, t.Any]] = []
    seen: set[str] = set()
    lead_in = ""  # the paragraph's first line
    for line_number, line, headings, kind in _lines(text):
        if len(found) >= MAX_LINKS:
            break
        if kind == "heading" or not line.strip():
            lead_in = ""
            continue
        consumed_section = _about_consumed(headings)
        introduced = bool(lead_in) and lead_in.rstrip().endswith(":") and bool(
            _CONSUMED.search(lead_in) or _CONSUMED_LEAD.search(lead_in))
        lead_in = lead_in or line
        if consumed_section or introduced or _CONSUMED_LINE.search(line) or _OTHER_API.search(line):
            continue
        urls = [m.group(0).rstrip(".,;:!") for m in _URL.finditer(line)]
        for url in urls:
            # The line may carry the hint ("API documentation: https://...") only when it
            # holds that one URL; otherwise the URL itself must say it.
            hinted = _DOC_HINT.search(url) or (len(urls) == 1 and _DOC_HINT.search(line))
            if url in seen or not hinted:
                continue
            if _TOOL_LINK.search(url) and "url=" not in url:
                continue  # links to the tools or the standard, not to this API
            if _unpublished(url):
                continue  # a running copy on the developer's machine, an example's address
            if kind == "code" and _JSON_VALUE.search(line):
                continue  # a value in a sample response ("swagger": "http://localhost...")
            seen.add(url)
            found.append({"source": "readme", "path": path, "line": line_number, "url": url})
        for match in _LOCAL_LINK.finditer(line):
            target = match.group(1)
            if (_DOC_HINT.search(target) or _DOC_HINT.search(line)) and target not in seen:
                seen.add(target)
                found.append({"source": "readme", "path": path, "line": line_number,
                              "target": target})
    return found


def _unpublished(url: str) -> bool:
    """Whether a link's host is local or an example's (no reuser can open it)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    return bool(_UNPUBLISHED_HOST.match(host))


def _walk_api_documentation(content: t.Any) -> list[str]:
    description = content.get("description") if isinstance(content, dict) else None
    urls: list[str] = []
    if isinstance(description, dict):
        for lang in sorted(description):
            block = description[lang]
            value = block.get("apiDocumentation") if isinstance(block, dict) else None
            if isinstance(value, str) and value.strip() and value.strip() not in urls:
                urls.append(value.strip())
    return urls


def publiccode_view(section: Mapping[str, t.Any] | None,
                    parsed: t.Any = None) -> dict[str, t.Any]:
    """``{softwareType, apiDocumentation: [...]}`` from the publiccode facts or a parsed file.

    Accepted fact shapes: ``api_documentation`` / ``apiDocumentation`` (string or list),
    ``software_type`` / ``softwareType``, or the parsed document under ``content``,
    ``document``, ``data`` or ``value``.
    """
    view: dict[str, t.Any] = {"software_type": None, "api_documentation": []}
    sources: list[t.Any] = []
    if isinstance(section, Mapping):
        sources.append(section)
        sources.extend(section.get(k) for k in ("content", "document", "data", "value", "parsed"))
    sources.append(parsed)
    for source in sources:
        if not isinstance(source, Mapping):
            continue
        for key in ("software_type", "softwareType"):
            if view["software_type"] is None and isinstance(source.get(key), str):
                view["software_type"] = source[key].strip()
        for key in ("api_documentation", "apiDocumentation"):
            value = source.get(key)
            values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
            for item in values:
                if isinstance(item, str) and item.strip() not in view["api_documentation"]:
                    view["api_documentation"].append(item.strip())
        for url in _walk_api_documentation(source):
            if url not in view["api_documentation"]:
                view["api_documentation"].append(url)
    return view


def parse_publiccode(path: str, data: bytes | None) -> t.Any:
    """The parsed publiccode.yml, or ``None`` if absent or unparseable (reported elsewhere)."""
    if data is None:
        return None
    try:
        return load_yaml(data, path=path).value
    except ParseError:
        return None


# A heading about the repository's own API or its endpoints ("## 🔌 API", "## API usage").
_API_HEADING = re.compile(r"\bAPIs?\b|\bendpoints?\b|\broutes\b|points? d'entr[ée]e|web ?services?",
                          re.IGNORECASE)
# "`GET` on `/api/checks`", "GET /api/v1/users", "`POST /api/evaluations`"
_METHOD_PATH = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE)\b`?[ \t]{1,5}(?:on[ \t]{1,5}|sur[ \t]{1,5})?"
                          r"`?(/[^\s`'\")<>]{0,200})")
# The service run locally: "curl -X POST http://localhost:8000/api/checks", "localhost:8001/api/x"
_LOCAL = re.compile(r"(?<![\w.\-])(?:localhost|127\.0\.0\.1|0\.0\.0\.0)(?::\d{1,5})?"
                    r"(/[^\s'\"`)<>]{1,200})")
# A path quoted as code in an API section: `/api/<hash>`, `/v1/items`, or one taking a query
# (`/apify?url=...`); a bare `/dashboard` may be a page of the front end.
_CODE_PATH = re.compile(r"`(/(?:api|v\d{1,2})(?:[/?][^`\s]{0,200})?|/[A-Za-z][\w.\-/]{0,100}"
                        r"\?[\w\-]{1,40}=[^`\s]{0,200})`")
# A command calling the service (not a sample response's value).
_COMMAND = re.compile(r"\b(?:curl|wget|http|httpie|xh)\b[ \t]|fetch\(|requests\.|^[ \t]*\$[ \t]",
                      re.IGNORECASE)
# The API's base path alone ("accessible au point `/api`"), not an endpoint.
_BASE_PATH = re.compile(r"^/(?:(?:api|apis|rest)(?:/v\d{1,2})?|v\d{1,2})/?$", re.IGNORECASE)
# A path segment standing for a value: {id}, <id>, :id, [id], a UUID, a hash or a number.
_VARIABLE = re.compile(r"^(?:\{[^}]*\}|<[^>]*>|:\w+|\[[^\]]*\]|\d+|[0-9a-f]{8,}"
                       r"|[0-9a-f]{8}-[0-9a-f\-]{4,60})$", re.IGNORECASE)
#: Distinct endpoints a README section must list to show the repository serves an API.
MIN_ENDPOINTS = 2
# An endpoint documented field by field (the "URL : `/tags/`" then "Method : `POST`" template of
# numerique-gouv/pseudo_api README.md:34-36): the label says it is an endpoint, even "/".
_LABELLED = re.compile(r"^[ \t>*_-]{0,8}(?:URL|Endpoint|Route|Path|Chemin)[*_ \t]{0,6}:[*_ \t]{0,6}"
                       r"`(/[^`\s]{0,200})`", re.IGNORECASE)
_LABELLED_METHOD = re.compile(r"^[ \t>*_-]{0,8}(?:Method|M[ée]thode)[*_ \t]{0,6}:[*_ \t]{0,6}"
                              r"`(GET|POST|PUT|PATCH|DELETE)`", re.IGNORECASE)
# A sentence introducing the list of this service's routes ("Une fois doté de ce header vous pouvez
# appeler les routes suivantes :", annuaire-entreprises-data-gouv-fr/api-proxy README.md:33):
# the full URLs listed after it, until the next heading, are its endpoints.
_OWN_LIST = re.compile(r"\b(?:vous pouvez|on peut|you can|you may)[ \t]+(?:appeler|interroger"
                       r"|utiliser|call|query|use)[ \t]+(?:les|the)[ \t]+(?:routes|endpoints"
                       r"|points d'(?:acc[èe]s|entr[ée]e))[ \t]+(?:suivant|following)"
                       r"|\bthe following (?:routes|endpoints) (?:are|is) (?:available|served|exposed)"
                       r"|\b(?:routes|endpoints|points d'acc[èe]s) suivant(?:e?s)? (?:sont|est) "
                       r"(?:disponibles?|expos[ée]e?s?)", re.IGNORECASE)


def readme_api_evidence(path: str, text: str) -> list[dict[str, t.Any]]:
    """Strong evidence when a README section about the repository's own API lists endpoints.

    Only sections titled after an API, endpoints or routes count (or a list introduced as the
    routes one can call: "vous pouvez appeler les routes suivantes :"), never one about the APIs
    the application calls; endpoints are ``METHOD /path`` lines, ``curl`` calls to localhost,
    ``/api/...`` paths quoted as code and paths documented field by field ("URL : `/tags/`").
    Paths only: a URL to another host is not this API, unless the list is introduced as this
    service's routes. A message names the section documenting the API below the README's title.
    """
    sections: dict[int, tuple[str, list[str]]] = {}  # line of the top API heading -> endpoints
    paths: dict[str, str] = {}  # each endpoint counted once, however often it is shown
    cited: dict[int, tuple[int, str, int]] = {}  # the heading named for each section
    listed_under: tuple[int, str, int] | None = None  # the heading of a list introduced as ours
    labelled: tuple[list[str], int, str] | None = None  # the last "URL : `/x`" awaiting its method
    for _number, line, headings, kind in _lines(text):
        if kind == "heading" or not headings or len(line) > 2000:
            listed_under = labelled = None
            continue
        if _about_consumed(headings):
            continue
        if kind == "text" and _OWN_LIST.search(line) and not _CONSUMED_LEAD.search(line):
            listed_under = headings[-1]
        method = _LABELLED_METHOD.match(line) if kind == "text" else None
        if method and labelled is not None:
            # "URL : `/tags/`" then "Method : `POST`": shown as "POST /tags/".
            where, index, shown = labelled
            where[index] = paths[_endpoint_key(shown)] = f"{method.group(1).upper()} {shown}"
            labelled = None
            continue
        top, cite = _api_headings(headings, listed_under)
        if top is None or cite is None:
            continue
        endpoints = sections.setdefault(top[2], (top[1], []))[1]
        before = len(endpoints)
        found = [(m.group(2), f"{m.group(1)} {m.group(2)}") for m in _METHOD_PATH.finditer(line)]
        label = _LABELLED.match(line) if kind == "text" else None
        if label:
            key = _endpoint_key(label.group(1))
            if key not in paths:
                paths[key] = label.group(1)
                endpoints.append(label.group(1))
                labelled = (endpoints, len(endpoints) - 1, label.group(1))
                cited.setdefault(top[2], cite)
            continue
        if listed_under is not None:
            # Full URLs listed after the lead-in: their paths are this service's routes.
            found += [(m.group(1), m.group(1)) for m in _FULL_URL.finditer(line)]
        if kind == "text" or _COMMAND.search(line):  # not a value in a sample response
            found += [(m.group(1), m.group(1)) for m in _LOCAL.finditer(line)
                      if _web_url(line[:m.start()])]
        if kind == "text":
            found += [(m.group(1), m.group(1)) for m in _CODE_PATH.finditer(line)
                      if not _BASE_PATH.match(m.group(1))]
        for endpoint, shown in found:
            # A sentence's full stop after an address ("…on http://127.0.0.1:8000/.") is no path,
            # nor is the quote closing it (etalab/rna_as_api: ´localhost:3000/v1/full_text/X´).
            endpoint, shown = endpoint.rstrip(_AFTER_PATH), shown.rstrip(_AFTER_PATH)
            if endpoint in ("", "/"):
                continue
            key = _endpoint_key(endpoint)
            if key not in paths:
                paths[key] = shown.split("?", 1)[0]
                endpoints.append(paths[key])
        if len(endpoints) > before:
            cited.setdefault(top[2], cite)
    evidence = []
    for top_line, (_title, endpoints) in sections.items():
        if endpoints:
            _level, title, heading_line = cited[top_line]
            # Examples, never a count: a README's list cannot be counted exactly (methods on one
            # path, examples of a templated one...).
            examples = ", ".join(e[:80] for e in sorted(endpoints, key=lambda e: " " not in e)[:2])
            served = [e for e in endpoints if not side_endpoint(e)]
            if not served:
                evidence.append(_side_list(path, heading_line, title[:80], endpoints))
                continue
            evidence.append({
                "kind": "readme",
                "strength": "strong" if len(served) >= MIN_ENDPOINTS else "weak",
                "path": path, "line": heading_line, "title": title[:80],
                "endpoints": endpoints[:50],
                "detail": f"{path}:{heading_line} section \"{title[:80]}\" lists endpoint "
                          f"paths of this repository's API (e.g. {examples})",
                "detail_fr": f"la section « {title[:80]} » de {path}:{heading_line} liste des "
                             f"chemins de points d'accès de l'API de ce dépôt (par ex. "
                             f"{examples})"})
    return evidence[:3]


# Endpoints that are no API offered to others: health, readiness and liveness probes and metrics
# ("GET /health", SocialGouv/classifia README.md:79), under an /api or version prefix or not.
_PROBE = re.compile(r"^(?:/(?:api|apis|rest|v\d{1,2}))*/_{0,2}(?:health|healthz|healthcheck"
                    r"|health-check|ping|ready|readyz|readiness|live|livez|liveness|status"
                    r"|metrics|actuator(?:/[\w-]{1,40})?)/?$", re.IGNORECASE)
# A path segment receiving another service's calls: "POST /crisp/webhook/message-updated?secret=
# {CRISP_WEBHOOK_SECRET}" (SocialGouv/classifia README.md:87: « Reçoit les notifications de webhook
# de Crisp »), "/webhooks/stripe", "/auth/callback/proconnect", "/paybox/notify".
_HOOK_SEGMENT = re.compile(r"^(?:(?:web)?hooks?|callbacks?|notify|ipn)$", re.IGNORECASE)
# Segments naming no provider or event: the API's own prefixes.
_PREFIX_SEGMENT = re.compile(r"^(?:api|apis|rest|v\d{1,2})$", re.IGNORECASE)


def _endpoint_path(endpoint: str) -> str:
    """The path of ``POST /x?y=1`` or ``/x``, without its query."""
    words = endpoint.split()
    return (words[-1] if words else endpoint).split("?", 1)[0]


def side_endpoint(endpoint: str) -> bool:
    """Whether a listed endpoint is no API offered to others: a health check or metrics, or an
    incoming hook of a named provider or event (a hook segment beside a segment naming it:
    ``/crisp/webhook/message-updated``). ``/api/v1/webhooks/{id}``, where reusers register their
    own webhooks, names none: it stays an endpoint of the API."""
    path = _endpoint_path(endpoint)
    if _PROBE.match(path):
        return True
    parts = [p for p in path.split("/") if p]
    for index, part in enumerate(parts):
        if _HOOK_SEGMENT.match(part):
            near = parts[max(index - 1, 0):index] + parts[index + 1:index + 2]
            if any(not (_PREFIX_SEGMENT.match(n) or _VARIABLE.match(n)) for n in near):
                return True
    return False


def _side_list(path: str, line: int, title: str, endpoints: Sequence[str]) -> dict[str, t.Any]:
    """A README endpoint list set aside: only health checks, metrics or incoming hooks."""
    shown = ", ".join(e[:80] for e in endpoints[:3])
    where = f"{path}:{line}"
    return {"kind": "readme", "strength": "none", "path": path, "line": line, "title": title,
            "endpoints": list(endpoints[:50]),
            "detail": f"{where} section \"{title}\" lists only health checks, metrics or hooks "
                      f"receiving another service's calls ({shown}), not an API offered to others",
            "detail_fr": f"la section « {title} » de {where} ne liste que des contrôles de santé, "
                         "des métriques ou des points de réception des appels d'un autre service "
                         f"({shown}), pas une API proposée à d'autres"}


# The path of a full URL on a line listing routes: "https://rncs-proxy.api.gouv.fr/status/imr/api".
#: Punctuation and quotes that close a sentence or a quotation after a path, never part of it.
_AFTER_PATH = ".,;:!?´’‘'\"»«)`"
_FULL_URL = re.compile(r"\bhttps?://[\w.\-]{1,200}(?::\d{1,5})?(/[^\s'\"`)<>]{1,200})")


Heading = tuple[int, str, int]


def _api_headings(headings: Sequence[Heading], listed_under: Heading | None
                  ) -> tuple[Heading | None, Heading | None]:
    """The outermost heading about an API over a line, else the one of a list introduced as the
    service's routes (the section its endpoints count in), and the one a message cites: below
    the document's title ("# Pseudo API", the repository's name), the section that documents the
    API ("## API Description") or lists its routes, when there is one."""
    about = [h for h in headings if _API_HEADING.search(h[1])]
    inner = [h for h in about if not (h[0] == 1 and h[2] <= 3)]
    top = about[0] if about else listed_under
    return top, inner[0] if inner else listed_under or top


def _web_url(before: str) -> bool:
    """Whether a localhost address is a web one: ``redis://localhost:6379/1`` or
    ``postgres://user@localhost/db`` is a database, not an endpoint."""
    token = re.split(r"[\s'\"(`<=,]", before[-200:])[-1].lower()
    return "://" not in token or token.startswith(("http://", "https://"))


def _endpoint_key(endpoint: str) -> str:
    """One key per endpoint path: ``/api/items/{id}``, ``/api/items/:id`` and an example
    ``/api/items/f868cca6-...`` are one path."""
    bare = endpoint.split("?", 1)[0].rstrip("/") or "/"
    return "/".join("*" if _VARIABLE.match(part) else part.lower() for part in bare.split("/"))


# "happy_vLLM is a REST API for vLLM" (France-Travail/happy_vllm README.md:16), "X est une API REST
# qui..." : the README says what the repository itself is. A client of an API ("a Python client
# for the REST API") or a wrapper says nothing of the kind: only adjectives may stand between.
_IS_AN_API = re.compile(
    r"^[ \t]{0,3}(?:\*\*)?(?:[\w.\-]{1,60}[ \t]){0,2}[\w.\-]{1,60}(?:\*\*)?[ \t]+(?:is|est)[ \t]+"
    r"(?:a|an|une?)[ \t]+"
    r"(?:(?:simple|small|lightweight|open[- ]source|public|publique|petite?|minimal)[ \t]+){0,2}"
    r"(?:(?:REST(?:ful)?|HTTP|JSON|web)[ \t]+API|API[ \t]+(?:REST(?:ful)?|HTTP|JSON|web))\b"
    r"(?![ \t]+(?:client|wrapper|sdk|library|librairie|biblioth|mock|explorer|tester))",
    re.IGNORECASE)


# A feature list's item saying the service offers a public API: "- [x] 🔑 Public API via PAT
# generation" (betagouv/tell-me README.md:43, its roadmap's done items). Not an item still to do
# ("- [ ] Public API"), nor another's API ("Public API of data.gouv.fr") or a client of one; a
# line about an API the application calls is left out by the callers' consumed-API checks.
_PUBLIC_API_ITEM = re.compile(
    r"^[ \t]{0,6}(?:[-*+]|\d{1,3}[.)])[ \t]{1,4}(?:\[[xX]\][ \t]{1,4})?(?:[^\w\s\[]{1,8}[ \t]{0,3})?"
    r"(?:\*\*|__)?((?:(?:a|an|une?)[ \t]{1,3})?(?:public[ \t]{1,3}API|API[ \t]{1,3}publique)\b"
    r"(?![ \t]{1,3}(?:of|de|du|des|d'|from|client|wrapper|sdk|library|librairie|biblioth)\b)"
    r"[^\n]{0,100})", re.IGNORECASE)


# A sentence saying the repository offers its API to others: "Notre API publique permet de créer
# de lettres de voiture à nos utilisateur." (MTES-MCT/fluctuat README.md:45), "our public API",
# "X propose une API publique", "exposes a REST API". Not "our API key" (to another service), nor
# "a Python API" (a library's functions), nor a client of it.
_NOT_SERVED = (r"(?![ \t]{1,3}(?:keys?|tokens?|clients?|credentials|wrappers?|sdk|cl[ée]s?|jetons?"
               r"|python|java|javascript|js|typescript|ruby|php|go|rust|c\+\+|c#|r)\b)")
_OFFERS_API = re.compile(
    r"\b(?:notre|nos|our)[ \t]{1,3}(?:(?:public|open|REST(?:ful)?|HTTP|web)[ \t]{1,3})?APIs?\b"
    + _NOT_SERVED +
    r"|\b(?:propos|expos|fourni|offr|met[ \t]{1,3}[àa][ \t]{1,3}disposition|provid|offer)\w{0,4}"
    r"[ \t]{1,3}(?:(?:aussi|[ée]galement|also)[ \t]{1,3})?(?:une|an?)[ \t]{1,3}(?:API[ \t]{1,3}"
    r"(?:publique|ouverte|REST(?:ful)?|HTTP|web)|(?:public|open|REST(?:ful)?|HTTP|web)[ \t]{1,3}"
    r"API)\b" + _NOT_SERVED, re.IGNORECASE)
# Asking the team for access to the API: "Vous pouvez demander un accès à l'API en nous envoyant un
# email" (MTES-MCT/fluctuat README.md:48). Only with "nous"/"us": an API key obtained from another
# service ("demander une clé à l'INSEE") is that service's API.
_ACCESS_REQUEST = re.compile(
    r"\bdemand\w{0,4}[ \t]{1,3}(?:un[ \t]{1,3})?acc[èe]s[ \t]{1,3}[àa][ \t]{1,3}(?:l'|l’|notre[ \t]{1,3})"
    r"API\b|\brequest[ \t]{1,3}(?:an?[ \t]{1,3})?access[ \t]{1,3}to[ \t]{1,3}(?:the|our)[ \t]{1,3}API\b",
    re.IGNORECASE)
_US = re.compile(r"\b(?:nous|us|contact\w{0,4})\b", re.IGNORECASE)
# A section heading naming the repository's public API: "### Api publique" (MTES-MCT/fluctuat
# README.md:43), "## Public API", "## API ouverte" ("Open API" may be OpenAPI, the standard).
_PUBLIC_API_HEADING = re.compile(r"\bAPI[ \t]{1,3}(?:publique|ouverte)\b|\bpublic[ \t]{1,3}API\b"
                                 r"(?![ \t]{1,3}(?:of|de|du|des|d'|client|reference)\b)",
                                 re.IGNORECASE)
# Lines about the other side of the application (a front end calling "notre API", the back end
# of another repository): the API they name may be served elsewhere.
_OTHER_SIDE = re.compile(r"front[- ]?end|back[- ]?end|\bfront\b|\bback\b", re.IGNORECASE)
# A line giving where the API's documentation is read: "La documentation de l'API est
# consultable ici https://mtes-mct.github.io/fluctuat-apidoc/" (MTES-MCT/fluctuat README.md:46).
_DOCS_WORD = re.compile(r"\bdoc(?:s|umentation)?\b|apidoc|r[ée]f[ée]rence", re.IGNORECASE)


def _offers_api(line: str) -> bool:
    """Whether a README line says the repository offers its API to others (a sentence or an
    access request addressed to the team), not one it calls or serves from elsewhere."""
    if (_CONSUMED_LINE.search(line) or _CONSUMED_LEAD.search(line) or _OTHER_API.search(line)
            or _OTHER_SIDE.search(line)):
        return False
    return bool(_OFFERS_API.search(line)
                or (_ACCESS_REQUEST.search(line) and _US.search(line)))


Line = tuple[int, str, list[Heading], str]


def _section(lines: Sequence[Line], index: int) -> Sequence[Line]:
    """The lines of the innermost section holding ``lines[index]`` (from its heading to the
    next heading of the same or a higher level), or those before the first heading."""
    headings = lines[index][2]
    if not headings:
        end = next((i for i, item in enumerate(lines) if item[3] == "heading"), len(lines))
        return lines[:end]
    level, _title, start = headings[-1]
    end = next((i for i in range(start, len(lines))
                if lines[i][3] == "heading" and lines[i][2][-1][0] <= level), len(lines))
    return lines[start - 1:end]


def _docs_url(section: Sequence[Line]) -> str | None:
    """The published address a README section gives for its API's documentation: the first URL
    on a text line of the section that speaks of documentation."""
    for _number, line, _headings, kind in section:
        word = _DOCS_WORD.search(line) if kind == "text" else None
        if word is None:
            continue
        urls = [(m.start(), m.group(0).rstrip(".,;:!")) for m in _URL.finditer(line)]
        urls = [(at, url) for at, url in urls if not (_TOOL_LINK.search(url) or _unpublished(url))]
        # The documentation's own address before the API's base URL on the same line ("deployed
        # at https://tabular-api.data.gouv.fr/api [...] technical documentation (.../api/doc)",
        # datagouv/api-tabular README.md:11): one that says so, else the first after the word.
        said = [url for _at, url in urls if _DOCS_WORD.search(url) or _DOC_HINT.search(url)]
        after = [url for at, url in urls if at > word.start()]
        chosen = said or after or [url for _at, url in urls]
        if chosen:
            return chosen[0]
    return None


def _public_api(path: str, number: int, quoted: str, docs: str | None) -> dict[str, t.Any]:
    """The README's statement that the repository offers a public API, for messages."""
    said = f"{path}:{number} says the repository offers its API: \"{quoted}\""
    said_fr = f"{path}:{number} indique que le dépôt propose son API : « {quoted} »"
    return {"said": said, "said_fr": said_fr, **({"docs_url": docs} if docs else {})}


def _sentence(line: str, *patterns: re.Pattern[str]) -> str:
    """The sentence of ``line`` where the first of ``patterns`` matches ("This service provides a
    REST API to access..." after another sentence, datagouv/api-tabular README.md:8)."""
    match = next((m for p in patterns if (m := p.search(line))), None)
    if match is None:
        return line
    cut = line.rfind(". ", 0, match.start())
    start = cut + 2 if cut >= 0 else 0
    end = line.find(". ", match.end())
    return line[start:end + 1 if end >= 0 else len(line)]


def _quote(text: str) -> str:
    return " ".join(text.replace("*", "").replace("__", "").split())[:100]


def readme_self_description(path: str, text: str) -> list[dict[str, t.Any]]:
    """Strong evidence when the README says the repository *is* a REST (HTTP, JSON, web) API,
    lists a public API among its features, or says it offers its API to others (a sentence, an
    access request, a section titled after its public API whose text says so or links its
    documentation). An offered API carries ``public_api``: the statement and the documentation's
    address when the README gives one (civiscan does not read it)."""
    lines = list(_lines(text))
    for index, (number, line, headings, kind) in enumerate(lines):
        if len(line) > 2000 or _about_consumed(headings):
            continue
        if kind == "heading":
            title = headings[-1]
            section = _section(lines, index)
            docs = _docs_url(section)
            # A sentence of the section saying so is quoted instead (the heading alone may be a
            # library's list of functions, hence the link it must give).
            if (_PUBLIC_API_HEADING.search(line) and not (title[0] == 1 and number <= 3)
                    and not _OTHER_SIDE.search(line) and docs
                    and not any(item[3] == "text" and _offers_api(item[1]) for item in section)):
                quoted = _quote(title[1])
                return [{"kind": "readme", "strength": "strong", "path": path, "line": number,
                         "detail": f"{path}:{number} has a section \"{quoted}\"",
                         "detail_fr": f"{path}:{number} a une section « {quoted} »",
                         "public_api": _public_api(path, number, quoted, docs)}]
            continue
        if kind != "text":
            continue
        match = _IS_AN_API.match(line)
        if match:
            quoted = " ".join(match.group(0).replace("*", "").split())[:100]
            return [{"kind": "readme", "strength": "strong", "path": path, "line": number,
                     "detail": f"{path}:{number} says \"{quoted}\"",
                     "detail_fr": f"{path}:{number} indique « {quoted} »"}]
        item = _PUBLIC_API_ITEM.match(line)
        if item and not (_CONSUMED_LINE.search(line) or _CONSUMED_LEAD.search(line)
                         or _OTHER_API.search(line)):
            quoted = _quote(item.group(1))
            return [{"kind": "readme", "strength": "strong", "path": path, "line": number,
                     "detail": f"{path}:{number} lists the feature \"{quoted}\"",
                     "detail_fr": f"{path}:{number} liste la fonctionnalité « {quoted} »",
                     "public_api": _public_api(path, number, quoted, _docs_url(_section(lines, index)))}]
        if _offers_api(line):
            quoted = _quote(_sentence(line.strip(" \t>-+"), _OFFERS_API, _ACCESS_REQUEST))
            return [{"kind": "readme", "strength": "strong", "path": path, "line": number,
                     "detail": f"{path}:{number} says \"{quoted}\"",
                     "detail_fr": f"{path}:{number} indique « {quoted} »",
                     "public_api": _public_api(path, number, quoted, _docs_url(_section(lines, index)))}]
    return []


# A README sentence saying the service offers no API to others: "L'API ne dispose d'aucun endpoint
# public pour créer ou consulter des conversations." (SocialGouv/classifia README.md:93), « API
# interne », "no public endpoints", "internal API only". Not another's internal API ("l'API
# interne de X"), nor "no public API key".
_NO_PUBLIC_API = re.compile(
    r"\baucune?[ \t]{1,3}(?:endpoint|point[ \t]{1,3}d['’](?:acc[èe]s|entr[ée]e)|route|API)s?[ \t]{1,3}"
    r"(?:publi(?:c|que)|ouverte?)s?\b"
    r"|\bpas[ \t]{1,3}d['’](?:API|endpoint|point[ \t]{1,3}d['’]acc[èe]s)s?[ \t]{1,3}"
    r"(?:publi(?:c|que)|ouverte?)s?\b"
    r"|\bn['’]est[ \t]{1,3}pas[ \t]{1,3}une[ \t]{1,3}API[ \t]{1,3}(?:publique|ouverte)\b"
    r"|\bAPIs?[ \t]{1,3}internes?\b(?![ \t]{1,3}(?:de|du|des|d['’])|[ \t]{0,3}[:(])"
    r"|\bno[ \t]{1,3}public[ \t]{1,3}(?:endpoints?|routes?|APIs?)\b(?![ \t]{1,3}(?:keys?|tokens?)\b)"
    r"|\binternal[ \t]{1,3}APIs?[ \t]{1,3}only\b|\bnot[ \t]{1,3}a[ \t]{1,3}public[ \t]{1,3}API\b"
    r"|\b(?:the|this|its|our)[ \t]{1,3}API[ \t]{1,3}is[ \t]{1,3}(?:internal|private)\b",
    re.IGNORECASE)


def readme_internal_api(path: str, text: str) -> list[dict[str, t.Any]]:
    """The first README sentence saying the repository's API is offered to no one else (no
    public endpoint, an internal API), quoted with its line: it weighs against the signs of an
    API offered to others (``internal``; at most a review). Never one about an API the
    application calls."""
    for number, line, headings, kind in _lines(text):
        if kind != "text" or len(line) > 2000 or _about_consumed(headings):
            continue
        if (not _NO_PUBLIC_API.search(line) or _CONSUMED_LINE.search(line)
                or _CONSUMED_LEAD.search(line) or _OTHER_API.search(line)):
            continue
        sentence = _sentence(line.strip(" \t>-+"), _NO_PUBLIC_API)
        # After a bold lead-in ("**Point d'entrée unique** : L'API ne dispose..."), the statement.
        _lead, colon, rest = sentence.partition(": ")
        quoted = _quote(rest if colon and _NO_PUBLIC_API.search(rest) else sentence).rstrip(".")
        said = f"{path}:{number} says \"{quoted}\""
        said_fr = f"{path}:{number} indique « {quoted} »"
        return [{"kind": "readme", "strength": "none", "path": path, "line": number,
                 "detail": f"{said}: the API is not offered to others",
                 "detail_fr": f"{said_fr} : l'API n'est pas proposée à d'autres",
                 "internal": {"said": said, "said_fr": said_fr}}]
    return []
