"""Community files: README, CONTRIBUTING (and its contribution terms: DCO, CLA), code of conduct,
security policy, issue and pull-request templates. Every fact names the file it came from.

A file that exists but could not be read says why (``unreadable``), so no rule passes on it or
calls it missing; a file still holding template markers lists them (``placeholders``). Links
are followed two hops at most, to files declared from the listing (:meth:`CommunityCollector.wanted`),
so a remote scan reads exactly what a local one reads.
"""

from __future__ import annotations

import functools
import posixpath
import re
import typing as t
from collections.abc import Collection, Iterable, Mapping, Sequence

from scanner import placeholders
from scanner.budget import bounded
from scanner.collectors.base import Collector, Fragment
from scanner.community import (
    conduct,
    contributing,
    docsite,
    locate,
    readme,
    retired,
    security,
    terms,
)
from scanner.community.markup import Document, Link, parse
from scanner.community.signals import Signal
from scanner.errors import ParseError
from scanner.licences import content
from scanner.snapshot import Snapshot, decode_text

#: Where a file came from: the repository, or (remote GitHub scans) the owner's shared ``.github``
#: repository, whose community files GitHub shows where a repository has none.
ORIGIN = "repository"
INHERITED = "organisation-default"
#: Headings kept in the facts (a README can have hundreds).
MAX_HEADINGS = 80
#: Security.txt files and pull-request templates read, at most.
MAX_EXTRA_READS = 3
#: Linked guides a README is followed to, at most.
MAX_FOLLOWED = 5
#: Most characters of a community document analysed (the largest real READMEs are ~200 KB).
MAX_PROSE_CHARS = 512_000
#: Longest line analysed; the rest of a longer line is dropped. Prose wraps long before this, and
#: the line is what most patterns (and every quote) work on.
MAX_LINE_CHARS = 10_000
T = t.TypeVar("T")
_NO_MARKERS: list[dict[str, object]] = []
BINARY = ("binary file where text was expected; not read",
          "fichier binaire là où un texte était attendu ; non lu")


def _file_section(found: locate.RoleFiles, snapshot: Snapshot | None = None) -> dict[str, t.Any]:
    origin = None
    if found.path:
        origin = INHERITED if snapshot is not None and snapshot.is_inherited(found.path) else ORIGIN
    return {"path": found.path, "origin": origin, "candidates": list(found.candidates),
            "readable": None, "size": None, "unreadable": None}


def _empty_terms() -> dict[str, t.Any]:
    return {"dco": False, "dco_file_only": False, "cla": False, "mentions_dco": False,
            "mentions_signed_off_by": False, "mentions_cla": False, "sources": [],
            "dco_files": [], "dco_apps": [], "cla_files": [], "dco_quotes": [], "cla_quotes": [],
            "signals": []}


def _empty() -> dict[str, t.Any]:
    none = locate.RoleFiles(None)
    return {
        "readme": {**_file_section(none), "translations": [], "format": None, "words": None,
                   "headings": [], "explains": dict.fromkeys(readme.TOPICS),
                   "evidence": {}, "placeholders": [], "followed": [], "unfollowed": [],
                   "doc_sites": [], "doc_site_sources": [], "doc_site_projects": [], "dead_links": [],
                   "doc_site": None, "doc_site_pages": [],
                   "sources": [], "routes": [],
                   "usage_example": None, "library": None, "retired": None, "hosted_install": None,
                   "unlinked_guides": []},
        "contributing": {**_file_section(none), "target": None, "target_url": None, "route": None,
                         "components": [], "site_pages": [], "folder": None,
                         "companions": [],
                         "target_read": None, "external_guide": None,
                         "guide": None, "format": None, "words": None,
                         "sections": [], "explains": {"how_to_contribute": None,
                                                      "licence": None,
                                                      "declines_contributions": None},
                         "placeholders": [], "terms": _empty_terms()},
        "code_of_conduct": {**_file_section(none), "standard": None, "version": None,
                            "language": None, "contact": None, "contacts": [],
                            "placeholder": None, "placeholders": []},
        "security_policy": {**_file_section(none), "private_channel": None, "channels": [],
                            "contacts": [], "security_txt": [], "security_txt_routes": [],
                            "security_txt_redirects": [], "security_txt_served": [],
                            "not_policies": [], "readme_section": None,
                            "elsewhere": [], "placeholders": []},
        "templates": {"issue": [], "pull_request": [], "present": False},
    }


def _route_redirects(routes: list[dict[str, t.Any]], paths: Sequence[str],
                     reader: _Reader) -> list[dict[str, t.Any]]:
    """Where a security.txt route redirects to an absolute URL: in the router itself, or in
    the view it names beside it (gip-inclusion/inclusion-connect: ``urls.py`` routes to
    ``views.security_txt``, which redirects to inclusion.beta.gouv.fr)."""
    found: list[dict[str, t.Any]] = []
    views = locate.route_views(paths, [r["path"] for r in routes])[:MAX_EXTRA_READS]
    for route in routes:
        source = reader.text(route["path"]) or ""
        hit = reader.analyse(route["path"], security.redirect_in, source, route["line"],
                             default=None)
        where = route["path"]
        name = None if hit else reader.analyse(route["path"], security.route_view, source,
                                               route["line"], default=None)
        for view in views if name else []:
            text = reader.text(view)
            hit = None if text is None else reader.analyse(view, security.view_redirect, text,
                                                           name, default=None)
            if hit:
                where = view
                break
        if hit:
            found.append({"path": where, "line": hit[0], "url": hit[1]})
    return found


