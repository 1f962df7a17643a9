import { zipRaw } from "./xlsx-fixture.js";

/*
 * A hand-written workbook shaped like one Excel saves, holding what users put in assessment
 * workbooks and what the writer must never lose: formulas (plain and shared) with cached
 * values, styles with dxfs and extensions, merged cells, defined names (print titles too),
 * data validation, conditional formatting, legacy and threaded comments, an image, a chart
 * with its style parts, a pivot table with its cache, a table (ListObject), hyperlinks,
 * frozen panes, a hidden sheet, printer settings, calcChain, custom properties. It also holds
 * an old 考核结果 (with a drawing, chart and comments of its own, to be replaced) and a
 * 运行记录 with one earlier run (to be appended to).
 *
 * test/fixtures/make-fixtures.ts writes it to test/fixtures/excel-like.xlsx.
 */

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac";
const XR = "http://schemas.microsoft.com/office/spreadsheetml/2014/revision";
const A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n`;
const CT = "application/vnd.openxmlformats-officedocument";

/** The names of the sheets, in workbook order. */
export const EXCEL_LIKE_SHEETS = ["数据", "透视", "隐藏", "考核结果", "运行记录"] as const;

// A 1×1 PNG.
const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="), (c) =>
  c.charCodeAt(0),
);
// Stand-in for Excel's DEVMODE blob: binary, with bytes that are not UTF-8.
const PRINTER_SETTINGS = Uint8Array.from({ length: 220 }, (_, i) => (i * 37 + 11) % 256);

const rels = (entries: readonly (readonly [string, string, string, boolean?])[]) =>
  DECL +
  `<Relationships xmlns="${PKG}">` +
  entries
    .map(
      ([id, type, target, external]) =>
        `<Relationship Id="${id}" Type="${type.startsWith("http") ? type : `${R}/${type}`}" Target="${target}"${external ? ' TargetMode="External"' : ""}/>`,
    )
    .join("") +
  `</Relationships>`;

const STRINGS = [
  "支部",
  "党员人数",
  "得分",
  "加权",
  "是否达标",
  "一支部",
  "二支部",
  "三支部",
  "四支部",
  "五支部",
  "合计",
  "是",
  "否",
  "官网",
  "看透视",
  "备注：加权 = 人数 × 得分 / 100",
  "行标签",
  "求和项:得分",
  "总计",
  "时间",
  "考核周期",
  "旧的考核结果",
  "机密",
  "2026Q2",
];
const s = (text: string) => {
  const i = STRINGS.indexOf(text);
  if (i < 0) throw new Error(`not a shared string: ${text}`);
  return i;
};
const str = (ref: string, text: string, style = 0) => `<c r="${ref}"${style ? ` s="${style}"` : ""} t="s"><v>${s(text)}</v></c>`;
const num = (ref: string, v: number, style = 0) => `<c r="${ref}"${style ? ` s="${style}"` : ""}><v>${v}</v></c>`;

const BRANCHES: readonly [string, number, number, string][] = [
  ["一支部", 30, 95.5, "是"],
  ["二支部", 12, 58, "否"],
  ["三支部", 25, 88.25, "是"],
  ["四支部", 8, 72, "是"],
  ["五支部", 19, 61.5, "是"],
];

function dataSheet(): string {
  const header = ["支部", "党员人数", "得分", "加权", "是否达标"].map((h, i) => str(`${"ABCDE"[i]}1`, h, 1)).join("");
  const rows = BRANCHES.map(([name, n, score, ok], i) => {
    const r = i + 2;
    const weighted = Math.round(n * score) / 100;
    const f = i === 0 ? `<f t="shared" ref="D2:D6" si="0">B2*C2/100</f>` : `<f t="shared" si="0"/>`;
    const link = i === 0 ? str(`F${r}`, "官网", 3) : i === 1 ? str(`F${r}`, "看透视", 3) : "";
    return `<row r="${r}" spans="1:6" x14ac:dyDescent="0.2">${str(`A${r}`, name)}${num(`B${r}`, n)}${num(`C${r}`, score, 2)}<c r="D${r}" s="2">${f}<v>${weighted}</v></c>${str(`E${r}`, ok)}${link}</row>`;
  }).join("");
  const total = BRANCHES.reduce((t, b) => t + b[1], 0);
  const avg = BRANCHES.reduce((t, b) => t + b[2], 0) / BRANCHES.length;
  return (
    DECL +
    `<worksheet xmlns="${MAIN}" xmlns:r="${R}" xmlns:mc="${MC}" mc:Ignorable="x14ac xr" xmlns:x14ac="${X14AC}" xmlns:xr="${XR}" xr:uid="{7D1B0C1A-0000-4000-8000-000000000001}">` +
    `<sheetPr codeName="Sheet1"><tabColor rgb="FF00B050"/></sheetPr><dimension ref="A1:F8"/>` +
    `<sheetViews><sheetView tabSelected="1" zoomScale="110" workbookViewId="0"><pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>` +
    `<selection pane="topRight" activeCell="B1" sqref="B1"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/><selection pane="bottomRight" activeCell="C3" sqref="C3"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="14.25" x14ac:dyDescent="0.2"/><cols><col min="1" max="1" width="12.625" customWidth="1"/><col min="6" max="6" width="10" style="3" customWidth="1"/></cols>` +
    `<sheetData><row r="1" spans="1:6" ht="18" customHeight="1" x14ac:dyDescent="0.2">${header}</row>${rows}` +
    `<row r="7" spans="1:6" x14ac:dyDescent="0.2">${str("A7", "合计", 1)}<c r="B7" s="1"><f>SUM(B2:B6)</f><v>${total}</v></c><c r="C7" s="2"><f>AVERAGE(单价)</f><v>${avg}</v></c></row>` +
    `<row r="8" spans="1:6" x14ac:dyDescent="0.2">${str("A8", "备注：加权 = 人数 × 得分 / 100")}<c r="B8"/><c r="C8"/></row></sheetData>` +
    `<mergeCells count="1"><mergeCell ref="A8:C8"/></mergeCells>` +
    `<conditionalFormatting sqref="C2:C6"><cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>60</formula></cfRule></conditionalFormatting>` +
    `<dataValidations count="2"><dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="E2:E6"><formula1>"是,否"</formula1></dataValidation>` +
    `<dataValidation type="decimal" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="得分" error="0～100" promptTitle="得分" prompt="填 0～100" sqref="C2:C6"><formula1>0</formula1><formula2>100</formula2></dataValidation></dataValidations>` +
    `<hyperlinks><hyperlink ref="F2" r:id="rId1" display="官网"/><hyperlink ref="F3" location="'透视'!A3" display="看透视"/></hyperlinks>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="portrait" r:id="rId2"/>` +
    `<drawing r:id="rId3"/><legacyDrawing r:id="rId4"/><tableParts count="1"><tablePart r:id="rId5"/></tableParts></worksheet>`
  );
}

function pivotSheet(): string {
  const sum = (ok: string) => BRANCHES.filter((b) => b[3] === ok).reduce((t, b) => t + b[2], 0);
  return (
    DECL +
    `<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A3:B6"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="14.25"/>` +
    `<sheetData><row r="3">${str("A3", "行标签")}${str("B3", "求和项:得分")}</row><row r="4">${str("A4", "是")}${num("B4", sum("是"))}</row>` +
    `<row r="5">${str("A5", "否")}${num("B5", sum("否"))}</row><row r="6">${str("A6", "总计")}${num("B6", sum("是") + sum("否"))}</row></sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
  );
}

const hiddenSheet = () =>
  DECL +
  `<worksheet xmlns="${MAIN}"><dimension ref="A1"/><sheetData><row r="1">${str("A1", "机密")}</row></sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;

