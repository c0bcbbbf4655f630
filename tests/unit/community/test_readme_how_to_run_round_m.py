"""readme-explains-how-to-run from the M round of audits (issue 9, freshM2/M3): install and run
steps given under headings that do not say so (« Fonctionnement », "Testing manually") or
introduced in prose (« il suffit de faire tourner le code suivant : »). Each case is cut from a
real README (named in a comment), beside what must not match."""

from __future__ import annotations

from scanner.community import readme
from scanner.community.markup import parse
from scanner.engine.evaluate import Status
from tests.unit.community.test_readme_routes import _facts, _finding

RULE = "readme-explains-how-to-run"


def _analyse(text: str, project: tuple[str, ...] = ()) -> dict[str, dict[str, object]]:
    return readme.analyse(parse(text, "README.md"), project)


# --- A command a sentence introduces as what to run, under any heading -------------------------

# nantesmetropole/school_meal_forecast_regressions README.md:20-47 (shortened).
SCHOOL_MEALS = (
    "# Prédiction de la fréquentation des cantines scolaires de Nantes métropole\n\n"
    "Dans le cadre d'un appel à projet de Nantes métropole sur la réduction du gaspillage "
    "alimentaire, nous avons réalisé une modélisation de la fréquentation des cantines.\n\n"
    "## Installation\n\nEnsuite, vous pouvez reproduire l'environnemnt de développement python "
    "grâce à la commande suivante:\n```\npip install -r requirements.txt\n```\n\n"
    "## Fonctionnement\n\n\n### Assemblage des données\n\n"
    "Les données brutes doivent être stockées dans le dossier data.\n\n"
    "Toutes ces données brutes vont ensuite être processées afin de construire les bases "
    "finales. Pour faire ce processing, il suffit de faire tourner le code suivant :\n\n"
    "```\npython script_preprocess/main_processing.py\n```\n\n"
    "Les arguments sont configurés par défault avec les données de Nantes métropole.\n")


def test_a_command_introduced_as_what_to_run_is_running() -> None:
    found = _analyse(SCHOOL_MEALS)
    assert found["install"]["found"] and found["install"]["line"] == 5
    assert found["run"] == {"found": True, "line": 21, "via": "text"}


def test_the_finding_names_both_and_passes() -> None:
    facts = _facts({"README.md": SCHOOL_MEALS})
    assert facts["community"]["readme"]["evidence"]["run"] == {"path": "README.md", "line": 21,
                                                               "via": "text"}
    status, message = _finding(facts, RULE)
    assert status is Status.PASS, message


def test_what_an_introduction_does_not_make_running() -> None:
    intro = "# x\n\nThe x tool converts files for the team of the ministry.\n\n## Notes\n\n"
    # An introduction about another activity, or a block that installs, tests or only moves.
    for sentence, command in [
            ("To run the tests, simply run:", "python tests/all.py"),
            ("Pour lancer les migrations :", "python manage.py upgrade"),
            ("Run the following to install it:", "python get.py"),
            ("Il suffit de lancer la commande suivante :", "pip install -r requirements.txt"),
            ("Run:", "npm run build"),
            ("Run:", "cd x && cp .env.example .env"),
            ("Run:", 'curl "https://api.example.org/search?q=x"'),
            # Another tool than the project (AgenceBio/rosetta-cultures README.md:40-43, a data
            # file refreshed), or a script tool's subcommand that starts nothing.
            ("2. Lancer cette commande :", 'csvcut --columns 1,3 "x.csv" > ./data/y.csv'),
            ("To create an administrator, run:", "python manage.py createsuperuser"),
            # A sentence that does not introduce the block (no colon), and no running verb.
            ("We run it every night.", "python job.py"),
            ("Le code suivant :", "python main.py")]:
        found = _analyse(f"{intro}{sentence}\n\n```\n{command}\n```\n")
        assert not found["run"]["found"], (sentence, command)
    # A block in a section about the tests stays about the tests.
    found = _analyse(f"{intro}## Tests\n\nPour les lancer, il suffit de faire tourner :\n\n"
                     "```\npython check_all.py\n```\n")
    assert not found["run"]["found"]
    # Text between the sentence and the block: the sentence introduces something else.
    found = _analyse(f"{intro}Run the following:\n\nSome note.\n\n```\npython main.py\n```\n")
    assert not found["run"]["found"]


def test_english_and_french_verbs_introduce_running() -> None:
    intro = "# x\n\nThe x tool converts files for the team of the ministry.\n\n## Notes\n\n"
    for sentence in ("To start it, run:", "Launch it with:", "Pour l'exécuter :",
                     "Il suffit de lancer la commande suivante :", "Démarrez-le ainsi :"):
        found = _analyse(f"{intro}{sentence}\n\n```\npython bin/convert.py\n```\n")
        assert found["run"]["found"], sentence
    # A program of the checkout, a jar, the project's own command, a script's running subcommand.
    for command in ("./bin/convert --input x", "java -jar target/x-tool.jar", "TOKEN=1 x-tool convert a",
                    "python manage.py runserver 0.0.0.0:8000"):
        found = _analyse(f"{intro}Run:\n\n```\n{command}\n```\n", ("x-tool",))
        assert found["run"]["found"], command


