"""Requests, responses and pagination as both fake forges speak them over HTTP."""

from __future__ import annotations

import json
import math
import re
import typing as t
from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote, unquote, urlencode

from tests.fakeforge.model import Forge

_TRUE = {"1", "true", "yes", "on", "t"}


@dataclass
class Request:
    method: str
    #: The path as sent, still percent-encoded (GitLab ids contain ``%2F``).
    raw_path: str
    query: dict[str, list[str]]
    #: Header names lower-cased.
    headers: dict[str, str]
    body: bytes
    #: ``http://127.0.0.1:PORT`` of the server that received it.
    origin: str
    #: What a handler tells the request log (GraphQL operation name and cost).
    notes: dict[str, t.Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, method: str, target: str, headers: dict[str, str], body: bytes, origin: str) -> Request:
        path, _, query = target.partition("?")
        return cls(method, path, parse_qs(query, keep_blank_values=True), headers, body, origin)

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else default

    def flag(self, name: str) -> bool:
        return (self.arg(name) or "").lower() in _TRUE

    def int_arg(self, name: str, default: int, *, low: int = 1, high: int | None = None) -> int:
        try:
            value = int(self.arg(name) or default)
        except ValueError:
            value = default
        value = max(low, value)
        return min(value, high) if high is not None else value

    def url(self, path: str | None = None, **changes: str | int | None) -> str:
        """Absolute URL of this request (or of ``path``) with query parameters changed."""
        query = {k: v[-1] for k, v in self.query.items() if k not in ("private_token", "access_token")}
        for key, value in changes.items():
            if value is None:
                query.pop(key, None)
            else:
                query[key] = str(value)
        text = urlencode(query, quote_via=quote, safe="/")
        return f"{self.origin}{path or self.raw_path}" + (f"?{text}" if text else "")

    def json(self) -> t.Any:
        return json.loads(self.body or b"null")


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    #: A GitHub GET answer that gets an ETag and may turn into a 304.
    cacheable: bool = False


def json_response(status: int, payload: t.Any, headers: dict[str, str] | None = None, *,
                  cacheable: bool = False) -> Response:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return Response(status, body, {"Content-Type": "application/json; charset=utf-8", **(headers or {})},
                    cacheable=cacheable)


def raw_response(status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None, *,
                 cacheable: bool = False) -> Response:
    return Response(status, body, {"Content-Type": content_type, **(headers or {})}, cacheable=cacheable)


def segment(text: str) -> str:
    return unquote(text)


@dataclass
class Ctx:
    """What a handler needs besides the request."""

    forge: Forge
    #: REST root: ``…/api/v3`` (GitHub) or ``…/api/v4`` (GitLab).
    api: str
    #: Web root, for ``html_url`` and ``web_url``.
    web: str
    authenticated: bool
    truncate_tree: bool = False
    tree_entry_limit: int = 100_000
    #: Server state (rate budgets) for the GraphQL ``rateLimit`` fields.
    state: t.Any = None

    def visible(self, private: bool) -> bool:
        """Private and internal repositories exist only for authenticated callers."""
        return self.authenticated or not private


def page_window(total: int, page: int, per_page: int) -> tuple[int, int, int]:
    """(start, stop, last page) of ``page`` (1-based) over ``total`` items."""
    last = max(1, math.ceil(total / per_page))
    start = (page - 1) * per_page
    return start, min(start + per_page, total), last


def link_header(req: Request, page: int, last: int, *, path: str | None = None,
                github_order: bool = True) -> str | None:
    """RFC 8288 ``Link`` with absolute page URLs, in the order each forge writes them."""
    rels: list[tuple[str, int]] = []
    if github_order:
        if page > 1:
            rels.append(("prev", page - 1))
        if page < last:
            rels += [("next", page + 1), ("last", last)]
        if page > 1:
            rels.append(("first", 1))
    else:
        if page > 1:
            rels.append(("prev", page - 1))
        if page < last:
            rels.append(("next", page + 1))
        rels += [("first", 1), ("last", last)]
    links = [f'<{req.url(path, page=p)}>; rel="{rel}"' for rel, p in rels]
    return ", ".join(links) or None


_ETAG_RE = re.compile(r'(?:W/)?"([^"]*)"')


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    wanted = set(_ETAG_RE.findall(if_none_match))
    return bool(wanted & set(_ETAG_RE.findall(etag)))
