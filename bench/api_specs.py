"""Benchmark: API description validation on a 5 MB description, discovery on 100,000 paths.

Run ``python bench/api_specs.py`` (add ``--compare`` to also time openapi-spec-validator's full
pass, ~30 s). Prints figures, then, as its LAST line, the JSON
``{"validate_5mb_s": ..., "discover_100k_files_s": ...}`` (targets: under 2 s and under 1 s).
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import typing as t
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scanner.apispecs.discovery import plan
from scanner.apispecs.lint import lint_document
from scanner.apispecs.validate import validate_document
from scanner.collectors.api_specs import ApiSpecsCollector
from scanner.parsing import load_json, load_yaml
from scanner.sources.memory import snapshot_from_files

TARGET_BYTES = 5 * 1024 * 1024


def large_description(target: int = TARGET_BYTES) -> dict[str, t.Any]:
    """An OpenAPI 3.0 description shaped like real government APIs (API Entreprise is ~2 MB):
    many paths, shared parameters, schemas with descriptions, examples, enums and patterns."""
    schemas: dict[str, t.Any] = {}
    paths: dict[str, t.Any] = {}
    document: dict[str, t.Any] = {
        "openapi": "3.0.3",
        "info": {"title": "API de démonstration", "version": "3.0.0",
                 "description": "Une API volumineuse générée pour le banc d'essai.",
                 "contact": {"email": "api@example.gouv.fr"},
                 "license": {"name": "Licence Ouverte 2.0"}},
        "servers": [{"url": "https://api.example.gouv.fr/v3"}],
        "tags": [{"name": f"tag{i}"} for i in range(20)],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "parameters": {"siren": {"name": "siren", "in": "path", "required": True,
                                     "schema": {"type": "string", "pattern": "^\\d{9}$"}}},
            "responses": {"NotFound": {"description": "Ressource introuvable"}},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "security": [{"bearer": []}],
    }
    index = 0
    while True:
        name = f"Ressource{index}"
        schemas[name] = {
            "type": "object", "description": f"Ressource numéro {index} exposée par l'API.",
            "required": ["id", "libelle"],
            "properties": {
                "id": {"type": "string", "format": "uuid", "description": "Identifiant unique"},
                "libelle": {"type": "string", "maxLength": 200, "pattern": "^[\\w \\-']+$",
                            "example": "Un libellé", "default": "Sans nom"},
                "montant": {"type": "number", "minimum": 0, "example": 1250.5},
                "statut": {"type": "string", "enum": ["actif", "radie", "en_sommeil"]},
                "etiquettes": {"type": "array", "items": {"type": "string"}},
                "parent": {"$ref": f"#/components/schemas/Ressource{max(index - 1, 0)}"},
                "adresse": {"type": "object", "properties": {
                    "voie": {"type": "string"}, "code_postal": {"type": "string",
                                                                "pattern": "^\\d{5}$"},
                    "commune": {"type": "string"}}},
            }}
        paths[f"/entreprises/{{siren}}/ressources{index}"] = {
            "parameters": [{"$ref": "#/components/parameters/siren"}],
            "get": {"operationId": f"lire{index}", "summary": f"Lire la ressource {index}",
                    "tags": [f"tag{index % 20}"],
                    "parameters": [{"name": "recipient", "in": "query", "required": True,
                                    "schema": {"type": "string"}, "example": "13002526500013"}],
                    "responses": {
                        "200": {"description": "La ressource", "content": {"application/json": {
                            "schema": {"$ref": f"#/components/schemas/{name}"}}}},
                        "404": {"$ref": "#/components/responses/NotFound"}}},
            "post": {"operationId": f"creer{index}", "summary": f"Créer la ressource {index}",
                     "requestBody": {"required": True, "content": {"application/json": {
                         "schema": {"$ref": f"#/components/schemas/{name}"}}}},
                     "responses": {"201": {"description": "Créée"}}},
        }
        index += 1
        if index % 200 == 0 and len(json.dumps(document, indent=1)) >= target:
            return document


def listing(count: int = 100_000, seed: int = 5) -> tuple[list[str], dict[str, int | None]]:
    """A monorepo-like listing: source trees, node_modules, docs, configs, a few descriptions."""
    rng = random.Random(seed)
    roots = ["src", "packages/api/src", "packages/web/src", "node_modules", "vendor/bundle",
             "docs", "config", "tests/fixtures", "app/models", "public/assets", "db/migrate"]
    extensions = ["ts", "js", "py", "rb", "json", "yaml", "yml", "md", "png", "scss", "php"]
    paths = [f"{rng.choice(roots)}/m{rng.randrange(800)}/d{rng.randrange(40)}/"
             f"f{i}.{rng.choice(extensions)}" for i in range(count - 6)]
    paths += ["openapi.yaml", "docs/api/v1.yaml", "swagger/v1/api.json",
              "node_modules/x/openapi.json", "package.json", "README.md"]
    sizes: dict[str, int | None] = {p: rng.randrange(100, 3_000_000) for p in paths}
    return paths, sizes


def best_of(runs: int, action: t.Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true",
                        help="also time openapi-spec-validator's own full validation")
    args = parser.parse_args()

    document = large_description()
    text = json.dumps(document, indent=1)
    print(f"description: {len(text):,} bytes of JSON, {len(document['paths']):,} paths, "
          f"{len(document['components']['schemas']):,} schemas")
    validate_document(document, "openapi", "3.0.3", "openapi.json")  # compile the validator

    def validate() -> None:
        result = validate_document(document, "openapi", "3.0.3", "openapi.json")
        assert result.valid, result.errors[:3]
        lint_document(document, "openapi")

    validate_s = best_of(3, validate)
    print(f"validate + lint (schema pass, semantic pass, refs, lint): {validate_s:.3f} s")
    parse_json_s = best_of(1, lambda: load_json(text, path="openapi.json"))
    print(f"parse as JSON (scanner.parsing.load_json): {parse_json_s:.3f} s")
    yaml_text = text  # JSON is YAML: the same document through the YAML loader
    parse_yaml_s = best_of(1, lambda: load_yaml(yaml_text, path="openapi.yaml"))
    print(f"parse as YAML (scanner.parsing.load_yaml, event builder): {parse_yaml_s:.3f} s")
    snapshot = snapshot_from_files({"openapi.json": text})
    collect_s = best_of(1, lambda: ApiSpecsCollector().collect(snapshot, {}))
    print(f"collector end to end on openapi.json (read, sniff, parse, validate, lint): "
          f"{collect_s:.3f} s")
    if args.compare:
        from openapi_spec_validator import OpenAPIV30SpecValidator

        start = time.perf_counter()
        errors = list(OpenAPIV30SpecValidator(document).iter_errors())
        print(f"openapi-spec-validator full pass (for comparison): "
              f"{time.perf_counter() - start:.3f} s, {len(errors)} errors")

    paths, sizes = listing()
    discover_s = best_of(3, lambda: plan(paths, sizes))
    wanted_s = best_of(3, lambda: list(ApiSpecsCollector().wanted(paths, sizes)))
    chosen = plan(paths, sizes)
    print(f"discovery over {len(paths):,} paths: plan {discover_s:.3f} s "
          f"({len(chosen.named)} named, {len(chosen.sniff)} to sniff, "
          f"{chosen.sniff_skipped} plausible left unread); full wanted() {wanted_s:.3f} s")
    print(json.dumps({"validate_5mb_s": round(validate_s, 3),
                      "discover_100k_files_s": round(max(discover_s, wanted_s), 3)}))


if __name__ == "__main__":
    main()
