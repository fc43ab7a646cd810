"""``tools/system-packages``, which ``make`` runs first: it looks for each library itself.

A machine where Chromium was once installed has libharfbuzz-subset0 as a dependency of it; a new
machine does not, and WeasyPrint then fails the suite at import. The check must find that out from
the library, whatever else is installed. ``ldconfig``, ``fc-list``, ``id`` and ``apt-get`` are
stand-ins here.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "system-packages"
LIBRARIES = (
    "libgobject-2.0.so.0",
    "libpango-1.0.so.0",
    "libpangoft2-1.0.so.0",
    "libharfbuzz.so.0",
    "libharfbuzz-subset.so.0",
    "libfontconfig.so.1",
)


def _stand_in(folder: Path, name: str, output: str) -> None:
    command = folder / name
    command.write_text(f"#!/bin/sh\ncat <<'END'\n{output}END\n")
    command.chmod(0o755)


def _check(
    tmp_path: Path,
    libraries,
    *,
    fonts="DejaVu Sans\nLiberation Sans\n",
    uid="1000",
    arguments=(),
    chromium=False,
):
    """Runs the check with only stand-ins and the text tools it uses on its PATH."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in ("awk", "cat", "grep", "sort", "tr"):
        (folder / tool).symlink_to(shutil.which(tool))
    if chromium:
        _stand_in(folder, "chromium", "")
    cache = "".join(f"\t{name} (libc6,x86-64) => /lib/{name}\n" for name in libraries)
    _stand_in(folder, "ldconfig", f"{len(libraries)} libs found in cache\n{cache}")
    _stand_in(folder, "fc-list", fonts)
    _stand_in(folder, "id", f"{uid}\n")
    _stand_in(folder, "apt-get", "")  # as a non-root user the check never calls it
    return subprocess.run(
        ["/bin/bash", str(SCRIPT), *arguments],
        env={"PATH": str(folder), "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        check=False,
    )


def test_nothing_missing_passes_quietly(tmp_path):
    result = _check(tmp_path, LIBRARIES)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("absent", "package"),
    [
        ("libharfbuzz-subset.so.0", "libharfbuzz-subset0"),
        ("libpango-1.0.so.0", "libpango-1.0-0"),
        ("libfontconfig.so.1", "libfontconfig1"),
    ],
)
def test_a_missing_library_stops_with_the_command_to_run(tmp_path, absent, package):
    result = _check(tmp_path, [name for name in LIBRARIES if name != absent])
    assert result.returncode == 1
    assert f"    sudo apt-get install -y {package}\n" in result.stderr


@pytest.mark.parametrize(
    ("fonts", "package"),
    [
        ("Liberation Sans\nLiberation Serif\n", "fonts-dejavu-core"),
        ("DejaVu Sans,DejaVu Sans Condensed\nLiberation Sans Narrow\n", "fonts-liberation"),
    ],
)
def test_a_missing_font_is_named_too(tmp_path, fonts, package):
    result = _check(tmp_path, LIBRARIES, fonts=fonts)
    assert result.returncode == 1
    assert f"sudo apt-get install -y {package}\n" in result.stderr


def test_without_chromium_the_tests_stop_with_the_command(tmp_path):
    result = _check(tmp_path, LIBRARIES, arguments=["--with-browser"])
    assert result.returncode == 1
    assert "    sudo apt-get install -y chromium\n" in result.stderr


def test_with_chromium_the_tests_check_passes(tmp_path):
    result = _check(tmp_path, LIBRARIES, arguments=["--with-browser"], chromium=True)
    assert (result.returncode, result.stderr) == (0, "")


def test_make_run_does_not_want_chromium(tmp_path):
    assert _check(tmp_path, LIBRARIES).returncode == 0