def _route_contacts(routes: list[dict[str, t.Any]], paths: Sequence[str],
                    reader: _Reader) -> list[dict[str, t.Any]]:
    """The ``Contact:`` a security.txt route's view serves, followed into the settings module
    when the view builds it from ``settings.X`` (betagouv/csplab: ``config/urls.py`` routes to
    ``presentation/pages/views.security_txt``, which serves
    ``settings.SECURITY_CONTACT_EMAIL``, set in ``config/settings/base.py``). ``where`` is the
    line that writes the contact; ``contact`` is null where the setting's value is not written
    in a settings module beside the router (read from the environment, say)."""
    routers = [r["path"] for r in routes]
    views = list(dict.fromkeys(locate.route_views(paths, routers)[:MAX_EXTRA_READS]
                               + locate.project_views(paths, routers)))
    modules = locate.settings_modules(paths, routers)
    none: list[security.Served] = []
    found: list[dict[str, t.Any]] = []
    for route in routes:
        source = reader.text(route["path"]) or ""
        name = reader.analyse(route["path"], security.route_view, source, route["line"],
                              default=None)
        for view in views if name else []:
            text = reader.text(view)
            served = none if text is None else reader.analyse(view, security.view_contacts, text,
                                                              name, default=none)
            for item in served:
                entry: dict[str, t.Any] = {"path": view, "line": item.line, "setting": item.setting,
                                           "contact": None, "written": None, "where": None}
                if item.setting is None:
                    entry.update(contact=item.value.removeprefix("mailto:"),
                                 written={"path": view, "line": item.line},
                                 where=f"{view}:{item.line}")
                for module in modules if item.setting else []:
                    settings = reader.text(module)
                    hit = None if settings is None else reader.analyse(
                        module, security.setting_value, settings, item.setting, default=None)
                    if hit:
                        entry.update(contact=(item.value + hit[1]).removeprefix("mailto:"),
                                     where=f"{module}:{hit[0]}",
                                     written={"path": module, "line": hit[0]})
                        break
                found.append(entry)
            if served:
                break
    return found[:3]


class CommunityCollector(Collector):
    name = "community"

    def empty(self) -> Fragment:
        return {"community": _empty()}

    def wanted(self, paths: Sequence[str],
               sizes: Mapping[str, int | None] | None = None) -> Iterable[str]:
        wanted: list[str] = []
        for role in locate.ROLE_STEMS:
            chosen = locate.find_role(paths, role).path
            if chosen:
                wanted.append(chosen)
            if role == "contributing":
                wanted.extend(locate.contributing_targets(paths, chosen))
        wanted.extend(locate.guides(paths, locate.find_role(paths, "readme").path))
        wanted.extend(docsite.wanted(paths))
        wanted.extend(locate.security_txt(paths)[:MAX_EXTRA_READS])
        if not locate.find_role(paths, "security_policy").path:
            routers = locate.router_files(paths)[:MAX_EXTRA_READS]
            wanted.extend(routers)
            wanted.extend(locate.route_views(paths, routers)[:MAX_EXTRA_READS])
            wanted.extend(locate.project_views(paths, routers))
            wanted.extend(locate.settings_modules(paths, routers))
        wanted.extend(locate.pull_request_templates(paths)[:MAX_EXTRA_READS])
        wanted.extend(locate.issue_config(paths)[:1])
        return list(dict.fromkeys(wanted))

    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        paths = snapshot.paths()
        section = _empty()
        problems: list[dict[str, t.Any]] = []
        reader = _Reader(snapshot, self.name, problems, set(self.wanted(paths, snapshot.files)))
        repository = facts.get("repository") or {}
        repo_url = repository.get("url")
        names = [n for n in (repository.get("name"), repository.get("full_name"))
                 if isinstance(n, str)]

        # A link into this repository's own tree can be called dead only when the listing is
        # whole and is the repository's root (not a folder of it, not cut short).
        whole = not repository.get("truncated") and not repository.get("folder")
        readme_doc = _readme(section["readme"], paths, reader, repo_url, names, whole)
        contributing_docs = _contributing(section["contributing"], paths, reader, repo_url)
        _terms(section["contributing"]["terms"], paths, reader, contributing_docs, readme_doc,
               section["contributing"]["path"]
               or next(iter([*section["contributing"]["components"],
                             *(p for s in section["contributing"]["site_pages"] for p in s["pages"])]),
                        None))
        _conduct(section["code_of_conduct"], paths, reader)
        read = [(section["readme"]["path"], readme_doc), *contributing_docs]
        _security(section["security_policy"], paths, reader,
                  [(p, d) for p, d in read if p and d is not None],
                  (section["readme"]["path"], readme_doc))
        section["templates"] = _templates(paths, reader)
        return {"community": section, "problems": problems}


