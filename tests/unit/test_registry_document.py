"""Reading a startup registry: the real layout, v2.7 additions, and every hostile shape."""

from __future__ import annotations

import json
import typing as t
from pathlib import Path

import pytest

from scanner.registry import document
from scanner.registry.document import RegistryError, parse_registry

FIXTURE = Path(__file__).parents[1] / "fixtures" / "registry" / "startups-v2.6.json"


def _doc(*entries: t.Any, included: t.Any = None) -> bytes:
    body: dict[str, t.Any] = {"links": {"self": "https://beta.gouv.fr/startups"}, "data": list(entries)}
    if included is not None:
        body["included"] = included
    return json.dumps(body).encode()


def _entry(startup_id: str = "s", **attributes: t.Any) -> dict[str, t.Any]:
    return {"id": startup_id, "type": "startup",
            "attributes": {"name": "S", "phases": [], **attributes},
            "relationships": {"incubator": {"data": {"type": "incubator", "id": "dinum"}}}}


def test_the_fixture_reads_as_beta_gouv_writes_it() -> None:
    registry = parse_registry(FIXTURE.read_bytes(), "startups.json")
    by_id = {s.id: s for s in registry.startups}
    assert len(registry.startups) == 16  # 17 entries, one declared twice
    assert all(s.error is None for s in registry.startups)
    # The duplicate is said on the first entry, which wins.
    msj = by_id["mon-suivi-justice"]
    assert msj.repository == "https://github.com/betagouv/mon-suivi-justice"
    assert any("declared again at entry #16" in en for en, _ in msj.problems)
    assert msj.phase == "construction" and msj.sponsors == ("dap",)
    assert msj.link == "https://mon-suivi-justice.beta.gouv.fr"
    # Entities decoded, blank runs collapsed; incubator ids as the startups name them.
    annuaire = by_id["annuaire"]
    assert annuaire.name == "L'Annuaire des aidants & des lieux"
    assert annuaire.incubator == "anct" and registry.incubator_title("anct") == "Incubateur des Territoires"
    assert annuaire.phase == "acceleration" and annuaire.sponsors == ("anct", "dinum")
    # Stray blanks around a URL are cut; an empty field and an absent one both read as nothing.
    assert by_id["auto-heberge"].repository == "https://forge.example.gouv.fr/fabrique/service"
    assert by_id["sans-depot"].repository == ""
    assert by_id["exploration"].repository is None
    assert by_id["transferee"].phase == "transfer"  # "transfert", as the site spells it
    assert by_id["transferee"].reached == {"investigation", "construction", "transfer"}


def test_v27_additions_are_read_too() -> None:
    entry = _entry(thematiques=["santé"], technos=["python"], impact_url="https://x")
    entry["relationships"]["incubators"] = {"data": [{"type": "incubator", "id": "dinum"},
                                                     {"type": "incubator", "id": "/incubateurs/anct"}]}
    (startup,) = parse_registry(_doc(entry), "v2.7").startups
    assert startup.incubators == ("dinum", "anct") and startup.error is None


def test_the_current_phase_is_the_last_without_an_end() -> None:
    phases = [{"name": "investigation", "start": "2020-01-01", "end": ""},
              {"name": "construction", "start": "2020-06-01", "end": None},
              {"name": "acceleration", "start": "2021-01-01", "end": "2022-01-01"}]
    (startup,) = parse_registry(_doc(_entry(phases=phases)), "r").startups
    assert startup.phase == "construction"
    ended = [{"name": "construction", "start": "2020-06-01", "end": "2021-01-01"}]
    (startup,) = parse_registry(_doc(_entry(phases=ended)), "r").startups
    assert startup.phase is None


@pytest.mark.parametrize(("data", "words"), [
    (b"not json", "not a JSON document"),
    (b'{"data": [], "data": []}', "duplicate key"),
    (b'{"data": [NaN]}', "NaN"),
    (b"[" * 10_000 + b"]" * 10_000, "nested"),
    (b'\xff\xfe\x00', "UTF-16"),
    (b'[{"id": "s"}]', "not a startup registry"),  # v3's jsonify of site.startups: no JSON:API
    (b'{"data": {"s": 1}}', "not a startup registry"),
    (b'{"links": {}}', "not a startup registry"),
])
def test_a_document_that_is_no_registry_is_refused_whole(data: bytes, words: str) -> None:
    with pytest.raises(RegistryError) as caught:
        parse_registry(data, "registry.json")
    assert words in str(caught.value) and caught.value.fr
    assert "registry.json" in str(caught.value)


def test_too_many_entries_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document, "MAX_STARTUPS", 3)
    with pytest.raises(RegistryError, match="more than 3"):
        parse_registry(_doc(*[_entry(f"s{i}") for i in range(4)]), "r")


def test_a_bad_entry_costs_that_entry_only() -> None:
    registry = parse_registry(_doc(
        None, "text", {"type": "startup"}, {"id": "  ", "attributes": {}},
        {"id": "inc", "type": "incubator", "attributes": {}},
        {"id": "noattr", "type": "startup", "attributes": ["x"]},
        _entry("good", phases="soon", sponsors={"a": 1}, name=12),
        {**_entry("odd"), "relationships": "none"},
        _entry("good"),
    ), "r")
    errors = [s for s in registry.startups if s.error]
    assert [s.id for s in errors] == ["#0", "#1", "#2", "#3", "inc#4", "noattr#5"]
    assert all(s.error and s.error[1] for s in errors)  # said in French too
    good = next(s for s in registry.startups if s.id == "good")
    assert good.name == "good" and good.phases == [] and good.sponsors == ()
    assert {en.split(";")[0] for en, _ in good.problems} == {
        "no name", "phases is not a list", "sponsors is not a list",
        "declared again at entry #8"}
    odd = next(s for s in registry.startups if s.id == "odd")
    assert odd.incubator is None and odd.error is None


def test_phases_without_names_are_skipped_and_said() -> None:
    phases = [{"name": "construction", "start": "x", "end": ""}, {"start": "y"}, "alumni", {"name": 3}]
    (startup,) = parse_registry(_doc(_entry(phases=phases)), "r").startups
    assert [p.name for p in startup.phases] == ["construction"]
    assert len(startup.problems) == 3


def test_long_names_are_cut_and_strings_only_are_text() -> None:
    (startup,) = parse_registry(_doc(_entry(name="x" * 5000, link=["https://a"])), "r").startups
    assert len(startup.name) == document.MAX_TEXT and startup.link is None


def test_included_that_is_not_a_list_is_said() -> None:
    registry = parse_registry(_doc(_entry(), included={"dinum": 1}), "r")
    assert registry.problems and registry.incubator_title("dinum") is None
