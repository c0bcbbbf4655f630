"""A capped read of an ``api/`` folder reads its endpoint files first, and names only calling
files as calling (MTES-MCT/trackdechets-vigiedechets ``src/api/``: 8 code files, whose first 6
in name order left out ``urls.py`` and ``views.py`` and called ``__init__.py`` and ``apps.py``
"code calling other services' APIs")."""

from __future__ import annotations

from scanner.apispecs import apicode
from scanner.apispecs.exposure import path_evidence

# MTES-MCT/trackdechets-vigiedechets src/api/ (apps.py:1-6, models.py:1, task.py:1-4,36-44,
# urls.py:1-9, views.py:7-29), shortened.
APPS = """from django.apps import AppConfig


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
"""
MODELS = "# Create your models here.\n"
SERIALIZERS = """from rest_framework import serializers
from sheets.models import ComputedInspectionData


class ComputedInspectionDataSerializer(serializers.ModelSerializer):
    state = serializers.SerializerMethodField()
"""
TASK = """import logging

import httpx
from django.conf import settings


@app.task(bind=True, default_retry_delay=3, max_retries=5)
def send_webhook(self, computed_pk):
    client = httpx.Client(timeout=10)
    resp = client.post(
        url=settings.TD_WEBHOOK_URL,
        headers={"Authorization": f"Token {settings.TD_WEBHOOK_TOKEN}"},
    )
"""
URLS = """from django.urls import path

from .views import ApilSheetDetail, ApiSheetCreate, ApiSheetPdfRetrieve

urlpatterns = [
    path("create/", ApiSheetCreate.as_view(), name="api_sheet_create"),
    path("sheet/<uuid:pk>", ApilSheetDetail.as_view(), name="api_sheet_detail"),
]
"""
VIEWS = """from rest_framework.generics import CreateAPIView, RetrieveAPIView
from rest_framework.permissions import IsAuthenticated


class ApiSheetCreate(ApiOnlyUserMixin, CreateAPIView):
    serializer_class = ComputedInspectionDataCreateSerializer
"""


def _vigiedechets() -> dict[str, str]:
    return {"src/api/__init__.py": "", "src/api/apps.py": APPS,
            "src/api/migrations/__init__.py": "", "src/api/models.py": MODELS,
            "src/api/serializers.py": SERIALIZERS, "src/api/task.py": TASK,
            "src/api/urls.py": URLS, "src/api/views.py": VIEWS,
            "src/api/tests/__init__.py": "", "src/api/tests/test_views.py": "def test_x(): pass\n"}


def _evidence(files: dict[str, str]) -> list[dict[str, object]]:
    return path_evidence(sorted(files), files.get)


def test_endpoint_files_are_read_first_and_boilerplate_last() -> None:
    kept, _ = apicode.by_name("src/api", sorted(_vigiedechets()))
    read = apicode.to_read(kept)
    assert read[:2] == ["src/api/urls.py", "src/api/views.py"]
    assert read[2] == "src/api/task.py" and "src/api/models.py" not in read
    assert apicode.to_read(["api/z/__init__.py", "api/y/handlers.go", "api/a/models.go",
                            "api/b/util.go"])[:2] == ["api/y/handlers.go", "api/b/util.go"]


def test_django_views_and_urls_make_the_folder_api_code() -> None:
    (folder,) = _evidence(_vigiedechets())
    assert folder["strength"] == "weak" and folder["detail"] == "API code folder src/api/"
    assert folder["detail_fr"] == "dossier de code d'API src/api/"


def test_only_calling_files_are_named_as_calling() -> None:
    # The same app without its views and urls: a webhook sender, and files that call nothing.
    files = {p: text for p, text in _vigiedechets().items()
             if not p.endswith(("views.py", "urls.py"))}
    (folder,) = _evidence(files)
    assert folder["strength"] == "none"
    detail, detail_fr = str(folder["detail"]), str(folder["detail_fr"])
    assert "code calling other services' APIs or empty files or configuration or models that " \
           "neither serve nor call an API (src/api/task.py, src/api/__init__.py" in detail
    assert "src/api/apps.py" not in detail.split(" or empty files")[0]
    assert "du code qui appelle les API d'autres services ou des fichiers vides ou de la " \
           "configuration ou des modèles qui ne servent ni n'appellent d'API" in detail_fr


def test_a_front_end_client_folder_keeps_its_wording() -> None:
    # datagouv/geo.api.gouv.fr lib/api/geo.js builds URLs of https://geo.api.gouv.fr.
    files = {"lib/api/geo.js": 'export const communes = q => fetch(`https://geo.api.gouv.fr/'
                               'communes?nom=${q}`)\n',
             "lib/api/adresse.js": 'import axios from "axios"\nexport const search = q => '
                                   'axios.get("https://api-adresse.data.gouv.fr/search", q)\n'}
    (folder,) = _evidence(files)
    assert folder["strength"] == "none"
    assert folder["detail"] == ("lib/api/ holds only code calling other services' APIs "
                                "(lib/api/adresse.js, lib/api/geo.js), no API code")
    assert folder["detail_fr"] == ("lib/api/ ne contient que du code qui appelle les API "
                                   "d'autres services (lib/api/adresse.js, lib/api/geo.js), "
                                   "pas de code d'API")


def test_each_read_file_is_named_for_what_it_holds() -> None:
    files = {p: text for p, text in _vigiedechets().items()
             if not p.endswith(("views.py", "urls.py"))}
    kept, _ = apicode.by_name("src/api", sorted(files))
    aside = apicode.classify("src/api", sorted(files), apicode.to_read(kept), files.get)
    assert aside is not None
    assert aside["outbound"] == ["src/api/task.py"]
    assert "src/api/apps.py" in aside["inert"] and "src/api/__init__.py" in aside["empty"]
    # Code that is no boilerplate stays with the calling code it serves: datagouv/datagouv_client
    # datagouv/api/topic.py:98 « r = self._client.session.post(f"{self._client.base_url}/api/2/ »
    # calls through a client, with no URL of its own.
    files = {"datagouv/api/__init__.py": "", "datagouv/api/client.py": 'import requests\n'
             'class Client:\n    base_url = "https://www.data.gouv.fr"\n',
             "datagouv/api/dataset.py": "import requests\nr = requests.get(url)\n",
             "datagouv/api/topic.py": "r = self._client.session.post(f'{self._client.base_url}')\n"}
    kept, _ = apicode.by_name("datagouv/api", sorted(files))
    aside = apicode.classify("datagouv/api", sorted(files), apicode.to_read(kept), files.get)
    assert aside is not None
    assert aside["outbound"] == ["datagouv/api/dataset.py", "datagouv/api/topic.py"]
    assert aside["client"] == ["datagouv/api/client.py"]
