"""References to other files: resolved inside the repository, never outside it, never fetched."""

from __future__ import annotations

import socket
import typing as t
from pathlib import Path

import pytest

from scanner.apispecs.refs import FolderFiles
from scanner.apispecs.validate import validate_document
from scanner.collectors.api_specs import ApiSpecsCollector
from scanner.snapshot import Snapshot
from scanner.sources.memory import snapshot_from_files
from tests.support import spy_reads

# Cut down from APIs-guru/openapi-directory APIs/azure.com/network-applicationGateway/2017-08-01/
# swagger.yaml: Azure's descriptions point at sibling files that the directory does not carry.
AZURE = """swagger: '2.0'
info:
  title: NetworkManagementClient
  version: '2017-08-01'
paths: {}
definitions:
  ApplicationGatewayBackendAddressPoolPropertiesFormat:
    properties:
      backendIPConfigurations:
        description: Collection of references to IPs defined in network interfaces.
        items:
          $ref: './networkInterface.json#/definitions/NetworkInterfaceIPConfiguration'
        type: array
"""

MULTI_ROOT = """openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    $ref: 'paths/pets.yaml'
components:
  schemas:
    Pet:
      $ref: 'schemas/pet.yaml#/Pet'
    Error:
      $ref: './schemas/common.yaml#/components/schemas/Error'
"""


def _collect(files: dict[str, str], listing: list[str] | None = None,
             truncated: bool = False) -> tuple[dict[str, t.Any], set[str]]:
    snapshot = snapshot_from_files(files, listing=listing)
    snapshot.truncated = truncated
    reads = spy_reads(snapshot)
    fragment = ApiSpecsCollector().collect(snapshot, {})
    (spec,) = [s for s in fragment["api_specs"] if s["path"].endswith(("swagger.yaml",
                                                                       "openapi.yaml"))]
    assert reads <= set(ApiSpecsCollector().wanted(snapshot.paths(), snapshot.files))
    return spec, reads


def test_real_reference_to_a_missing_sibling_is_an_error_with_file_and_line() -> None:
    spec, _ = _collect({"specs/swagger.yaml": AZURE})
    assert spec["valid"] is False
    (error,) = spec["errors"]
    assert error["path"] == "specs/swagger.yaml"
    assert "specs/networkInterface.json does not exist in the repository" in error["message"]
    assert AZURE.splitlines()[error["line"] - 1].strip() == "items:"
    assert spec["refs"]["not_followed"] == []


def test_existing_targets_resolve_and_missing_fragments_are_errors() -> None:
    files = {"openapi/openapi.yaml": MULTI_ROOT,
             "openapi/paths/pets.yaml": "get:\n  responses: {'200': {description: ok}}\n",
             "openapi/schemas/pet.yaml": "Pet: {type: object}\n",
             "openapi/schemas/common.yaml": "components:\n  schemas:\n    Other: {type: string}\n"}
    spec, reads = _collect(files)
    assert [e["message"] for e in spec["errors"]] == [
        "file reference ./schemas/common.yaml#/components/schemas/Error: "
        "openapi/schemas/common.yaml has nothing at #/components/schemas/Error"]
    assert "openapi/schemas/pet.yaml" in reads  # named (openapi/ folder): read, fragment checked
    files["openapi/schemas/common.yaml"] += "    Error: {type: object}\n"
    spec, _ = _collect(files)
    assert spec["valid"] is True and spec["refs"]["external"] == 3


def test_targets_not_declared_for_reading_are_checked_by_the_listing_alone() -> None:
    root = MULTI_ROOT.replace("paths/pets.yaml", "../src/pets.yaml").replace(
        "schemas/", "models/")
    spec, reads = _collect({"service/openapi.yaml": root},
                           listing=["src/pets.yaml", "service/models/pet.yaml",
                                    "service/models/common.yaml"])
    assert spec["valid"] is True, spec["errors"]
    assert reads == {"service/openapi.yaml"}  # in the listing: never fetched to look inside


def test_a_truncated_listing_cannot_say_a_target_is_missing() -> None:
    spec, _ = _collect({"specs/swagger.yaml": AZURE}, truncated=True)
    assert spec["valid"] is True
    (note,) = spec["refs"]["not_followed"]
    assert "incomplete" in note["reason"] and note["line"] == 11


@pytest.mark.parametrize("ref", ["../../etc/passwd", "/etc/passwd", "file:///etc/passwd",
                                 "../../../../x.yaml#/Pet", "C:\\\\specs\\\\pet.yaml"])
def test_references_leaving_the_repository_are_errors_and_never_read(ref: str) -> None:
    text = MULTI_ROOT.replace("schemas/pet.yaml#/Pet", ref)
    spec, reads = _collect({"openapi.yaml": text}, listing=[
        "paths/pets.yaml", "schemas/common.yaml"])
    assert spec["valid"] is False
    assert [e["pointer"] for e in spec["errors"]] == ["/components/schemas/Pet"]
    assert "outside the repository" in spec["errors"][0]["message"]
    assert reads == {"openapi.yaml"}


def test_urls_are_listed_never_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: t.Any, **_kwargs: t.Any) -> t.NoReturn:
        raise AssertionError("network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    text = MULTI_ROOT.replace("schemas/pet.yaml#/Pet",
                              "http://169.254.169.254/latest/meta-data#/Pet")
    spec, _ = _collect({"openapi.yaml": text},
                       listing=["paths/pets.yaml", "schemas/common.yaml"])
    assert spec["valid"] is True
    (note,) = spec["refs"]["not_followed"]
    assert "never fetches" in note["reason"]


def test_an_unparseable_target_is_an_error() -> None:
    files = {"openapi/openapi.yaml": MULTI_ROOT,
             "openapi/paths/pets.yaml": "get:\n  responses: {'200': {description: ok}}\n",
             "openapi/schemas/pet.yaml": "Pet: {type: object\n",
             "openapi/schemas/common.yaml": "components: {schemas: {Error: {}}}\n"}
    spec, _ = _collect(files)
    (error,) = spec["errors"]
    assert "openapi/schemas/pet.yaml cannot be parsed (line" in error["message"]


def test_folder_view_never_leaves_its_root(tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("Pet: {type: object}\n")
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "pet.yaml").symlink_to(outside)
    document = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
                "components": {"schemas": {"Pet": {"$ref": "pet.yaml#/Pet"}}}}
    result = validate_document(document, "openapi", "3.0.3", "docs/openapi.yaml",
                               FolderFiles(root))
    assert result.valid is False
    assert "does not exist in the repository" in result.errors[0].message


def test_snapshot_symlinks_and_skipped_files_count_as_present() -> None:
    snapshot = snapshot_from_files({"api/openapi.yaml": MULTI_ROOT.replace(
        "./schemas/common.yaml#/components/schemas/Error", "schemas/link.yaml")},
        listing=["api/paths/pets.yaml", "api/schemas/pet.yaml", "api/schemas/link.yaml"],
        links={"api/schemas/link.yaml": "api/schemas/pet.yaml"})
    assert isinstance(snapshot, Snapshot)
    (spec,) = ApiSpecsCollector().collect(snapshot, {})["api_specs"]
    assert spec["valid"] is True, spec["errors"]
