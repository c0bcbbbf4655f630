"""Code with its comments blanked: commented-out code is never a sign of anything.

betagouv/a-just's ``front-offline/server.ts:20-21`` keeps Angular's server-side rendering
boilerplate ``// server.get('/api/**', (req, res) => { });`` commented out: that server serves no
route under ``/api``. The readers of routes, mounts and controllers (:mod:`scanner.apispecs.mounts`,
:mod:`scanner.apispecs.apiroot`, :mod:`scanner.apispecs.apicode`) search the text this module
returns: every
comment character becomes a space (newlines stay), so offsets and line numbers are those of the
file. String literals are skipped (``'http://host'`` holds no comment). Linear, no backtracking.

Package manifests are read through it too: ansforge/esignsante-ws keeps a dependency on
``swagger-core-jakarta`` inside an XML comment (``pom.xml:283-287``), which declares nothing.
"""

from __future__ import annotations

import re

#: Languages by comment syntax: ``//`` and ``/* */`` (JavaScript, TypeScript, Java, Kotlin, Go,
#: PHP...), ``#`` (Python, Ruby, shell, Play routes, TOML, pip requirements) or ``<!-- -->`` (XML:
#: Maven's pom.xml, .NET project files).
SLASH = "slash"
HASH = "hash"
XML = "xml"

# A comment or a string literal, whichever starts first (strings are matched only to be skipped).
_TOKENS = {
    SLASH: re.compile(r"//[^\n]*|/\*.*?(?:\*/|\Z)|'(?:\\.|[^'\\\n])*'?"
                      r'|"(?:\\.|[^"\\\n])*"?|`(?:\\.|[^`\\])*`?', re.DOTALL),
    HASH: re.compile(r"#[^\n]*|'''.*?(?:'''|\Z)|\"\"\".*?(?:\"\"\"|\Z)"
                     r"|'(?:\\.|[^'\\\n])*'?" r'|"(?:\\.|[^"\\\n])*"?', re.DOTALL),
    # Quotes in XML text are characters, not strings: only comments are tokens.
    XML: re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL),
}
_NOT_NEWLINE = re.compile(r"[^\n]")


def blank(text: str, style: str = SLASH) -> str:
    """``text`` with its comments replaced by spaces (line breaks kept, so offsets and line
    numbers are the file's)."""
    def one(match: re.Match[str]) -> str:
        token = match.group(0)
        if token[0] in "'\"`":
            return token
        return _NOT_NEWLINE.sub(" ", token)
    return _TOKENS[style].sub(one, text)


def style_of(path: str) -> str | None:
    """The comment style of a source file, by its extension (``None``: unknown)."""
    extension = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if extension in ("js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx", "java", "kt", "go",
                     "php", "cs", "scala", "rs", "swift", "dart"):
        return SLASH
    if extension in ("py", "rb", "ex", "exs", "sh"):
        return HASH
    return None


def line_at(text: str, offset: int) -> int:
    """The 1-based line of ``offset``: :func:`blank` keeps every newline, so a line found in the
    blanked text is the source's."""
    return text.count("\n", 0, offset) + 1
