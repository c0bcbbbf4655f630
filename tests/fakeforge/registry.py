"""Startup registries as beta.gouv.fr publishes them (``/api/v2.6/startups.json``), for tests and
benchmarks: :func:`render_v26` lays a document out exactly as the site's Liquid template does
(leading commas, blank runs, optional keys left out, ``end: ""`` for a phase still running,
incubator ids as the site writes them), and :func:`synthetic_registry` makes one of ``n``
startups with the repositories it declares.
"""

from __future__ import annotations

import json
import random
import typing as t
from dataclasses import dataclass, field
from pathlib import Path

from tests.fakeforge.model import FakeRepo, repo_from_folder, synthetic_org

#: What a compliant repository holds (the test suite's fixture), with signed-off commits.
COMPLIANT = Path(__file__).parents[1] / "fixtures" / "repos" / "compliant"
SIGNED = [(f"Change {k}\n\nSigned-off-by: Dev <dev@example.gouv.fr>", "Dev", "dev@example.gouv.fr")
          for k in range(5)]
PHASE_ORDER = ("investigation", "construction", "acceleration", "transfert", "alumni")


@dataclass
class StartupEntry:
    """One startup as the registry's template writes it; strings go in verbatim (entities,
    stray blanks and all), ``repository=None`` leaves the key out."""

    id: str
    name: str
    incubator: str
    phases: list[tuple[str, str, str]]
    repository: str | None = None
    sponsors: list[str] = field(default_factory=list)
    link: str | None = None
    pitch: str = "Simplifier une démarche"
    contact: str = "contact@example.gouv.fr"


