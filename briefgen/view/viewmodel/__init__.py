"""The view model: what every renderer receives, as ready-to-print strings, chart data and image bytes.

The context stage (``briefgen.view.context``) is the only producer of these objects. Renderers
(DOCX, HTML/PDF, Markdown, terminal) only loop over them and test them for emptiness: every number,
date and label here is already formatted and translated for the build language; charts and images
are data, which each format draws its own way.

Its classes live in four modules, by what they describe, and are all importable from here
(``from briefgen.view.viewmodel import Briefing``):

- ``common``: text in another language (whole, or pieces of a composed text), references, labelled lines,
  images, portraits;
- ``partner``: the partner's sections (figures, charts, pairings, agreements, timeline, people, sources);
- ``visit``: a visit's sections (purpose, asks, programme, delegation, protocol, follow-up, drafting);
- ``document``: the cover, the contents and ``Briefing``, every name a template sees.
"""

from __future__ import annotations

from briefgen.view.viewmodel.common import (
    Bullets,
    Image,
    Line,
    Mixed,
    Paragraph,
    Portrait,
    Ref,
    Text,
    formatted,
    joined,
    language_of,
)
from briefgen.view.viewmodel.document import Briefing, Closing, Cover, Heading, Section
from briefgen.view.viewmodel.partner import (
    Agreement,
    Bar,
    ChangedFact,
    Chart,
    Event,
    Figure,
    FigureGroup,
    Forum,
    Partnership,
    Person,
    Source,
)
from briefgen.view.viewmodel.visit import (
    Answer,
    Ask,
    Asks,
    Commitment,
    Contact,
    Drafting,
    Member,
    ProgrammeItem,
    Protocol,
    Purpose,
    Visit,
)

__all__ = [
    "Agreement",
    "Answer",
    "Ask",
    "Asks",
    "Bar",
    "Briefing",
    "Bullets",
    "ChangedFact",
    "Chart",
    "Closing",
    "Commitment",
    "Contact",
    "Cover",
    "Drafting",
    "Event",
    "Figure",
    "FigureGroup",
    "Forum",
    "Heading",
    "Image",
    "Line",
    "Member",
    "Mixed",
    "Paragraph",
    "Partnership",
    "Person",
    "Portrait",
    "ProgrammeItem",
    "Protocol",
    "Purpose",
    "Ref",
    "Section",
    "Source",
    "Text",
    "Visit",
    "formatted",
    "joined",
    "language_of",
]

# The classes' public home is this package: messages that name a class (a template's typo:
# "'briefgen.view.viewmodel.Cover object' has no attribute 'titel'") and pickles (a batch sends views
# between processes) say briefgen.view.viewmodel, whichever module defines it.
for _name in __all__:
    globals()[_name].__module__ = __name__
del _name
