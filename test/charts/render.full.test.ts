import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import type { ChartKind, ChartSpec, SheetSpec } from "../../src/report/sheet-spec.js";
import { packageWithCharts, sampleChartSheet } from "./chart-package.js";
import { odsCharts, type OdsChart } from "./ods-charts.js";
import { convertWith, sofficePath } from "../helpers/libreoffice.js";
import { pdfPageCount, pdfPageRaster, pdfPageToPng, pixelsNear, requirePdftoppm, type Raster } from "./render-tools.js";

/*
 * The charts as LibreOffice sees them. The files stay in OUT (a fresh folder per run, under the
 * system's temp folder) after the run, so a person can look at what was drawn: charts.png is
 * page 1 of the workbook with one chart of each kind.
 * Without LibreOffice these tests fail (they never skip): install libreoffice-calc,
 * poppler-utils and fonts-noto-cjk (Chinese text renders as boxes without a CJK font).
 */
// A fresh folder per run: a fixed one was shared by concurrent runs (other checkouts, CI), which
// deleted and rewrote each other's files mid-conversion.
const OUT = mkdtempSync(join(tmpdir(), "branch-scorecard-chart-render-"));
const KINDS: readonly ChartKind[] = ["bar", "column", "radar", "pie", "scatter"];
const DPI = 100;
const AWKWARD_SHEET = "O'Brien & 表";

const sheet = sampleChartSheet();
const chartOf = (kind: ChartKind): ChartSpec => sheet.charts!.find((c) => c.kind === kind)!;
/** The sheet with only this chart, drawn large. */
const alone = (chart: ChartSpec, name = sheet.name): SheetSpec => ({
  ...sampleChartSheet(name),
  charts: [{ ...chart, anchor: { from: "V2", to: "AN45" } }],
});
const scatterLine = (line: boolean): ChartSpec => ({
  ...chartOf("scatter"),
  series: chartOf("scatter").series.map((s) => (s.line ? { ...s, line } : s)),
});

const path = (name: string) => join(OUT, name);
// Folds, not Math.min(...pixels): a page has far more pixels than a call can take arguments.
const minOf = (ns: readonly number[]) => ns.reduce((m, n) => Math.min(m, n), Infinity);
const maxOf = (ns: readonly number[]) => ns.reduce((m, n) => Math.max(m, n), -Infinity);
let rasters: Map<string, Raster>;
let readBack: Map<string, OdsChart[]>;
let writerPackage: Uint8Array;
/** Why setup failed (LibreOffice missing…): every test then fails with it, rather than being skipped. */
let setupError: unknown;
const ready = () => {
  if (setupError !== undefined) throw setupError instanceof Error ? setupError : new Error("setup failed", { cause: setupError });
};

beforeAll(async () => {
  try {
    await setUp();
  } catch (e) {
    setupError = e;
  }
}, 300_000);

async function setUp(): Promise<void> {
  sofficePath(); // throws with an install hint when LibreOffice is missing
  requirePdftoppm();

  const files = new Map<string, Uint8Array>([
    ["charts", packageWithCharts(sheet)],
    ...KINDS.map((k): [string, Uint8Array] => [k, packageWithCharts(alone(chartOf(k)))]),
    ["scatter-without-line", packageWithCharts(alone(scatterLine(false)))],
    ["awkward-sheet-name", packageWithCharts(alone(chartOf("column"), AWKWARD_SHEET))],
  ]);
  // The same sheet through the writer's own chart integration (parts, rels, content types).
  writerPackage = createWorkbook([sheet]);
  files.set("through-writer", writerPackage);
  for (const [name, bytes] of files) writeFileSync(path(`${name}.xlsx`), bytes);

  const pdfNames = ["charts", ...KINDS, "scatter-without-line"];
  await convertInto(pdfNames, "pdf");
  rasters = new Map(pdfNames.map((n) => [n, pdfPageRaster(path(`${n}.pdf`), DPI)]));
  pdfPageToPng(path("charts.pdf"), path("charts"), 110);
  for (const k of KINDS) pdfPageToPng(path(`${k}.pdf`), path(k), 80);

  const odsNames = ["charts", "awkward-sheet-name", "through-writer"];
  await convertInto(odsNames, "ods");
  readBack = new Map(odsNames.map((n) => [n, odsCharts(readFileSync(path(`${n}.ods`)))]));
}

/** Converts OUT/<name>.xlsx files in one soffice run and keeps the results next to them, in OUT. */
async function convertInto(names: readonly string[], format: "pdf" | "ods"): Promise<void> {
  const outputs = await convertWith(
    format,
    names.map((n) => path(`${n}.xlsx`)),
  );
  outputs.forEach((output, i) => copyFileSync(output, path(`${names[i]}.${format}`)));
}

const raster = (name: string) => rasters.get(name)!;
const pageArea = (r: Raster) => r.width * r.height;
/** Colours the chart writer uses (its palette), per-channel tolerance for anti-aliasing. */
const BLUE = "4472C4";
const count = (r: Raster, hex: string) => pixelsNear(r, hex, 12).length;

