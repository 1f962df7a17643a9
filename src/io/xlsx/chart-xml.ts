import { columnLetters, parseA1, quoteSheetName } from "../../model/cell.js";
import { cellValue, type ChartSeriesSpec, type ChartSpec, type SheetSpec } from "../../report/sheet-spec.js";
import { escapeAttr } from "./xml.js";
import { escapeXstring, fitXstring } from "./xstring.js";

/**
 * DrawingML chart parts (xl/charts/chartN.xml) and the drawing part that places them
 * (xl/drawings/drawingN.xml). The package side (part names, relationships, content types,
 * `<drawing r:id>` in the worksheet) belongs to the writer.
 *
 * Each reference carries its cached values (`c:strCache`/`c:numCache` with `c:ptCount` and one
 * `c:pt` per filled cell), taken from the sheet's own rows: Excel and LibreOffice recalculate
 * them on opening, but file previewers, WPS and readers that do not recalculate draw the chart
 * from the caches alone.
 *
 * Axis conventions, by what the reader sees:
 * - `xTitle` is the horizontal axis's title and `yTitle` the vertical one's. For a bar chart
 *   (horizontal bars) that puts `xTitle` on the value axis and `yTitle` on the categories.
 *   Radar and pie charts have no axis titles.
 * - `min`/`max` bound the value axis (bar, column, line, radar) or both axes (scatter).
 */

const DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
const C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

/**
 * Typeface hints for chart text. Chinese text needs an East Asian font named in `a:ea`, or
 * some renderers fall back to a Latin font and draw boxes. 微软雅黑 ships with every Windows
 * since Vista (等线 only with Office 2016 and later); where it is missing the renderer
 * substitutes a CJK font (LibreOffice with fonts-noto-cjk: see test/charts/render.test.ts).
 */
const LATIN_FONT = "Microsoft YaHei";
const EA_FONT = "Microsoft YaHei";

/**
 * Series colours (Office's default palette). Colours are explicit rather than left to the
 * workbook theme: a workbook without a theme part (ours, from createWorkbook) would otherwise
 * leave LibreOffice drawing bars, slices and radar lines with no fill at all.
 */
const PALETTE = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E", "636363", "997300", "698ED0", "F1975A"];
const colour = (i: number) => PALETTE[i % PALETTE.length]!;
const TEXT_COLOUR = "404040";
const AXIS_COLOUR = "BFBFBF";
const GRID_COLOUR = "D9D9D9";

const solid = (rgb: string) => `<a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill>`;
const line = (rgb: string, width = 9525) => `<a:ln w="${width}">${solid(rgb)}</a:ln>`;
/** Shape properties of a filled area (bar, slice) or of a line only. */
const areaSpPr = (rgb: string, outline?: string) => `<c:spPr>${solid(rgb)}${outline === undefined ? "" : line(outline)}</c:spPr>`;
const lineSpPr = (rgb: string, width = 9525) => `<c:spPr>${line(rgb, width)}</c:spPr>`;

/** Fixed axis ids: they only need to be unique within one chart part. */
const AX_1 = 500010;
const AX_2 = 500020;

/** Above this many categories a bar or column chart is a dense ranking: thin gaps, small labels, no value labels. */
const DENSE_CATEGORIES = 31;

// ---------------------------------------------------------------------------------------------
// References

/**
 * An A1 range on `sheetName` → an absolute formula reference: `'统计图表'!$B$3:$B$42`.
 * The sheet name is always quoted (quotes doubled), which is valid whether or not it needs it.
 */
export function sheetRangeFormula(sheetName: string, range: string): string {
  const { first, last } = parseRange(range);
  const abs = (p: { row: number; col: number }) => `$${columnLetters(p.col)}$${p.row + 1}`;
  const quoted = quoteSheetName(sheetName);
  return first.row === last.row && first.col === last.col ? `${quoted}!${abs(first)}` : `${quoted}!${abs(first)}:${abs(last)}`;
}

/** Cells in an A1 range: the number of categories (or points) a series range holds. */
export function rangeCellCount(range: string): number {
  const { first, last } = parseRange(range);
  return (last.row - first.row + 1) * (last.col - first.col + 1);
}

