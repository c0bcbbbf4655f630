"""Find, from the file listing alone, which file plays each community role.

Decided from paths only so that remote sources can fetch exactly the chosen blobs. Where several
files could serve a role, the choice is deterministic and the others are kept as candidates, so a
report can say which one was read and why.
"""

from __future__ import annotations

import posixpath
import re
import typing as t
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

#: Folders where GitHub and GitLab look for community files, in the order civiscan prefers them:
#: the root first (what the issue and POCOS name), then ``.github/``, then ``docs/``.
LOCATIONS = ("", ".github/", "docs/", "doc/")
_EXT = r"(?:\.(?:md|markdown|mdx|rst|txt|adoc|asciidoc|org))?"
_LANG = r"(?:[._-](?P<lang>fr|en|de|es|it|nl|pt|fr[-_]fr|en[-_]us|en[-_]gb))?"
#: Ranking of extensions when several files fill a role in one folder.
_EXT_RANK = {".md": 0, ".markdown": 1, ".rst": 2, ".adoc": 3, ".asciidoc": 3, ".org": 4,
             "": 5, ".txt": 6, ".mdx": 7}

ROLE_STEMS = {
    "readme": r"readme",
    "contributing": r"contributing|contribuer|contribute|contributions?",
    "code_of_conduct": r"code[_ -]?of[_ -]?conduct|code[_ -]de[_ -]conduite|conduct",
    "security_policy": (r"security|s[ée]curit[ée]|security[_-]policy"
                        r"|politique[_-]de[_-]s[ée]curit[ée]"),
}
_ROLE_NAME = {role: re.compile(rf"^(?:{stem}){_LANG}{_EXT}$", re.IGNORECASE)
              for role, stem in ROLE_STEMS.items()}
#: ``contributing/README.md``-style folders.
_ROLE_FOLDER = re.compile(r"^(?:docs?/)?(?:contributing|contribuer)/(?:readme|index)" + _EXT + "$",
                          re.IGNORECASE)
_DOCS_CONTRIBUTING = re.compile(r"^(?:(?:docs?|\.github)/(?:[^/]+/)?)?[^/]*contribu[^/]*" + _EXT + "$"
                                r"|^(?:(?:docs?|\.github)/)?[^/]*contribu[^/]*/[^/]+\.(?:md|rst|adoc)$",
                                re.IGNORECASE)

_DCO_FILE = re.compile(
    r"^(?:\.github/|docs?/)?(?:dco|developer[-_ ]?certificate[-_ ]?of[-_ ]?origin)"
    r"(?:[-_.](?:fr|en|v?1\.1))*(?:\.(?:md|txt|rst|adoc))?$", re.IGNORECASE)
_DCO_APP = re.compile(r"^\.github/(?:dco\.ya?ml|workflows/[^/]*\bdco\b[^/]*\.ya?ml)$",
                      re.IGNORECASE)
_CLA_FILE = re.compile(
    r"^(?:\.github/|docs?/)?(?:\.clabot|cla\.json|\.cla\.ya?ml"
    r"|(?:[ic]cla|cla|individual[-_]cla|corporate[-_]cla|contributor[-_]license[-_]agreement)"
    r"(?:[-_.](?:fr|en))?(?:\.(?:md|txt|rst|pdf|adoc))?)$", re.IGNORECASE)
_CLA_WORKFLOW = re.compile(r"^\.github/workflows/(?:[^/]*[-_.])?cla(?:[-_.][^/]*)?\.ya?ml$",
                           re.IGNORECASE)
_SECURITY_TXT = re.compile(r"^(?:.*/)?(?:\.well-known/)?security\.txt$", re.IGNORECASE)
#: A security.txt served by code where the listing shows it: a route folder or file named
#: security.txt under .well-known (Next.js app/pages routes, SvelteKit ``+server``, Nuxt
#: ``server/routes``; inclusion-numerique/coop-mediation-numerique:
#: apps/web/src/app/.well-known/security.txt/route.ts).
_SECURITY_TXT_ROUTE = re.compile(
    r"^(?:.*/)?\.well-known/security\.txt(?:/(?:route|page|index|\+server))?\.[cm]?[jt]sx?$",
    re.IGNORECASE)
