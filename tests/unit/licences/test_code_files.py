"""One count of code files for every rule and fact, and a documentation build's pages and
stylesheets are no code (issue 9, audit freshK2: LINCnil/Guide-RGPD-du-developpeur)."""

from __future__ import annotations

import typing as t

from scanner.licences import docbuild
from scanner.licences.content import build_inputs, classify, code_paths
from tests.unit.licences.test_trust import facts, finding

GPL = "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n"
# LINCnil/Guide-RGPD-du-developpeur: 18 Markdown chapters, a pandoc template and stylesheet,
# and the page pandoc made of them; README.md:90-98 gives the commands.
GUIDE_README = (
    "# Guide RGPD du développeur\n\nCe guide est publié sous licence GPLv3 et Licence Ouverte "
    "2.0.\n\n## Usage\n\nPour faire vous-même une « release » de ce repository, vous pouvez "
    "utiliser l’outil **Pandoc**.\n\n* **Pour générer un fichier .docx** :\n```bash\n"
    "pandoc -s --toc --toc-depth=1 -o Guide_RGPD_developpeur.docx [0-9][0-9]*.md\n```\n\n"
    "* **Pour générer un fichier .html** :\n```bash\n"
    "pandoc -s --template=\"templates/mytemplate.html\" -H templates/pandoc.css  -o index.html "
    "README.md [0-9][0-9]*.md\n```\n")
GUIDE: dict[str, str | bytes] = {
    "LICENSE": GPL,
    "README.md": GUIDE_README,
    **{f"{i:02}-Fiche {i}.md": f"# Fiche {i}\n\nDu texte sur le RGPD.\n" for i in range(19)},
    "annexes/conf_tls_nginx.txt": "ssl_protocols TLSv1.2;\n",
    "annexes/Bandeau-Cookie-Niveau-1.jpg": b"\xff\xd8\xff",
    "index.html": "<!DOCTYPE html>\n<html><body><h1>Guide RGPD</h1></body></html>\n",
    "templates/mytemplate.html": "<html>$body$</html>\n",
    "templates/pandoc.css": "<style>body { margin: 0 }</style>\n",
}
STATIC_SITE = {"index.html": "<html><body>Bienvenue</body></html>\n",
               "css/site.css": "body {}\n", "README.md": "# Le site\n"}


def test_a_pandoc_guides_template_stylesheet_and_output_are_no_code() -> None:
    document = facts(GUIDE)
    build = document["repository"]["doc_build"]
    assert build["files"] == ["index.html", "templates/mytemplate.html", "templates/pandoc.css"]
    assert {"path": "README.md", "line": 16, "tool": "pandoc"} in build["commands"]
    # One notion: the repository's count and the licence facts' count are the same.
    assert document["repository"]["code_files"] == 0
    assert document["licence"]["data_docs"]["code_files"] == 0
    assert document["licence"]["data_docs"]["kind"] == "docs"
    for rule in ("security-policy-present", "publiccode-yml-present",
                 "readme-explains-how-to-run"):
        assert finding(document, rule)[0] == "not_applicable", rule


def test_prose_naming_a_tool_is_no_build_command() -> None:
    # The same guide whose README only names pandoc in prose: the pages stay code.
    readme = ("# Guide\n\nOn peut utiliser pandoc avec templates/mytemplate.html et "
              "templates/pandoc.css pour en faire index.html.\n")
    document = facts({**GUIDE, "README.md": readme})
    assert document["repository"]["doc_build"]["files"] == []
    assert document["repository"]["code_files"] == 3
    assert document["licence"]["data_docs"]["code_files"] == 3
    assert finding(document, "security-policy-present")[0] == "fail"


