"""``briefgen new``: the commented profile or visit file to fill in, made from the schema itself.

Every field of :class:`~briefgen.data.schema.Profile` (or, for a visit, of
:class:`~briefgen.data.schema.Visit`) appears with the docstring that documents it, nested models
included. Optional fields are commented out; the few required ones get placeholders that
validate as they are (``TODO …`` text, never a date, a figure or a name the sources did not
give), so that ``briefgen validate`` passes on the file just written and then on each field
filled in. Each placeholder says ``TODO``, in the value or in the comment ending its line (the
partner's name: ``name: korea  # TODO …``): ``check --strict`` lists it and ``build --final`` refuses
it (briefgen.view.checks), so a skeleton is never taken for a finished briefing. An existing file is
never overwritten (writing it is briefgen.data.scaffold's).
"""

from __future__ import annotations

import ast
import copy
import datetime as dt
import functools
import inspect
import json
import re
import textwrap
import types
import typing
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from briefgen.data.layout import DEFAULTS
from briefgen.data.schema import PartialDate, Profile, Visit

_STEP = "  "
_DATE = "YYYY-MM-DD"
_TODO = "TODO"
_WIDTH = 96


_EXAMPLE_MARK = re.compile(r"\[(EXAMPLE|EXEMPLE|VÍ DỤ)\]", re.IGNORECASE)
_MARKING_BLOCK = re.compile(r"^marking:.*\n(?:[ \t]+.*\n)*", re.M)
_PARTNER_LINE = re.compile(r"^partner:.*$", re.M)


def copied_visit(text: str, name: str, start: str, partner: str | None = None) -> str:
    """The text of visit ``start`` made into the start of visit ``name``.

    Everything is kept (comments, order, the three languages) except what must not pass for the new
    visit's own: the example's ``marking`` goes (the defaults' applies again), and every ``[EXAMPLE]``
    mark becomes ``TODO [EXAMPLE]``, a placeholder that ``build --final`` refuses until it is replaced
    by the real person, date or line. ``partner`` replaces the visit's partner when given.
    """
    body = _EXAMPLE_MARK.sub(lambda m: f"{_TODO} [{m[1]}]", _MARKING_BLOCK.sub("", text))
    if partner:
        body = _PARTNER_LINE.sub(f"partner: {partner}", body, count=1)
    header = [
        f"# Visit '{name}', started by 'briefgen new --visit {name} --from {start}': a copy of '{start}'.",
        "# Rework every section for your visit; each 'TODO [EXAMPLE]' is a role, date or line to replace,",
        f"# and 'briefgen build {name} --final' refuses the file until none is left. Check it with:",
        f"# briefgen validate {name}",
        "",
    ]
    return "\n".join(header) + body


def partner_of(text: str) -> str | None:
    """The partner a visit file's text names on its top-level ``partner:`` line."""
    match = _PARTNER_LINE.search(text)
    value = match[0].partition(":")[2].split("#")[0].strip().strip("'\"") if match else ""
    return value or None


def partner_skeleton(name: str, inherited: set[str] | frozenset[str] = frozenset()) -> str:
    """The commented YAML of a new partner profile ``name``.

    ``inherited`` are the top-level keys the defaults layer already sets: required ones among
    them are commented out instead of given a placeholder.
    """
    lines = [
        f"# Partner profile '{name}', written by 'briefgen new {name}'. Check it with: briefgen validate {name}",
        *_intro(Profile),
        "",
    ]
    notes = {key: _inherited_note(Profile.model_fields[key]) for key in inherited if key in Profile.model_fields}
    values: dict[str, Any] = {"partner": {"name": f"{name}  # {_TODO}: its name as the briefing prints it"}}
    lines += _model_lines(Profile, values, notes, skip={"visit"}, spaced=True)
    lines += [
        "",
        f"# {_doc(dict(_fields(Profile))['visit'])}",
        "# A visit has its own file, merged over this profile:",
        f"# visit: see 'briefgen new --visit NAME --partner {name}'",
    ]
    return "\n".join(lines) + "\n"


def defaults_skeleton(marking: str | None = None) -> str:
    """The commented YAML of a new ``defaults.yaml``: what every partner profile of a project inherits."""
    lines = [
        "# Defaults merged under every partner profile and visit of this project, written by 'briefgen init'.",
        "# A partner profile or a visit file overrides any key set here. Set issuer and marking to your",
        "# office's; national_context and sources shared by every briefing may go here too.",
        *_intro(Profile),
        "",
    ]
    values: dict[str, Any] = {
        "issuer": f"{_TODO} your office, as the cover prints it",
        "marking": json.dumps(marking, ensure_ascii=False) if marking else f"{_TODO} your classification marking",
    }
    lines += _model_lines(Profile, values, {}, skip={"visit", "partner"}, spaced=True)
    return "\n".join(lines) + "\n"


