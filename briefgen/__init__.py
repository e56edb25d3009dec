"""briefgen: merge partner profiles (YAML) into Word and PDF briefing documents.

The public API is what this module exports. Names are resolved on first use so that
``import briefgen`` stays cheap and needs nothing beyond the standard library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "BriefgenError",
    "Briefing",
    "Built",
    "Changes",
    "Outcome",
    "FORMATS",
    "InputError",
    "OutputError",
    "PACK_STEPS",
    "Places",
    "ProfileError",
    "RenderError",
    "Report",
    "TemplateError",
    "__version__",
    "add_font",
    "batch",
    "briefing",
    "briefings",
    "build",
    "changes_since",
    "change_lines",
    "check_layout",
    "check_sources",
    "describe_fact",
    "fact_origin",
    "project_search",
    "check",
    "check_lang",
    "export_translation",
    "import_translation",
    "init_project",
    "list_profiles",
    "list_templates",
    "load",
    "load_profile",
    "new_partner",
    "new_visit",
    "new_visit_from",
    "parse_date",
    "render_terminal",
    "translation_coverage",
    "validate",
    "validate_templates",
    "warm_renderer",
    "stop_warming",
    "watch",
]

_WHERE = {
    "BriefgenError": "briefgen.errors",
    "InputError": "briefgen.errors",
    "OutputError": "briefgen.errors",
    "ProfileError": "briefgen.errors",
    "RenderError": "briefgen.errors",
    "TemplateError": "briefgen.errors",
    "Places": "briefgen.data.catalog",
    "Briefing": "briefgen.view.viewmodel",
    "Built": "briefgen.pipeline.api",
    "Changes": "briefgen.view.changes",
    "Outcome": "briefgen.pipeline.watch",
    "Report": "briefgen.pipeline.api",
    "batch": "briefgen.pipeline.batch",
    "warm_renderer": "briefgen.pipeline.forked",
    "stop_warming": "briefgen.pipeline.forked",
    "briefing": "briefgen.pipeline.api",
    "briefings": "briefgen.pipeline.api",
    "build": "briefgen.pipeline.api",
    "check": "briefgen.pipeline.api",
    "list_profiles": "briefgen.pipeline.api",
    "list_templates": "briefgen.pipeline.api",
    "load_profile": "briefgen.pipeline.api",
    "validate": "briefgen.pipeline.api",
    "FORMATS": "briefgen.render",
    "watch": "briefgen.pipeline.watch",
    "PACK_STEPS": "briefgen.pipeline.api",
    "changes_since": "briefgen.pipeline.api",
    "add_font": "briefgen.pipeline.api",
    "change_lines": "briefgen.pipeline.api",
    "check_layout": "briefgen.pipeline.api",
    "check_sources": "briefgen.pipeline.api",
    "describe_fact": "briefgen.pipeline.api",
    "fact_origin": "briefgen.pipeline.api",
    "project_search": "briefgen.pipeline.api",
    "check_lang": "briefgen.pipeline.api",
    "export_translation": "briefgen.pipeline.api",
    "import_translation": "briefgen.pipeline.api",
    "init_project": "briefgen.pipeline.api",
    "load": "briefgen.pipeline.api",
    "new_partner": "briefgen.pipeline.api",
    "new_visit": "briefgen.pipeline.api",
    "new_visit_from": "briefgen.pipeline.api",
    "parse_date": "briefgen.pipeline.api",
    "render_terminal": "briefgen.pipeline.api",
    "translation_coverage": "briefgen.pipeline.api",
    "validate_templates": "briefgen.pipeline.api",
}

if TYPE_CHECKING:
    from briefgen.data.catalog import Places
    from briefgen.errors import BriefgenError, InputError, OutputError, ProfileError, RenderError, TemplateError
    from briefgen.pipeline import batch, watch
    from briefgen.pipeline.api import (
        PACK_STEPS,
        Built,
        Report,
        add_font,
        briefing,
        briefings,
        build,
        change_lines,
        changes_since,
        check,
        check_lang,
        check_layout,
        check_sources,
        describe_fact,
        export_translation,
        fact_origin,
        import_translation,
        init_project,
        list_profiles,
        list_templates,
        load,
        load_profile,
        new_partner,
        new_visit,
        new_visit_from,
        parse_date,
        project_search,
        render_terminal,
        translation_coverage,
        validate,
        validate_templates,
    )
    from briefgen.pipeline.forked import stop_warming, warm_renderer
    from briefgen.pipeline.watch import Outcome
    from briefgen.render import FORMATS
    from briefgen.view.changes import Changes
    from briefgen.view.viewmodel import Briefing


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'briefgen' has no attribute {name!r}")
    import importlib

    imported = importlib.import_module(module)
    value = imported if module.rsplit(".", 1)[1] == name else getattr(imported, name)
    globals()[name] = value
    return value
