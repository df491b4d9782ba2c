"""A hostile copy of the corpus: markup, script and odd links in every free-text field.

The copy passes ``qantar validate``: ids, enums, references and locators are left
alone (and the glossary's terms, which pages link to); every other text field of every table (and every item of the free-text lists
``authors`` and ``aliases``) gets :data:`PAYLOAD` appended, every ``url`` becomes
``javascript:alert(1)`` (or, where the schema requires ``https?://``, an address that tries to
break out of its attribute), and one glossary term is made of the payload itself.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import qantar

#: Every way corpus text could become script or markup on a page.
PAYLOAD = (
    " Zeta <img src=x onerror=alert(7)> <script>alert(8)</script>"
    '<a href="javascript:alert(5)" onclick="alert(6)">clickme</a>'
    "\n```{raw} html\n<script>alert(9)</script>\n```\n"
    "[link](javascript:alert(10)) {eval-rst}`.. raw:: html` ${alert(11)}$ |x|"
)
#: A fragment of the payload that the pages must show as text.
MARKER = "<script>alert(8)</script>"
HOSTILE_TERM = "Zeta <img src=x onerror=alert(7)>" + PAYLOAD
JS_URL = "javascript:alert(1)"
#: An address that passes an ``https?://`` pattern yet tries to break out of an attribute.
BREAKOUT_URL = 'https://example.org/"><script>alert(12)</script><img/src=x/onerror=alert(13)>'


def _hostile_url(resource: dict, name: str) -> str:
    """``javascript:`` where the schema lets it through, else a breakout that fits the pattern."""
    spec = next(f for f in resource["schema"]["fields"] if f["name"] == name)
    pattern = spec.get("constraints", {}).get("pattern")
    return BREAKOUT_URL if pattern else JS_URL


def _free_text_fields(resource: dict[str, object]) -> tuple[set[str], set[str]]:
    """(string fields, list fields) that hold free text: no pattern, enum or reference."""
    schema = resource["schema"]
    assert isinstance(schema, dict)
    keyed = {f for fk in schema.get("foreignKeys", []) for f in fk["fields"]}
    strings, lists = set(), set()
    for spec in schema["fields"]:
        constraints = spec.get("constraints", {})
        if spec["name"] in keyed or "pattern" in constraints or "enum" in constraints:
            continue
        if resource["name"] == "glossary" and spec["name"] == "term":  # {term} targets of pages
            continue
        if any(key.startswith("x-") for key in spec):
            continue
        if spec.get("type", "string") == "string":
            strings.add(spec["name"])
        elif spec.get("type") == "list":
            lists.add(spec["name"])
    return strings, lists


def make_hostile_corpus(target: Path) -> Path:
    """Write the hostile copy of the shipped corpus to *target*; return *target*."""
    target.mkdir(parents=True, exist_ok=True)
    source = qantar.data_dir()
    shutil.copyfile(source / "datapackage.json", target / "datapackage.json")
    if (source / "CODEBOOK.md").is_file():
        shutil.copyfile(source / "CODEBOOK.md", target / "CODEBOOK.md")
    package = json.loads((source / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        strings, lists = _free_text_fields(resource)
        path = source / resource["path"]
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            fields = list(reader.fieldnames or [])
            rows = list(reader)
        for row in rows:
            for name in fields:
                if name == "url":
                    row[name] = _hostile_url(resource, name)
                elif name in strings:
                    row[name] = (row[name] or "text") + PAYLOAD
                elif name in lists and row[name]:
                    row[name] = ";".join(item + PAYLOAD for item in row[name].split(";"))
        if resource["name"] == "glossary":
            rows.append(
                {
                    "term": HOSTILE_TERM,
                    "definition": "A term made of markup." + PAYLOAD,
                    "see_also": "CSTO",
                    "locators": "osw:4",
                }
            )
        with (target / resource["path"]).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
    return target
