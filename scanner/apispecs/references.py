"""Where a repository *points at* its API description: publiccode.yml and the README.

``description.<lang>.apiDocumentation`` in publiccode.yml is the standard place; READMEs link
Swagger UI, Redoc or a raw ``openapi.json``. The publiccode facts are read when the publiccode
collector exposes them (several shapes are accepted while that section grows); otherwise
publiccode.yml is parsed here, quietly (its problems are that collector's to report).
"""

from __future__ import annotations

import re
import typing as t
from collections.abc import Iterable, Mapping

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
_DOC_HINT = re.compile(r"swagger|openapi|open-api|redoc|api-docs|apidocs|/api/docs|/docs/api"
                       r"|asyncapi|rapidoc|scalar|/api/schema|api\.gouv\.fr", re.IGNORECASE)
_LOCAL_LINK = re.compile(r"\]\(\s*\.?/?([^)\s#?]{1,300}\.(?:ya?ml|json))\s*[)#?]", re.IGNORECASE)


def readme_paths(paths: Iterable[str]) -> list[str]:
    """Root README files, the canonical one first."""
    by_lower = {p.lower(): p for p in paths if "/" not in p}
    return [by_lower[name] for name in README_NAMES if name in by_lower][:2]


def readme_links(path: str, text: str) -> list[dict[str, t.Any]]:
    """Links from a README to an API description or its rendered documentation."""
    text = text[:MAX_README_CHARS]
    found: list[dict[str, t.Any]] = []
    seen: set[str] = set()
    for line_number, line in enumerate(text.splitlines(), start=1):
        if len(found) >= MAX_LINKS:
            break
        urls = [m.group(0).rstrip(".,;:!") for m in _URL.finditer(line)]
        for url in urls:
            # The line may carry the hint ("API documentation: https://...") only when it
            # holds that one URL; otherwise the URL itself must say it.
            hinted = _DOC_HINT.search(url) or (len(urls) == 1 and _DOC_HINT.search(line))
            if url in seen or not hinted:
                continue
            if re.search(r"github\.com/(?:swagger-api|OAI|asyncapi)/", url, re.IGNORECASE):
                continue  # links to the tools or the standard, not to this API
            seen.add(url)
            found.append({"source": "readme", "path": path, "line": line_number, "url": url})
        for match in _LOCAL_LINK.finditer(line):
            target = match.group(1)
            if (_DOC_HINT.search(target) or _DOC_HINT.search(line)) and target not in seen:
                seen.add(target)
                found.append({"source": "readme", "path": path, "line": line_number,
                              "target": target})
    return found


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
