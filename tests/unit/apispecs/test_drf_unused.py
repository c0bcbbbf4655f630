"""Django REST framework listed in a manifest is a strong sign of an API only when the Django
project uses it (issue 9): ``rest_framework`` in ``INSTALLED_APPS``, or a view, serializer or
router importing it. Declared and used by nothing, it is an indirect sign (a review), and an
``api/`` folder of empty files is no API code. Fixtures are the real files, shortened."""

from __future__ import annotations

import typing as t

from scanner.apispecs import apicode, served
from scanner.engine.loader import load_ruleset
from scanner.run import ScanOptions, scan_snapshot
from scanner.sources.memory import snapshot_from_files
from tests.support import api_facts

# gip-inclusion/api-relay-cnav pyproject.toml:5-14 (a few dependencies).
RELAY_PYPROJECT = """[project]
name = "api-relay-cnav"
dynamic = ["version"]
requires-python = ">=3.14"
dependencies = [
    "django-environ>=0.14",
    "django==6.0.*",
    "djangorestframework>=3.17",
    "httpx>=0.28",
]
"""
# gip-inclusion/api-relay-cnav api_relay_cnav/settings.py:49-58.
RELAY_SETTINGS = """INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
if ENVIRONMENT is Environment.DEV:
    INSTALLED_APPS.append("debug_toolbar")

ROOT_URLCONF = "api_relay_cnav.urls"
"""
# gip-inclusion/api-relay-cnav api_relay_cnav/urls.py (whole file).
RELAY_URLS = """from django.contrib import admin
from django.urls import path


urlpatterns = [
    path("admin/", admin.site.urls),
]
"""
MANAGE = """import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "api_relay_cnav.settings")
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)
"""
# MTES-MCT/aigle-api aigle/settings/base.py:51 and core/views/user_action_log.py:1-2,22.
AIGLE_APPS = """INSTALLED_APPS = [
    "django.contrib.auth",
    "rest_framework",
    "rest_framework_gis",
]
"""
AIGLE_VIEW = """from django_filters import FilterSet, CharFilter, DateTimeFilter, UUIDFilter
from rest_framework.viewsets import ReadOnlyModelViewSet


class UserActionLogViewSet(ReadOnlyModelViewSet):
    pass
"""
# MTES-MCT/aigle-api core/urls.py:34-41.
AIGLE_URLS = """from rest_framework.routers import DefaultRouter

router = DefaultRouter()
router.register("users", UserViewSet, basename="UserViewSet")
"""


def _relay(**extra: str) -> dict[str, str]:
    return {"pyproject.toml": RELAY_PYPROJECT, "manage.py": MANAGE,
            "api_relay_cnav/__init__.py": "", "api_relay_cnav/settings.py": RELAY_SETTINGS,
            "api_relay_cnav/urls.py": RELAY_URLS, "api_relay_cnav/api/__init__.py": "",
            **extra}


def _finding(files: dict[str, str], language: str = "en") -> dict[str, t.Any]:
    card = scan_snapshot(snapshot_from_files(files, name="repo"),
                         ScanOptions(targets=[], ruleset=load_ruleset([]), language=language))
    return next(f for f in card["findings"] if f["rule"] == "api-description-published")


def _drf(api: dict[str, t.Any]) -> dict[str, t.Any]:
    (drf,) = [f for f in api["frameworks"] if f["name"] == "Django REST framework"]
    return drf


def test_drf_declared_and_used_by_nothing_is_a_review_saying_so() -> None:
    api = api_facts(_relay())
    assert _drf(api)["no_server"]["reason"] == "unused"
    assert (api["exposes"], api["confidence"]) == (True, "low")
    finding = _finding(_relay())
    assert finding["status"] == "review"
    assert "appears to expose an API" not in finding["message"]
    assert ("Django REST framework (pyproject.toml), listed, but used by no view or route "
            "civiscan read: no rest_framework in INSTALLED_APPS") in finding["message"]


