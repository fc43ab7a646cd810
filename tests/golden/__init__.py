"""Golden JSON of every version of every stored document: ``<kind>/v<version>_<variant>.json``.

The version 1 files were written by the code that stored documents before they were versioned
(realistic records from the demo generator, items from the seed catalogue, a real screening). A
file is never edited: a new shape gets a new version and new files beside the old ones.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).parent
NAME = re.compile(r"v(\d+)_(\w+)\.json")


def golden(kind: str) -> dict[tuple[int, str], Any]:
    """(version, variant) -> the stored JSON, for each file of the kind."""
    found = {}
    for path in sorted((FOLDER / kind).glob("*.json")):
        version, variant = NAME.fullmatch(path.name).groups()
        found[int(version), variant] = json.loads(path.read_text(encoding="utf-8"))
    return found
