"""api-description-published (issue 9, audit freshO1): a Java ``api`` package of service
interfaces is no HTTP API code, and JAX-RS resources are found by their content and named
(``file:line``). Cases are cut from StrasbourgEurometropole/Strasbourg-Next (Liferay/OSGi), with
the cases that must not match beside them."""

from __future__ import annotations

import typing as t

from scanner.apispecs import apicode
from scanner.apispecs.exposure import path_evidence
from scanner.engine.evaluate import evaluate
from scanner.engine.loader import load_ruleset
from scanner.facts import build_facts, wanted_paths
from scanner.snapshot import Snapshot
from scanner.sources.memory import snapshot_from_files
from tests.support import spy_reads

RULES = load_ruleset()

# modules/utils/src/main/java/eu/strasbourg/utils/api/DateHelperService.java (shortened).
UTILS = "modules/utils/src/main/java/eu/strasbourg/utils/api"
DATE_HELPER = """package eu.strasbourg.utils.api;

import java.util.Date;

public interface DateHelperService {

    /**
     * Transforme un String en Date
     */
    public Date convertStringToDate(String date, String format);
}
"""
# modules/office-exporter/.../exporter/api/EventsXlsxExporter.java (shortened).
EXPORTER = "modules/office-exporter/src/main/java/eu/strasbourg/service/office/exporter/api"
EVENTS_EXPORTER = """package eu.strasbourg.service.office.exporter.api;

import java.io.OutputStream;

public interface EventsXlsxExporter {
    public void exportEvents(OutputStream stream, List<Event> events);
}
"""
# modules/csmap/csmap-webservices/.../application/PlaceApplication.java:40-84 (shortened).
WS = "modules/csmap/csmap-webservices/src/main/java/eu/strasbourg/webservice/csmap/application"
PLACE_APPLICATION = """package eu.strasbourg.webservice.csmap.application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.JaxrsWhiteboardConstants;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Application;
import javax.ws.rs.core.Response;

@Component(
        property = {
                JaxrsWhiteboardConstants.JAX_RS_APPLICATION_BASE + "=" + WSConstants.APP_PLACE_BASE,
        },
        service = Application.class
)
public class PlaceApplication extends Application {

    @GET
    @Produces("application/json")
    @Path("/get-places")
    public Response getPlaces() {
        return getPlaces("0");
    }
}
"""
PLACE_PATH_LINE = 22


def _evidence(files: dict[str, str]) -> list[dict[str, t.Any]]:
    return path_evidence(files, files.get)


def test_an_interface_only_api_package_is_no_api_code() -> None:
    files = {f"{UTILS}/DateHelperService.java": DATE_HELPER,
             f"{UTILS}/GroupHelperService.java": DATE_HELPER.replace("DateHelper", "GroupHelper"),
             f"{EXPORTER}/EventsXlsxExporter.java": EVENTS_EXPORTER}
    evidence = _evidence(files)
    assert [e["strength"] for e in evidence] == ["none", "none"]
    utils = next(e for e in evidence if e["path"] == UTILS)
    assert utils["detail"] == (
        f"{UTILS}/ holds only Java/Kotlin code with no HTTP annotation (a service API in the Java "
        f"sense) ({UTILS}/DateHelperService.java, {UTILS}/GroupHelperService.java), no API code")
    assert "sans annotation HTTP (une API de service au sens Java)" in utils["detail_fr"]
    # A Java library with only such a package: nothing says it serves an API.
    finding = evaluate(RULES.get("api-description-published"),  # type: ignore[arg-type]
                       build_facts(snapshot_from_files({"pom.xml": "<project/>", **files})))
    assert finding.status == "not_applicable"


