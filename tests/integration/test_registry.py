"""Scanning what the incubators declare, end to end: a registry laid out as beta.gouv.fr's
(``tests/fixtures/registry/startups-v2.6.json``, written by ``tests.fakeforge.registry``) served
by the fake's web server, its repositories on the fake GitHub and GitLab (gitlab.com and a
self-hosted host both mapped to the fake with ``--gitlab-host HOST=URL``)."""

from __future__ import annotations

import json
import typing as t
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner import schemas
from scanner.engine.loader import load_ruleset
from scanner.registry.scan import StartupFilter
from scanner.run import ScanOptions, exit_code, scan
from scanner.sources.crawl import CrawlOptions
from scanner.targets import parse_target
from tests.conftest import RunCli
from tests.fakeforge import FakeForge, FakeRepo, Forge, repo_from_folder
from tests.fakeforge.registry import INCUBATORS, StartupEntry, render_v26, synthetic_registry
from tests.support import COMPLIANT

FIXTURE = Path(__file__).parents[1] / "fixtures" / "registry" / "startups-v2.6.json"
TOKEN = "ghp_SENTINELtokenSENTINELtoken0000000000"
RULESET = load_ruleset([])
PATH = "/api/v2.6/startups.json"
HOSTS = frozenset({"forge.example.gouv.fr"})


def _forge() -> Forge:
    forge = Forge()
    forge.add_github(
        repo_from_folder(COMPLIANT, "betagouv", "mon-suivi-justice"),
        FakeRepo("betagouv", "annuaire", files={"README.md": b"# Annuaire\n", "LICENSE": b"MIT License\n",
                                                "app.py": b"print(1)\n"}),
        FakeRepo("betagouv", "explo-code", files={"README.md": b"# Explo\n", "LICENSE": b"MIT License\n",
                                                "app.py": b"print(1)\n"}),
        FakeRepo("betagouv", "privee", files={"README.md": b"# Privee\n"}, visibility="private"),
        FakeRepo("betagouv", "vide", commits=[], empty=True),
        FakeRepo("betagouv", "commun", files={"README.md": b"# Commun\n"}))
    forge.add_github(
        FakeRepo("incubateur-territoires", "carto", files={"README.md": b"# Carto\n"}),
        FakeRepo("incubateur-territoires", "aides", files={"README.md": b"# Aides\n"}),
        FakeRepo("incubateur-territoires", "secret", files={"README.md": b"# S\n"}, visibility="private"))
    forge.add_gitlab(FakeRepo("incubateur-gl", "projet-gl", files={"README.md": b"# GL\n"}),
                     FakeRepo("fabrique", "service", files={"README.md": b"# Service\n"}))
    forge.add_document(PATH, FIXTURE.read_bytes())
    return forge


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeForge]:
    with FakeForge(_forge(), token=TOKEN) as server:
        monkeypatch.setenv("GITHUB_API_URL", server.github_api_url)
        monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
        monkeypatch.setenv("GITLAB_TOKEN", TOKEN)
        yield server


def _crawl(fake: FakeForge, cache: Path, **options: t.Any) -> CrawlOptions:
    return CrawlOptions(cache_dir=cache, gitlab_url=fake.gitlab_url,
                        gitlab_instances={"gitlab.com": fake.gitlab_url,
                                          "forge.example.gouv.fr": fake.gitlab_url}, **options)


def _scan(fake: FakeForge, tmp_path: Path, target: str | None = None, **options: t.Any) -> dict[str, t.Any]:
    crawl = options.pop("crawl", None) or _crawl(fake, tmp_path / "cache")
    return scan(ScanOptions(targets=[parse_target(target or f"registry:{fake.web_url}{PATH}")],
                            ruleset=RULESET, crawl=crawl, gitlab_hosts=HOSTS, **options))


def _startups(run: dict[str, t.Any]) -> dict[str, dict[str, t.Any]]:
    return {c["startup"]["id"]: c for c in run["scorecards"] if c["kind"] == "startup"}


def _repositories(run: dict[str, t.Any]) -> dict[str, dict[str, t.Any]]:
    return {c["repository"]["full_name"]: c for c in run["scorecards"] if c["kind"] == "repository"}


def _finding(card: dict[str, t.Any], rule: str) -> dict[str, t.Any]:
    return next(f for f in card["findings"] if f["rule"] == rule)