#: Router files, by their conventional names, that may map /.well-known/security.txt to a
#: controller (Phoenix ``router.ex``, Rails ``config/routes.rb``, Django ``urls.py``, Laravel
#: ``routes/web.php``, Express/Fastify ``routes.ts``/``router.ts``).
_ROUTER_FILE = re.compile(
    r"^(?:.*/)?(?:[\w-]*router\.ex|routes\.rb|urls\.py|routes/web\.php"
    r"|(?:[\w-]+\.)?rout(?:es?|er)\.[cm]?[jt]s)$", re.IGNORECASE)
_VENDORED = re.compile(r"(?:^|/)(?:node_modules|vendor|deps|\.venv|site-packages)/")

#: Issue and pull-request templates where GitHub and GitLab look for them. GitHub: the root,
#: ``docs/`` or ``.github/``; names in any letter case, the extension optional (``.md``,
#: ``.txt``); a folder of several templates; issue forms (``.yml``). GitLab: ``.gitlab/``.
_WHERE = r"(?:\.github/|docs/)?"
_ISSUE_TEMPLATES = re.compile(
    rf"^(?:{_WHERE}issue_template(?:\.(?:md|markdown|txt))?"
    rf"|{_WHERE}issue_template/(?!config\.ya?ml$)[^/]+\.(?:md|markdown|txt|ya?ml)"
    r"|\.gitlab/issue_templates/[^/]+\.md)$", re.IGNORECASE)
#: The template chooser's configuration: it guides reporters when it lists contact links.
_ISSUE_CONFIG = re.compile(rf"^{_WHERE}issue_template/config\.ya?ml$", re.IGNORECASE)
_PR_TEMPLATES = re.compile(
    rf"^(?:{_WHERE}pull_request_template(?:\.(?:md|markdown|txt))?"
    rf"|{_WHERE}pull_request_template/[^/]+\.(?:md|markdown|txt)"
    r"|\.gitlab/merge_request_templates/[^/]+\.md)$", re.IGNORECASE)
#: Documents a README may send readers to for installing and running the service.
_GUIDE_NAME = re.compile(
    r"install|setup|set-up|onboard|embarqu|getting[-_ ]?started|quick[-_ ]?start|d[ée]marr"
    r"|lancer|develop|d[ée]velopp|hacking|local|\brun|usage|build|mise[-_ ]en[-_ ]place"
    r"|^(?:readme|index|guide)\b", re.IGNORECASE)
_GUIDE_FOLDERS = re.compile(r"^(?:docs?|documentation|\.github|wiki)(?:/[^/]+){0,2}/[^/]+$"
                            r"|^[^/]+$", re.IGNORECASE)
_MARKUP = re.compile(r"\.(?:md|markdown|mdx|rst|adoc|asciidoc|org)$", re.IGNORECASE)
#: Guides declared for reading, at most (a few blobs, never the documentation tree).
MAX_GUIDES = 12
#: A file name that says it is an installation, build, run, set-up, getting-started or
#: development guide, whatever folder holds it (sigrennesmetropole/geor_signalement links
#: ``readme/README_INSTALL.md`` and ``readme/README_BUILD.md`` from its README): words bounded
#: by non-letters, so ``README_INSTALL`` and ``doc/INSTALL.md`` match, ``reinstalled`` does not.
_NAMED_GUIDE = re.compile(
    r"(?<![a-z])(?:install(?:ation|ing)?|build(?:ing)?|set[-_ ]?up|getting[-_ ]?started"
    r"|quick[-_ ]?start|run(?:ning)?|develop(?:ment|ers?|ing)?|d[ée]veloppe(?:ment|urs?)"
    r"|d[ée]marrage|mise[-_ ]en[-_ ](?:place|route))(?![a-z])", re.IGNORECASE)
