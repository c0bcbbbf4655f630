"""Facts read from READMEs must be true (issue 9, second audit round): no base path, database
URL, sample-response value or example instance counted as an endpoint; no credit link to a tool
taken for the API's documentation. Fixtures are modelled on the real READMEs."""

from __future__ import annotations

from scanner.apispecs.references import readme_api_evidence, readme_links, readme_self_description

# betagouv/eva-serveur README.md:79 "accessible au point `/api`", then its endpoints.
EVA = """# eva

## API

L'API est accessible au point `/api`.

`POST /api/evaluations`

`PATCH /api/evaluations/:id`
"""
# etalab/sirene_as_api README.md: a Redis URL under an "(Endpoint V3)" heading.
SIRENE = """# sirene

## Configuration (Endpoint V3)

```
REDIS_URL=redis://localhost:6379/1
DATABASE_URL=postgres://user@localhost/sirene
```
"""
# etalab/csvapi README.md: the second path is a value in a sample JSON response.
CSVAPI = """# csvapi

## API usage

`/apify?url=http://somewhere.com/a/file.csv`

`/api/<md5-url-hash>`

```json
{
    "ok": true,
    "endpoint": "http://localhost:8000/api/cde857960e8dc24c9cbcced673b496bb"
}
```
"""
# datagouv/hydra README.md: a curl of an example instance of a templated route.
HYDRA = """# hydra

## API

- `GET` on `/api/resources-exceptions/{resource_id}` to get one
- `DELETE` on `/api/resources-exceptions/{resource_id}` to delete one

```bash
curl -X DELETE http://localhost:8000/api/resources-exceptions/f868cca6-8da1-4369-a78d-47463f19a9a3
```
"""


def _examples(text: str) -> str:
    (found,) = readme_api_evidence("README.md", text)
    return str(found["detail"])


def test_base_path_database_urls_and_samples_are_not_endpoints() -> None:
    eva = _examples(EVA)
    assert "POST /api/evaluations" in eva and "`/api`" not in eva and "/api)" not in eva
    assert readme_api_evidence("README.md", SIRENE) == []
    (csvapi,) = readme_api_evidence("README.md", CSVAPI)
    assert "cde857" not in csvapi["detail"]
    # /apify and /api/<md5-url-hash>: two endpoints, strong; the sample adds none
    assert csvapi["strength"] == "strong"
    (hydra,) = readme_api_evidence("README.md", HYDRA)
    assert hydra["strength"] == "weak"  # one path (two methods), its example instance is the same
    assert "f868cca6" not in hydra["detail"]


def test_a_real_curl_to_the_service_still_counts() -> None:
    text = "# x\n\n## API\n\n```\ncurl http://localhost:8000/api/a\n$ curl localhost:8000/api/b\n```\n"
    (found,) = readme_api_evidence("README.md", text)
    assert found["strength"] == "strong" and "/api/a" in found["detail"]


def test_credit_links_and_sample_values_are_not_the_apis_documentation() -> None:
    # AgenceBio/cartobio-api README.md:8 credits swagger-ui; datagouv/api-tabular README.md:239
    # has a "swagger" link inside a sample response.
    credit = ("Cette API est réalisée avec [Fastify](https://fastify.dev/) et "
              "[swagger-ui](https://swagger.io/tools/swagger-ui/) entre autres.\n")
    assert readme_links("README.md", credit) == []
    sample = ('```json\n{\n  "links": {\n      "swagger": '
              '"http://localhost:8005/api/resources/aaaa/swagger/",\n  }\n}\n```\n'
              "Swagger: https://tabular-api.data.gouv.fr/api/doc\n")
    assert [link["url"] for link in readme_links("README.md", sample)] == [
        "https://tabular-api.data.gouv.fr/api/doc"]
    # a hosted viewer showing the repository's own description still counts
    viewer = "Docs: https://petstore.swagger.io/?url=https://x.gouv.fr/openapi.json\n"
    assert len(readme_links("README.md", viewer)) == 1


