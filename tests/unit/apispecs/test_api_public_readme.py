"""api-description-published (issue 9): a README saying the repository offers its API to others
(« Notre API publique… », an access request addressed to the team, a section titled after its
public API that links its documentation) is a direct sign of an API, named with its line. With the
documentation published elsewhere, civiscan cannot read it: a review that says so; with none, a
fail. Each case is cut from the repository named in its comment, with near misses beside it."""

from __future__ import annotations

import json

from scanner.apispecs.references import readme_self_description
from scanner.engine.evaluate import Status
from tests.unit.apispecs.test_api_round9 import _finding

# MTES-MCT/fluctuat README.md:43-48, fluctuat-api/package.json and src/server.ts (cut).
FLUCTUAT_README = """# Fluctuat

Fluctuat est un service de lettres de voiture dématérialisées.

### Api publique

Notre API publique permet de créer de lettres de voiture à nos utilisateur.
La documentation de l'API est consultable ici https://mtes-mct.github.io/fluctuat-apidoc/.

Vous pouvez demander un accès à l'API en nous envoyant un email à l'addresse contact@fluctuat.beta.gouv.fr

## Crédits
"""
FLUCTUAT_PACKAGE = json.dumps({"name": "fluctuat-api", "dependencies": {"express": "4.16.4"}})
FLUCTUAT_SERVER = """import * as express from 'express';
const app = express();
app.use(express.json());
app.use('/api/auth', authRoute);
app.use('/api/waybill', waybillRoute);
app.use('/api/api-key', apiKeyRoute);
app.use('/public_api/v1/waybill', publicWaybillRoute);
app.listen(3000);
"""
FLUCTUAT = {"README.md": FLUCTUAT_README, "fluctuat-api/package.json": FLUCTUAT_PACKAGE,
            "fluctuat-api/src/server.ts": FLUCTUAT_SERVER}
OPENAPI = """openapi: 3.0.3
info: {title: Fluctuat, version: "1.0", description: Lettres de voiture}
paths: {}
"""


def test_a_readme_saying_our_public_api_is_direct_evidence() -> None:
    (evidence,) = readme_self_description("README.md", FLUCTUAT_README)
    assert evidence["strength"] == "strong" and evidence["line"] == 7
    assert evidence["public_api"]["docs_url"] == "https://mtes-mct.github.io/fluctuat-apidoc/"
    assert "« Notre API publique permet de créer" in evidence["public_api"]["said_fr"]


def test_documentation_published_elsewhere_is_a_review_saying_it_is_not_read() -> None:
    status, message, french = _finding("api-description-published", FLUCTUAT)
    assert status is Status.REVIEW
    assert message.startswith('README.md:7 says the repository offers its API: "Notre API publique')
    assert "documented at https://mtes-mct.github.io/fluctuat-apidoc/, which civiscan does not " \
           "read" in message
    assert "signs of an API are indirect" not in message
    assert "documentée sur https://mtes-mct.github.io/fluctuat-apidoc/, que civiscan ne lit pas" \
        in french


def test_no_documentation_link_is_a_fail_naming_the_readme_line() -> None:
    readme = FLUCTUAT_README.replace("La documentation de l'API est consultable ici "
                                     "https://mtes-mct.github.io/fluctuat-apidoc/.\n", "")
    status, message, french = _finding("api-description-published", {**FLUCTUAT,
                                                                      "README.md": readme})
    assert status is Status.FAIL and message.startswith("README.md:7 says")
    assert "but no API description was found" in message
    assert french.startswith("README.md:7 indique que le dépôt propose son API : « Notre API")


def test_a_committed_description_still_passes() -> None:
    status, _message, _fr = _finding("api-description-published",
                                     {**FLUCTUAT, "fluctuat-api/openapi.yaml": OPENAPI})
    assert status is Status.PASS


def test_an_access_request_to_the_team_or_a_titled_section_with_its_documentation() -> None:
    # MTES-MCT/fluctuat README.md:48, alone.
    (evidence,) = readme_self_description("README.md", FLUCTUAT_README.splitlines()[9] + "\n")
    assert "demander un accès à l'API" in evidence["detail"]
    (section,) = readme_self_description(
        "README.md", "# Outil\n\n## Public API\n\nThe documentation is at https://doc.outil.gouv.fr\n")
    assert section["line"] == 3 and section["detail"] == 'README.md:3 has a section "Public API"'
    assert section["public_api"]["docs_url"] == "https://doc.outil.gouv.fr"
    assert readme_self_description("README.md", "Le service propose une API publique.\n")
    assert readme_self_description("README.md", "Our REST API is documented below.\n")


# datagouv/api-tabular README.md:8,11 (cut): the sentence saying so is quoted, and the
# documentation's address is preferred to the API's base URL on the same line.
TABULAR_README = """# Tabular API

An API service that provides RESTful access to CSV or tabular data converted by Hydra. This \
service provides a REST API to access PostgreSQL database tables containing CSV data.

The production API is deployed at [`https://tabular-api.data.gouv.fr/api`](https://tabular-api.\
data.gouv.fr/api). See the [technical documentation](https://tabular-api.data.gouv.fr/api/doc).
"""


def test_the_sentence_is_quoted_and_the_documentation_address_preferred() -> None:
    (evidence,) = readme_self_description("README.md", TABULAR_README)
    assert evidence["public_api"]["said"] == (
        'README.md:3 says the repository offers its API: "This service provides a REST API to '
        'access PostgreSQL database tables containing CSV data."')
    assert evidence["public_api"]["docs_url"] == "https://tabular-api.data.gouv.fr/api/doc"


def test_apis_the_repository_calls_or_does_not_serve() -> None:
    for text in ("L'application utilise l'API de la Base Adresse Nationale.\n",
                 "Notre service utilise l'API Particulier pour récupérer le quotient familial.\n",
                 "This service calls the Sirene API.\n",
                 "Demandez un accès à l'API Entreprise sur api.gouv.fr.\n",  # not to the team
                 "Obtenez une clé d'API auprès de l'INSEE.\n",
                 "Set our API key in the .env file.\n",
                 "This library provides a Python API.\n",
                 "Le front-end appelle notre API.\n",
                 "Ce frontend affiche les données de notre API.\n",  # a front end's back end
                 "Un client de notre API en Python : pip install x\n".replace("de notre", "de"),
                 "## API externes\n\nNotre API publique est décrite ailleurs.\n",
                 "# Outil\n\n## Public API\n\n`foo()` returns bar.\n",  # a library's functions
                 "# Public API\n\nSee the documentation at https://doc.x.gouv.fr\n",  # a title
                 "The public API is documented below.\n",
                 "```\nNotre API publique\n```\n"):
        assert readme_self_description("README.md", text) == [], text


def test_a_readme_of_a_consumer_keeps_the_outcome_of_the_code_alone() -> None:
    # A README about the API the service calls says nothing of its own API.
    readme = "# Exemple\n\nCe fournisseur de service utilise l'API FranceConnect.\n"
    alone = {k: v for k, v in FLUCTUAT.items() if k != "README.md"}
    assert _finding("api-description-published", {**alone, "README.md": readme}) \
        == _finding("api-description-published", alone)
