"""The interface words: every fixed word a briefing prints, declared once as the catalogues' source.

Each entry is ``word(key, English source)``. The key is the entry's ``msgctxt`` in the gettext
catalogues (``briefgen/locale/LANG/LC_MESSAGES/briefgen.po``) and the name templates read
(``labels.key``); the English text is its ``msgid``, what a translator translates. A section's title
is the word whose key is the section's id. ``tools/catalogues.py`` extracts this module into
``briefgen/locale/briefgen.pot``, merges it into every catalogue and compiles them (see
docs/architecture.md, "Adding a language").
"""

from __future__ import annotations


def word(key: str, source: str) -> tuple[str, str]:
    """One interface word: its key (the msgctxt) and its English source text (the msgid)."""
    return key, source


WORDS: tuple[tuple[str, str], ...] = (
    # TRANSLATORS: The kind of document, on the cover above its title.
    word("briefing", "Briefing note"),
    # TRANSLATORS: The cover's title of a partner briefing. {partner}: the partner's name.
    word("briefing_on", "Briefing note — {partner}"),
    # TRANSLATORS: On the cover. {range}: the oldest and newest as-of dates of the facts,
    # '24 November 2025 – 19 January 2026' (each a day, a month or a year), or one date.
    word("info_as_of", "Facts as of {range}"),
    # TRANSLATORS: On the cover: the document's own date (the day it was built). {date}: a full date.
    word("document_date", "Document dated {date}"),
    # TRANSLATORS: A visit with no fixed date: the label of the period it is planned for,
    # 'Planned: by the end of 2025' (not a date).
    word("planned", "Planned"),
    # TRANSLATORS: Heading of the table of contents.
    word("toc", "Contents"),
    # TRANSLATORS: Running footer: 'page 3 / 12'.
    word("page", "page"),
    # TRANSLATORS: Running footer, between the page number and the page count: 'page 3 / 12'.
    word("page_of", "/"),
    word("summary", "The relationship at a glance"),
    word("key_figures", "Key figures"),
    word("partnerships", "Cooperation between localities"),
    word("agreements", "Trade agreements"),
    word("timeline", "Timeline"),
    word("people", "People"),
    word("priorities", "Priority areas"),
    word("national_context", "Annex – National context"),
    word("sources", "Sources"),
    word("forum", "Forum"),
    # TRANSLATORS: A label and its value on one line, e.g. 'Head of delegation: …'.
    word("labelled", "{label}: {value}"),
    # TRANSLATORS: Title of a bar chart of the key figures' amounts in one currency.
    word("chart_amounts", "Headline figures"),
    word("visit", "The visit"),
    word("objectives", "Objectives"),
    word("programme", "Programme"),
    word("talking_points", "Talking points"),
    word("vigilance", "Points to watch"),
    word("delegation", "Delegation"),
    word("head", "Head of delegation"),
    word("members", "Members"),
    word("focus_ours", "Our localities"),
    word("focus_theirs", "Partner localities"),
    word("day", "Day"),
    word("time", "Time"),
    word("item", "Activity"),
    word("venue", "Venue"),
    word("counterpart", "Counterpart"),
    # TRANSLATORS: Legend under a table: keep the star.
    word("highlight_note", "★ localities or people the visit concerns"),
    word("key_facts", "Key facts"),
    word("visit_briefing", "Briefing — visit"),
    word("figure", "Indicator"),
    word("value", "Value"),
    word("as_of", "As of"),
    word("source", "Source"),
    # TRANSLATORS: Column heading: the Vietnamese locality of a partnership.
    word("ours", "Vietnamese locality"),
    # TRANSLATORS: Column heading: the partner's localities in a partnership.
    word("theirs", "Partner localities"),
    word("date", "Date"),
    word("event", "Event"),
    word("name", "Name"),
    word("role", "Position"),
    # TRANSLATORS: Column heading: which side a person belongs to (Viet Nam or the partner).
    word("side", "Side"),
    # TRANSLATORS: Column heading: an agreement's short name (CPTPP, VJEPA).
    word("short", "Short name"),
    word("agreement", "Agreement"),
    word("when", "When"),
    word("place", "Place"),
    word("organisers", "Organisers"),
    word("theme", "Theme"),
    # TRANSLATORS: Label: the strands of a forum's programme.
    word("strands", "Programme"),
    # TRANSLATORS: A person's side, in the people table.
    word("side_vietnam", "Viet Nam"),
    # TRANSLATORS: A person's side, in the people table (the partner's name is shown instead in briefings).
    word("side_partner", "Partner"),
    # TRANSLATORS: {text}: the relationship's framework, e.g. 'Comprehensive strategic partnership'.
    word("framework_line", "Framework: {text}"),
    # TRANSLATORS: A figure's rank {n}, in the ordinal category (CLDR) 'one': English 1st, 21st; French 1er.
    word("rank_one", "{n}st partner"),
    # TRANSLATORS: A rank in the ordinal category 'two' (English 2nd); as rank_other if your language has none.
    word("rank_two", "{n}nd partner"),
    # TRANSLATORS: A rank in the ordinal category 'few' (English 3rd); as rank_other if your language has none.
    word("rank_few", "{n}rd partner"),
    # TRANSLATORS: A figure's rank, every other number (English 4th, 11th, 12th). {n}: the rank.
    word("rank_other", "{n}th partner"),
    # TRANSLATORS: How a full date is written: 'long' (the locale's own long date in Babel/CLDR) or a CLDR date pattern.
    word("date_format", "long"),
    # TRANSLATORS: A date on the first day of a month: 'long', or a CLDR pattern (French writes 1er).
    word("date_format_first", "long"),
    # TRANSLATORS: A figure's value as it is. {}: the formatted number.
    word("qualifier_exactly", "{}"),
    # TRANSLATORS: {}: the formatted number.
    word("qualifier_about", "about {}"),
    # TRANSLATORS: {}: the formatted number.
    word("qualifier_nearly", "nearly {}"),
    # TRANSLATORS: {}: the formatted number.
    word("qualifier_more_than", "more than {}"),
    # TRANSLATORS: {}: the formatted number.
    word("qualifier_at_least", "at least {}"),
    # TRANSLATORS: An amount. {number}: the formatted number; {currency}: the currency's name (Babel's).
    word("amount", "{number} {currency}"),
    # TRANSLATORS: A large amount: {number} is '33.69 billion'; {currency}: the currency's name (Babel's).
    word("amount_compact", "{number} {currency}"),
    # TRANSLATORS: A source's title in quotation marks. {text}: the title.
    word("quoted", "“{text}”"),
)