def test_every_declared_repository_once_and_every_startup_judged(fake: FakeForge, tmp_path: Path) -> None:
    run = _scan(fake, tmp_path, include_facts=True)
    assert schemas.errors("run", run) == []
    startups = _startups(run)
    assert len(startups) == 16
    status = {sid: card["code"]["status"] for sid, card in startups.items()}
    assert status == {
        "mon-suivi-justice": "public", "annuaire": "public", "sans-depot": "not_declared",
        "exploration": "not_declared", "explo-code": "public", "privee": "private",
        "disparue": "missing", "vide": "empty", "territoires": "public", "partage-a": "public",
        "partage-b": "public", "sur-gitlab": "public", "auto-heberge": "public",
        "hote-inconnu": "unknown_host", "sans-schema": "malformed", "transferee": "public"}
    declared = {sid: _finding(c, "startup-repository-declared")["status"] for sid, c in startups.items()}
    public = {sid: _finding(c, "startup-repository-public")["status"] for sid, c in startups.items()}
    assert {s for s, v in declared.items() if v == "fail"} == {"sans-depot", "sans-schema"}
    assert {s for s, v in declared.items() if v == "not_applicable"} == {
        "exploration", "explo-code", "partage-b"}  # in investigation
    assert {s for s, v in public.items() if v == "fail"} == {"privee", "disparue", "vide"}
    assert public["hote-inconnu"] == "review"
    assert "private" in _finding(startups["privee"], "startup-repository-public")["message"]
    assert "404" in _finding(startups["disparue"], "startup-repository-public")["message"]
    assert "empty" in _finding(startups["vide"], "startup-repository-public")["message"]
    # Each repository once, however many startups declare it; the organisation's all of them.
    repositories = _repositories(run)
    assert sorted(repositories) == sorted([
        "betagouv/mon-suivi-justice", "betagouv/annuaire", "betagouv/explo-code", "betagouv/privee",
        "betagouv/vide", "betagouv/commun", "incubateur-territoires/aides",
        "incubateur-territoires/carto", "incubateur-territoires/secret", "incubateur-gl/projet-gl",
        "fabrique/service"])
    assert startups["territoires"]["repositories"] == ["incubateur-territoires/aides",
                                                      "incubateur-territoires/carto",
                                                      "incubateur-territoires/secret"]
    assert startups["territoires"]["facts"]["code"]["public_repositories"] == 2
    assert startups["mon-suivi-justice"]["compliant"] is True
    assert startups["transferee"]["compliant"] is True  # the same repository
    # Nothing was asked of the unknown host, nor of the web server more than once.
    assert fake.count("web") == 1 and not any(r.authorization for r in fake.stats.requests("web"))


def test_the_startup_section_of_the_facts(fake: FakeForge, tmp_path: Path) -> None:
    run = _scan(fake, tmp_path, include_facts=True)
    repositories = _repositories(run)
    msj = repositories["betagouv/mon-suivi-justice"]
    assert msj["facts"]["startup"] == msj["startup"]
    assert msj["startup"] | {"phases": None} == {
        "id": "mon-suivi-justice", "name": "Mon Suivi Justice", "phase": "construction",
        "phases": None, "incubator": {"id": "dinum", "title": "Incubateur de la DINUM"},
        "sponsors": ["dap"], "registry": f"{fake.web_url}{PATH}",
        "link": "https://mon-suivi-justice.beta.gouv.fr", "shared_with": ["transferee"]}
    # A repository two startups share is held to the most advanced one.
    commun = repositories["betagouv/commun"]["startup"]
    assert (commun["id"], commun["phase"], commun["shared_with"]) == ("partage-a", "construction",
                                                                      ["partage-b"])
    for card in repositories.values():
        if card["status"] == "ok":
            assert schemas.errors("facts", card["facts"]) == []
    for card in _startups(run).values():
        assert schemas.errors("startup", card["facts"]) == []


def test_rules_relax_for_a_startup_in_investigation(fake: FakeForge, tmp_path: Path) -> None:
    repositories = _repositories(_scan(fake, tmp_path))
    explo = repositories["betagouv/explo-code"]  # investigation
    annuaire = repositories["betagouv/annuaire"]  # acceleration, the same files
    for rule in ("publiccode-yml-present", "code-of-conduct-present", "issue-and-pr-templates-present"):
        assert _finding(explo, rule)["status"] == "not_applicable", rule
        assert "investigation" in _finding(explo, rule)["message"]
        assert _finding(annuaire, rule)["status"] == "fail", rule
    for rule in ("licence-file-present", "readme-present", "contributing-file-present"):
        assert _finding(explo, rule)["status"] == _finding(annuaire, rule)["status"], rule


