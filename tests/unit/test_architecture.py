"""The import contracts in pyproject.toml hold, name every area, and break on a forbidden import."""

import importlib.metadata
import tomllib
from collections.abc import Iterator
from copy import deepcopy
from pathlib import Path

import pytest
from importlinter import configuration
from importlinter.adapters.building import GraphBuilder
from importlinter.application.app_config import settings
from importlinter.application.use_cases import lint_imports

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"
CONTRACTS = {
    contract["id"]: contract
    for contract in tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"][
        "contracts"
    ]
}
AREAS = {f"practice.{path.parent.name}" for path in (ROOT / "practice").glob("*/views.py")} | {
    "practice.demo"
}


class ProjectGraph(GraphBuilder):
    """The project's import graph, built once, plus the imports a test adds to it."""

    def __init__(self) -> None:
        self.built = None
        self.added: tuple[tuple[str, str], ...] = ()

    def build(self, **options):
        if self.built is None:
            self.built = super().build(**options)
        graph = deepcopy(self.built)
        for importer, imported in self.added:
            graph.add_import(importer=importer, imported=imported)
        return graph


@pytest.fixture(scope="module")
def graph() -> Iterator[ProjectGraph]:
    builder = ProjectGraph()
    configuration.configure()
    settings.configure(GRAPH_BUILDER=builder)
    yield builder
    configuration.configure()


def kept(graph: ProjectGraph, *added: tuple[str, str], contract: str | None = None) -> bool:
    """What `lint-imports` says (its report goes to the captured output) with ``added`` imports."""
    graph.added = added
    only = (contract,) if contract else ()
    return lint_imports(str(PYPROJECT), limit_to_contracts=only, cache_dir=None, no_logo=True)


def test_the_code_keeps_every_import_contract(graph):
    assert kept(graph)


@pytest.mark.parametrize(
    ("importer", "imported", "contract"),
    [
        ("practice.clinical.labels", "flask_login", "pure-clinical"),
        ("practice.clinical.screening", "sqlalchemy", "pure-clinical"),
        ("practice.clinical.screening", "practice.extensions", "pure-clinical"),
        ("practice.clinical.screening", "practice.models", "pure-clinical"),
        ("practice.clinical.screening", "practice.plans.services", "pure-clinical"),
        ("practice.models.patient", "practice.patients.services", "models-below-areas"),
        (
            "practice.catalogue.forms",
            "practice.assessments.sections.fields",
            "areas-through-services",
        ),
        ("practice.demo", "practice.assessments.presenting", "areas-through-services"),
        ("practice.handouts.services", "practice.catalogue.forms", "areas-through-services"),
        ("practice.assessments.sections.mobility", "practice.assessments.services", "no-cycles"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(graph, importer, imported, contract):
    assert not kept(graph, (importer, imported), contract=contract)


def test_an_area_may_use_another_areas_services(graph):
    assert kept(graph, ("practice.handouts.views", "practice.plans.services"))


def test_the_contracts_name_every_area():
    assert {"practice.assessments", "practice.patients", "practice.plans"} <= AREAS
    assert set(CONTRACTS["pure-clinical"]["forbidden_modules"]) >= AREAS
    assert set(CONTRACTS["models-below-areas"]["forbidden_modules"]) == AREAS
    assert set(CONTRACTS["areas-through-services"]["source_modules"]) == AREAS
    assert set(CONTRACTS["areas-through-services"]["forbidden_modules"]) == AREAS


def test_the_clinical_rules_are_kept_from_every_installed_flask_extension():
    installed = {
        name for name in importlib.metadata.packages_distributions() if name.startswith("flask")
    }
    assert installed <= set(CONTRACTS["pure-clinical"]["forbidden_modules"])
