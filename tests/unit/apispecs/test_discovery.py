"""Discovery from the listing alone: what is fetched, what never is, and at what cost."""

from __future__ import annotations

import time

from scanner.apispecs.discovery import SNIFF_CAP, classify, guess_kind, plan


def test_descriptions_are_recognised_by_name_and_folder() -> None:
    named = ["openapi.yaml", "docs/swagger.json", "api/petstore.oas.yml", "swagger/v1/api.json",
             "config/api-entreprise-v3-openapi.yml", "docs/api/v2.yaml", "asyncapi.yml",
             "openapi/components.json", "src/main/resources/static/api-docs.json"]
    for path in named:
        candidate = classify(path)
        assert candidate is not None and candidate.reason == "named", path


def test_vendored_generated_and_fixture_folders_are_never_read() -> None:
    for path in ["node_modules/x/openapi.yaml", "vendor/foo/swagger.json",
                 "tests/fixtures/openapi.yaml",
                 "packages/webhook/tests/__snapshots__/api.v1.spec.yaml",
                 "dist/openapi.json", "frontend/build/swagger.json", ".venv/lib/openapi.yaml"]:
        assert classify(path) is None, path


def test_test_folders_keep_only_canonical_names() -> None:
    assert classify("tests/openapi.yaml") is not None  # clearly the service's own
    assert classify("tests/data/petstore.yaml") is None
    assert classify("spec/requests/api/creneaux_spec.rb") is None
    assert classify("spec/openapi/v1.yaml") is not None  # spec/ holding descriptions


def test_non_description_files_are_not_candidates() -> None:
    for path in ["package.json", "tsconfig.app.json", ".github/workflows/ci.yml",
                 "charts/app/values.yaml", "docker-compose.yml", "src/app.ts",
                 "templates/bundles/NelmioApiDocBundle/SwaggerUi/index.html.twig",
                 ".rubocop.yml", "locales/fr.json", "API.md"]:
        assert classify(path) is None, path


def test_content_candidates_are_plausible_locations_only() -> None:
    assert classify("doc/aoc.yml").reason == "sniff"  # type: ignore[union-attr]
    assert classify("definitions.yaml").reason == "sniff"  # type: ignore[union-attr]
    assert classify("src/data/communes.json") is None
    assert classify("sources/titres.json") is None


def test_sniffing_is_capped_and_skips_big_files() -> None:
    paths = [f"docs/page{i}.yaml" for i in range(100)] + ["docs/huge.json", "openapi.yaml"]
    sizes: dict[str, int | None] = {"docs/huge.json": 5 * 1024 * 1024}
    result = plan(paths, sizes)
    assert [c.path for c in result.named] == ["openapi.yaml"]
    assert len(result.sniff) == SNIFF_CAP
    assert "docs/huge.json" not in result.paths
    assert result.sniff_skipped == 100 - SNIFF_CAP + 1


def test_named_descriptions_come_first_whatever_their_size() -> None:
    result = plan(["openapi.yaml"], {"openapi.yaml": 9 * 1024 * 1024})
    assert result.paths == ["openapi.yaml"]


def test_guess_kind_from_name() -> None:
    assert guess_kind("docs/asyncapi.yaml") == "asyncapi"
    assert guess_kind("swagger/v1/api.json") == "swagger"
    assert guess_kind("docs/api.yaml") == "openapi"


def test_discovery_over_100k_paths_is_fast() -> None:
    paths = [f"src/module{i // 100}/file{i}.{('py', 'ts', 'json', 'yaml')[i % 4]}"
             for i in range(100_000)]
    start = time.perf_counter()
    plan(paths)
    assert time.perf_counter() - start < 5.0  # a hang guard, not a speed target (bench/)


def test_a_generator_s_default_output_is_read() -> None:  # numerique-gouv/statistiques-impact
    """drf-spectacular writes ``schema.yml`` by default: read (sniffed), never assumed."""
    for path in ("schema.yml", "django/schema.yml", "backend/api/schema.yaml"):
        candidate = classify(path)
        assert candidate is not None and candidate.reason == "sniff", path
    assert classify("tests/schema.yml") is None and classify("node_modules/x/schema.yml") is None