#: Folders whose pages are no guide of the project: tests, fixtures, samples, vendored code.
_NOT_GUIDES = re.compile(r"(?:^|/)(?:tests?|spec|fixtures?|examples?|samples?|node_modules"
                         r"|vendor|deps|\.venv|site-packages|third[-_]?party)/", re.IGNORECASE)
#: Guides named so outside the usual folders, declared at most (shortest paths first).
MAX_NAMED_GUIDES = 4
#: The README of a component: a top-level folder's (``back/README.md``), or one of a monorepo's
#: packages (``apps/web/README.md``).
_COMPONENT_README = re.compile(
    r"^(?:(?:apps|packages|services|components|modules)/)?[^/.][^/]*/readme(?:\.(?:md|markdown|rst|adoc))?$",
    re.IGNORECASE)
#: Component READMEs declared for reading, at most.
MAX_COMPONENTS = 4


@dataclass(frozen=True)
class RoleFiles:
    """The file chosen for a role, the other candidates, and language variants of the chosen one."""

    path: str | None
    candidates: tuple[str, ...] = ()
    translations: tuple[str, ...] = ()


def _split(path: str) -> tuple[str, str]:
    folder, _, name = path.rpartition("/")
    return (folder + "/" if folder else ""), name


def _extension(name: str) -> str:
    match = re.search(r"\.(md|markdown|mdx|rst|txt|adoc|asciidoc|org)$", name, re.IGNORECASE)
    return f".{match.group(1).lower()}" if match else ""


def find_role(paths: Iterable[str], role: str) -> RoleFiles:
    """The file serving ``role`` (``readme``, ``contributing``, ``code_of_conduct``,
    ``security_policy``), preferring the root, then ``.github/``, then ``docs/``; within a
    folder, the file without a language suffix and with the most common extension."""
    pattern = _ROLE_NAME[role]
    found: list[tuple[tuple[int, int, int, str], str, str | None]] = []
    for path in paths:
        folder, name = _split(path)
        if folder not in LOCATIONS:
            if role == "contributing" and _ROLE_FOLDER.match(path):
                found.append(((LOCATIONS.index("") if path.lower().startswith("contribu") else 2,
                               1, 9, path), path, None))
            continue
        match = pattern.match(name)
        if not match:
            continue
        lang = match.group("lang")
        rank = (LOCATIONS.index(folder), 1 if lang else 0, _EXT_RANK.get(_extension(name), 8),
                path)
        found.append((rank, path, lang))
    if not found:
        return RoleFiles(None)
    found.sort()
    chosen_rank, chosen, _ = found[0]
    others = tuple(p for _, p, _ in found[1:])
    translations = tuple(p for rank, p, lang in found[1:] if lang and rank[0] == chosen_rank[0])
    return RoleFiles(chosen, others, translations)


#: A component's own contribution guide (``web/CONTRIBUTING.md``, ``packages/ui/CONTRIBUTING.md``):
#: not the repository's, but a "No CONTRIBUTING" message must name it.
_COMPONENT_CONTRIBUTING = re.compile(
    r"^(?:(?:apps|packages|services|components|modules)/)?(?!docs?/)[^/.][^/]*/"
    rf"(?:{ROLE_STEMS['contributing']}){_LANG}{_EXT}$", re.IGNORECASE)
#: A ``contributing/`` folder at the root or in ``docs/`` (its README or index is the guide).
_CONTRIBUTING_FOLDER = re.compile(r"^((?:docs?/)?(?:contributing|contribuer)/)[^/]", re.IGNORECASE)


def component_contributing(paths: Iterable[str]) -> list[str]:
    """Contribution guides of components (a folder at the root or a monorepo's package), at
    most three: what a repository without its own guide does have."""
    return sorted((p for p in paths if _COMPONENT_CONTRIBUTING.match(p)
                   and not _VENDORED.search(p) and "node_modules/" not in p),
                  key=lambda p: (p.count("/"), p))[:3]


