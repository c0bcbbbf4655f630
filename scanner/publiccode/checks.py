"""The checks of the reference validator that a JSON Schema cannot say: value formats, closed
lists, conditional keys, files the publiccode.yml names, and the warnings it gives for
deprecated keys. Each runs on the normalised document (see :mod:`scanner.publiccode.validate`)
and only on values of the right type (the schema reports the others).

Checks that need the network (URL reachability, whether ``url`` is a code repository, images
given as URLs, the content of image files) are left out; :func:`not_checked` names them.
"""

from __future__ import annotations

import typing as t
from collections.abc import Callable, Iterator, Mapping

from scanner.publiccode import formats, lists
from scanner.publiccode.findings import Findings, Path, quote
from scanner.publiccode.licence import parse_licence

Files = Mapping[str, int | None]

LOGO_EXTENSIONS = (".svg", ".svgz", ".png")
IMAGE_EXTENSIONS = (".jpg", ".png")
DEPRECATED = ("deprecated: it will be removed from the standard and can be dropped",
              "obsolète : elle sera retirée du standard et peut être supprimée")


def text(value: t.Any) -> str | None:
    """A scalar as the reference reads it into a text field; ``None`` for lists and mappings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)
    if isinstance(value, (str, int)):
        return str(value)
    return None


def _get(doc: t.Any, *path: str | int) -> t.Any:
    for part in path:
        if isinstance(part, int):
            doc = doc[part] if isinstance(doc, list) and part < len(doc) else None
        else:
            doc = doc.get(part) if isinstance(doc, dict) else None
    return doc


def _items(doc: t.Any, *path: str) -> Iterator[tuple[Path, str]]:
    """(path, text) of each scalar item of the list at ``path``."""
    values = _get(doc, *path)
    if isinstance(values, list):
        for index, value in enumerate(values):
            if text(value) is not None:
                yield (*path, index), t.cast(str, text(value))


def _objects(doc: t.Any, *path: str) -> Iterator[tuple[Path, dict[str, t.Any]]]:
    values = _get(doc, *path)
    if isinstance(values, list):
        for index, value in enumerate(values):
            if isinstance(value, dict):
                yield (*path, index), value


def _languages(doc: t.Any) -> Iterator[tuple[Path, dict[str, t.Any]]]:
    description = _get(doc, "description")
    if isinstance(description, dict):
        for language, value in description.items():
            if isinstance(value, dict):
                yield ("description", language), value


def _url(found: Findings, path: Path, value: t.Any, http: bool) -> None:
    written = text(value)
    if written is None:
        return
    if http and not formats.is_http_url(written):
        found.error(path, f"'{quote(written)}' is not an http(s) URL with a host name",
                    f"« {quote(written)} » n'est pas une URL http(s) avec un nom d'hôte")
    elif not http and not formats.is_url(written):
        found.error(path, f"'{quote(written)}' is not a valid URL",
                    f"« {quote(written)} » n'est pas une URL valide")


def check_urls(found: Findings, doc: dict[str, t.Any]) -> None:
    if "url" in doc:
        _url(found, ("url",), doc["url"], http=False)
    for key in ("landingURL", "roadmap"):
        if key in doc:
            _url(found, (key,), doc[key], http=True)
    based_on = doc.get("isBasedOn")
    if text(based_on) is not None:
        _url(found, ("isBasedOn", 0), based_on, http=False)
    for path, value in _items(doc, "isBasedOn"):
        _url(found, path, value, http=False)
    for path, language in _languages(doc):
        for key in ("documentation", "apiDocumentation"):
            if key in language:
                _url(found, (*path, key), language[key], http=True)
        for index, value in enumerate(language.get("videos") or []):
            written = text(value)
            if written is None:
                continue
            _url(found, (*path, "videos", index), written, http=True)
            if not formats.is_oembed_url(written):
                found.error((*path, "videos", index),
                            f"'{quote(written)}' is not a video link of a known oEmbed provider",
                            f"« {quote(written)} » n'est pas un lien vidéo d'un fournisseur "
                            f"oEmbed connu")
    for path, contractor in _objects(doc, "maintenance", "contractors"):
        if "website" in contractor:
            _url(found, (*path, "website"), contractor["website"], http=True)


def _date(found: Findings, path: Path, value: t.Any) -> None:
    written = text(value)
    if written is not None and not formats.is_date(written):
        found.error(path, f"'{quote(written)}' is not a date written YYYY-MM-DD",
                    f"« {quote(written)} » n'est pas une date écrite AAAA-MM-JJ")


def _email(found: Findings, path: Path, value: t.Any) -> None:
    written = text(value)
    if written and not formats.is_email(written):
        found.error(path, f"'{quote(written)}' is not a valid e-mail address",
                    f"« {quote(written)} » n'est pas une adresse électronique valide")


def check_dates_and_emails(found: Findings, doc: dict[str, t.Any]) -> None:
    if "releaseDate" in doc:
        _date(found, ("releaseDate",), doc["releaseDate"])
    for path, contractor in _objects(doc, "maintenance", "contractors"):
        if contractor.get("until"):
            _date(found, (*path, "until"), contractor["until"])
        _email(found, (*path, "email"), contractor.get("email"))
    for path, contact in _objects(doc, "maintenance", "contacts"):
        _email(found, (*path, "email"), contact.get("email"))


def _organisation(found: Findings, path: Path, organisation: t.Any) -> None:
    uri = text(organisation.get("uri")) if isinstance(organisation, dict) else None
    if not uri or formats.is_organisation_uri(uri):
        return
    if uri.startswith("urn:" + formats.ITALIAN_PA):
        found.error((*path, "uri"), f"'{quote(uri)}' does not name a known Italian public "
                    "administration (urn:x-italian-pa:<iPA code>)",
                    f"« {quote(uri)} » ne désigne pas une administration publique italienne "
                    "connue (urn:x-italian-pa:<code iPA>)")
    else:
        found.error((*path, "uri"), f"'{quote(uri)}' is not a valid URI (a URL with a host, or "
                    "a URN such as urn:ietf:rfc:2141)",
                    f"« {quote(uri)} » n'est pas un URI valide (une URL avec un nom d'hôte, ou "
                    "un URN comme urn:ietf:rfc:2141)")


def check_organisations(found: Findings, doc: dict[str, t.Any]) -> None:
    if isinstance(doc.get("organisation"), dict):
        _organisation(found, ("organisation",), doc["organisation"])
    for path, funder in _objects(doc, "fundedBy"):
        _organisation(found, path, funder)
    for path, support in _objects(doc, "supports"):
        written = text(support.get("id"))
        if not written or formats.is_supports_id(written):
            continue
        if written.startswith("alias:"):
            aliases = ", ".join(sorted(lists.supports_aliases()))
            found.error((*path, "id"), f"'{quote(written)}' is not a known alias ({aliases})",
                        f"« {quote(written)} » n'est pas un alias connu ({aliases})")
        else:
            found.error((*path, "id"), f"'{quote(written)}' is neither alias:<name> nor a valid "
                        "URI", f"« {quote(written)} » n'est ni alias:<nom> ni un URI valide")


def _closed_list(found: Findings, doc: dict[str, t.Any], path: tuple[str, ...],
                 allowed: Callable[[str], bool], what: tuple[str, str]) -> None:
    for item_path, value in _items(doc, *path):
        if not allowed(value):
            found.error(item_path, f"'{quote(value)}' is not {what[0]}",
                        f"« {quote(value)} » n'est pas {what[1]}")


def check_lists(found: Findings, doc: dict[str, t.Any]) -> None:
    _closed_list(found, doc, ("categories",), lambda v: v in lists.categories(),
                 ("a category of the standard's list",
                  "une catégorie de la liste du standard"))
    _closed_list(found, doc, ("intendedAudience", "scope"), lambda v: v in lists.scopes(),
                 ("a scope of the standard's list", "un domaine de la liste du standard"))
    for key in ("countries", "unsupportedCountries"):
        _closed_list(found, doc, ("intendedAudience", key), formats.is_country,
                     ("an ISO 3166-1 alpha-2 country code such as FR",
                      "un code pays ISO 3166-1 alpha-2 comme FR"))
        for path, value in _items(doc, "intendedAudience", key):
            if formats.is_country(value) and value == value.lower():
                found.warning(path, f"lower-case country codes are deprecated: write "
                              f"'{value.upper()}'", f"les codes pays en minuscules sont "
                              f"obsolètes : écrivez « {value.upper()} »")
    _closed_list(found, doc, ("localisation", "availableLanguages"), formats.is_bcp47,
                 ("a BCP 47 language tag such as fr or en-GB",
                  "une étiquette de langue BCP 47 comme fr ou en-GB"))
    for key in ("inputTypes", "outputTypes"):
        _closed_list(found, doc, (key,), formats.is_mime_type,
                     ("a MIME type such as text/csv", "un type MIME comme text/csv"))
        if key in doc:
            found.warning((key,), *DEPRECATED)
    description = doc.get("description")
    if isinstance(description, dict):
        for language in description:
            if not formats.is_bcp47(language):
                found.error(("description",), f"'{quote(language)}' is not a BCP 47 language "
                            "tag such as fr or en-GB",
                            f"« {quote(language)} » n'est pas une étiquette de langue BCP 47 "
                            "comme fr ou en-GB")


def _length(found: Findings, path: Path, value: t.Any, low: int, high: int) -> None:
    written = text(value)
    if not written:
        return  # absent or empty: the schema says it is required
    count = formats.grapheme_count(written)
    if count > high:
        found.error(path, f"{count} characters, {high} at most",
                    f"{count} caractères, {high} au plus")
    elif count < low:
        found.error(path, f"{count} characters, {low} at least",
                    f"{count} caractères, {low} au moins")


def check_descriptions(found: Findings, doc: dict[str, t.Any]) -> None:
    for path, language in _languages(doc):
        if "genericName" in language:
            _length(found, (*path, "genericName"), language["genericName"], 0, 35)
            if text(language["genericName"]):
                found.warning((*path, "genericName"), *DEPRECATED)
        if "shortDescription" in language:
            _length(found, (*path, "shortDescription"), language["shortDescription"], 0, 150)
        if "longDescription" in language:
            _length(found, (*path, "longDescription"), language["longDescription"], 150, 10000)


def check_maintenance(found: Findings, doc: dict[str, t.Any]) -> None:
    maintenance = doc.get("maintenance")
    if not isinstance(maintenance, dict) or not isinstance(maintenance.get("type"), str):
        return
    kind = maintenance["type"]
    if kind == "contract" and "contractors" not in maintenance:
        _missing_when(found, ("maintenance", "contractors"), "contract")
    if kind != "contract" and "contractors" in maintenance:
        found.error(("maintenance", "contractors"),
                    f"only allowed when maintenance.type is 'contract' (it is '{quote(kind)}')",
                    f"autorisé seulement quand maintenance.type vaut « contract » (il vaut "
                    f"« {quote(kind)} »)")
    if kind in ("internal", "community") and "contacts" not in maintenance:
        _missing_when(found, ("maintenance", "contacts"), kind)


def _missing_when(found: Findings, path: Path, kind: str) -> None:
    """A key the maintenance type requires: "missing" if absent, "empty" if written bare."""
    en, fr = (("empty", "vide") if found.written(path) is None else ("missing", "absent"))
    found.error(path, f"{en}, required when maintenance.type is '{kind}'",
                f"{fr}, obligatoire quand maintenance.type vaut « {kind} »", missing=True)


def _repository_file(found: Findings, path: Path, value: t.Any, files: Files | None,
                      extensions: tuple[str, ...] | None, image: bool) -> None:
    """A file named by the publiccode.yml: a relative path that exists in the repository, or a
    URL (not fetched). Absolute paths and file: URLs are refused, as the reference does."""
    written = text(value)
    if not written:
        return
    if written.startswith("/"):
        found.error(path, f"'{quote(written)}' is an absolute path: give a path relative to "
                    "the repository root, or an http(s) URL",
                    f"« {quote(written)} » est un chemin absolu : donnez un chemin relatif à la "
                    "racine du dépôt, ou une URL http(s)")
        return
    if written.startswith("file:"):
        found.error(path, f"'{quote(written)}' is a file: URL: give a path relative to the "
                    "repository root, or an http(s) URL",
                    f"« {quote(written)} » est une URL file: : donnez un chemin relatif à la "
                    "racine du dépôt, ou une URL http(s)")
        return
    if formats.is_absolute_uri(written) or files is None:
        return  # a URL: only a fetch could check it
    resolved = formats.repository_path(written)
    extension = formats.file_extension(resolved or written)
    if extensions and extension not in extensions:
        found.error(path, f"'{quote(written)}' has the extension '{quote(extension)}'; "
                    f"allowed: {', '.join(extensions)}",
                    f"« {quote(written)} » a l'extension « {quote(extension)} » ; "
                    f"extensions admises : {', '.join(extensions)}")
        return
    if resolved is None or resolved not in files:
        found.error(path, f"'{quote(written)}' is not a file of the repository",
                    f"« {quote(written)} » n'est pas un fichier du dépôt")
    elif image and extension == ".png" and files.get(resolved) == 0:
        found.error(path, f"'{quote(written)}' is an empty file (0 bytes), not an image",
                    f"« {quote(written)} » est un fichier vide (0 octet), pas une image")


def check_files(found: Findings, doc: dict[str, t.Any], files: Files | None) -> None:
    for key in ("logo", "monochromeLogo"):
        if key in doc:
            if key == "monochromeLogo" and text(doc[key]):
                found.warning((key,), "deprecated: use 'logo' instead",
                              "obsolète : utilisez « logo » à la place")
            _repository_file(found, (key,), doc[key], files, LOGO_EXTENSIONS, image=True)
    for path, language in _languages(doc):
        for index, value in enumerate(language.get("screenshots") or []):
            _repository_file(found, (*path, "screenshots", index), value, files,
                             IMAGE_EXTENSIONS, image=False)
    legal = doc.get("legal")
    if isinstance(legal, dict) and "authorsFile" in legal:
        found.warning(("legal", "authorsFile"), *DEPRECATED)
        _repository_file(found, ("legal", "authorsFile"), legal["authorsFile"], files, None,
                         image=False)


def check_legal(found: Findings, doc: dict[str, t.Any]) -> None:
    legal = doc.get("legal")
    if not isinstance(legal, dict):
        return
    licence = text(legal.get("license"))
    if licence:
        parsed = parse_licence(licence)
        if not parsed.valid:
            found.error(("legal", "license"),
                        f"'{quote(licence)}' is not a valid SPDX expression ({parsed.error})",
                        f"« {quote(licence)} » n'est pas une expression SPDX valide "
                        f"({parsed.error})")
    if "repoOwner" in legal:
        found.warning(("legal", "repoOwner"), "deprecated: use 'organisation.name' instead",
                      "obsolète : utilisez « organisation.name » à la place")


def check_country_section(found: Findings, doc: dict[str, t.Any]) -> None:
    """The Italian section (``IT``, or ``it`` as older files write it), deprecated in v0.7."""
    if "it" in doc:
        found.warning(("it",), "lower-case country sections are deprecated: write 'IT'",
                      "les sections de pays en minuscules sont obsolètes : écrivez « IT »")
        if "IT" in doc:
            found.error(("it",), "'IT' is already present: remove this section",
                        "« IT » est déjà présente : supprimez cette section")
    key = "IT" if "IT" in doc else "it"
    section = doc.get(key)
    if not isinstance(section, dict):
        return
    version = section.get("countryExtensionVersion")
    if version is not None and text(version) not in ("0.2", "1.0"):
        found.error((key, "countryExtensionVersion"), f"'{quote(text(version))}' is not one of: "
                    "0.2, 1.0", f"« {quote(text(version))} » n'est pas une des valeurs : 0.2, 1.0")
    if "conforme" in section:
        found.warning((key, "conforme"), *DEPRECATED)
    code = text(_get(section, "riuso", "codiceIPA"))
    if code:
        if code.lower() in lists.ipa_codes():
            found.warning((key, "riuso", "codiceIPA"),
                          f"deprecated: set organisation.uri to 'urn:x-italian-pa:{code}' instead",
                          f"obsolète : donnez plutôt à organisation.uri la valeur "
                          f"« urn:x-italian-pa:{code} »")
        else:
            found.error((key, "riuso", "codiceIPA"), f"'{quote(code)}' is not a known Italian "
                        "public administration code (iPA)",
                        f"« {quote(code)} » n'est pas un code d'administration publique "
                        "italienne (iPA) connu")


def run_all(found: Findings, doc: dict[str, t.Any], files: Files | None) -> None:
    check_urls(found, doc)
    check_dates_and_emails(found, doc)
    check_organisations(found, doc)
    check_lists(found, doc)
    check_descriptions(found, doc)
    check_maintenance(found, doc)
    check_files(found, doc, files)
    check_legal(found, doc)
    check_country_section(found, doc)


def not_checked(doc: dict[str, t.Any], files: Files | None) -> list[str]:
    """The reference's checks this file would get with the network, which civiscan leaves out."""
    skipped = ["url-reachable", "url-is-code-repository"]
    links = [doc.get("landingURL"), doc.get("roadmap")] + [
        language.get(k) for _, language in _languages(doc)
        for k in ("documentation", "apiDocumentation")]
    if any(links):
        skipped.append("links-reachable")
    named = [doc.get("logo"), doc.get("monochromeLogo"), _get(doc, "legal", "authorsFile")] + [
        s for _, language in _languages(doc) for s in (language.get("screenshots") or [])]
    written = [w for w in (text(v) for v in named) if w]
    if any(formats.is_absolute_uri(w) and not w.startswith(("/", "file:")) for w in written):
        skipped.append("remote-files")
    if files is None and written:
        skipped.append("repository-files")
    if any(formats.file_extension(w) in LOGO_EXTENSIONS for w in written):
        skipped.append("image-content")
    return skipped
