"""readme-explains-how-to-run through a documentation site committed in the repository (issue 9,
recheck3-6): a README that sends readers to its Docusaurus or MkDocs site (its folder, or its
published address) is judged on the site's pages about installing and using, never on the site's
tooling README (``yarn start`` serves the site). Cases cut from real repositories (named in
comments), beside what must not match."""

from __future__ import annotations

import typing as t

from scanner.community import docsite
from scanner.engine.evaluate import Status
from scanner.facts import build_facts
from scanner.snapshot import RepoInfo
from scanner.sources.memory import snapshot_from_files
from tests.unit.community.test_readme_how_to_run_round_l import TREVAS
from tests.unit.community.test_readme_routes import CODE, _finding

RULE = "readme-explains-how-to-run"

# InseeFr/Trevas docs/sidebars.js (shortened) and docs/docs/developer-guide/
# index-developer-guide.mdx:1-55 (shortened): the Maven dependency, then the engine's use.
SIDEBARS = (
    "module.exports = {\n\tdocs: [\n\t\t{ type: 'link', label: 'Home', href: '/' },\n"
    "\t\t{ type: 'category', label: 'Introduction', items: ['introduction/index-introduction',\n"
    "\t\t\t{ type: 'category', label: 'Modules', items: ['introduction/modules/engine'] }] },\n"
    "\t\t{ type: 'category', label: 'Developer guide', key: 'developer-guide',\n"
    "\t\t\titems: ['developer-guide/index-developer-guide', 'developer-guide/dag'] },\n\t],\n};\n")
DEVELOPER_GUIDE = (
    "---\nid: index-developer-guide\ntitle: Developer guide\nsidebar_label: Overview\n"
    "slug: /developer-guide\n---\n\nimport Card from '@theme/Card';\n\n"
    "### Import the Trevas engine\n\n```xml\n<dependency>\n    <groupId>fr.insee.trevas</groupId>\n"
    "    <artifactId>vtl-engine</artifactId>\n</dependency>\n```\n\n"
    "### Instantiate the Trevas engine\n\n```java\n// Start engine\nScriptEngine engine = "
    "new ScriptEngineManager().getEngineByName(\"vtl\");\nengine.eval(\"b := a + 1;\");\n```\n")
SITE = {
    **TREVAS,
    "docs/CONTRIBUTING.md": ("# Contributing\n\n## Installation\n\n```console\nyarn\n```\n\n"
                             "## Local Development\n\n```console\nyarn start\n```\n"),
    "docs/sidebars.js": SIDEBARS,
    "docs/docs/introduction/index-introduction.mdx": "# Introduction\n\nTrevas is a VTL engine.\n",
    "docs/docs/introduction/modules/engine.mdx": "# Engine\n\nThe engine module.\n",
    "docs/docs/developer-guide/index-developer-guide.mdx": DEVELOPER_GUIDE,
    "docs/docs/developer-guide/dag.mdx": "# DAG\n\n```shell\nnpm run dag\n```\n",
}


def _facts(files: dict[str, str], name: str = "InseeFr__Trevas",
           url: str | None = None) -> dict[str, t.Any]:
    repo = RepoInfo(name=name, full_name=name, url=url) if url else None
    return build_facts(snapshot_from_files({**CODE, **files}, name=name, repo=repo))


def test_the_sites_developer_guide_is_read_not_its_tooling_readme() -> None:
    facts = _facts(SITE)
    section = facts["community"]["readme"]
    page = "docs/docs/developer-guide/index-developer-guide.mdx"
    assert section["doc_site"] == "docs/"
    assert section["doc_site_pages"] == [page]
    assert page in section["followed"]
    # The site's tooling (how to serve the documentation) is neither read for it nor credited.
    assert "docs/README.md" not in section["followed"]
    assert "docs/README.md" not in section["sources"]
    assert "docs/CONTRIBUTING.md" not in section["sources"]
    # Other pages of the site (a DAG page that runs ``npm run dag``) are not candidates.
    assert "docs/docs/developer-guide/dag.mdx" not in section["followed"]
    status, message = _finding(facts, RULE)
    # The Maven dependency installs the library, the Java code under a heading naming it uses it
    # (audit freshN: InseeFr/Trevas).
    assert status is Status.PASS
    assert f"install and use the package is explained in README.md → {page}" in message
    # Code that is not shown to be the library's use: an honest review naming the page read,
    # never a fail.
    unused = DEVELOPER_GUIDE.replace("### Instantiate the Trevas engine", "### Some code")
    status, message = _finding(_facts({**SITE, page: unused}), RULE)
    assert status is Status.REVIEW
    assert f"the documentation site committed in docs/; civiscan read its pages on installing " \
           f"and using it ({page})" in message