const oldResultsSheet = () =>
  DECL +
  `<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A1:B2"/><sheetData><row r="1">${str("A1", "旧的考核结果", 1)}</row><row r="2">${num("A2", 1)}${str("B2", "官网", 3)}</row></sheetData>` +
  `<hyperlinks><hyperlink ref="B2" r:id="rId1"/></hyperlinks><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
  `<drawing r:id="rId2"/><legacyDrawing r:id="rId3"/></worksheet>`;

const runLogSheet = () =>
  DECL +
  `<worksheet xmlns="${MAIN}" xmlns:r="${R}" xmlns:mc="${MC}" mc:Ignorable="x14ac" xmlns:x14ac="${X14AC}"><dimension ref="A1:B2"/>` +
  `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>` +
  `<sheetFormatPr defaultRowHeight="14.25" x14ac:dyDescent="0.2"/><cols><col min="1" max="1" width="20" customWidth="1"/></cols>` +
  `<sheetData><row r="1" spans="1:2">${str("A1", "时间", 1)}${str("B1", "考核周期", 1)}</row><row r="2" spans="1:2"><c r="A2" t="inlineStr"><is><t>2026-07-01 09:00:00</t></is></c>${str("B2", "2026Q2")}</row></sheetData>` +
  `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
  `<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="0" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"/></ext></extLst></worksheet>`;

