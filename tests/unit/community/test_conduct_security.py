"""Code of conduct standards and contacts; private security reporting channels."""

from __future__ import annotations

import pytest

from scanner.community import conduct, security


def test_contributor_covenant_english_with_contact() -> None:
    text = ("# Contributor Covenant Code of Conduct\n\n## Enforcement\n\nReport to "
            "conduct@service.gouv.fr.\n\nThis Code of Conduct is adapted from the "
            "[Contributor Covenant][homepage], version 2.1, available at "
            "https://www.contributor-covenant.org/version/2/1/code_of_conduct.html.\n")
    found = conduct.analyse(text)
    assert (found.standard, found.version, found.language) == ("contributor-covenant", "2.1", "en")
    assert found.contact and found.contacts == ("conduct@service.gouv.fr",)


def test_covenant_template_placeholder_is_not_a_contact() -> None:
    text = ("Instances may be reported to the community leaders responsible for enforcement at "
            "[INSERT CONTACT METHOD]. Contributor Covenant version 2.0.\n")
    found = conduct.analyse(text)
    assert found.placeholder and not found.contact
    assert found.version == "2.0"


def test_french_covenant_version_from_its_url() -> None:
    text = ("# Code de conduite\n\n## Notre engagement\n\nNous, membres de la communauté… "
            "adapté du Contributor Covenant, "
            "https://www.contributor-covenant.org/fr/version/2/1/code_of_conduct.html\n")
    found = conduct.analyse(text)
    assert (found.standard, found.version, found.language) == ("contributor-covenant", "2.1", "fr")


def test_covenant_version_right_after_its_name() -> None:
    found = conduct.analyse("Code de conduite adapté du Contributor Covenant 2.1, voir NOTICE.")
    assert found.version == "2.1"
    found = conduct.analyse("Adapted from the [Contributor Covenant](https://x.org) 1.4.")
    assert found.version == "1.4"


def test_citizen_code_of_conduct() -> None:
    assert conduct.analyse("Based on the Citizen Code of Conduct.").standard == (
        "citizen-code-of-conduct")


def _kinds(text: str) -> list[str]:
    return [c.kind for c in security.private_channels(text)]


def test_email_form_and_private_advisories_are_private_channels() -> None:
    assert _kinds("Écrivez à securite@service.gouv.fr.") == ["email"]
    assert _kinds("Signalez-la via le [formulaire](https://service.gouv.fr/contact).") == ["url"]
    assert _kinds("Use https://github.com/org/repo/security/advisories/new please") == [
        "advisories"]
    assert _kinds("See our security.txt.") == ["security_txt"]


@pytest.mark.parametrize("text", [
    "Utilisez le formulaire **Security → Report a vulnerability** du dépôt GitHub afin d'ouvrir "
    "un avis de sécurité privé.",
    "Utiliser le signalement privé de vulnérabilité ou les Security Advisories GitHub.",
    "Use GitHub's private vulnerability reporting.",
])
def test_github_private_reporting_in_words(text: str) -> None:
    assert _kinds(text) == ["advisories"]


def test_github_security_advisory_named_as_the_reporting_channel() -> None:
    # The channel is a list item under the sentence that says it is how to report.
    text = ("Pour nous signaler une faille, utilisez le canal suivant :\n\n"
            "- **GitHub Security Advisory**\n")
    assert _kinds(text) == ["advisories"]
    assert _kinds("Report it through a GitHub security advisory on this repository.") == [
        "advisories"]


@pytest.mark.parametrize("text", [
    "Signalez-nous la faille par courriel.\nNous publierons ensuite un GitHub Security Advisory.",
    "Once fixed, we publish a GitHub Security Advisory.",
    "GitHub Security Advisories list known vulnerabilities of dependencies.",
])
def test_github_security_advisory_mentioned_otherwise_is_not_a_channel(text: str) -> None:
    assert "advisories" not in _kinds(text)


def test_report_a_vulnerability_alone_is_not_a_channel() -> None:
    assert _kinds("To report a vulnerability, open an issue.") == []


def test_public_issues_and_reference_links_are_not_private_channels() -> None:
    text = ("Open an issue at https://github.com/org/repo/issues/new to report it.\n"
            "Suivez les vulnérabilités publiées par la NVD https://nvd.nist.gov/.\n"
            "Read GitHub Security Advisories at https://github.com/advisories.\n")
    assert _kinds(text) == []


def test_security_txt_contacts() -> None:
    text = "Contact: mailto:security@x.gouv.fr\nContact: https://x.gouv.fr/report\nExpires: 2030\n"
    assert [(c.kind, c.value) for c in security.security_txt_contacts(text)] == [
        ("email", "security@x.gouv.fr"), ("url", "https://x.gouv.fr/report")]


def test_disclosure_programme_link_on_its_own_line_is_private() -> None:
    # proconnect-gouv/federation SECURITY.md:5-9: the link to DINUM's programme sits on a line
    # of its own, after the sentence that says reports go there.
    text = ("please **do not open a public GitHub issue**.\n\n"
            "All vulnerability reports must follow the DINUM vulnerability disclosure policy:\n\n"
            "👉 [https://vdp.numerique.gouv.fr/p/Policy](https://vdp.numerique.gouv.fr/p/Policy)\n")
    found = security.private_channels(text)
    assert [(c.kind, c.value, c.line) for c in found] == [
        ("url", "https://vdp.numerique.gouv.fr/p/Policy", 5)]


