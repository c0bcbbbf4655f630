"""The community collector end to end on in-memory repositories."""

from __future__ import annotations

import typing as t

from scanner.collectors.community import CommunityCollector
from scanner.snapshot import RepoInfo, Snapshot
from scanner.sources.memory import snapshot_from_files

STABLE = ("readme", "contributing", "code_of_conduct", "security_policy")


def _collect(files: dict[str, str | bytes], listing: list[str] | None = None,
             repo_url: str | None = None) -> dict[str, t.Any]:
    snapshot = snapshot_from_files(files, listing=listing)
    facts = {"repository": {"url": repo_url}}
    return CommunityCollector().collect(snapshot, facts)


def test_empty_repository_has_every_stable_key() -> None:
    out = _collect({})
    section = out["community"]
    for role in STABLE:
        assert section[role]["path"] is None
    assert section["contributing"]["terms"]["dco"] is False
    assert section["contributing"]["terms"]["cla"] is False
    assert out["problems"] == []


def test_pointer_contributing_is_followed_and_wanted() -> None:
    files = {"CONTRIBUTING.md": "Cf [docs/2-contributions.md](docs/2-contributions.md)\n",
             "docs/2-contributions.md": "# Contribuer\n\nSignez vos commits : `git commit -s`.\n"}
    paths = sorted(files)
    assert set(CommunityCollector().wanted(paths)) >= set(files)
    contributing = _collect(files)["community"]["contributing"]
    assert contributing["path"] == "CONTRIBUTING.md"
    assert contributing["target"] == "docs/2-contributions.md"
    assert contributing["terms"]["mentions_signed_off_by"] is True
    assert contributing["terms"]["sources"] == ["CONTRIBUTING.md", "docs/2-contributions.md"]


def test_pointer_as_a_blob_url_of_the_same_repository() -> None:
    files = {"CONTRIBUTING.md": "See https://github.com/o/r/blob/main/docs/CONTRIBUTING.md\n",
             "docs/CONTRIBUTING.md": "# Guide\n"}
    out = _collect(files, repo_url="https://github.com/o/r")
    assert out["community"]["contributing"]["target"] == "docs/CONTRIBUTING.md"


def test_dco_declared_by_files_alone_is_not_a_mention_in_the_text() -> None:
    files = {"CONTRIBUTING.md": "# Contributing\n\nOpen a pull request.\n",
             "DCO.txt": "Developer Certificate of Origin\nVersion 1.1\n"}
    terms = _collect(files)["community"]["contributing"]["terms"]
    assert terms["dco"] is True and terms["dco_files"] == ["DCO.txt"]
    assert terms["mentions_dco"] is False


def test_cla_from_a_bot_config() -> None:
    terms = _collect({".clabot": "{}"})["community"]["contributing"]["terms"]
    assert terms["cla"] is True and terms["cla_files"] == [".clabot"]


def test_listed_but_unfetched_readme_is_present_but_unread() -> None:
    readme = _collect({}, listing=["README.md"])["community"]["readme"]
    assert readme["path"] == "README.md"
    assert readme["readable"] is None
    assert readme["explains"]["run"] is None


def test_too_large_and_binary_files_become_problems_not_exceptions() -> None:
    snapshot = Snapshot(repo=RepoInfo(name="x", full_name="x"),
                        files={"README.md": 50 * 1024 * 1024, "SECURITY.md": 4},
                        reader=lambda p: b"\x00\x01\x02\x03" if p == "SECURITY.md" else None)
    out = CommunityCollector().collect(snapshot, {})
    messages = {p["path"]: p["message"] for p in out["problems"]}
    assert "too large" in messages["README.md"]
    assert "binary" in messages["SECURITY.md"]
    assert out["community"]["readme"]["readable"] is False
    assert out["community"]["security_policy"]["private_channel"] is None


def test_security_txt_channels_and_templates() -> None:
    files = {"SECURITY.md": "Please open a public issue.\n",
             "public/.well-known/security.txt": "Contact: mailto:sec@x.gouv.fr\n",
             ".github/PULL_REQUEST_TEMPLATE.md": "- [ ] I signed the CLA\n"}
    section = _collect(files)["community"]
    policy = section["security_policy"]
    assert policy["security_txt"] == ["public/.well-known/security.txt"]
    assert policy["private_channel"] is True
    assert [c["kind"] for c in policy["channels"]] == ["email"]
    assert section["templates"]["pull_request"] == [".github/PULL_REQUEST_TEMPLATE.md"]
    assert section["contributing"]["terms"]["cla"] is True, "a PR checkbox requiring a CLA counts"


def test_every_fact_names_its_origin() -> None:
    section = _collect({"README.md": "# X\n", "SECURITY.md": "x"})["community"]
    assert section["readme"]["origin"] == "repository"
    assert section["contributing"]["origin"] is None


def test_pointer_to_a_documentation_site_is_recorded() -> None:
    files = {"CONTRIBUTING.md": "Voir https://doc.service.gouv.fr/contribuer\n"}
    contributing = _collect(files)["community"]["contributing"]
    assert contributing["target"] is None
    assert contributing["target_url"] == "https://doc.service.gouv.fr/contribuer"


def test_a_real_guide_with_links_is_not_a_pointer() -> None:
    guide = "# Contributing\n\n" + "Please open a pull request with tests. " * 20 + \
        "\n\nSee https://example.org.\n"
    contributing = _collect({"CONTRIBUTING.md": guide})["community"]["contributing"]
    assert contributing["target"] is None and contributing["target_url"] is None


