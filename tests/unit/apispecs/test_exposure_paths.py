"""Name-only evidence: an api/ folder is a sign of an API only when it holds code."""

from __future__ import annotations

from scanner.apispecs.exposure import path_evidence, routes_evidence
from scanner.collectors.api_specs import ApiSpecsCollector
from scanner.sources.memory import snapshot_from_files


def test_api_folder_with_code_is_weak_evidence() -> None:
    (item,) = path_evidence(["src/api/routes.ts", "src/api/handlers.ts"])
    assert item["path"] == "src/api" and item["strength"] == "weak"


def test_api_folder_holding_only_data_is_not_evidence() -> None:
    assert path_evidence(["rules/api/api-descriptions-valid.yaml", "docs/api/index.md"]) == []


def test_kubernetes_api_types_are_not_a_web_api() -> None:
    # kubernetes/sample-controller and kubebuilder layouts: custom resource types
    assert path_evidence([
        "pkg/apis/samplecontroller/register.go",
        "pkg/apis/samplecontroller/v1alpha1/doc.go",
        "pkg/apis/samplecontroller/v1alpha1/register.go",
        "pkg/apis/samplecontroller/v1alpha1/types.go",
        "pkg/apis/samplecontroller/v1alpha1/zz_generated.deepcopy.go",
        "api/v1alpha1/cronjob_types.go", "api/v1alpha1/groupversion_info.go",
        "api/v1alpha1/zz_generated.deepcopy.go"]) == []
    (item,) = path_evidence(["api/v1/handlers.go", "pkg/apis/samplecontroller/v1/types.go"])
    assert item["path"] == "api"  # a Go web API's own api/v1 handlers still count


# The layout of Play's application template (its conf/routes header), with JSON API routes.
PLAY_ROUTES = """# Routes
# This file defines all application routes (Higher priority routes first)
# https://www.playframework.com/documentation/latest/ScalaRouting
# ~~~~

# An example controller showing a sample home page
GET     /                           controllers.HomeController.index()

GET     /api/v1/dossiers            controllers.DossierController.list()
POST    /api/v1/dossiers            controllers.DossierController.create()
GET\t    /api/v1/dossiers/:id        controllers.DossierController.show(id: Long)

# Map static resources from the /public folder to the /assets URL path
GET     /assets/*file               controllers.Assets.versioned(path="/public", file: Asset)
"""


def test_play_routes_serving_api_paths_are_exposure_without_a_description() -> None:
    snapshot = snapshot_from_files({"conf/routes": PLAY_ROUTES, "build.sbt": 'name := "x"\n'},
                                   listing=["app/controllers/DossierController.java"])
    assert "conf/routes" in ApiSpecsCollector().wanted(snapshot.paths(), snapshot.files)
    api = ApiSpecsCollector().collect(snapshot, {})["api"]
    assert api["exposes"] is True and api["confidence"] == "high"
    (routes,) = [e for e in api["evidence"] if e["kind"] == "routes"]
    assert routes["detail"] == "3 API route(s) in conf/routes (e.g. GET /api/v1/dossiers)"


def test_play_routes_serving_pages_only_are_no_evidence() -> None:
    pages = "\n".join(line for line in PLAY_ROUTES.splitlines() if "/api/" not in line)
    assert routes_evidence("conf/routes", pages) == []
