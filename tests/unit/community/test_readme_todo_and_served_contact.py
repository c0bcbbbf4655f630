"""A TODO left in one subsection of a written README is a note, and a missing part stays a fail;
a security.txt a Django view serves from a setting is followed into the settings module."""

from __future__ import annotations

import typing as t

from scanner import placeholders
from scanner.community import security
from scanner.community.markup import parse
from scanner.engine.evaluate import Status
from scanner.facts import build_facts
from scanner.sources.memory import snapshot_from_files
from tests.unit.community.test_readme_routes import _finding as _status

CODE = {"app.py": "print('demo')\n"}

# gip-inclusion/nexus README.md:1-56, shortened: "*TODO*" alone under "### 3. Standards" in a
# "## Développement" whose other steps are written.
NEXUS = ("# Nexus\n\nNexus est une application web qui a pour but de centraliser la gestion des "
         "structures de l'insertion concernées par tous les autres produits de la Plateforme de "
         "l'inclusion.\n\n## Développement\n\n### 1. Prérequis\n\n**1/** Les programmes suivants "
         "doivent être installés, configurés et opérationnels sur votre poste : \n* Git\n"
         "* Node.js / npm \n\n### 2. Installation de l'environnement local\n\n```\n"
         "git clone git@github.com:gip-inclusion/nexus.git\ncd nexus\nnpm install\n"
         "cp .env.example .env\nnpm run dev\n```\n\n### 3. Standards, bonnes pratiques et règles "
         "d'usage \n\n*TODO*\n\n## Infogérance\n\n### Déploiement\n\n```\nscalingo deploy\n```\n\n"
         "## Architecture\n\nDans un premier temps, l'architecture est constituée d'un document "
         "Grist qui sert de base de données et d'une application web front-end Sveltekit.\n")


def _facts(files: dict[str, str]) -> dict[str, t.Any]:
    return build_facts(snapshot_from_files({**CODE, **files}))



def _found(text: str) -> list[object]:
    return [f["line"] for f in placeholders.find(parse(text, "README.md"), "README.md")]


def test_a_todo_in_one_subsection_of_a_written_part_is_a_note() -> None:  # gip-inclusion/nexus
    assert _found(NEXUS) == []
    assert _found(NEXUS.replace("*TODO*", "TODO")) == []  # bare or emphasised alike
    # Still placeholders: a whole part left with markers, a section alone under the title, an
    # instruction to write, a value left unset.
    empty_part = "# S\n\nThe service.\n\n## Usage\n\n### Install\n\nTODO\n\n### Run\n\n*TODO*\n"
    assert _found(empty_part) == [9, 13]
    assert _found("# S\n\nThe service.\n\n## Installation\n\nTODO\n\n## Run\n\nmake run\n") == [7]
    assert _found(NEXUS.replace("*TODO*", "TODO: décrire les règles d'usage")) == [25]
    assert _found(NEXUS.replace("*TODO*", "Linter : TODO")) == [25]


def test_missing_parts_fail_even_beside_a_placeholder() -> None:  # gip-inclusion/nexus
    facts = _facts({"README.md": NEXUS})
    assert facts["community"]["readme"]["placeholders"] == []
    assert _status(facts, "readme-present")[0] is Status.PASS
    status, message = _status(facts, "readme-sections-present")
    assert status is Status.FAIL and "licence: no" in message and "draft" not in message
    # A real placeholder too: still a fail, naming the missing parts and the placeholder.
    draft = NEXUS.replace("*TODO*", "TODO: décrire les règles d'usage")
    facts = _facts({"README.md": draft})
    assert _status(facts, "readme-present")[0] is Status.REVIEW
    status, message = _status(facts, "readme-sections-present")
    assert status is Status.FAIL
    assert "licence: no" in message and "README.md:25: TODO" in message


# betagouv/csplab: src/web/config/urls.py:21, presentation/pages/views.py:91-96,
# config/settings/base.py:210.
URLS = ("from django.urls import include, path\n\nfrom presentation.pages import urls as pages_urls\n"
        "from presentation.pages.views import security_txt\n\nurlpatterns = [\n"
        "    path(\".well-known/security.txt\", security_txt),\n"
        "    path(\"\", include(pages_urls)),\n]\n")