def _readme(out: dict[str, t.Any], paths: Sequence[str], reader: _Reader,
            repo_url: str | None, names: list[str], whole: bool = False) -> Document | None:
    found = locate.find_role(paths, "readme")
    out.update(_file_section(found), translations=list(found.translations))
    doc = reader.document(found.path, out)
    if doc is None or found.path is None:
        return None
    # The project's names: a package the README installs and then uses is the project itself.
    project = [*names, *(h.text for h in doc.headings[:1])]
    topics = reader.analyse(found.path, readme.analyse, doc, project, default=None, out=out)
    if topics is None:
        return None
    notice = reader.analyse(found.path, retired.notice, doc, default=None)
    if notice is not None:
        out["retired"] = notice.to_facts()
        if notice.contributions_line is not None and not topics["contributing"]["found"]:
            # A retired repository's README saying where issues and pull requests go now
            # (codegouvfr/sill-api) tells contributors what to do.
            topics["contributing"] = {"found": True, "line": notice.contributions_line,
                                      "via": "text"}
    sources = [found.path] if topics["install"]["found"] or topics["run"]["found"] else []
    routes = list(sources)
    if not (topics["install"]["found"] and topics["run"]["found"]):
        _follow(out, found.path, doc, topics, sources, routes, reader, paths, repo_url,
                project, whole)
    if not (topics["install"]["found"] and topics["run"]["found"]):
        out["unlinked_guides"] = _unlinked(out, paths, reader, project)
    out.update(
        format=doc.format,
        words=doc.prose_words(),
        headings=[{"level": h.level, "text": h.text, "line": h.line}
                  for h in doc.headings[:MAX_HEADINGS]],
        explains={topic: bool(info["found"]) for topic, info in topics.items()},
        # Each part names the file of its line, so a finding's evidence reads "README.md:31"
        # (a part found through a link names the guide and keeps the README's line).
        evidence={topic: {"path": found.path, **{k: v for k, v in info.items() if k != "found"}}
                  for topic, info in topics.items() if info["found"]},
        placeholders=reader.analyse(found.path, _readme_placeholders, doc, found.path,
                                    default=_NO_MARKERS),
        sources=sources,
        routes=routes,
        usage_example=bool(topics["run"].get("usage")),
        library=bool(topics["install"].get("library")),
    )
    hosted = None if topics["install"]["found"] else readme.hosted_install(doc)
    if hosted is not None:
        out["hosted_install"] = {"path": found.path, "line": hosted.line, "heading": hosted.text}
    return doc


def _readme_placeholders(doc: Document, path: str) -> list[dict[str, object]]:
    """The README's template markers, and a framework starter's README left as generated
    (:func:`readme.starter_placeholder`): both are a template still to write."""
    found = placeholders.find(doc, path)
    starter = readme.starter_placeholder(doc, path)
    return found if starter is None else [starter, *found]


def _unlinked(out: dict[str, t.Any], paths: Sequence[str], reader: _Reader,
              project: list[str]) -> list[str]:
    """Guides the README does not link to that tell both how to install and how to run the
    service (a root ONBOARDING.md, the components' READMEs): named in the fail, never credited
    (the README itself must point to them)."""
    found = []
    for target in locate.unlinked_guides(paths):
        if target in out["followed"] or target not in reader.allowed:
            continue
        guide = reader.document(target)
        told = (reader.analyse(target, readme.analyse, guide, project, default=None)
                if guide is not None else None)
        if told and told["install"]["found"] and told["run"]["found"]:
            found.append(target)
    return found[:3]


