"""What a startup's repository field names: resolved on the forge's URL grammar, never guessed."""

from __future__ import annotations

import typing as t

import pytest

from scanner.registry.resolve import resolve, target_key

HOSTS = frozenset({"forge.example.gouv.fr"})


@pytest.mark.parametrize(("value", "label"), [
    ("https://github.com/betagouv/mon-suivi-justice", "github:betagouv/mon-suivi-justice"),
    ("https://github.com/betagouv/annuaire/tree/main/src", "github:betagouv/annuaire"),
    ("https://github.com/betagouv/annuaire.git", "github:betagouv/annuaire"),
    ("https://www.github.com/betagouv/annuaire/", "github:betagouv/annuaire"),
    ("http://github.com/betagouv/annuaire", "github:betagouv/annuaire"),  # never fetched as such
    ("https://github.com/betagouv", "github:betagouv"),
    ("https://github.com/orgs/betagouv/repositories", "github:betagouv"),
    ("https://gitlab.com/incubateur/sub/projet", "gitlab:incubateur/sub/projet"),
    ("https://gitlab.com/incubateur/projet/-/tree/main", "gitlab:incubateur/projet"),
    ("https://forge.example.gouv.fr/fabrique/service", "forge.example.gouv.fr/fabrique/service"),
])
def test_forge_urls_resolve_to_targets(value: str, label: str) -> None:
    declared = resolve(value, HOSTS)
    assert declared.status == "forge" and declared.target is not None
    assert declared.target.label == label


def test_a_gitlab_url_keeps_its_host_so_the_token_follows_the_instance_rules() -> None:
    declared = resolve("https://gitlab.com/a/b", HOSTS)
    assert declared.target is not None and declared.target.raw == "https://gitlab.com/a/b"
    assert declared.host == "gitlab.com" and declared.forge == "gitlab"


@pytest.mark.parametrize(("value", "status", "words"), [
    (None, "not_declared", "gives no repository"),
    ("", "not_declared", "empty"),
    ("   \t", "not_declared", "empty"),
    (42, "malformed", "a number"),
    (["https://github.com/a/b"], "malformed", "a list"),
    ({"url": "x"}, "malformed", "an object"),
    (True, "malformed", "a boolean"),
    ("N/A", "malformed", "not a URL"),
    ("github.com/betagouv/x", "malformed", "not a URL"),
    ("git@github.com:betagouv/x.git", "malformed", "not a URL"),
    ("ssh://git@github.com/betagouv/x", "malformed", "not an https URL"),
    ("javascript:alert(1)", "malformed", "not a URL"),
    ("https://github.com/a/b https://github.com/c/d", "malformed", "not one URL"),
    ("https://github.com/", "malformed", "names no repository"),
    ("https://github.com:notaport/a/b", "malformed", "not a valid URL"),
    ("https://github.com/bad name/x", "malformed", "not one URL"),
    ("https://github.com/b%C3%A9ta/x", "malformed", "not a valid github owner"),
    ("https://gitlab.com", "malformed", "names no repository"),
    ("https://forge.inconnue.example/a/b", "unknown_host", "not a known forge"),
    ("https://beta.gouv.fr/startups/x.html", "unknown_host", "not a known forge"),
    ("https://192.168.0.1/a/b", "unknown_host", "not a known forge"),
])
def test_what_names_no_forge_is_reported_not_guessed(value: t.Any, status: str, words: str) -> None:
    declared = resolve(value, HOSTS)
    assert declared.status == status and declared.target is None
    assert declared.detail is not None and words in declared.detail[0] and declared.detail[1]


def test_an_unconfigured_self_hosted_gitlab_is_an_unknown_host() -> None:
    assert resolve("https://forge.example.gouv.fr/a/b").status == "unknown_host"
    assert resolve("https://forge.example.gouv.fr/a/b", HOSTS).status == "forge"


def test_credentials_are_never_shown_back() -> None:
    declared = resolve("https://x-access-token:ghp_secret@github.com/betagouv/x", HOSTS)
    assert declared.status == "forge" and declared.value == "https://github.com/betagouv/x"
    unknown = resolve("https://user:hunter2@git.example.org:8443/a/b", HOSTS)
    assert unknown.value == "https://git.example.org:8443/a/b" and "hunter2" not in str(unknown)


def test_a_huge_value_is_shown_cut() -> None:
    declared = resolve("https://git.example.org/" + "a" * 10_000)
    assert declared.value is not None and len(declared.value) <= 200


def test_one_key_per_place_whatever_the_spelling() -> None:
    keys = {target_key(t) for t in (resolve(v).target for v in (
        "https://github.com/betagouv/commun", "https://github.com/BetaGouv/commun.git",
        "https://github.com/betagouv/commun/tree/main")) if t is not None}
    assert len(keys) == 1
    other = resolve("https://gitlab.com/betagouv/commun").target
    assert other is not None and target_key(other) not in keys
