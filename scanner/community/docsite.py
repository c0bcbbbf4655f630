"""Documentation sites committed in the repository (Docusaurus, MkDocs): the pages of such a site
that tell how to install and use the project, when a README sends readers to the site (its
folder, or its published address) instead of telling it itself.

The pages are chosen from the listing alone (a remote scan fetches what a local one reads): the
site's home and the pages whose path names installing, starting, using or developing
(``docs/docs/developer-guide/index-developer-guide.mdx``, ``docs/quickstart/installation.md``),
a few at most. The site's navigation (Docusaurus ``sidebars.js``, MkDocs ``nav``), when read,
orders them and tells by its labels which are about that ("Quickstart and installation:
index.md"). The site's own tooling (its README, CONTRIBUTING: ``yarn start`` serves the site) is
never one of them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from scanner.community import locate

#: A site's pages read for installing and using the project, at most.
MAX_SITE_PAGES = 4
#: Words of a page's path or navigation label about installing, starting, using or developing
#: the project (« démarrer », « guide du développeur », "getting started", "usage").
SETUP = re.compile(
    r"(?<![a-z])(?:install(?:ation|ing)?|set[-_ ]?up|getting[-_ ]?started|get[-_ ]?started"
    r"|quick[-_ ]?start|run(?:ning)?|develop(?:ment|ers?|ing)?|d[ée]veloppe(?:ment|urs?)"
    r"|d[ée]marrage|mise[-_ ]en[-_ ](?:place|route))(?![a-z])"
    r"|(?<![a-z])(?:d[ée]marrer|usage|utilisation|utiliser|prise[-_ ]en[-_ ]main"
    r"|tutorial|tutoriel)(?![a-z])", re.IGNORECASE)
_VENDORED = re.compile(r"(?:^|/)node_modules/")
_DOCUSAURUS = re.compile(r"^docusaurus\.config\.[cm]?[jt]s$", re.IGNORECASE)
_SIDEBARS = re.compile(r"^sidebars?\.(?:[cm]?[jt]s|json)$", re.IGNORECASE)
_MKDOCS = re.compile(r"^mkdocs\.ya?ml$", re.IGNORECASE)
_PAGE = re.compile(r"\.(?:md|mdx)$", re.IGNORECASE)
#: Pages of a site that are its tooling or its history, never a guide of the project.
_NOT_PAGES = re.compile(r"(?:^|/)(?:contributing|changelog|history|releases?|code_of_conduct"
                        r"|security|license|licence)[^/]*$", re.IGNORECASE)
_HOMES = ("index.md", "index.mdx", "README.md", "intro.md", "intro.mdx")


@dataclass(frozen=True)
class Site:
    """A committed documentation site: the folder of its configuration (``""`` for the root),
    the folder of its pages and the file that lists them in order (``None`` when none does)."""

    root: str
    pages: str
    nav: str | None


def sites(paths: Collection[str]) -> list[Site]:
    """The Docusaurus and MkDocs sites of the listing (pages in ``<root>/docs``, MkDocs's and
    Docusaurus's default)."""
    found = []
    for path in sorted(paths):
        folder, _, name = path.rpartition("/")
        if _VENDORED.search(path) or not (_DOCUSAURUS.match(name) or _MKDOCS.match(name)):
            continue
        pages = posixpath.join(folder, "docs")
        nav = path if _MKDOCS.match(name) else next(
            (p for p in sorted(paths) if p.rpartition("/")[0] == folder
             and _SIDEBARS.match(p.rpartition("/")[2])), None)
        found.append(Site(folder, pages, nav))
    return found


def site_of(target: str, found: Iterable[Site]) -> Site | None:
    """The site ``target`` (a file or folder a link resolves to) stands for: the site's folder,
    the README of a site in a folder of its own (the tooling's: how to build the site), its pages
    folder or home page."""
    target = target.strip("/")
    if not target:
        return None  # the repository's root is no site's folder, even when it holds mkdocs.yml
    for site in found:
        homes = {posixpath.join(site.pages, h) for h in _HOMES}
        if site.root:
            homes |= {posixpath.join(site.root, h) for h in ("README.md", "readme.md")}
        if target in (site.root, site.pages) or target in homes:
            return site
    return None


#: A page that opens its folder: the folder's name is its subject.
_OPENS = re.compile(r"^(?:index|readme|overview|intro)(?:[-_.]|$)", re.IGNORECASE)


def says_setup(page: str) -> bool:
    """Whether a page's name says it is about installing, starting, using or developing
    (``installation.md``, ``index-developer-guide.mdx``; ``developer-guide/index.md`` by its
    folder's name; ``developer-guide/dag.mdx`` is about something else)."""
    folder, _, name = page.rpartition("/")
    stem = name.rsplit(".", 1)[0]
    return bool(SETUP.search(stem) or (_OPENS.match(stem) and SETUP.search(folder.rpartition("/")[2])))


def link_path(link: str, folder: str, repo_url: str | None) -> str | None:
    """The path of the repository a link of a document in ``folder`` names, file or folder
    (``…/tree/master/docs``, ``docs/``), listed or not; ``None`` for another site."""
    parts = urlsplit(link)
    if parts.scheme in ("http", "https"):
        return locate.own_path(link, repo_url)
    if parts.scheme or not parts.path:
        return None
    target = posixpath.normpath(posixpath.join(folder, unquote(parts.path))).lstrip("/")
    return None if target.startswith("..") else target


def candidates(site: Site, paths: Collection[str]) -> list[str]:
    """The site's pages that may tell how to install and use the project, from the listing
    alone: its home, then the pages whose path says so, shallowest first."""
    prefix = site.pages + "/"
    pages = [p for p in paths if p.startswith(prefix) and _PAGE.search(p)
             and not _NOT_PAGES.search(p) and not _VENDORED.search(p)]
    named = sorted((p for p in pages if says_setup(p)), key=lambda p: (p.count("/"), p))
    homes = [p for h in _HOMES if (p := prefix + h) in pages][:1]
    return list(dict.fromkeys([*named[:MAX_SITE_PAGES], *homes]))


def wanted(paths: Collection[str]) -> list[str]:
    """What to read of every site: its navigation file and its candidate pages."""
    found: list[str] = []
    for site in sites(paths):
        found += ([site.nav] if site.nav else []) + candidates(site, paths)
    return found


#: A MkDocs ``nav`` entry: ``- Label: page.md``, ``- Label:`` (a section) or ``- page.md``.
_NAV_ITEM = re.compile(r"^(\s*)-\s*(?:(?P<label>[^:#]+?)\s*:)?\s*(?P<page>[^\s:#'\"]+\.md)?\s*$")
_DOCS_DIR = re.compile(r"^docs_dir\s*:\s*['\"]?([^'\"\s#]+)", re.MULTILINE)
#: In a Docusaurus sidebar: a category's or link's label, or a quoted document id.
_SIDEBAR_TOKEN = re.compile(r"\blabel\s*:\s*(['\"`])(?P<label>[^'\"`\n]{1,200})\1"
                            r"|(['\"`])(?P<id>[\w./@-]{1,300})\3")


def docs_dir(site: Site, config: str) -> Site:
    """The site with the pages folder its MkDocs configuration names (``docs_dir``)."""
    match = _DOCS_DIR.search(config) if site.nav and _MKDOCS.match(site.nav.rsplit("/", 1)[-1]) \
        else None
    if match is None:
        return site
    pages = posixpath.normpath(posixpath.join(site.root, match.group(1))).lstrip("./") or site.root
    return Site(site.root, pages, site.nav)


def navigation(site: Site, config: str, paths: Collection[str]) -> list[tuple[str, str]]:
    """The listed pages the site's navigation names, in its order, each with the labels that
    lead to it (a MkDocs section's and its own; a Docusaurus category's)."""
    found: list[tuple[str, str]] = []
    if site.nav and _MKDOCS.match(site.nav.rsplit("/", 1)[-1]):
        inside, stack = False, []  # type: bool, list[tuple[int, str]]
        for line in config.splitlines():
            if re.match(r"^nav\s*:", line):
                inside = True
                continue
            if inside and line.strip() and not line[0].isspace() and not line.startswith("-"):
                break
            match = _NAV_ITEM.match(line) if inside else None
            if match is None:
                continue
            depth = len(match.group(1))
            stack = [(d, lab) for d, lab in stack if d < depth]
            label = (match.group("label") or "").strip()
            if match.group("page"):
                page = posixpath.normpath(posixpath.join(site.pages, match.group("page")))
                if page in paths:
                    found.append((page, " ".join([*(lab for _, lab in stack), label])))
            elif label:
                stack.append((depth, label))
        return found
    label = ""
    for match in _SIDEBAR_TOKEN.finditer(config):
        if match.group("label"):
            label = match.group("label")
            continue
        doc = _doc_page(site, match.group("id"), paths)
        if doc is not None:
            found.append((doc, label))
            label = ""  # a category's label names its first page
    return found


def _doc_page(site: Site, doc_id: str, paths: Collection[str]) -> str | None:
    base = posixpath.normpath(posixpath.join(site.pages, doc_id))
    return next((p for p in (f"{base}.md", f"{base}.mdx", f"{base}/index.md", f"{base}/index.mdx")
                 if p in paths), None)


def setup_pages(site: Site, paths: Collection[str], config: str | None) -> list[str]:
    """The pages to read, best first: those the path or the navigation label says are about
    installing or using, in the navigation's order, then the home page."""
    if config is not None:
        site = docs_dir(site, config)
    chosen = candidates(site, paths)
    nav = navigation(site, config, paths) if config is not None else []
    order = {page: index for index, (page, _) in reversed(list(enumerate(nav)))}
    labelled = {page for page, label in nav if SETUP.search(label)}

    def rank(page: str) -> tuple[int, int, int]:
        setup = page in labelled or says_setup(page)
        return (0 if setup else 1, order.get(page, len(order)), chosen.index(page))
    return sorted(chosen, key=rank)[:MAX_SITE_PAGES]
