"""The ready-made questionnaires, kept as data (TOML files beside this module) with their texts in
English, Italian, Spanish and Turkish: the participant satisfaction survey, the service-interest
questionnaire and the study-visit questionnaire. ``survey_spec`` reads one and expands its
repeated parts (one section per candidate service or per study-visit category) into a plain
description that ``services.survey_build`` turns into rows."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import translation

HERE = Path(__file__).resolve().parent
TEMPLATES = ("satisfaction", "service_interest", "study_visit")
NAME = "{name}"


@dataclass(frozen=True)
class Block:
    """A repeated part: one section per candidate service or category, its name and
    description in one or several languages."""

    key: str
    name: dict[str, str]
    description: dict[str, str] = field(default_factory=dict)


@cache
def _read(name: str) -> dict[str, Any]:
    with (HERE / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def template_languages(key: str) -> list[str]:
    return list(_read(key)["languages"])


def template_title(key: str) -> dict[str, str]:
    return dict(_read(key)["title"])


def _in_languages(
    texts: dict[str, str], names: dict[str, str], languages: Iterable[str]
) -> dict[str, str]:
    """Texts with "{name}" replaced by the name in the same language (else the first given)."""
    fallback = next(iter(names.values()), "")
    return {
        language: text.replace(NAME, names.get(language) or fallback)
        for language, text in texts.items()
        if language in languages
    }


def _options(question: dict[str, Any], languages: list[str]) -> list[dict[str, Any]]:
    source = question.get("options_from")
    if source == "participant_category":
        from clusterdesk.participants.models import Category

        options = []
        for value, label in Category.choices:
            labels = {}
            for language in languages:
                with translation.override(language):
                    labels[language] = str(label)
            options.append({"value": value, "label": labels})
        return options
    if source == "size_band":
        return [dict(option) for option in _read("common")["size_band"]]
    return [dict(option) for option in question.get("options", [])]


def _question(
    raw: dict[str, Any],
    languages: list[str],
    *,
    block: Block | None = None,
) -> dict[str, Any]:
    names = block.name if block else {}
    key = raw.get("key") or (f"{block.key}-{raw['measure']}" if block else "")
    return {
        "key": key,
        "kind": raw["kind"],
        "text": _in_languages(raw["text"], names, languages),
        "help": _in_languages(raw.get("help", {}), names, languages),
        "required": bool(raw.get("required", False)),
        "scale": raw.get("scale", ""),
        "min_value": raw.get("min_value"),
        "max_value": raw.get("max_value"),
        "max_length": raw.get("max_length"),
        "options": _options(raw, languages),
        "condition": raw.get("condition", ""),
        "condition_values": [str(value) for value in raw.get("condition_values", [])],
        "block": block.key if block else "",
        "measure": raw.get("measure", ""),
        "profile": raw.get("profile", ""),
    }


def _section(raw: dict[str, Any], languages: list[str], block: Block | None = None) -> dict:
    if block is not None:
        title = {language: block.name.get(language, "") for language in languages}
        fallback = next(iter(block.name.values()), "")
        title = {language: text or fallback for language, text in title.items()}
        intro = dict(block.description)
    else:
        title = {k: v for k, v in raw.get("title", {}).items() if k in languages}
        intro = {k: v for k, v in raw.get("intro", {}).items() if k in languages}
    return {
        "title": title,
        "intro": intro,
        "questions": [
            _question(question, languages, block=block) for question in raw.get("questions", [])
        ],
    }


def survey_spec(key: str, *, candidates: list[Block] | None = None) -> dict[str, Any]:
    """The ready-made questionnaire ``key`` as a plain description: kind, title, intro,
    languages and sections with their questions. ``candidates`` fill the service-interest
    questionnaire's repeated section; the study-visit one repeats its seven categories."""
    if key not in TEMPLATES:
        raise KeyError(key)
    raw = _read(key)
    languages = list(raw["languages"])
    sections = [_section(section, languages) for section in raw.get("sections", [])]
    if "candidate_section" in raw:
        for candidate in candidates or []:
            sections.append(_section(raw["candidate_section"], languages, candidate))
    if "topic_section" in raw:
        for topic in raw.get("topics", []):
            block = Block(key=topic["key"], name=dict(topic["name"]))
            sections.append(_section(raw["topic_section"], languages, block))
    sections.extend(_section(section, languages) for section in raw.get("closing_sections", []))
    return {
        "key": key,
        "kind": raw["kind"],
        "title": dict(raw["title"]),
        "intro": dict(raw.get("intro", {})),
        "languages": languages,
        "sections": sections,
    }
