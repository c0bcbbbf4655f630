"""GitLab source, the parts that need no server: queries valid against GitLab's real schema,
listing nodes to the same ``RepoInfo`` as elsewhere, exact bytes, which instance gets the token."""

from __future__ import annotations

import os
import subprocess
import typing as t
from functools import cache
from pathlib import Path

import pytest
import requests

from scanner.errors import UsageError
from scanner.sources import gitlab as gl
from scanner.sources.remote import Entry, Tree, layout
from scanner.targets import parse_target
from tests.support import REPO_ROOT

REFERENCE = Path(os.environ.get("CIVISCAN_REFERENCE", REPO_ROOT.parent / "shared" / "reference"))
SCHEMA = REFERENCE / "gitlab-graphql-schema.graphql"
HEAD = "0123456789abcdef0123456789abcdef01234567"


@cache
def _schema() -> t.Any:
    graphql = pytest.importorskip("graphql")
    return graphql.build_schema(SCHEMA.read_text(encoding="utf-8"), assume_valid_sdl=True)


def _errors(query: str, variables: dict[str, t.Any] | None = None) -> list[str]:
    import graphql

    schema = _schema()
    document = graphql.parse(query)
    found = [e.message for e in graphql.validate(schema, document)]
    if not found and variables is not None:
        operation = graphql.get_operation_ast(document)
        assert operation is not None
        from graphql.execution.values import get_variable_values

        coerced = get_variable_values(schema, operation.variable_definitions or [], variables)
        found += [e.message for e in coerced] if isinstance(coerced, list) else []
    return found


@pytest.mark.skipif(not SCHEMA.exists(), reason="GitLab's schema (shared/reference) is not here")
@pytest.mark.parametrize("query", [gl.GROUP_QUERY, gl.PROJECT_QUERY,
                                   gl.legacy_fork(gl.GROUP_QUERY), gl.legacy_fork(gl.PROJECT_QUERY)],
                         ids=["group", "project", "group-legacy", "project-legacy"])
def test_listing_queries_are_valid_against_gitlabs_schema(query: str) -> None:
    assert _errors(query) == []


@pytest.mark.skipif(not SCHEMA.exists(), reason="GitLab's schema (shared/reference) is not here")
def test_blob_query_is_valid_with_its_variables() -> None:
    query, variables = gl.blob_query([("a/b/c", HEAD, ["README.md", "docs/x y.md"]),
                                      ("a/d", HEAD, ["LICENSE"])])
    assert _errors(query, variables) == []
    assert "README.md" not in query and "a/b/c" not in query  # what the server reads is data
    assert len(query) < 10_000  # GitLab's query size limit, at the largest batch
    big, _ = gl.blob_query([(f"g/p{i}", HEAD, ["f"] * gl.PATHS_PER_FIELD)
                            for i in range(gl.MAX_BLOB_PROJECTS)])
    assert len(big) < 10_000


def test_a_query_that_is_not_valid_is_caught_by_the_check() -> None:
    """The validation above can fail: an unknown field is reported."""
    if not SCHEMA.exists():
        pytest.skip("GitLab's schema (shared/reference) is not here")
    assert _errors("query { project(fullPath: \"a/b\") { nonsense } }")


def test_blob_query_bounds_its_paths() -> None:
    with pytest.raises(ValueError):
        gl.blob_query([("a/b", HEAD, [])])
    with pytest.raises(ValueError):
        gl.blob_query([("a/b", HEAD, ["f"] * (gl.PATHS_PER_FIELD + 1))])


@pytest.mark.parametrize("data", [b"", b"hello\n", "é\r\n".encode(), bytes(range(256)) * 3])
def test_git_blob_id_is_gits(tmp_path: Path, data: bytes) -> None:
    out = subprocess.run(["git", "hash-object", "--stdin"], input=data, capture_output=True, check=True)
    assert gl.git_blob_id(data) == out.stdout.decode().strip()
    assert len(gl.git_blob_id(data, 64)) == 64


def _node(**overrides: t.Any) -> dict[str, t.Any]:
    node: dict[str, t.Any] = {
        "id": "gid://gitlab/Project/42", "fullPath": "dinum/sub/projet", "path": "projet",
        "name": "Mon Projet", "description": "", "archived": True, "visibility": "Internal",
        "topics": ["etat"], "webUrl": "https://gitlab.example/dinum/sub/projet",
        "lastActivityAt": "2026-01-02T03:04:05Z", "isForked": False,
        "repository": {"rootRef": "main", "empty": False, "tree": {"lastCommit": {"sha": HEAD}}},
    }
    node.update(overrides)
    return node


def test_listing_node_gives_the_same_repo_info_as_other_sources() -> None:
    listed = gl.listed_from_node(_node())
    info = listed.info
    assert (info.name, info.full_name, info.url) == ("projet", "dinum/sub/projet",
                                                      "https://gitlab.example/dinum/sub/projet")
    assert (info.default_branch, info.head, listed.tree_oid) == ("main", HEAD, HEAD)
    assert (info.archived, info.fork, info.visibility) == (True, False, "internal")
    assert (info.description, info.topics, info.homepage, info.host_licence) == (None, ("etat",), None, None)
    assert (info.pushed_at, info.source) == ("2026-01-02T03:04:05Z", "gitlab")
    assert listed.handle == "42" and listed.commits is None and listed.error is None


def test_fork_from_either_field() -> None:
    assert gl.listed_from_node(_node(isForked=True)).info.fork is True
    legacy = _node(forkedFrom={"fullPath": "upstream/x"})
    del legacy["isForked"]
    assert gl.listed_from_node(legacy).info.fork is True
    del legacy["forkedFrom"]
    assert gl.listed_from_node(legacy).info.fork is False