def _follow(out: dict[str, t.Any], path: str, doc: Document, topics: dict[str, dict[str, t.Any]],
            sources: list[str], routes: list[str], reader: _Reader, paths: Sequence[str],
            repo_url: str | None, project: list[str], whole: bool = False) -> None:
    """Follow the README's links to an installation or developer guide of the repository, and
    take from it what the README lacks (the rule's remediation: a link is enough). A guide that
    does not tell it itself, a table of contents ("Documentation développeur: [Installation]
    (install.md)…"), is followed once more, by its links that name installing, starting,
    developing or contributing: two hops at most, :data:`MAX_FOLLOWED` files in all. A
    documentation site the README says is built from ``docs/`` (or this repository's GitHub
    Pages) is read from the folder. A link to a file or folder of this very repository that the
    listing does not hold (``…/tree/master/docs`` with no ``docs/``) is dead: named so, never a
    documentation to review (``whole``: the listing is the repository's, uncut)."""
    listed = set(paths)
    # A local checkout may not know its forge address: a link into a tree of the listing, of a
    # repository named as this one, is this repository's own (read locally).
    if repo_url is None:
        repo_url = locate.own_repository(doc.links, listed, project)
    here = posixpath.dirname(path)

    def component(target: str) -> bool:
        # A link to a component's folder (betagouv/zam: [`/repondeur/`](repondeur/)) stands
        # for its README, as a link to that README does.
        readme_path = locate.folder_readme(target, here, repo_url, listed)
        return readme_path is not None and locate.is_component(readme_path)

    links = readme.guide_links(doc, component)
    dead = [(link, gone) for link, _ in links if whole
            and (gone := locate.own_path(link.target, repo_url)) and locate.absent(gone, listed)]
    # "target", not "path": no file is there for a finding to point at.
    out["dead_links"] = [{"url": link.target, "line": link.line,
                          "target": f"{gone}/" if "/tree/" in link.target else gone}
                         for link, gone in dead][:3]
    # A link into this repository's tree that leads to a page of the listing is followed below
    # as such; a dead one is no documentation to review.
    mine = {link.target for link, _ in dead} | {
        link.target for link, _ in links if locate.link_target(link.target, "", repo_url, listed)}
    sites = [site for site in readme.doc_sites(links, project, doc) if site not in mine]
    hops: list[Hop] = []
    committed = docsite.sites(listed)
    expanded: set[str] = set()
    unread_sites = []
    projects: list[str] = []
    # A local checkout may not know its forge address: the README's links to its own files do.
    own_url = repo_url or (locate.own_repository(doc.links, listed) if sites else None)
    for site in sites:
        # The README may name the site's folder by another link to it than the guide link.
        anchors = [a for a in doc.anchors if a.target == site]
        folder = next((f for a in anchors if (f := readme.folder_named_with(doc, a))), None)
        anchor = anchors[0]
        page = locate.site_page(site, own_url, listed, folder)
        site_hops = _site_hops(docsite.site_of(page, committed), [path], anchor.line, reader,
                               listed, expanded, out) if page is not None else []
        if site_hops:
            # The published site of a Docusaurus or MkDocs site committed here: its pages on
            # installing and using are read, not the tooling README its address maps to.
            hops += site_hops
        elif page is None or page not in reader.allowed or locate.in_site_project(page, listed):
            # A site project's README tells how to build the site; its pages are elsewhere.
            unread_sites.append(site)
            if page is not None and locate.in_site_project(page, listed):
                projects.append(posixpath.dirname(page) + "/")
        else:
            hops.append(([path], Link(page, anchor.text, anchor.line), True, anchor.line))
    out["doc_sites"] = unread_sites[:3]
    # The site was matched to its sources, a site project of their own whose pages are not read.
    out["doc_site_projects"] = list(dict.fromkeys(projects))[:3]
    # Documentation sources in the repository: the unread site may well be built from them.
    out["doc_site_sources"] = [r or "./" for r in content.site_roots(paths)][:3] if unread_sites else []
    ranked = sorted(links, key=lambda pair: readme.setup_rank(pair[0]) if pair[1] else 3)
    hops += [([path], link, named, link.line) for link, named in ranked]
    read: dict[str, Document] = {}
    index = 0
    while index < len(hops):
        chain, link, named, at = hops[index]
        index += 1
        # A monorepo's root README routes to each component's README: all are read (each tells
        # how to install and run its part), not only the first.
        routes_to = len(chain) == 1 and (readme.is_component_readme(link.target)
                                         or component(link.target))
        if topics["install"]["found"] and topics["run"]["found"] and not routes_to:
            continue
        folder = posixpath.dirname(chain[-1])
        target = locate.link_target(link.target, folder, repo_url, listed)
        linked_site = docsite.site_of(
            target or docsite.link_path(link.target, folder, repo_url) or "", committed
        ) if link.text != _TOC else None
        queued = _site_hops(linked_site, chain, at, reader, listed, expanded, out)
        if queued or (linked_site is not None and f"pages:{linked_site.root}" in expanded):
            # A link to a committed documentation site (its folder, its tooling README, its
            # home page) stands for the site: its pages on installing and using are read.
            hops[index:index] = queued
            continue
        if target is None or target in chain or target == path or target in out["unfollowed"]:
            continue
        if target not in reader.allowed:
            unread = locate.unread_format(target, named) and (
                named or (len(chain) == 1 and readme.in_setup_section(doc, link)))
            if (named and locate.is_document(target)) or unread:
                # A guide by its own words, left unread, or a document civiscan does not read
                # (a PDF) linked from a section on installing or running: a person must look
                # (a diagram or a script it also links to is no guide).
                out["unfollowed"].append(target)
            continue
        route = [*chain, target]
        if target in read:  # read on the way to another page: only its links are new here
            guide = read[target]
        else:
            if len(out["followed"]) == MAX_FOLLOWED:
                # Pages a site's table of contents names, left unread for the limit: a person
                # must look, civiscan cannot say they do not explain it.
                out["unfollowed"].extend(
                    dict.fromkeys(t for c, lk, _, _ in hops[index - 1:] if lk.text == _TOC
                                  and (t := locate.link_target(
                                      lk.target, posixpath.dirname(c[-1]), repo_url, listed))
                                  and t not in read and t not in out["unfollowed"]))
                break
            page_doc = reader.document(target)
            if page_doc is None:
                continue
            read[target] = guide = page_doc
            out["followed"].append(target)
            found = reader.analyse(target, readme.analyse, guide, project, default=None)
            if found is None:
                continue
            if readme.about_documentation(guide, project) or locate.in_site_project(target, listed):
                # How to serve the documentation site is not how to run the project.
                continue
            for topic in ("install", "run"):
                if found[topic]["found"] and (routes_to or not topics[topic]["found"]):
                    if not topics[topic]["found"]:
                        topics[topic] = {"found": True, "line": at, "via": "link", "path": target,
                                         "target_line": found[topic]["line"], "route": route}
                        for said in ("usage", "library"):
                            if found[topic].get(said):
                                topics[topic][said] = True
                    if target not in sources:
                        sources.append(target)
                        routes.append(" → ".join(route))
        if len(chain) == 1 and target not in expanded:
            # A page that does not tell both is followed once more, right away, by its surest
            # links ("Voir [la documentation d'installation](installation.md)").
            expanded.add(target)
            # A documentation site's home names its pages in a table of contents (Sphinx's
            # toctree, ANSSI-FR/lidi's doc/index.rst → gstarted): each is read, in its order.
            pages = dict.fromkeys(p for entry in guide.toc
                                  if (p := locate.toc_page(entry.target, target, listed)))
            hops[index:index] = [
                (route, link2, True, at) for link2, named2 in
                sorted(readme.guide_links(guide), key=lambda p: readme.setup_rank(p[0]))
                if named2 and readme.setup_rank(link2) < 2] + [
                (route, Link(posixpath.relpath(page, posixpath.dirname(target)), _TOC, at), True, at)
                for page in pages if page != target and page != path]
    # The site's pages civiscan read (the others were left for the limit, or once both were told).
    out["doc_site_pages"] = [p for p in out["doc_site_pages"] if p in read]