def test_the_same_repositories_scanned_directly_carry_no_startup(fake: FakeForge, tmp_path: Path) -> None:
    run = _scan(fake, tmp_path, "github:betagouv/explo-code", include_facts=True)
    (card,) = run["scorecards"]
    assert card["kind"] == "repository" and card["startup"] is None
    assert card["facts"]["startup"] is None
    assert _finding(card, "publiccode-yml-present")["status"] == "fail"
    assert "startups" not in run["summary"]


def test_the_published_schemas_validate_a_registry_run_offline(fake: FakeForge, tmp_path: Path) -> None:
    import jsonschema

    run = _scan(fake, tmp_path, include_facts=True)
    for name, instance in (("run", run), ("startup", _startups(run)["privee"]["facts"])):
        validator = jsonschema.Draft202012Validator(schemas.bundled(name))  # refs embedded
        assert list(validator.iter_errors(instance)) == [], name
    broken = json.loads(json.dumps(run))
    broken["scorecards"][-1]["facts"]["code"]["status"] = "maybe"
    assert not jsonschema.Draft202012Validator(schemas.bundled("run")).is_valid(broken)


def test_the_summary_counts_startups(fake: FakeForge, tmp_path: Path) -> None:
    summary = _scan(fake, tmp_path)["summary"]
    startups = summary["startups"]
    assert {k: startups[k] for k in ("declared", "with_repository", "with_open_code", "compliant",
                                     "unreadable")} == {
        "declared": 16, "with_repository": 13, "with_open_code": 9, "compliant": 2, "unreadable": 0}
    assert startups["by_phase"]["construction"]["declared"] == 8
    assert startups["by_phase"]["transfer"] == {"declared": 1, "with_repository": 1,
                                                "with_open_code": 1, "compliant": 1}
    assert sum(p["declared"] for p in startups["by_phase"].values()) == 16
    assert startups["registries"][0]["entries"] == 16
    assert summary["repositories"] == 11 and summary["errors"] == 1  # the empty repository
    assert summary["failing_rules"]["startup-repository-public"] == 3


@pytest.mark.parametrize(("chosen", "expected"), [
    (StartupFilter(incubators=frozenset({"mtes"})), {"auto-heberge", "hote-inconnu", "sans-schema"}),
    (StartupFilter(phases=frozenset({"transfer"})), {"transferee"}),
    (StartupFilter(phases=frozenset({"investigation"}), incubators=frozenset({"anct"})),
     {"explo-code", "partage-b"}),
])
def test_filters_choose_startups_and_only_their_code_is_scanned(
        fake: FakeForge, tmp_path: Path, chosen: StartupFilter, expected: set[str]) -> None:
    run = _scan(fake, tmp_path, startups=chosen)
    assert set(_startups(run)) == expected
    reached = {r for c in _startups(run).values() for r in c["repositories"]}
    assert set(_repositories(run)) == reached


def test_no_startup_matching_is_said(fake: FakeForge, tmp_path: Path) -> None:
    run = _scan(fake, tmp_path, startups=StartupFilter(incubators=frozenset({"nowhere"})))
    (card,) = run["scorecards"]
    assert card["status"] == "error" and "no startup matches" in card["error"]
    assert "dinum" in card["error"] and exit_code(run, fail_under=None, fail_on="error") == 3


def test_an_unreadable_registry_is_an_error_card(fake: FakeForge, tmp_path: Path) -> None:
    fake.forge.add_document("/broken.json", b'{"data": [}')
    fake.forge.add_document("/v3.json", b'[{"id": "x"}]')
    for path, words in (("/missing.json", "HTTP 404"), ("/broken.json", "not a JSON document"),
                        ("/v3.json", "not a startup registry")):
        run = _scan(fake, tmp_path, f"registry:{fake.web_url}{path}")
        (card,) = run["scorecards"]
        assert card["status"] == "error" and words in card["error"], path


