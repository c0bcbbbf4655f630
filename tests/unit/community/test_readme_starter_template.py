"""A framework starter's README left as generated is a template still to write, and a tool's
usage note is no way to start the service (issue 9). Each case is cut from a real repository
(named in a comment), with negatives beside it."""

from __future__ import annotations

from scanner.community import readme
from scanner.community.markup import parse
from scanner.engine.evaluate import Status
from tests.unit.community.test_readme_routes import _facts, _finding

# SocialGouv/legia README.md:1-34, create-next-app's README, unmodified.
LEGIA = (
    "This is a [Next.js](https://nextjs.org/) project bootstrapped with [`create-next-app`]"
    "(https://github.com/vercel/next.js/tree/canary/packages/create-next-app).\n\n"
    "## Getting Started\n\nFirst, run the development server:\n\n"
    "```bash\nnpm run dev\n# or\nyarn dev\n# or\npnpm dev\n```\n\n"
    "Open [http://localhost:3000](http://localhost:3000) with your browser to see the result.\n\n"
    "You can start editing the page by modifying `app/page.tsx`. The page auto-updates as you "
    "edit the file.\n\n"
    "This project uses [`next/font`](https://nextjs.org/docs/basic-features/font-optimization) to "
    "automatically optimize and load Inter, a custom Google Font.\n\n"
    "## Learn More\n\nTo learn more about Next.js, take a look at the following resources:\n\n"
    "- [Next.js Documentation](https://nextjs.org/docs) - learn about Next.js features and API.\n"
    "- [Learn Next.js](https://nextjs.org/learn) - an interactive Next.js tutorial.\n\n"
    "You can check out [the Next.js GitHub repository](https://github.com/vercel/next.js/) - your "
    "feedback and contributions are welcome!\n\n"
    "## Deploy on Vercel\n\nThe easiest way to deploy your Next.js app is to use the [Vercel "
    "Platform](https://vercel.com/new?utm_medium=default-template&filter=next.js) from the "
    "creators of Next.js.\n\n"
    "Check out our [Next.js deployment documentation](https://nextjs.org/docs/deployment) for "
    "more details.\n")

# The same README once the team wrote its own presentation and sections above the generator's
# line (a near-miss: it keeps "bootstrapped with create-next-app").
OWN = (
    "# Légia\n\nLégia est un outil qui permet aux agents de l'inspection du travail de rechercher "
    "dans le Code du travail et la jurisprudence, avec des réponses sourcées et vérifiables par "
    "les juristes.\n\n"
    "This is a [Next.js](https://nextjs.org/) project bootstrapped with [`create-next-app`]"
    "(https://github.com/vercel/next.js/tree/canary/packages/create-next-app).\n\n"
    "## Installation\n\n```bash\nnpm install\n```\n\n## Lancement\n\n```bash\nnpm run dev\n```\n\n"
    "## Contribuer\n\nLes contributions sont bienvenues : ouvrez une issue ou une pull request sur "
    "[GitHub](https://github.com/SocialGouv/legia/issues).\n")


def test_unmodified_create_next_app_readme_is_a_template() -> None:
    doc = parse(LEGIA, "README.md")
    para = readme.starter_template(doc)
    assert para is not None and para.line == 1
    facts = _facts({"README.md": LEGIA})
    status, message = _finding(facts, "readme-present")
    assert status is Status.REVIEW
    assert "generator writes, left as generated (README.md:1: This is a [Next.js]" in message


def test_generator_sentences_are_not_contributing_nor_install() -> None:
    """"your feedback and contributions are welcome!" (README.md:28) invites to Next.js;
    "## Getting Started" over ``npm run dev`` runs the project and installs nothing."""
    found = readme.analyse(parse(LEGIA, "README.md"))
    assert not found["contributing"]["found"]
    assert not found["what"]["found"]
    assert not found["install"]["found"]
    assert found["run"]["found"]  # ``npm run dev`` does run this project


def test_readme_with_its_own_presentation_keeps_the_generator_line() -> None:
    doc = parse(OWN, "README.md")
    assert readme.starter_template(doc) is None
    found = readme.analyse(doc)
    assert found["what"]["found"] and found["install"]["found"] and found["contributing"]["found"]
    status, _ = _finding(_facts({"README.md": OWN}), "readme-present")
    assert status is Status.PASS


def test_readme_naming_next_js_in_its_own_words_is_no_template() -> None:
    text = ("# Tableau de bord\n\nCe tableau de bord, écrit avec Next.js, permet aux équipes de "
            "suivre les demandes des usagers et leurs délais de traitement.\n\n"
            "To learn more about Next.js, take a look at the following resources:\n\n"
            "- [Next.js Documentation](https://nextjs.org/docs)\n")
    assert readme.starter_template(parse(text, "README.md")) is None


def test_create_react_app_readme_is_a_template() -> None:
    # Create React App's README (facebook/create-react-app packages/cra-template/template/README.md),
    # as every project it bootstraps holds it.
    text = ("# Getting Started with Create React App\n\n"
            "This project was bootstrapped with [Create React App](https://github.com/facebook/"
            "create-react-app).\n\n## Available Scripts\n\nIn the project directory, you can run:\n\n"
            "### `npm start`\n\nRuns the app in the development mode.\\\nOpen [http://localhost:3000]"
            "(http://localhost:3000) to view it in your browser.\n\nThe page will reload when you "
            "make changes.\\\nYou may also see any lint errors in the console.\n\n### `npm test`\n\n"
            "Launches the test runner in the interactive watch mode.\n\n## Learn More\n\n"
            "You can learn more in the [Create React App documentation](https://facebook.github.io/"
            "create-react-app/docs/getting-started).\n\nTo learn React, check out the [React "
            "documentation](https://reactjs.org/).\n")
    assert readme.starter_template(parse(text, "README.md")) is not None


# numerique-gouv/ami-fc-proxy README.md:53-56 (under "### Package and project manager: uv").
AMI = ("Once it's installed, it should be used for everything project related:\n"
       "- adding more dependencies: `uv add (--dev) <dependency, eg: requests>`\n"
       "- running a script (or editor) in the project's python environment: `uv run\n"
       "<command, eg: code>`\n")


def test_tool_usage_note_does_not_run_the_service() -> None:
    doc = parse("# FranceConnect proxy\n\n" + AMI, "README.md")
    assert not readme.analyse(doc)["run"]["found"]
    for line in ("uv add (--dev) <dependency, eg: requests>", "uv run", "uv run <command>",
                 "poetry run <cmd>", "uv run pre-commit run --all-files"):
        assert not readme._is_run(line), line


def test_prefix_note_in_french_does_not_run_the_service() -> None:
    text = ("# Outil\n\nPour lancer n'importe quelle commande dans l'environnement, "
            "préfixez-la avec `uv run`.\n")
    assert not readme.analyse(parse(text, "README.md"))["run"]["found"]


def test_real_start_commands_still_run() -> None:
    """Near-misses: the runner with the service's program after it starts it."""
    for line in ("uv run uvicorn app.main:app --reload", "poetry run flask run", "npm run dev",
                 "uv run fastapi dev", "bundle exec rails server"):
        assert readme._is_run(line), line