#: The text of a link that stands for an entry of a table of contents.
_TOC = "\0toc"


def _site_hops(site: docsite.Site | None, chain: list[str], at: int, reader: _Reader,
               listed: Collection[str], expanded: set[str], out: dict[str, t.Any]) -> list[Hop]:
    """Hops to the pages of a committed documentation site that may tell how to install and
    use the project (:func:`docsite.setup_pages`, ordered by its navigation when it was read),
    once per site; none for no site, one without such pages or one already queued. The site
    and its pages are noted in ``out`` (``doc_site``, ``doc_site_pages``: those read are kept)."""
    if site is None or f"site:{site.root}" in expanded:
        return []
    expanded.add(f"site:{site.root}")
    config = reader.text(site.nav) if site.nav in reader.allowed else None
    pages = [p for p in docsite.setup_pages(site, listed, config)
             if p not in chain and p in reader.allowed]
    if pages:
        expanded.add(f"pages:{site.root}")
    if pages and out["doc_site"] is None:
        out["doc_site"] = f"{site.root}/" if site.root else "./"
    out["doc_site_pages"].extend(pages)
    folder = posixpath.dirname(chain[-1]) or "."
    return [(chain, Link(posixpath.relpath(page, folder), _TOC, at), True, at) for page in pages]
#: A link to follow: the pages read to reach it, the link, whether it names a guide, and the
#: README's line it started from.
Hop = tuple[list[str], Link, bool, int]


def _contributing(out: dict[str, t.Any], paths: Sequence[str], reader: _Reader,
                  repo_url: str | None) -> list[tuple[str, Document]]:
    found = reader.role(paths, "contributing")
    out.update(_file_section(found, reader.snapshot))
    if found.path is None:
        # What the repository has instead, so "No CONTRIBUTING" is not disproved at a glance.
        guides = locate.component_contributing(paths)
        # A page of a website's sources (datagouv/schema.data.gouv.fr: site/contribuer.md beside
        # site/.vuepress/config.js) is the site's page on contributing, not a guide of a folder.
        sites = [r for r in content.site_roots(paths) if r]
        site_of = {g: next((r.rstrip("/") for r in sites if g.startswith(r)), None) for g in guides}
        out["components"] = [g for g in guides if site_of[g] is None]
        out["site_pages"] = [{"site": r, "pages": [g for g in guides if site_of[g] == r]}
                             for r in dict.fromkeys(v for v in site_of.values() if v)]
        out["folder"] = locate.contributing_folder(paths)
    doc = reader.document(found.path, out)
    if doc is None or found.path is None:
        return []
    docs = [(found.path, doc)]
    effective, guide = doc, found.path
    target = contributing.pointer_target(doc, found.path, set(paths), repo_url)
    if not target:
        # Only a link to a documentation site: what it says there is not in the snapshot.
        out["target_url"] = contributing.pointer_url(doc)
    else:
        out["target"] = target
        target_doc = reader.document(target) if target in reader.allowed else None
        out["target_read"] = target_doc is not None
        if target_doc is not None:
            docs.append((target, target_doc))
            effective, guide = target_doc, target
            further = _further(target, target_doc, reader, paths, repo_url)
            if further is not None:
                docs.append(further)
                effective, guide = further[1], further[0]
    out["route"] = " → ".join(p for p, _ in docs)
    companions = _companions(docs, reader, paths, repo_url)
    out["companions"] = [p for p, _ in companions]
    explained = reader.analyse(guide, contributing.explains, effective, default=None)
    if explained is not None and not explained["how_to_contribute"]:
        # The guide may send contributors to the page on the workflow (CONTRIBUTING.md →
        # docs/contributing/DEVELOPMENT_FLOW.md: branch, pull request, review): read there.
        for path, doc in companions:
            told = reader.analyse(path, contributing.explains, doc, default=None)
            if told and told["how_to_contribute"]:
                explained = {**explained, "how_to_contribute": True}
                out["route"] = f"{out['route']} → {path}"
                break
    if explained is not None and not explained["how_to_contribute"] and not out["target_url"]:
        # The guide hands its process to another site's guide: what it says there is unread.
        out["external_guide"] = reader.analyse(guide, contributing.external_guide, effective,
                                               repo_url, default=None)
    if explained is not None:
        out.update(
            guide=guide,
            format=effective.format,
            words=effective.prose_words(),
            sections=[h.text for h in effective.headings[:MAX_HEADINGS]],
            explains=explained,
            placeholders=[marker for p, d in docs
                          for marker in reader.analyse(p, placeholders.find, d, p,
                                                       default=_NO_MARKERS)],
        )
    # The terms may sit in a companion the guide sends contributors to (sign-off and a
    # copyright assignment in CONTRIBUTING-gitflow.md): read for the terms, not judged as the guide.
    return docs + companions


