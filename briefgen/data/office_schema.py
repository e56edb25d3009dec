"""The issuing office's own form: how its notes are headed, numbered, dated, addressed and sent.

Set once in the defaults (``office:``); a partner profile or a visit file overrides any key of it
(a mapping merges key by key), so that one visit may go to another addressee or carry another
reference. Vietnamese documents follow the presentation of Decree 30/2020/NĐ-CP where it applies to
an internal note: the national heading, the issuing body under its parent, the number and symbol
("Số: …/…"), the place-and-date line and the recipients ("Nơi nhận:").

Part of the profile schema (``briefgen.data.schema``, which re-exports every name).
"""

from __future__ import annotations

from pydantic import Field

from briefgen.data.facts_schema import Model, Text


class Office(Model):
    """The issuing office's conventions; ``issuer`` names the office itself, ``marking`` its marking."""

    parent: Text | None = None
    """The body the issuer belongs to, printed above it as the office writes it (``UBND TỈNH QUẢNG NINH``;
    ``Comité populaire de la province de Quảng Ninh``)."""
    province: Text | None = None
    """The province or city the office serves (``Quảng Ninh``)."""
    national_heading: list[Text] = Field(default_factory=list)
    """The national heading printed above the place-and-date line, one entry per line
    (``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM``, then ``Độc lập - Tự do - Hạnh phúc``); none: no heading."""
    reference: str | None = None
    """The pattern of a note's number and symbol, printed after ``Số:``: ``{number}`` stands where the
    registry writes the number, left as ``…`` until it does (``{number}/BC-SNgV``). A visit's
    ``drafting.reference`` or the profile's ``drafting.reference``, when given, is printed instead."""
    place: Text | None = None
    """The place of the place-and-date line (``Quảng Ninh`` gives ``Quảng Ninh, ngày 07 tháng 12 năm 2026``
    in Vietnamese: a day below 10 and the months 1 and 2 take a leading zero); default: ``province``."""
    addressee: Text | None = None
    """Whom the note is addressed to (``Kính gửi: …``; ``À l'attention de …``), when it is addressed."""
    distribution: list[Text] = Field(default_factory=list)
    """Who receives a copy ("Nơi nhận:"), in order, the office's own file last (``Lưu: VT, …``); a
    ``drafting.distribution`` given for one briefing or visit replaces it."""