describe("LibreOffice draws the charts (xlsx → PDF → pixels)", () => {
  it("prints the workbook with one chart of each kind to a one-page PDF with real content", () => {
    ready();
    const pdf = path("charts.pdf");
    expect(statSync(pdf).size).toBeGreaterThan(30_000);
    expect(pdfPageCount(pdf)).toBe(1);
    expect(statSync(path("charts.png")).size).toBeGreaterThan(20_000);
    // Every chart kind leaves its colours on the page: bars, slices, radar lines.
    const r = raster("charts");
    for (const hex of [BLUE, "ED7D31", "FFC000", "70AD47", "264478"]) expect(count(r, hex), hex).toBeGreaterThan(20);
  });

  it("bar: filled horizontal bars, rank 1 (the longest) on top", () => {
    ready();
    const r = raster("bar");
    const blue = pixelsNear(r, BLUE, 12);
    expect(blue.length).toBeGreaterThan(pageArea(r) * 0.01);
    // Right end of the bars, row by row, from the top of the bar block to its bottom.
    const rightEnd = new Map<number, number>();
    for (const [x, y] of blue) rightEnd.set(y, Math.max(rightEnd.get(y) ?? 0, x));
    const rows = [...rightEnd.keys()].sort((a, b) => a - b);
    const tenth = Math.max(1, Math.floor(rows.length / 10));
    const mean = (ys: number[]) => ys.reduce((s, y) => s + rightEnd.get(y)!, 0) / ys.length;
    const left = minOf(blue.map(([x]) => x));
    const topLength = mean(rows.slice(0, tenth)) - left;
    const bottomLength = mean(rows.slice(-tenth)) - left;
    // Scores fall from 98 to about 61 on a 0–100 axis.
    expect(bottomLength / topLength).toBeGreaterThan(0.5);
    expect(bottomLength / topLength).toBeLessThan(0.75);
  });

  it("column: filled vertical bars in category order (三星, the middle one, is the tallest)", () => {
    ready();
    const r = raster("column");
    const blue = pixelsNear(r, BLUE, 12);
    expect(blue.length).toBeGreaterThan(pageArea(r) * 0.005);
    const xs = blue.map(([x]) => x);
    const [left, right] = [minOf(xs), maxOf(xs)];
    const top = minOf(blue.map(([, y]) => y));
    const tallestXs = blue.filter(([, y]) => y === top).map(([x]) => x);
    const at = (tallestXs.reduce((s, x) => s + x, 0) / tallestXs.length - left) / (right - left);
    expect(at).toBeGreaterThan(0.4);
    expect(at).toBeLessThan(0.6);
  });

  it("radar: a coloured line per series", () => {
    ready();
    const r = raster("radar");
    const colours = ["4472C4", "ED7D31", "FFC000", "5B9BD5", "70AD47", "264478"];
    const drawn = colours.filter((hex) => pixelsNear(r, hex, 24).length > 20);
    expect(drawn.length, `drawn: ${drawn.join(" ")}`).toBeGreaterThanOrEqual(5);
  });

  it("pie: one filled slice per star level", () => {
    ready();
    const r = raster("pie");
    // 10%, 25%, 35%, 20% and 10% of the pie; grey (35%) also appears in text edges, so more is asked of it.
    for (const hex of ["4472C4", "ED7D31", "FFC000", "5B9BD5"]) expect(count(r, hex), hex).toBeGreaterThan(1000);
    expect(count(r, "A5A5A5")).toBeGreaterThan(5000);
  });

  it("scatter: branch markers, and a straight rising line for the `line: true` series", () => {
    ready();
    const withLine = raster("scatter");
    expect(count(withLine, BLUE)).toBeGreaterThan(200);
    // What the line adds: the pixels that change when the same series is drawn as markers.
    const without = raster("scatter-without-line");
    const changed: [number, number][] = [];
    for (let i = 0, p = 0; i < withLine.rgb.length; i += 3, p++) {
      const d =
        Math.abs(withLine.rgb[i]! - without.rgb[i]!) +
        Math.abs(withLine.rgb[i + 1]! - without.rgb[i + 1]!) +
        Math.abs(withLine.rgb[i + 2]! - without.rgb[i + 2]!);
      if (d > 60) changed.push([p % withLine.width, Math.floor(p / withLine.width)]);
    }
    const xs = changed.map(([x]) => x);
    const [left, right] = [minOf(xs), maxOf(xs)];
    expect(right - left).toBeGreaterThan(withLine.width * 0.25);
    // Across ten vertical strips the changed pixels climb steadily (image y falls): a diagonal.
    const strips: number[][] = Array.from({ length: 10 }, () => []);
    for (const [x, y] of changed) strips[Math.min(9, Math.floor(((x - left) / (right - left + 1)) * 10))]!.push(y);
    const medians = strips.map((ys) => [...ys].sort((a, b) => a - b)[Math.floor(ys.length / 2)] ?? Number.NaN);
    const rising = medians.slice(1).filter((m, i) => m < medians[i]!).length;
    expect(rising, `strip medians ${medians.join(" ")}`).toBeGreaterThanOrEqual(8);
  });
});

