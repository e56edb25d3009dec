"""The Word styles, numbering, settings and fonts of ``briefing.docx`` (see make_briefing_docx.py)."""

from __future__ import annotations

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}"'

# A4 with 2 cm side margins; TEXT_WIDTH (twips) is what the tables share between columns.
PAGE_WIDTH, PAGE_HEIGHT, SIDE_MARGIN = 11906, 16838, 1134
TEXT_WIDTH = PAGE_WIDTH - 2 * SIDE_MARGIN

# The shipped Noto faces (templates/fonts), which the renderer embeds in every briefing
# (briefgen/render/docx_package.py), so that a machine without them draws the same letters.
BODY_FONT = "Noto Sans"
EAST_ASIA_FONT = "Noto Sans CJK JP"
ACCENT = "1F3864"  # dark navy, prints well in grey
RULE = "BFBFBF"

# --------------------------------------------------------------------------- styles.xml

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NS}>
  <w:docDefaults>
    <w:rPrDefault><w:rPr>
      <w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:eastAsia="{EAST_ASIA_FONT}" w:cs="{BODY_FONT}"/>
      <w:sz w:val="20"/><w:szCs w:val="20"/>
      <w:lang w:val="fr-FR" w:eastAsia="ja-JP" w:bidi="ar-SA"/>
    </w:rPr></w:rPrDefault>
    <w:pPrDefault><w:pPr>
      <w:spacing w:after="120" w:line="264" w:lineRule="auto"/>
    </w:pPr></w:pPrDefault>
  </w:docDefaults>

  <w:style w:type="paragraph" w:default="1" w:styleId="Normal">
    <w:name w:val="Normal"/><w:qFormat/>
  </w:style>
  <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
    <w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>
  </w:style>
  <w:style w:type="table" w:default="1" w:styleId="TableNormal">
    <w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
    <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>
      <w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>
      <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>
    </w:tblCellMar></w:tblPr>
  </w:style>
  <w:style w:type="numbering" w:default="1" w:styleId="NoList">
    <w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
  </w:style>

  <w:style w:type="paragraph" w:styleId="Title">
    <w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:uiPriority w:val="10"/><w:qFormat/>
    <w:pPr><w:spacing w:before="3600" w:after="240" w:line="240" w:lineRule="auto"/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:kern w:val="28"/>
      <w:sz w:val="52"/><w:szCs w:val="52"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Subtitle">
    <w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:uiPriority w:val="11"/><w:qFormat/>
    <w:pPr><w:spacing w:before="240" w:after="240"/></w:pPr>
    <w:rPr><w:color w:val="404040"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="CoverMarking">
    <w:name w:val="Cover Marking"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:caps/><w:color w:val="C00000"/><w:spacing w:val="20"/>
      <w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="CoverPartner">
    <w:name w:val="Cover Partner"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:spacing w:after="60"/></w:pPr>
    <w:rPr><w:color w:val="{ACCENT}"/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="CoverDetail">
    <w:name w:val="Cover Detail"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:spacing w:after="60"/></w:pPr>
    <w:rPr><w:color w:val="404040"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>
  </w:style>

  <w:style w:type="paragraph" w:styleId="Heading1">
    <w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:uiPriority w:val="9"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:keepLines/>
      <w:pBdr><w:bottom w:val="single" w:sz="6" w:space="2" w:color="{ACCENT}"/></w:pBdr>
      <w:spacing w:before="400" w:after="160" w:line="240" w:lineRule="auto"/>
      <w:outlineLvl w:val="0"/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Heading2">
    <w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>
    <w:pPr><w:keepNext/><w:keepLines/>
      <w:spacing w:before="240" w:after="100" w:line="240" w:lineRule="auto"/>
      <w:outlineLvl w:val="1"/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:color w:val="2E5597"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Heading3">
    <w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>
    <w:pPr><w:keepNext/><w:keepLines/>
      <w:spacing w:before="180" w:after="60" w:line="240" w:lineRule="auto"/>
      <w:outlineLvl w:val="2"/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="ListLabel">
    <w:name w:val="List Label"/><w:basedOn w:val="Normal"/><w:next w:val="ListBullet"/>
    <w:qFormat/>
    <w:pPr><w:keepNext/><w:spacing w:before="80" w:after="40"/></w:pPr>
    <w:rPr><w:b/><w:bCs/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Photo">
    <w:name w:val="Photo"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:qFormat/>
    <w:pPr><w:keepNext/><w:spacing w:before="0" w:after="80"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="ToBeCompleted">
    <w:name w:val="To Be Completed"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:qFormat/>
    <w:rPr><w:i/><w:iCs/><w:color w:val="AA1111"/></w:rPr>
  </w:style>
  <w:style w:type="character" w:styleId="DraftMark">
    <w:name w:val="Draft Mark"/><w:basedOn w:val="DefaultParagraphFont"/>
    <w:rPr><w:b/><w:bCs/><w:color w:val="AA1111"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="TOCHeading">
    <w:name w:val="TOC Heading"/><w:basedOn w:val="Heading1"/><w:next w:val="Normal"/>
    <w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/>
    <w:pPr><w:pageBreakBefore/><w:spacing w:before="0"/><w:outlineLvl w:val="9"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="TOC1">
    <w:name w:val="toc 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:uiPriority w:val="39"/><w:unhideWhenUsed/>
    <w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>
      <w:spacing w:before="60" w:after="60"/></w:pPr>
    <w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="TOC2">
    <w:name w:val="toc 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:uiPriority w:val="39"/><w:unhideWhenUsed/>
    <w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>
      <w:spacing w:after="40"/><w:ind w:left="284"/></w:pPr>
  </w:style>

  <w:style w:type="paragraph" w:styleId="ListBullet">
    <w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>
    <w:unhideWhenUsed/><w:qFormat/>
    <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>
      <w:spacing w:after="60"/><w:ind w:left="357" w:hanging="357"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Chart">
    <w:name w:val="Chart"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:spacing w:before="160" w:after="80"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="ListNumber">
    <w:name w:val="List Number"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>
    <w:unhideWhenUsed/><w:qFormat/>
    <w:pPr><w:numPr><w:numId w:val="2"/></w:numPr>
      <w:spacing w:after="60"/><w:ind w:left="357" w:hanging="357"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="SourceEntry">
    <w:name w:val="Source Entry"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:tabs><w:tab w:val="left" w:pos="567"/></w:tabs>
      <w:spacing w:after="80"/><w:ind w:left="567" w:hanging="567"/></w:pPr>
    <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText">
    <w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
    <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="TableNote">
    <w:name w:val="Table Note"/><w:basedOn w:val="TableText"/><w:qFormat/>
    <w:pPr><w:spacing w:before="40"/></w:pPr>
    <w:rPr><w:i/><w:iCs/><w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="TableHeading">
    <w:name w:val="Table Heading"/><w:basedOn w:val="TableText"/><w:qFormat/>
    <w:pPr></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:color w:val="{ACCENT}"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="TableListBullet">
    <w:name w:val="Table List Bullet"/><w:basedOn w:val="ListBullet"/><w:qFormat/>
    <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>
      <w:ind w:left="227" w:hanging="227"/></w:pPr>
    <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
  </w:style>
  <w:style w:type="character" w:styleId="Hyperlink">
    <w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/>
    <w:unhideWhenUsed/>
    <w:rPr><w:color w:val="2E5597"/><w:u w:val="single"/></w:rPr>
  </w:style>
  <w:style w:type="character" w:customStyle="1" w:styleId="SourceReference">
    <w:name w:val="Source Reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>
    <w:rPr><w:color w:val="2E5597"/><w:vertAlign w:val="superscript"/></w:rPr>
  </w:style>
  <w:style w:type="character" w:styleId="Strong">
    <w:name w:val="Strong"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="22"/><w:qFormat/>
    <w:rPr><w:b/><w:bCs/></w:rPr>
  </w:style>
  <w:style w:type="character" w:customStyle="1" w:styleId="Aside">
    <w:name w:val="Aside"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>
    <w:rPr><w:color w:val="595959"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Quote">
    <w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="29"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/><w:ind w:left="567" w:right="567"/>
      <w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="{ACCENT}"/></w:pBdr></w:pPr>
    <w:rPr><w:i/><w:iCs/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="QuoteSource">
    <w:name w:val="Quote Source"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:spacing w:after="160"/><w:ind w:left="567" w:right="567"/><w:jc w:val="right"/></w:pPr>
    <w:rPr><w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="DefinitionTerm">
    <w:name w:val="Definition Term"/><w:basedOn w:val="Normal"/><w:next w:val="Definition"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:spacing w:before="80" w:after="20"/></w:pPr>
    <w:rPr><w:b/><w:bCs/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Definition">
    <w:name w:val="Definition"/><w:basedOn w:val="Normal"/><w:next w:val="DefinitionTerm"/><w:qFormat/>
    <w:pPr><w:ind w:left="357"/></w:pPr>
  </w:style>

  <w:style w:type="paragraph" w:styleId="Header">
    <w:name w:val="header"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>
    <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:caps/><w:color w:val="C00000"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Footer">
    <w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>
    <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>
    <w:rPr><w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>
  </w:style>

  <!-- The issuer's own form (make_briefing_docx.py, cover.heading and cover.closing): "Office" styles give
       the neutral form (French, English); "Decree" styles draw Decree 30/2020/NĐ-CP's (Vietnamese): the
       bodies centred, the office bold with a short rule under it, the national heading bold over the
       motto and its rule, the place-and-date line in italics, "Nơi nhận:" in bold italics. -->
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Office">
    <w:name w:val="Office Line"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:spacing w:after="20" w:line="240" w:lineRule="auto"/></w:pPr>
    <w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="OfficeRight">
    <w:name w:val="Office Line Right"/><w:basedOn w:val="Office"/><w:qFormat/>
    <w:pPr><w:jc w:val="right"/></w:pPr>
    <w:rPr></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="OfficeIssuer">
    <w:name w:val="Office Issuer"/><w:basedOn w:val="Office"/><w:qFormat/>
    <w:pPr></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:color w:val="{ACCENT}"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="OfficeNational">
    <w:name w:val="Office National Heading"/><w:basedOn w:val="OfficeRight"/><w:qFormat/>
    <w:pPr></w:pPr>
    <w:rPr></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="OfficeMotto">
    <w:name w:val="Office Motto"/><w:basedOn w:val="OfficeRight"/><w:qFormat/>
    <w:pPr></w:pPr>
    <w:rPr></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="OfficePlaceDate">
    <w:name w:val="Office Place Date"/><w:basedOn w:val="OfficeRight"/><w:qFormat/>
    <w:pPr><w:spacing w:before="80"/></w:pPr>
    <w:rPr></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Decree">
    <w:name w:val="Decree Line"/><w:basedOn w:val="Office"/><w:qFormat/>
    <w:pPr><w:jc w:val="center"/></w:pPr>
    <w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="DecreeRight">
    <w:name w:val="Decree Line Right"/><w:basedOn w:val="Decree"/><w:qFormat/>
    <w:pPr><w:jc w:val="center"/></w:pPr>
    <w:rPr></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="DecreeIssuer">
    <w:name w:val="Decree Issuer"/><w:basedOn w:val="Decree"/><w:qFormat/>
    <w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="1A1A1A"/></w:pBdr>
      <w:spacing w:after="120"/><w:ind w:left="900" w:right="900"/></w:pPr>
    <w:rPr><w:b/><w:bCs/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="DecreeNational">
    <w:name w:val="Decree National Heading"/><w:basedOn w:val="Decree"/><w:qFormat/>
    <w:pPr></w:pPr>
    <w:rPr><w:b/><w:bCs/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="DecreeMotto">
    <w:name w:val="Decree Motto"/><w:basedOn w:val="Decree"/><w:qFormat/>
    <w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="1A1A1A"/></w:pBdr>
      <w:spacing w:after="120"/><w:ind w:left="700" w:right="700"/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="DecreePlaceDate">
    <w:name w:val="Decree Place Date"/><w:basedOn w:val="Decree"/><w:qFormat/>
    <w:pPr></w:pPr>
    <w:rPr><w:i/><w:iCs/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="TitleDecree">
    <w:name w:val="Title Decree"/><w:basedOn w:val="Title"/><w:qFormat/>
    <w:pPr><w:spacing w:before="1800"/><w:jc w:val="center"/></w:pPr>
    <w:rPr><w:caps/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="CoverAddressee">
    <w:name w:val="Cover Addressee"/><w:basedOn w:val="CoverDetail"/><w:qFormat/>
    <w:pPr><w:spacing w:before="120" w:after="60"/></w:pPr>
    <w:rPr><w:b/><w:bCs/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="ClosingLabel">
    <w:name w:val="Closing Label"/><w:basedOn w:val="Office"/><w:qFormat/>
    <w:pPr></w:pPr>
    <w:rPr><w:b/><w:bCs/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="ClosingLine">
    <w:name w:val="Closing Line"/><w:basedOn w:val="Office"/><w:qFormat/>
    <w:pPr></w:pPr>
    <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="ClosingSigner">
    <w:name w:val="Closing Signer"/><w:basedOn w:val="Office"/><w:qFormat/>
    <w:pPr><w:spacing w:after="120"/></w:pPr>
    <w:rPr><w:b/><w:bCs/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="ClosingSign">
    <w:name w:val="Closing Sign"/><w:basedOn w:val="ClosingLine"/><w:qFormat/>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="ClosingDecreeLabel">
    <w:name w:val="Closing Decree Label"/><w:basedOn w:val="ClosingLabel"/><w:qFormat/>
    <w:pPr></w:pPr>
    <w:rPr><w:i/><w:iCs/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="ClosingDecreeLine">
    <w:name w:val="Closing Decree Line"/><w:basedOn w:val="ClosingLine"/><w:qFormat/>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="ClosingDecreeSign">
    <w:name w:val="Closing Decree Sign"/><w:basedOn w:val="ClosingLine"/><w:qFormat/>
    <w:pPr><w:jc w:val="center"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="ClosingDecreeSigner">
    <w:name w:val="Closing Decree Signer"/><w:basedOn w:val="ClosingSigner"/><w:qFormat/>
    <w:pPr><w:jc w:val="center"/></w:pPr>
    <w:rPr></w:rPr>
  </w:style>

  <w:style w:type="table" w:customStyle="1" w:styleId="BriefingTable">
    <w:name w:val="Briefing Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>
    <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
    <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
    <w:tblPr>
      <w:tblBorders>
        <w:top w:val="single" w:sz="8" w:space="0" w:color="{ACCENT}"/>
        <w:bottom w:val="single" w:sz="8" w:space="0" w:color="{ACCENT}"/>
        <w:insideH w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>
      </w:tblBorders>
      <w:tblCellMar>
        <w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
        <w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>
      </w:tblCellMar>
    </w:tblPr>
    <!-- No w:tblHeader here: a header row repeats because its own trPr says so, never because
         it happens to be first (a facts table's first row is data). -->
    <w:tblStylePr w:type="firstRow">
      <w:rPr><w:b/><w:bCs/><w:color w:val="{ACCENT}"/></w:rPr>
      <w:tcPr>
        <w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="{ACCENT}"/></w:tcBorders>
        <w:shd w:val="clear" w:color="auto" w:fill="DCE3EF"/>
      </w:tcPr>
    </w:tblStylePr>
    <w:tblStylePr w:type="firstCol">
      <w:rPr><w:b/><w:bCs/></w:rPr>
    </w:tblStylePr>
  </w:style>
</w:styles>
"""

# One bullet list (numId 1, used by the List Bullet style) and one numbered list (numId 2, List
# Number, for talking points). The bullet is a plain "•" in the
# body font: the usual Symbol-font bullet renders as a box where Symbol is missing.
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {NS}>
  <w:abstractNum w:abstractNumId="0">
    <w:multiLevelType w:val="singleLevel"/>
    <w:lvl w:ilvl="0">
      <w:start w:val="1"/><w:numFmt w:val="bullet"/><w:pStyle w:val="ListBullet"/>
      <w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>
      <w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr>
      <w:rPr><w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:hint="default"/></w:rPr>
    </w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:multiLevelType w:val="singleLevel"/>
    <w:lvl w:ilvl="0">
      <w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="ListNumber"/>
      <w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>
      <w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr>
    </w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>
"""

# updateFields: Word fills the contents' page numbers (PAGEREF fields, make_briefing_docx._toc) on opening,
# after asking the reader; LibreOffice computes them from its own layout without asking.
SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings {NS}>
  <w:zoom w:percent="100"/>
  <w:defaultTabStop w:val="567"/>
  <w:characterSpacingControl w:val="doNotCompress"/>
  <w:updateFields w:val="true"/>
  <w:compat>
    <w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>
  </w:compat>
  <w:themeFontLang w:val="fr-FR" w:eastAsia="ja-JP"/>
</w:settings>
"""

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# The renderer adds w:embedRegular etc. to these entries (r:id of the embedded part, w:fontKey).
FONT_TABLE = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts {NS} xmlns:r="{R_NS}">
  <w:font w:name="{BODY_FONT}"><w:panose1 w:val="020B0502040504020204"/><w:charset w:val="00"/>
    <w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>
  <w:font w:name="{EAST_ASIA_FONT}"><w:panose1 w:val="020B0500000000000000"/>
    <w:charset w:val="80"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>
</w:fonts>
"""
