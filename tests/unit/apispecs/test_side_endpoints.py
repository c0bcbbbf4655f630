"""README endpoint lists and statements that show no API offered to others (issue 9): health
checks and hooks receiving a named service's calls are a service's plumbing, and a README saying
the API has no public endpoint weighs against the other signs (at most a review). Fixtures are
the real text; negatives keep resource endpoints, a webhook API offered to reusers and another
service's internal API as before."""

from __future__ import annotations

import pytest

from scanner.apispecs.references import readme_api_evidence, readme_internal_api, side_endpoint
from tests.support import api_facts

# SocialGouv/classifia README.md:74-93 (shortened), the repository's own words.
CLASSIFIA_ENDPOINTS = """# Classifia

## Points de Terminaison API

### Vérification de Santé

```http
GET /health
```

Retourne le statut de santé du service.

### Webhook Crisp

```http
POST /crisp/webhook/message-updated?secret={CRISP_WEBHOOK_SECRET}
Content-Type: application/json
```

Reçoit les notifications de webhook de Crisp lors de la mise à jour de messages.
"""
CLASSIFIA_STATEMENT = (
    "\n**Point d'entrée unique** : L'API ne dispose d'aucun endpoint public pour créer ou consulter "
    "des conversations. Toutes les conversations sont automatiquement traitées via le webhook "
    "Crisp lorsqu'une conversation est marquée comme résolue (`state:resolved`).\n")
# SocialGouv/classifia package.json and src/main.ts (shortened): a NestJS server.
NEST_PACKAGE = '{"name": "classifia", "dependencies": {"@nestjs/core": "^11.1.7"}}'
NEST_MAIN = ("import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n"
             "  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\n")
NEST = {"package.json": NEST_PACKAGE, "nest-cli.json": "{}", "src/main.ts": NEST_MAIN}
# Real resource endpoints (the brief's examples): the README list stays a strong sign.
RESOURCES = "# x\n\n## API\n\n- `GET /api/v1/aides`\n- `POST /declarations`\n- `GET /health`\n"


@pytest.mark.parametrize("endpoint", [
    "GET /health", "POST /crisp/webhook/message-updated?secret={CRISP_WEBHOOK_SECRET}",
    "GET /api/v1/healthz", "/metrics", "POST /webhooks/stripe", "GET /auth/callback/proconnect",
    "POST /paybox/notify", "GET /actuator/health"])
def test_probes_and_incoming_hooks_are_side_endpoints(endpoint: str) -> None:
    assert side_endpoint(endpoint)


@pytest.mark.parametrize("endpoint", [
    "GET /api/v1/aides", "POST /declarations", "GET /api/declarations/{id}/status",
    # Where reusers register their own webhooks: a resource of the API, no provider named.
    "POST /api/v1/webhooks", "DELETE /api/v1/webhooks/{id}", "POST /api/webhook",
    "GET /api/health-centers"])
def test_resource_endpoints_are_not_side_endpoints(endpoint: str) -> None:
    assert not side_endpoint(endpoint)


def test_a_list_of_only_a_health_check_and_an_incoming_hook_is_set_aside() -> None:
    (found,) = readme_api_evidence("README.md", CLASSIFIA_ENDPOINTS)
    assert found["strength"] == "none"
    assert found["detail"] == (
        'README.md:3 section "Points de Terminaison API" lists only health checks, metrics or '
        "hooks receiving another service's calls (GET /health, POST /crisp/webhook/"
        "message-updated), not an API offered to others")
    assert "ne liste que des contrôles de santé" in found["detail_fr"]
    api = api_facts({"README.md": CLASSIFIA_ENDPOINTS})
    assert api["exposes"] is None  # not applicable, and the summary says what was seen
    assert api["summary"].startswith('README.md:3 section "Points de Terminaison API" lists only')


def test_resource_endpoints_beside_a_health_check_stay_strong() -> None:
    (found,) = readme_api_evidence("README.md", RESOURCES)
    assert found["strength"] == "strong"
    api = api_facts({"README.md": RESOURCES})
    assert (api["exposes"], api["confidence"]) == (True, "high")


def test_a_webhook_api_offered_to_reusers_is_no_incoming_hook() -> None:
    offered = ("# x\n\n## API\n\nVous pouvez enregistrer un webhook pour recevoir les "
               "changements :\n\n- `POST /api/v1/webhooks`\n- `GET /api/v1/webhooks/{id}`\n")
    (found,) = readme_api_evidence("README.md", offered)
    assert found["strength"] == "strong"


def test_readme_saying_no_public_endpoint_lowers_a_strong_sign_to_a_review() -> None:
    (said,) = readme_internal_api("README.md", CLASSIFIA_ENDPOINTS + CLASSIFIA_STATEMENT)
    assert said["internal"]["said"] == ('README.md:22 says "L\'API ne dispose d\'aucun endpoint '
                                        'public pour créer ou consulter des conversations"')
    assert said["internal"]["said_fr"].startswith("README.md:22 indique « L'API ne dispose")
    api = api_facts({**NEST, "README.md": CLASSIFIA_ENDPOINTS + CLASSIFIA_STATEMENT})
    assert (api["exposes"], api["confidence"]) == (True, "low")
    # Without the statement, the NestJS server stays a strong sign.
    api = api_facts({**NEST, "README.md": CLASSIFIA_ENDPOINTS})
    assert (api["exposes"], api["confidence"]) == (True, "high")


@pytest.mark.parametrize("line", [
    "This service has no public endpoints.", "Internal API only: used by our back office.",
    "Le back-office repose sur une API interne."])
def test_statements_of_an_internal_api(line: str) -> None:
    assert readme_internal_api("README.md", f"# x\n\n{line}\n")


@pytest.mark.parametrize("line", [
    # Another service's internal API, one the application calls, an API key: not this API.
    "Les données viennent de l'API interne de la DGFiP.",
    "L'application appelle l'API interne du ministère.",
    "No public API key is needed to run it.",
    "Notre API publique permet de créer des déclarations."])
def test_other_statements_are_not_an_internal_api(line: str) -> None:
    assert readme_internal_api("README.md", f"# x\n\n{line}\n") == []


def test_a_readme_offering_its_api_keeps_the_confidence() -> None:
    readme = ("# x\n\nNotre API publique permet de créer des déclarations.\n\n"
              "L'API interne du back-office n'est pas documentée ici.\n")
    api = api_facts({**NEST, "README.md": readme})
    assert api["confidence"] == "high"
