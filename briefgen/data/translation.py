"""Translatable text: pick the build language's version of a field, and find the fields that lack one.

A translatable field (``schema.Text``) holds a plain string, written in the profile's own
language, or a mapping ``{fr: …, en: …, vi: …}``. Building in a language a field lacks falls
back to the profile's language (or, failing that, to the first language given), and the build
warns once, listing each such field with its file and line.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from briefgen.data.loading import PathKey, format_path
from briefgen.data.merging import Merged
from briefgen.data.schema import Profile, Translatable
from briefgen.errors import Problem
from briefgen.languages import LANGUAGES

Localized = str | Mapping[Any, str]
"""A translatable value as the schema holds it."""


def resolve(value: Localized, lang: str, own: str) -> str:
    """The text of ``value`` in ``lang``, else in the profile's language ``own``, else the first given."""
    return resolve_with_language(value, lang, own)[0]


def resolve_with_language(value: Localized, lang: str, own: str) -> tuple[str, str]:
    """What :func:`resolve` picks, and the language it is written in."""
    if isinstance(value, str):
        return value, own
    for candidate in (lang, own):
        if value.get(candidate):
            return value[candidate], candidate
    first, text = next(iter(value.items()))
    return text, str(first)


def text_fields(merged: Merged) -> list[tuple[PathKey, Localized]]:
    """Every translatable field of the merged profile, with its value, in schema order."""
    found: list[tuple[PathKey, Localized]] = []
    _walk(Profile, merged.data, (), found)
    return found


def own_language(merged: Merged) -> str:
    """The language the profile is written in (its ``language:``, else French)."""
    return merged.language


def has_text(value: Localized, lang: str, own: str) -> bool:
    """Whether ``value`` has its own text in ``lang`` (a plain string is in the profile's language)."""
    return lang == own if isinstance(value, str) else bool(value.get(lang))


def missing_text(lang: str, own: str) -> str:
    """What a field without ``lang`` text is told: a draft shows it in the profile's own language."""
    return f"no '{lang}' text; a draft shows the '{own}' one"


def untranslated(merged: Merged, lang: str) -> list[Problem]:
    """Every translatable field of the merged profile that has no text in ``lang``, with where it is."""
    own = own_language(merged)
    problems = []
    for path, value in text_fields(merged):
        if not has_text(value, lang, own):
            origin = merged.origin(path)
            message = missing_text(lang, own)
            problems.append(Problem(origin.file, origin.line, origin.column, format_path(path), message))
    return problems


def complete_languages(merged: Merged) -> list[str]:
    """The languages the merged profile has complete text in, its own first.

    The others follow in ``LANGUAGES`` order: each one in which no translatable field lacks its text
    (what :func:`untranslated` lists). A pack is made in these unless its visit sets ``languages``.
    """
    own = own_language(merged)
    fields = text_fields(merged)
    others = [lang for lang in LANGUAGES if lang != own and all(has_text(v, lang, own) for _, v in fields)]
    return [own, *others]


Found = list[tuple[PathKey, Localized]]


def _walk(model: type[BaseModel], data: Any, path: PathKey, found: Found) -> None:
    if not isinstance(data, dict):
        return
    for name, field in model.model_fields.items():
        if name in data:
            translatable = any(isinstance(m, Translatable) for m in field.metadata)
            _value(field.annotation, translatable, data[name], (*path, name), found)


def _value(annotation: Any, translatable: bool, value: Any, path: PathKey, found: Found) -> None:
    """Follow ``annotation`` (a model, a list or dict of them, optional, or text) down ``value``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *metadata = typing.get_args(annotation)
        _value(inner, translatable or any(isinstance(m, Translatable) for m in metadata), value, path, found)
        return
    if translatable and (isinstance(value, str) or _is_translation_map(value)):
        found.append((path, value))
        return
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                _value(arg, translatable, value, path, found)
                if typing.get_origin(arg) in (list, dict) or _is_model(arg):
                    return
        return
    if origin is list and isinstance(value, list):
        (item,) = typing.get_args(annotation)
        for i, element in enumerate(value):
            _value(item, translatable, element, (*path, i), found)
    elif origin is dict and isinstance(value, dict) and not translatable:
        _, item = typing.get_args(annotation)
        for key, element in value.items():
            _value(item, translatable, element, (*path, key), found)
    elif _is_model(annotation):
        _walk(annotation, value, path, found)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _is_translation_map(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and all(isinstance(v, str) for v in value.values())
