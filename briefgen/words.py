"""The interface words: every fixed word a briefing prints, declared once as the catalogues' source.

Each entry is ``word(key, English source)``. The key is the entry's ``msgctxt`` in the gettext
catalogues (``briefgen/locale/LANG/LC_MESSAGES/briefgen.po``) and the name templates read
(``labels.key``); the English text is its ``msgid``, what a translator translates. A section's title
is the word whose key is the section's id. ``docs/tools/catalogues.py`` extracts this module into
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
    # Say it as your officials head such a line, not word for word ('Information as at', not 'Facts as of').
    word("info_as_of", "Information as at {range}"),
    # TRANSLATORS: On the cover: the document's own date (the day it was built). {date}: a full date.
    word("document_date", "Date: {date}"),
    # TRANSLATORS: A visit with no fixed date: the label of the period it is planned for,
    # 'Planned: by the end of 2025' (not a date).
    word("planned", "Planned"),
    # TRANSLATORS: On the cover, when some of the profile's text has no translation into the
    # document's language. {languages}: the language name(s) as Babel writes them ('French').
    word("fallback_note", "Parts of this document are in {languages}: they have not been translated yet."),
    # TRANSLATORS: A language's name as it reads inside the sentence of 'fallback_note'.
    word("language_fr", "French"),
    # TRANSLATORS: A language's name as it reads inside the sentence of 'fallback_note'.
    word("language_en", "English"),
    # TRANSLATORS: A language's name as it reads inside the sentence of 'fallback_note'.
    word("language_vi", "Vietnamese"),
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
    # TRANSLATORS: Title of the section listing what differs from the earlier pack of the same visit.
    # {date}: that pack's date.
    word("changes", "Changes since the pack of {date}"),
    # TRANSLATORS: A fact of the changes section that the earlier pack did not state.
    word("change_added", "New"),
    # TRANSLATORS: A fact of the changes section whose value, date or source differs from the earlier pack.
    word("change_changed", "Changed"),
    # TRANSLATORS: A fact of the changes section that the earlier pack stated and this one no longer does.
    word("change_removed", "Removed"),
    # TRANSLATORS: Where a fact of the changes section comes from. {date}: its as-of date; {source}: the source.
    word("change_origin", "as at {date}, source: {source}"),
    # TRANSLATORS: 'briefgen diff', in the terminal: the heading above the facts that changed.
    # {name}: the profile's file name (japan); {since}: the file or folder compared with (a path).
    word("diff_since", "{name}: changes since {since}"),
    # TRANSLATORS: 'briefgen diff', after the heading, in brackets: the date of the build compared with.
    word("diff_dated", "dated {date}"),
    # TRANSLATORS: 'briefgen diff', when no fact was added, changed or removed.
    word("diff_none", "No fact has changed."),
    # TRANSLATORS: The kind of document a visit's briefing is, on its cover above the visit's title.
    word("visit_briefing", "Visit briefing"),
    word("figure", "Indicator"),
    word("value", "Value"),
    word("as_of", "As at"),
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
    # TRANSLATORS: A figure's rank 1 to 10, as your officials write it: in words where they write words
    # ('largest partner', 'third-largest partner'; Vietnamese 'đối tác lớn thứ ba'). Higher ranks use rank_one…
    word("rank_1", "largest partner"),
    word("rank_2", "second-largest partner"),
    word("rank_3", "third-largest partner"),
    word("rank_4", "fourth-largest partner"),
    word("rank_5", "fifth-largest partner"),
    word("rank_6", "sixth-largest partner"),
    word("rank_7", "seventh-largest partner"),
    word("rank_8", "eighth-largest partner"),
    word("rank_9", "ninth-largest partner"),
    word("rank_10", "tenth-largest partner"),
    # TRANSLATORS: A rank above 10 in the ordinal category (CLDR) 'one': English 21st, 31st. {n}: the rank.
    word("rank_one", "{n}st-largest partner"),
    # TRANSLATORS: A rank in the ordinal category 'two' (English 22nd); as rank_other if your language has none.
    word("rank_two", "{n}nd-largest partner"),
    # TRANSLATORS: A rank in the ordinal category 'few' (English 23rd); as rank_other if your language has none.
    word("rank_few", "{n}rd-largest partner"),
    # TRANSLATORS: A figure's rank, every other number above 10 (English 11th, 12th, 24th). {n}: the rank.
    word("rank_other", "{n}th-largest partner"),
    # TRANSLATORS: How a full date is written: 'long' (the locale's own long date in Babel/CLDR) or a CLDR date pattern.
    word("date_format", "long"),
    # TRANSLATORS: A date on the first day of a month: 'long', or a CLDR pattern (French writes 1er).
    word("date_format_first", "long"),
    # TRANSLATORS: A date in January or February: 'long', or a CLDR pattern (the Vietnamese decree on
    # administrative documents pads these months: 'ngày 07 tháng 02 năm 2026').
    word("date_format_early", "long"),
    # TRANSLATORS: A month without its day ('January 2026'): 'long' (the locale's own month and year in
    # Babel/CLDR) or a CLDR date pattern.
    word("month_format", "long"),
    # TRANSLATORS: A month without its day, in January or February: 'long', or a CLDR pattern padded as
    # 'date_format_early' pads these months ('tháng 01 năm 2026').
    word("month_format_early", "long"),
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
    # TRANSLATORS: How an amount in US dollars names its currency in a table's value column: the short form
    # your officials write ('USD': '33,69 Md USD', 'USD 33.69 bn', '33,69 tỷ USD'), or 'long' for Babel's long
    # name ('US dollars'), which a value column has no room for.
    word("currency_USD", "long"),
    # TRANSLATORS: As currency_USD, for the Vietnamese dong ('VND'; 'đồng' in Vietnamese: '51 tỷ đồng').
    word("currency_VND", "long"),
    # TRANSLATORS: An amount. {number}: the formatted number; {currency}: the currency (see currency_USD).
    word("amount", "{number} {currency}"),
    # TRANSLATORS: A large amount, in a table's value column: {number} is '33.69', {scale} the short word for
    # its millions or billions (million_short, billion_short), {currency} the currency (see currency_USD).
    # Write it as your officials do in a table: 'USD 33.69 bn', '33,69 Md USD', '33,69 tỷ USD'.
    word("amount_compact", "{currency} {number} {scale}"),
    # TRANSLATORS: The short word for millions in a large amount ('m'; 'M' in French, 'triệu' in Vietnamese).
    word("million_short", "m"),
    # TRANSLATORS: The short word for billions (thousand millions) in a large amount ('bn'; 'Md' in French,
    # 'tỷ' in Vietnamese).
    word("billion_short", "bn"),
    # TRANSLATORS: A source's title in quotation marks. {text}: the title.
    word("quoted", "“{text}”"),
    # TRANSLATORS: A source cited by its original title, followed by a translation we made of it.
    # {title}: the original title, quoted; {translation}: ours, quoted.
    word("title_translated", "{title} (our translation: {translation})"),
    # TRANSLATORS: Section title: the visit's purpose (one paragraph) and its objectives.
    word("purpose", "Purpose and objectives"),
    # TRANSLATORS: Section title: what we ask of the partner and what they are likely to ask of us.
    word("asks", "Asks"),
    # TRANSLATORS: Sub-heading: what our delegation asks of the partner.
    word("our_asks", "Our asks"),
    # TRANSLATORS: Sub-heading: what the partner is likely to ask of us.
    word("their_asks", "Their likely asks"),
    # TRANSLATORS: Column heading: one ask.
    word("ask", "Ask"),
    # TRANSLATORS: Column heading: the reply we suggest to an ask.
    word("reply", "Suggested reply"),
    # TRANSLATORS: Heading: the lines to take, to avoid, Q&A and press line for each meeting of the programme.
    word("meeting_lines", "Meeting by meeting"),
    # TRANSLATORS: Label: what the delegation should say in a meeting.
    word("lines_to_take", "Lines to take"),
    # TRANSLATORS: Label: what the delegation should not say in a meeting.
    word("lines_to_avoid", "Lines to avoid"),
    # TRANSLATORS: Label: difficult questions a meeting may raise, each with an answer.
    word("questions", "Defensive Q&A"),
    # TRANSLATORS: Label: a difficult question in the defensive Q&A.
    word("question", "Question"),
    # TRANSLATORS: Label: the answer to a question in the defensive Q&A.
    word("answer", "Answer"),
    # TRANSLATORS: Label: the one line to give the press after a meeting.
    word("press_line", "Press line"),
    # TRANSLATORS: Section title: the partner's people the delegation meets.
    word("interlocutors", "Interlocutors"),
    # TRANSLATORS: Label: the organisation a person works for.
    word("organisation", "Organisation"),
    # TRANSLATORS: Label: a person's current post.
    word("post", "Current post"),
    # TRANSLATORS: Label: how to address a person (form of address), e.g. 'Mr Governor'.
    word("address", "Form of address"),
    # TRANSLATORS: Label: the main points of a person's career.
    word("career", "Career"),
    # TRANSLATORS: Label: earlier meetings between this person and us.
    word("meetings", "Earlier meetings with us"),
    # TRANSLATORS: Heading: short biographies of people.
    word("biographies", "Biographies"),
    # TRANSLATORS: Section title: protocol and logistics of the visit.
    word("protocol", "Protocol and logistics"),
    # TRANSLATORS: Label: the order of precedence of the delegation.
    word("precedence", "Precedence"),
    # TRANSLATORS: Label: gifts to exchange.
    word("gifts", "Gifts"),
    # TRANSLATORS: Label: the interpreters of the visit.
    word("interpreters", "Interpreters"),
    # TRANSLATORS: Label: the dress code.
    word("dress", "Dress"),
    # TRANSLATORS: Label: contacts at our embassy or consulate during the visit.
    word("contacts", "Contacts on the spot"),
    # TRANSLATORS: Label: a contact's telephone number.
    word("phone", "Telephone"),
    # TRANSLATORS: Label: a contact's e-mail address.
    word("email", "E-mail"),
    # TRANSLATORS: Section title: what was promised at earlier meetings, by whom, and where it stands.
    word("follow_up", "Follow-up of earlier commitments"),
    # TRANSLATORS: Column heading: an earlier commitment.
    word("promise", "Commitment"),
    # TRANSLATORS: Column heading: who made the commitment.
    word("by", "Made by"),
    # TRANSLATORS: Column heading: where a commitment stands.
    word("status", "Status"),
    # TRANSLATORS: Column heading: a remark about a commitment.
    word("note", "Note"),
    # TRANSLATORS: A commitment's status: carried out.
    word("status_done", "done"),
    # TRANSLATORS: A commitment's status: under way.
    word("status_in_progress", "in progress"),
    # TRANSLATORS: A commitment's status: not started yet.
    word("status_pending", "pending"),
    # TRANSLATORS: A commitment's status: given up.
    word("status_dropped", "dropped"),
    # TRANSLATORS: Section title: who drafted the note, when, who cleared it, its reference and distribution.
    word("drafting", "Drafting and distribution"),
    # TRANSLATORS: Label: the officer who drafted the note.
    word("drafting_officer", "Drafting officer"),
    # TRANSLATORS: Label: the day the note was drafted.
    word("drafting_date", "Date drafted"),
    # TRANSLATORS: Label: who cleared (approved) the note.
    word("clearance", "Cleared by"),
    # TRANSLATORS: Label: the note's reference number.
    word("reference", "Reference"),
    # TRANSLATORS: Label: who receives the note.
    word("distribution", "Distribution"),
    # TRANSLATORS: Label: the day the last clearance was given.
    word("cleared_on", "Date cleared"),
    # TRANSLATORS: Under the issuing body at the head of the first page: the note's number and symbol
    # ('Số: …/BC-SNgV' in Vietnamese, as Decree 30/2020 writes it). {reference}: the number and symbol.
    word("reference_line", "Ref.: {reference}"),
    # TRANSLATORS: The place-and-date line at the head of the first page. {place}: the office's place;
    # {date}: a full date ('Quảng Ninh, ngày 07 tháng 12 năm 2026' in Vietnamese, as Decree 30/2020 writes it).
    word("place_date", "{place}, {date}"),
    # TRANSLATORS: Whom the note is addressed to, on the first page ('Kính gửi: …'). {addressee}: who.
    word("addressee", "To: {addressee}"),
    # TRANSLATORS: The note's purpose line, on the first page. {purpose}: one sentence.
    word("purpose_line", "Purpose: {purpose}"),
    # TRANSLATORS: Heading of the list of who receives a copy, at the end of the note ('Nơi nhận:'
    # in Vietnamese, bold italic, as Decree 30/2020 writes it).
    word("recipients", "Distribution:"),
    # TRANSLATORS: Shown in a draft where a section or a field is still missing.
    word("to_be_completed", "To be completed"),
    # TRANSLATORS: Mark on every page of a document that is not final (upper case).
    word("draft", "DRAFT"),
    # TRANSLATORS: After a partnership's kind: the day it started. {date}: a date.
    word("since", "since {date}"),
    # TRANSLATORS: Label: the day an agreement was signed.
    word("signed", "Signed"),
    # TRANSLATORS: Column heading: the kind of a locality pairing (twinning, friendship…).
    word("kind", "Kind"),
    # TRANSLATORS: The note explaining the mark on old figures and titles, printed once.
    # {age}: the age limit as a duration ('12 months'); {date}: the document's date ('7 December 2026').
    word("old_note", "Older than {age} on {date}."),
    # TRANSLATORS: On the cover, when one figure or title is marked old. {count}: 1; {age}, {date}: as in 'old_note'.
    word("old_count_one", "{count} figure or title older than {age} on {date}, marked"),
    # TRANSLATORS: On the cover, when several figures or titles are marked old. {count}: how many.
    word("old_count_other", "{count} figures or titles older than {age} on {date}, marked"),
    # TRANSLATORS: Before the drafter's reason for keeping an old figure in a final document.
    word("old_accepted", "Kept although old:"),
    # TRANSLATORS: Label of a visit's planning commitment ('Commitment: by the end of 2025'): not a date.
    word("commitment", "Commitment"),
    # TRANSLATORS: On the cover and in the heading of a visit whose dates or commitment are past.
    # {date}: the document's date.
    word("visit_past", "Already past on {date}"),
    # TRANSLATORS: After a quotation printed in a language other than the source's: we translated it.
    word("our_translation", "our translation"),
    # TRANSLATORS: As 'our_translation', naming who translated. {who}: the translator (a department).
    word("translated_by", "our translation, by {who}"),
)
