"""Composed text keeps the language of its pieces: a list, ``Name (native)``, ``Status: …`` (FICTIONAL values).

``viewmodel.joined`` and ``viewmodel.formatted`` build a ``Mixed`` string when a piece is a ``Text`` (a
translation is missing), and the HTML and DOCX renderers mark that piece alone (briefgen.render.marking).
"""

from __future__ import annotations

import pickle

from briefgen.render.marking import html_spans, marked, split_marked
from briefgen.view.viewmodel import Mixed, Text, formatted, joined


def test_a_list_joined_keeps_each_item_in_another_language() -> None:
    text = joined(", ", ["Ministry of Fiction", Text("Ambassade fictive", "fr")])
    assert text == "Ministry of Fiction, Ambassade fictive"
    assert isinstance(text, Mixed)
    assert split_marked(marked(text, str)) == [("Ministry of Fiction, ", None), ("Ambassade fictive", "fr")]


def test_a_format_keeps_its_values_language_and_a_plain_one_stays_plain() -> None:
    text = formatted("{label}: {value}", label="Status", value=Text("en vigueur <fictif>", "fr"))
    escaped = html_spans(marked(text, lambda s: s.replace("<", "&lt;").replace(">", "&gt;")))
    assert escaped == 'Status: <span lang="fr">en vigueur &lt;fictif&gt;</span>'
    plain = formatted("{label}: {value}", label="Status", value="in force")
    assert plain == "Status: in force" and type(plain) is str
    assert type(joined(", ", ["a", "b"])) is str


def test_a_composed_text_composed_again_and_pickled_keeps_its_pieces() -> None:
    inner = formatted("{name} ({native})", name=Text("Fictiville", "fr"), native="架空")
    outer = joined(", ", [inner, "Otherton"])
    assert split_marked(marked(outer, str)) == [("Fictiville", "fr"), (" (架空), Otherton", None)]
    copy = pickle.loads(pickle.dumps(outer))
    assert copy == outer and copy.pieces == outer.pieces and copy.pieces[0].lang == "fr"  # type: ignore[attr-defined]