def contributing_folder(paths: Iterable[str]) -> dict[str, t.Any] | None:
    """A ``contributing/`` folder with no README or index page to be the guide
    (InseeFrLab/docs.onyxia.sh: ``contributing/catalog-of-services.md``, a user page): its
    name and first files, so a message does not say there is none."""
    folders: dict[str, list[str]] = {}
    for path in paths:
        match = _CONTRIBUTING_FOLDER.match(path)
        if match:
            if _ROLE_FOLDER.match(path):
                return None
            folders.setdefault(match.group(1), []).append(path)
    if not folders:
        return None
    folder = min(folders, key=lambda f: (f.count("/"), f))
    return {"path": folder, "files": sorted(folders[folder])[:3]}


def contributing_targets(paths: Sequence[str], chosen: str | None) -> list[str]:
    """Files a CONTRIBUTING may point to (``docs/CONTRIBUTING.md``, ``docs/2-contributions.md``,
    a companion ``CONTRIBUTING-gitflow.md`` beside it): read too, so a pointer or a companion
    guide can be followed without a second fetch."""
    return [p for p in paths if p != chosen and _DOCS_CONTRIBUTING.match(p)][:6]


def dco_files(paths: Iterable[str]) -> list[str]:
    """DCO texts shipped in the repository (``DCO``, ``DCO.txt``, ``DCO-fr.txt``)."""
    return [p for p in paths if _DCO_FILE.match(p)]


def dco_apps(paths: Iterable[str]) -> list[str]:
    """Configuration of a DCO check (the DCO GitHub App's ``.github/dco.yml``, a DCO workflow)."""
    return [p for p in paths if _DCO_APP.match(p)]


def cla_files(paths: Iterable[str]) -> list[str]:
    """CLA texts and CLA bot configuration (``.clabot``, ``cla.json``, ``CLA.md``, workflows)."""
    return [p for p in paths if _CLA_FILE.match(p) or _CLA_WORKFLOW.match(p)]


def security_txt(paths: Iterable[str]) -> list[str]:
    """RFC 9116 ``security.txt`` files, wherever the site serves them from, and the route files
    that serve one from code (a folder or file named security.txt under .well-known)."""
    return [p for p in paths if (_SECURITY_TXT.match(p) or _SECURITY_TXT_ROUTE.match(p))
            and not _VENDORED.search(p)]


def router_files(paths: Iterable[str]) -> list[str]:
    """Router files by their conventional names (see ``_ROUTER_FILE``), shortest paths first."""
    return sorted((p for p in paths if _ROUTER_FILE.match(p) and not _VENDORED.search(p)
                   and "test" not in p.lower()), key=lambda p: (p.count("/"), p))


_VIEW_FILE = re.compile(r"^(?:views?\.py|views/[\w-]+\.py)$")


def route_views(paths: Iterable[str], routers: Sequence[str]) -> list[str]:
    """Files beside a router that may hold the views it names (Django's ``urls.py`` next to
    ``views.py`` or a ``views/`` package), shortest paths first."""
    folders = {r.rsplit("/", 1)[0] + "/" if "/" in r else "" for r in routers}
    found = [p for p in paths for folder in folders
             if p.startswith(folder) and _VIEW_FILE.match(p[len(folder):])]
    return sorted(dict.fromkeys(found), key=lambda p: (p.count("/"), p))


#: A Django view module anywhere in a project (``presentation/pages/views.py``,
#: ``recruteur/views/notes.py``).
_PROJECT_VIEW = re.compile(r"(?:^|/)(?:views?\.py|views/[\w-]+\.py)$")
#: How many view modules of a project are read to find the view a route names.
MAX_PROJECT_VIEWS = 12


