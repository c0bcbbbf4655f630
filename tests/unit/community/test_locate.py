"""Which file serves each community role, decided from the listing alone."""

from __future__ import annotations

from scanner.community import locate


def test_root_wins_over_github_and_docs() -> None:
    paths = ["docs/CONTRIBUTING.md", ".github/CONTRIBUTING.md", "CONTRIBUTING.md"]
    found = locate.find_role(paths, "contributing")
    assert found.path == "CONTRIBUTING.md"
    assert set(found.candidates) == {".github/CONTRIBUTING.md", "docs/CONTRIBUTING.md"}


def test_any_case_and_extension_and_french_names() -> None:
    assert locate.find_role(["contributing.md"], "contributing").path == "contributing.md"
    assert locate.find_role(["CONTRIBUER.md"], "contributing").path == "CONTRIBUER.md"
    assert locate.find_role(["Readme.rst"], "readme").path == "Readme.rst"
    assert locate.find_role(["README"], "readme").path == "README"
    assert locate.find_role(["docs/SECURITY.md"], "security_policy").path == "docs/SECURITY.md"
    assert locate.find_role(["CODE-OF-CONDUCT.md"], "code_of_conduct").path == "CODE-OF-CONDUCT.md"
    assert locate.find_role(["CODE_DE_CONDUITE.md"], "code_of_conduct").path == "CODE_DE_CONDUITE.md"


def test_language_variant_is_a_translation_not_the_readme() -> None:
    found = locate.find_role(["README.en.md", "README.md"], "readme")
    assert found.path == "README.md"
    assert found.translations == ("README.en.md",)


def test_contributing_folder() -> None:
    assert locate.find_role(["contributing/README.md"], "contributing").path == (
        "contributing/README.md")


def test_files_deeper_in_the_tree_do_not_serve_roles() -> None:
    paths = ["src/frontend/README.md", "packages/x/SECURITY.md", "config/security.yaml"]
    assert locate.find_role(paths, "readme").path is None
    assert locate.find_role(paths, "security_policy").path is None


def test_dco_and_cla_files() -> None:
    paths = ["DCO.txt", "DCO-fr.txt", ".github/dco.yml", ".clabot", ".github/workflows/cla.yml",
             "CLAUDE.md", ".github/workflows/declare.yml", "src/dco.py"]
    assert locate.dco_files(paths) == ["DCO.txt", "DCO-fr.txt"]
    assert locate.dco_apps(paths) == [".github/dco.yml"]
    assert locate.cla_files(paths) == [".clabot", ".github/workflows/cla.yml"]


def test_templates_exclude_issue_config() -> None:
    paths = [".github/ISSUE_TEMPLATE/1-bug.md", ".github/ISSUE_TEMPLATE/config.yml",
             ".github/ISSUE_TEMPLATE/form.yml", ".github/pull_request_template.md",
             ".gitlab/merge_request_templates/Default.md", ".gitlab/issue_templates/Bug.md"]
    assert locate.issue_templates(paths) == [".github/ISSUE_TEMPLATE/1-bug.md",
                                             ".github/ISSUE_TEMPLATE/form.yml",
                                             ".gitlab/issue_templates/Bug.md"]
    assert locate.pull_request_templates(paths) == [".github/pull_request_template.md",
                                                    ".gitlab/merge_request_templates/Default.md"]


def test_security_txt_anywhere_but_node_modules() -> None:
    paths = ["public/.well-known/security.txt", "node_modules/x/.well-known/security.txt"]
    assert locate.security_txt(paths) == ["public/.well-known/security.txt"]


def test_security_txt_route_files_and_routers() -> None:
    paths = ["apps/web/src/app/.well-known/security.txt/route.ts",
             "server/routes/.well-known/security.txt.ts", "src/routes/.well-known/security.txt/+server.js",
             "node_modules/x/.well-known/security.txt/route.js", "src/app/security/route.ts",
             "src/app/.well-known/security.txt.backup/route.ts"]
    assert locate.security_txt(paths) == paths[:3]
    routers = ["lib/app_web/router.ex", "config/routes.rb", "app/urls.py", "src/routes.ts",
               "routes/web.php", "src/api.router.js", "vendor/x/routes.rb", "test/router.ex",
               "src/routing.ts"]
    # Shallowest first: the application's own router before a nested one.
    assert locate.router_files(routers) == ["app/urls.py", "config/routes.rb", "routes/web.php",
                                            "src/api.router.js", "src/routes.ts",
                                            "lib/app_web/router.ex"]