def _companions(docs: list[tuple[str, Document]], reader: _Reader, paths: Sequence[str],
                repo_url: str | None) -> list[tuple[str, Document]]:
    """Other contribution documents of the repository the guide links to, at most
    :data:`MAX_EXTRA_READS`, those about the workflow or contributing first (a guide's table of
    contents also links its architecture and conventions)."""
    seen = {p for p, _ in docs}
    candidates = set(locate.contributing_targets(paths, docs[0][0]))
    linked: list[str] = []
    for path, doc in docs:
        for link in doc.links:
            target = locate.link_target(link, posixpath.dirname(path), repo_url, paths)
            if target and target in candidates and target not in seen and target not in linked \
                    and target in reader.allowed:
                linked.append(target)
    linked.sort(key=lambda p: 0 if _WORKFLOW.search(p.rsplit("/", 1)[-1]) else 1)
    found: list[tuple[str, Document]] = []
    for target in linked[:MAX_EXTRA_READS]:
        companion = reader.document(target)
        if companion is not None:
            found.append((target, companion))
    return found


#: A companion page about proposing changes: read before the others.
_WORKFLOW = re.compile(r"flow|contribu|change|pull|propos|git|process|review|dco|cla|legal|sign",
                       re.IGNORECASE)


def _further(path: str, doc: Document, reader: _Reader, paths: Sequence[str],
             repo_url: str | None) -> tuple[str, Document] | None:
    """The page a pointed-to table of contents sends contributors on to ("Bien démarrer",
    "Contribuer"), when it does not say itself how to propose a change: one more hop, by its
    links that name starting or contributing, the first page (of two at most) that says how."""
    none: dict[str, bool] = {}
    if reader.analyse(path, contributing.explains, doc, default=none).get("how_to_contribute"):
        return None
    listed = set(paths)
    ranked = sorted((link for link, named in readme.guide_links(doc)
                     if named and readme.setup_rank(link) < 2), key=readme.setup_rank)
    tried = 0
    for link in ranked:
        target = locate.link_target(link.target, posixpath.dirname(path), repo_url, listed)
        if target is None or target == path or target not in reader.allowed:
            continue
        if tried == 2:
            break
        tried += 1
        page = reader.document(target)
        if page is not None and reader.analyse(target, contributing.explains, page,
                                               default=none).get("how_to_contribute"):
            return target, page
    return None


def _terms(out: dict[str, t.Any], paths: Sequence[str], reader: _Reader,
           contributing_docs: list[tuple[str, Document]], readme_doc: Document | None,
           guide: str | None) -> None:
    signals: list[Signal] = []
    for path, doc in contributing_docs:
        signals += reader.analyse(path, _terms_signals, doc.text, path, doc.code_lines(),
                                  default=[])
    in_contributing = list(signals)
    readme_path = locate.find_role(paths, "readme").path
    if readme_doc is not None and readme_path:
        signals += reader.analyse(readme_path, _readme_signals, readme_doc, readme_path,
                                  default=[])
    for path in locate.pull_request_templates(paths)[:MAX_EXTRA_READS]:
        text = reader.text(path)
        if text is not None:
            signals += reader.analyse(path, _terms_signals, text, path, set(), default=[])
    dco_files = locate.dco_files(paths)
    dco_apps = locate.dco_apps(paths)
    cla_files = locate.cla_files(paths)
    stated = terms.mentions_dco(signals) or terms.mentions_sign_off(signals)
    out.update(
        mentions_dco=terms.mentions_dco(in_contributing),
        mentions_signed_off_by=terms.mentions_sign_off(in_contributing),
        mentions_cla=terms.mentions_cla(in_contributing),
        # A DCO text is this repository's terms beside a contribution guide (a component's
        # too: InseeFrLab/onyxia's root DCO.md and web/CONTRIBUTING.md); alone, it is a
        # document the repository publishes (a contribution policy offers DCO-fr.txt to others).
        dco=bool(dco_apps) or stated or bool(dco_files and guide),
        # ... but a DCO text nobody asks contributors to sign off under (no wording, no check)
        # is a text, not terms asking for a sign-off: commits-signed-off says so, not "asked".
        dco_file_only=bool(dco_files and guide) and not dco_apps and not stated,
        cla=bool(cla_files) or terms.mentions_cla(signals),
        sources=[p for p, _ in contributing_docs],
        dco_files=dco_files, dco_apps=dco_apps, cla_files=cla_files,
        signals=[s.to_facts() | {"term": "cla" if s.kind in terms.CLA_TEXT else "dco"}
                 for s in signals],
        dco_quotes=_quotes(s for s in signals if s.kind not in terms.CLA_TEXT),
        cla_quotes=_quotes(s for s in signals if s.kind in terms.CLA_TEXT),
    )