def test_security_txt_served_by_a_next_route() -> None:
    # inclusion-numerique/coop-mediation-numerique: no SECURITY.md, a Next.js route folder.
    route = "apps/web/src/app/.well-known/security.txt/route.ts"
    files = {"README.md": "# La coop\n", "apps/web/src/index.ts": "export {}\n",
             route: "export const GET = () =>\n  new Response(`Contact: mailto:s@anct.gouv.fr\n`)\n"}
    policy = _collect(files)["community"]["security_policy"]
    assert policy["security_txt"] == [route]
    assert policy["contacts"] == ["s@anct.gouv.fr"]
    assert policy["security_txt_routes"] == []


def test_security_txt_route_in_a_router_file() -> None:
    # etalab/transport-site: a Phoenix router line; the contact lives in config.
    router = "apps/transport/lib/transport_web/router.ex"
    files = {router: 'get("/.well-known/security.txt", PageController, :security_txt)\n',
             "apps/transport/test/transport_web/router_test.exs": "x\n"}
    assert router in CommunityCollector().wanted(sorted(files))
    policy = _collect(files)["community"]["security_policy"]
    assert policy["security_txt_routes"] == [{"path": router, "line": 1}]
    # A router that does not serve it adds nothing; a policy makes the routers irrelevant.
    assert _collect({router: 'get "/", PageController, :index\n'})["community"][
        "security_policy"]["security_txt_routes"] == []
    with_policy = {**files, "SECURITY.md": "Écrivez à sec@x.gouv.fr\n"}
    assert router not in CommunityCollector().wanted(sorted(with_policy))


# gip-inclusion/inclusion-connect (abridged): urls.py routes security.txt to a view in views.py
# that redirects to another site's file.
_IC_URLS = ('from django.urls import path\nfrom inclusion_connect import views\n\n'
            'urlpatterns = [\n    # security.txt page\n'
            '    path(".well-known/security.txt", views.security_txt, name="security-txt"),\n]\n')
_IC_VIEWS = ('from django.http import HttpResponseRedirect\n\n\ndef security_txt(request):\n'
             '    return HttpResponseRedirect('
             '"https://inclusion.beta.gouv.fr/.well-known/security.txt")\n')


def test_security_txt_route_redirecting_through_its_view() -> None:
    files = {"inclusion_connect/urls.py": _IC_URLS, "inclusion_connect/views.py": _IC_VIEWS}
    assert "inclusion_connect/views.py" in CommunityCollector().wanted(sorted(files))
    policy = _collect(files)["community"]["security_policy"]
    assert policy["security_txt_routes"] == [{"path": "inclusion_connect/urls.py", "line": 6}]
    assert policy["security_txt_redirects"] == [{
        "path": "inclusion_connect/views.py", "line": 5,
        "url": "https://inclusion.beta.gouv.fr/.well-known/security.txt"}]


def test_security_txt_route_redirecting_in_the_router() -> None:
    # An Express router answering with a redirect on the next line; a Django RedirectView.
    express = ('router.get("/.well-known/security.txt", (req, res) =>\n'
               '  res.redirect(301, "https://www.numerique.gouv.fr/.well-known/security.txt"));\n')
    policy = _collect({"src/routes.js": express})["community"]["security_policy"]
    assert policy["security_txt_redirects"] == [{
        "path": "src/routes.js", "line": 2,
        "url": "https://www.numerique.gouv.fr/.well-known/security.txt"}]
    django = ('path(".well-known/security.txt",\n'
              '     RedirectView.as_view(url="https://a.gouv.fr/.well-known/security.txt")),\n')
    policy = _collect({"app/urls.py": django})["community"]["security_policy"]
    assert [r["url"] for r in policy["security_txt_redirects"]] == [
        "https://a.gouv.fr/.well-known/security.txt"]


def test_security_txt_route_serving_its_own_text_redirects_nowhere() -> None:
    # Negative: etalab/transport-site's view writes the file itself; a view that redirects to
    # a path of the same site, and the next view's redirect, are not the route's.
    router = "apps/transport/lib/transport_web/router.ex"
    files = {router: 'get("/.well-known/security.txt", PageController, :security_txt)\n'}
    assert _collect(files)["community"]["security_policy"]["security_txt_redirects"] == []
    views = ('def security_txt(request):\n    return redirect("/static/security.txt")\n\n\n'
             'def home(request):\n    return redirect("https://example.org/")\n')
    out = _collect({"a/urls.py": _IC_URLS, "a/views.py": views})["community"]
    assert out["security_policy"]["security_txt_redirects"] == []
    # A blank line inside the view's body is still its body.
    spaced = _IC_VIEWS.replace("(request):\n", "(request):\n\n")
    out = _collect({"a/urls.py": _IC_URLS, "a/views.py": spaced})["community"]
    assert [r["line"] for r in out["security_policy"]["security_txt_redirects"]] == [6]


def test_the_policy_rule_names_the_redirect_in_both_languages() -> None:
    from tests.unit.licences.test_trust import facts, finding

    document = facts({"inclusion_connect/urls.py": _IC_URLS,
                      "inclusion_connect/views.py": _IC_VIEWS, "README.md": "# IC\n"})
    status, en, fr = finding(document, "security-policy-present")
    assert status == "review"
    assert ("(route at inclusion_connect/urls.py, line 6), which redirects to "
            "https://inclusion.beta.gouv.fr/.well-known/security.txt (inclusion_connect/views.py, "
            "line 5), a file civiscan does not fetch") in en
    assert "qui redirige vers https://inclusion.beta.gouv.fr/.well-known/security.txt" in fr
    assert "un fichier que civiscan ne récupère pas" in fr
