"""Crisis resources per locale, from a reviewed JSON table where every entry names its source.

The table ships as ``amity/safety/data/crisis_resources.json``. A deployment can extend or replace regions
with its own file of the same shape, named by the environment variable ``AMITY_CRISIS_RESOURCES``
(its regions replace the shipped ones of the same code). Lookup: the locale's region (``de-AT`` → ``AT``),
then its group (``EU``), then the international fallback ``*``. The crisis lines that cover the detected
categories come first, then lines for young people when the user is a minor, and always one emergency
number last.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from amity.errors import ConfigError
from amity.safety.text import region_of
from amity.types import CrisisResource

ENV_OVERRIDE = "AMITY_CRISIS_RESOURCES"


@dataclass(frozen=True)
class ResourceEntry:
    resource: CrisisResource
    topics: frozenset[str]


@dataclass(frozen=True)
class ResourceTable:
    version: str
    regions: dict[str, tuple[ResourceEntry, ...]]
    groups: dict[str, frozenset[str]]

    def chain(self, region: str) -> list[str]:
        """Region codes to consult, most specific first."""
        out = [region] if region in self.regions else []
        out += [g for g, members in self.groups.items() if region in members and g in self.regions]
        return [*out, "*"]

    def lookup(
        self, locale: str | None, categories: Iterable[str] = ("suicide",), minor: bool = False
    ) -> tuple[CrisisResource, ...]:
        wanted = set(categories) or {"suicide"}
        for code in self.chain(region_of(locale)):
            entries = self.regions.get(code, ())
            lines = [e.resource for e in entries if e.topics & wanted]
            if not lines:
                continue
            youth = [e.resource for e in entries if minor and "youth" in e.topics and e.resource not in lines]
            emergency = [e.resource for e in entries if "emergency" in e.topics]
            if not emergency:
                emergency = [e.resource for e in self.regions.get("*", ()) if "emergency" in e.topics]
            return tuple(dict.fromkeys([*lines, *youth, *emergency]))
        return tuple(e.resource for e in self.regions.get("*", ()))


def _entries(code: str, raw: list[dict[str, Any]], origin: str) -> tuple[ResourceEntry, ...]:
    out = []
    for item in raw:
        try:
            resource = CrisisResource(
                name=str(item["name"]),
                contact=str(item["contact"]),
                region=code,
                source=str(item["source"]),
                hours=str(item.get("hours", "24/7")),
            )
        except KeyError as exc:
            raise ConfigError(
                f"A crisis resource for {code} in {origin} lacks the field {exc}.",
                "Every entry needs name, contact and source (where the number comes from).",
            ) from exc
        if not resource.source.strip():
            raise ConfigError(f"A crisis resource for {code} in {origin} has no source.", "Add its source.")
        out.append(ResourceEntry(resource, frozenset(item.get("topics", ("suicide",)))))
    return tuple(out)


def _parse(data: dict[str, Any], origin: str) -> ResourceTable:
    regions = {code: _entries(code, items, origin) for code, items in dict(data.get("regions", {})).items()}
    groups = {name: frozenset(m) for name, m in dict(data.get("groups", {})).items()}
    return ResourceTable(str(data.get("version", "")), regions, groups)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(
            f"The crisis resource table {path} cannot be read: {exc}.",
            f"Fix the JSON or unset {ENV_OVERRIDE}.",
        ) from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path} is not a JSON object.", "Use the shape of the shipped table.")
    return data


@lru_cache(maxsize=4)
def load_table(override: str | None = None) -> ResourceTable:
    """The shipped table, with the regions of ``override`` (a path) replacing shipped ones."""
    shipped = importlib_resources.files("amity.safety").joinpath("data/crisis_resources.json")
    table = _parse(json.loads(shipped.read_text(encoding="utf-8")), "the shipped table")
    if not override:
        return table
    extra = _parse(_read(Path(override)), override)
    return ResourceTable(
        extra.version or table.version, {**table.regions, **extra.regions}, {**table.groups, **extra.groups}
    )


def resources_for(
    locale: str | None, categories: Iterable[str] = ("suicide",), minor: bool = False
) -> tuple[CrisisResource, ...]:
    """Crisis resources for a user's locale (see the module docstring for the order)."""
    return load_table(os.environ.get(ENV_OVERRIDE) or None).lookup(locale, categories, minor)


def topic_lines(locale: str | None, topic: str) -> tuple[CrisisResource, ...]:
    """The lines of one non-crisis topic (``eating``, ``alcohol``) for the user's region, most specific region
    first; empty where none is listed: no generic crisis line is put in their place."""
    table = load_table(os.environ.get(ENV_OVERRIDE) or None)
    for code in table.chain(region_of(locale)):
        lines = tuple(e.resource for e in table.regions.get(code, ()) if topic in e.topics)
        if lines:
            return lines
    return ()


def spoken_line(resource: CrisisResource) -> str:
    """How a support line is named inside a sentence: "Beat Helpline (0808 801 0677)", or "name: contact" when
    the contact has brackets of its own. The table's description in brackets ("Beat Helpline (eating disorders)")
    is left out: the sentence around it says what the line is for."""
    name = re.sub(r"\s*\([^)]*\)", "", resource.name).strip() or resource.name
    if "(" in resource.contact:
        return f"{name}: {resource.contact}"
    return f"{name} ({resource.contact})"
