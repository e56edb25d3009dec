"""The issuer's own form: the head of the first page and the close of the last, from ``office:``.

Vietnamese documents follow the presentation Decree 30/2020/NĐ-CP (its Appendix I) gives an internal
note: the parent body over the issuing body, both upper case, and the number and symbol (``Số: …/…``)
at the top left; the national heading and the place-and-date line (the day and month padded) at the top
right; "Nơi nhận:" and its ``- …;`` lines ending ``- Lưu: VT, ….`` at the bottom left, the signatory at the
bottom right. French and English documents carry the same information in a neutral form, without the
national heading. What the office does not give is not drawn; nothing is ever a placeholder.

The partner's edition carries neither the addressee nor the closing block: both are ours alone. The
closing shows the drafting block (officer, dates, clearance, recipients) and the heading its reference,
so the "drafting" section shows only what neither does (``drafting_left``): the reference of a note
without a heading, or nothing, and is then left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from briefgen.data import schema
from briefgen.languages import STATE_FORM
from briefgen.view import viewmodel
from briefgen.view.section_input import Input

NUMBER = "{number}"
"""Where the office's reference pattern leaves the registry's number (``{number}/BC-SNgV``)."""

UNNUMBERED = "…"
"""What stands for the number until the registry gives one (``Số: …/BC-SNgV``), as the decree's model writes it."""


def drafting_of(profile: schema.Profile) -> schema.Drafting | None:
    """The drafting block that applies: the visit's own, else the partner briefing's."""
    if profile.visit and profile.visit.drafting:
        return profile.visit.drafting
    return profile.drafting


def reference(profile: schema.Profile) -> str:
    """The note's number and symbol: the drafting block's own, else the office's pattern, unnumbered."""
    drafting = drafting_of(profile)
    if drafting and drafting.reference:
        return drafting.reference
    pattern = profile.office.reference if profile.office else None
    return pattern.replace(NUMBER, UNNUMBERED) if pattern else ""


def heading(given: Input, labels: Mapping[str, str], day: dt.date | None) -> viewmodel.Heading | None:
    """The head of the first page, or None when the profile gives no ``office:``."""
    profile, fmt = given.profile, given.fmt
    office = profile.office
    if office is None:
        return None
    official = fmt.lang in STATE_FORM
    ref = reference(profile)
    place = fmt.text(office.place or office.province)
    purpose = fmt.text(profile.purpose) if profile.visit is None else ""
    addressee = "" if given.partner_edition else fmt.text(office.addressee)
    return viewmodel.Heading(
        parent=_upper(fmt.text(office.parent)) if official else fmt.text(office.parent),
        issuer=_upper(fmt.text(profile.issuer)) if official else fmt.text(profile.issuer),
        reference=labels["reference_line"].format(reference=ref) if ref else "",
        national=fmt.texts(office.national_heading) if official else [],
        place_date=viewmodel.formatted(labels["place_date"], place=place, date=fmt.date(day)) if place and day else "",
        addressee=viewmodel.formatted(labels["addressee"], addressee=addressee) if addressee else "",
        purpose=viewmodel.formatted(labels["purpose_line"], purpose=purpose) if purpose else "",
        official=official,
    )


def closing(given: Input, labels: Mapping[str, str]) -> viewmodel.Closing | None:
    """The distribution and the drafting and clearance block, or None (nothing given, or the partner's edition)."""
    profile, fmt = given.profile, given.fmt
    if given.partner_edition:
        return None
    drafting = drafting_of(profile)
    office = profile.office
    given_list = drafting.distribution if drafting and drafting.distribution else office.distribution if office else []
    recipients = [_stripped(r, " ") for r in fmt.texts(given_list)]
    lines: list[str] = []
    signer = ""
    official = fmt.lang in STATE_FORM
    if drafting:
        shown = [
            ("drafting_officer", fmt.text(drafting.officer)),
            ("drafting_date", fmt.date(drafting.date)),
            ("clearance", viewmodel.joined(", ", fmt.texts(drafting.clearance))),
            ("cleared_on", fmt.date(drafting.cleared_on) if drafting.cleared_on else ""),
        ]
        lines = [
            viewmodel.formatted(labels["labelled"], label=labels[key], value=value) for key, value in shown if value
        ]
        signer = _upper(fmt.text(drafting.clearance[-1])) if official and drafting.clearance else ""
    if not recipients and not lines:
        return None
    if official:
        recipients = _decree_list(recipients)
    return viewmodel.Closing(labels["recipients"], recipients, signer, lines, official)


def drafting_left(given: Input) -> list[tuple[str, str]]:
    """What of the visit's drafting block neither the closing nor the heading shows, as (label key, value).

    The reference, when there is no heading (no ``office:``) to carry it under the issuer; else nothing.
    """
    drafting = given.plan.drafting
    if drafting is None or not drafting.reference or given.profile.office is not None:
        return []
    return [("reference", drafting.reference)]


def _decree_list(items: list[str]) -> list[str]:
    """Recipients as the decree lists them: ``- …;`` each, the last (the office's file) ``- ….``."""
    bare = [_stripped(item, " .;") for item in items]
    return [viewmodel.joined("", ("- ", item, "." if n == len(bare) - 1 else ";")) for n, item in enumerate(bare)]


def _stripped(text: str, chars: str) -> str:
    """``text`` without ``chars`` at its ends, keeping the language a fallback text is marked with."""
    if isinstance(text, viewmodel.Text):
        return viewmodel.Text(text.strip(chars), text.lang)
    return text.strip(chars)


def _upper(text: str) -> str:
    """``text`` in upper case, keeping the language a fallback text is marked with."""
    if isinstance(text, viewmodel.Text):
        return viewmodel.Text(text.upper(), text.lang)
    return text.upper()