def test_the_request_budget_leaves_startups_not_checked(fake: FakeForge, tmp_path: Path) -> None:
    """One request: the GitHub lookup query. What it saw is known (the repository's own card says
    its files were not fetched); the organisation and the GitLab projects were never asked."""
    run = _scan(fake, tmp_path, crawl=_crawl(fake, tmp_path / "c", max_requests=1))
    startups = _startups(run)
    assert startups["mon-suivi-justice"]["code"]["status"] == "public"
    assert startups["privee"]["code"]["status"] == "private"
    msj = _repositories(run)["betagouv/mon-suivi-justice"]
    assert msj["status"] == "error" and "budget" in msj["error"]
    for sid in ("territoires", "sur-gitlab", "auto-heberge"):
        assert startups[sid]["status"] == "error" and "budget" in startups[sid]["error"], sid
        assert startups[sid]["code"]["status"] == "not_checked"
        assert _finding(startups[sid], "startup-repository-public")["status"] == "not_applicable"
    # What needs no request is still judged.
    assert _finding(startups["sans-depot"], "startup-repository-declared")["status"] == "fail"
    assert schemas.errors("run", run) == []


def test_a_rescan_costs_the_registry_and_the_lookups(fake: FakeForge, tmp_path: Path) -> None:
    first = _scan(fake, tmp_path)
    before = fake.requests
    again = _scan(fake, tmp_path)
    assert fake.requests - before <= 8  # the document, one lookup query, org and group listings
    assert _startups(again).keys() == _startups(first).keys()
    assert [c["grade"] for c in again["scorecards"]] == [c["grade"] for c in first["scorecards"]]


def test_the_cli_end_to_end(fake: FakeForge, tmp_path: Path, run_cli: RunCli) -> None:
    args = ["scan", f"registry:{fake.web_url}{PATH}", "--gitlab-url", fake.gitlab_url,
            "--gitlab-host", f"gitlab.com={fake.gitlab_url}",
            "--gitlab-host", f"forge.example.gouv.fr={fake.gitlab_url}",
            "--cache-dir", str(tmp_path / "cache"), "--quiet"]
    report = tmp_path / "run.json"
    run_cli(*args, "--format", "json", "-o", str(report), expect=1)  # errors fail the run
    run = json.loads(report.read_text())
    assert schemas.errors("run", run) == [] and len(_startups(run)) == 16
    text = run_cli(*args[:-1], expect=1).stdout
    assert "== Incubateur de la DINUM (dinum) ==" in text
    assert "startup:sans-depot  Sans dépôt · construction · no open code" in text
    assert "Startups: 16 declared, 13 name a repository, 9 with open code, 2 compliant" in text
    # Startups without open code come first in their incubator.
    dinum = text.split("== Incubateur de la DINUM (dinum) ==")[1].split("== ")[0]
    order = [line.split()[0] for line in dinum.splitlines() if line.startswith("startup:")]
    assert order[:4] == ["startup:vide", "startup:exploration", "startup:sans-depot",
                         "startup:disparue"]  # then by name
    assert order[-1] in ("startup:transferee", "startup:partage-a", "startup:mon-suivi-justice")
    markdown = run_cli(*args[:-1], "--format", "markdown", "--lang", "fr", expect=1).stdout
    assert "## Incubateur de la DINUM (`dinum`)" in markdown
    assert "| ❌ | Sans dépôt (`sans-depot`) | construction | – |" in markdown
    assert "| acceleration | 4 | 4 | 3 | 0 |" in markdown
    only = run_cli(*args[:-1], "--format", "json", "--incubator", "MTES", "--phase", "construction",
                   expect=1).stdout
    assert set(_startups(json.loads(only))) == {"hote-inconnu", "sans-schema"}
    active = json.loads(run_cli(*args[:-1], "--format", "json", "--active", expect=1).stdout)
    assert "transferee" not in _startups(active) and len(_startups(active)) == 15


