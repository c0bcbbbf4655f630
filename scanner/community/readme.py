"""README analysis: does it say what the service is, how to install and run it locally, under
which licence, and how to contribute? Headings are read first (the structure a reader scans),
then commands in code blocks and key phrases, in French and English."""

from __future__ import annotations

import re

from scanner.community.markup import Document, Heading

_I = re.IGNORECASE
TOPICS = ("what", "install", "run", "licence", "contributing")

_HEADING = {
    "what": re.compile(
        r"\b(?:about|overview|introduction|description|what\s+is|context|purpose|presentation"
        r"|à\s+propos|a\s+propos|présentation|presentation|contexte|objectifs?"
        r"|qu['’]est[- ]ce|pr[ée]sentation|fonctionnalit[ée]s|features)\b", _I),
    "install": re.compile(
        r"\b(?:install(?:ation|ing|er)?|setup|set\s*up|getting\s+started|quick\s*start"
        r"|prerequisites|requirements|pr[ée]requis|mise\s+en\s+place|d[ée]marrage|d[ée]marrer"
        r"|configuration|bootstrap|build(?:ing)?|compil(?:er|ation)"
        r"|environnement\s+de\s+d[ée]veloppement)\b", _I),
    "run": re.compile(
        r"\b(?:run(?:ning)?|usage|start(?:ing)?|launch|lancer|lancement|d[ée]marrer|d[ée]marrage"
        r"|ex[ée]cut(?:er|ion)|utilisation|local(?:ement|ly)?|en\s+local|development|d[ée]velopp"
        r"(?:ement|er)|getting\s+started|quick\s*start|serve[ur]?|docker)\b", _I),
    "licence": re.compile(r"\b(?:licen[cs]es?|copyright|droits?\s+d['’]auteur)\b", _I),
    "contributing": re.compile(r"\bcontribu\w*", _I),
}
#: Commands that install dependencies or a checkout.
_INSTALL_CMD = re.compile(
    r"\b(?:(?:npm|pnpm)\s+(?:i|install|ci)|yarn(?:\s+install)?\s*$|pip\s+install|poetry\s+install"
    r"|uv\s+sync|pipenv\s+install|bundle(?:\s+install)?\s*$|composer\s+install|go\s+mod\s+download"
    r"|cargo\s+build|mvn\s+(?:clean\s+)?install|gradle\w*\s+build|make\s+(?:install|setup|init"
    r"|bootstrap|build)|git\s+clone|bin/setup|apt(?:-get)?\s+install"
    # Containers install what they need: ``docker compose up`` is the whole set-up.
    r"|docker[- ]compose\s+(?:[\w.-]+\s+)*(?:build|up)|docker\s+run"
    r"|brew\s+install)\b", _I | re.MULTILINE)
#: Commands that start the service locally.
_RUN_CMD = re.compile(
    r"\b(?:(?:npm|pnpm)\s+(?:run\s+)?(?:start|dev|serve)|yarn\s+(?:run\s+)?(?:start|dev|serve)"
    r"|make\s+(?:run|start|dev|serve|up)|docker[- ]compose\s+(?:[\w.-]+\s+)*up|docker\s+run"
    r"|rails\s+(?:s|server)|bin/(?:dev|rails\s+s|start)|foreman\s+start|overmind\s+start"
    r"|python\s+manage\.py\s+runserver|flask\s+run|uvicorn|gunicorn|fastapi\s+dev|cargo\s+run"
    r"|go\s+run|mvn\s+spring-boot:run|gradlew?\s+bootRun|php\s+(?:-S|bin/console\s+server)"
    r"|symfony\s+serve|mix\s+phx\.server|node\s+\S+\.js|deno\s+run|python\s+-m\s+\w+"
    r"|hugo\s+server|jekyll\s+serve|bundle\s+exec\s+\w+)", _I)