def visit_skeleton(name: str, partner: str) -> str:
    """The commented YAML of a new visit ``name`` to partner ``partner``."""
    lines = [
        f"# Visit '{name}', written by 'briefgen new --visit {name} --partner {partner}'.",
        f"# Check it with: briefgen validate {name}",
        *_intro(Visit),
        "",
        f"# The partner profile this visit is merged over ({partner}.yaml in the profiles folder).",
        f"partner: {partner}",
        "",
        *[f"# {line}" for line in textwrap.wrap(_class_doc(Visit), _WIDTH)],
        "visit:",
    ]
    values: dict[str, Any] = {"title": f"{_TODO} visit title", "period": f"{_TODO} period"}
    notes = {"period": "Or, once the dates are fixed, remove period and set date (and end)."}
    lines += _indent(_model_lines(Visit, values, notes, spaced=True), 1)
    lines += [
        "",
        "# Any other key of a partner profile set here overrides the partner's and the defaults' for",
        "# this visit: a mapping merges key by key, a list or a value replaces the earlier one whole.",
    ]
    for key in ("marking", "sources"):
        lines += ["", *_commented(key, dict(_fields(Profile))[key], "", 0, required=False)]
    return "\n".join(lines) + "\n"


def _inherited_note(field: FieldInfo) -> str:
    """How a key the defaults already set combines with this profile's."""
    if _dict_value(field.annotation) is not None or _model_of(field.annotation) is not None:
        return f"{DEFAULTS}.yaml sets it too; the keys given here merge with its keys."
    if _list_item(field.annotation) is not None:
        return f"{DEFAULTS}.yaml sets it; a list given here replaces that one whole."
    return f"Set in {DEFAULTS}.yaml; uncomment to override it for this partner."


def _intro(model: type[BaseModel]) -> list[str]:
    lines = [
        "# Every field of the schema is listed with its meaning; optional ones are commented out.",
        "# Uncomment and fill in only what a source supports, and give each fact its source and as_of",
        "# date; leave the rest out rather than guess. Placeholders read TODO (dates: YYYY-MM-DD).",
    ]
    if _has_multilingual_text(model):
        lines.append("# Text may be given in several languages: {fr: …, en: …, vi: …}.")
    return lines


def _model_lines(
    model: type[BaseModel],
    values: dict[str, Any],
    notes: dict[str, str],
    skip: set[str] | frozenset[str] = frozenset(),
    spaced: bool = False,
) -> list[str]:
    """A model's fields at relative indent 0: those in ``values`` and required ones set, the rest commented out."""
    lines: list[str] = []
    for key, field in _fields(model):
        if key in skip:
            continue
        if spaced and lines:
            lines.append("")
        note = notes.get(key, "")
        inherited = key in notes and key not in values and field.is_required()
        if key not in values and (inherited or not field.is_required()):
            lines += _commented(key, field, note, 0)
            continue
        lines += [f"# {line}" for line in _description(field, note)]
        given = values.get(key)
        nested = _model_of(field.annotation)
        if nested is not None and not _is_date(nested):
            lines.append(f"{key}:")
            lines += _indent(_model_lines(nested, given if isinstance(given, dict) else {}, {}), 1)
        else:
            lines.append(f"{key}: {given if given is not None else f'{_TODO} {key}'}")
    return lines


def _commented(key: str, field: FieldInfo, note: str, depth: int, required: bool | None = None) -> list[str]:
    """A field's description, then the field with placeholders, commented out."""
    lines = [f"# {line}" for line in _description(field, note, required)]
    lines += [f"# {line}" for line in _entry(key, field)]
    return _indent(lines, depth)


def _entry(key: str, field: FieldInfo) -> list[str]:
    """``key: placeholder``, or the key over a nested mapping or list, every nested field shown."""
    annotation = field.annotation
    item = _list_item(annotation)
    if item is not None:
        nested = _model_of(item)
        if nested is None or _is_date(nested):
            return [f"{key}:", f"{_STEP}- {_placeholder(item, None)}"]
        body = _body(nested)
        first = next(i for i, line in enumerate(body) if not line.startswith("#"))
        return [
            f"{key}:",
            *_indent(body[:first], 2),
            f"{_STEP}- {body[first]}",
            *_indent(body[first + 1 :], 2),
        ]
    value = _dict_value(annotation)
    if value is not None:
        nested = _model_of(value)
        if nested is None:
            return [f"{key}:", f"{_STEP}{_TODO}-key: {_placeholder(value, None)}"]
        return [f"{key}:", f"{_STEP}{_TODO}-key:", *_indent(_body(nested), 2)]
    nested = _model_of(annotation)
    if nested is not None and not _is_date(nested):
        return [f"{key}:", *_indent(_body(nested), 1)]
    return [f"{key}: {_placeholder(annotation, field)}"]


