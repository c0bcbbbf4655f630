"""Name-only evidence: an api/ folder is a sign of an API only when it holds code."""

from __future__ import annotations

from scanner.apispecs.exposure import path_evidence


def test_api_folder_with_code_is_weak_evidence() -> None:
    (item,) = path_evidence(["src/api/routes.ts", "src/api/handlers.ts"])
    assert item["path"] == "src/api" and item["strength"] == "weak"


def test_api_folder_holding_only_data_is_not_evidence() -> None:
    assert path_evidence(["rules/api/api-descriptions-valid.yaml", "docs/api/index.md"]) == []