def project_views(paths: Iterable[str], routers: Sequence[str]) -> list[str]:
    """View modules of the project around a Django router (``config/urls.py`` importing
    ``presentation.pages.views``: the folder above the router's), after those beside it,
    shortest paths first, at most :data:`MAX_PROJECT_VIEWS`."""
    roots = {r.rsplit("/", 2)[0] + "/" if r.count("/") >= 2 else "" for r in routers
             if r.endswith("urls.py")}
    found = [p for p in paths for root in roots if p.startswith(root) and p.endswith(".py")
             and _PROJECT_VIEW.search(p) and not _VENDORED.search(p) and "test" not in p.lower()]
    return sorted(dict.fromkeys(found), key=lambda p: (p.count("/"), p))[:MAX_PROJECT_VIEWS]


#: Django settings modules next to the router (``config/settings.py``,
#: ``config/settings/base.py``): where a view's ``settings.X`` is set.
_SETTINGS_FILE = re.compile(r"^(?:settings\.py|settings/[\w-]+\.py)$")
MAX_SETTINGS = 6


def settings_modules(paths: Iterable[str], routers: Sequence[str]) -> list[str]:
    """Settings modules beside Django routers, ``settings.py`` and ``settings/base.py`` first
    (the values every environment shares), at most :data:`MAX_SETTINGS`."""
    folders = {r.rsplit("/", 1)[0] + "/" if "/" in r else "" for r in routers
               if r.endswith("urls.py")}
    found = [p for p in paths for folder in folders
             if p.startswith(folder) and _SETTINGS_FILE.match(p[len(folder):])]
    return sorted(dict.fromkeys(found), key=lambda p: (
        not p.endswith(("/settings.py", "settings/base.py")) and p != "settings.py",
        p.count("/"), p))[:MAX_SETTINGS]


def issue_templates(paths: Iterable[str]) -> list[str]:
    return [p for p in paths if _ISSUE_TEMPLATES.match(p)]


def issue_config(paths: Iterable[str]) -> list[str]:
    return [p for p in paths if _ISSUE_CONFIG.match(p)]


def pull_request_templates(paths: Iterable[str]) -> list[str]:
    return [p for p in paths if _PR_TEMPLATES.match(p)]


def guides(paths: Sequence[str], readme: str | None) -> list[str]:
    """Documents a README may link to for installing and running (``INSTALL.md``,
    ``ONBOARDING.md``, ``docs/developers.md``, ``doc/01-setup.md``, ``docs/installation/README.md``):
    declared from the listing alone, so a remote source fetches them with the README; the root
    first, then the shallowest, at most :data:`MAX_GUIDES`."""
    found = []
    components = 0
    for path in sorted(paths):
        name = path.rsplit("/", 1)[-1]
        if path != readme and is_component(path) and components < MAX_COMPONENTS:
            # back/README.md, front/README.md: a monorepo's root README may only route to them.
            components += 1
            found.append((0, 1, 2, path))
            continue
        if (path == readme or not _MARKUP.search(name) or not _GUIDE_FOLDERS.match(path)
                or "node_modules/" in path):
            continue
        stem = name.rsplit(".", 1)[0]
        folder = path.rsplit("/", 1)[0] if "/" in path else ""
        if folder and re.match(r"^(?:readme|index)$", stem, re.IGNORECASE):
            named = True  # docs/README.md, docs/installation/README.md
        elif re.match(r"^readme[-_.]", stem, re.IGNORECASE):
            # README_original.md: the full README an archive notice sends readers to.
            found.append((1, 0, 2, path))
            continue
        else:
            named = bool(_GUIDE_NAME.search(stem)) and not re.match(r"^readme", stem, re.I)
        if named:
            found.append((0, path.count("/"), 0 if _GUIDE_NAME.search(stem) else 1, path))
        elif _DOCS_PAGE.match(path):
            # doc/cli.md: a page of the documentation folder a README may well link to for
            # using the tool; read after the pages named as guides.
            found.append((1, 1, 2, path))
    chosen = [p for *_, p in sorted(found)][:MAX_GUIDES]
    return chosen + named_guides(paths, {*chosen, readme or ""})