def _conduct(out: dict[str, t.Any], paths: Sequence[str], reader: _Reader) -> None:
    found = reader.role(paths, "code_of_conduct")
    out.update(_file_section(found, reader.snapshot))
    text = reader.text(found.path, out)
    out["placeholders"] = []
    if text is not None and found.path:
        adopted = reader.analyse(found.path, conduct.analyse, text, default=None, out=out)
        if adopted is not None:
            out.update(adopted.to_facts())
        out["placeholders"] = conduct.placeholder_lines(text, found.path)


def _security(out: dict[str, t.Any], paths: Sequence[str], reader: _Reader,
              elsewhere: list[tuple[str, Document]],
              readme_doc: tuple[str | None, Document | None]) -> None:
    found = reader.role(paths, "security_policy")
    out.update(_file_section(found, reader.snapshot))
    channels: list[dict[str, t.Any]] = []
    none: list[security.Channel] = []
    text = reader.text(found.path, out)
    if (text is not None and found.path and found.path.lower().startswith(("docs/", "doc/"))
            and not reader.analyse(found.path, security.about_reporting, text, default=True)):
        # docs/security.md may be a threat model or a hardening guide: by its name alone it is
        # no security policy, as SECURITY.md at the root is.
        out["not_policies"] = [{"path": found.path}]
        out.update(_file_section(locate.RoleFiles(None, (found.path, *found.candidates))))
        text = None
    out["placeholders"] = []
    if text is not None and found.path:
        named = reader.analyse(found.path, security.private_channels, text, default=none,
                               out=out)
        channels += [c.to_facts() | {"path": found.path} for c in named]
        out["placeholders"] = placeholders.find(text, found.path)
    txt_paths = locate.security_txt(paths)
    out["security_txt"] = txt_paths
    for path in txt_paths[:MAX_EXTRA_READS]:
        txt = reader.text(path)
        if txt is not None:
            contacts = reader.analyse(path, security.security_txt_contacts, txt, default=none)
            channels += [c.to_facts() | {"path": path} for c in contacts]
    no_lines: list[int] = []
    if not found.path and not txt_paths:
        # No policy and no security.txt file: a router line may serve one from code
        # (etalab/transport-site: ``get "/.well-known/security.txt"`` in its Phoenix router).
        out["security_txt_routes"] = [
            {"path": path, "line": line}
            for path in locate.router_files(paths)[:MAX_EXTRA_READS]
            if (source := reader.text(path)) is not None
            for line in reader.analyse(path, security.security_txt_routes, source,
                                       default=no_lines)][:3]
        out["security_txt_redirects"] = _route_redirects(out["security_txt_routes"], paths,
                                                         reader)
        out["security_txt_served"] = _route_contacts(out["security_txt_routes"], paths, reader)
        channels += [security.contact_channel(s["contact"], s["written"]["line"]).to_facts()
                     | {"path": s["written"]["path"]}
                     for s in out["security_txt_served"] if s["contact"]]
    readme_path, doc = readme_doc
    section = None
    if not found.path and not txt_paths and readme_path and doc is not None:
        # A README section on reporting vulnerabilities is read for its channel: one that
        # only sends reporters to public issues gives none.
        section = reader.analyse(readme_path, security.readme_section, doc, readme_path,
                                 default=None)
        out["readme_section"] = section
        if section is not None:
            channels += [c | {"path": readme_path} for c in section["channels"]]
    out["channels"] = channels
    out["contacts"] = list(dict.fromkeys(c["value"] for c in channels))
    if out["path"] and out["readable"]:
        out["private_channel"] = bool(channels)
    elif txt_paths:
        out["private_channel"] = bool(channels) or None
    elif section is not None or any(s["contact"] for s in out["security_txt_served"]):
        out["private_channel"] = bool(channels)
    if not out["path"]:
        out["elsewhere"] = [c.to_facts() | {"path": path} for path, doc in elsewhere
                            for c in reader.analyse(path, security.contacts_in_passing,
                                                    doc.text, default=none)][:5]


def _templates(paths: Sequence[str], reader: _Reader) -> dict[str, t.Any]:
    issue = locate.issue_templates(paths)
    for config in locate.issue_config(paths)[:1]:
        # The template chooser's configuration guides reporters where it lists contact links.
        text = reader.text(config)
        if text is not None and "contact_links" in text:
            issue.append(config)
    issue = issue or reader.inherited(locate.issue_templates)
    pull = locate.pull_request_templates(paths) or reader.inherited(
        locate.pull_request_templates)
    return {"issue": issue, "pull_request": pull, "present": bool(issue or pull)}


