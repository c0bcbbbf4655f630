"""Discovery from the listing alone: what is fetched, what never is, and at what cost."""

from __future__ import annotations

import time

from scanner.apispecs.discovery import SNIFF_BYTES, SNIFF_CAP, classify, guess_kind, plan


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
    paths = [f"docs/page{i:03}.yaml" for i in range(100)] + ["docs/huge.json", "openapi.yaml"]
    sizes: dict[str, int | None] = {"docs/huge.json": 9 * 1024 * 1024}
    result = plan(paths, sizes)
    assert [c.path for c in result.named] == ["openapi.yaml"]
    assert len(result.sniff) == SNIFF_CAP
    assert "docs/huge.json" not in result.paths
    assert result.sniff_skipped == result.unread == 100 - SNIFF_CAP + 1
    assert result.unread_example == f"docs/page{SNIFF_CAP:03}.yaml"  # the likeliest unread


def test_everything_read_leaves_nothing_unread() -> None:
    result = plan([f"docs/page{i}.yaml" for i in range(SNIFF_CAP)], {})
    assert len(result.sniff) == SNIFF_CAP
    assert (result.unread, result.unread_example) == (0, None)


def test_sniffing_budget_is_in_bytes_and_passes_over_what_does_not_fit() -> None:
    """Three 7 MB files fit no 16 MB budget: the third is left unread (and counted), the small
    file ranked after it is still read."""
    big = 7 * 1024 * 1024
    paths = ["docs/a.yaml", "docs/b.yaml", "docs/c.yaml", "docs/d.yaml"]
    sizes: dict[str, int | None] = {"docs/a.yaml": big, "docs/b.yaml": big, "docs/c.yaml": big,
                                    "docs/d.yaml": 800}
    assert 2 * big <= SNIFF_BYTES < 3 * big
    result = plan(paths, sizes)
    assert [c.path for c in result.sniff] == ["docs/a.yaml", "docs/b.yaml", "docs/d.yaml"]
    assert (result.unread, result.unread_example) == (1, "docs/c.yaml")


def test_named_over_their_cap_are_counted_unread() -> None:
    paths = [f"openapi/v{i:03}.yaml" for i in range(70)]
    result = plan(paths)
    assert len(result.named) == 60
    assert (result.named_skipped, result.unread) == (10, 10)
    assert result.unread_example == "openapi/v060.yaml"


# SocialGouv/nata commits Strapi's documentation plugin output (« "openapi": "3.0.0" », 64 paths)
# beside 38 other JSON files of strapi_BO/src/api/ (content-type schemas, per-API fragments).
STRAPI_FULL = "strapi_BO/src/extensions/documentation/documentation/1.0.0/full_documentation.json"


def test_a_strapi_documentation_plugin_output_is_read_by_name() -> None:
    candidate = classify(STRAPI_FULL)
    assert candidate is not None and candidate.reason == "named"
    listing = [STRAPI_FULL] + [f"strapi_BO/src/api/{n}/documentation/1.0.0/{n}.json"
                               for n in ("navbar", "month", "question")] + [
        f"strapi_BO/src/api/{n}/content-types/{n}/schema.json" for n in ("navbar", "month")]
    assert plan(listing, sniff_cap=1).paths[0] == STRAPI_FULL


def test_near_misses_of_the_strapi_output_keep_their_old_rank() -> None:
    # Another file of the plugin's folder, and the output outside an extensions/ folder.
    for path in ("src/extensions/documentation/documentation/1.0.0/overrides.json",
                 "src/documentation/documentation/1.0.0/full_documentation.json"):
        candidate = classify(path)
        assert candidate is not None and candidate.reason == "sniff", path


def test_description_words_in_a_basename_are_sniffed_first() -> None:
    first = classify("docs/full_documentation.json")
    plain = classify("docs/communes.json")
    assert first is not None and plain is not None and first.rank < plain.rank
    for near_miss in ("docs/user.spec.json", "docs/specimen.json", "docs/docstring.json"):
        candidate = classify(near_miss)
        assert candidate is not None and candidate.rank == plain.rank, near_miss


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