#: A guide found by convention at the root or in the documentation folder: INSTALL.md,
#: ONBOARDING.md, GETTING_STARTED.md, SETUP.md, QUICKSTART.md, docs/install*.
_CONVENTIONAL_GUIDE = re.compile(
    r"^(?:(?:docs?|documentation)/)?(?:install\w*|onboarding\w*|getting[-_ ]?started\w*"
    r"|setup\w*|quick[-_ ]?start\w*)\.(?:md|markdown|rst|adoc|txt)$"
    r"|^(?:install|onboarding|getting[-_ ]?started|setup|quick[-_ ]?start)$", re.IGNORECASE)


def unlinked_guides(paths: Sequence[str]) -> list[str]:
    """Guides a README may not link to but a newcomer would look for: a conventional root guide
    (incubateur-ademe/aldo's ``ONBOARDING.md``, ``INSTALL.md``, ``docs/installation.md``),
    then the components' READMEs (sigrennesmetropole/datafactory_spark's
    ``spark-dechet/README.md``). Shortest paths first."""
    conventional = sorted((p for p in paths if _CONVENTIONAL_GUIDE.match(p)),
                          key=lambda p: (p.count("/"), p))
    return conventional + sorted(p for p in paths if is_component(p))


def is_component(path: str) -> bool:
    """Whether ``path`` is the README of a component of a monorepo (``back/README.md``,
    ``apps/web/README.md``), not of a documentation folder or of vendored code."""
    return bool(_COMPONENT_README.match(path) and not _GUIDE_FOLDERS.match(path)
                and not _VENDORED.search(path))


def named_guides(paths: Sequence[str], skip: Collection[str] = ()) -> list[str]:
    """Markup files whose name says they are an installation, build, run, set-up or
    development guide wherever they sit (``readme/README_INSTALL.md``, ``tools/BUILD.md``),
    outside tests and vendored code: a README may link to them. Shortest paths first, at most
    :data:`MAX_NAMED_GUIDES`."""
    found = [p for p in paths if p not in skip and _MARKUP.search(p)
             and _NAMED_GUIDE.search(p.rsplit("/", 1)[-1].rsplit(".", 1)[0])
             and not _NOT_GUIDES.search(p)]
    return sorted(found, key=lambda p: (p.count("/"), p))[:MAX_NAMED_GUIDES]


#: Documents civiscan does not read: a PDF, an office or e-book document.
_UNREAD_FORMAT = re.compile(r"\.(?:pdf|docx?|odt|rtf|pptx?|odp|epub)$", re.IGNORECASE)
#: Images: a guide only when its link says so (a screenshot of the steps).
_IMAGE = re.compile(r"\.(?:png|jpe?g|gif|webp|tiff?|bmp)$", re.IGNORECASE)


def unread_format(path: str, named: bool) -> bool:
    """Whether a linked file is a document in a format civiscan does not read: a PDF, an
    office or e-book document (Ville-Eurometropole-Strasbourg/delimitation-du-dpf links its
    ``notice_delimitation_DPF.pdf`` under "How to install and use"), or an image whose link
    says it is a guide (``named``). Documentation a person must read, never missing."""
    name = path.rsplit("/", 1)[-1]
    return bool(_UNREAD_FORMAT.search(name) or (named and _IMAGE.search(name)))


def is_document(path: str) -> bool:
    """A page of prose (Markdown, reStructuredText, AsciiDoc, Org, plain text) rather than a
    diagram, a script or an image."""
    name = path.rsplit("/", 1)[-1]
    return bool(_MARKUP.search(name) or name.lower().endswith(".txt") or "." not in name)