_LICENCE_TEXT = re.compile(
    r"\blicen[cs]e[ds]?\s+(?:under|sous)\b|\bsous\s+licence\b"
    r"|\bunder\s+(?:the\s+)?[\w .-]{0,100}licen[cs]e"
    r"|\bLICEN[CS]E(?:\.md|\.txt)?\b|spdx|\b(?:MIT|AGPL|GPL|EUPL|CeCILL|Apache|MPL|BSD)\b", _I)
_CONTRIB_TEXT = re.compile(r"CONTRIBUTING|\bcontribu(?:er|tions?|te|ting)\b", _I)
#: A prose paragraph needs this many words to count as explaining something.
MIN_PROSE_WORDS = 8
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
# Bounded, and stopping at the next opening delimiter: linear on any input (see markup.py).
_BADGES = re.compile(r"!\[[^\][]{0,1000}\]\([^()]{0,2000}\)"
                     r"|\[!\[[^\][]{0,1000}\]\([^()]{0,2000}\)\]\([^()]{0,2000}\)|<[^<>]{1,1000}>")
_LINK_TARGET = re.compile(r"\]\([^()]{0,2000}\)")


def _prose(text: str) -> int:
    return len(_WORD.findall(_BADGES.sub(" ", _LINK_TARGET.sub("]", text))))


def analyse(doc: Document) -> dict[str, dict[str, object]]:
    """For each topic: ``{"found": bool, "line": int | None, "via": "heading" | "text" | None}``."""
    result: dict[str, dict[str, object]] = {}
    code = "\n".join(b.text for b in doc.code_blocks)
    for topic in TOPICS:
        heading = next((h for h in doc.headings if _HEADING[topic].search(h.text)
                        and (topic not in ("install", "run") or _commands_under(doc, h))),
                       None)
        if heading is not None:
            result[topic] = {"found": True, "line": heading.line, "via": "heading"}
            continue
        line = _text_evidence(doc, topic, code)
        result[topic] = {"found": line is not None, "line": line,
                         "via": "text" if line is not None else None}
    return result


#: A code block that is a sample of markup or data (an HTML snippet, a JSON response) shows what
#: the service takes or returns, not a command to install or run it.
_SAMPLE = re.compile(r"^\s*(?:<|\{|\[|\})")


def _commands_under(doc: Document, heading: Heading) -> bool:
    """Whether the heading's section (down to the next heading of its level or above) holds a
    code block of commands: "Installation" or "Usage" with no command under it does not tell
    how (the README points elsewhere, or shows a request/response sample)."""
    end = next((h.line for h in doc.headings if h.line > heading.line and h.level <= heading.level),
               None)
    return any(heading.line < block.line and (end is None or block.line < end)
               and not _SAMPLE.match(block.text) for block in doc.code_blocks)


def _text_evidence(doc: Document, topic: str, code: str) -> int | None:
    if topic == "what":
        # The purpose is stated in the introduction: before the first heading about installing,
        # running, licensing or contributing (a long "Installation" paragraph does not count).
        limit = min((h.line for h in doc.headings
                     if any(_HEADING[k].search(h.text) for k in TOPICS if k != "what")),
                    default=None)
        para = next((p for p in doc.paragraphs if _prose(p.text) >= MIN_PROSE_WORDS
                     and (limit is None or p.line < limit)), None)
        return para.line if para else None
    if topic in ("install", "run"):
        pattern = _INSTALL_CMD if topic == "install" else _RUN_CMD
        block = next((b for b in doc.code_blocks if pattern.search(b.text)), None)
        if block:
            return block.line
        # Inline `npm start` in a paragraph.
        para = next((p for p in doc.paragraphs if "`" in p.text and pattern.search(p.text)), None)
        return para.line if para else None
    pattern = _LICENCE_TEXT if topic == "licence" else _CONTRIB_TEXT
    para = next((p for p in doc.paragraphs if pattern.search(p.text)), None)
    if para:
        return para.line
    if any(pattern.search(link) for link in doc.links):
        return 0
    return None