def test_drf_declared_and_used_by_nothing_in_french() -> None:
    finding = _finding(_relay(), "fr")
    assert finding["status"] == "review"
    assert ("listé, mais n'est utilisé par aucune vue ni route lue par civiscan : ni "
            "rest_framework dans INSTALLED_APPS") in finding["message"]


def test_an_api_folder_of_empty_files_is_no_api_code() -> None:
    api = api_facts(_relay())
    (folder,) = [e for e in api["evidence"] if e["kind"] == "path"]
    assert folder["strength"] == "none"
    assert folder["detail"] == ("api_relay_cnav/api/ holds only empty files "
                                "(api_relay_cnav/api/__init__.py), no API code")
    assert "des fichiers vides" in folder["detail_fr"]


def test_an_api_folder_with_code_keeps_its_weak_sign() -> None:
    # A near miss: a views module beside the empty __init__.py.
    views = "def relay(request):\n    return HttpResponse(call_cnav(request))\n"
    assert apicode.classify("api", ["api/__init__.py", "api/views.py"],
                            ["api/__init__.py", "api/views.py"],
                            {"api/__init__.py": "", "api/views.py": views}.get) is None


def test_a_comment_naming_rest_framework_is_no_use() -> None:
    settings = RELAY_SETTINGS.replace("]\nif", '    # "rest_framework",\n]\nif')
    api = api_facts(_relay(**{"api_relay_cnav/settings.py": settings}))
    assert _drf(api)["no_server"]["reason"] == "unused"


def test_drf_in_installed_apps_keeps_its_strong_sign() -> None:
    files = _relay(**{"api_relay_cnav/settings.py": AIGLE_APPS + RELAY_SETTINGS})
    api = api_facts(files)
    assert "no_server" not in _drf(api)
    assert (api["exposes"], api["confidence"]) == (True, "high")
    assert _finding(files)["status"] == "fail"


def test_drf_viewsets_and_router_keep_their_strong_sign() -> None:
    # Not in INSTALLED_APPS, but a view and the router import it: the API is served.
    files = _relay(**{"api_relay_cnav/api/views.py": AIGLE_VIEW,
                      "api_relay_cnav/urls.py": AIGLE_URLS})
    api = api_facts(files)
    assert "no_server" not in _drf(api)
    assert _finding(files)["status"] == "fail"


def test_more_files_than_read_is_unsure() -> None:
    files = _relay(**{f"api_relay_cnav/app{i}/models.py": "x = 1\n" for i in range(30)})
    assert _drf(api_facts(files))["no_server"]["reason"] == "unsure"
    assert _finding(files)["status"] == "review"


def test_drf_with_no_django_project_is_not_judged() -> None:
    # No settings module or manage.py: nothing to read, the dependency counts as before.
    assert served.status("Django REST framework", ["pyproject.toml", "relay/views.py"],
                         {"relay/views.py": ""}.get) is None


def test_fastapi_and_flask_keep_their_signs() -> None:
    fastapi = {"pyproject.toml": RELAY_PYPROJECT.replace("djangorestframework", "fastapi"),
               "app/main.py": "from fastapi import FastAPI\napp = FastAPI()\n"}
    assert _finding(fastapi)["status"] == "pass"  # FastAPI generates its description
    flask = {"requirements.txt": "flask==3.0\n",
             "app/api/routes.py": "@bp.route('/users')\ndef users():\n    return jsonify([])\n"}
    api = api_facts(flask)
    assert [e["strength"] for e in api["evidence"] if e["kind"] == "path"] == ["weak"]
    assert _finding(flask)["status"] == "review"


def test_settings_are_read_before_views_of_a_bigger_project() -> None:
    # MTES-MCT/aigle-api installs it in aigle/settings/base.py, deeper than its apps' views.
    apps = {f"app{i}/views.py": "def page(request):\n    return render(request)\n"
            for i in range(12)}
    files = _relay(**apps, **{"api_relay_cnav/settings/base.py": AIGLE_APPS})
    del files["api_relay_cnav/settings.py"]
    assert "no_server" not in _drf(api_facts(files))