def test_jaxrs_resources_are_found_by_content_and_named_with_their_line() -> None:
    files = {f"{UTILS}/DateHelperService.java": DATE_HELPER, f"{WS}/PlaceApplication.java":
             PLACE_APPLICATION}
    (found,) = [e for e in _evidence(files) if e["kind"] == "controllers"]
    assert found["strength"] == "weak"
    assert f"e.g. {WS}/PlaceApplication.java:{PLACE_PATH_LINE} (JAX-RS)" in found["detail"]
    assert f"par ex. {WS}/PlaceApplication.java:{PLACE_PATH_LINE} (JAX-RS)" in found["detail_fr"]
    assert PLACE_APPLICATION.splitlines()[PLACE_PATH_LINE - 1].strip() == '@Path("/get-places")'
    finding = evaluate(RULES.get("api-description-published"),  # type: ignore[arg-type]
                       build_facts(snapshot_from_files(files)))
    assert finding.status == "review"
    assert f"{WS}/PlaceApplication.java:{PLACE_PATH_LINE}" in finding.texts["en"]["message"]
    assert f"API code folder {UTILS}/" not in finding.texts["en"]["message"]
    # Only the files the collector asked for are read.
    snapshot: Snapshot = snapshot_from_files(files)
    seen = spy_reads(snapshot)
    build_facts(snapshot)
    assert seen - wanted_paths(snapshot.files) == set()


def test_jaxrs_signs_each_count() -> None:
    # A JAX-RS application class (@ApplicationPath, or extending ws.rs.core.Application).
    app = 'import jakarta.ws.rs.ApplicationPath;\n\n@ApplicationPath("/api")\npublic class A {}\n'
    assert apicode.serving_at(app) == (3, "JAX-RS")
    bare = "import javax.ws.rs.core.Application;\npublic class App extends Application {}\n"
    assert apicode.serving_at(bare) == (2, "JAX-RS")
    # @Path with a javax.ws.rs import but the method annotation elsewhere (class-level @Path).
    assert apicode.serving_at('import javax.ws.rs.*;\n@Path("/x")\nclass R {}\n') == (2, "JAX-RS")


def test_a_spring_rest_controller_is_still_found() -> None:
    # InseeFr/Bauhaus-Back-Office .../webservice/ThemeResources.java (shortened).
    spring = ('package x;\n\n@RestController\n@RequestMapping("/themes")\npublic class '
              'ThemeResources {\n  @GetMapping\n  public List<Theme> all() {}\n}\n')
    files = {"src/main/java/x/webservice/ThemeResources.java": spring}
    (found,) = [e for e in _evidence(files) if e["kind"] == "controllers"]
    assert "src/main/java/x/webservice/ThemeResources.java:3 (Spring)" in found["detail"]
    # In an api/ package, the same controller keeps the folder as API code.
    files = {"src/main/java/x/api/ThemeController.java": spring,
             "src/main/java/x/api/ThemeDto.java": "public record ThemeDto(String id) {}\n"}
    kinds = {e["kind"]: e["strength"] for e in _evidence(files)}
    assert kinds == {"path": "weak", "controllers": "weak"}


def test_path_in_tests_comments_or_clients_is_nothing() -> None:
    commented = PLACE_APPLICATION.replace('    @Path("/get-places")', '    // @Path("/get-places")'
                                          ).replace("    @GET", "    // @GET").replace(
        "import javax.ws.rs", "// import javax.ws.rs").replace(" extends Application", "")
    files = {f"{WS}/PlaceApplication.java": commented,
             "modules/x/src/test/java/x/PlaceResource.java": PLACE_APPLICATION,
             f"{WS}/PlaceApplicationTest.java": PLACE_APPLICATION}
    assert _evidence(files) == []
    # A MicroProfile REST client is a JAX-RS interface calling another service.
    client = ('import javax.ws.rs.*;\n@RegisterRestClient\n@Path("/siren")\npublic interface '
              'SireneResource {\n  @GET\n  Siren get();\n}\n')
    assert apicode.serving_at(client) is None
    files = {"src/main/java/x/api/SireneResource.java": client}
    assert [e["strength"] for e in _evidence(files)] == ["none"]