def test_a_site_page_that_tells_both_passes_naming_the_page() -> None:
    page = "docs/docs/developer-guide/index-developer-guide.mdx"
    files = {**SITE, page: DEVELOPER_GUIDE + (
        "\n## Run locally\n\n```bash\nmvn clean install\njava -jar vtl-engine.jar\n```\n")}
    facts = _facts(files)
    status, message = _finding(facts, RULE)
    assert status is Status.PASS
    assert f"README.md → {page}" in message


def test_a_docs_folder_with_only_the_site_tooling_gives_no_credit() -> None:
    # The docs/ folder holds the Docusaurus project and its tooling README only: as before, the
    # site is said to be unread, its ``yarn start`` never credited.
    facts = _facts({**TREVAS, "docs/CONTRIBUTING.md": SITE["docs/CONTRIBUTING.md"]})
    section = facts["community"]["readme"]
    assert section["doc_site_pages"] == []
    assert not section["explains"]["run"] and not section["explains"]["install"]
    status, message = _finding(facts, RULE)
    assert status is Status.REVIEW
    assert "a site project of its own" in message


def test_a_link_to_an_external_site_is_unchanged() -> None:
    # openfisca/openfisca-france-indirect-taxation: the README sends readers to openfisca.org;
    # the repository's own MkDocs site (my-project/) is not what it links to.
    files = {
        "README.md": ("# OpenFisca France Indirect Taxation\n\nThis is the source code of the "
                      "France module indirect taxation module.\n\n## Installation\n\nPlease "
                      "consult https://openfisca.org/doc/installation/index.html if you want to "
                      "develop with OpenFisca on your computer.\n"),
        "my-project/mkdocs.yml": "site_name: x\nnav:\n  - Installation : Install.md\n",
        "my-project/docs/Install.md": "# Installation\n\n```\npip install x\nx run\n```\n",
    }
    section = _facts(files, name="openfisca__openfisca-france-indirect-taxation")[
        "community"]["readme"]
    assert section["doc_site_pages"] == []
    assert "my-project/docs/Install.md" not in section["followed"]


# CEREMA/apifoncier: README.md:10-18 (pip install, then the MkDocs site's address), mkdocs.yml
# nav (Quickstart > Installation, Usage) and docs/quickstart/usage.md:1-14 (shortened).
APIFONCIER = {
    "README.md": ("# apifoncier\n\nCe package est un client Python qui permet d'interroger "
                  "facilement les jeux de données foncières de l'API Données foncières du "
                  "Cerema.\n\n## Installation\n\n```bash\npip install apifoncier2\n```\n\n"
                  "## Documentation\n\nLa documentation complète est disponible sur "
                  "[https://cerema.github.io/apifoncier/](https://cerema.github.io/apifoncier/)\n"),
    "mkdocs.yml": ("site_name: apifoncier\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
                   "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
                   "nav:\n  - Description: index.md\n  - Quickstart:\n"
                   "    - Installation: quickstart/installation.md\n"
                   "    - Usage: quickstart/usage.md\n  - Endpoints ouverts:\n"
                   "    - DVF+ open-data: endpoints/dvf_opendata.md\n"),
    "docs/index.md": "# apifoncier\n\nClient Python pour l'API Données foncières.\n",
    "docs/quickstart/installation.md": "# Installation\n\n```bash\npip install apifoncier2\n```\n",
    "docs/quickstart/usage.md": (
        "# Usage\n\n## Initialisation du client\n\n```python\nfrom apifoncier.client import "
        "ApiFoncierClient\n\nconfig = {\n    \"api_key\": \"VOTRE_CLE_API\",\n}\n\n"
        "client = ApiFoncierClient(config)\n```\n\n## Exemple de requête\n\n```python\n"
        "# Endpoint ouvert\nresult = client.dvf_opendata.mutations(code_insee=\"59001\")\n```\n\n"
        "## Utilisation avec le contexte\n\n```python\nwith ApiFoncierClient(config) as client:\n"
        "    data = client.cartofriches.friches(code_insee=\"62001\")\n```\n"),
    "docs/endpoints/dvf_opendata.md": "# DVF+\n\n```python\nclient.dvf_opendata.mutations()\n```\n",
}


