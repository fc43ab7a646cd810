"""practice.clinical holds pure rules: no web framework or database import anywhere in it."""

import ast
from pathlib import Path

import pytest

CLINICAL = Path(__file__).resolve().parents[2] / "practice" / "clinical"
FORBIDDEN = ("flask", "sqlalchemy", "werkzeug")


def imported_modules(path: Path) -> list[str]:
    modules = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.append(node.module)
    return modules


def is_forbidden(module: str) -> bool:
    top = module.split(".")[0]
    return top in FORBIDDEN or top.startswith("flask_")


def clinical_files() -> list[Path]:
    return sorted(CLINICAL.rglob("*.py"))


def test_the_clinical_package_has_files_to_check():
    assert len(clinical_files()) > 1


@pytest.mark.parametrize("path", clinical_files(), ids=lambda path: path.name)
def test_clinical_module_imports_no_framework_or_database(path):
    forbidden = [module for module in imported_modules(path) if is_forbidden(module)]
    assert forbidden == [], f"{path.name} imports {forbidden}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import flask", ["flask"]),
        ("from flask import Flask", ["flask"]),
        ("import sqlalchemy.orm as orm", ["sqlalchemy.orm"]),
        ("from flask_login import current_user", ["flask_login"]),
        ("from werkzeug.exceptions import NotFound", ["werkzeug.exceptions"]),
        ("def f():\n    import flask_wtf", ["flask_wtf"]),
        ("import flaskish\nfrom decimal import Decimal", []),
    ],
)
def test_the_import_check_catches_every_form(tmp_path, source, expected):
    module = tmp_path / "module.py"
    module.write_text(source, encoding="utf-8")
    assert [name for name in imported_modules(module) if is_forbidden(name)] == expected