def _terms_signals(text: str, path: str, code_lines: set[int]) -> list[Signal]:
    return terms.dco_signals(text, path) + terms.cla_signals(text, path, code_lines)


def _readme_signals(doc: Document, path: str) -> list[Signal]:
    """A README often describes rather than sets terms: its DCO wording counts only where it asks
    something of contributors (sign-off instructions always do)."""
    return ([sig for sig in terms.dco_signals(doc.text, path)
             if sig.kind in terms.SIGN_OFF or terms.is_requirement(sig)]
            + terms.cla_signals(doc.text, path, doc.code_lines()))


def _quotes(signals: Iterable[Signal]) -> list[str]:
    """``path:line: quote`` for each counted (non-negated) signal, one per line: what a finding
    message shows."""
    seen: dict[tuple[str, int], str] = {}
    for signal in signals:
        if not signal.negated:
            seen.setdefault((signal.path, signal.line),
                            f"{signal.path}:{signal.line}: {signal.quote}")
    return list(seen.values())[:10]


class _Reader:
    """Reads repository text once, never raising: only declared paths (what a remote source
    fetched), and a file that cannot be read says why in its section and in ``problems``. Each
    file's parsing and analysis run within the per-file budget (:mod:`scanner.budget`)."""

    def __init__(self, snapshot: Snapshot, source: str, problems: list[dict[str, t.Any]],
                 allowed: Collection[str]):
        self.snapshot = snapshot
        self.source = source
        self.problems = problems
        self.allowed = allowed

    def role(self, paths: Sequence[str], role: str) -> locate.RoleFiles:
        """The repository's own file for ``role``, else the one its owner's ``.github``
        repository provides (as GitHub does; never for the README or the licence)."""
        found = locate.find_role(paths, role)
        if found.path is None and self.snapshot.inherited:
            default = locate.find_role(sorted(self.snapshot.inherited), role)
            if default.path:
                return locate.RoleFiles(self.snapshot.inherited_path(default.path))
        return found

    def inherited(self, pick: t.Callable[[Iterable[str]], list[str]]) -> list[str]:
        return [self.snapshot.inherited_path(p) for p in pick(sorted(self.snapshot.inherited))]

    def _unreadable(self, path: str, out: dict[str, t.Any] | None, en: str, fr: str,
                    size: int | None, problem: bool = True) -> None:
        if problem:
            self.problems.append({"source": self.source, "path": path, "line": None,
                                  "message": en, "message_fr": fr})
        if out is not None:
            out.update(readable=False, size=size, unreadable={"reason": en, "reason_fr": fr})

    def text(self, path: str | None, out: dict[str, t.Any] | None = None) -> str | None:
        if path is None or (path not in self.allowed and not self.snapshot.is_inherited(path)):
            return None
        why = self.snapshot.why_unread(path)
        data = self.snapshot.read(path) if why is None else None
        if data is None:
            why = why or self.snapshot.why_unread(path)  # refused at read time (permissions)
            if why is not None:
                # A skipped path is reported by build_facts (a file a collector needed).
                self._unreadable(path, out, why.en, why.fr, self.snapshot.size(path),
                                 problem=path not in self.snapshot.skipped)
            # Otherwise listed but not fetched (a remote miss, a corpus that did not copy it):
            # unknown, neither read nor missing.
            return None
        if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            self._unreadable(path, out, *BINARY, len(data))
            return None
        if out is not None:
            out.update(readable=True, size=len(data))
        text = decode_text(data)
        if len(text) > MAX_PROSE_CHARS:
            # What a README or CONTRIBUTING says sits near the top; parsing megabytes of
            # Markdown would stall an organisation scan for nothing.
            text = text[: text.rfind("\n", 0, MAX_PROSE_CHARS) + 1 or MAX_PROSE_CHARS]
            if out is not None:
                out["truncated"] = True
        if any(len(line) > MAX_LINE_CHARS for line in text.split("\n")):
            text = "\n".join(line[:MAX_LINE_CHARS] for line in text.split("\n"))
            if out is not None:
                out["truncated"] = True
        return text

    def document(self, path: str | None, out: dict[str, t.Any] | None = None) -> Document | None:
        text = self.text(path, out)
        if text is None or not path:
            return None
        return self.analyse(path, parse, text, path, default=None, out=out)

    def analyse(self, path: str, work: t.Callable[..., T], *args: t.Any, default: T,
                out: dict[str, t.Any] | None = None) -> T:
        """``work(*args)`` on the file ``path`` within its budget; on failure, a problem is
        recorded, the file's section (``out``) says it could not be read and why, and
        ``default`` is returned."""
        try:
            return bounded(path, functools.partial(work, *args))
        except ParseError as exc:
            problem = exc.to_problem(self.source)
            self.problems.append(problem)
            if out is not None:
                reason = str(problem["message"])
                out.update(readable=False, unreadable={
                    "reason": reason, "reason_fr": str(problem.get("message_fr") or reason)})
            return default