def test_startup_options_need_a_registry_and_hosts_need_safe_urls(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("scan", str(tmp_path), "--active", expect=2)
    assert "registry:" in result.stderr
    result = run_cli("scan", str(tmp_path), "--gitlab-host", "forge.example.gouv.fr=http://10.0.0.1",
                     expect=2)
    assert "https" in result.stderr
    assert run_cli("scan", "registry:http://example.org/s.json", expect=2).stderr
    assert "civiscan scan" in run_cli("facts", f"registry:{FIXTURE}", expect=2).stderr


def test_an_unconfigured_host_is_never_contacted(fake: FakeForge, tmp_path: Path) -> None:
    """Without --gitlab-host, the self-hosted URL is an unknown host: reviewed, not probed (the
    test's network guard would fail the test on any attempt to resolve it)."""
    run = scan(ScanOptions(targets=[parse_target(f"registry:{fake.web_url}{PATH}")], ruleset=RULESET,
                           crawl=_crawl(fake, tmp_path), startups=StartupFilter(
                               incubators=frozenset({"mtes"}))))
    startup = _startups(run)["auto-heberge"]
    assert startup["code"]["status"] == "unknown_host"
    assert _finding(startup, "startup-repository-public")["status"] == "review"


def test_gitlab_projects_are_looked_up_and_crawled_in_batches(monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path) -> None:
    """14 projects, a group and a missing path on gitlab.com: 3 lookup queries, one listing of the
    group, the blobs of all in shared queries; anonymously (complexity limit 200), too."""
    projects = [FakeRepo("incubateur/fabrique", f"projet-{i:02d}",
                         files={"README.md": f"# Projet {i}\n".encode(), "LICENSE": b"MIT License\n"})
                for i in range(14)]
    grouped = [FakeRepo("incubateur/groupe", name, files={"README.md": b"# G\n"}) for name in ("a", "b")]
    entries = [StartupEntry(f"s{i:02d}", f"S{i}", "dinum", [("construction", "2021-01-01", "")],
                            repository=f"https://gitlab.com/{p.full_name}") for i, p in enumerate(projects)]
    entries += [StartupEntry("groupe", "Groupe", "dinum", [("construction", "2021-01-01", "")],
                             repository="https://gitlab.com/incubateur/groupe"),
                StartupEntry("absent", "Absent", "dinum", [("construction", "2021-01-01", "")],
                             repository="https://gitlab.com/incubateur/absent/projet")]
    forge = Forge()
    forge.add_gitlab(*projects, *grouped)
    forge.add_document(PATH, render_v26(entries, INCUBATORS))
    for token in (TOKEN, None):
        with FakeForge(forge, token=token) as server:
            if token:
                monkeypatch.setenv("GITLAB_TOKEN", token)
            else:
                monkeypatch.delenv("GITLAB_TOKEN", raising=False)
            run = _scan(server, tmp_path / str(token))
            lookups = [r for r in server.stats.requests("gitlab.graphql")
                       if r.notes.get("operation") == "Projects"]
            assert all(r.notes["complexity"] <= (250 if token else 200) for r in lookups
                       if r.status == 200)
            assert len(lookups) <= 4, [r.notes for r in lookups]
            statuses = {sid: c["code"]["status"] for sid, c in _startups(run).items()}
            assert statuses.pop("absent") == "missing" and statuses.pop("groupe") == "public"
            assert set(statuses.values()) == {"public"}
            assert _startups(run)["groupe"]["repositories"] == ["incubateur/groupe/a",
                                                               "incubateur/groupe/b"]
            assert len(_repositories(run)) == 16
            assert server.requests <= 1 + 4 + 2 * 16 + 4 + 4, server.stats.by_kind


def test_a_synthetic_registry_costs_about_one_request_per_repository(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    synthetic = synthetic_registry(60, seed=2, self_hosted="forge.example.gouv.fr")
    forge = Forge()
    forge.add_github(*synthetic.github)
    forge.add_gitlab(*synthetic.gitlab)
    forge.add_document(PATH, synthetic.document)
    with FakeForge(forge, token=TOKEN) as server:
        monkeypatch.setenv("GITHUB_API_URL", server.github_api_url)
        monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
        monkeypatch.setenv("GITLAB_TOKEN", TOKEN)
        run = _scan(server, tmp_path)
        requests = server.requests
    expected = {"public": {"public"}, "shared": {"public"}, "not_declared": {"not_declared"},
                "missing": {"missing"}, "private": {"private"}, "organisation": {"public"},
                "gitlab": {"public"}, "malformed": {"malformed"}, "unknown_host": {"unknown_host"}}
    for sid, card in _startups(run).items():
        assert card["code"]["status"] in expected[synthetic.intent[sid]], (sid, card["code"])
    repositories = len(_repositories(run))
    assert repositories > 30 and requests / repositories <= 1.6, (requests, repositories)
