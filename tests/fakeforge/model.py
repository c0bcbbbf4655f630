"""What the fake forges serve: repositories with real git object ids, their owners and groups.

A ``FakeRepo`` is one repository at one commit (every commit of its history has the same tree);
treat it as frozen once served, since its git objects are computed once and cached. ``Forge``
holds GitHub owners and GitLab groups (nested) and users. ``materialise`` writes the same
repository as a real git checkout, so a local scan can be compared with a remote one.
"""

from __future__ import annotations

import os
import random
import subprocess
import typing as t
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path

from tests.fakeforge.gitobjects import GitObjects, build_objects, commit_message
from tests.fakeforge.licences import LICENCES

#: The oldest commit of every fake repository is at this instant (2023-11-14T22:13:20Z) unless
#: the repository says otherwise; each later commit is one day later.
BASE_EPOCH = 1_700_000_000
DAY = 86_400

Commit = tuple[str, str, str]
"""(message, author name, author email)."""

DEFAULT_COMMITS: tuple[Commit, ...] = (
    ("Document the API\n\nSigned-off-by: Alice Martin <alice.martin@example.gouv.fr>",
     "Alice Martin", "alice.martin@example.gouv.fr"),
    ("Fix the build\n\nSigned-off-by: Bob Durand <bob.durand@example.gouv.fr>",
     "Bob Durand", "bob.durand@example.gouv.fr"),
    ("Initial commit\n\nSigned-off-by: Alice Martin <alice.martin@example.gouv.fr>",
     "Alice Martin", "alice.martin@example.gouv.fr"),
)

OwnerKind = t.Literal["Organization", "User"]