def test_a_readme_saying_the_repository_is_a_rest_api() -> None:
    # France-Travail/happy_vllm README.md:16
    (found,) = readme_self_description(
        "README.md", "# happy\n\nhappy_vLLM is a REST API for [vLLM](https://x) which was...\n")
    assert found["strength"] == "strong" and found["line"] == 3
    assert readme_self_description("README.md", "Ce service est une API REST publique.\n")
    for text in ("pyclient is a Python client for the REST API of X.\n",
                 "```\nfoo is a REST API\n```\n",
                 "## APIs used\n\nbar is a REST API we call.\n",
                 "It is a wrapper around a REST API.\n",
                 "This tool is a REST API client for X.\n"):
        assert readme_self_description("README.md", text) == [], text


def test_a_full_stop_after_a_local_address_is_no_endpoint() -> None:  # MTES-MCT/aigle-api
    text = ("# Aigle API\n\n## Lancer\n\nL'API répond ensuite sur http://127.0.0.1:8000/.\n\n"
            "Voir aussi http://localhost:8000/api/detections/.\n")
    evidence = readme_api_evidence("README.md", text)
    assert all("/." not in e["detail"].replace("/api/detections", "") for e in evidence)
    assert all(e["strength"] == "weak" for e in evidence)  # one endpoint, not two


def test_a_title_naming_partners_is_not_a_section_about_consumed_apis() -> None:  # api-partenaires
    """"# api-partenaires" is an API *for* partners; its "## Routes" table lists its endpoints."""
    text = ("# api-partenaires\n\n🤝 ProConnect OIDC Providers\n\n## Routes\n\n| Route | Auth |\n"
            "| --- | --- |\n| `GET /api/oidc_clients` | secret |\n| `POST /api/oidc_clients` | secret |\n"
            "| `GET /api/oidc_clients/:id` | secret |\n")
    (found,) = readme_api_evidence("README.md", text)
    assert found["strength"] == "strong" and "GET /api/oidc_clients" in found["detail"]
    consumed = text.replace("## Routes", "## APIs des partenaires")
    assert readme_api_evidence("README.md", consumed) == []


# etalab/rna_as_api README.md:99-129: the same address in a curl call and quoted ´…´ in a
# sentence, then a second endpoint.
RNA = """# RNA as API

# Utilisation de l'API

## Recherche FullText

    curl 'localhost:3000/v1/full_text/MA_RECHERCHE'

ou simplement en copiant l'adresse ´localhost:3000/v1/full_text/MA_RECHERCHE´
dans votre navigateur favori.

## Recherche par ID d'association

    curl 'localhost:3000/v1/id/ID_ASSOCIATION'
"""


def test_quotes_closing_a_path_are_no_part_of_it() -> None:
    """The quoted copy is the same endpoint: named once, and the examples name distinct ones."""
    (found,) = readme_api_evidence("README.md", RNA)
    assert found["endpoints"] == ["/v1/full_text/MA_RECHERCHE", "/v1/id/ID_ASSOCIATION"]
    assert "´" not in found["detail"] and "/v1/id/ID_ASSOCIATION" in found["detail"]
    for mark in ("’", "'", '"', "»", ")", ";", "`"):
        quoted = RNA.replace("´localhost:3000/v1/full_text/MA_RECHERCHE´",
                             f"localhost:3000/v1/full_text/MA_RECHERCHE{mark}")
        (again,) = readme_api_evidence("README.md", quoted)
        assert again["endpoints"] == found["endpoints"], mark


def test_a_path_keeps_its_own_characters() -> None:
    """Only what closes it is stripped: a path with a dot or a query inside stays whole."""
    text = RNA.replace("v1/id/ID_ASSOCIATION", "v1/export.csv?page=2")
    (found,) = readme_api_evidence("README.md", text)
    assert found["endpoints"][-1] == "/v1/export.csv"