describe("LibreOffice reads the charts back (xlsx → ods)", () => {
  const byTitle = (charts: readonly OdsChart[], title: string) => {
    const found = charts.filter((c) => c.title === title);
    expect(found, `charts titled ${title}: ${charts.map((c) => c.title).join(", ")}`).toHaveLength(1);
    return found[0]!;
  };
  const axis = (c: OdsChart, dimension: "x" | "y") => c.axes.find((a) => a.dimension === dimension)!;

  it.each(["charts", "through-writer"])("%s: five charts of the right classes, series and axes", (name) => {
    ready();
    const charts = readBack.get(name)!;
    expect(charts).toHaveLength(5);

    const bar = byTitle(charts, "支部总分排名");
    expect(bar.chartClass).toBe("chart:bar");
    expect(bar.plotArea["chart:vertical"]).toBe("true"); // horizontal bars
    expect(bar.series.map((s) => [s.chartClass, s.values, s.label])).toEqual([["chart:bar", "统计图表.B3:统计图表.B42", "总分"]]);
    expect(axis(bar, "x").categories).toBe("统计图表.A3:统计图表.A42");
    expect(axis(bar, "x").style["chart:reverse-direction"]).toBe("true"); // rank 1 on top
    expect(axis(bar, "y").style["chart:axis-position"]).toBe("end"); // …with the value axis below the last bar
    expect(axis(bar, "x").title).toBe("支部");
    expect(axis(bar, "y").title).toBe("总分");
    expect([axis(bar, "y").style["chart:minimum"], axis(bar, "y").style["chart:maximum"]]).toEqual(["0", "100"]);

    const column = byTitle(charts, "星级分布");
    expect(column.chartClass).toBe("chart:bar");
    expect(column.plotArea["chart:vertical"] ?? "false").toBe("false");
    expect(column.series).toHaveLength(1);
    expect(axis(column, "x").style["chart:reverse-direction"] ?? "false").toBe("false");

    const radar = byTitle(charts, "各项得分率对比");
    expect(radar.chartClass).toBe("chart:radar");
    expect(radar.series.map((s) => s.label)).toEqual(["全局平均", "第一名", "第二名", "第三名", "倒数第三", "倒数第二", "倒数第一"]);
    expect(radar.series.every((s) => s.chartClass === "chart:radar")).toBe(true);
    expect(radar.series.map((s) => s.style["draw:stroke"] ?? "solid")).toEqual(new Array(7).fill("solid")); // the web's lines
    expect(new Set(radar.series.map((s) => s.style["svg:stroke-color"])).size).toBe(7);
    expect([axis(radar, "y").style["chart:minimum"], axis(radar, "y").style["chart:maximum"]]).toEqual(["0", "100"]);

    const pie = byTitle(charts, "星级占比");
    expect(pie.chartClass).toBe("chart:circle");
    expect(pie.series.map((s) => s.values)).toEqual(["统计图表.E3:统计图表.E7"]);

    const scatter = byTitle(charts, "自评与考核总分");
    expect(scatter.chartClass).toBe("chart:scatter");
    const [points, line] = scatter.series;
    expect(scatter.series).toHaveLength(2);
    expect([points!.domains, points!.values]).toEqual([["统计图表.P3:统计图表.P42"], "统计图表.Q3:统计图表.Q42"]);
    expect(points!.style["draw:stroke"]).toBe("none"); // markers only
    expect(points!.style["chart:symbol-type"]).not.toBe("none");
    expect([line!.label, line!.domains, line!.values]).toEqual(["y = x", ["统计图表.S3:统计图表.S4"], "统计图表.T3:统计图表.T4"]);
    expect(line!.style["chart:symbol-type"]).toBe("none"); // a line without markers
    expect(line!.style["draw:stroke"]).not.toBe("none");
    for (const d of ["x", "y"] as const) {
      expect([axis(scatter, d).style["chart:minimum"], axis(scatter, d).style["chart:maximum"]]).toEqual(["50", "100"]);
    }
    expect([axis(scatter, "x").title, axis(scatter, "y").title]).toEqual(["自评总分", "考核总分"]);
  });

  it("through-writer: the writer packaged the chart parts", () => {
    ready();
    const parts = Object.keys(unzipSync(writerPackage));
    expect(parts.filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))).toHaveLength(5);
    expect(parts.filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p))).toHaveLength(1);
  });

  it("follows references to a sheet whose name needs quoting", () => {
    ready();
    const [chart] = readBack.get("awkward-sheet-name")!;
    expect(chart?.chartClass).toBe("chart:bar");
    expect(chart?.series.map((s) => s.values)).toEqual([`'O''Brien & 表'.E3:'O''Brien & 表'.E7`]);
    expect(chart?.axes.find((a) => a.dimension === "x")?.categories).toBe(`'O''Brien & 表'.D3:'O''Brien & 表'.D7`);
  });
});