def iso(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(eq=False)
class FakeRepo:
    """One repository. ``owner`` is a GitHub login or a GitLab namespace path (``a/b/c``)."""

    owner: str
    name: str
    files: dict[str, bytes] = field(default_factory=dict)
    #: path -> link target (git mode 120000).
    symlinks: dict[str, str] = field(default_factory=dict)
    #: path -> commit sha (git mode 160000).
    submodules: dict[str, str] = field(default_factory=dict)
    #: Newest first, like the APIs list them.
    commits: list[Commit] = field(default_factory=lambda: list(DEFAULT_COMMITS))
    default_branch: str = "main"
    archived: bool = False
    fork: bool = False
    #: "public", "private" or "internal"; anything but public needs an authenticated request.
    visibility: str = "public"
    description: str | None = None
    topics: list[str] = field(default_factory=list)
    homepage: str | None = None
    #: The SPDX id GitHub would detect (None: no licence detected).
    licence: str | None = None
    #: ISO 8601; defaults to the newest commit's date.
    pushed_at: str | None = None
    #: No commits at all: git endpoints answer 409 on GitHub.
    empty: bool = False
    #: Numeric id; the forge assigns one when 0.
    id: int = 0
    #: GitHub answers 451 for everything under this repository.
    dmca: bool = False
    is_template: bool = False
    mirror: bool = False
    #: Unix time of the oldest commit.
    epoch: int = BASE_EPOCH

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    @property
    def private(self) -> bool:
        return self.visibility != "public"

    @property
    def is_empty(self) -> bool:
        return self.empty or not self.commits

    def history(self) -> list[tuple[str, str, str, int]]:
        """(message, name, email, unix time), oldest first."""
        oldest_first = list(reversed(self.commits))
        return [(m, n, e, self.epoch + i * DAY) for i, (m, n, e) in enumerate(oldest_first)]

    @cached_property
    def git(self) -> GitObjects:
        if self.is_empty:
            return GitObjects()
        return build_objects(self.files, self.symlinks, self.submodules, self.history())

    @property
    def head(self) -> str | None:
        commits = self.git.commits
        return commits[0].oid if commits else None

    @property
    def created_at(self) -> str:
        return iso(self.epoch - DAY)

    @property
    def pushed(self) -> str:
        if self.pushed_at:
            return self.pushed_at
        commits = self.git.commits
        return iso(commits[0].timestamp) if commits else self.created_at

    def resolve(self, ref: str | None) -> str | None:
        """The commit a branch name, ``HEAD`` or a (full) commit sha names; None if none."""
        git = self.git
        if not git.commits:
            return None
        if ref in (None, "", "HEAD", self.default_branch, f"refs/heads/{self.default_branch}"):
            return git.commits[0].oid
        found = git.commit(ref.lower()) if ref else None
        return found.oid if found else None


@dataclass(eq=False)
class GitHubOwner:
    login: str
    kind: OwnerKind = "Organization"
    id: int = 0
    name: str | None = None
    description: str | None = None
    repos: list[FakeRepo] = field(default_factory=list)


@dataclass(eq=False)
class GitLabGroup:
    full_path: str
    id: int = 0
    name: str | None = None
    description: str = ""
    visibility: str = "public"
    projects: list[FakeRepo] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.full_path.rsplit("/", 1)[-1]

    @property
    def parent_path(self) -> str | None:
        return self.full_path.rsplit("/", 1)[0] if "/" in self.full_path else None


@dataclass(frozen=True)
class Document:
    """A static answer of the fake's web server (a startup registry, a redirect)."""

    body: bytes
    status: int = 200
    content_type: str = "application/json; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(eq=False)
class GitLabUser:
    username: str
    id: int = 0
    name: str | None = None
    projects: list[FakeRepo] = field(default_factory=list)


class Forge:
    """The data both fake forges serve. Lookups ignore case, as both forges do."""

    def __init__(self) -> None:
        self.github_owners: dict[str, GitHubOwner] = {}
        #: "old-owner/old-name" (lower case) -> the repository now answering for it (301).
        self.github_renames: dict[str, FakeRepo] = {}
        self.gitlab_groups: dict[str, GitLabGroup] = {}
        self.gitlab_users: dict[str, GitLabUser] = {}
        self._repo_ids: dict[int, FakeRepo] = {}
        self._gitlab_projects: dict[str, FakeRepo] = {}
        #: Path on the web server -> what it answers (``FakeForge.web_url`` + path).
        self.documents: dict[str, Document] = {}
        self._next_id = 1_000

    def add_document(self, path: str, body: bytes, *, status: int = 200,
                     content_type: str = "application/json; charset=utf-8",
                     headers: dict[str, str] | None = None) -> None:
        """Serve ``body`` at ``path`` on the web server (any other path is a 404)."""
        self.documents[path] = Document(body, status, content_type, tuple((headers or {}).items()))

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _register(self, repo: FakeRepo) -> None:
        if not repo.id:
            repo.id = self._new_id()
        self._next_id = max(self._next_id, repo.id)
        self._repo_ids[repo.id] = repo

    # GitHub
    def github_owner(self, login: str, kind: OwnerKind = "Organization", **meta: t.Any) -> GitHubOwner:
        """The owner called ``login``, created with ``kind`` and ``meta`` if new."""
        owner = self.github_owners.get(login.lower())
        if owner is None:
            owner = GitHubOwner(login=login, kind=kind, id=self._new_id(), **meta)
            self.github_owners[login.lower()] = owner
        return owner

    def add_github(self, *repos: FakeRepo, kind: OwnerKind = "Organization") -> None:
        for repo in repos:
            self._register(repo)
            self.github_owner(repo.owner, kind).repos.append(repo)

    def rename_github(self, old_full_name: str, repo: FakeRepo) -> None:
        """Requests for ``old_full_name`` get a 301 to ``repo`` (a renamed or moved repository)."""
        self.github_renames[old_full_name.lower()] = repo

    def github_repo(self, owner: str, name: str) -> FakeRepo | None:
        found = self.github_owners.get(owner.lower())
        if found is None:
            return None
        return next((r for r in found.repos if r.name.lower() == name.lower()), None)

    def repo_by_id(self, repo_id: int) -> FakeRepo | None:
        return self._repo_ids.get(repo_id)

    # GitLab
    def gitlab_group(self, full_path: str, **meta: t.Any) -> GitLabGroup:
        """The group at ``full_path``, created (with its parents) if new."""
        group = self.gitlab_groups.get(full_path.lower())
        if group is None:
            if "/" in full_path:
                self.gitlab_group(full_path.rsplit("/", 1)[0])
            group = GitLabGroup(full_path=full_path, id=self._new_id(), **meta)
            self.gitlab_groups[full_path.lower()] = group
        return group

    def gitlab_user(self, username: str, **meta: t.Any) -> GitLabUser:
        user = self.gitlab_users.get(username.lower())
        if user is None:
            user = GitLabUser(username=username, id=self._new_id(), **meta)
            self.gitlab_users[username.lower()] = user
        return user

    def add_gitlab(self, *repos: FakeRepo) -> None:
        """Projects go in their owner's namespace: a known user's, else a group (made as needed)."""
        for repo in repos:
            self._register(repo)
            user = self.gitlab_users.get(repo.owner.lower())
            (user or self.gitlab_group(repo.owner)).projects.append(repo)
            self._gitlab_projects[repo.full_name.lower()] = repo

    def gitlab_project(self, ref: str) -> FakeRepo | None:
        """By full path or numeric id."""
        if ref.isdigit():
            repo = self._repo_ids.get(int(ref))
            return repo if repo is not None and repo.full_name.lower() in self._gitlab_projects else None
        return self._gitlab_projects.get(ref.lower())

    def gitlab_group_by_ref(self, ref: str) -> GitLabGroup | None:
        if ref.isdigit():
            return next((g for g in self.gitlab_groups.values() if g.id == int(ref)), None)
        return self.gitlab_groups.get(ref.lower())

    def gitlab_subgroups(self, group: GitLabGroup, *, all_levels: bool = False) -> list[GitLabGroup]:
        prefix = group.full_path.lower() + "/"
        return [g for key, g in self.gitlab_groups.items()
                if key.startswith(prefix) and (all_levels or "/" not in key[len(prefix):])]

    def gitlab_group_projects(self, group: GitLabGroup, *, include_subgroups: bool) -> list[FakeRepo]:
        groups = [group, *(self.gitlab_subgroups(group, all_levels=True) if include_subgroups else [])]
        return [p for g in groups for p in g.projects]


def materialise(repo: FakeRepo, path: Path) -> Path:
    """Write ``repo`` as a real git checkout at ``path``: the same files, links, submodule
    entries and commits (messages, authors, dates), hence the same object ids as the fakes serve.

    Files are written byte for byte (no attribute filter touches them) and the history goes
    through ``git fast-import``, so a ``.gitattributes`` or ``.gitignore`` among the files changes
    nothing. Git runs with no system or global configuration.
    """
    path.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null", GIT_TERMINAL_PROMPT="0")

    def git(*args: str, data: bytes | None = None) -> None:
        subprocess.run(["git", "-C", str(path), *args], input=data, env=env, check=True,
                       capture_output=True, timeout=60)

    git("init", "-q", "-b", repo.default_branch)
    if repo.is_empty:
        return path
    for rel, data in repo.files.items():
        target = path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for rel, link in repo.symlinks.items():
        target = path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(link, target)
    for rel in repo.submodules:
        (path / rel).mkdir(parents=True, exist_ok=True)
    git("fast-import", "--quiet", data=_fast_import_stream(repo))
    git("reset", "-q")
    return path


def _fast_import_stream(repo: FakeRepo) -> bytes:
    def data(payload: bytes) -> bytes:
        return b"data %d\n" % len(payload) + payload + b"\n"

    out = [b"reset refs/heads/%s\n" % repo.default_branch.encode()]
    for i, (message, name, email, timestamp) in enumerate(repo.history()):
        ident = f"{name} <{email}> {timestamp} +0000".encode()
        out += [b"commit refs/heads/%s\n" % repo.default_branch.encode(),
                b"author " + ident + b"\n", b"committer " + ident + b"\n",
                data(commit_message(message).encode())]
        if i == 0:
            for rel, payload in repo.files.items():
                out += [b"M 100644 inline %s\n" % _quote(rel), data(payload)]
            for rel, link in repo.symlinks.items():
                out += [b"M 120000 inline %s\n" % _quote(rel), data(link.encode())]
            for rel, sha in repo.submodules.items():
                out.append(b"M 160000 %s %s\n" % (sha.encode(), _quote(rel)))
        out.append(b"\n")
    return b"".join(out)


def _quote(path: str) -> bytes:
    """fast-import's C-style quoting, needed when a path has a space-like or special character."""
    if any(c in path for c in '"\\\n') or path.startswith('"'):
        escaped = path.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'.encode()
    return path.encode()


#: Files of a shared-corpus folder that describe it rather than belong to the repository.
CORPUS_META_FILES = frozenset({"EXPECTED.json", "listing.txt"})


def repo_from_folder(folder: Path, owner: str, name: str, **meta: t.Any) -> FakeRepo:
    """Every file (and link) under ``folder`` as a repository; ``meta`` sets FakeRepo fields.

    The shared corpus's ``EXPECTED.json`` and ``listing.txt`` at the folder's root are skipped.
    """
    files: dict[str, bytes] = {}
    symlinks: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d != ".git")
        base = Path(dirpath)
        for entry in [*filenames, *(d for d in dirnames if (base / d).is_symlink())]:
            full = base / entry
            rel = full.relative_to(folder).as_posix()
            if rel in CORPUS_META_FILES:
                continue
            if full.is_symlink():
                symlinks[rel] = os.readlink(full)
            elif full.is_file():
                files[rel] = full.read_bytes()
    return FakeRepo(owner=owner, name=name, files=files, symlinks=symlinks, **meta)