def test_a_web_front_end_stays_code() -> None:
    # A hand-written static site (France-Travail/france-travail.github.io-like): its pages and
    # stylesheets are what it serves, no documentation build names them.
    document = facts(STATIC_SITE)
    assert document["repository"]["code_files"] == 2
    assert document["licence"]["data_docs"]["code_files"] == 2
    assert finding(document, "security-policy-present")[0] == "fail"
    # A front-end whose README converts its user guide with pandoc: an application's pages are
    # not looked up (its scripts decide it holds code); they all stay code.
    app = {**STATIC_SITE, "js/app.js": "fetch('/api');\n", "js/map.js": "x;\n",
           "package.json": "{}\n", "public/guide.html": "<html></html>\n",
           "README.md": "# App\n\n```sh\npandoc docs/guide.md -o public/guide.html\n```\n"}
    document = facts(app)
    assert document["repository"]["doc_build"] == {"files": [], "commands": []}
    assert document["repository"]["code_files"] == 6
    assert document["licence"]["data_docs"]["code_files"] == 6
    assert finding(document, "security-policy-present")[0] == "fail"
    assert build_inputs(list(app)) == []  # nothing read for it
    # Naming the repository's root (jekyll --source .) does not make every page a build's.
    root = {**STATIC_SITE, "build.sh": "jekyll build --source . --destination _site\n"}
    document = facts(root)
    assert document["repository"]["doc_build"]["files"] == []
    assert document["repository"]["code_files"] == 3  # the pages and the script


def test_build_commands_in_makefiles_scripts_and_ci() -> None:
    # A Makefile recipe split over lines, a CI job: the stylesheet and the output folder count.
    listing = ["Makefile", "docs/guide.md", "style/print.css", "public/index.html",
               "public/a.html", "app.js"]
    texts = {"Makefile": "html:\n\tpandoc docs/guide.md \\\n\t  --css=style/print.css \\\n"
                         "\t  -o public/index.html\n",
             ".gitlab-ci.yml": "pages:\n  script:\n    - asciidoctor -D public docs/*.adoc\n"}
    build = docbuild.build_files(listing, texts)
    assert build["files"] == ["public/a.html", "public/index.html", "style/print.css"]
    assert {c["tool"] for c in build["commands"]} == {"pandoc", "asciidoctor"}
    assert code_paths(listing, build["files"]) == ["app.js"]  # a script is never a page
    assert code_paths(listing) == ["style/print.css", "public/index.html", "public/a.html",
                                   "app.js"]


def test_a_docsify_site_is_documentation() -> None:
    # codegouvfr/sill-docs: Markdown pages, an index.html configuring docsify, a stylesheet.
    listing = ["README.md", "index.html", "assets/style.css", *[f"p{i}.md" for i in range(8)]]
    page = ("<html><body><div id=\"app\"></div>\n<script>window.$docsify = {name: 'SILL'}"
            "</script>\n<script src=\"//cdn.jsdelivr.net/npm/docsify@4\"></script></body></html>")
    build = docbuild.build_files(listing, {"index.html": page})
    assert build["files"] == ["assets/style.css", "index.html"]
    assert build["commands"] == [{"path": "index.html", "line": 2, "tool": "docsify"}]
    assert classify(listing, built=build["files"])["kind"] == "docs"
    # A page that loads no docsify is the site itself: code, and not documentation.
    plain = docbuild.build_files(listing, {"index.html": "<html><script src='app.js'>"})
    assert plain["files"] == []
    assert classify(listing, built=plain["files"])["code_files"] == 2


def test_one_count_of_code_files() -> None:
    # Tests, CI and third-party code are nobody's service: aside in both facts alike.
    files: dict[str, t.Any] = {
        "README.md": "# Lib\n", "src/lib.py": "x = 1\n", "pyproject.toml": "[project]\n",
        "tests/test_lib.py": "def test(): pass\n", ".github/scripts/release.py": "x\n",
        "vendor/jquery.js": "x\n"}
    document = facts(files)
    assert document["repository"]["code_files"] == 2  # src/lib.py and pyproject.toml
    assert document["licence"]["data_docs"]["code_files"] == 2
    assert code_paths(list(files)) == ["src/lib.py", "pyproject.toml"]


def test_a_large_page_is_not_read_for_docsify() -> None:
    # Read only to find docsify's configuration: a big page is some build's output, not read.
    listing = ["index.html", "docs/README.md", "scripts/build.sh", "src/app/index.html"]
    wanted = docbuild.command_files(listing, {"index.html": docbuild.MAX_PAGE_BYTES + 1})
    assert wanted == ["docs/README.md", "scripts/build.sh"]