function barChart(sheet: string, title: string): string {
  const cache = (values: readonly (string | number)[], kind: "str" | "num") =>
    `<c:${kind}Cache>${kind === "num" ? "<c:formatCode>General</c:formatCode>" : ""}<c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join("")}</c:${kind}Cache>`;
  return (
    DECL +
    `<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${R}" xmlns:c16r2="http://schemas.microsoft.com/office/drawing/2015/06/chart">` +
    `<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${title}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>${sheet}!$C$1</c:f>${cache(["得分"], "str")}</c:strRef></c:tx>` +
    `<c:cat><c:strRef><c:f>${sheet}!$A$2:$A$6</c:f>${cache(
      BRANCHES.map((b) => b[0]),
      "str",
    )}</c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${sheet}!$C$2:$C$6</c:f>${cache(
      BRANCHES.map((b) => b[2]),
      "num",
    )}</c:numRef></c:val></c:ser>` +
    `<c:gapWidth val="219"/><c:axId val="111111111"/><c:axId val="222222222"/></c:barChart>` +
    `<c:catAx><c:axId val="111111111"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="222222222"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>` +
    `<c:valAx><c:axId val="222222222"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:crossAx val="111111111"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

const anchor = (from: [number, number], to: [number, number], body: string) =>
  `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${from[0]}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${from[1]}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
  `<xdr:to><xdr:col>${to[0]}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${to[1]}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>${body}<xdr:clientData/></xdr:twoCellAnchor>`;
const chartFrame = (id: number, relId: string) =>
  `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="图表 ${id}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
  `<a:graphic><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" r:id="${relId}"/></a:graphicData></a:graphic></xdr:graphicFrame>`;
const picture = (id: number, relId: string) =>
  `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${id}" name="图片 ${id}" descr="党徽"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>` +
  `<xdr:blipFill><a:blip r:embed="${relId}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>` +
  `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>`;
const drawing = (body: string) => DECL + `<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}" xmlns:r="${R}">${body}</xdr:wsDr>`;

const commentsXml = (entries: readonly [string, string, string][]) =>
  DECL +
  `<comments xmlns="${MAIN}" xmlns:mc="${MC}" mc:Ignorable="xr" xmlns:xr="${XR}"><authors>${[...new Set(entries.map((e) => e[1]))].map((a) => `<author>${a}</author>`).join("")}</authors><commentList>` +
  entries
    .map(
      ([ref, author, text], i) =>
        `<comment ref="${ref}" authorId="${[...new Set(entries.map((e) => e[1]))].indexOf(author)}" shapeId="0" xr:uid="{00000000-0006-0000-0000-00000000000${i}}"><text><r><t xml:space="preserve">${text}</t></r></text></comment>`,
    )
    .join("") +
  `</commentList></comments>`;

const vml = (cells: readonly [number, number][]) =>
  `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">\r\n` +
  ` <o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>\r\n` +
  cells
    .map(
      ([row, col], i) =>
        ` <v:shape id="_x0000_s${1025 + i}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:${i + 1};visibility:hidden" fillcolor="infoBackground [80]" o:insetmode="auto">` +
        `<v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
        `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${row}, 2, ${col + 3}, 15, ${row + 4}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>\r\n`,
    )
    .join("") +
  `</xml>`;

const THREADED_ID = "{5E1E2A3B-1111-4C2D-9E8F-0123456789AB}";
const PERSON_ID = "{0A1B2C3D-2222-4E5F-8A9B-0123456789CD}";

const STYLES =
  DECL +
  `<styleSheet xmlns="${MAIN}" xmlns:mc="${MC}" mc:Ignorable="x14ac x16r2 xr" xmlns:x14ac="${X14AC}" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main" xmlns:xr="${XR}">` +
  `<numFmts count="1"><numFmt numFmtId="176" formatCode="0.0_ "/></numFmts>` +
  `<fonts count="3" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font>` +
  `<font><b/><sz val="11"/><color theme="1"/><name val="等线"/><family val="3"/><charset val="134"/><scheme val="minor"/></font>` +
  `<font><u/><sz val="11"/><color theme="10"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font></fonts>` +
  `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/><bgColor indexed="64"/></patternFill></fill></fills>` +
  `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>` +
  `<cellStyleXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/></xf><xf numFmtId="0" fontId="2" fillId="0" borderId="0" applyNumberFormat="0" applyFill="0" applyBorder="0" applyAlignment="0" applyProtection="0"><alignment vertical="center"/></xf></cellStyleXfs>` +
  `<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf>` +
  `<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"><alignment horizontal="center" vertical="center"/></xf>` +
  `<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="center"/></xf>` +
  `<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="1"/></cellXfs>` +
  `<cellStyles count="2"><cellStyle name="常规" xfId="0" builtinId="0"/><cellStyle name="超链接" xfId="1" builtinId="8"/></cellStyles>` +
  `<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>` +
  `<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>` +
  `<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext></extLst></styleSheet>`;

const THEME =
  DECL +
  `<a:theme xmlns:a="${A}" name="Office 主题"><a:themeElements><a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>` +
  `<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2>` +
  `<a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4><a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6>` +
  `<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>` +
  `<a:fontScheme name="Office"><a:majorFont><a:latin typeface="等线 Light"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="等线"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>` +
  `<a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst>` +
  `<a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>` +
  `<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>` +
  `<a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme>` +
  `</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>`;

function pivotParts(): Record<string, string> {
  const names = BRANCHES.map((b) => b[0]);
  const numbers = (i: 1 | 2 | 3) => BRANCHES.map((b) => (i === 3 ? Math.round(b[1] * b[2]) / 100 : b[i]));
  const numField = (name: string, values: number[], integer: boolean) =>
    `<cacheField name="${name}" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1"${integer ? ' containsInteger="1"' : ""} minValue="${Math.min(...values)}" maxValue="${Math.max(...values)}"/></cacheField>`;
  return {
    "xl/pivotCache/pivotCacheDefinition1.xml":
      DECL +
      `<pivotCacheDefinition xmlns="${MAIN}" xmlns:r="${R}" r:id="rId1" refreshedBy="张三" refreshedDate="46000.5" createdVersion="6" refreshedVersion="6" minRefreshableVersion="3" recordCount="5">` +
      `<cacheSource type="worksheet"><worksheetSource ref="A1:E6" sheet="数据"/></cacheSource><cacheFields count="5">` +
      `<cacheField name="支部" numFmtId="0"><sharedItems count="5">${names.map((n) => `<s v="${n}"/>`).join("")}</sharedItems></cacheField>` +
      numField("党员人数", numbers(1), true) +
      numField("得分", numbers(2), false) +
      numField("加权", numbers(3), false) +
      `<cacheField name="是否达标" numFmtId="0"><sharedItems count="2"><s v="是"/><s v="否"/></sharedItems></cacheField></cacheFields></pivotCacheDefinition>`,
    "xl/pivotCache/pivotCacheRecords1.xml":
      DECL +
      `<pivotCacheRecords xmlns="${MAIN}" xmlns:r="${R}" count="5">` +
      BRANCHES.map(
        (b, i) => `<r><x v="${i}"/><n v="${b[1]}"/><n v="${b[2]}"/><n v="${numbers(3)[i]}"/><x v="${b[3] === "是" ? 0 : 1}"/></r>`,
      ).join("") +
      `</pivotCacheRecords>`,
    "xl/pivotTables/pivotTable1.xml":
      DECL +
      `<pivotTableDefinition xmlns="${MAIN}" name="数据透视表1" cacheId="1" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="值" updatedVersion="6" minRefreshableVersion="3" useAutoFormatting="1" itemPrintTitles="1" createdVersion="6" indent="0" outline="1" outlineData="1" multipleFieldFilters="0">` +
      `<location ref="A3:B6" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="5"><pivotField showAll="0"/><pivotField showAll="0"/><pivotField dataField="1" showAll="0"/><pivotField showAll="0"/>` +
      `<pivotField axis="axisRow" showAll="0"><items count="3"><item x="0"/><item x="1"/><item t="default"/></items></pivotField></pivotFields>` +
      `<rowFields count="1"><field x="4"/></rowFields><rowItems count="3"><i><x/></i><i><x v="1"/></i><i t="grand"><x/></i></rowItems><colItems count="1"><i/></colItems>` +
      `<dataFields count="1"><dataField name="求和项:得分" fld="2" baseField="0" baseItem="0"/></dataFields>` +
      `<pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" showRowStripes="0" showColStripes="0" showLastColumn="1"/></pivotTableDefinition>`,
    "xl/pivotTables/_rels/pivotTable1.xml.rels": rels([["rId1", "pivotCacheDefinition", "../pivotCache/pivotCacheDefinition1.xml"]]),
    "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": rels([["rId1", "pivotCacheRecords", "pivotCacheRecords1.xml"]]),
  };
}

export function excelLikeWorkbook(): Uint8Array {
  const sheetCt = `${CT}.spreadsheetml.worksheet+xml`;
  const overrides: [string, string][] = [
    ["/xl/workbook.xml", `${CT}.spreadsheetml.sheet.main+xml`],
    ...[1, 2, 3, 4, 5].map((n): [string, string] => [`/xl/worksheets/sheet${n}.xml`, sheetCt]),
    ["/xl/theme/theme1.xml", `${CT}.theme+xml`],
    ["/xl/styles.xml", `${CT}.spreadsheetml.styles+xml`],
    ["/xl/sharedStrings.xml", `${CT}.spreadsheetml.sharedStrings+xml`],
    ["/xl/drawings/drawing1.xml", `${CT}.drawing+xml`],
    ["/xl/charts/chart1.xml", `${CT}.drawingml.chart+xml`],
    ["/xl/charts/style1.xml", "application/vnd.ms-office.chartstyle+xml"],
    ["/xl/charts/colors1.xml", "application/vnd.ms-office.chartcolorstyle+xml"],
    ["/xl/drawings/drawing2.xml", `${CT}.drawing+xml`],
    ["/xl/charts/chart2.xml", `${CT}.drawingml.chart+xml`],
    ["/xl/tables/table1.xml", `${CT}.spreadsheetml.table+xml`],
    ["/xl/comments1.xml", `${CT}.spreadsheetml.comments+xml`],
    ["/xl/comments2.xml", `${CT}.spreadsheetml.comments+xml`],
    ["/xl/threadedComments/threadedComment1.xml", "application/vnd.ms-excel.threadedcomments+xml"],
    ["/xl/persons/person.xml", "application/vnd.ms-excel.person+xml"],
    ["/xl/pivotTables/pivotTable1.xml", `${CT}.spreadsheetml.pivotTable+xml`],
    ["/xl/pivotCache/pivotCacheDefinition1.xml", `${CT}.spreadsheetml.pivotCacheDefinition+xml`],
    ["/xl/pivotCache/pivotCacheRecords1.xml", `${CT}.spreadsheetml.pivotCacheRecords+xml`],
    ["/xl/calcChain.xml", `${CT}.spreadsheetml.calcChain+xml`],
    ["/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"],
    ["/docProps/app.xml", `${CT}.extended-properties+xml`],
    ["/docProps/custom.xml", `${CT}.custom-properties+xml`],
  ];
  const defaults: [string, string][] = [
    ["bin", `${CT}.spreadsheetml.printerSettings`],
    ["png", "image/png"],
    ["rels", "application/vnd.openxmlformats-package.relationships+xml"],
    ["vml", `${CT}.vmlDrawing`],
    ["xml", "application/xml"],
  ];
  const parts: Record<string, string | Uint8Array> = {
    "[Content_Types].xml":
      DECL +
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      defaults.map(([e, t]) => `<Default Extension="${e}" ContentType="${t}"/>`).join("") +
      overrides.map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`).join("") +
      `</Types>`,
    "_rels/.rels": rels([
      ["rId3", "extended-properties", "docProps/app.xml"],
      ["rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"],
      ["rId1", "officeDocument", "xl/workbook.xml"],
      ["rId4", "custom-properties", "docProps/custom.xml"],
    ]),
    "xl/workbook.xml":
      DECL +
      `<workbook xmlns="${MAIN}" xmlns:r="${R}" xmlns:mc="${MC}" mc:Ignorable="x15 xr xr6 xr10 xr2" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" xmlns:xr="${XR}" xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2">` +
      `<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/><workbookPr defaultThemeVersion="166925"/>` +
      `<mc:AlternateContent xmlns:mc="${MC}"><mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\张三\\Documents\\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice></mc:AlternateContent>` +
      `<xr:revisionPtr revIDLastSave="0" documentId="13_ncr:1_{00000000-0000-0000-0000-000000000000}" xr6:coauthVersionLast="47" xr6:coauthVersionMax="47" xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}"/>` +
      `<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840" xr2:uid="{00000000-000D-0000-FFFF-FFFF00000000}"/></bookViews>` +
      `<sheets><sheet name="数据" sheetId="1" r:id="rId1"/><sheet name="透视" sheetId="2" r:id="rId2"/><sheet name="隐藏" sheetId="5" state="hidden" r:id="rId3"/>` +
      `<sheet name="考核结果" sheetId="6" r:id="rId4"/><sheet name="运行记录" sheetId="7" r:id="rId5"/></sheets>` +
      `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">数据!$1:$1</definedName><definedName name="_xlnm.Print_Titles" localSheetId="3">考核结果!$1:$2</definedName>` +
      `<definedName name="单价">数据!$C$2:$C$6</definedName><definedName name="合计人数" comment="全部党员">数据!$B$7</definedName></definedNames>` +
      `<calcPr calcId="191029"/><pivotCaches><pivotCache cacheId="1" r:id="rId11"/></pivotCaches>` +
      `<extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:workbookPr chartTrackingRefBase="1"/></ext></extLst></workbook>`,
    "xl/_rels/workbook.xml.rels": rels([
      ["rId8", "sharedStrings", "sharedStrings.xml"],
      ["rId3", "worksheet", "worksheets/sheet3.xml"],
      ["rId7", "styles", "styles.xml"],
      ["rId2", "worksheet", "worksheets/sheet2.xml"],
      ["rId1", "worksheet", "worksheets/sheet1.xml"],
      ["rId6", "theme", "theme/theme1.xml"],
      ["rId5", "worksheet", "worksheets/sheet5.xml"],
      ["rId4", "worksheet", "worksheets/sheet4.xml"],
      ["rId9", "calcChain", "calcChain.xml"],
      ["rId10", "http://schemas.microsoft.com/office/2017/10/relationships/person", "persons/person.xml"],
      ["rId11", "pivotCacheDefinition", "pivotCache/pivotCacheDefinition1.xml"],
    ]),
    "xl/worksheets/sheet1.xml": dataSheet(),
    "xl/worksheets/_rels/sheet1.xml.rels": rels([
      ["rId1", "hyperlink", "https://www.12371.cn/", true],
      ["rId2", "printerSettings", "../printerSettings/printerSettings1.bin"],
      ["rId3", "drawing", "../drawings/drawing1.xml"],
      ["rId4", "vmlDrawing", "../drawings/vmlDrawing1.vml"],
      ["rId5", "table", "../tables/table1.xml"],
      ["rId6", "comments", "../comments1.xml"],
      ["rId7", "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment", "../threadedComments/threadedComment1.xml"],
    ]),
    "xl/worksheets/sheet2.xml": pivotSheet(),
    "xl/worksheets/_rels/sheet2.xml.rels": rels([["rId1", "pivotTable", "../pivotTables/pivotTable1.xml"]]),
    "xl/worksheets/sheet3.xml": hiddenSheet(),
    "xl/worksheets/sheet4.xml": oldResultsSheet(),
    "xl/worksheets/_rels/sheet4.xml.rels": rels([
      ["rId1", "hyperlink", "https://example.com/old", true],
      ["rId2", "drawing", "../drawings/drawing2.xml"],
      ["rId3", "vmlDrawing", "../drawings/vmlDrawing2.vml"],
      ["rId4", "comments", "../comments2.xml"],
    ]),
    "xl/worksheets/sheet5.xml": runLogSheet(),
    "xl/theme/theme1.xml": THEME,
    "xl/styles.xml": STYLES,
    "xl/sharedStrings.xml":
      DECL +
      `<sst xmlns="${MAIN}" count="${STRINGS.length + 12}" uniqueCount="${STRINGS.length}">${STRINGS.map((t) => `<si><t>${t.replace(/&/g, "&amp;")}</t><phoneticPr fontId="1" type="noConversion"/></si>`).join("")}</sst>`,
    "xl/calcChain.xml":
      DECL +
      `<calcChain xmlns="${MAIN}"><c r="D2" i="1" l="1"/><c r="D3"/><c r="D4"/><c r="D5"/><c r="D6"/><c r="B7"/><c r="C7"/></calcChain>`,
    "xl/printerSettings/printerSettings1.bin": PRINTER_SETTINGS,
    "xl/drawings/drawing1.xml": drawing(anchor([7, 1], [9, 5], picture(2, "rId1")) + anchor([7, 6], [14, 20], chartFrame(3, "rId2"))),
    "xl/drawings/_rels/drawing1.xml.rels": rels([
      ["rId1", "image", "../media/image1.png"],
      ["rId2", "chart", "../charts/chart1.xml"],
    ]),
    "xl/media/image1.png": PNG,
    "xl/charts/chart1.xml": barChart("数据", "各支部得分"),
    "xl/charts/_rels/chart1.xml.rels": rels([
      ["rId2", "http://schemas.microsoft.com/office/2011/relationships/chartColorStyle", "colors1.xml"],
      ["rId1", "http://schemas.microsoft.com/office/2011/relationships/chartStyle", "style1.xml"],
    ]),
    "xl/charts/style1.xml":
      DECL +
      `<cs:chartStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" xmlns:a="${A}" id="201"><cs:axisTitle><cs:lnRef idx="0"/><cs:fillRef idx="0"/><cs:effectRef idx="0"/><cs:fontRef idx="minor"/></cs:axisTitle></cs:chartStyle>`,
    "xl/charts/colors1.xml":
      DECL +
      `<cs:colorStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" xmlns:a="${A}" meth="cycle" id="10"><a:schemeClr val="accent1"/></cs:colorStyle>`,
    "xl/drawings/drawing2.xml": drawing(anchor([3, 1], [9, 12], chartFrame(2, "rId1"))),
    "xl/drawings/_rels/drawing2.xml.rels": rels([["rId1", "chart", "../charts/chart2.xml"]]),
    "xl/charts/chart2.xml": barChart("数据", "旧图表"),
    "xl/tables/table1.xml":
      DECL +
      `<table xmlns="${MAIN}" xmlns:mc="${MC}" mc:Ignorable="xr xr3" xmlns:xr="${XR}" xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" id="1" xr:uid="{11111111-2222-3333-4444-555555555555}" name="支部表" displayName="支部表" ref="A1:E6">` +
      `<autoFilter ref="A1:E6"/><tableColumns count="5"><tableColumn id="1" name="支部"/><tableColumn id="2" name="党员人数"/><tableColumn id="3" name="得分"/>` +
      `<tableColumn id="4" name="加权" dataDxfId="0"><calculatedColumnFormula>B2*C2/100</calculatedColumnFormula></tableColumn><tableColumn id="5" name="是否达标"/></tableColumns>` +
      `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
    "xl/comments1.xml": commentsXml([
      ["C2", "张三", "张三:\n本季度表现突出"],
      [
        "C3",
        `tc=${THREADED_ID}`,
        "[线程批注]\n你的 Excel 版本允许你读取此线程批注；但是，如果在更新版本的 Excel 中打开该文件，则对批注所做的任何编辑都将被删除。\n批注:\n    低于 60 分，需复核",
      ],
    ]),
    "xl/drawings/vmlDrawing1.vml": vml([
      [1, 2],
      [2, 2],
    ]),
    "xl/threadedComments/threadedComment1.xml":
      DECL +
      `<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="${MAIN}"><threadedComment ref="C3" dT="2026-07-01T09:00:00.00" personId="${PERSON_ID}" id="${THREADED_ID}"><text>低于 60 分，需复核</text></threadedComment></ThreadedComments>`,
    "xl/persons/person.xml":
      DECL +
      `<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="${MAIN}"><person displayName="张三" id="${PERSON_ID}" userId="zhangsan@example.com" providerId="None"/></personList>`,
    "xl/comments2.xml": commentsXml([["A1", "李四", "李四:\n上次运行的结果"]]),
    "xl/drawings/vmlDrawing2.vml": vml([[0, 0]]),
    ...pivotParts(),
    "docProps/core.xml":
      DECL +
      `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>张三</dc:creator><cp:lastModifiedBy>李四</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">2026-07-01T01:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2026-07-02T01:00:00Z</dcterms:modified></cp:coreProperties>`,
    "docProps/app.xml":
      DECL +
      `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
      `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant><vt:variant><vt:i4>5</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
      `<TitlesOfParts><vt:vector size="5" baseType="lpstr">${EXCEL_LIKE_SHEETS.map((n) => `<vt:lpstr>${n}</vt:lpstr>`).join("")}</vt:vector></TitlesOfParts><AppVersion>16.0300</AppVersion></Properties>`,
    "docProps/custom.xml":
      DECL +
      `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="密级"><vt:lpwstr>内部</vt:lpwstr></property></Properties>`,
  };
  return zipRaw(parts);
}