def test_handle_falls_back_to_the_full_path() -> None:
    assert gl.listed_from_node(_node(id="weird")).handle == "dinum/sub/projet"


@pytest.mark.parametrize(("repository", "words"), [
    (None, "no readable repository"),
    ({"rootRef": None, "empty": True, "tree": None}, "empty repository"),
    ({"rootRef": "main", "empty": False, "tree": {"lastCommit": None}}, "empty repository"),
    ({"rootRef": "main", "empty": False, "tree": {"lastCommit": {"sha": "main; rm -rf"}}},
     "no valid HEAD"),
])
def test_listing_node_that_cannot_be_scanned_says_why(repository: t.Any, words: str) -> None:
    listed = gl.listed_from_node(_node(repository=repository))
    assert listed.error is not None and words in str(listed.error) and listed.error.fr


def _target(raw: str, hosts: frozenset[str] = frozenset()) -> t.Any:
    return parse_target(raw, gitlab_hosts=hosts)


def test_instance_and_token_scope(monkeypatch: pytest.MonkeyPatch) -> None:
    assert gl.instance_for(_target("gitlab:dinum"), None) == ("https://gitlab.com", True)
    assert gl.instance_for(_target("https://gitlab.com/dinum/x"), None) == ("https://gitlab.com", True)
    monkeypatch.setenv("GITLAB_URL", "https://git.example.gouv.fr/")
    assert gl.instance_for(_target("gitlab:dinum"), None) == ("https://git.example.gouv.fr", True)
    hosts = frozenset({"git.example.gouv.fr", "other.example.org"})
    assert gl.instance_for(_target("https://git.example.gouv.fr/a/b", hosts), None) == \
        ("https://git.example.gouv.fr", True)
    # A host the token was not given for is read anonymously.
    assert gl.instance_for(_target("https://other.example.org/a/b", hosts), None) == \
        ("https://other.example.org", False)
    assert gl.instance_for(_target("https://gitlab.com/a/b", hosts), None) == ("https://gitlab.com", False)
    assert gl.instance_for(_target("gitlab:a"), "http://127.0.0.1:8080") == ("http://127.0.0.1:8080", True)
    with pytest.raises(UsageError):
        gl.instance_for(_target("gitlab:a"), "http://gitlab.example.org")


def test_token_only_goes_to_its_instance(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITLAB_TOKEN", "glpat-SENTINEL")
    policy = gl.Policy()
    hosts = frozenset({"other.example.org"})
    assert gl.GitLabClient.for_target(policy, _target("gitlab:a")).token == "glpat-SENTINEL"
    assert gl.GitLabClient.for_target(policy, _target("https://other.example.org/a", hosts)).token is None


def _redirected(origin: str, target: str) -> requests.PreparedRequest:
    session = gl._Session()
    first = requests.Request("GET", origin, headers={"PRIVATE-TOKEN": "glpat-SENTINEL"}).prepare()
    response = requests.Response()
    response.request = first
    following = first.copy()
    following.prepare_url(target, None)
    session.rebuild_auth(following, response)
    return following


def test_redirect_to_another_origin_drops_the_token() -> None:
    assert "PRIVATE-TOKEN" not in _redirected("https://gitlab.com/api/v4/x", "https://evil.example/x").headers
    assert "PRIVATE-TOKEN" not in _redirected("http://127.0.0.1:1/x", "http://127.0.0.1:2/x").headers
    assert _redirected("https://gitlab.com/api/v4/x",
                       "https://gitlab.com/api/v4/y").headers["PRIVATE-TOKEN"] == "glpat-SENTINEL"


def test_next_page_on_another_origin_is_not_followed() -> None:
    forge = gl.GitLabForge(gl.GitLabClient("https://gitlab.com", None, gl.Policy()))
    url = "https://gitlab.com/api/v4/projects/1/repository/tree"
    assert forge._next_page({"link": f'<{url}?page_token=b>; rel="next"'}, url, {}) == \
        (f"{url}?page_token=b", None)
    assert forge._next_page({"x-next-page": "3"}, url, {"a": 1}) == (url, {"a": 1, "page": "3"})
    assert forge._next_page({"x-next-page": ""}, url, {"a": 1}) is None
    with pytest.raises(gl.RemoteFailure, match="another host"):
        forge._next_page({"link": '<https://evil.example/x>; rel="next"'}, url, {})


def test_tree_entries_keep_modes_and_have_no_size() -> None:
    items = [{"id": "a" * 40, "path": "docs", "type": "tree", "mode": "040000"},
             {"id": "b" * 40, "path": "docs/x.md", "type": "blob", "mode": "100644"},
             {"id": "c" * 40, "path": "link", "type": "blob", "mode": "120000"},
             {"id": "d" * 40, "path": "vendor/lib", "type": "commit", "mode": "160000"},
             {"path": 3}, "junk"]
    entries = [e for e in map(gl._entry, items) if e is not None]
    assert [e.kind for e in entries] == ["tree", "blob", "link", "submodule"]
    assert all(e.size is None for e in entries)


def test_sizes_a_tree_did_not_give_are_learned_from_the_blobs() -> None:
    tree = Tree([Entry("README.md", "100644", "a" * 40), Entry("big.bin", "100644", "b" * 40),
                 Entry("docs/readme", "120000", "c" * 40), Entry("other", "100644", "d" * 40)])
    lay = layout(tree, {"docs/readme": b"../README.md"})
    assert lay.files == {"README.md": None, "big.bin": None, "docs/readme": None, "other": None}
    lay.learn({"a" * 40: b"hello"}, {"b" * 40: 20_000_000})
    assert lay.files == {"README.md": 5, "big.bin": 20_000_000, "docs/readme": 5, "other": None}