@pytest.mark.parametrize("url", [
    "https://yeswehack.com/programs/service", "https://hackerone.com/service",
    "https://bugcrowd.com/service", "https://app.intigriti.com/programs/x/y",
    "https://vdp.numerique.gouv.fr/p/Send-a-report",
])
def test_bug_bounty_platforms_are_private_whatever_the_words(url: str) -> None:
    assert _kinds(f"Voir {url}") == ["url"]


@pytest.mark.parametrize("text", [
    "Suivez les vulnérabilités publiées par la NVD https://nvd.nist.gov/.",
    "Our programme de divulgation:\nhttps://github.com/org/repo/issues/new",
    "See https://security.snyk.io/package/npm/x for known issues.",
    "Learn about bug bounties at\n\nhttps://en.wikipedia.org/wiki/Bug_bounty_program",
])
def test_reference_links_near_programme_words_are_not_channels(text: str) -> None:
    # A public tracker is never private; a link two lines away from the words is unrelated.
    assert _kinds(text) == []


def test_security_txt_served_by_a_route_gives_its_contact() -> None:
    # inclusion-numerique/coop-mediation-numerique apps/web/src/app/.well-known/security.txt/route.ts
    text = ("export const GET = () =>\n"
            "  new Response(`Contact: mailto:support@anct.gouv.fr\n"
            "Policy: https://incubateur.anct.gouv.fr/security-policy\n"
            "Expires: 2024-12-31T00:00:00.000Z`)\n")
    assert [(c.kind, c.value, c.line) for c in security.security_txt_contacts(text)] == [
        ("email", "support@anct.gouv.fr", 2)]


def test_router_lines_serving_security_txt() -> None:
    # etalab/transport-site apps/transport/lib/transport_web/router.ex
    text = ('scope "/", TransportWeb do\n'
            '  get("/.well-known/security.txt", PageController, :security_txt)\n'
            '  get "/robots.txt", PageController, :robots\n'
            '  # see https://example.org/.well-known/security.txt/docs\n')
    assert security.security_txt_routes(text) == [2]
    assert security.security_txt_routes("path('security', views.security)\n") == []


# --- A README section on reporting vulnerabilities (inclusion-numerique/mediature) ---------

_MEDIATURE = ("# Médiature\n\nMédiature aide les médiateurs publics à traiter les demandes des "
              "usagers, de la saisine à la clôture du dossier, avec un suivi partagé entre les "
              "équipes et un historique complet des échanges pour chaque demande reçue.\n\n"
              "## Reporting security issue\n\nIf you identify a security issue or have any "
              "security concerns, please inform us immediately by opening an [issue]"
              "(https://github.com/inclusion-numerique/mediature/issues) as specified into "
              "[our security recommandations](https://www.mediateur-public.fr/.well-known/"
              "security.txt).\n")


def _security_status(files: dict[str, str], rule_id: str) -> tuple[str, str]:
    from scanner.engine.evaluate import evaluate
    from scanner.engine.loader import load_ruleset
    from scanner.facts import build_facts
    from scanner.sources.memory import snapshot_from_files

    facts = build_facts(snapshot_from_files({"app.py": "x = 1\n", **files}))
    rule = load_ruleset().get(rule_id)
    assert rule is not None
    finding = evaluate(rule, facts)
    return finding.status.value, finding.texts["en"]["message"]


def test_a_readme_section_sending_reports_to_public_issues_gives_no_private_channel() -> None:
    status, message = _security_status({"README.md": _MEDIATURE}, "security-policy-present")
    assert status == "fail" and 'section "Reporting security issue" (line 5)' in message
    status, message = _security_status({"README.md": _MEDIATURE},
                                       "security-policy-private-channel")
    assert status == "fail" and "public issues only" in message


def test_a_readme_section_with_a_private_address_passes_the_channel_rule() -> None:
    text = _MEDIATURE.replace("by opening an [issue](https://github.com/inclusion-numerique/"
                              "mediature/issues)", "by writing to securite@mediateur-public.fr")
    status, message = _security_status({"README.md": text}, "security-policy-private-channel")
    assert status == "pass" and "securite@mediateur-public.fr" in message
    assert _security_status({"README.md": text}, "security-policy-present")[0] == "review"


@pytest.mark.parametrize("section", [
    # A feature, not how to report: no section on reporting.
    "## Security headers\n\nThe app sets CSP and HSTS headers on every response it serves.\n",
    "## Sécurité\n\nLes mots de passe sont chiffrés avec bcrypt et les sessions expirent.\n",
])
def test_a_readme_section_about_a_feature_is_no_reporting_section(section: str) -> None:
    text = _MEDIATURE.split("## Reporting")[0] + section
    status, _ = _security_status({"README.md": text}, "security-policy-private-channel")
    assert status == "not_applicable"
    assert _security_status({"README.md": text}, "security-policy-present")[0] == "fail"


def test_a_security_policy_file_wins_over_the_readme_section() -> None:
    files = {"README.md": _MEDIATURE, "SECURITY.md": "# Security\n\nReport vulnerabilities to "
             "securite@mediateur-public.fr.\n"}
    assert _security_status(files, "security-policy-present")[0] == "pass"
    status, message = _security_status(files, "security-policy-private-channel")
    assert status == "pass" and "securite@" in message