def licence_names(spdx: str) -> tuple[str, str]:
    """GitHub's licence ``key`` and ``name`` for an SPDX id (unknown ids: lower-cased, as given)."""
    known = LICENCES.get(spdx)
    return (known.key, known.name) if known else (spdx.lower(), spdx)


_WORDS = ("aides", "api", "carte", "dossier", "eau", "ecole", "energie", "foncier", "formulaire",
          "mobilite", "portail", "sante", "signal", "stats", "territoire", "transport", "urbanisme")
_TOPICS = ("beta-gouv", "civic-tech", "open-data", "python", "typescript", "django", "react", "api")
_PEOPLE = (("Alice Martin", "alice.martin@example.gouv.fr"), ("Bob Durand", "bob.durand@example.gouv.fr"),
           ("Chloé Petit", "chloe.petit@example.gouv.fr"), ("dependabot[bot]", "bot@example.com"))
_LICENCE_CHOICES = ("MIT", "MIT", "Apache-2.0", "AGPL-3.0", "EUPL-1.2", "GPL-3.0", "MPL-2.0",
                    "NOASSERTION", None, None)
_LICENCE_FILES = ("LICENSE", "LICENSE", "LICENSE.md", "LICENCE", "COPYING")
_DCO = ("## Certificat d'origine\n\nEn contribuant, vous acceptez le Developer Certificate of Origin "
        "(https://developercertificate.org/). Chaque commit porte une ligne\n"
        "`Signed-off-by: Prénom Nom <email>` (git commit -s).\n")