#: Pages directly in the documentation folder.
_DOCS_PAGE = re.compile(r"^(?:docs?|documentation)/[^/]+$", re.IGNORECASE)
#: Pages a documentation site's folder opens on, best first.
_HOMES = ("README.md", "index.md", "README.rst", "index.rst", "README.adoc", "index.adoc",
          "_sidebar.md", "SUMMARY.md")


def site_page(url: str, repo_url: str | None, paths: Collection[str],
              folder: str | None = None) -> str | None:
    """The listed page a documentation site's address stands for, when the repository holds
    the site's sources: ``https://OWNER.github.io/REPO/…`` of this very repository, or any
    address of a site the README says is built from ``folder``. The folder's home page
    (``docs/README.md``, ``docs/index.md``), or the page the address names (``…/install/``,
    docsify's ``#/2-getting-started``). ``None`` when the folder holds no page."""
    parts = urlsplit(url)
    rest = parts.path
    if folder is None:
        owner_repo = re.match(r"^https?://(?:www\.)?github\.com/([^/]+)/([^/#?]+)",
                              repo_url or "", re.IGNORECASE)
        host = (parts.hostname or "").lower()
        if not owner_repo or host != f"{owner_repo.group(1).lower()}.github.io":
            return None
        segments = [s for s in rest.split("/") if s]
        if not segments or segments[0].lower() != owner_repo.group(2).lower().removesuffix(".git"):
            return None
        rest = "/".join(segments[1:])
        folder = next((f for f in ("docs", "doc") if any(
            p.startswith(f + "/") for p in paths)), None)
        if folder is None:
            return None
    else:
        rest = ""  # the site's own address says nothing of the file layout
    page = (parts.fragment.lstrip("/!") if parts.fragment.startswith(("/", "!/")) else "") or rest
    page = unquote(page).strip("/")
    tries = [f"{folder}/{page}{ext}" for ext in (".md", "/README.md", "/index.md")] if page else []
    tries += [f"{folder}/{home}" for home in _HOMES]
    return next((p for p in tries if p in paths), None)


def toc_page(entry: str, page: str, paths: Collection[str]) -> str | None:
    """The listed file a table of contents entry of ``page`` names (Sphinx's ``toctree``:
    ``gstarted`` beside doc/index.rst is doc/gstarted.rst; ``install/index``; a leading ``/``
    is the site's source folder, taken as the page's own). ``None`` when none is listed."""
    folder = posixpath.dirname(page)
    target = posixpath.normpath(posixpath.join(folder, entry.lstrip("/")))
    if target.startswith(".."):
        return None
    tries = [target] if _MARKUP.search(target) else []
    tries += [f"{target}{ext}" for ext in (".rst", ".md", ".txt", "/index.rst", "/index.md")]
    return next((t for t in tries if t in paths), None)


_FORGE_FILE = re.compile(r"^(https?://(?:www\.)?github\.com/[^/?#]+/[^/?#]+)/(?:blob|tree|raw)/[^/?#]+/"
                         r"([^?#]+)", re.IGNORECASE)


def own_repository(links: Iterable[str], paths: Collection[str],
                   names: Collection[str] = ()) -> str | None:
    """The GitHub address of the repository, told by a document's own links when the scan does
    not know it (a local checkout whose remote is no forge): a ``…/blob|tree|raw/<branch>/<path>``
    link to a file or folder the listing holds (SocialGouv/kontinuous's README shows its logo
    from ``github.com/socialgouv/kontinuous/raw/master/docs/_media/…``). With no ``names``, for
    mapping the repository's GitHub Pages site to its sources only: a link to another
    repository's file that happens to share a path would say nothing more than that. With
    ``names`` (the repository's or checkout folder's, ``OWNER__NAME``, the README's title), the
    address's repository name must be one of them too (InseeFr/Trevas README.md:34:
    ``github.com/InseeFr/Trevas/tree/master/docs`` in a checkout named Trevas): then its links
    into that tree are this repository's files, read as such."""
    wanted = {_name_key(part) for name in names for part in re.split(r"/|__", name)} - {""}
    for link in links:
        match = _FORGE_FILE.match(link)
        if match and not absent(unquote(match.group(2)).strip("/"), paths) \
                and (not names or _name_key(match.group(1).rsplit("/", 1)[-1]) in wanted):
            return match.group(1)
    return None


