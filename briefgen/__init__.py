"""briefgen: merge partner profiles (YAML) into Word and PDF briefing documents.

The public API is what this module exports. Names are resolved on first use so that
``import briefgen`` stays cheap and needs nothing beyond the standard library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "BriefgenError",
    "Built",
    "InputError",
    "OutputError",
    "Places",
    "ProfileError",
    "RenderError",
    "Report",
    "TemplateError",
    "__version__",
    "batch",
    "briefing",
    "build",
    "check",
    "list_profiles",
    "list_templates",
    "load_profile",
    "validate",
]

_WHERE = {
    "BriefgenError": "briefgen.errors",
    "InputError": "briefgen.errors",
    "OutputError": "briefgen.errors",
    "ProfileError": "briefgen.errors",
    "RenderError": "briefgen.errors",
    "TemplateError": "briefgen.errors",
    "Places": "briefgen.data.catalog",
    "Built": "briefgen.pipeline.api",
    "Report": "briefgen.pipeline.api",
    "batch": "briefgen.pipeline.batch",
    "briefing": "briefgen.pipeline.api",
    "build": "briefgen.pipeline.api",
    "check": "briefgen.pipeline.api",
    "list_profiles": "briefgen.pipeline.api",
    "list_templates": "briefgen.pipeline.api",
    "load_profile": "briefgen.pipeline.api",
    "validate": "briefgen.pipeline.api",
}

if TYPE_CHECKING:
    from briefgen.data.catalog import Places
    from briefgen.errors import BriefgenError, InputError, OutputError, ProfileError, RenderError, TemplateError
    from briefgen.pipeline import batch
    from briefgen.pipeline.api import (
        Built,
        Report,
        briefing,
        build,
        check,
        list_profiles,
        list_templates,
        load_profile,
        validate,
    )


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'briefgen' has no attribute {name!r}")
    import importlib

    imported = importlib.import_module(module)
    value = imported if module.rsplit(".", 1)[1] == name else getattr(imported, name)
    globals()[name] = value
    return value