VIEWS = ("from django.conf import settings\nfrom django.http import HttpResponse\n\n\n"
         "def home(request):\n    return HttpResponse(\"Contact: nobody@example.org\")\n\n\n"
         "def security_txt(request):\n    content = (\n"
         "        f\"Contact: mailto:{settings.SECURITY_CONTACT_EMAIL}\\n\"\n"
         "        \"Preferred-Languages: fr, en\\n\"\n    )\n"
         "    return HttpResponse(content, content_type=\"text/plain; charset=utf-8\")\n")
SETTINGS = ("DEBUG = False\n\n# Default primary key field type\n"
            "DEFAULT_AUTO_FIELD = \"django.db.models.BigAutoField\"\n\n"
            "SECURITY_CONTACT_EMAIL = \"ops.csplab@beta.gouv.fr\"\n")
CSPLAB = {"src/web/config/urls.py": URLS, "src/web/presentation/pages/views.py": VIEWS,
          "src/web/presentation/api/views.py": "def schema(request):\n    return None\n",
          "src/web/config/settings/base.py": SETTINGS,
          "src/web/config/settings/dev.py": "from .base import *  # noqa\n"}


def test_a_contact_served_from_a_setting_is_found() -> None:  # betagouv/csplab
    section = _facts(CSPLAB)["community"]["security_policy"]
    assert section["security_txt_served"] == [{
        "path": "src/web/presentation/pages/views.py", "line": 11,
        "setting": "SECURITY_CONTACT_EMAIL", "contact": "ops.csplab@beta.gouv.fr",
        "written": {"path": "src/web/config/settings/base.py", "line": 6},
        "where": "src/web/config/settings/base.py:6"}]
    assert section["private_channel"] is True
    facts = _facts(CSPLAB)
    status, message = _status(facts, "security-policy-private-channel")
    assert status is Status.PASS and "src/web/config/settings/base.py:6" in message
    assert "ops.csplab@beta.gouv.fr" in message
    status, message = _status(facts, "security-policy-present")
    assert status is Status.REVIEW and "with the contact ops.csplab@beta.gouv.fr" in message
    # Concatenated, or written in the view itself: read the same way.
    concatenated = VIEWS.replace("f\"Contact: mailto:{settings.SECURITY_CONTACT_EMAIL}\\n\"",
                                 "\"Contact: mailto:\" + settings.SECURITY_CONTACT_EMAIL")
    assert [s.setting for s in security.view_contacts(concatenated, "security_txt")] == [
        "SECURITY_CONTACT_EMAIL"]
    written = VIEWS.replace("{settings.SECURITY_CONTACT_EMAIL}", "securite@example.gouv.fr")
    section = _facts({**CSPLAB, "src/web/presentation/pages/views.py": written})[
        "community"]["security_policy"]
    assert section["contacts"] == ["securite@example.gouv.fr"]


def test_a_contact_not_written_in_the_code_stays_unknown() -> None:
    """A setting read from the environment, or a view that is not the route's, gives no
    contact: the route's review says civiscan did not find it, private-channel is N/A."""
    from_env = SETTINGS.replace("\"ops.csplab@beta.gouv.fr\"",
                                "os.environ.get(\"SECURITY_CONTACT_EMAIL\")")
    for files in ({**CSPLAB, "src/web/config/settings/base.py": from_env},
                  {**CSPLAB, "src/web/presentation/pages/views.py":
                   VIEWS.replace("def security_txt", "def other_view")}):
        facts = _facts(files)
        section = facts["community"]["security_policy"]
        assert section["private_channel"] is None and section["contacts"] == []
        assert _status(facts, "security-policy-private-channel")[0] is Status.NOT_APPLICABLE
        status, message = _status(facts, "security-policy-present")
        assert status is Status.REVIEW and "did not find its contact" in message
    # home()'s "Contact:" is not the route's view: never taken for it.
    assert security.view_contacts(VIEWS, "home") == [security.Served(6, "nobody@example.org", None)]
    assert security.setting_value("X = 1\nSECURITY_CONTACT_EMAIL = env('A')\n",
                                  "SECURITY_CONTACT_EMAIL") is None
