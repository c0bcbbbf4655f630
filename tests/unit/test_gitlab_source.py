"""GitLab source, the parts that need no server: queries valid against GitLab's real schema,
listing nodes to the same ``RepoInfo`` as elsewhere, exact bytes, which instance gets the token."""

from __future__ import annotations

import subprocess
import typing as t
from pathlib import Path

import pytest
import requests

from scanner.errors import UsageError
from scanner.sources import gitlab as gl
from scanner.sources.remote import Entry, Tree, layout
from scanner.targets import parse_target
from tests.fakeforge.graphql_common import load_schema, schema_path

SCHEMA = schema_path("gitlab")
HEAD = "0123456789abcdef0123456789abcdef01234567"


def _schema() -> t.Any:
    """The schema the fake GitLab validates with (built once per process, shared with it)."""
    return load_schema("gitlab")


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


class _Scripted:
    """A client whose answers are scripted: (status, headers, data) per request, in order."""

    url = "https://gitlab.example"
    host = "gitlab.example"
    token = "glpat-SENTINEL"

    def __init__(self, *answers: tuple[int, dict[str, str], t.Any]) -> None:
        self.answers = list(answers)
        self.sent: list[tuple[str, dict[str, t.Any] | None]] = []
        self.queries: list[str] = []

    def request(self, verb: str, url: str, what: str, *, params: dict[str, t.Any] | None = None,
                body: t.Any = None, raw: bool = False, limit: int = 0) -> tuple[int, dict[str, str], t.Any]:
        self.sent.append((url, params))
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]

    def graphql(self, query: str, variables: dict[str, t.Any], what: str) -> dict[str, t.Any]:
        self.queries.append(query)
        return t.cast(dict[str, t.Any], self.request("POST", "/api/graphql", what, body=query)[2])

    def same_origin(self, url: str) -> bool:
        return url.startswith(self.url)

    def redact(self, text: str) -> str:
        return gl.GitLabClient.redact(t.cast(gl.GitLabClient, self), text)


def _forge(*answers: tuple[int, dict[str, str], t.Any]) -> tuple[gl.GitLabForge, _Scripted]:
    client = _Scripted(*answers)
    return gl.GitLabForge(t.cast(gl.GitLabClient, client)), client


def test_a_tree_paged_in_circles_ends_truncated() -> None:
    page = [{"id": "b" * 40, "path": "README.md", "type": "blob", "mode": "100644"}]
    link = {"link": '<https://gitlab.example/api/v4/projects/42/repository/tree?page_token=x>; rel="next"'}
    forge, client = _forge((200, link, page))
    tree = forge.tree(gl.listed_from_node(_node()))
    assert tree.truncated and [e.path for e in tree.entries] == ["README.md"] and len(client.sent) == 2


def test_a_server_without_pagination_none_is_read_page_by_page() -> None:
    pages = [[{"id": f"{i:040x}", "path": f"f{i}", "type": "blob", "mode": "100644"}] for i in range(3)]
    forge, client = _forge((400, {}, {"error": "pagination does not have a valid value"}),
                           (200, {"x-next-page": "2"}, pages[0]), (200, {"x-next-page": "3"}, pages[1]),
                           (200, {"x-next-page": ""}, pages[2]))
    tree = forge.tree(gl.listed_from_node(_node()))
    assert [e.path for e in tree.entries] == ["f0", "f1", "f2"] and not tree.truncated
    assert [p["pagination"] for _, p in client.sent if p] == ["none", "keyset", "keyset", "keyset"]
    assert [p.get("page") for _, p in client.sent if p] == [None, None, "2", "3"]


def test_listing_cursors_in_circles_end_the_listing() -> None:
    answer = {"data": {"group": {"projects": {"pageInfo": {"hasNextPage": True, "endCursor": "c1"},
                                              "nodes": [_node()]}}}}
    forge, client = _forge((200, {}, answer))
    pages = list(forge.owner_pages("dinum", gl.Filters()))
    assert len(pages) == 2 and pages[-1][1] is None and len(client.sent) == 2


