import { describe, expect, it } from "vitest";
import { chartPartXml, drawingPartXml, rangeCellCount, sheetRangeFormula } from "../../src/io/xlsx/chart-xml.js";
import { decodeOoxmlEscapes, parseXml } from "../../src/io/xlsx/xml.js";
import type { ChartKind, ChartSpec } from "../../src/report/sheet-spec.js";
import { sampleChartSheet } from "./chart-package.js";
import { all, child, maybeChild, NS, parseTree, schemaProblems, val, type El } from "./xml-tree.js";

const SHEET = "统计图表";
const sample = sampleChartSheet(SHEET).charts!;
const ROWS = sampleChartSheet(SHEET).rows;
const chartOf = (kind: ChartKind): ChartSpec => sample.find((c) => c.kind === kind)!;

/** Parsed with both the project's scanner and saxes (namespace-aware); checked against the schema order. */
function chartTree(chart: ChartSpec, sheet = SHEET): El {
  const xml = chartPartXml(chart, sheet, ROWS);
  expect(xml.startsWith(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`)).toBe(true);
  expect(() => parseXml("chart.xml", xml, {})).not.toThrow();
  const root = parseTree(xml);
  expect(root.name).toBe("c:chartSpace");
  expect(schemaProblems(root)).toEqual([]);
  return root;
}

const plotArea = (root: El) => child(root, "c:chart", "c:plotArea");
const formulas = (el: El) => all(el, "c:f").map((f) => f.text);
const richText = (el: El) =>
  all(el, "a:t")
    .map((t) => t.text)
    .join("");
const axis = (root: El, name: "c:catAx" | "c:valAx", i = 0) => plotArea(root).children.filter((c) => c.name === name)[i]!;

describe("chartPartXml: every kind", () => {
  it.each(["bar", "column", "radar", "pie", "scatter"] as const)("%s: well-formed, schema order, title with CJK typeface hints", (kind) => {
    const chart = chartOf(kind);
    const root = chartTree(chart);
    expect(root.children.map((c) => c.name)).toEqual(["c:date1904", "c:lang", "c:roundedCorners", "c:chart", "c:spPr", "c:txPr"]);
    const chartEl = child(root, "c:chart");
    expect(chartEl.children.map((c) => c.name).filter((n) => n !== "c:legend")).toEqual([
      "c:title",
      "c:autoTitleDeleted",
      "c:plotArea",
      "c:plotVisOnly",
      "c:dispBlanksAs",
    ]);
    const title = child(chartEl, "c:title");
    expect(richText(title)).toBe(chart.title);
    const run = child(title, "c:tx", "c:rich", "a:p", "a:r", "a:rPr");
    expect(child(run, "a:ea").attrs["typeface"]).toMatch(/\S/);
    expect(child(run, "a:latin").attrs["typeface"]).toMatch(/\S/);
    expect(run.attrs["lang"]).toBe("zh-CN");
    // Default text (axis labels, legend) carries the East Asian typeface as well.
    expect(child(root, "c:txPr", "a:p", "a:pPr", "a:defRPr", "a:ea").attrs["typeface"]).toBe(child(run, "a:ea").attrs["typeface"]);
    // One series element per spec series, each with its literal name.
    const sers = all(plotArea(root), "c:ser");
    expect(sers.map((s) => child(s, "c:tx", "c:v").text)).toEqual(chart.series.map((s) => s.name));
    expect(sers.map((s) => val(s, "c:idx"))).toEqual(chart.series.map((_, i) => String(i)));
    expect(sers.map((s) => val(s, "c:order"))).toEqual(chart.series.map((_, i) => String(i)));
    // Every series carries its own colour, not one left to a theme the workbook may lack.
    for (const s of sers) expect(all(s, "a:srgbClr").length).toBeGreaterThan(0);
  });

  it.each(["bar", "column", "radar", "scatter"] as const)("%s: two axes that cross each other", (kind) => {
    const root = chartTree(chartOf(kind));
    const pa = plotArea(root);
    const chartType = pa.children[1]!;
    const ids = chartType.children.filter((c) => c.name === "c:axId").map((c) => c.attrs["val"]);
    expect(ids).toHaveLength(2);
    const axes = pa.children.filter((c) => c.name === "c:catAx" || c.name === "c:valAx");
    expect(axes.map((a) => val(a, "c:axId"))).toEqual(ids);
    expect(axes.map((a) => val(a, "c:crossAx"))).toEqual([ids[1], ids[0]]);
    for (const a of axes) expect(val(a, "c:delete")).toBe("0");
  });
});

describe("chartPartXml: bar (the ranking)", () => {
  const chart = chartOf("bar");
  const root = chartTree(chart);
  const bar = child(plotArea(root), "c:barChart");

  it("draws horizontal clustered bars from the sheet's ranges", () => {
    expect(val(bar, "c:barDir")).toBe("bar");
    expect(val(bar, "c:grouping")).toBe("clustered");
    expect(val(bar, "c:varyColors")).toBe("0");
    const ser = child(bar, "c:ser");
    expect(child(ser, "c:cat", "c:strRef", "c:f").text).toBe(`'统计图表'!$A$3:$A$42`);
    expect(child(ser, "c:val", "c:numRef", "c:f").text).toBe(`'统计图表'!$B$3:$B$42`);
    // Cached values for readers that do not recalculate: one point per cell of each range.
    expect(val(ser, "c:cat", "c:strRef", "c:strCache", "c:ptCount")).toBe("40");
    expect(val(ser, "c:val", "c:numRef", "c:numCache", "c:ptCount")).toBe("40");
  });

  it("keeps rank 1 on top: categories run max→min and the value axis crosses at the maximum (the bottom)", () => {
    const cat = axis(root, "c:catAx");
    const value = axis(root, "c:valAx");
    expect(val(cat, "c:scaling", "c:orientation")).toBe("maxMin");
    expect(val(cat, "c:axPos")).toBe("l");
    expect(val(value, "c:crosses")).toBe("max");
    expect(val(value, "c:axPos")).toBe("b");
    expect(val(value, "c:scaling", "c:orientation")).toBe("minMax");
  });

  it("is dense for 40 branches: thin gaps, small labels, no value labels", () => {
    expect(Number(val(bar, "c:gapWidth"))).toBeLessThanOrEqual(50);
    expect(all(bar, "c:dLbls")).toEqual([]);
    const size = child(axis(root, "c:catAx"), "c:txPr", "a:p", "a:pPr", "a:defRPr").attrs["sz"];
    expect(Number(size)).toBeLessThan(900);
  });

  it("scales to thousands of branches with even thinner gaps", () => {
    const big = chartTree({ ...chart, series: [{ name: "总分", categories: "A3:A5002", values: "B3:B5002" }] });
    expect(Number(val(big, "c:chart", "c:plotArea", "c:barChart", "c:gapWidth"))).toBeLessThanOrEqual(10);
  });

  it("puts xTitle on the horizontal (value) axis and yTitle on the vertical (category) axis", () => {
    expect(richText(child(axis(root, "c:valAx"), "c:title"))).toBe("总分");
    expect(richText(child(axis(root, "c:catAx"), "c:title"))).toBe("支部");
  });

  it("bounds the value axis by min and max", () => {
    const scaling = child(axis(root, "c:valAx"), "c:scaling");
    expect(scaling.children.map((c) => [c.name, c.attrs["val"]])).toEqual([
      ["c:orientation", "minMax"],
      ["c:max", "100"],
      ["c:min", "0"],
    ]);
  });

  it("has no legend for a single series", () => {
    expect(maybeChild(child(root, "c:chart"), "c:legend")).toBeUndefined();
  });
});

describe("chartPartXml: column (star distribution)", () => {
  const chart = chartOf("column");
  const root = chartTree(chart);
  const bar = child(plotArea(root), "c:barChart");

  it("draws vertical bars in category order, value axis crossing at zero", () => {
    expect(val(bar, "c:barDir")).toBe("col");
    const cat = axis(root, "c:catAx");
    expect(val(cat, "c:scaling", "c:orientation")).toBe("minMax");
    expect(val(cat, "c:axPos")).toBe("b");
    expect(val(axis(root, "c:valAx"), "c:crosses")).toBe("autoZero");
    expect(child(axis(root, "c:valAx"), "c:scaling").children.map((c) => c.name)).toEqual(["c:orientation"]);
  });

  it("labels the few columns with their values", () => {
    const labels = child(bar, "c:ser", "c:dLbls");
    expect(val(labels, "c:showVal")).toBe("1");
    expect(val(labels, "c:showPercent")).toBe("0");
  });

  it("puts xTitle under the categories and yTitle on the value axis", () => {
    expect(richText(child(axis(root, "c:catAx"), "c:title"))).toBe("星级");
    expect(richText(child(axis(root, "c:valAx"), "c:title"))).toBe("支部数");
  });
});

describe("chartPartXml: radar (item profile)", () => {
  const chart = chartOf("radar");
  const root = chartTree(chart);
  const radar = child(plotArea(root), "c:radarChart");

  it("is a marker radar with one series per profile, all on the same categories", () => {
    expect(val(radar, "c:radarStyle")).toBe("marker");
    const sers = all(radar, "c:ser");
    expect(sers).toHaveLength(7);
    expect(sers.map((s) => child(s, "c:cat", "c:strRef", "c:f").text)).toEqual(new Array(7).fill(`'统计图表'!$G$3:$G$8`));
    expect(sers.map((s) => child(s, "c:val", "c:numRef", "c:f").text)).toEqual([..."HIJKLMN"].map((c) => `'统计图表'!$${c}$3:$${c}$8`));
    expect(new Set(sers.map((s) => child(s, "c:spPr", "a:ln", "a:solidFill", "a:srgbClr").attrs["val"])).size).toBe(7);
  });

  it("runs the value axis 0–100 and shows a legend", () => {
    const scaling = child(axis(root, "c:valAx"), "c:scaling");
    expect(val(scaling, "c:min")).toBe("0");
    expect(val(scaling, "c:max")).toBe("100");
    expect(val(root, "c:chart", "c:legend", "c:legendPos")).toBe("b");
  });

  it("leaves the value axis unbounded without min/max", () => {
    const free = chartTree({ ...chart, min: undefined, max: undefined });
    expect(child(child(free, "c:chart", "c:plotArea", "c:valAx"), "c:scaling").children.map((c) => c.name)).toEqual(["c:orientation"]);
  });
});

describe("chartPartXml: pie (star shares)", () => {
  const root = chartTree(chartOf("pie"));
  const pie = child(plotArea(root), "c:pieChart");

  it("varies colours by slice, one explicit colour per category, and has no axes", () => {
    expect(val(pie, "c:varyColors")).toBe("1");
    const points = all(pie, "c:dPt");
    expect(points.map((p) => val(p, "c:idx"))).toEqual(["0", "1", "2", "3", "4"]);
    expect(new Set(points.map((p) => child(p, "c:spPr", "a:solidFill", "a:srgbClr").attrs["val"])).size).toBe(5);
    expect(plotArea(root).children.map((c) => c.name)).toEqual(["c:layout", "c:pieChart"]);
  });

  it("labels slices with count and percentage, with a legend on the right", () => {
    const labels = child(pie, "c:ser", "c:dLbls");
    expect(val(labels, "c:showVal")).toBe("1");
    expect(val(labels, "c:showPercent")).toBe("1");
    expect(val(root, "c:chart", "c:legend", "c:legendPos")).toBe("r");
  });

  it("refuses more than one series", () => {
    const chart = chartOf("pie");
    expect(() => chartPartXml({ ...chart, series: [chart.series[0]!, chart.series[0]!] }, SHEET, ROWS)).toThrow(/one series/);
  });
});

describe("chartPartXml: scatter (self-assessed vs assessed)", () => {
  const chart = chartOf("scatter");
  const root = chartTree(chart);
  const scatter = child(plotArea(root), "c:scatterChart");
  const [points, line] = all(scatter, "c:ser") as [El, El];

  it("uses two value axes, titled and bounded, and no category axis", () => {
    expect(val(scatter, "c:scatterStyle")).toBe("lineMarker");
    expect(plotArea(root).children.map((c) => c.name)).toEqual(["c:layout", "c:scatterChart", "c:valAx", "c:valAx"]);
    const [x, y] = [axis(root, "c:valAx", 0), axis(root, "c:valAx", 1)];
    expect([val(x, "c:axPos"), val(y, "c:axPos")]).toEqual(["b", "l"]);
    expect([richText(child(x, "c:title")), richText(child(y, "c:title"))]).toEqual(["自评总分", "考核总分"]);
    for (const a of [x, y]) {
      expect(val(a, "c:scaling", "c:min")).toBe("50");
      expect(val(a, "c:scaling", "c:max")).toBe("100");
      expect(val(a, "c:crossBetween")).toBe("midCat");
    }
  });

  it("draws branches as markers only: the connecting line has no fill", () => {
    expect(child(points, "c:spPr", "a:ln").children.map((c) => c.name)).toEqual(["a:noFill"]);
    expect(val(points, "c:marker", "c:symbol")).toBe("circle");
    expect(child(points, "c:xVal", "c:numRef", "c:f").text).toBe(`'统计图表'!$P$3:$P$42`);
    expect(child(points, "c:yVal", "c:numRef", "c:f").text).toBe(`'统计图表'!$Q$3:$Q$42`);
    expect(val(points, "c:smooth")).toBe("0");
  });

  it("draws the `line: true` series as a straight line without markers", () => {
    const ln = child(line, "c:spPr", "a:ln");
    expect(maybeChild(ln, "a:noFill")).toBeUndefined();
    expect(child(ln, "a:solidFill", "a:srgbClr").attrs["val"]).toMatch(/^[0-9A-F]{6}$/);
    expect(val(line, "c:marker", "c:symbol")).toBe("none");
    expect(val(line, "c:smooth")).toBe("0");
    expect(formulas(line)).toEqual([`'统计图表'!$S$3:$S$4`, `'统计图表'!$T$3:$T$4`]);
  });

  it("without x values, writes only y values", () => {
    const noX = chartTree({ ...chart, series: [{ name: "考核", values: "Q3:Q42" }] });
    const ser = child(noX, "c:chart", "c:plotArea", "c:scatterChart", "c:ser");
    expect(maybeChild(ser, "c:xVal")).toBeUndefined();
    expect(maybeChild(child(noX, "c:chart"), "c:legend")).toBeUndefined();
  });
});

describe("chartPartXml: text and references", () => {
  const awkward = `O'Brien & <合计>`;

  it("quotes the sheet name, doubles its quotes and escapes it for XML", () => {
    const chart = chartOf("column");
    const xml = chartPartXml(chart, awkward, ROWS);
    expect(xml).toContain(`<c:f>'O''Brien &amp; &lt;合计&gt;'!$E$3:$E$7</c:f>`);
    expect(formulas(chartTree(chart, awkward))).toEqual([`'O''Brien & <合计>'!$D$3:$D$7`, `'O''Brien & <合计>'!$E$3:$E$7`]);
  });

  it("keeps a sheet name that looks like an OOXML escape literal in formulas", () => {
    expect(formulas(chartTree(chartOf("pie"), "a_x0041_b"))).toEqual([`'a_x0041_b'!$D$3:$D$7`, `'a_x0041_b'!$E$3:$E$7`]);
  });

  it("escapes titles, axis titles and series names", () => {
    const chart: ChartSpec = {
      ...chartOf("scatter"),
      title: `得分 <80> & "优秀"`,
      xTitle: "A&B",
      series: [{ name: "<y = x>", values: "B1:B2", categories: "A1:A2", line: true }],
    };
    const root = chartTree(chart);
    expect(richText(child(root, "c:chart", "c:title"))).toBe(`得分 <80> & "优秀"`);
    expect(richText(child(axis(root, "c:valAx", 0), "c:title"))).toBe("A&B");
    expect(child(all(root, "c:ser")[0]!, "c:tx", "c:v").text).toBe("<y = x>");
  });

  it("keeps text that looks like an OOXML escape literal", () => {
    const chart: ChartSpec = { ...chartOf("pie"), title: "_x0041_", series: [{ ...chartOf("pie").series[0]!, name: "_x0041_" }] };
    const root = chartTree(chart);
    expect(richText(child(root, "c:chart", "c:title"))).toBe("_x0041_"); // DrawingML text has no _xHHHH_ escapes
    expect(decodeOoxmlEscapes(child(all(root, "c:ser")[0]!, "c:tx", "c:v").text)).toBe("_x0041_"); // c:v is an ST_Xstring
  });

  it("writes absolute references in either corner order, and single cells", () => {
    expect(sheetRangeFormula("S", "c3:c42")).toBe(`'S'!$C$3:$C$42`);
    expect(sheetRangeFormula("S", "$C$3:$C$42")).toBe(`'S'!$C$3:$C$42`);
    expect(sheetRangeFormula("S", "C42:C3")).toBe(`'S'!$C$3:$C$42`);
    expect(sheetRangeFormula("S", "AA7")).toBe(`'S'!$AA$7`);
    expect(rangeCellCount("A3:A5002")).toBe(5000);
    expect(rangeCellCount("H3:N3")).toBe(7);
  });

  it("refuses ranges that are not plain A1 ranges on the chart's sheet", () => {
    expect(() => sheetRangeFormula("S", "Other!A1:A3")).toThrow(/own sheet/);
    expect(() => sheetRangeFormula("S", "A1:B2:C3")).toThrow(/A1 range/);
    expect(() => sheetRangeFormula("S", "A:A")).toThrow(/A1/);
    expect(() => sheetRangeFormula("S", "")).toThrow(/A1/);
  });

  it("refuses a chart without series and non-finite bounds", () => {
    expect(() => chartPartXml({ ...chartOf("bar"), series: [] }, SHEET, ROWS)).toThrow(/no series/);
    expect(() => chartPartXml({ ...chartOf("bar"), max: Number.NaN }, SHEET, ROWS)).toThrow(/finite/);
  });

  it("is deterministic", () => {
    for (const chart of sample) expect(chartPartXml(chart, SHEET, ROWS)).toBe(chartPartXml(chart, SHEET, ROWS));
  });
});

describe("drawingPartXml", () => {
  const anchors = [
    { from: "A1", to: "H20" },
    { from: "V2", to: "AE40" },
  ];
  const xml = drawingPartXml(anchors, ["rId1", "rId7"]);
  const root = parseTree(xml);
  const frames = all(root, "xdr:twoCellAnchor");

  it("is a well-formed wsDr in schema order", () => {
    expect(xml.startsWith(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`)).toBe(true);
    expect(() => parseXml("drawing.xml", xml, {})).not.toThrow();
    expect(root.name).toBe("xdr:wsDr");
    expect(schemaProblems(root)).toEqual([]);
    expect(frames).toHaveLength(2);
  });

  it("anchors each chart from its first cell to the end of its last cell (0-based)", () => {
    const cell = (el: El) => el.children.map((c) => `${c.name.slice(4)}=${c.text}`).join(" ");
    expect(frames.map((f) => [cell(child(f, "xdr:from")), cell(child(f, "xdr:to"))])).toEqual([
      ["col=0 colOff=0 row=0 rowOff=0", "col=8 colOff=0 row=20 rowOff=0"],
      ["col=21 colOff=0 row=1 rowOff=0", "col=31 colOff=0 row=40 rowOff=0"],
    ]);
  });

  it("references chart i by chartRelIds[i], with unique shape ids and names", () => {
    const charts = frames.map((f) => child(f, "xdr:graphicFrame", "a:graphic", "a:graphicData"));
    expect(charts.map((g) => g.attrs["uri"])).toEqual([NS.c, NS.c]);
    expect(charts.map((g) => child(g, "c:chart").attrs["r:id"])).toEqual(["rId1", "rId7"]);
    const props = frames.map((f) => child(f, "xdr:graphicFrame", "xdr:nvGraphicFramePr", "xdr:cNvPr"));
    expect(new Set(props.map((p) => p.attrs["id"])).size).toBe(2);
    expect(new Set(props.map((p) => p.attrs["name"])).size).toBe(2);
    for (const f of frames) expect(maybeChild(f, "xdr:clientData")).toBeDefined();
  });

  it("handles no charts, and refuses mismatched or inverted input", () => {
    expect(schemaProblems(parseTree(drawingPartXml([], [])))).toEqual([]);
    expect(() => drawingPartXml(anchors, ["rId1"])).toThrow(/2 chart anchors but 1/);
    expect(() => drawingPartXml([{ from: "H20", to: "A1" }], ["rId1"])).toThrow(/above or left/);
    expect(() => drawingPartXml([{ from: "nope", to: "A1" }], ["rId1"])).toThrow(/A1/);
  });
});

describe("chartPartXml: line (averages over quarters), with cached values", () => {
  const line: ChartSpec = {
    kind: "line",
    title: "各类别季度平均总分",
    table: "A1:C5",
    series: [
      { name: "生产类", categories: "A2:A5", values: "B2:B5" },
      { name: "辅助类", categories: "A2:A5", values: "C2:C5" },
    ],
    anchor: { from: "A7", to: "G26" },
    xTitle: "季度",
    yTitle: "平均总分",
    min: 70,
  };
  const rows = [
    ["季度", "生产类", "辅助类"],
    ["2026Q1", 88, null],
    ["2026Q2", 83.63, 80.5],
    ["2026Q3", 94.13, 81],
    ["2026Q4", 82.88, 86.25],
  ];
  const cells = rows;

  it("is a standard line chart with round markers, one series per category, over a category axis", () => {
    const root = parseTree(chartPartXml(line, SHEET, cells));
    expect(schemaProblems(root)).toEqual([]);
    const lc = child(plotArea(root), "c:lineChart");
    expect(val(lc, "c:grouping")).toBe("standard");
    expect(all(lc, "c:ser").map((s) => val(s, "c:marker", "c:symbol"))).toEqual(["circle", "circle"]);
    expect(all(lc, "c:ser").map((s) => val(s, "c:smooth"))).toEqual(["0", "0"]);
    expect(axis(root, "c:catAx").children.some((c) => c.name === "c:title")).toBe(true);
    expect(child(axis(root, "c:valAx"), "c:scaling", "c:min").attrs["val"]).toBe("70");
    expect(maybeChild(child(root, "c:chart"), "c:legend")).toBeDefined();
  });

  it("carries the referenced cells as caches: labels as strings, numbers with gaps for blanks", () => {
    const root = parseTree(chartPartXml(line, SHEET, cells));
    const [first, second] = all(plotArea(root), "c:ser");
    const cat = child(first!, "c:cat", "c:strRef", "c:strCache");
    expect(val(cat, "c:ptCount")).toBe("4");
    expect(all(cat, "c:pt").map((p) => [p.attrs["idx"], child(p, "c:v").text])).toEqual([
      ["0", "2026Q1"],
      ["1", "2026Q2"],
      ["2", "2026Q3"],
      ["3", "2026Q4"],
    ]);
    const nums = child(second!, "c:val", "c:numRef", "c:numCache");
    expect(child(nums, "c:formatCode").text).toBe("General");
    expect(all(nums, "c:pt").map((p) => [p.attrs["idx"], child(p, "c:v").text])).toEqual([
      ["1", "80.5"],
      ["2", "81"],
      ["3", "86.25"],
    ]);
  });

  it("a clustered column of two series also takes caches", () => {
    const column: ChartSpec = {
      ...chartOf("column"),
      series: [
        { name: "本年度", categories: "A2:A5", values: "B2:B5" },
        { name: "上年", categories: "A2:A5", values: "C2:C5" },
      ],
    };
    const root = parseTree(chartPartXml(column, SHEET, cells));
    expect(schemaProblems(root)).toEqual([]);
    expect(all(plotArea(root), "c:ser")).toHaveLength(2);
    expect(all(root, "c:numCache")).toHaveLength(2);
  });
});