def _body(model: type[BaseModel]) -> list[str]:
    """Every field of ``model`` with its description, nothing commented out (the caller comments the block)."""
    lines: list[str] = []
    for key, field in _fields(model):
        lines += [f"# {line}" for line in _description(field, "")]
        lines += _entry(key, field)
    return lines


def _fields(model: type[BaseModel]) -> list[tuple[str, FieldInfo]]:
    """The model's fields, its own first, then those it inherits (``source`` and ``as_of`` of a sourced fact).

    Each with its docstring as its ``description`` (:func:`field_docs`).
    """
    own = set(vars(model).get("__annotations__", {}))
    docs = field_docs(model)
    fields = [(name, _described(field, docs.get(name))) for name, field in model.model_fields.items()]
    return [f for f in fields if f[0] in own] + [f for f in fields if f[0] not in own]


def _described(field: FieldInfo, doc: str | None) -> FieldInfo:
    if field.description or not doc:
        return field
    described = copy.copy(field)
    described.description = doc
    return described


@functools.cache
def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """The docstring under each field of ``model`` (and of the models it inherits from), read from their source.

    The models do not ask pydantic to keep them (``use_attribute_docstrings``): it would read and
    parse the schema's source on every run that imports it, about a fifth of building the models,
    for the one command that shows them (``new``).
    """
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or cls is BaseModel:
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
        except (OSError, TypeError, SyntaxError):
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for statement, after in zip(body, body[1:], strict=False):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs[statement.target.id] = inspect.cleandoc(after.value.value)
    return docs


def _description(field: FieldInfo, note: str, required: bool | None = None) -> list[str]:
    """The field's docstring, then what the reader must know to fill it in, wrapped."""
    text = _doc(field)
    options = _literal_options(field.annotation)
    extra = []
    if field.is_required() if required is None else required:
        extra.append("Required.")
    if options and not all(option in text for option in options):
        extra.append(f"One of: {', '.join(options)}.")
    if field.default is not None and not field.is_required() and isinstance(field.default, str | int | float):
        extra.append(f"Defaults to {field.default}.")
    if note:
        extra.append(note)
    return textwrap.wrap(" ".join([text, *extra]), _WIDTH) or [""]


def _doc(field: FieldInfo) -> str:
    return (field.description or "").replace("``", "")


def _class_doc(model: type[BaseModel]) -> str:
    return (model.__doc__ or "").strip().splitlines()[0].replace("``", "")


def _placeholder(annotation: Any, field: FieldInfo | None) -> str:
    """A value that is plainly not a fact: the field's default, YYYY-MM-DD for a date, else TODO."""
    if field is not None and field.default is not None and isinstance(field.default, str | int | float):
        return str(field.default)
    members = _members(annotation)
    if any(m is dt.date or (isinstance(m, type) and issubclass(m, PartialDate)) for m in members):
        return _DATE
    return _TODO


def _members(annotation: Any) -> list[Any]:
    """The types an annotation allows, with Optional, unions and Annotated taken apart."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _members(arg)]
    return [] if annotation is type(None) else [annotation]


def _model_of(annotation: Any) -> type[BaseModel] | None:
    for member in _members(annotation):
        if isinstance(member, type) and issubclass(member, BaseModel):
            return member
    return None


def _is_date(model: type[BaseModel]) -> bool:
    """A partial date is a model, but a profile writes it as a date (``2025-11-24``, ``2025-11``)."""
    return issubclass(model, PartialDate)


def _list_item(annotation: Any) -> Any:
    for member in _members(annotation):
        if typing.get_origin(member) is list:
            return typing.get_args(member)[0]
    return None


def _dict_value(annotation: Any) -> Any:
    """The value type of a mapping field (``sources``), not of a multilingual text."""
    members = _members(annotation)
    if str in members:
        return None
    for member in members:
        if typing.get_origin(member) is dict:
            return typing.get_args(member)[1]
    return None


def _literal_options(annotation: Any) -> list[str]:
    return [str(v) for m in _members(annotation) if typing.get_origin(m) is Literal for v in typing.get_args(m)]


def _has_multilingual_text(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> bool:
    """Whether some field of ``model`` (nested ones included) takes text or a mapping of languages to text."""
    seen = seen if seen is not None else set()
    seen.add(model)
    for field in model.model_fields.values():
        members = _members(field.annotation)
        item = _list_item(field.annotation)
        if item is not None:
            members += _members(item)
        if str in members and any(typing.get_origin(m) is dict for m in members):
            return True
        for member in [*members, _dict_value(field.annotation)]:
            nested = _model_of(member) if member is not None else None
            if nested is not None and nested not in seen and _has_multilingual_text(nested, seen):
                return True
    return False


def _indent(lines: list[str], depth: int) -> list[str]:
    return [f"{_STEP * depth}{line}" if line else line for line in lines]