def test_blob_answers_exact_bytes_oversize_and_fallbacks() -> None:
    text, latin = b"# Titre \xc3\xa9\n", "Licence europ\u00e9enne\n".encode("cp1252")
    big = gl.MAX_FILE_BYTES + 1
    oid_text, oid_latin, oid_big = gl.git_blob_id(text), gl.git_blob_id(latin), "e" * 40
    listed = gl.listed_from_node(_node())
    tree = Tree([Entry("README.md", "100644", oid_text), Entry("LICENCE", "100644", oid_latin),
                 Entry("big.txt", "100644", oid_big)])
    nodes = [{"path": "README.md", "oid": oid_text, "size": str(len(text)), "rawTextBlob": text.decode()},
             {"path": "LICENCE", "oid": oid_latin, "size": str(len(latin)),
              "rawTextBlob": latin.decode("utf-8", errors="replace")},  # re-encoded by the server
             {"path": "big.txt", "oid": oid_big, "size": str(big), "rawTextBlob": "x"}]
    answer = {"data": {"queryComplexity": {"score": 30, "limit": 250},
                       "b0": {"repository": {"blobs": {"nodes": nodes}}}}}
    forge, client = _forge((200, {}, answer), (200, {}, latin))
    forge._remember(listed, tree)
    fetched = forge.blobs([(listed, oid_text), (listed, oid_latin), (listed, oid_big)])
    assert fetched.contents == {oid_text: text, oid_latin: latin}
    assert fetched.oversize == {oid_big: big} and fetched.failed == set()
    assert [url for url, _ in client.sent][1:] == [f"/projects/42/repository/blobs/{oid_latin}/raw"]
    assert forge.blob_projects == 6  # one project scored 30 of 250: six fit under 80 %


def test_raw_bytes_that_do_not_match_their_id_are_refused() -> None:
    listed = gl.listed_from_node(_node())
    forge, _ = _forge((200, {}, b"tampered"))
    fetched = forge.blobs([(listed, "a" * 40)])  # not in any known tree: straight to REST
    assert fetched.failed == {"a" * 40} and not fetched.contents
    forge, _ = _forge((200, {"content-length": str(gl.MAX_FILE_BYTES + 9)}, b"x" * (gl.MAX_FILE_BYTES + 1)))
    assert forge.blobs([(listed, "a" * 40)]).oversize == {"a" * 40: gl.MAX_FILE_BYTES + 9}


def test_a_server_echoing_the_token_does_not_put_it_in_a_report() -> None:
    echo = {"data": {"group": None}, "errors": [{"message": "bad token glpat-SENTINEL for you"}]}
    forge, _ = _forge((200, {}, echo))
    with pytest.raises(gl.RemoteFailure) as caught:
        list(forge.owner_pages("dinum", gl.Filters()))
    assert "glpat-SENTINEL" not in str(caught.value) + str(caught.value.fr)
    assert "bad token *** for you" in str(caught.value)


def test_a_blob_alias_in_error_falls_back_to_rest() -> None:
    data = b"# hello\n"
    oid = gl.git_blob_id(data)
    listed = gl.listed_from_node(_node())
    answer = {"data": {"b0": None}, "errors": [{"message": "blobs over 20 MiB", "path": ["b0"]}]}
    forge, client = _forge((200, {}, answer), (200, {}, data))
    forge._remember(listed, Tree([Entry("README.md", "100644", oid)]))
    assert forge.blobs([(listed, oid)]).contents == {oid: data}
    assert client.sent[-1][0] == f"/projects/42/repository/blobs/{oid}/raw"


def test_a_server_without_is_forked_is_asked_for_forked_from() -> None:
    old = {"errors": [{"message": "Field 'isForked' doesn't exist on type 'Project'"}]}
    legacy = _node(forkedFrom={"fullPath": "amont/projet"})
    del legacy["isForked"]
    forge, client = _forge((200, {}, old), (200, {}, {"data": {"project": legacy}}))
    listed = forge.project("dinum/sub/projet")
    assert listed is not None and listed.info.fork is True
    assert "isForked" in client.queries[0] and "forkedFrom" in client.queries[1]
    forge.project("dinum/sub/projet")  # remembered: no second try of the new field
    assert len(client.queries) == 3 and "isForked" not in client.queries[2]