# --- A provider installed from its checkout and loaded by its host -----------------------------

# pass-culture/terraform-provider-pc README.md:1-37 (shortened).
TERRAFORM_PROVIDER = (
    "# pc-terraform-providers\n\nThis repo holds our custom Terraform providers (hopefully only "
    "one).\n\n## Testing manually\n\nIf you want to test manually in a real world terraform "
    "example, you can simply tell Terraform to use your local installation of the provider "
    "instead of the one downloaded from the registry.\n\nTo do so simply run :\n\n```\n"
    "go install ./... \n```\n\nOf course the GOBIN path should be in your $PATH for this to "
    "work.\n\nThen add this configuration to your `.terraformrc` in your home directory\n\n```\n"
    "provider_installation {\n  dev_overrides {\n    \"registry.terraform.io/pass-culture/pc\" = "
    "\"/Users/louis/go/bin\"\n  }\n  direct {}\n}\n```\n\n\n## Running tests\n\n"
    "Since the scope of this repo should stay very limited, tests are not included on CI.\n\n"
    "```bash\nTF_TEST_GCP_PROJECT_ID=\"GCP_PROJECT_TO_RUN_TEST_IN\" TF_ACC=1 go test -v ./...\n"
    "```\n")


def test_a_provider_installed_and_loaded_by_its_host_is_installed_and_run() -> None:
    found = _analyse(TERRAFORM_PROVIDER, ("terraform-provider-pc", "pc-terraform-providers"))
    assert found["install"] == {"found": True, "line": 11, "via": "text"}
    # The sentence that has Terraform use the local installation, not the ``dev_overrides {``
    # configuration block (its "dev" starts no development server).
    assert found["run"] == {"found": True, "line": 7, "via": "text"}
    status, message = _finding(_facts({"README.md": TERRAFORM_PROVIDER}), RULE)
    assert status is Status.PASS, message


def test_running_the_tests_is_not_running_the_project() -> None:
    # Without the manual-testing section, the acceptance tests remain: no running found.
    text = TERRAFORM_PROVIDER.split("## Testing manually")[0] + "## Running tests" \
        + TERRAFORM_PROVIDER.split("## Running tests")[1]
    assert not _analyse(text)["run"]["found"]


def test_a_braced_configuration_holds_no_command() -> None:
    assert readme._is_data('provider_installation {\n  dev_overrides {\n  }\n}')
    assert readme._is_data('resource "google_project" "x" {\n  name = "x"\n}')
    # A shell function or commands are no configuration.
    assert not readme._is_data("start() {\n  npm run dev\n}")
    assert not readme._is_data("npm install\nnpm run dev")
    found = _analyse("# x\n\nA tool.\n\n## Setup\n\n```\nserver {\n  dev_mode on;\n}\n```\n")
    assert not found["run"]["found"]


def test_what_the_host_uses_locally_must_be_the_project() -> None:
    for sentence, expected in [
            ("Tell Terraform to use your local installation of the provider.", True),
            ("Configure QGIS pour utiliser la version locale du plugin.", True),
            # Something else's local copy: the database, a dataset.
            ("The tests use your local installation of PostgreSQL.", False),
            ("Use the local copy of the dataset.", False)]:
        found = _analyse(f"# x\n\nThe x plugin converts files for the ministry.\n\n{sentence}\n")
        assert found["run"]["found"] is expected, sentence


def test_manual_testing_is_using_the_project_not_a_test_suite() -> None:
    assert readme._relevant(parse("# x\n\n## Testing manually\n\nx\n", "README.md"), 5)
    assert readme._relevant(parse("# x\n\n## Tests manuels\n\nx\n", "README.md"), 5)
    assert not readme._relevant(parse("# x\n\n## Tests\n\nx\n", "README.md"), 5)
    assert not readme._relevant(parse("# x\n\n## Testing\n\nx\n", "README.md"), 5)


def test_installing_from_the_checkout_counts_wherever_it_stands() -> None:
    intro = "# x\n\nThe x tool converts files for the team of the ministry.\n\n"
    for command in ("go install ./...", "pip install -e .", "pip install .[dev]",
                    "python -m pip install --user .", "cargo install --path .", "npm ci"):
        found = _analyse(f"{intro}## Tests\n\n```\n{command}\n```\n")
        assert found["install"]["found"], command
    # A package from a registry in a test section is a test tool; a deployment installs on a
    # server, not locally.
    for section, command in [("Tests", "pip install pytest"), ("Tests", "go install golang.org/x/lint"),
                             ("Déploiement", "npm ci"), ("Production", "pip install .")]:
        found = _analyse(f"{intro}## {section}\n\n```\n{command}\n```\n")
        assert not found["install"]["found"], (section, command)