def test_an_mkdocs_sites_usage_page_is_read_by_its_nav() -> None:
    facts = _facts(APIFONCIER, name="CEREMA__apifoncier", url="https://github.com/CEREMA/apifoncier")
    section = facts["community"]["readme"]
    assert "docs/quickstart/usage.md" in section["followed"]
    assert "docs/endpoints/dvf_opendata.md" not in section["followed"]
    status, message = _finding(facts, RULE)
    assert status is Status.PASS
    assert "docs/quickstart/usage.md" in message


def test_which_pages_are_candidates() -> None:
    paths = set(SITE) | {"docs/docs/getting-started/index.md", "docs/docs/demarrer.md",
                         "docs/docs/guide-du-developpeur.md", "docs/docs/CHANGELOG.md",
                         "docs/node_modules/x/docs/install.md"}
    site = docsite.sites(paths)[0]
    assert site == docsite.Site("docs", "docs/docs", "docs/sidebars.js")
    found = docsite.candidates(site, paths)
    assert "docs/docs/developer-guide/index-developer-guide.mdx" in found
    assert "docs/docs/getting-started/index.md" in found
    assert "docs/docs/demarrer.md" in found
    # Negatives: a page about something else in a setup folder, a changelog, vendored pages.
    assert "docs/docs/developer-guide/dag.mdx" not in found
    assert "docs/docs/CHANGELOG.md" not in found
    assert not any("node_modules" in p for p in found)
    assert not docsite.says_setup("docs/docs/user-guide/runtime.md")


def test_navigation_orders_and_labels() -> None:
    site = docsite.Site("", "docs", "mkdocs.yml")
    nav = docsite.navigation(site, APIFONCIER["mkdocs.yml"], set(APIFONCIER))
    assert nav[:3] == [("docs/index.md", "Description"),
                       ("docs/quickstart/installation.md", "Quickstart Installation"),
                       ("docs/quickstart/usage.md", "Quickstart Usage")]
    # France-Travail/happy_vllm mkdocs.yml: the home page's label says it is the quickstart.
    happy = {"mkdocs.yml": "nav:\n  - Home:\n    - Quickstart and installation: index.md\n"
                           "    - Arguments: arguments.md\n",
             "docs/index.md": "", "docs/arguments.md": "", "docs/usage-stats.md": ""}
    pages = docsite.setup_pages(site, set(happy), happy["mkdocs.yml"])
    # Both say so (one by its label, one by its name): the navigation's order decides.
    assert pages == ["docs/index.md", "docs/usage-stats.md"]
    assert "docs/arguments.md" not in pages
    docusaurus = docsite.Site("docs", "docs/docs", "docs/sidebars.js")
    order = docsite.navigation(docusaurus, SIDEBARS, set(SITE))
    assert ("docs/docs/developer-guide/index-developer-guide.mdx", "Developer guide") in order
    # A custom docs_dir moves the pages.
    assert docsite.docs_dir(site, "docs_dir: site_src\n").pages == "site_src"


def test_a_link_to_the_repository_root_is_no_site() -> None:
    # gip-inclusion/data-inclusion-schema: mkdocs.yml at the root; a link that resolves to the
    # root (an issue tracker of the repository, say) is no link to the site.
    found = docsite.sites({"mkdocs.yml", "docs/index.md"})
    assert docsite.site_of("", found) is None
    assert docsite.site_of("docs", found) == found[0]
    assert docsite.site_of("docs/index.md", found) == found[0]
    assert docsite.site_of("README.md", found) is None