def _s(text: str) -> str:
    """A Liquid ``{{ value }}`` inside quotes: no escaping at all, as the template does (only
    the characters that would break the JSON are escaped here, so the document parses)."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


def render_v26(entries: t.Sequence[StartupEntry], incubators: t.Sequence[tuple[str, str, str]],
               *, site: str = "https://beta.gouv.fr") -> bytes:
    """The v2.6 document; ``incubators`` are (id as the site writes it, title, github URL)."""
    out = ['{ "links":\n    { "self": "' + site + '/startups" }\n, "data":\n    [\n    ']
    for number, entry in enumerate(entries):
        out.append(f'\n        {{ "id"        : "{_s(entry.id)}"\n'
                   '        , "type"      : "startup"\n'
                   '        , "attributes":\n'
                   f'            {{ "name"  : "{_s(entry.name)}"\n'
                   f'            , "pitch" : "{_s(entry.pitch)}"\n            ')
        if entry.link:
            out.append(f', "link": "{_s(entry.link)}"')
        if entry.repository is not None:
            out.append(f'\n            , "repository": "{_s(entry.repository)}"')
        out.append(f'\n            , "contact": "{_s(entry.contact)}"\n'
                   '            , "content_url_encoded_markdown": "%23%20Fiche"\n'
                   '            , "events": [\n                \n                ]\n'
                   '            , "phases": [\n                ')
        phases = [f'\n                    {{ "name": "{_s(n)}", "start": "{_s(s)}", "end": "{_s(e)}"}}'
                  for n, s, e in entry.phases]
        out.append(",\n                ".join(phases))
        out.append('\n                \n                ]\n            , "sponsors": [\n                ')
        out.append(",\n                ".join(f'\n                    "{_s(x)}"' for x in entry.sponsors))
        out.append('\n                \n                ]\n            \n            \n            \n'
                   '            \n            }\n'
                   '        , "relationships":\n            { "incubator":\n'
                   f'                {{ "data": {{ "type": "incubator", "id": "{_s(entry.incubator)}" }}\n'
                   '                }\n            }\n        }\n        ')
        if number < len(entries) - 1:
            out.append(",")
        out.append("\n    ")
    out.append('\n    ]\n, "included":\n    [\n    ')
    for number, (slug, title, github) in enumerate(incubators):
        out.append(f'\n        {{ "id"        : "{_s(slug)}"\n'
                   '        , "type"      : "incubator"\n'
                   '        , "attributes":\n'
                   f'            {{ "title"  : "{_s(title)}"\n'
                   '            , "owner"  : "DINUM"\n'
                   '            , "website": "https://beta.gouv.fr"\n'
                   f'            , "github" : "{_s(github)}"\n'
                   '            , "contact": "contact@beta.gouv.fr"\n            }\n        }\n        ')
        if number < len(incubators) - 1:
            out.append(",")
        out.append("\n    ")
    out.append("\n    ]\n}\n")
    return "".join(out).encode()


INCUBATORS = [("/incubateurs/dinum", "Incubateur de la DINUM", "https://github.com/betagouv"),
              ("/incubateurs/anct", "Incubateur des Territoires", "https://github.com/incubateur-territoires"),
              ("/incubateurs/fabnum", "Fabrique numérique des ministères sociaux",
               "https://github.com/SocialGouv"),
              ("/incubateurs/mtes", "La Fabrique Numérique du MTES", "https://github.com/MTES-MCT")]


def _phases(rng: random.Random, year: int) -> list[tuple[str, str, str]]:
    reached = rng.choices(range(1, 6), weights=(25, 30, 25, 8, 12))[0]
    names = list(PHASE_ORDER[:min(reached, 4)])
    if reached == 5:
        names = [*names[:rng.randint(1, 3)], "alumni"]
    out = []
    for i, name in enumerate(names):
        end = "" if i == len(names) - 1 else f"{year + i + 1}-01-31"
        out.append((name, f"{year + i}-02-01", end))
    return out


@dataclass
class Synthetic:
    """A registry document and what the forges must hold for it."""

    document: bytes
    github: list[FakeRepo]
    gitlab: list[FakeRepo]
    #: startup id -> what its repository field is meant to exercise.
    intent: dict[str, str]


def synthetic_registry(n: int, seed: int = 0, *, gitlab_host: str = "gitlab.com",
                       self_hosted: str = "forge.example.gouv.fr") -> Synthetic:
    """``n`` startups over four incubators, deterministic per seed: about 15 % declare nothing
    (empty field or none), 5 % share another startup's repository, 4 % point at a repository
    that does not exist, 4 % at a private one, 3 % at an organisation, 5 % at a GitLab project
    (gitlab.com or the self-hosted host), 1 % hold a value that is not a URL, 1 % a URL on an
    unknown host; the rest name
    a public GitHub repository (one in five of them holding the compliant fixture's files)."""
    rng = random.Random(f"registry:{seed}")
    pool = synthetic_org("betagouv", n, seed=seed)
    public = [r for r in pool if not r.empty and r.visibility == "public" and not r.fork]
    rng.shuffle(public)
    private = [r for r in pool if r.visibility == "private" and not r.empty]
    github: list[FakeRepo] = list(pool)
    gitlab: list[FakeRepo] = []
    org = synthetic_org("startup-org", 6, seed=seed)
    github += org
    entries: list[StartupEntry] = []
    intent: dict[str, str] = {}
    declared: list[str] = []
    for i in range(n):
        slug = f"startup-{i:04d}"
        incubator = rng.choice(INCUBATORS)[0].rsplit("/", 1)[-1]
        roll = rng.random()
        repository: str | None
        if roll < 0.08:
            repository, kind = None, "not_declared"
        elif roll < 0.15:
            repository, kind = rng.choice(("", "  ")), "not_declared"
        elif roll < 0.20 and declared:
            repository, kind = rng.choice(declared), "shared"
        elif roll < 0.24:
            repository, kind = f"https://github.com/betagouv/disparu-{i:04d}", "missing"
        elif roll < 0.28 and private:
            repository, kind = f"https://github.com/betagouv/{private.pop().name}", "private"
        elif roll < 0.31:
            repository, kind = "https://github.com/startup-org", "organisation"
        elif roll < 0.36:
            host = gitlab_host if rng.random() < 0.6 else self_hosted
            project = FakeRepo(f"incubateur/{incubator}", f"projet-{i:04d}",
                               files={"README.md": f"# Projet {i}\n".encode(),
                                      "LICENSE": b"MIT License\n"})
            gitlab.append(project)
            repository, kind = f"https://{host}/incubateur/{incubator}/projet-{i:04d}", "gitlab"
        elif roll < 0.37:
            repository, kind = rng.choice(("github.com/betagouv/sans-schema", "N/A")), "malformed"
        elif roll < 0.38:
            repository, kind = "https://git.inconnu.example/equipe/outil", "unknown_host"
        elif public:
            repo = public.pop()
            if rng.random() < 0.2:  # a startup that does everything right
                github[github.index(repo)] = repo_from_folder(COMPLIANT, repo.owner, repo.name,
                                                              commits=SIGNED)
            repository = f"https://github.com/betagouv/{repo.name}"
            repository += rng.choice(("", "", "", "/", ".git", "/tree/main"))
            kind = "public"
            declared.append(repository)
        else:
            repository, kind = None, "not_declared"
        intent[slug] = kind
        entries.append(StartupEntry(
            id=slug, name=f"Startup n°{i} &amp; co", incubator=incubator,
            phases=_phases(rng, 2018 + i % 5), repository=repository,
            sponsors=[f"/organisations/ministere-{i % 7}"],
            link=f"https://startup-{i:04d}.beta.gouv.fr" if rng.random() < 0.7 else None))
    return Synthetic(render_v26(entries, INCUBATORS), github, gitlab, intent)