def _name_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower().removesuffix(".git"))


#: A documentation folder that is a site project of its own: its package manifest and a static
#: site generator's configuration.
_SITE_FOLDER = re.compile(r"^(?:.+/)?(?:docs?|documentation|website|site)$", re.IGNORECASE)
_SITE_CONFIG = re.compile(r"^(?:docusaurus\.config|\.vitepress/config|\.vuepress/config|astro\.config"
                          r"|gatsby-config)\.[cm]?[jt]s$", re.IGNORECASE)


def in_site_project(path: str, paths: Collection[str]) -> bool:
    """Whether ``path`` is the README of a documentation folder that is a site project of its
    own (InseeFr/Trevas's docs/README.md beside docs/package.json and docs/docusaurus.config.js:
    ``yarn start`` there serves the documentation): its commands install and run the site, not
    the project."""
    folder = posixpath.dirname(path)
    if not _SITE_FOLDER.match(folder) or f"{folder}/package.json" not in paths:
        return False
    prefix = folder + "/"
    return any(p.startswith(prefix) and _SITE_CONFIG.match(p[len(prefix):]) for p in paths)


def link_target(link: str, folder: str, repo_url: str | None,
                paths: Collection[str]) -> str | None:
    """The listed file a link of a document in ``folder`` points to: a relative path, or a
    ``…/blob/<branch>/<path>`` address of this very repository; a folder stands for its
    README or index. ``None`` for anything else (another site, another repository)."""
    parts = urlsplit(link)
    if parts.scheme in ("http", "https"):
        target = own_path(link, repo_url)
        if target is None:
            return None
    elif parts.scheme or not parts.path:
        return None
    else:
        target = posixpath.normpath(posixpath.join(folder, unquote(parts.path))).lstrip("/")
        if target.startswith(".."):
            return None
    if target in paths:
        return target
    for index in ("README.md", "readme.md", "index.md", "README.rst", "README"):
        if f"{target}/{index}" in paths:
            return f"{target}/{index}"
    return None


def folder_readme(link: str, folder: str, repo_url: str | None,
                  paths: Collection[str]) -> str | None:
    """The README that a link to a folder below ``folder`` stands for (betagouv/zam README.md:7,
    « [`/repondeur/`](repondeur/) contient l'application web », over repondeur/README.md: each
    application of the monorepo tells in its own README how to install and run it). ``None``
    for a link to a file, to a folder with no README listed, or to ``folder`` itself."""
    target = link_target(link, folder, repo_url, paths)
    if target is None or not posixpath.basename(target).lower().startswith("readme") \
            or posixpath.dirname(target) == folder:
        return None
    written = unquote(urlsplit(link).path).rstrip("/")
    return None if written.lower().endswith(posixpath.basename(target).lower()) else target


def own_path(link: str, repo_url: str | None) -> str | None:
    """The path a ``…/blob|tree|raw/<branch>/<path>`` address of this very repository names
    (``None`` for any other address, or when the repository's address is unknown)."""
    base = (repo_url or "").rstrip("/")
    if not base or not link.lower().startswith(base.lower() + "/"):
        return None
    match = re.match(r"/(?:-/)?(?:blob|tree|raw)/[^/]+/([^?#]+)", link[len(base):])
    if not match:
        return None
    return unquote(match.group(1)).strip("/") or None


def absent(target: str, paths: Collection[str]) -> bool:
    """Whether neither a file nor a folder of the listing is at ``target``: a link there is dead."""
    prefix = target.rstrip("/") + "/"
    return target not in paths and not any(p.startswith(prefix) for p in paths)