function parseRange(range: string): { first: { row: number; col: number }; last: { row: number; col: number } } {
  if (range.includes("!")) throw new Error(`chart range must be on the chart's own sheet (no sheet name): ${range}`);
  const [a, b, extra] = range.split(":");
  if (a === undefined || extra !== undefined) throw new Error(`not an A1 range: ${range}`);
  const p = parseA1(a);
  const q = b === undefined ? p : parseA1(b);
  return {
    first: { row: Math.min(p.row, q.row), col: Math.min(p.col, q.col) },
    last: { row: Math.max(p.row, q.row), col: Math.max(p.col, q.col) },
  };
}

// ---------------------------------------------------------------------------------------------
// Text

/**
 * XML escaping only, for plain xsd:string content (DrawingML `a:t`, formulas in `c:f`): unlike
 * SpreadsheetML strings (ST_Xstring, e.g. `c:v`) these have no `_xHHHH_` escapes to guard.
 */
function plainText(s: string): string {
  return escapeAttr(s)
    .replace(/&quot;/g, '"')
    .replace(/&#9;/g, "\t")
    .replace(/&#10;/g, "\n");
}

const fonts = `<a:latin typeface="${escapeAttr(LATIN_FONT)}"/><a:ea typeface="${escapeAttr(EA_FONT)}"/><a:cs typeface="${escapeAttr(LATIN_FONT)}"/>`;

/** Character properties: size in hundredths of a point. */
const runProps = (tag: "a:defRPr" | "a:rPr" | "a:endParaRPr", size: number, bold: boolean) =>
  `<${tag} lang="zh-CN" sz="${size}" b="${bold ? 1 : 0}">${solid(TEXT_COLOUR)}${fonts}</${tag}>`;

/** A `c:tx` with rich text: the only title form that carries typeface hints. */
function richTx(text: string, size: number, bold: boolean): string {
  return (
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p>` +
    `<a:pPr>${runProps("a:defRPr", size, bold)}</a:pPr>` +
    `<a:r>${runProps("a:rPr", size, bold)}<a:t>${plainText(text)}</a:t></a:r>` +
    `</a:p></c:rich></c:tx>`
  );
}

/** Default text properties (axis labels, legend, data labels) with the typeface hints. */
function txPr(size: number): string {
  return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${runProps("a:defRPr", size, false)}</a:pPr>${runProps("a:endParaRPr", size, false)}</a:p></c:txPr>`;
}

const titleXml = (text: string, size: number) => `<c:title>${richTx(text, size, true)}<c:overlay val="0"/></c:title>`;

// ---------------------------------------------------------------------------------------------
// Series

type RefKind = "str" | "num";

/** The sheet a chart's ranges are on: its name and its rows (for the cached values). */
interface ChartSheet {
  readonly name: string;
  readonly rows: SheetSpec["rows"];
}

/** The values of a range's cells, row by row, as the sheet holds them. */
export function rangeValues(rows: SheetSpec["rows"], range: string): (string | number | boolean | null)[] {
  const { first, last } = parseRange(range);
  const out: (string | number | boolean | null)[] = [];
  for (let r = first.row; r <= last.row; r++) {
    for (let c = first.col; c <= last.col; c++) {
      const entry = rows[r]?.[c];
      out.push(entry === undefined ? null : cellValue(entry));
    }
  }
  return out;
}

/** A reference with its cache: one point per filled cell (blank cells have none, as Excel writes). */
function refXml(kind: RefKind, sheet: ChartSheet, range: string): string {
  const f = `<c:f>${plainText(sheetRangeFormula(sheet.name, range))}</c:f>`;
  const values = rangeValues(sheet.rows, range);
  const points = values
    .map((v, i) => {
      if (kind === "num") return typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${String(v)}</c:v></c:pt>` : "";
      // The cell's text as written (fitted to Excel's limit), so the cache equals the cell.
      return v === null || v === "" ? "" : `<c:pt idx="${i}"><c:v>${escapeXstring(fitXstring(String(v)))}</c:v></c:pt>`;
    })
    .join("");
  const count = `<c:ptCount val="${values.length}"/>`;
  return kind === "str"
    ? `<c:strRef>${f}<c:strCache>${count}${points}</c:strCache></c:strRef>`
    : `<c:numRef>${f}<c:numCache><c:formatCode>General</c:formatCode>${count}${points}</c:numCache></c:numRef>`;
}

const seriesHead = (s: ChartSeriesSpec, i: number) =>
  `<c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeXstring(s.name)}</c:v></c:tx>`;
const catXml = (s: ChartSeriesSpec, sheet: ChartSheet) =>
  s.categories === undefined ? "" : `<c:cat>${refXml("str", sheet, s.categories)}</c:cat>`;
const valXml = (s: ChartSeriesSpec, sheet: ChartSheet) => `<c:val>${refXml("num", sheet, s.values)}</c:val>`;

function dataLabels(opts: { value: boolean; percent: boolean; position?: string }): string {
  return (
    `<c:dLbls>${txPr(900)}` +
    (opts.position === undefined ? "" : `<c:dLblPos val="${opts.position}"/>`) +
    `<c:showLegendKey val="0"/><c:showVal val="${opts.value ? 1 : 0}"/><c:showCatName val="0"/>` +
    `<c:showSerName val="0"/><c:showPercent val="${opts.percent ? 1 : 0}"/><c:showBubbleSize val="0"/>` +
    `</c:dLbls>`
  );
}

// ---------------------------------------------------------------------------------------------
// Axes

interface AxisOptions {
  readonly id: number;
  readonly crossId: number;
  readonly pos: "b" | "l" | "t" | "r";
  readonly title?: string | undefined;
  readonly reversed?: boolean;
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  readonly gridlines?: boolean;
  /** Where this axis crosses the other one. */
  readonly crosses?: "autoZero" | "max";
  /** Tick label size in hundredths of a point. */
  readonly labelSize?: number;
}

function scaling(o: AxisOptions): string {
  const bound = (name: string, v: number | undefined) => {
    if (v === undefined) return "";
    if (!Number.isFinite(v)) throw new RangeError(`chart axis ${name} must be a finite number, got ${v}`);
    return `<c:${name} val="${v}"/>`;
  };
  return `<c:scaling><c:orientation val="${o.reversed ? "maxMin" : "minMax"}"/>${bound("max", o.max)}${bound("min", o.min)}</c:scaling>`;
}

/** The head shared by c:catAx and c:valAx, in schema order up to c:crosses. */
function axisHead(o: AxisOptions, numFmt: boolean): string {
  return (
    `<c:axId val="${o.id}"/>${scaling(o)}<c:delete val="0"/><c:axPos val="${o.pos}"/>` +
    (o.gridlines ? `<c:majorGridlines>${lineSpPr(GRID_COLOUR)}</c:majorGridlines>` : "") +
    (o.title === undefined || o.title === "" ? "" : titleXml(o.title, 1000)) +
    (numFmt ? `<c:numFmt formatCode="General" sourceLinked="1"/>` : "") +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    lineSpPr(AXIS_COLOUR) +
    txPr(o.labelSize ?? 900) +
    `<c:crossAx val="${o.crossId}"/><c:crosses val="${o.crosses ?? "autoZero"}"/>`
  );
}

const catAx = (o: AxisOptions) =>
  `<c:catAx>${axisHead(o, false)}<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;

const valAx = (o: AxisOptions, crossBetween: "between" | "midCat") =>
  `<c:valAx>${axisHead(o, true)}<c:crossBetween val="${crossBetween}"/></c:valAx>`;

const axIds = `<c:axId val="${AX_1}"/><c:axId val="${AX_2}"/>`;

// ---------------------------------------------------------------------------------------------
// Plot areas by kind

interface Plot {
  readonly body: string;
  readonly legend: "r" | "b" | null;
}

function barPlot(chart: ChartSpec, sheet: ChartSheet): Plot {
  const horizontal = chart.kind === "bar";
  const first = chart.series[0]!;
  const count = rangeCellCount(first.categories ?? first.values);
  const dense = count > DENSE_CATEGORIES;
  const single = chart.series.length === 1;
  // Value labels per series (not per chart group): that is where Excel looks for them.
  const labels = dense ? "" : dataLabels({ value: true, percent: false, position: "outEnd" });
  const series = chart.series
    .map(
      (s, i) =>
        `<c:ser>${seriesHead(s, i)}${areaSpPr(colour(i))}<c:invertIfNegative val="0"/>${labels}${catXml(s, sheet)}${valXml(s, sheet)}</c:ser>`,
    )
    .join("");
  const gapWidth = count > 200 ? 10 : dense ? 30 : 80;
  const body =
    `<c:barChart><c:barDir val="${horizontal ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}` +
    `<c:gapWidth val="${gapWidth}"/>${axIds}</c:barChart>` +
    // Horizontal bars list categories top-down (rank 1 on top): the category axis runs
    // max→min, and the value axis crosses it at its maximum so it stays at the bottom.
    catAx({
      id: AX_1,
      crossId: AX_2,
      pos: horizontal ? "l" : "b",
      title: horizontal ? chart.yTitle : chart.xTitle,
      reversed: horizontal,
      labelSize: dense ? 700 : 900,
    }) +
    valAx(
      {
        id: AX_2,
        crossId: AX_1,
        pos: horizontal ? "b" : "l",
        title: horizontal ? chart.xTitle : chart.yTitle,
        min: chart.min,
        max: chart.max,
        gridlines: true,
        crosses: horizontal ? "max" : "autoZero",
      },
      "between",
    );
  return { body, legend: single ? null : "b" };
}

function radarPlot(chart: ChartSpec, sheet: ChartSheet): Plot {
  const series = chart.series
    .map((s, i) => {
      const marker = `<c:marker><c:symbol val="circle"/><c:size val="5"/>${areaSpPr(colour(i), colour(i))}</c:marker>`;
      return `<c:ser>${seriesHead(s, i)}${lineSpPr(colour(i), 19050)}${marker}${catXml(s, sheet)}${valXml(s, sheet)}</c:ser>`;
    })
    .join("");
  const body =
    `<c:radarChart><c:radarStyle val="marker"/><c:varyColors val="0"/>${series}${axIds}</c:radarChart>` +
    catAx({ id: AX_1, crossId: AX_2, pos: "b", gridlines: true }) +
    valAx({ id: AX_2, crossId: AX_1, pos: "l", min: chart.min, max: chart.max, gridlines: true }, "between");
  return { body, legend: "b" };
}

function piePlot(chart: ChartSpec, sheet: ChartSheet): Plot {
  // varyColors asks for a colour per slice, but the colours themselves come from the theme:
  // each slice gets its own explicit fill, white-edged.
  const series = chart.series
    .map((s, i) => {
      const slices = rangeCellCount(s.values);
      const points = Array.from(
        { length: slices },
        (_, k) => `<c:dPt><c:idx val="${k}"/><c:bubble3D val="0"/>${areaSpPr(colour(k), "FFFFFF")}</c:dPt>`,
      );
      const labels = dataLabels({ value: true, percent: true, position: "bestFit" });
      return `<c:ser>${seriesHead(s, i)}${points.join("")}${labels}${catXml(s, sheet)}${valXml(s, sheet)}</c:ser>`;
    })
    .join("");
  const body = `<c:pieChart><c:varyColors val="1"/>${series}<c:firstSliceAng val="0"/></c:pieChart>`;
  return { body, legend: "r" };
}

/** One line with round markers per series over shared categories (e.g. quarters). */
function linePlot(chart: ChartSpec, sheet: ChartSheet): Plot {
  const series = chart.series
    .map((s, i) => {
      const marker = `<c:marker><c:symbol val="circle"/><c:size val="6"/>${areaSpPr(colour(i), colour(i))}</c:marker>`;
      return `<c:ser>${seriesHead(s, i)}${lineSpPr(colour(i), 28575)}${marker}${catXml(s, sheet)}${valXml(s, sheet)}<c:smooth val="0"/></c:ser>`;
    })
    .join("");
  const body =
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axIds}</c:lineChart>` +
    catAx({ id: AX_1, crossId: AX_2, pos: "b", title: chart.xTitle }) +
    valAx({ id: AX_2, crossId: AX_1, pos: "l", title: chart.yTitle, min: chart.min, max: chart.max, gridlines: true }, "between");
  return { body, legend: chart.series.length > 1 ? "b" : null };
}

/** Markers only (no connecting line), or a plain line with no markers (the y = x reference). */
function scatterPlot(chart: ChartSpec, sheet: ChartSheet): Plot {
  const series = chart.series
    .map((s, i) => {
      const look = s.line
        ? `<c:spPr><a:ln w="19050" cap="rnd"><a:solidFill><a:srgbClr val="808080"/></a:solidFill><a:prstDash val="dash"/><a:round/></a:ln></c:spPr>` +
          `<c:marker><c:symbol val="none"/></c:marker>`
        : `<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>` +
          `<c:marker><c:symbol val="circle"/><c:size val="5"/>${areaSpPr(colour(i), colour(i))}</c:marker>`;
      const x = s.categories === undefined ? "" : `<c:xVal>${refXml("num", sheet, s.categories)}</c:xVal>`;
      return `<c:ser>${seriesHead(s, i)}${look}${x}<c:yVal>${refXml("num", sheet, s.values)}</c:yVal><c:smooth val="0"/></c:ser>`;
    })
    .join("");
  const body =
    `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${series}${axIds}</c:scatterChart>` +
    valAx({ id: AX_1, crossId: AX_2, pos: "b", title: chart.xTitle, min: chart.min, max: chart.max, gridlines: true }, "midCat") +
    valAx({ id: AX_2, crossId: AX_1, pos: "l", title: chart.yTitle, min: chart.min, max: chart.max, gridlines: true }, "midCat");
  return { body, legend: chart.series.length > 1 ? "b" : null };
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * A complete chart part (`c:chartSpace`) for one chart whose ranges are on `sheetName`, whose
 * rows (row-major from A1, as in its SheetSpec) give the cached values.
 */
export function chartPartXml(chart: ChartSpec, sheetName: string, rows: SheetSpec["rows"]): string {
  const sheet: ChartSheet = { name: sheetName, rows };
  if (chart.series.length === 0) throw new Error(`chart "${chart.title}" has no series`);
  if (chart.kind === "pie" && chart.series.length > 1)
    throw new Error(`pie chart "${chart.title}" takes one series, got ${chart.series.length}`);
  let plot: Plot;
  switch (chart.kind) {
    case "bar":
    case "column":
      plot = barPlot(chart, sheet);
      break;
    case "line":
      plot = linePlot(chart, sheet);
      break;
    case "radar":
      plot = radarPlot(chart, sheet);
      break;
    case "pie":
      plot = piePlot(chart, sheet);
      break;
    case "scatter":
      plot = scatterPlot(chart, sheet);
      break;
    default: {
      const never: never = chart.kind;
      throw new Error(`unknown chart kind: ${String(never)}`);
    }
  }
  const legend = plot.legend === null ? "" : `<c:legend><c:legendPos val="${plot.legend}"/><c:overlay val="0"/>${txPr(900)}</c:legend>`;
  return (
    DECL +
    `<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}">` +
    `<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/>` +
    `<c:chart>${titleXml(chart.title, 1400)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot.body}</c:plotArea>` +
    `${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    areaSpPr("FFFFFF", GRID_COLOUR) +
    txPr(1000) +
    `</c:chartSpace>`
  );
}

/**
 * A complete drawing part (`xdr:wsDr`): chart i covers the cells anchors[i].from through
 * anchors[i].to inclusive (as Office.js `setPosition(from, to)` does) and is the chart part
 * the drawing's relationship chartRelIds[i] points to.
 */
export function drawingPartXml(anchors: readonly { from: string; to: string }[], chartRelIds: readonly string[]): string {
  if (anchors.length !== chartRelIds.length) throw new Error(`${anchors.length} chart anchors but ${chartRelIds.length} relationship ids`);
  const marker = (tag: "xdr:from" | "xdr:to", col: number, row: number) =>
    `<${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></${tag}>`;
  const frames = anchors.map((anchor, i) => {
    const from = parseA1(anchor.from);
    const to = parseA1(anchor.to);
    if (to.row < from.row || to.col < from.col)
      throw new Error(`chart anchor ${anchor.from}:${anchor.to}: "to" is above or left of "from"`);
    const id = i + 2; // ids only need to be unique within the drawing; Excel starts at 2
    return (
      `<xdr:twoCellAnchor>` +
      marker("xdr:from", from.col, from.row) +
      marker("xdr:to", to.col + 1, to.row + 1) +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="Chart ${i + 1}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" r:id="${escapeAttr(chartRelIds[i]!)}"/></a:graphicData></a:graphic>` +
      `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return DECL + `<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}">${frames.join("")}</xdr:wsDr>`;
}
