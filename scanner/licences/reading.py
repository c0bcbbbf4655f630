"""Reading one licence file: its text, or why it could not be read.

A licence file that exists but could not be read (permissions, a link out of the repository,
over the size cap, a PDF) is never taken for a missing one: the reason goes into the facts and
the rules that needed the file ask a person to look.
"""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass

from scanner.licences.paths import BINARY_DOCUMENTS, extension
from scanner.snapshot import Snapshot, Unread, decode_text

#: Longest licence file read (the longest licence texts are about 100 kB).
MAX_TEXT_BYTES = 1_000_000
_HTML = frozenset({"html", "htm", "xhtml"})


@dataclass(frozen=True)
class LicenceText:
    """The file's text, or why there is none (``unread``); both ``None``: not in the listing."""

    text: str | None
    unread: Unread | None = None


def _fr_number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def read_licence(snapshot: Snapshot, path: str) -> LicenceText:
    """The text of the licence file ``path`` (HTML reduced to its text)."""
    why = snapshot.why_unread(path)
    if why is not None:
        return LicenceText(None, why)
    kind = BINARY_DOCUMENTS.get(extension(path))
    if kind:
        return LicenceText(None, Unread(
            f"a {kind} document; civiscan reads licence texts as text only",
            f"document {kind} ; civiscan ne lit les textes de licence qu'au format texte"))
    size = snapshot.size(path)
    if size is not None and size > MAX_TEXT_BYTES:
        return LicenceText(None, _too_large(size))
    data = snapshot.read(path)
    if data is None:
        if path not in snapshot.files:
            return LicenceText(None)
        return LicenceText(None, snapshot.why_unread(path) or Unread(  # refused when read
            "content not available from the source; not read",
            "contenu non fourni par la source ; non lu"))
    if len(data) > MAX_TEXT_BYTES:
        return LicenceText(None, _too_large(len(data)))
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return LicenceText(None, Unread("binary file where a licence text was expected; not read",
                                        "fichier binaire au lieu d'un texte de licence ; non lu"))
    text = decode_text(data)
    if extension(path) in _HTML:
        text = html_text(text)
    return LicenceText(text)


def _too_large(size: int) -> Unread:
    return Unread(f"too large for a licence text ({size:,} bytes, limit {MAX_TEXT_BYTES:,}); "
                  "not read",
                  f"trop volumineux pour un texte de licence ({_fr_number(size)} octets, limite "
                  f"{_fr_number(MAX_TEXT_BYTES)}) ; non lu")


class _Text(html.parser.HTMLParser):
    """Collects the text of an HTML page, one line per block, without scripts or styles."""

    _BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
                         "tr", "section", "article", "blockquote", "dt", "dd", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n\n" if tag in ("p", "div", "pre", "section") else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_text(markup: str) -> str:
    """The text of an HTML licence page (``LICENSE.html``), paragraphs kept apart."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return re.sub(r"\n{3,}", "\n\n", "".join(parser.parts)).strip()