_PUBLICCODE = """publiccodeYmlVersion: "0.4"
name: {name}
url: https://example.gouv.fr/{owner}/{name}
platforms: [web]
developmentStatus: stable
softwareType: standalone/web
description:
  fr:
    shortDescription: {name}, un service public numérique
    features: [Démarches en ligne]
legal:
  license: {licence}
maintenance:
  type: internal
  contacts:
    - name: Alice Martin
localisation:
  localisationReady: true
  availableLanguages: [fr]
"""
_OPENAPI = """openapi: 3.0.3
info:
  title: {name}
  version: 1.0.0
paths:
  /health:
    get:
      responses:
        "200":
          description: OK
"""


def synthetic_org(owner: str, n: int, seed: int = 0) -> list[FakeRepo]:
    """``n`` small varied repositories, the same for the same arguments: licences (some missing,
    some undetectable), READMEs, CONTRIBUTING with or without a DCO, publiccode.yml, an OpenAPI
    file deep in the tree, package.json, forks, archived and a few empty repositories."""
    rng = random.Random(f"{seed}:{owner}")
    repos = []
    for i in range(n):
        name = f"{rng.choice(_WORDS)}-{rng.choice(_WORDS)}-{i:04d}"
        meta: dict[str, t.Any] = dict(
            archived=rng.random() < 0.1, fork=rng.random() < 0.1,
            description=f"Service {name}" if rng.random() < 0.8 else None,
            topics=sorted(rng.sample(_TOPICS, rng.randint(0, 3))),
            homepage=f"https://{name}.example.gouv.fr" if rng.random() < 0.3 else None,
            epoch=BASE_EPOCH + i * 3_600)
        if rng.random() < 0.02:
            repos.append(FakeRepo(owner, name, commits=[], empty=True, **meta))
            continue
        spdx = rng.choice(_LICENCE_CHOICES)
        files: dict[str, str] = {}
        if spdx:
            files[rng.choice(_LICENCE_FILES)] = LICENCES[spdx].text.replace("{holder}", owner)
        roll = rng.random()
        if roll < 0.85:
            files["README.md"] = f"# {name}\n\n{meta['description'] or ''}\n"
        elif roll < 0.9:
            files["README.rst"] = f"{name}\n{'=' * len(name)}\n"
        if rng.random() < 0.5:
            where = rng.choice(("CONTRIBUTING.md", ".github/CONTRIBUTING.md", "docs/CONTRIBUTING.md"))
            files[where] = "# Contribuer\n\nLes contributions sont bienvenues.\n" + (
                _DCO if rng.random() < 0.5 else "")
        if rng.random() < 0.3:
            files["CODE_OF_CONDUCT.md"] = "# Code de conduite\n"
        if rng.random() < 0.2:
            files["SECURITY.md"] = "# Sécurité\n\nÉcrivez à securite@example.gouv.fr.\n"
        if rng.random() < 0.3:
            files["publiccode.yml"] = _PUBLICCODE.format(name=name, owner=owner, licence=spdx or "MIT")
        if rng.random() < 0.15:
            files[f"services/{name}/api/v1/openapi.yaml"] = _OPENAPI.format(name=name)
        if rng.random() < 0.4:
            licence_field = f', "license": "{spdx}"' if spdx and spdx != "NOASSERTION" else ""
            files["package.json"] = f'{{"name": "{name}", "version": "1.0.{i}"{licence_field}}}\n'
            files["src/index.js"] = f"console.log({name!r});\n"
        else:
            files["src/main.py"] = f"print({name!r})\n"
        commits = []
        for k in range(rng.randint(2, 6)):
            person = rng.choice(_PEOPLE)
            trailer = f"\n\nSigned-off-by: {person[0]} <{person[1]}>" if rng.random() < 0.6 else ""
            commits.append((f"Change {k} of {name}{trailer}", *person))
        repos.append(FakeRepo(
            owner, name, files={p: s.encode() for p, s in files.items()}, commits=commits,
            licence=spdx, visibility="private" if rng.random() < 0.05 else "public", **meta))
    return repos
