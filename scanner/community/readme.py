"""README analysis: does it say what the service is, how to install and run it locally, under
which licence, and how to contribute? Headings are read first (the structure a reader scans),
then commands in code blocks and key phrases, in French and English.

A command is recognised by where it stands and what it says, not by a list of tools: a code block
or an inline code span in a section about installing, running or developing (or in no section
at all), whose words are those of installing (``install``, ``setup``, ``clone``…) or running
(``run``, ``start``, ``serve``, ``up``, ``dev``…): ``clj -M:run``, ``openfisca serve``,
``just runserver``, ``mix phx.server`` and ``make dev-up`` alike. A command in a section about
something else (tests, deployment, an ETL job) is not how to run the service.

Words count in their context: an address inside a command is no link, a configuration file
shown in a code block (a CI workflow's ``run: |``) holds no command, a "Start" section of clone
and install steps does not start the service, and a "Why"/"Contributing" heading nested in a
section on another subject (post-mortems, a component) is about that subject.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from urllib.parse import urlsplit

from scanner import packages, placeholders
from scanner.community import retired
from scanner.community.markup import Block, Document, Heading, Link, inline_code, plain
from scanner.community.signals import quote_line
from scanner.licences.notices import others_work

_I = re.IGNORECASE
TOPICS = ("what", "install", "run", "licence", "contributing")

_HEADING = {
    "what": re.compile(
        r"\b(?:about|overview|introduction|description|what\s+is|purpose|presentation"
        r"|à\s+propos|a\s+propos|contexte|objectifs?|qu['’]est[- ]ce|pr[ée]sentation"
        r"|fonctionnalit[ée]s|features|(?:le|the|notre|our|ce)\s+(?:projet|project|service|produit"
        r"|product|outil|tool|site|application|startup)|en\s+bref|in\s+(?:a\s+)?nutshell|summary"
        r"|r[ée]sum[ée]|pourquoi|why|mission|concept|g[ée]n[ée]ralit[ée]s|general)\b", _I),
    "install": re.compile(
        # "Set-up", "Pre-requisites", « Pré-requis » as well as "Setup", "Prerequisites".
        r"\b(?:install(?:ation|ing|er)?|setup|set[\s-]*up|getting\s+started|quick\s*start"
        r"|pr[ée][- ]?requis(?:ites?)?|requirements|mise\s+en\s+(?:place|route)|d[ée]marrage"
        r"|d[ée]marrer|configuration|bootstrap|build(?:ing)?|compil(?:er|ation)|onboarding"
        r"|embarquement|environnement\s+de\s+d[ée]veloppement|before\s+(?:you\s+)?start(?:ing)?"
        r"|avant\s+de\s+commencer)\b", _I),
    "run": re.compile(
        # "Usage" of the service, not "Utilisation de Redis" (how the code uses a tool).
        r"\b(?:run(?:ning)?|(?:usage|utilisation)(?!\s+(?:of|de|du|des|d['’]))|start(?:ing)?"
        r"|launch(?:ing)?|lancer|lancez|lancement"
        r"|d[ée]marrer|d[ée]marrage|ex[ée]cut(?:er|ion)|local(?:ement|ly)?"
        r"|en\s+local|develop(?:ment|ing)?|d[ée]velopp(?:ement|er)|getting\s+started"
        r"|quick\s*start|serve[rz]?|servir|serveur|docker)\b", _I),
    "licence": re.compile(r"\b(?:licen[cs]es?|copyright|droits?\s+d['’]auteur)\b", _I),
    # "Contributing", « Contribuer », not "Contributors" (a list of people).
    "contributing": re.compile(r"\bcontribu(?:er|ez|ting|te|tions?|ing|ons)\b|\bparticiper\b"
                               r"|\bhow\s+to\s+help\b|\bcomment\s+aider\b", _I),
}
#: Headings that are about running the service itself, not only about developing it.
_RUN_STRONG = re.compile(
    r"\b(?:run(?:ning)?|(?:usage|utilisation)(?!\s+(?:of|de|du|des|d['’]))|start(?:ing)?"
    r"|launch(?:ing)?|lancer|lancez|lancement|d[ée]marrer|d[ée]marrage|ex[ée]cut(?:er|ion)"
    r"|local(?:ement|ly)?|en\s+local|getting\s+started|quick\s*start|docker)\b", _I)
#: Sections about another activity than installing or running the service: a command there
#: (a test run, a deployment, a data import) is not how to run it.
_UNRELATED = re.compile(
    r"\b(?:tests?|testing|tester|lint\w*|format\w*|d[ée]ploi\w*|deploy\w*|production|prod"
    r"|recette|staging|CI|int[ée]gration\s+continue|continuous|release|publication|publish"
    r"|migrations?|backups?|sauvegardes?|restaur\w*|restore|etl|import\w*|export\w*|metabase"
    r"|monitoring|supervision|troubleshoot\w*|d[ée]pannage|faq|debug\w*|cron|jobs?"
    r"|scripts?|maintenance|admin\w*|storybook)\b", _I)
#: Words of a command line that starts the service (compound words are split on ``-_.:/``).
_RUNNING = {"start", "serve", "server", "runserver", "up", "dev", "develop", "watch", "launch",
            "bootrun", "lancer", "demarrer", "servez"}
#: ``run`` alone says little (``npm run build`` runs a build): it counts when the command names
#: no other activity.
_RUN_WEAK = {"run"}
#: Words that make a command about another activity; "commit" for git hooks run by hand
#: (numerique-gouv/ami-fc-proxy CONTRIBUTING.md:26: ``uv run pre-commit run --all-files``).
_OTHER = ("test", "lint", "format", "build", "install", "migrat", "seed", "deploy", "check",
          "compile", "coverage", "e2e", "clean", "generat", "codegen", "typecheck", "fixture",
          "setup", "init", "bench", "commit")
#: Words of a command that checks the code rather than installing it.
_TESTING = ("test", "lint", "format", "coverage", "e2e", "typecheck")
#: Words of a command that does something else than start the service.
_NOT_RUNNING = (*_TESTING, "install", "build", "migrat", "seed", "deploy", "clean")
#: Words of a command line that installs dependencies or a checkout.
_INSTALLING = {"install", "i", "ci", "setup", "bootstrap", "init", "clone", "sync", "build",
               "deps", "dependencies", "get", "restore", "provision", "prepare", "preparer",
               "download"}
#: Installers that install with no argument (``yarn``, ``bundle``, ``mix deps.get``).
_BARE_INSTALLERS = re.compile(r"^\s*(?:yarn|bundle|pnpm\s+i|npm\s+i|poetry\s+install|uv\s+sync"
                              r"|pipenv\s+install|composer\s+install)\s*$", _I)
#: Containers install what they need: ``docker compose up`` is the whole set-up.
_CONTAINER_UP = re.compile(r"\bdocker[- ]compose\b[^\n]{0,200}?\b(?:up|build)\b|\bdocker\s+run\b", _I)
_LICENCE_TEXT = re.compile(
    r"\blicen[cs]e[ds]?\s+(?:under|sous)\b|\bsous\s+(?:la\s+)?licence\b"
    r"|\bunder\s+(?:the\s+)?[\w .-]{0,100}licen[cs]e"
    r"|\bLICEN[CS]E(?:\.md|\.txt)?\b|spdx|\b(?:MIT|AGPL|GPL|EUPL|CeCILL|MPL|BSD)\b"
    # "Apache" alone names a foundation's software (« la librairie Apache Oltu »,
    # france-connect/service-providers-examples), not its licence: with a version or "License".
    r"|\bApache[- ]?(?:v?2(?:\.0)?\b|(?:Software\s+)?Licen[cs]e)", _I)
#: What one contributes to when a README invites contributions: the project or its work (a
#: determiner then such a word), the project's name (a capital), or "it".
_CONTRIB_OBJECT = (
    r"(?:(?:(?:ce|cet|cette|ces|notre|nos|votre|vos|le|la|les|l['’]|this|the|our|its|their)\s*)?"
    r"(?:projets?|projects?|code|sources?|d[ée]p[ôo]ts?|repository|repo|codebase|d[ée]velopp\w*"
    r"|develop\w*|services?|logiciels?|software|documentation|doc|applications?|app|outils?|tools?"
    r"|am[ée]lior\w*|improv\w*|traductions?|translations?|librar\w*|librairies?|biblioth[èe]ques?"
    r"|site|plateformes?|platforms?|modules?|packages?|API|efforts?|open[- ]?source|communs?"
    r"|commons|[ée]volutions?|fonctionnalit[ée]s?|features?|it|celui-ci|celle-ci)\b"
    r"|(?-i:[A-Z0-9@]))")
#: Words that tell readers how to contribute to the project: the guide named, an invitation, a
#: way to propose a change. A pull request in a deployment note, a "contribution interface" of
#: the product or a list of contributors are not.
_CONTRIB_TEXT = re.compile(
    r"(?-i:\bCONTRIBUT(?:ING|E)\b|\bCONTRIBUER\b)|\bcontributing\.(?:md|rst|adoc|txt)\b"
    r"|\b(?:pour|to|how\s+to|comment|souhaitez|voulez|want\s+to|wish\s+to|like\s+to)\s+contribu(?:er|te)\b"
    # "Contribute to" the project, not « contribuer à une RH vertueuse » (a mission statement):
    # its object names the project, its work or its name.
    r"|\bcontribu(?:er|te)\s+(?:au|aux|à|a|to|on)\s+" + _CONTRIB_OBJECT +
    r"|\b(?:les\s+|vos\s+|toutes?\s+(?:les\s+)?|your\s+|any\s+|external\s+)?contributions?\s+(?:sont|est|are|is)"
    r"\s+(?:les\s+|the\s+|tr[èe]s\s+|very\s+|always\s+|toujours\s+)?(?:bienvenues?|welcome|appr[ée]ci[ée]es?|encouraged)"
    # A singular change asked for with no article ("creer ticket Github pour les implementer") is
    # a note of the team's to-do list, not an address to readers: it takes a determiner.
    r"|\b(?:open|opening|ouvr\w*|cr[ée]\w*|create|submit|soumet\w*|propos\w*|send|envoy\w*|file)\s+"
    r"(?:(?:an?|une?|des|les?|la|l['’]|vos|votre|tes|ton|ta|your|the|some)\s*(?<=\s|['’])"
    r"(?:new\s+|nouvelle?\s+)?(?:issues?|tickets?|pull[- ]requests?|merge[- ]requests?|PRs?|MRs?"
    r"|patch(?:es)?)|(?:new\s+|nouvelle?s?\s+)?(?:issues|tickets|pull[- ]requests|merge[- ]requests"
    r"|PRs|MRs|patches))\b"
    r"|\b(?:report(?:er)?|signaler|remonter)\s+(?:an?\s+|une?\s+|des\s+|un\s+)?(?:bugs?|issues?"
    r"|probl[èe]mes?)"
    r"|\b(?:via|par|through|by|with|avec|en)\s+(?:le\s+biais\s+(?:de\s+|d['’])|des\s+|une?\s+|an?\s+)?"
    r"(?:pull|merge)[- ]requests?\b", _I)
#: An invitation to take part addressed to the reader: a call for contributions that is open to
#: them (CEREMA/schema-arrete-circulation-marchandises: « Un appel à contributions a aussi été
#: réalisé … Ce dernier est toujours actif si vous souhaitez faire un retour »), an invitation to
#: help translate (LINCnil/pia: "To translate the software, we invite you to make your changes
#: here"). It counts with where to do it (a link or an address in the same paragraph): a contact
#: address alone (« Un avis, des questions ? Contactez-nous ») is no invitation to contribute.
_INVITATION = re.compile(
    r"\bappels?\s+(?:à|a)\s+(?:contributions?|contributeur\w*|participation)\b"
    r"|\bcalls?\s+for\s+(?:contributions?|contributors|participation|translators)\b"
    r"|\b(?:contributions?|contributors|translators|traducteur\w*|traductions?|translations?)\s+"
    r"(?:are\s+|sont\s+)?(?:wanted|needed|recherch[ée]\w*|bienvenu\w*|welcome)\b"
    r"|\binvit(?:e|ons|ez)\s+(?:you|vous)\s+(?:to|à|a)\s+(?:\w+\s+){0,2}?(?:contribu\w*|translat\w*"
    r"|tradui\w*|particip\w*|propos\w*|submit\w*|soumet\w*|make\s+(?:your\s+)?changes"
    r"|faire\s+(?:vos|des)\s+(?:modifications|propositions))"
    r"|\b(?:help|aide[rz]?)\s+(?:us\s+|nous\s+)?(?:to\s+|à\s+|a\s+)?(?:translat\w*|tradui\w*)"
    r"|\b(?:to|pour)\s+(?:translate|traduire)\s+(?:the|this|our|le|la|les|ce|cet|cette|l['’])\s*"
    r"(?:software|app\w*|project|projet|tool|outil|logiciel|site|interface|service|plateforme"
    r"|platform|documentation|doc)\b"
    # Feedback asked to improve the project (dnum-mi/cartographie-donnees: « n'hésitez pas à nous
    # contacter ( … @interieur.gouv.fr ) pour améliorer l'outil »), not a contact for help.
    r"|\b(?:contact\w*|[ée]cri(?:re|vez)|write|reach|sollicit\w*)\b(?:[^.!?]|[.](?=\w)){0,80}?"
    r"\b(?:pour|to|afin\s+d['’])"
    r"\s+(?:nous\s+aider\s+(?:à|a)\s+|help\s+(?:us\s+)?)?(?:am[ée]liorer|improve)\s+"
    r"(?:ce|cet|cette|le|la|l['’]|notre|this|the|our)\s*(?:outil|tool|projet|project|service"
    r"|logiciel|software|application|app|site|plateforme|platform|code|documentation)\b", _I)
#: Words that address the reader: an invitation is to them, not a story of the project
#: (« Ce projet est né d'un appel à contributions de l'ANCT »).
_TO_READER = re.compile(r"\b(?:you|your|vous|votre|vos|n['’]h[ée]sitez)\b|\b(?:join|help)\s+us\b"
                        r"|\bfeel\s+free\b"
                        r"|-(?:nous|vous)\b", _I)
_ADDRESS = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def _invites(doc: Document, para: Block) -> bool:
    """Whether the paragraph invites the reader to take part and says where (a link or an
    address): see :data:`_INVITATION`. A starter's stock sentence invites to the framework
    (create-next-app's "your feedback and contributions are welcome!")."""
    text = plain(para.text)
    if not (_INVITATION.search(text) and _TO_READER.search(text)):
        return False
    text = plain(_STARTER_TEXT.sub(" ", para.text))
    if not (_INVITATION.search(text) and _TO_READER.search(text)):
        return False
    code = doc.code_lines()
    return (any(para.line <= a.line <= para.last and a.line not in code for a in doc.anchors)
            or bool(_ADDRESS.search(para.text)))


#: Sections about delivering the service (releases, deployment, environments, review apps, CI):
#: a pull request there is a step of the team's release ("créer une nouvelle PR" from main to
#: production), not how others propose a change.
_DELIVERY = re.compile(
    r"\b(?:d[ée]ploi\w*|deploy\w*|mise\s+en\s+prod\w*|production|prod|recette|staging"
    r"|pr[ée][- ]?prod\w*|releases?|releasing|versioning|changelog|hotfix\w*|rollback"
    r"|review[- ]?apps?|preview\s+(?:apps?|environments?|deployments?)|(?-i:CI(?:/CD)?|CD)"
    r"|int[ée]gration\s+continue|continuous\s+(?:integration|delivery|deployment)|livraison)\b", _I)
#: A text about an application deployed for each pull request: the PR it names is the app's.
_REVIEW_APP = re.compile(r"\breview[- ]?apps?\b|\bpreview\s+(?:apps?|environments?|deployments?)\b"
                         r"|\bapplications?\s+temporaires?\b", _I)
#: Headings about how the team works on changes: they decide for the sections below them.
_WORKFLOW = re.compile(r"\b(?:pull[- ]requests?|merge[- ]requests?|PRs?|MRs?|reviews?|relectures?"
                       r"|workflow|git|branch\w*|branches|commits?)\b", _I)


def delivery_lines(doc: Document) -> set[int]:
    """Lines about delivering the service rather than proposing a change: those of a section
    whose nearest deciding heading is about releases, deployment or CI (a heading about
    contributing or the team's workflow decides otherwise), paragraphs about review apps, and
    a heading over a section about them ("Creating a PR with access to the FC service")."""
    lines: set[int] = set()
    total = doc.text.count("\n") + 1
    chain: list[Heading] = []
    headings = doc.headings
    for index, heading in enumerate(headings):
        while chain and chain[-1].level >= heading.level:
            chain.pop()
        chain.append(heading)
        end = headings[index + 1].line if index + 1 < len(headings) else total + 1
        decided = next((h for h in reversed(chain) if _HEADING["contributing"].search(h.text)
                        or _WORKFLOW.search(h.text) or _DELIVERY.search(h.text)), None)
        if decided is not None and not _HEADING["contributing"].search(decided.text) \
                and not _WORKFLOW.search(decided.text):
            lines.update(range(heading.line, end))
        elif any(_REVIEW_APP.search(p.text) for p in doc.paragraphs if heading.line < p.line < end):
            lines.add(heading.line)
    for para in doc.paragraphs:
        if _REVIEW_APP.search(para.text):
            lines.update(range(para.line, para.last + 1))
    return lines


#: Headings about getting help with the service: an issue opened there asks for support
#: (betagouv/recommandations-collaboratives README.md:270-272, « En cas de difficultés » :
#: « n'hésitez pas à ouvrir une `issue` sur GitHub, nous vous répondrons »), it is no way to
#: propose a change.
_SUPPORT = re.compile(r"\b(?:difficult[ée]s?|difficult(?:y|ies)|support|assistance|besoin\s+d['’]aide"
                      r"|need\s+help|getting\s+help|troubleshoot\w*|d[ée]pannage|faq)\b", _I)


def _support_lines(doc: Document) -> set[int]:
    """Lines of paragraphs whose nearest heading is about getting help (:data:`_SUPPORT`) and
    not about contributing."""
    lines: set[int] = set()
    for para in doc.paragraphs:
        section = doc.section_of(para.line)
        if section and _SUPPORT.search(section[-1].text) \
                and not _HEADING["contributing"].search(section[-1].text):
            lines.update(range(para.line, para.last + 1))
    return lines


#: Link targets that are the licence or the contribution guide.
_LICENCE_LINK = re.compile(r"(?:^|/)(?:licen[cs]es?|copying)(?:[._-][^/]*)?$|/licen[cs]es?(?:/|$)", _I)
_CONTRIB_LINK = re.compile(r"(?:^|/)(?:contributing|contribuer|contribute)(?:[._-][^/]*)?$"
                           r"|/contributing/?$", _I)
#: Forge pages where a change is proposed: a new issue, a new or edited file, a comparison.
FORGE_PROPOSAL = re.compile(
    r"^https?://[^/?#]+/(?:(?!(?:blob|tree|raw)/)[^/?#]+/){2,6}?(?:-/)?"
    r"(?:issues/new|new/[^/?#]+|edit/[^/?#]+|compare|merge_requests/new)(?:[/?#]|$)", _I)
#: A paragraph about the repository rather than the service: it is archived, it moved.
_REPOSITORY_STATUS = re.compile(
    r"\b(?:archiv\w*|d[ée]plac[ée]|moved|deprecated|obsol[èe]te|no\s+longer\s+maintained"
    r"|plus\s+maintenu|nouveau\s+d[ée]p[ôo]t|new\s+repository"
    # A note on the document itself ("Cette documentation est en cours de création"), not on
    # what the service is.
    r"|(?:documentation|readme|page|ce\s+document|this\s+document)\s+(?:est|is)\s+(?:en\s+cours"
    r"|encore\s+en\s+cours|a\s+work\s+in\s+progress|under\s+construction|being\s+written)"
    r"|work\s+in\s+progress|under\s+construction)\b", _I)
#: Sentences a framework's generator writes into every new project's README (Feathers, Create
#: React App, Angular CLI, Next.js, Vite, Nest, Rails, Symfony, Laravel, SvelteKit, Nuxt…):
#: they name the framework, never what the service is (anct-cnum/api-conseiller-numerique's
#: "## About": "This project uses Feathers. An open source web framework for building modern
#: real-time applications.").
_END = r"[^\n]*?(?:\.(?=\s|$)|$)"  # the rest of the sentence (a link's address may hold dots)
#: The rest of a sentence that may run over lines of its paragraph, to a full stop or a colon
#: ("… that implement the interface. Eg:").
_SPAN = r"(?:[^.:\n]|[.:](?!\s|$)|\n(?![ \t]*\n)){0,400}?(?:[.:](?=\s|$)|$)"
#: The stock text API code generators (OpenAPI Generator, swagger-codegen) write into the README
#: of a stub, server or client they make (ansforge/psc-secpsc-api's "## Overview": "This code was
#: generated by the [OpenAPI Generator](…) project. By using the [OpenAPI-Spec](…), you can
#: easily generate an API stub. This is an example of building API stub interfaces in Java using
#: the Spring framework."): the generator and its template, never what the service is.
_GENERATOR = (
    r"\bthis\s+(?:code|server|client|sdk|package|library|module|project|api\s+client|\w+\s+package)"
    r"\s+(?:was|is|has\s+been)\s+(?:automatically\s+|auto-)?generated\s+by\s+the\s+\[?"
    rf"(?:openapi[- ]?generator|swagger[- ]?codegen)\b{_SPAN}"
    r"|\bby\s+using\s+the\s+\[?(?:openapi|swagger)[- ]?spec\b" + _SPAN +
    r"|\bthis\s+is\s+an\s+example\s+of\s+building\s+(?:an?\s+)?(?:openapi|swagger|api|server|stub|node|"
    r"python|java|spring|flask|express)" + _SPAN +
    r"|\bthis\s+example\s+uses\s+the\s+\[?\S+\]?(?:\([^)\n]{0,300}\))?\s+(?:framework|library)" + _SPAN +
    r"|\bthe\s+stubs\s+generated\s+can\s+be\s+used\b" + _SPAN +
    r"|\byou\s+can\s+also\s+use\s+the\s+interface\s+to\s+create\b" + _SPAN +
    r"|\bthe\s+underlying\s+library\s+integrating\s+(?:openapi|swagger)\b" + _SPAN +
    r"|\bspringdoc\s+will\s+generate\s+an\s+openapi\b" + _SPAN +
    r"|\bto\s+see\s+how\s+to\s+make\s+this\s+your\s+own\b" + _SPAN)
#: The stock sentences of the READMEs framework starters write (SocialGouv/legia README.md, the
#: create-next-app template: "You can start editing the page by modifying `app/page.tsx`.", "To
#: learn more about Next.js, take a look at the following resources:", "You can check out [the
#: Next.js GitHub repository](…) - your feedback and contributions are welcome!", "The easiest way
#: to deploy your Next.js app is to use the [Vercel Platform](…)"; Create React App's "In the
#: project directory, you can run:", "You can learn more in the [Create React App
#: documentation](…)"; Angular CLI's "Run `ng generate component component-name` to generate a new
#: component."; Vite's "Currently, two official plugins are available:"): they are about the
#: framework, never what the service is nor how to take part in it.
_STARTER = (
    r"\bthis\s+(?:is\s+an?\s+[^\n]{1,80}?\s+)?(?:project|app(?:lication)?|repo(?:sitory)?|template)"
    rf"\s+(?:was\s+)?(?:bootstrapped|generated|created|scaffolded|initiali[sz]ed)\s+(?:with|using|by)\b{_END}"
    rf"|\byou\s+can\s+start\s+editing\s+the\s+page\s+by\s+modifying{_END}"
    rf"|\bthe\s+page\s+auto-updates\s+as\s+you\s+edit\s+the\s+file{_END}"
    rf"|\bthis\s+project\s+uses\s+\S*next/font\S*\s+to\s+automatically\s+optimi[sz]e{_END}"
    r"|\bto\s+learn\s+more\s+about\s+(?:next\.?js|react|vue|vite|nuxt|angular|nest\S*|svelte\S*)"
    rf",\s+take\s+a\s+look\s+at\s+the\s+following\s+resources{_END}"
    r"|\byou\s+can\s+check\s+out\s+\[?the\s+next\.?js\s+github\s+repository\b"
    r"(?:[^\n.!]|\.(?!\s|$))*?your\s+feedback\s+and\s+contributions\s+are\s+welcome!?"
    rf"|\bthe\s+easiest\s+way\s+to\s+deploy\s+your\s+next\.?js\s+app\b{_END}"
    rf"|\bcheck\s+out\s+our\s+\[?next\.?js\s+deployment\s+documentation{_END}"
    rf"|\bin\s+the\s+project\s+directory,\s+you\s+can\s+run{_END}"
    rf"|\byou\s+can\s+learn\s+more\s+in\s+the\s+\[?create\s+react\s+app\s+documentation{_END}"
    rf"|\bto\s+learn\s+react,\s+check\s+out\s+the\s+\[?react\s+documentation{_END}"
    rf"|\brun\s+`ng\s+generate\s+component\s+component-name`{_END}"
    rf"|\bto\s+get\s+more\s+help\s+on\s+the\s+angular\s+cli\b{_END}"
    rf"|\bfor\s+more\s+information\s+on\s+using\s+the\s+angular\s+cli\b{_END}"
    rf"|\bcurrently,\s+two\s+official\s+plugins\s+are\s+available{_END}"
    r"|\ban\s+open\s+source\s+web\s+framework\s+for\s+building\s+modern\s+real-time\s+applications\.?"
    rf"|\ba\s+progressive\s+node\.?js\s+framework\s+for\s+building\s+efficient{_END}"
    r"|\bnest\S*\s+framework\s+typescript\s+starter\s+repository\.?"
    rf"|\bthis\s+readme\s+would\s+normally\s+document\s+whatever\s+steps{_END}"
    rf"|\bthis\s+(?:template|starter)\s+(?:should\s+help|provides|helps)\b{_END}"
    rf"|\ba\s+minimal\s+symfony\s+project\s+recommended{_END}"
    # dunglas/symfony-docker's tagline, kept by MTES-MCT/Lucca README.md:5.
    r"|\ba\s+\[?docker\]?(?:\([^)\n]*\))?-based\s+installer\s+and\s+runtime\s+for\s+the\s+"
    r"\[?symfony\]?(?:\([^)\n]*\))?\s+web\s+framework[^.\n]*(?:\.|$)"
    rf"|\blaravel\s+is\s+a\s+web\s+application\s+framework\s+with\s+expressive{_END}"
    rf"|\beverything\s+you\s+need\s+to\s+build\s+a\s+svelte\s+project{_END}"
    rf"|\blook\s+at\s+the\s+\S*nuxt\S*\s+(?:\d\s+)?documentation\S*\s+to\s+learn\s+more{_END}")
_BOILERPLATE = re.compile(
    _GENERATOR + "|"
    r"\bthis\s+(?:project|app(?:lication)?|repo(?:sitory)?)\s+uses\s+\S+(?:\s+\S+)?\s*(?:\.|$)"
    "|" + _STARTER, _I)
#: Where a README holds a starter's stock sentence: what :func:`starter_template` names.
_STARTER_TEXT = re.compile(_STARTER, _I)
#: A paragraph that introduces the repository's layout (sigrennesmetropole/geor_tabou2_backend:
#: « Le projet _git_ est construit comme suit : » over a list of its folders), and a list item
#: that is one entry of it (« `docker` : ce répertoire contient… »): the folders, not the service.
_LAYOUT = re.compile(
    r"\b(?:projet|project|d[ée]p[ôo]t|repository|repo|code(?:\s+source)?|arborescence|structure)\b"
    r"[^.\n]{0,40}?\b(?:est\s+(?:construit|organis[ée]|structur[ée]|d[ée]coup[ée]|compos[ée]|divis[ée])"
    r"|is\s+(?:built|organi[sz]ed|structured|laid\s+out|split|composed|divided)"
    r"|se\s+(?:compose|d[ée]compose|structure)|contient\s+les\s+(?:dossiers|r[ée]pertoires)"
    r"|contains\s+the\s+following)\b"
    # Its architecture (MTES-MCT/Lucca README.md:9: "Lucca uses a containerized architecture
    # based on three main services:").
    r"|\b(?:uses|relies\s+on|utilise|repose\s+sur)\s+(?:a|an|une)\s+(?:[\w-]+\s+){0,2}architecture\b", _I)
_LAYOUT_ITEM = re.compile(r"^\s*(?:\*\*|__)?`[^`\s]{1,120}`(?:\*\*|__)?\s*(?::|：|–|—|-|=>|->"
                          r"|(?:qui|which|that|contient|contains|holds)\b)", _I)


def presenting_words(text: str) -> int:
    """How many words of a paragraph may present the service: none in a note on the
    repository's layout; otherwise its words, leaving out the text of links and the sentences
    a framework's generator writes (:data:`_BOILERPLATE`)."""
    if _LAYOUT_ITEM.match(text) or _LAYOUT.search(plain(text)):
        return 0
    return len(_WORD.findall(plain(_LINK_TEXT.sub(" ", _BOILERPLATE.sub(" ", text)))))


#: Fewest starter sentences that make a README the generator's template whatever else it holds
#: (Create React App's README is long, and all of it is the generator's).
MIN_STARTER_SENTENCES = 3


def starter_template(doc: Document) -> Block | None:
    """The paragraph that shows a README is a framework starter's, left as generated
    (SocialGouv/legia: create-next-app's README, unmodified): it holds a starter's stock
    sentence (:data:`_STARTER`), the README never says what the service is, and its own words
    are fewer than a README's worth or the starter's sentences are several. A README that keeps
    the generator's line beside its own presentation is the team's."""
    held = [p for p in doc.paragraphs if _STARTER_TEXT.search(p.text)]
    if not held or _find(doc, "what", doc.prose_words() < MIN_README_WORDS) is not None:
        return None
    own = sum(presenting_words(p.text) for p in doc.paragraphs)
    sentences = sum(len(_STARTER_TEXT.findall(p.text)) for p in held)
    return held[0] if own < MIN_README_WORDS or sentences >= MIN_STARTER_SENTENCES else None


def starter_placeholder(doc: Document, path: str) -> dict[str, object] | None:
    """A starter's README left as generated, as a template placeholder to fill
    (:func:`scanner.placeholders.find`'s entry, marked ``starter``): its generator's sentence,
    quoted."""
    para = starter_template(doc)
    if para is None:
        return None
    quoted = quote_line(doc.text.splitlines()[para.line - 1])
    return {"path": path, "line": para.line, "text": quoted, "summary": f"{path}:{para.line}: {quoted}",
            "starter": True}


#: Words that describe what something does or is: a verb or a participle of function (« API
#: permettant de télécharger… », "a tool that provides…", « outil pour publier… »). A short
#: README's line with them says what the service is; a bare noun phrase that expands the title
#: (« Documentation de la GéoAPI ») does not.
_DESCRIBES = re.compile(
    r"\b(?:permet(?:tant|tent)?|permettre|allow(?:s|ing)?|enabl(?:es|ing)|provid(?:es|ing)|offr(?:e|ent|ant)"
    r"|offer(?:s|ing)|propos(?:e|ent|ant)|fourni(?:t|ssent|ssant)|expos(?:e|ent|ant|es|ing)"
    r"|let(?:s|ting)|help(?:s|ing)|aid(?:ent|ant)|aims?\s+to|vise|visant|sert|servant|serves"
    r"|destin[ée]e?s?\s+[àa]|d[ée]di[ée]e?s?\s+[àa]|used\s+to|designed\s+to|intended\s+to"
    r"|is\s+an?|are\s+an?|est\s+une?|sont\s+des|g[èe]re|g[ée]n[èe]re|manages?|generates?"
    r"|centralis(?:e|es|ing|ant)|calcul(?:e|ates?|ant)|affich(?:ent|ant)|displays|collect(?:s|ing|ant)"
    r"|publi(?:e|shes)|compar(?:es|ing|ant)|t[ée]l[ée]charg(?:e|ent|er|eant)"
    r"|(?:pour|afin\s+de)\s+(?:se\s+|s['’])?(?!(?:votre|notre|autre|entre|chaque)\b)[^\W\d_]{2,}(?:er|ir|re)"
    r"|(?:tool|service|api|app(?:lication)?|library|platform|website|site)\s+(?:to|for|that|which)"
    r"\s+\w+)\b", _I)
#: Fewest prose words of an introduction paragraph that says what the service is; a list item
#: (usually a link) needs a sentence's worth.
MIN_PROSE_WORDS = 5
MIN_LISTED_WORDS = 8
#: Fewest prose words of a README that presents the repository: readme-present's threshold
#: (rules/publication/readme-present.yaml). Below it, what the service is takes a sentence's
#: worth too, so that a title's tagline ("Standards de l'Incubateur de l'ADEME", the README's
#: only words) is not "what the service is" for one rule while the other says the README is
#: too short to present the repository.
MIN_README_WORDS = 30
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_LINK_TEXT = re.compile(r"!?\[[^\]\n]{0,500}\]\([^)\n]{0,500}\)|\[\[[^\]\n]{0,500}\](?:\[[^\]\n]{0,300}\])?\]"
                        r"|`[^`<\n]{0,300}<[^>`\n]{1,500}>`_+|<a\s[^>]{0,500}>.{0,500}?</a\s*>", _I)
#: A code block that is a sample of markup or data (an HTML snippet, a JSON response) shows what
#: the service takes or returns, not a command to install or run it.
_SAMPLE = re.compile(r"^\s*(?:<|\{|\[|\})")
_COMMENT = re.compile(r"^\s*(?:#|//|--|;|rem\s|::)", _I)
_PROMPT = re.compile(r"^\s*(?:\$|>|%|PS>)\s+")
#: What a link to an installation or developer guide says of itself (its text, its file name).
_GUIDE = re.compile(
    r"install|setup|set-up|onboard|embarqu|getting[-_ ]?started|quick[-_ ]?start|d[ée]marr"
    r"|lancer|\brun\b|running|local|develop|d[ée]velopp|contribu|hacking|mise en (?:place|route)"
    r"|documentation|\bdocs?\b|guide", _I)


@dataclass(frozen=True)
class Evidence:
    """Where a topic was found: the line, and whether a heading, the text or a link showed it."""

    line: int | None
    via: str

    def to_facts(self) -> dict[str, object]:
        return {"found": True, "line": self.line, "via": self.via}


def analyse(doc: Document, project: Collection[str] = ()) -> dict[str, dict[str, object]]:
    """For each topic: ``{"found": bool, "line": int | None, "via": "heading" | "text" | None}``;
    ``run`` also found (with ``"usage": True``) as the usage example of a library or a tool
    whose package the document installs, when that package is the ``project`` (names of the
    repository and of the README's title; any package when none is known), or when a "Usage"
    section that tells how to run holds that example."""
    result: dict[str, dict[str, object]] = {}
    short = doc.prose_words() < MIN_README_WORDS
    for topic in TOPICS:
        found = _find(doc, topic, short, project)
        result[topic] = found.to_facts() if found else {"found": False, "line": None, "via": None}
    run = result["run"]
    if not run["found"]:
        launched = launched_in_host(doc, project)
        if launched is not None:
            result["run"] = run = launched.to_facts()
    install = result["install"]
    if install["via"] == "heading" and not _installs_in(doc, install["line"]) \
            and starter_template(doc) is not None:
        # create-next-app's "## Getting Started" over ``npm run dev`` runs the project; it
        # installs nothing.
        result["install"] = {"found": False, "line": None, "via": None}
    if result["install"]["found"] and installs_own_package(doc, project):
        # The project is installed as a package: running it is using it.
        result["install"]["library"] = True
    line = usage_example(doc, project) if not run["found"] or run["via"] == "heading" else None
    if line is not None:
        if not run["found"]:
            result["run"] = {"found": True, "line": line, "via": "text", "usage": True}
        elif _usage_section_holds(doc, run["line"], line):
            # A "Usage" section that installs the package and imports it (InseeFr/Lunatic:
            # ``yarn add @inseefr/lunatic`` then ``import { useLunatic } from
            # '@inseefr/lunatic'``) runs a library the way a library runs.
            run["usage"] = True
    return result


#: A sentence that launches the project from the application it extends, by a click
#: (MTES-MCT/metadata-postgresql, a QGIS plugin: « Pour lancer Plume, cliquez sur son icône dans
#: la barre d'outils de la fenêtre principale de QGIS »): the launching verb, what it launches,
#: then a click, an icon, a menu or a toolbar within the sentence.
_LAUNCH_IN_HOST = re.compile(
    r"\b(?:lancer|lancez|d[ée]marrer|d[ée]marrez|ouvrir|ouvrez|launch|start|open)\s+"
    r"(?:(?:le|la|l['’]|the|your|votre)\s*)?([^\W\d_][\w-]{1,40})\b[^.!?\n]{0,120}?"
    r"\b(?:cliqu\w*|click\w*|ic[ôo]nes?|icons?|menus?|toolbar|barre\s+d['’]outils|boutons?"
    r"|buttons?)\b", _I)
#: A sentence that has the host use the local build of the project instead of a published one
#: (pass-culture/terraform-provider-pc README.md:7: "you can simply tell Terraform to use your
#: local installation of the provider instead of the one downloaded from the registry"): a
#: provider or a plugin runs in its host, loaded from where it was installed.
_HOST_USES_LOCAL = re.compile(
    r"\b(?:use|uses|using|load|loads|utilise[rz]?|utilisant|charge[rz]?)\s+(?:your|the|votre|la|le|l['’])"
    r"\s*(?:(?:own\s+)?(?:local|locally[- ]built)\s+(?:installation|install|build|version|copy|binary"
    r"|checkout)\s+of|(?:installation|version|copie|build|binaire)\s+locale?\s+(?:de|du|d['’]))"
    r"\s*(?:(?:the|this|your|le|la|l['’]|ce|cette|votre)\s*)?([^\W\d_][\w-]{1,40})\b", _I)
#: What a plugin or an application is called when the sentence does not name it.
_EXTENSION = re.compile(r"^(?:plugin|plug-in|extension|greffon|module|add-on|addon|application"
                        r"|app|logiciel|software|outil|tool|provider|fournisseur)s?$", _I)


def launched_in_host(doc: Document, project: Collection[str] = ()) -> Evidence | None:
    """How a plugin or a desktop application is run: a sentence that launches it, by its name
    (the ``project``'s) or as "the plugin", with a click in its host (:data:`_LAUNCH_IN_HOST`),
    or the host told to use its local installation (:data:`_HOST_USES_LOCAL`), in a section
    about running, using or installing it (or in none). « Pour lancer une analyse, cliquez… »
    launches something else."""
    own = set().union(*(_words(p) for p in project))
    for para in doc.paragraphs:
        if not _relevant(doc, para.line):
            continue
        text = plain(para.text)
        for match in [*_LAUNCH_IN_HOST.finditer(text), *_HOST_USES_LOCAL.finditer(text)]:
            name = match.group(1)
            if _EXTENSION.match(name) or (len(name) >= 4 and name.lower() in own):
                return Evidence(para.line, "text")
    return None


#: Heading words about using what is installed, not starting it.
_USING = re.compile(r"\b(?:usage|utilisation)\b", _I)


def _usage_section_holds(doc: Document, heading_line: object, line: int) -> bool:
    """Whether ``line`` stands in the section of the heading at ``heading_line`` and that
    heading is about usage only ("Usage", « Installation et utilisation »; a "Quickstart" or a
    "Run" section starts the service)."""
    heading = next((h for h in doc.headings if h.line == heading_line), None)
    if heading is None or line <= heading.line or not _USING.search(heading.text) \
            or _RUN_STRONG.search(_USING.sub(" ", heading.text)):
        return False
    end = _section_end(doc, heading)
    return end is None or line < end


_JAR = re.compile(r"([\w.-]+)\.jar\b", _I)
_IMPORT = re.compile(
    r"^\s*(?:from\s+([\w.]+)\s+import\b|import\s+([\w.]+)\s*$|import\s+([\w.]+)\s+as\b"
    r"|.*\brequire\(\s*['\"]([^'\"]+)['\"]|.*\bfrom\s+['\"]([^'\"]+)['\"]|use\s+([\w\\]+))")


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _words(name: str) -> set[str]:
    return {w for w in re.split(r"[^a-z0-9]+", name.lower()) if len(w) >= 4}


def _spans(doc: Document) -> list[tuple[int, str]]:
    """Command lines of code blocks and inline code spans, each with its line, in sections
    about installing, running, developing or deploying the service (or none): a deployment
    guide that starts the project's own program (sigrennesmetropole/geor_signalement's
    readme/README_INSTALL.md, « Déploiement de l'application backend »: ``java -jar
    signalement.jar``) tells how to run it."""
    found = [(b.line, line) for b in doc.code_blocks if _relevant(doc, b.line, deploying=True)
             for line in _command_lines(b)]
    found += [(p.line, span) for p in doc.paragraphs if _relevant(doc, p.line, deploying=True)
              for span in inline_code(p.text) if not builds_docs(span)]
    return found


def _installed(spans: list[tuple[int, str]]) -> set[str]:
    """Names of the packages the document installs, and of the jars it ships."""
    names: set[str] = set()
    for _, line in spans:
        for command in re.split(r"&&|;", line):
            install = packages.leading(command)
            if install:  # ``composer require vendor/x``, ``go install …/x``: x
                names.add(install.name.rsplit("/", 1)[-1])
        names.update(m.group(1) for m in _JAR.finditer(line))
    return {n for n in names if len(_key(n)) >= 3}


#: The language a Markdown fence names (```` ```java ````).
_FENCE = re.compile(r"^\s{0,3}(?:`{3,}|~{3,})\s*\{?\.?([\w+#-]{1,30})")
#: Languages of code, markup or data: a line of code there is no command line to type
#: (InseeFr/Trevas's ```java block: ``engine.getBindings(…).get("b")`` installs nothing), though
#: a command may be fenced so (InseeFr/cartiflette: ``pip install git+https://…`` in ```python).
_CODE_LANGUAGES = frozenset({
    "java", "kotlin", "kt", "scala", "groovy", "xml", "html", "c", "cpp", "c++", "csharp", "cs",
    "rust", "rs", "go", "swift", "typescript", "ts", "tsx", "javascript", "js", "jsx", "python",
    "py", "ruby", "rb", "php", "sql", "json", "jsonc", "yaml", "yml", "toml", "ini", "css", "scss",
    "vue", "svelte", "elixir", "ex", "clojure", "clj", "dart", "graphql", "proto"})


#: What a line of code holds and a command line does not: calls, blocks, assignments, tags.
_CODE_SYNTAX = re.compile(r"[(){};<>]|\s=\s|^\s*[\w.]+\s*=")


def _language(doc: Document, block: Block) -> str | None:
    """The language the fence of a code block names, lower-case (``None`` when it names none)."""
    lines = doc.text.splitlines()
    if not 0 < block.line <= len(lines):
        return None
    match = _FENCE.match(lines[block.line - 1])
    return match.group(1).lower() if match else None


def _in_language(doc: Document, block: Block) -> bool:
    """Whether a code block is fenced as code of a programming language, markup or data: its
    lines with code syntax (:data:`_CODE_SYNTAX`) are no commands."""
    return _language(doc, block) in _CODE_LANGUAGES


#: A Maven dependency (``<dependency>`` … ``<groupId>g</groupId>`` … ``<artifactId>a</artifactId>``)
#: or a Gradle one (``implementation 'g:a:1.0'``, ``implementation("g:a:1.0")``).
_MAVEN_DEPENDENCY = re.compile(
    r"<dependency>\s{0,200}(?:<[^>\n]{1,40}>[^<\n]{0,200}</[^>\n]{1,40}>\s{0,200}){0,8}?"
    r"<groupId>\s*([\w.-]{1,200})\s*</groupId>\s{0,200}<artifactId>\s*([\w.-]{1,200})\s*</artifactId>")
_GRADLE_DEPENDENCY = re.compile(
    r"^\s*(?:implementation|api|compile|compileOnly|runtimeOnly)\s*\(?\s*['\"]([\w.-]{1,200}):"
    r"([\w.-]{1,200})(?::[^'\"\s]{1,100})?['\"]", re.MULTILINE)


def _declared_dependency(doc: Document,
                         project: Collection[str] = ()) -> tuple[Block, set[str]] | None:
    """A Maven or Gradle dependency block that adds the project's own library to a build (InseeFr/
    Trevas docs/docs/developer-guide/index-developer-guide.mdx:14-20, under "Import the Trevas
    engine": ``<groupId>fr.insee.trevas</groupId>`` ``<artifactId>vtl-engine</artifactId>``): how a
    library is installed. The block, and the words of its group and artifact. A dependency on
    another library (its coordinates share no word with the ``project``'s names) is not."""
    own = set().union(*(_words(p) for p in project))
    # Wherever it stands: "Import the Trevas engine" imports the library, no data.
    for block in doc.code_blocks:
        for match in [*_MAVEN_DEPENDENCY.finditer(block.text), *_GRADLE_DEPENDENCY.finditer(block.text)]:
            words = _words(match.group(1)) | _words(match.group(2))
            if not own or words & own:
                return block, words
    return None


def _library_used(doc: Document, project: Collection[str] = ()) -> int | None:
    """The line of the code that uses the library a dependency block adds (:func:`_declared_
    dependency`): a block of code after it, in a programming language, that imports a package of
    the library's group or stands under a heading that names the project (InseeFr/Trevas:
    "### Instantiate the Trevas engine" over ``new ScriptEngineManager().getEngineByName("vtl")``)."""
    declared = _declared_dependency(doc, project)
    if declared is None:
        return None
    dependency, words = declared
    own = set().union(*(_words(p) for p in project)) or words
    for block in doc.code_blocks:
        if block.line <= dependency.line or not _in_language(doc, block) \
                or _language(doc, block) in ("xml", "json", "yaml", "yml", "toml", "ini", "html") \
                or not _relevant(doc, block.line):
            continue
        imports = {w for m in re.finditer(r"^\s*import\s+(?:static\s+)?([\w.]{1,300})", block.text,
                                          re.MULTILINE) for w in _words(m.group(1))}
        section = doc.section_of(block.line)
        if imports & words or (section and _words(section[-1].text) & own):
            return block.line
    return None


def _own_packages(names: set[str], project: Collection[str]) -> set[str]:
    """The installed package names that are the project's (all of them when it is unknown)."""
    if not project:
        return names
    own = set().union(*(_words(p) for p in project))
    return {n for n in names if _words(n) & own}


def installs_own_package(doc: Document, project: Collection[str]) -> bool:
    """Whether the document installs the project itself as a package (``pip install <it>``,
    ``yarn add @scope/<it>``, a Maven or Gradle dependency on it): a library or a tool, used
    rather than started. Never said when the project's names are unknown."""
    return bool(project) and (_declared_dependency(doc, project) is not None
                              or bool(_own_packages(_installed(_spans(doc)), project)))


def usage_example(doc: Document, project: Collection[str] = ()) -> int | None:
    """The line of a usage example of a package the document installs (a library imported or
    called, a command-line tool invoked: ``from csv_detective import routine``,
    ``java -jar validator-cli.jar version``; code using a library a Maven or Gradle dependency
    adds): how a library or a tool is run."""
    used = _library_used(doc, project)
    if used is not None:
        return used
    spans = _spans(doc)
    keys = {_key(n) for n in _own_packages(_installed(spans), project)}
    if not keys:
        return None
    for line, text in spans:
        if packages.leading(text) or _is_other(text, "run"):
            continue
        imported = _IMPORT.match(text)
        if imported:
            module = next(g for g in imported.groups() if g)
            # A scoped npm package's name follows its scope (``@inseefr/lunatic``: lunatic).
            heads = {re.split(r"[./\\]", module.lstrip("@"))[0], module}
            if module.startswith("@") and "/" in module:
                heads.add(module.split("/")[1])
            if any(_key(head) in keys for head in heads):
                return line
            continue
        for command in _commands(text):
            # The tool is the command, after its launcher (``java -jar x.jar``, ``npx x``);
            # ``cd x`` or ``git clone …/x.git`` name the checkout, not the tool.
            while len(command) > 1 and command[0].lower() in _LAUNCHERS:
                command = command[1:]
            if _key(re.sub(r"\.jar$", "", command[0], flags=_I)) in keys:
                return line
    return None


_LAUNCHERS = {"java", "-jar", "npx", "bunx", "pnpx", "uvx", "python", "python3", "-m", "pipx",
              "run", "sudo", "exec"}


def _find(doc: Document, topic: str, short: bool = False,
          project: Collection[str] = ()) -> Evidence | None:
    if topic in ("install", "run"):
        return _how(doc, topic, project)
    heading = next((h for h in doc.headings if _HEADING[topic].search(h.text)
                    and (topic != "licence" or _names_licence(doc, h))
                    and (topic != "what" or _presents(doc, h, short))
                    and (topic not in ("what", "contributing") or _own_subject(doc, h, topic))),
                   None)
    if heading is not None:
        return Evidence(heading.line, "heading")
    if topic == "what":
        # Prose first; then a presentation in a list ("Why OpenGateLLM?"), then the title's
        # tagline.
        listed = next((h for h in doc.headings if _HEADING[topic].search(h.text)
                       and _presents(doc, h, short, listed=True) and _own_subject(doc, h, topic)),
                      None)
        return _purpose(doc, short) or (Evidence(listed.line, "heading") if listed else None) \
            or _tagline(doc, short)
    # A pull request opened in a release procedure is no invitation to contribute; a licence
    # left to fill in or someone else's is not the project's.
    elsewhere = delivery_lines(doc) | _support_lines(doc) if topic == "contributing" \
        else _not_own_licence(doc)
    para = next(iter(licence_paragraphs(doc, elsewhere)), None) if topic == "licence" else next(
        (p for p in doc.paragraphs if p.line not in elsewhere
         and ((_CONTRIB_TEXT.search(worded(p.text))
               and _CONTRIB_TEXT.search(worded(_STARTER_TEXT.sub(" ", p.text))))
              or _invites(doc, p))), None)
    if para:
        return Evidence(para.line, "text")
    # A link to the licence or the guide: the path of its address names it (LICENSE,
    # CONTRIBUTING.md, a licence badge), not its host (contribuer-x.netlify.app is a site).
    links = _LICENCE_LINK if topic == "licence" else _CONTRIB_LINK
    # An address inside a code block is part of a command (ANSSI-FR/MLA: ``curl …/LICENSE.md |
    # mlar create``, the licence file as sample data), not a link a reader follows.
    code = doc.code_lines()
    link = next((a for a in doc.anchors if a.line not in code
                 and (topic != "licence" or a.line not in elsewhere)
                 and (links.search(urlsplit(a.target).path.rstrip("/"))
                 or (topic == "contributing" and a.line not in elsewhere
                     and FORGE_PROPOSAL.search(a.target)))), None)
    return Evidence(link.line, "text") if link else None


def licence_paragraphs(doc: Document, elsewhere: set[int] | None = None) -> list[Block]:
    """The paragraphs that speak of the project's licence, wherever they stand: licence words
    or a badge naming a licence, not template text or sentences about someone else's work.
    readme-sections-present and the licence facts (:func:`scanner.licences.readme.readme_licence`)
    read the README's licence statement here, so they never disagree on whether it has one."""
    elsewhere = _not_own_licence(doc) if elsewhere is None else elsewhere
    return [p for p in doc.paragraphs if p.line not in elsewhere
            and (_LICENCE_TEXT.search(plain(p.text)) or _badge_names_licence(p.text))]


#: An image's alt text (a badge's label, ``![License: MIT](…)``, ``![Licence][ref]``).
_ALT_TEXT = re.compile(r"!\[([^\]\n]{0,200})\]")


def _badge_names_licence(text: str) -> bool:
    """Whether a badge of the paragraph names a licence by its label ("License: MIT"); its
    alt text alone ("Licence", SocialGouv/cdtn-api's badge whose references are defined
    nowhere) names none. Its address is read as a link."""
    return any(re.search(r"licen[cs]e", alt, _I) and _LICENCE_NAME.search(alt)
               for alt in _ALT_TEXT.findall(text))


#: Words that name the project itself as what a heading is about.
_THE_PROJECT = re.compile(r"\b(?:this|the|our|ce|le|notre|au|du)\s+(?:projet|project|code|d[ée]p[ôo]t"
                          r"|repository|repo|service|logiciel|software)\b", _I)


def _own_subject(doc: Document, heading: Heading, topic: str) -> bool:
    """Whether a "what" or "contributing" heading is about the project, not about the subject
    of a section it stands in (DNUM-SocialGouv/eclaire: « Pourquoi et quand écrire un
    Post-Mortem ? » and « Puis-je écrire un Post-Mortem et comment contribuer ? » under
    « Post-Mortems »): nested in a section (below the document's top level) whose heading is
    not of the topic, it counts only when, for contributing, its section says how to propose a
    change to the project (the guide, an issue, a pull request, a branch)."""
    # The document's first heading and those of its top level name the service, not a subject.
    top = min(h.level for h in doc.headings)
    parents = [h for h in doc.section_of(heading.line)[:-1]
               if h is not doc.headings[0] and h.level > top]
    own = (topic,) if topic == "what" else (topic, "install", "run")
    if not parents or any(_HEADING[k].search(h.text) for h in parents for k in own):
        return True
    if topic == "what":
        return False
    if _THE_PROJECT.search(heading.text):  # "Contribute to this project"
        return True
    end = _section_end(doc, heading)

    def inside(line: int) -> bool:
        return heading.line <= line and (end is None or line < end)

    return (bool(_WORKFLOW.search(heading.text))
            or any(_CONTRIB_TEXT.search(plain(p.text)) or _WORKFLOW.search(plain(p.text))
                   for p in doc.paragraphs if inside(p.line))
            or any(_CONTRIB_LINK.search(urlsplit(a.target).path.rstrip("/"))
                   or FORGE_PROPOSAL.search(a.target) for a in doc.anchors if inside(a.line)))


#: Addresses of licence texts: a link there names the licence (a badge to opensource.org).
_LICENCE_SITE = re.compile(r"^https?://(?:www\.)?(?:opensource\.org/licen[cs]es?|spdx\.org/licen[cs]es"
                           r"|gnu\.org/licen[cs]es|(?:www\.)?cecill\.info|etalab\.gouv\.fr/licence"
                           r"|choosealicense\.com/licen[cs]es|creativecommons\.org/licen[cs]es"
                           r"|eupl\.eu|joinup\.ec\.europa\.eu/[^ ]*eupl)", _I)


_LICENCE_NAME = re.compile(r"\b(?:MIT|L?GPL|AGPL|EUPL|CeCILL|Apache|MPL|BSD|ISC|Unlicense|CC[- ]BY"
                           r"|CC0|ODbL|etalab|Licence\s+Ouverte|Open\s+Licen[cs]e)\b", _I)


def _names_licence(doc: Document, heading: Heading) -> bool:
    """Whether a "Licence" section says which: a licence named, "sous licence …", or a link to
    the licence file or text. A heading over a sentence about who the project is for
    ("## 📄 Licence — Ce projet est développé pour l'administration") tells readers nothing."""
    end = next((h.line for h in doc.headings if h.line > heading.line and h.level <= heading.level),
               None)

    unfilled = _unfilled(doc)

    def inside(line: int) -> bool:
        return line > heading.line and (end is None or line < end) and line not in unfilled

    return (any(_LICENCE_TEXT.search(plain(p.text)) for p in doc.paragraphs if inside(p.line))
            or any(_LICENCE_LINK.search(urlsplit(a.target).path.rstrip("/"))
                   or _LICENCE_SITE.search(a.target) for a in doc.anchors if inside(a.line))
            or bool(_LICENCE_NAME.search(heading.text)))


def _unfilled(doc: Document) -> set[int]:
    """Lines of paragraphs that are template text left to fill in, every line of them
    (betagouv/document-ia: "## License" over "[License information here]"): they name no
    licence, whatever words they hold."""
    marked = placeholders.lines(doc)
    return {n for p in doc.paragraphs if marked.issuperset(range(p.line, p.last + 1))
            for n in range(p.line, p.last + 1)}


_SENTENCE = re.compile(r"(?<=[.;!?])\s+|\n\s*\n")


def _not_own_licence(doc: Document) -> set[int]:
    """Lines of paragraphs whose licence words are not the project's licence: template text
    (:func:`_unfilled`), or sentences that each speak of someone else's work, as the licence
    reading tells them (:func:`scanner.licences.notices.others_work`; betagouv/aplus: « Le
    projet inclut le fichier `data/french_passwords_top20000.txt` sous licence [Creative Commons
    Attribution 4.0 International](…) provenant du dépôt … » is the licence of a word list)."""
    lines = _unfilled(doc)
    for para in doc.paragraphs:
        said = [s for s in _SENTENCE.split(plain(para.text)) if _LICENCE_TEXT.search(s)]
        if said and all(others_work(s) for s in said):
            lines.update(range(para.line, para.last + 1))
    return lines


#: Headings about preparing to work on the service: what follows them is no presentation
#: ("Le fichier d'env est chiffré et versionné" under « Récupérer les variables d'environnement »).
_SETTING_UP = re.compile(r"\b(?:pr[ée][- ]?requis(?:ites?)?|requirements|set[\s-]*up|variables?\s+d['’]"
                         r"environnement|environment\s+variables|configuration|env)\b", _I)
#: The first word of a set-up step ("duplicate `.env.example` to `.env`", « copier `.env.dist` »):
#: with a command or a file name in code beside it, the paragraph is an instruction, not a
#: presentation of the service.
_STEP = re.compile(
    r"^\W*(?:\d+[.)]\s*)?(?:duplicate|copy|cp|install|clone|configure|launch|run|start|set|rename|fill"
    r"|create|edit|source|export|execute|build|(?:dupliqu|copi|install|clon|configur|lanc"
    r"|d[ée]marr|ex[ée]cut|renomm|renseign|cr[ée]|[ée]dit|modifi)(?:er|ez))\b", _I)


def _presents(doc: Document, heading: Heading, short: bool = False, listed: bool = False) -> bool:
    """Whether an "About"/« Présentation » heading heads a presentation: not a heading about
    another activity too ("about/run units test"), and prose under it, or (``listed``) list items
    of a sentence's worth (etalab-ia/OpenGateLLM's "Why OpenGateLLM?" lists what it offers)."""
    if any(_HEADING[k].search(heading.text) for k in TOPICS if k != "what") \
            or _UNRELATED.search(heading.text):
        return False
    end = next((h.line for h in doc.headings if h.line > heading.line and h.level <= heading.level),
               None)
    inside = [p for p in doc.paragraphs if heading.line < p.line and (end is None or p.line < end)]
    if any((listed or not p.listed)
           and presenting_words(p.text) >= (MIN_LISTED_WORDS if short or p.listed else MIN_PROSE_WORDS)
           for p in inside):
        return True
    return not short and not listed and _described(doc, heading, inside)


#: Headings that announce the description itself (« Description », "About", « À propos »,
#: « Présentation », "What is X?"), not a subject near it (features, context, motivation).
_DESCRIPTION = re.compile(
    r"^\W*(?:(?:\d+|[IVX]+)\s*[.)-]?\s*)?(?:description|about(?:\s+(?:us|it|this\s+\w+|the\s+\w+))?"
    r"|[àa]\s+propos|pr[ée]sentation|overview|introduction|what\s+is\b[^\n]{0,60}"
    r"|qu['’]est[- ]ce\s+que\b[^\n]{0,60}|(?:le|the|ce)\s+(?:projet|project|service|produit|product"
    r"|application|outil|tool))\W*$", _I)
#: Fewest words of the line under such a heading: « Application de participation citoyenne ».
MIN_DESCRIBED_WORDS = 3
#: A line that sends readers elsewhere or says the description is still to come.
_NOT_A_DESCRIPTION = re.compile(
    r"^\W*(?:see|voir|cf\b|refer|consult\w*|reportez|rendez|todo|tbd|to\s+do|[àa]\s+(?:venir|compl[ée]ter"
    r"|r[ée]diger|d[ée]finir)|coming\s+soon|to\s+be\s+(?:completed|written|defined|done)|wip\b)"
    r"|[:：]\s*$", _I)


def _described(doc: Document, heading: Heading, inside: Sequence[Block]) -> bool:
    """Whether a heading that announces the description (agora-gouv/agora-front's
    « ## Description ») is followed by one short line of prose that gives it (« Application de
    participation citoyenne »): the heading says the line is what the service is, so a few words
    do. The section's first paragraph only, in prose, not a set-up step, a line of links, a
    pointer elsewhere, a note on the repository, a label before a list, template text left to
    fill in, or generator text."""
    if not _DESCRIPTION.match(plain(heading.text)) or not inside:
        return False
    first = inside[0]
    if first.line in _unfilled(doc):
        return False
    prose = plain(_LINK_TEXT.sub(" ", _BOILERPLATE.sub(" ", first.text)))
    return (not first.listed and presenting_words(first.text) >= MIN_DESCRIBED_WORDS
            and not _is_step(first.text) and not _only_links(first.text)
            and not _REPOSITORY_STATUS.search(first.text) and not _NOT_A_DESCRIPTION.search(prose.strip())
            and not _ANOTHER_SERVICE.search(prose))


def _purpose(doc: Document, short: bool = False) -> Evidence | None:
    """The purpose is stated in the introduction: before the first heading about installing,
    running, licensing, contributing or another activity (a long "Installation" paragraph does
    not count), in a paragraph of a few words that is not a note about the repository itself."""
    title = _title(doc)  # the service's name ("# Fr-format"), not a section about formatting
    # A heading above any prose is the document's title even when the sections share its level
    # (DGFiP/Test-Compta-Demat README.md:1-2, "Test-Compta-Demat" underlined like every section):
    # a "test" in the name is no section about testing.
    top = doc.headings[0] if doc.headings and not any(
        p.line < doc.headings[0].line for p in doc.paragraphs) else None
    limit = min((h.line for h in doc.headings
                 if h is not title and (any(_HEADING[k].search(h.text) for k in TOPICS if k != "what")
                                        or (h is not top and _UNRELATED.search(h.text))
                                        or _SETTING_UP.search(h.text))),
                default=None)
    # A retired repository's new address is where the code went, not what it is
    # (codegouvfr/sill-api: "It is now available at https://github.com/codegouvfr/sill").
    moved = retired.notice_lines(doc)
    for para in doc.paragraphs:
        if limit is not None and para.line >= limit:
            break
        # A link says where to read about the service, not what it is: its text does not count.
        prose = plain(_LINK_TEXT.sub(" ", _BOILERPLATE.sub(" ", para.text)))
        words = presenting_words(para.text)
        # In a short README a line needs a sentence's worth, unless it describes what the
        # service does (datagouv/cadastre-bundler-api: « API permettant de télécharger les
        # données cadastrales », its README's only line).
        needed = MIN_LISTED_WORDS if para.listed or (short and not _DESCRIBES.search(prose)) \
            else MIN_PROSE_WORDS
        if words >= needed and para.line not in moved and not _COPYRIGHT.match(prose) \
                and not _prerequisite_note(prose) \
                and not _REPOSITORY_STATUS.search(para.text) and not _is_step(para.text) \
                and not _only_links(para.text) and not _ANOTHER_SERVICE.search(prose):
            return Evidence(para.line, "text")
    return None


#: A note on what to install or do first (dnum-mi/dso-socle README.md:18: "The following packages
#: must be installed on the Ansible machine, before launching the gitlab playbooks"; « Node.js doit
#: être installé avant de lancer le serveur »): a prerequisite, not what the service is.
_PREREQUISITE = re.compile(
    r"\b(?:must|should|needs?\s+to|ha(?:s|ve)\s+to)\s+be\s+(?:already\s+)?(?:installed|present|available)\b"
    r"|\b(?:doi(?:t|vent)|devront|devra)\s+(?:d[ée]j[àa]\s+)?(?:[êe]tre)\s+(?:install|pr[ée]sent|disponible)"
    r"|\b(?:you\s+(?:must|need\s+to|have\s+to|should)|vous\s+devez|il\s+faut)\s+(?:first\s+|d['’]abord\s+)?"
    r"install|\bbefore\s+(?:launching|running|starting|using|executing|installing)\b"
    r"|\bavant\s+(?:de\s+(?:lancer|d[ée]marrer|l['’]\s*utiliser|utiliser)|d['’](?:ex[ée]cuter|utiliser"
    r"|installer))\b|\bpr[ée][- ]?requis(?:ites?)?\b"
    # A sentence that announces the steps below (MTES-MCT/capqualif README.md:7: « Voici la marche
    # à suivre pour faire tourner l'application sur votre machine ! »; "Here is how to run…").
    r"|\bvoici\s+(?:la\s+(?:marche|proc[ée]dure|d[ée]marche)\s+[àa]\s+suivre|comment|les\s+[ée]tapes)\b"
    r"|\bsuivez\s+(?:les\s+[ée]tapes|la\s+proc[ée]dure|ces\s+[ée]tapes)\b"
    r"|\bhere\s+(?:is|are)\s+(?:how|the\s+steps)\b|\bfollow\s+(?:these|the)\s+(?:steps|instructions)\b"
    r"|\bthe\s+following\s+(?:steps|instructions)\s+(?:explain|describe|show)\b", _I)


def _prerequisite_note(prose: str) -> bool:
    """Whether every sentence of a paragraph is a note on prerequisites or announces the steps
    below (:data:`_PREREQUISITE`)."""
    sentences = [s for s in _SENTENCE.split(prose.strip()) if _WORD.search(s)]
    return bool(sentences) and all(_PREREQUISITE.search(s) for s in sentences)


#: A copyright line ("Copyright 2014 Direction Générale des Finances Publiques - France",
#: DGFiP/Test-Compta-Demat README.md:4): who holds the rights, not what the service is.
_COPYRIGHT = re.compile(r"^\W*(?:copyright\b|\(c\)\s|©)[^\n]{0,200}$", _I)


#: A paragraph about another service than the repository's (betagouv/portail-rse README.md:16:
#: « Il existe un service supplémentaire externe pour l'API d'analyse de documents »): what that
#: one is, not this one.
_ANOTHER_SERVICE = re.compile(
    r"^\W*(?:il\s+existe|there\s+(?:is|are))\s+(?:une?|an?|des|other|d['’]autres)?\s*(?:autres?\s+|other\s+"
    r"|additional\s+|external\s+|separate\s+)?(?:services?|API|applications?|outils?|tools?)\s+"
    r"(?:suppl[ée]mentaires?|externes?|tiers|distincts?|s[ée]par[ée]s?|additional|external|separate)\b"
    r"|^\W*(?:il\s+existe|there\s+(?:is|are))\s+(?:une?|an?)?\s*(?:autre|another|additional|external"
    r"|separate)\s+(?:services?|API|applications?|tools?)\b", _I)
#: Links of a paragraph, written or bare.
_ANY_LINK = re.compile(_LINK_TEXT.pattern + r"|<?https?://[^\s<>]{1,500}>?", _I)
#: A paragraph that is links and what labels them: a label ending in a colon before one link
#: ("Service de gestion (correspond au code de ce dépôt) :" over an address), or links with a
#: note in brackets after them ("[Wiki](…) (Le wiki est visé à être remplacé …)"), or a list of
#: links (``\0`` stands for each).
_LABELLED = re.compile(r"^[^\n.!?\0]{0,200}[:：]\s*\0\s*$|^[\s*_]*\0[\s*_]*(?:\([^()\0]{0,300}\))?\s*$"
                       r"|^[\s\0,;|/·•*_-]*$")


def _only_links(text: str) -> bool:
    """Whether a paragraph is only a link (or links) and their label: it says where to read
    about the service, not what it is (betagouv/aplus README.md:11, betagouv/portail-rse
    README.md:13). A label that describes ("Application permettant de … :") still does."""
    marked = _ANY_LINK.sub("\0", text.strip())
    return "\0" in marked and bool(_LABELLED.match(marked)) \
        and not _DESCRIBES.search(plain(_ANY_LINK.sub(" ", text)))


#: A title's name and what follows it: "API Eclaire - Plateforme nationale des essais cliniques".
_TAGLINE = re.compile(r"^[^:–—-]{1,200}?\s(?:-|–|—|:)\s+(.+)$")


def _tagline(doc: Document, short: bool = False) -> Evidence | None:
    """A title that says what the service is after its name (DNUM-SocialGouv/eclaire: "API
    Eclaire - Plateforme nationale des essais cliniques - Ministère de la santé"), in a README
    that presents it at length (a tagline alone is no presentation: ``MIN_README_WORDS``)."""
    title = _title(doc)
    if short or title is None:
        return None
    match = _TAGLINE.match(title.text.strip())
    if match and len(_WORD.findall(plain(match.group(1)))) >= MIN_PROSE_WORDS:
        return Evidence(title.line, "heading")
    return None


def _is_step(text: str) -> bool:
    """Whether a paragraph is a set-up step: it starts with an instruction's verb and names a
    command or a file in code (agora-gouv/agora-back: "duplicate `.env.example` to `.env`, no
    need to change variables for local run")."""
    return bool(_STEP.match(plain(text)) and inline_code(text))


def _how(doc: Document, topic: str, project: Collection[str] = ()) -> Evidence | None:
    """How to install (or run): a section named so with commands in it, else a command of that
    kind in a section that is about installing, running or developing, or in no section."""
    title = _title(doc)
    purpose = purposes(project)
    for heading in doc.headings:
        # "Lancer les tests" is about the tests.
        if heading is not title and _HEADING[topic].search(heading.text) \
                and not (topic == "run" and _UNRELATED.search(_off_purpose(heading.text, purpose))) \
                and not (topic == "install" and installs_a_tool(heading.text)) \
                and not (topic == "run" and _installs_locally(heading.text)) \
                and _commands_in(doc, heading, topic, purpose):
            return Evidence(heading.line, "heading")
    wanted = _is_install if topic == "install" else partial(_is_run, purpose=purpose)
    for block in doc.code_blocks:
        code = _in_language(doc, block)
        if topic == "install" and _fetches_only(list(_command_lines(block))):
            continue
        if _relevant(doc, block.line) and any(wanted(line) for line in _command_lines(block)
                                              if not (code and _CODE_SYNTAX.search(line))):
            return Evidence(block.line, "text")
    if topic == "install":
        declared = _declared_dependency(doc, project)
        if declared is not None:
            return Evidence(declared[0].line, "text")
    introduced = _introduced_run(doc, project) if topic == "run" else _checkout_installed(doc)
    if introduced is not None:
        return introduced
    for para in doc.paragraphs:
        spans = [s for s in inline_code(para.text) if _looks_like_command(s)]
        if bare_command(para.text):
            spans.append(para.text.strip())
        if _relevant(doc, para.line) and any(wanted(span)
                                             for span in [*spans, *_invoked_scripts(para.text)]):
            return Evidence(para.line, "text")
    if topic == "run":
        return _runs_main_class(doc) or _started_then_visited(doc)
    return None


#: A sentence that starts a program with no command line: its main class run (Espace-numerique-
#: de-l-usager/enu-mediation docs/installation.md:29-30, under « Exécution en développement »:
#: « il suffit d'exécuter la classe `MediationApplication`, avec cependant l'option JVM
#: `-Dspring.profiles.active=dev` »; "Run the main class `App`"), or an IDE's run configuration
#: ("Start the `Api` run configuration in IntelliJ", « la configuration d'exécution »).
_RUNS_MAIN_CLASS = re.compile(
    r"(?i:\b(?:run|runs|running|execute|launch|start|ex[ée]cute[rz]?|lance[rz]?|d[ée]marre[rz]?)\b"
    r"[^.!?\n]{0,60}?\b(?:main\s+class(?:es)?|classe?s?(?:\s+principales?)?|main))\s+\W{0,2}"
    r"(?:[a-z_][\w]{0,60}\.){0,8}(?-i:[A-Z])[\w.$]{1,100}"
    r"|(?i:\b(?:run|debug|launch)\s+configurations?\b"
    r"|\bconfigurations?\s+d['’](?:ex[ée]cution|lancement)\b)")
#: Words of a sentence about checking the code: running a test class is no running the service.
_TESTING_WORDS = re.compile(r"\b(?:tests?|testing|tester|junit|lint\w*)\b", _I)


_CODE_WORD = re.compile(r"`([^`\s]{1,100})`")


def worded(text: str) -> str:
    """Prose (:func:`plain`) that keeps a code span of one word as that word: a sentence names
    a class or a term in code (« proposer une `pull-request` », « exécuter la classe
    `MediationApplication` »), and it stays part of the sentence."""
    return plain(_CODE_WORD.sub(r"\1", text))


def _runs_main_class(doc: Document) -> Evidence | None:
    """A paragraph, in a section about installing, running or developing (or in none), with a
    sentence that runs the program's main class or an IDE's run configuration
    (:data:`_RUNS_MAIN_CLASS`), not a test class."""
    for para in doc.paragraphs:
        if not _relevant(doc, para.line):
            continue
        for sentence in _SENTENCE.split(worded(para.text)):
            if _RUNS_MAIN_CLASS.search(sentence) and not _TESTING_WORDS.search(sentence):
                return Evidence(para.line, "text")
    return None


#: The end of a sentence that introduces a command to run or launch (nantesmetropole/
#: school_meal_forecast_regressions README.md:43, under « Fonctionnement »: « il suffit de faire
#: tourner le code suivant : »; "To start it, run:"): a running verb, then a colon.
_INTRODUCES_RUN = re.compile(
    r"\b(?:run|launch|execute|start|faire\s+tourner|tourne[rz]|lance[rz]?|ex[ée]cute[rz]?"
    r"|d[ée]marre[rz]?)\b[^.!?;\n]{0,120}[:：]\s*$", _I)
#: Words of an introduction about another activity than running the project ("To run the
#: tests:", « Pour lancer les migrations : », "run the following to install it:").
_INTRODUCES_OTHER = re.compile(
    r"\b(?:tests?|testing|tester|lint\w*|format\w*|migrat\w*|d[ée]ploi\w*|deploy\w*|install\w*"
    r"|build\w*|compil\w*|coverage|couverture|import\w*|export\w*|backups?|sauvegard\w*"
    r"|seed\w*|docs?|documentation)\b", _I)


def _introduced(doc: Document) -> list[tuple[Block, Block]]:
    """Each code block with the paragraph right before it (no heading, no other block between
    them): the sentence that says what the block is for. One pass over the document."""
    items: list[tuple[int, int, Block | None]] = sorted(
        [*((p.line, 0, p) for p in doc.paragraphs), *((b.line, 1, b) for b in doc.code_blocks),
         *((h.line, 2, None) for h in doc.headings)], key=lambda item: (item[0], item[1]))
    return [(para, block) for (_, first, para), (_, second, block) in pairwise(items)
            if first == 0 and second == 1 and para is not None and block is not None]


def _introduced_run(doc: Document, project: Collection[str] = ()) -> Evidence | None:
    """A code block that a sentence introduces as what to run (« il suffit de faire tourner le
    code suivant : » over ``python script_preprocess/main_processing.py``), whatever the heading
    of its section says (« Fonctionnement »), unless that section is about another activity
    (tests, deployment): its command runs the project (:func:`_runs_own`) and is not an install,
    a build, a test run, a housekeeping step or a request to a hosted service. « Lancer cette
    commande : » over ``csvcut … > data/x.csv`` (AgenceBio/rosetta-cultures, refreshing a data
    file) runs another tool."""
    own = set().union(*(_words(p) for p in project))
    for para, block in _introduced(doc):
        if not _relevant(doc, block.line):
            continue
        last = _SENTENCE.split(plain(para.text).strip())[-1]
        if not _INTRODUCES_RUN.search(last) or _INTRODUCES_OTHER.search(last):
            continue
        if any(_may_start(line) and _runs_own(line, own) for line in _command_lines(block)):
            return Evidence(block.line, "text")
    return None


#: Interpreters that run a script file of the repository (``python models/run.py``).
_INTERPRETERS = {"python", "python3", "py", "node", "deno", "bun", "ruby", "php", "perl", "bash",
                 "sh", "zsh", "rscript", "julia", "java", "groovy", "lua", "tsx", "ts-node"}
#: A script file of the repository named by its relative path.
_SCRIPT_PATH = re.compile(r"^(?:\./|\.\./)?(?:[\w.-]+/)*[\w.-]+\.(?:py|js|mjs|cjs|ts|rb|php|pl|sh|bash"
                          r"|r|jl|jar|groovy|lua)$", _I)
#: An environment variable set for one command (``TF_ACC=1 go test``).
_ASSIGNMENT = re.compile(r"^[A-Za-z_]\w*=")


def _runs_own(line: str, own: set[str]) -> bool:
    """Whether a command runs the project itself: a program of the checkout (``./bin/x``), a
    script of it given to an interpreter (``python script_preprocess/main_processing.py``,
    ``java -jar target/x.jar``), or the project's own command (its name, from ``own``)."""
    for tokens in _commands(line):
        tokens = [t for t in tokens if not _ASSIGNMENT.match(t)]
        while tokens and tokens[0].lower() in ("sudo", "exec", "time", "nohup"):
            tokens = tokens[1:]
        if not tokens:
            continue
        program = tokens[0]
        if program.startswith(("./", "../")) or (len(_key(program)) >= 3 and _words(program) & own
                                                and _words(program) <= own):
            return True
        if program.lower() in _INTERPRETERS:
            words = [t for t in tokens[1:] if not t.startswith("-")]
            if words and _SCRIPT_PATH.match(words[0]):
                # A subcommand of a script tool says what it does (``python manage.py
                # createsuperuser`` creates an account; ``… runserver`` starts the service).
                sub = words[1] if len(words) > 1 and re.fullmatch(r"[a-z][\w:-]*", words[1]) else None
                return sub is None or any(p in _RUNNING or p in _RUN_WEAK for p in _parts(sub))
    return False


def _may_start(line: str) -> bool:
    """Whether a command may start the project, whatever its words: it is no other activity (a
    test run, an install, a build), no housekeeping step and no request to a hosted service."""
    return not (_is_other(line, "run") or _installs_dependencies(line) or _is_housekeeping(line)
                or _is_request(line))


#: A command that installs the project from its own checkout (pass-culture/terraform-provider-pc
#: README.md:12: ``go install ./...``; ``pip install -e .``, ``cargo install --path .``,
#: ``npm ci``): it installs this very project, whatever the heading over it says.
_CHECKOUT_INSTALL = re.compile(
    r"^\s*(?:go\s+install\s+(?:-\S+\s+)*\.{1,2}(?:/\S*)?"
    r"|(?:python3?\s+-m\s+)?pip3?\s+install\s+(?:-\S+\s+)*(?:(?:-e|--editable)\s+)?\.(?:\[[^\]\s]*\])?"
    r"|cargo\s+install\s+(?:-\S+\s+)*--path\s+\.|npm\s+ci)(?:\s|$)", _I)


def _checkout_installed(doc: Document) -> Evidence | None:
    """A code block that installs the project from its checkout (:data:`_CHECKOUT_INSTALL`),
    wherever it stands but in a section about delivering the service (deployment, release,
    CI: installing it on a server is not installing it locally)."""
    delivery = delivery_lines(doc)
    for block in doc.code_blocks:
        if block.line not in delivery \
                and any(_CHECKOUT_INSTALL.match(line) for line in _command_lines(block)):
            return Evidence(block.line, "text")
    return None


#: A local web address to open (not ``postgres://localhost:5432``): the service started just
#: before answers there.
#: The names of this machine in an address.
_LOCAL_HOSTS = r"(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])"
_LOCAL_ADDRESS = re.compile(rf"(?<![\w+.-]://)(?<![\w@])(?:https?://)?{_LOCAL_HOSTS}:\d{{2,5}}\b", _I)
#: Words that send a reader to an address: visit it, open it, it is available there.
_VISIT = re.compile(
    r"\b(?:visit\w*|open\w*|go\s+to|browse|navigat\w*|point\s+your|available|accessible|served"
    r"|running|runs|listen\w*|reachable|ouvr\w*|rendez[- ]vous|allez|naviguer|consult\w*"
    r"|acc[ée]d\w*|disponible|tourne|[ée]coute|lanc[ée]e?)\b", _I)


def _started_then_visited(doc: Document) -> Evidence | None:
    """A command followed by the local address to open ("```bundle install / rails s```, then
    you can visit `localhost:3000`"): the last command of the block just before the address
    started the service, whatever its words, unless it names another activity (an install, a
    build, a test run)."""
    for para in doc.paragraphs:
        if not (_LOCAL_ADDRESS.search(para.text) and _VISIT.search(plain(para.text))) \
                or not _relevant(doc, para.line):
            continue
        before = [b for b in doc.code_blocks if b.last < para.line]
        if not before:
            continue
        block = before[-1]
        between = [p for p in doc.paragraphs if block.last < p.line < para.line]
        heading_between = any(block.last < h.line < para.line for h in doc.headings)
        lines = list(_command_lines(block))
        if not between and not heading_between and lines \
                and not _is_other(lines[-1], "run") and _relevant(doc, block.line):
            return Evidence(block.line, "text")
    return None


#: Platforms a service is deployed on: installing it there is no local installation.
_HOSTING = re.compile(
    r"\b(?:scalingo|heroku|clever[\s-]?cloud|netlify|vercel|render|fly\.io|railway|alwaysdata"
    r"|platform\.sh|kubernetes|k8s|openshift|helm|aws|azure|gcp|google\s+cloud|ovh(?:cloud)?"
    r"|(?:un|a|the|le|votre|your)\s+(?:serveur|server)|production|prod)\b", _I)


def hosted_install(doc: Document) -> Heading | None:
    """A heading about installing the service on a hosting platform (gip-inclusion/pdf-generator:
    "## Installation on Scalingo" over forking the repository and a GitHub action that deploys
    it): how to install it there, which is not how to install it locally. A heading about
    configuring ("AWS/S3 Configuration (Only if using new bucket)", incubateur-territoires/
    migrate-outline-to-notion README.md:61, where attachments are stored) installs nothing."""
    title = _title(doc)
    return next((h for h in doc.headings if h is not title
                 and _HEADING["install"].search(_CONFIGURING.sub(" ", h.text))
                 and not _ENV_VARIABLES.search(h.text)
                 and _HOSTING.search(h.text) and not installs_a_tool(h.text)), None)


#: "Local" in a heading says where, not that something is started.
_WHERE_LOCAL = re.compile(r"\b(?:local(?:ement|ly)?|en\s+local)\b", _I)
_INSTALL_WORD = re.compile(r"\binstall(?:ation|ing|er|ez)?\b", _I)


def _installs_locally(text: str) -> bool:
    """Whether a heading is about installing something, its only running word saying where
    (pass-culture/api-data: "Required : Install ggshield on your local machine"; « Installation
    locale »): what is installed, not how the service is started."""
    return bool(_INSTALL_WORD.search(text)) and not _RUN_STRONG.search(_WHERE_LOCAL.sub(" ", text))


#: A heading word about configuring, not installing.
_CONFIGURING = re.compile(r"\bconfiguration\b", _I)
#: A heading about environment variables ("Set up env variables", « Variables d'environnement »):
#: setting them configures the service, whatever set-up word the heading has; installing it
#: takes a command that installs (incubateur-territoires/migrate-outline-to-notion README.md:39).
_ENV_VARIABLES = re.compile(r"\b(?:env(?:ironment)?\s+var(?:iable)?s?|variables?\s+d['’]"
                            r"environnement|variables?\s+d['’]env)\b|(?<![\w.])\.env\b", _I)
#: Words of a heading about installing a prerequisite besides the tool's name: the install
#: word, articles and conjunctions, versions.
_TOOL_INSTALL = re.compile(r"^(?:install(?:ation|ing|er|ez)?|de|du|des|d|of|the|la|le|l|and|et"
                           r"|v?\d[\w.]*|x)$", _I)


def installs_a_tool(text: str) -> bool:
    """Whether a heading is about installing a tool the project needs (LINCnil/pia-back:
    "Ruby installation", "PostgreSQL installation" over links to wiki pages; « Installation de
    Node.js »), not the project: an install word, then only names of :data:`_TOOLS`. "Installation
    with Docker" or « Installation locale » say how the project is installed."""
    words = re.findall(r"[\w.+#-]+", plain(text))
    if not any(re.fullmatch(r"install(?:ation|ing|er|ez)?", w, _I) for w in words):
        return False
    tools = [w.lower().removesuffix(".js") for w in words if not _TOOL_INSTALL.match(w)]
    return bool(tools) and all(w in _TOOLS for w in tools)


def _title(doc: Document) -> Heading | None:
    """The document's title (its first heading, the only one of its level): the name of the
    service ("# Serveur eva"), not a section about running it, though its words may say so."""
    if not doc.headings:
        return None
    first = doc.headings[0]
    if any(h.level <= first.level for h in doc.headings[1:]):
        return None
    return first


def _section_end(doc: Document, heading: Heading) -> int | None:
    return next((h.line for h in doc.headings if h.line > heading.line
                 and h.level <= heading.level), None)


def _installs_in(doc: Document, line: object) -> bool:
    """Whether the section of the heading at ``line`` holds a command that installs."""
    heading = next((h for h in doc.headings if h.line == line), None)
    if heading is None:
        return True
    end = _section_end(doc, heading)
    inside = [b for b in doc.code_blocks if heading.line < b.line and (end is None or b.line < end)]
    spans = [s for p in doc.paragraphs if heading.line < p.line and (end is None or p.line < end)
             for s in inline_code(p.text)]
    return any(_is_install(c) for c in [*(c for b in inside for c in _command_lines(b)), *spans])


def _commands_in(doc: Document, heading: Heading, topic: str,
                 purpose: Collection[str] = ()) -> bool:
    """Whether the heading's section (down to the next heading of its level or above) holds a
    command of the topic, in a code block or inline: "Installation" or "Usage" with no command
    under it does not tell how (the README points elsewhere, or shows a request/response
    sample), nor does a "Développement" section of lint and test commands tell how to run.
    Words of the project's ``purpose`` (:func:`purposes`) name no other activity."""
    end = _section_end(doc, heading)

    def inside(line: int) -> bool:
        return heading.line < line and (end is None or line < end)

    lines = [c for b in doc.code_blocks if inside(b.line) for c in _command_lines(b)]
    lines += [s for p in doc.paragraphs if inside(p.line) for s in inline_code(p.text)
              if _looks_like_command(s)]
    lines += [s for p in doc.paragraphs if inside(p.line) for s in _invoked_scripts(p.text)]
    lines += [p.text.strip() for p in doc.paragraphs if inside(p.line) and bare_command(p.text)]
    fits = partial(_is_run, purpose=purpose) if topic == "run" else _is_install
    if topic == "install" and (not _HEADING["install"].search(_CONFIGURING.sub(" ", heading.text))
                               or _ENV_VARIABLES.search(heading.text)):
        # « Configuration » over ``export FORCE_DELETE_ENABLED=true`` (ansforge/psc-secpsc-api:
        # how to enable one endpoint) sets the service up once installed; it takes a command
        # that installs.
        return any(fits(line) for line in lines)
    if topic == "run" and not _RUN_STRONG.search(heading.text):
        # "Développement", "Serveur": a section of set-up commands (``rake db:create``) may
        # never start the service; it takes a command that does.
        return any(fits(line) for line in lines)
    if topic == "run":
        # « Démarrage » over ``git clone`` and ``pnpm install`` only (anct-cartographie-nationale/
        # api-application's CONTRIBUTING.md, "vous êtes prêt à commencer à travailler") gets the
        # code ready; it does not start it.
        # A request to the hosted service ("Exemples d'utilisation" of ``curl https://…``)
        # uses it; it does not run it.
        return any(fits(line) or _may_start(line) for line in lines)
    return any(fits(line) or not _is_other(line, topic) for line in lines)


#: Shell commands that move around, copy or set things, or fetch the code: steps before
#: running, never the start itself.
_HOUSEKEEPING = {"cd", "cp", "mv", "mkdir", "ln", "export", "source", "echo", "chmod", "git",
                 "pushd", "popd", "set", "unset", "touch", "ls", "cat"}


def _installs_dependencies(line: str) -> bool:
    """Whether a line installs dependencies (``pnpm install``, ``npm ci``, ``yarn``), unlike a
    tool's own command whose words merely look so (``datagouv dataset get``); a package added
    from a registry (``yarn add x``) too."""
    return bool(_BARE_INSTALLERS.match(line)) or _adds_package(line) or any(
        token.lower() in ("install", "ci", "i") or "install" in token.lower()
        for tokens in _commands(line) for token in tokens[1:] if not token.startswith("-"))


def _adds_package(line: str) -> bool:
    """Whether a command of the line installs a package from a registry (``yarn add x``,
    ``pip install x``, ``composer require vendor/x``): the one reading of install commands
    that the library check of ``api-description-published`` uses too."""
    return any(packages.leading(command) for command in re.split(r"&&|;", line))


def _is_housekeeping(line: str) -> bool:
    """Whether every command of a line is a housekeeping step (``cd api-application``,
    ``cp .env.example .env``, ``git checkout main``)."""
    commands = _commands(line)
    return bool(commands) and all(c[0].lower() in _HOUSEKEEPING for c in commands)


def _is_other(line: str, topic: str) -> bool:
    """A command of another activity: tests and linters for installing; tests, linters,
    installs, builds and migrations for running (``pylib check FILE``, the tool's own
    command, is running it)."""
    words = _TESTING if topic == "install" else _NOT_RUNNING
    return any(o in p for tokens in _commands(line) for token in tokens for p in _parts(token)
               for o in words)


#: Trying the project by hand ("Testing manually", « Tests manuels »): using it as its users do,
#: not running a test suite (pass-culture/terraform-provider-pc README.md:5, where the provider
#: is installed and Terraform told to use it).
_MANUAL_TESTING = re.compile(
    r"\b(?:test(?:s|ing)?\s+(?:it\s+)?(?:manually|by\s+hand)|manual(?:ly)?\s+test(?:s|ing)?"
    r"|tests?\s+manuels?|tester\s+(?:manuellement|[àa]\s+la\s+main))\b", _I)
#: Headings about deploying the service (and about nothing else of :data:`_UNRELATED`).
_DEPLOYING = re.compile(r"\b(?:d[ée]ploi\w*|deploy\w*)\b", _I)


def _relevant(doc: Document, line: int, deploying: bool = False) -> bool:
    """A line in a section about installing, running or developing, or about nothing else:
    the nearest heading that says decides ("Tests" under "Développement" is about tests).
    With ``deploying``, a section about deploying counts too (where the project's own program
    is started on a server)."""
    for heading in reversed(doc.section_of(line)):
        if _HEADING["install"].search(heading.text) or _HEADING["run"].search(heading.text):
            return True
        if _UNRELATED.search(_MANUAL_TESTING.sub(" ", heading.text)):
            return deploying and bool(_DEPLOYING.search(heading.text)) \
                and not _UNRELATED.search(_DEPLOYING.sub(" ", heading.text))
    return True


#: A directory tree (``├── docker-compose.yml # Exécution en local``): a layout, no commands.
_TREE = re.compile(r"^[\s│|]*(?:[├└]──|[|`]--)", re.MULTILINE)


#: A line of YAML-like data: ``key:``, ``key: value``, ``- key: value`` (a workflow's ``run: |``
#: or ``runs-on:`` is a setting, not a command typed in a shell).
_DATA_LINE = re.compile(r"^\s*(?:-\s+)?[\w.\"'-]+:(?:\s|$)")
#: Share of a block's lines that makes it data rather than commands.
_DATA_SHARE = 0.5


#: The header of a block of configuration in braces (HCL, nginx): ``provider_installation {``,
#: ``resource "x" "y" {``, ``server {``; a shell function (``f() {``) has brackets.
_BRACED_HEADER = re.compile(r'^\s*[\w.-]+(?:\s+"[^"\n]*")*\s*\{\s*$')


def _is_data(text: str) -> bool:
    """Whether a code block is a configuration file's content (France-Travail/TradEmploi-BackEnd
    shows a GitHub Actions workflow to edit: its ``run: |`` runs in CI, not on the reader's
    machine): it opens with a ``key:`` line and at least half its lines are such, or it is a
    block in braces (pass-culture/terraform-provider-pc's ``.terraformrc``, whose
    ``dev_overrides {`` starts no development server)."""
    lines = [line for line in text.splitlines() if line.strip() and not _COMMENT.match(line)]
    if len(lines) >= 2 and _BRACED_HEADER.match(lines[0]) and lines[-1].strip() == "}":
        return True
    return bool(lines) and bool(_DATA_LINE.match(lines[0])) \
        and sum(bool(_DATA_LINE.match(line)) for line in lines) >= _DATA_SHARE * len(lines)


#: Commands that generate the documentation of the code (an API reference) or of the
#: repository's documentation folder: ``cargo doc``, ``javadoc``, ``tox -e docs``, ``make docs``.
_DOC_TOOL = re.compile(
    r"(?<![\w-])(?:cargo\s+doc|javadoc|doxygen|typedoc|pdoc3?|dokka\w*|mvn\s[^\n]*\bjavadoc:"
    r"|tox\s+-e\s+docs?|(?:make|just)\s+(?:-\S+\s+)*docs?(?:[-:]\w+)?"
    r"|(?:npm|yarn|pnpm|bun)\s+(?:run\s+)?docs?(?:[-:]\w+)?)(?![\w-])", _I)
#: A documentation site generator's build, counted only when aimed at a documentation folder
#: (``cd doc`` then ``make html``, ``sphinx-build doc …``, ``make -C docs html``): at the root
#: of a repository that is a documentation (openfisca/openfisca-doc: ``make html``), it is how
#: the project itself is built.
_SITE_BUILD = re.compile(r"(?<![\w-])(?:sphinx-(?:build|autobuild)|mkdocs\s+(?:build|serve|gh-deploy)"
                         r"|make\s+(?:-\S+\s+)*(?:html|dirhtml|singlehtml|latexpdf|epub))(?![\w-])", _I)
_DOC_FOLDER = re.compile(r"(?<![\w.-])(?:\./)?(?:docs?|documentation|sphinx)(?:/|(?![\w.-]))", _I)


def builds_docs(text: str) -> bool:
    """Whether commands build the documentation rather than the project (ANSSI-FR/lidi's
    README: ``cd doc``, ``make html``, ``xdg-open _build/html/index.html``): installing Sphinx
    and opening its output is not how to install or run the service."""
    return bool(_DOC_TOOL.search(text)
                or (_SITE_BUILD.search(text) and _DOC_FOLDER.search(text)))


def _command_lines(block: Block) -> Iterable[str]:
    """The command lines of a code block: no comments, prompts stripped; none in a sample, a
    directory tree or a block that builds the documentation."""
    if _SAMPLE.match(block.text) or _TREE.search(block.text) or _is_data(block.text) \
            or builds_docs(block.text):
        return
    for line in block.text.splitlines():
        if line.strip() and not _COMMENT.match(line):
            yield _PROMPT.sub("", line)


#: A sentence that tells the reader to run a script of the repository, named in code
#: (numerique-gouv/pseudo_api: "3. Launch the wrapper bash file `run_docker.sh`."): the verb, then
#: within the sentence the script (a shell, batch or Python file, or ``./name``).
_RUNS_SCRIPT = re.compile(
    r"\b(?:launch|run|execute|start|lance[rz]?|ex[ée]cute[rz]?|d[ée]marre[rz]?)\b[^.;:!?\n`]{0,80}"
    r"`((?:\./)?[\w./-]{1,200}\.(?:sh|bash|zsh|ps1|bat|cmd|py)|\./[\w./-]{1,200})`", _I)


def _invoked_scripts(text: str) -> list[str]:
    """Scripts a paragraph says to run, as the command that runs them (``./run_docker.sh``):
    a file name alone is no command, but "launch `run_docker.sh`" is one."""
    return [m.group(1) if m.group(1).startswith("./") else f"./{m.group(1)}"
            for m in _RUNS_SCRIPT.finditer(text)]


#: Programs a README's bare command line starts with (betagouv/pass-sport README.md:10-11, under
#: "How to run the website": ``> npm install && npm run dev``, a quote rather than a code block).
_COMMAND_PROGRAMS = frozenset({
    "npm", "npx", "yarn", "pnpm", "bun", "deno", "pip", "pip3", "pipenv", "poetry", "uv", "python",
    "python3", "docker", "docker-compose", "podman", "make", "just", "go", "cargo", "mvn", "./mvnw",
    "gradle", "./gradlew", "bundle", "rails", "php", "composer", "mix", "dotnet", "java"})
#: Words of prose, which a command line does not hold ("npm install is needed first").
_PROSE_WORD = re.compile(r"\s(?:is|are|was|will|should|must|can|the|to|then|you|first|est|sont|puis"
                         r"|pour|vous|il|faut|le|la|les)\s", _I)


def bare_command(text: str) -> bool:
    """Whether a paragraph is one command line written as text, not in a code block or span:
    a known program, then its arguments, and no words of prose."""
    line = text.strip()
    tokens = line.split()
    return ("\n" not in line and 2 <= len(tokens) <= 16 and tokens[0] in _COMMAND_PROGRAMS
            and not line.endswith((".", ":", "?", "!")) and not _PROSE_WORD.search(f" {line} "))


def _looks_like_command(span: str) -> bool:
    """An inline code span that is a command (two words at least, or a known bare installer),
    not a file name or a variable."""
    return (len(span.split()) >= 2 or bool(_BARE_INSTALLERS.match(span))) and not builds_docs(span)


def _commands(line: str) -> list[list[str]]:
    """The commands of a line (``a && b; c | d``), each as its tokens."""
    return [tokens for part in re.split(r"&&|\|\||[;|]", line)
            if (tokens := [t for t in re.split(r"[\s()`'\"]+", part) if t])]


def _parts(token: str) -> list[str]:
    """A token's words (``dev-up`` -> ``dev``, ``up``; ``-M:run`` -> ``m``, ``run``)."""
    return [p for p in re.split(r"[-_.:/=@\[\]]+", token.lower()) if p]


#: HTTP clients: a request is sent to a service that runs somewhere else (or already runs).
_REQUESTERS = {"curl", "wget", "http", "https", "httpie", "xh", "curlie"}
#: What a download may be piped into to install something (``curl -sSL …/install.sh | sh``).
_SHELLS = {"sh", "bash", "zsh", "dash", "sudo", "python", "python3", "node", "php", "ruby", "perl"}


def _is_request(line: str) -> bool:
    """Whether a line sends a request to a service rather than starting one
    (annuaire-entreprises-data-gouv-fr/search-api's « Exemples d'utilisation »: ``curl
    "https://recherche-entreprises.api.gouv.fr/search?q=DINUM"`` uses the hosted API): it opens
    with an HTTP client and pipes nothing into a shell (``curl …/install.sh | sh`` installs), or
    it is an address to call (:data:`_ADDRESS_LINE`)."""
    if _ADDRESS_LINE.match(line):
        return True
    commands = _commands(line)
    return bool(commands) and commands[0][0].lower() in _REQUESTERS \
        and not any(c[0].lower() in _SHELLS for c in commands[1:])


#: A line that is an address to call, alone or after an HTTP method (gip-inclusion/pdf-generator's
#: "## Usage": ``https://<thisservicehostname>/print?url=…``; ``GET /api/v1/items``): how to call
#: the service's endpoints, not how to start it.
_ADDRESS_LINE = re.compile(
    r"^\s*(?:(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(?:https?://\S+|/\S*)"
    r"(?:\s+HTTP/[\d.]+)?|https?://\S+)\s*$")


#: A project tool's runner with no program after it, or a placeholder for one
#: (numerique-gouv/ami-fc-proxy README.md:53-56: "Once it's installed, it should be used for
#: everything project related: […] running a script (or editor) in the project's python
#: environment: `uv run <command, eg: code>`"; "prefix commands with `uv run`", « lancer
#: n'importe quelle commande avec `poetry run` »): how to use the tool, not how to start the
#: service.
_RUNNER_ONLY = re.compile(
    r"^\s*(?:(?:uv|poetry|pipenv|pdm|hatch|rye|pixi)\s+run|bundle\s+exec|npm\s+exec|npx|uvx)"
    r"(?:\s+(?:<[^>]*>?|\[[^\]]*\]?|\.{3}|…|\$?\{?(?:command|cmd|commande|script|program|args?)\}?))*"
    r"\s*$", _I)
#: A package manager adding or removing a dependency, whatever its options say (ami-fc-proxy
#: README.md:54: "adding more dependencies: `uv add (--dev) <dependency, eg: requests>`": its
#: ``--dev`` is the kind of dependency, not a development server).
_CHANGES_DEPENDENCY = re.compile(
    r"^\s*(?:uv|poetry|pdm|rye|hatch|pixi|pipenv|yarn|pnpm|npm|bun|cargo|composer|go)\s+"
    r"(?:add|remove|rm|uninstall|require|get)\b", _I)


def _is_run(line: str, purpose: Collection[str] = ()) -> bool:
    """A command that starts something: ``up`` always (``docker compose up --build``); else a
    running word (``start``, ``serve``, ``dev``…, or ``run`` itself) in a command that names no
    other activity (``npm run build``, ``poetry run pytest`` and ``apt install libpq-dev`` do)
    but the project's ``purpose`` (a migration tool's ``npm run migrate`` runs it).
    A request to a service (``curl …/healthz/up``) starts nothing, nor does a tool's runner
    with no program after it (:data:`_RUNNER_ONLY`) or one that adds a dependency
    (:data:`_CHANGES_DEPENDENCY`)."""
    if _is_request(line) or _RUNNER_ONLY.match(line) or _CHANGES_DEPENDENCY.match(line):
        return False
    for tokens in _commands(line):
        parts = [p for token in tokens for p in _parts(token)
                 if not p.startswith(tuple(purpose))]
        if "up" in parts and not any(o in p for p in parts for o in ("test", "lint")):
            return True
        if any(o in p for p in parts for o in _OTHER):
            continue
        # ``java -jar target/x.jar`` starts the program the jar holds.
        if any(p in _RUNNING or p in _RUN_WEAK for p in parts) \
                or (tokens[0].lower() == "java" and "-jar" in tokens):
            return True
    return False


#: A package manager running the project from its dependencies (``npm run migrate``, ``yarn dev``,
#: ``poetry run x``, ``bundle exec x``): they must have been installed first.
_RUNS_FROM_DEPENDENCIES = re.compile(
    r"^\s*(?:npm\s+(?:run(?:-script)?|start)|yarn\s+(?!install\b|add\b)(?:run\s+)?[\w:-]+"
    r"|pnpm\s+(?!install\b|i\b|add\b)(?:run\s+)?[\w:-]+|poetry\s+run|pipenv\s+run|bundle\s+exec)\b", _I)


def _fetches_only(lines: list[str]) -> bool:
    """Whether a block's only installing commands fetch the code (``git clone``) while it runs
    the project through a package manager that needs its dependencies (incubateur-territoires/
    migrate-outline-to-notion README.md:25-36: ``git clone``, ``cp .env.template .env``, ``npm
    run migrate``, no ``npm install``): the block skips installing, it does not explain it."""
    installs = [c for line in lines for c in _commands(line) if _is_install(" ".join(c))]
    return bool(installs) and all([w.lower() for w in c[:2]] == ["git", "clone"] for c in installs) \
        and any(_RUNS_FROM_DEPENDENCIES.match(line) for line in lines)


#: Activities a project may exist for (a migration, import or export tool): with one in its name
#: (incubateur-territoires/migrate-outline-to-notion, "# Migrate Outline to Notion"), its
#: ``npm run migrate`` under "Run the migration" runs the project, not a database migration.
_PURPOSES = ("migrat", "import", "export", "generat", "seed", "backup", "sauvegard")


def purposes(project: Collection[str]) -> tuple[str, ...]:
    """The activities of :data:`_PURPOSES` that the project's names (the repository's name, not
    its owner's; the README's title) start a word with."""
    words = {w for name in project for w in re.split(r"[^\w]+|_", name.rsplit("/", 1)[-1].lower())}
    return tuple(s for s in _PURPOSES if any(w.startswith(s) for w in words))


def _off_purpose(text: str, purpose: Collection[str]) -> str:
    """``text`` without the words of the project's purpose ("Run the migration" of a migration
    tool is about running it)."""
    return re.sub(rf"\b(?:{'|'.join(purpose)})\w*", " ", text, flags=_I) if purpose else text


def _is_install(line: str) -> bool:
    """A command that installs: an installing word (options aside: ``sed -i`` is not
    ``npm i``), a bare installer (``yarn``), or containers brought up (``docker compose up``,
    ``make docker-run-local``: the images bring what the service needs), or a package installed
    from a registry as :func:`scanner.packages.leading` reads it (InseeFr/Lunatic: ``yarn add
    @inseefr/lunatic``; ``composer require``, ``poetry add``)."""
    if _BARE_INSTALLERS.match(line) or _CONTAINER_UP.search(line) or _adds_package(line):
        return True
    for tokens in _commands(line):
        parts = [p for token in tokens if not token.startswith("-") for p in _parts(token)]
        if any(p in _INSTALLING for p in parts):
            return True
        if any(p in ("docker", "compose", "podman") for p in parts) and _is_run(" ".join(tokens)):
            return True
    return False


def guide_links(doc: Document,
                folder: Callable[[str], bool] | None = None) -> list[tuple[Link, bool]]:
    """Links that may lead to the installation or developer guide, each with whether the link
    itself says so ("[Setup](doc/01-setup.md)", "[documentation d'embarquement](ONBOARDING.md)",
    a component's README or, by ``folder``, a link to a folder that stands for its README)
    rather than only standing in a section about installing, running, developing, contributing
    or the documentation ("See [GOVERNANCE](GOVERNANCE.md)" under "Contributing")."""
    found = []
    for anchor in doc.anchors:
        chain = " ".join(h.text for h in doc.section_of(anchor.line))
        # A bare address after a label naming the documentation says so itself
        # (sigrennesmetropole/api-3D: « La documentation … est accessible sur le WIKI : https://… »).
        named = bool(_GUIDE.search(anchor.text) or _GUIDE.search(anchor.target.rsplit("/", 1)[-1])
                     or is_component_readme(anchor.target) or is_readme_variant(anchor)
                     or (folder is not None and folder(anchor.target))
                     or (not anchor.text.strip() and labelled_bare(doc, anchor)))
        if named or (_HEADING["install"].search(chain) or _HEADING["run"].search(chain)
                     or _HEADING["contributing"].search(chain) or _GUIDE.search(chain)):
            found.append((anchor, named))
    return found


def in_setup_section(doc: Document, link: Link) -> bool:
    """Whether a link stands in a section about installing or running ("How to install and
    use"), not only about contributing or the documentation."""
    chain = " ".join(h.text for h in doc.section_of(link.line))
    return bool(_HEADING["install"].search(chain) or _HEADING["run"].search(chain))


#: A title that says the page is about the documentation site itself: contributing to the
#: docs, the docs' site ("Welcome to Trevas docs contributing guide").
_DOCS_GUIDE = re.compile(
    r"\b(?:docs?|documentation)\s+(?:contribut\w*|site|website)\b"
    r"|\bcontribu\w*\s+(?:to\s+|à\s+|a\s+)?(?:the\s+|la\s+)?(?:docs?|documentation)\b"
    r"|\b(?:site|website)\s+(?:de\s+(?:la\s+)?)?(?:docs?|documentation)\b", _I)


def about_documentation(doc: Document, project: Collection[str] = ()) -> bool:
    """Whether a guide's title says it is about the documentation site (InseeFr/Trevas's
    docs/CONTRIBUTING.md, "Welcome to Trevas docs contributing guide": its ``yarn start`` serves
    the docs), so its commands do not install or run the project. A project named Docs
    (suitenumerique/docs, "Contributing to Docs") is the project."""
    if not doc.headings:
        return False
    own = set().union(*(_words(p) for p in project))
    return any(word.lower() not in own for match in _DOCS_GUIDE.finditer(doc.headings[0].text)
               for word in re.findall(r"\bdocs?\b|\bdocumentation\b", match.group(0), _I))


#: A relative link to the README of a folder below: a component of a monorepo
#: ("[Backend](back/README.md)").
_COMPONENT_LINK = re.compile(r"^(?:\./)?(?!\.\./)[^:/?#\s]+(?:/[^:/?#\s]+)*/readme"
                             r"(?:\.(?:md|markdown|rst|adoc))?(?:#[^\s]*)?$", _I)


#: A relative link to another README of the repository ("README_original.md", "README.full.md").
_README_VARIANT = re.compile(r"^(?:\./)?(?!\.\./)(?:[^:/?#\s]+/)*readme[-_.][^/?#\s]+"
                             r"\.(?:md|markdown|rst|adoc|txt)(?:#\S*)?$", _I)
#: Link text that says nothing of the page but that it is the one to read ("See [here](…)").
_GENERIC_TEXT = re.compile(r"^\W*(?:here|ici|l[àa]|voir|see|this|link|lien|click\s+here|cliquez\s+ici"
                           r"|(?:the\s+)?(?:original|full|complete)\s+readme|readme(?:\.\w+)?)\W*$", _I)


def is_readme_variant(link: Link) -> bool:
    """Whether a link with words that say nothing else ("here", « ici », "README.md") leads to
    another README of the repository: the full one an archive notice keeps aside
    (ANSSI-FR/libecc: "See [here](README_original.md) for the original README")."""
    return bool(_README_VARIANT.match(link.target) and _GENERIC_TEXT.match(plain(link.text)))


def is_component_readme(target: str) -> bool:
    """Whether a link leads to the README of a folder below the document: what a monorepo's
    root README routes readers to, each component explaining how to install and run itself."""
    return bool(_COMPONENT_LINK.match(target))


#: What a link to the page on setting up the project says of itself: the links a table of
#: contents is followed by, best first.
_SETUP = re.compile(
    r"install|setup|set-up|onboard|embarqu|getting[-_ ]?started|quick[-_ ]?start|d[ée]marr"
    r"|lancer|\brun\b|running|local|mise en (?:place|route)", _I)
_DEVELOPER = re.compile(r"develop|d[ée]velopp|contribu|hacking|usage|utilisation", _I)


def setup_rank(link: Link) -> int:
    """How surely a link leads to the page on setting up the project: 0 when its text or file
    name says installing or starting ("[Installation et configuration](install.md)"), 1 when
    it says developing or contributing, 2 otherwise."""
    said = f"{link.text} {link.target.rsplit('/', 1)[-1]}"
    return 0 if _SETUP.search(said) else 1 if _DEVELOPER.search(said) else 2


#: A folder of the repository named as a link's line names it (« `docs/`: Documentation, as
#: deployed [here](https://…) »).
_FOLDER_NAMED = re.compile(r"(?<![\w./-])`?((?:docs?|documentation))/`?(?![\w/.-])", _I)


def folder_named_with(doc: Document, link: Link) -> str | None:
    """The documentation folder the line of ``link`` names, if any: a README saying that a
    site is built from ``docs/`` tells where its sources are."""
    lines = doc.text.splitlines()
    if not 0 < link.line <= len(lines):
        return None
    match = _FOLDER_NAMED.search(lines[link.line - 1])
    if match:
        return match.group(1)
    return _built_from(doc, link)


def _built_from(doc: Document, link: Link) -> str | None:
    """The documentation folder that the code block right after the link's paragraph builds
    the site from, when the paragraph introduces it (ANSSI-FR/lidi README.md:29-35: "The *user*
    documentation is available at <https://anssi-fr.github.io/lidi/>, or can be built and opened
    with:" over ``cd doc`` / ``make html``): the site's sources are in the repository."""
    para = next((p for p in doc.paragraphs if p.line <= link.line <= p.last), None)
    if para is None:
        return None
    block = next((b for b in doc.code_blocks if b.line > para.last), None)
    between = doc.text.splitlines()[para.last:block.line - 1] if block else []
    # The block follows the paragraph, nothing but blank lines and its fence between them.
    if block is None or any(line.strip() and not line.strip().startswith(("```", "~~~"))
                            for line in between):
        return None
    if not builds_docs(block.text):
        return None
    match = _DOC_FOLDER.search(block.text)
    return match.group(0).removeprefix("./").rstrip("/") if match else None


#: A documentation site (Read the Docs, GitHub or GitLab Pages, a docs.* host, a /docs path):
#: a README that sends readers there for installing may well be right, but civiscan cannot read it.
_DOC_SITE = re.compile(
    r"^https?://(?:(?:[^/?#]*\.)?(?:docs?|documentation|wiki)\.[^/?#]+|[^/?#]*(?:readthedocs"
    r"|gitbook|github\.io|gitlab\.io)[^/?#]*)(?:[/?#]|$)"
    r"|^https?://[^/?#]+/(?:[^?#]*/)?(?:docs?|documentation|wiki)(?:[/?#]|$)", _I)


#: Tools a project asks to have installed first: a link to *their* documentation ("install
#: [uv](https://docs.astral.sh/uv/…) first") is a prerequisite, not the project's own guide.
_TOOLS = frozenset({
    "uv", "pip", "pipx", "pipenv", "poetry", "pdm", "conda", "python", "pyenv", "node", "nodejs",
    "npm", "yarn", "pnpm", "nvm", "volta", "bun", "deno", "ruby", "rbenv", "rvm", "bundler", "gem",
    "rust", "rustup", "cargo", "go", "golang", "java", "jdk", "maven", "gradle", "sbt", "php",
    "composer", "elixir", "erlang", "mix", "asdf", "mise", "docker", "compose", "podman",
    "kubernetes", "kubectl", "helm", "minikube", "kind", "postgres", "postgresql", "postgis",
    "mysql", "mariadb", "redis", "mongodb", "elasticsearch", "git", "make", "just", "direnv",
    "nix", "brew", "homebrew", "scalingo", "clevercloud", "heroku", "terraform", "ansible",
    "vagrant"})
_TOKEN = re.compile(r"[a-z0-9]+")


def _names_a_tool(url: str, project: Sequence[str]) -> bool:
    """Whether a documentation URL is that of a tool the project is not (host or first path
    segments name one): ``docs.astral.sh/uv/…``, ``docs.docker.com/…``, ``nodejs.org/…``."""
    lower = url.lower()
    own = set().union(*(_words(name) for name in project))
    host, _, path = lower.split("://", 1)[-1].partition("/")
    tokens = set(_TOKEN.findall(host)) | set(_TOKEN.findall("/".join(path.split("/")[:2])))
    return bool(tokens & _TOOLS) and not tokens & own


def doc_sites(links: list[tuple[Link, bool]], project: Sequence[str] = (),
              doc: Document | None = None) -> list[str]:
    """Documentation sites among a README's guide links, by links with words (a badge is an
    image, not a pointer to the installation guide) or bare addresses that a label of their
    line calls documentation (:func:`labelled_bare`), leaving out the documentation of tools
    the project needs installed (``project``: its names)."""
    return list(dict.fromkeys(
        link.target for link, _ in links
        if (link.text.strip() or (doc is not None and labelled_bare(doc, link)))
        and _DOC_SITE.search(link.target)
        and not re.search(r"badge|shields\.io", link.target, _I)
        and not _names_a_tool(link.target, project)))


#: The label of a bare address on its line: « Documentation technique : », "Docs:", a sentence
#: ending in a colon (« La documentation utile pour installer … est accessible sur le WIKI : »)
#: or in the word that leads to the address ("see the wiki at", « voir le wiki »).
_BARE_LABEL = re.compile(
    r"^\W*[^\W\d_](?:(?!https?:|\]\()[^\n]){0,200}?"
    r"(?:\s*[:：]|\s+(?:at|on|here|in|sur|ici|dans|à\s+l['’]adresse(?:\s+suivante)?"
    r"|wiki|documentation|docs?))\s*$", _I)
#: What a label must name: a guide, the documentation or the wiki.
_BARE_NAMES = re.compile(rf"{_GUIDE.pattern}|\bwiki\b", _I)
#: A label naming the API's reference (« La documentation de l'API au format OpenAPI », anct-
#: cartographie-nationale/api-application) points to how to call the service, not how to run it.
_API_REFERENCE = re.compile(r"\bAPI\b|\bopen\s*api\b|\bswagger\b|\bredoc\b", _I)
#: Words of a label that name setting the project up, whatever else it names.
_SETUP_WORDS = re.compile(r"install|setup|set-up|param[ée]tr|configur|lancer|\brun\b|d[ée]marr"
                          r"|getting[-_ ]?started|quick[-_ ]?start|d[ée]velopp|develop", _I)
#: A local address is where the running service answers, not documentation to read.
_LOCAL_HOST = re.compile(rf"^https?://{_LOCAL_HOSTS}(?:[:/?#]|$)", _I)


def labelled_bare(doc: Document, link: Link) -> bool:
    """Whether a link with no text is an address written bare after a label that names a
    guide or the documentation (MTES-MCT/metadata-postgresql README.md: « Documentation
    technique : https://mtes-mct.github.io/metadata-postgresql. »); a badge's address is
    written inside its markup, not after a label."""
    lines = doc.text.splitlines()
    if not 0 < link.line <= len(lines):
        return False
    text = lines[link.line - 1]
    at = text.find(link.target)
    if at < 0:
        return False
    label = text[:at]
    return bool(_BARE_LABEL.match(label) and _BARE_NAMES.search(label)
                and not _LOCAL_HOST.match(link.target)
                and (_SETUP_WORDS.search(label) or not _API_REFERENCE.search(label)))
