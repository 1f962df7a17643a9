import { strToU8, strFromU8, unzipSync, zipSync, type Zippable } from "fflate";
import { chartPartXml, drawingPartXml } from "../../src/io/xlsx/chart-xml.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import type { ChartSpec, OutEntry, SheetSpec } from "../../src/report/sheet-spec.js";

/**
 * A workbook whose one sheet carries charts, packaged here rather than by the writer so the
 * chart parts can be checked on their own: the writer lays out the cells (spec without its
 * charts), then the drawing and chart parts are added by hand, the way Excel names them.
 */
export function packageWithCharts(spec: SheetSpec): Uint8Array {
  const charts = spec.charts ?? [];
  const { charts: _dropped, ...cellsOnly } = spec;
  const parts = unzipSync(createWorkbook([cellsOnly]));
  const sheetPart = Object.keys(parts).find((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p));
  if (sheetPart === undefined) throw new Error("the writer wrote no worksheet part");
  const sheetRels = sheetPart.replace(/worksheets\/(sheet\d+\.xml)$/, "worksheets/_rels/$1.rels");
  if (parts[sheetRels] !== undefined) throw new Error(`unexpected ${sheetRels}`);

  const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
  const out: Zippable = { ...parts };
  // <drawing> comes after the page setup; the writer emits nothing that must follow it here.
  const sheetXml = strFromU8(parts[sheetPart]!);
  if (/<(legacyDrawing|tableParts|extLst)\b/.test(sheetXml)) throw new Error("the worksheet has parts that must follow <drawing>");
  out[sheetPart] = strToU8(sheetXml.replace("</worksheet>", `<drawing r:id="rIdDrawing1"/></worksheet>`));
  out[sheetRels] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rIdDrawing1" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`,
  );
  const relIds = charts.map((_, i) => `rId${i + 1}`);
  out["xl/drawings/drawing1.xml"] = strToU8(
    drawingPartXml(
      charts.map((c) => c.anchor),
      relIds,
    ),
  );
  out["xl/drawings/_rels/drawing1.xml.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">` +
      relIds.map((id, i) => `<Relationship Id="${id}" Type="${REL}/chart" Target="../charts/chart${i + 1}.xml"/>`).join("") +
      `</Relationships>`,
  );
  charts.forEach((chart, i) => (out[`xl/charts/chart${i + 1}.xml`] = strToU8(chartPartXml(chart, spec.name, spec.rows))));

  const overrides =
    `<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>` +
    charts
      .map(
        (_, i) =>
          `<Override PartName="/xl/charts/chart${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
      )
      .join("");
  out["[Content_Types].xml"] = strToU8(strFromU8(parts["[Content_Types].xml"]!).replace("</Types>", `${overrides}</Types>`));
  return zipSync(out, { level: 6, mtime: new Date(1980, 0, 1) });
}

/** Branch names that sort neither alphabetically nor by rank, so a reversed axis shows. */
const branchName = (i: number) => `第${i + 1}党支部`;

/**
 * The 统计图表 sheet in miniature: a ranking of 40 branches, a star distribution, an item
 * profile (average, top three, bottom three) and self-assessment vs. assessed totals, with
 * one chart of each kind. Ranges: see the column comments.
 */
export function sampleChartSheet(name = "统计图表"): SheetSpec {
  const n = 40;
  const rows: OutEntry[][] = [];
  const set = (r: number, c: number, v: OutEntry) => {
    while (rows.length <= r) rows.push([]);
    const row = rows[r]!;
    while (row.length < c) row.push(null);
    row[c] = v;
  };
  set(0, 0, { v: "统计图表（测试）", style: "title" });
  // A–B: ranking, rank 1 first; scores fall from 98 to about 60.
  set(1, 0, { v: "支部", style: "header" });
  set(1, 1, { v: "总分", style: "header" });
  for (let i = 0; i < n; i++) {
    set(2 + i, 0, branchName(i));
    set(2 + i, 1, Math.round((98 - i * 0.95) * 100) / 100);
  }
  // D–E: star distribution.
  const stars = ["五星", "四星", "三星", "二星", "一星"];
  const counts = [4, 10, 14, 8, 4];
  set(1, 3, { v: "星级", style: "header" });
  set(1, 4, { v: "支部数", style: "header" });
  stars.forEach((s, i) => {
    set(2 + i, 3, s);
    set(2 + i, 4, counts[i]!);
  });
  // G–N: item profile in percent of the item's maximum.
  const items = ["组织建设", "党员教育", "组织生活", "作风建设", "群众工作", "基础保障"];
  const series = ["全局平均", "第一名", "第二名", "第三名", "倒数第三", "倒数第二", "倒数第一"];
  set(1, 6, { v: "项目", style: "header" });
  series.forEach((s, j) => set(1, 7 + j, { v: s, style: "header" }));
  items.forEach((item, i) => {
    set(2 + i, 6, item);
    series.forEach((_, j) => {
      const base = [82, 97, 95, 93, 62, 58, 51][j]!;
      set(2 + i, 7 + j, Math.min(100, base + ((i * 7 + j * 3) % 9) - 4));
    });
  });
  // P–Q: self-assessed vs. assessed totals; S–T: the y = x reference from 50 to 100.
  set(1, 15, { v: "自评总分", style: "header" });
  set(1, 16, { v: "考核总分", style: "header" });
  for (let i = 0; i < n; i++) {
    const assessed = Math.round((98 - i * 0.95) * 100) / 100;
    set(2 + i, 15, Math.round((assessed + ((i * 13) % 11) - 3) * 100) / 100);
    set(2 + i, 16, assessed);
  }
  set(1, 18, { v: "参考线 x", style: "header" });
  set(1, 19, { v: "参考线 y", style: "header" });
  set(2, 18, 50);
  set(2, 19, 50);
  set(3, 18, 100);
  set(3, 19, 100);

  const last = 2 + n; // 1-based last data row
  const charts: ChartSpec[] = [
    {
      kind: "bar",
      title: "支部总分排名",
      series: [{ name: "总分", categories: `A3:A${last}`, values: `B3:B${last}` }],
      table: `A2:B${last}`,
      anchor: { from: "V2", to: "AE40" },
      xTitle: "总分",
      yTitle: "支部",
      min: 0,
      max: 100,
    },
    {
      kind: "column",
      title: "星级分布",
      series: [{ name: "支部数", categories: "D3:D7", values: "E3:E7" }],
      table: "D2:E7",
      anchor: { from: "AG2", to: "AN20" },
      xTitle: "星级",
      yTitle: "支部数",
    },
    {
      kind: "radar",
      title: "各项得分率对比",
      series: series.map((s, j) => ({ name: s, categories: "G3:G8", values: `${"HIJKLMN"[j]}3:${"HIJKLMN"[j]}8` })),
      table: "G2:N8",
      anchor: { from: "AG22", to: "AN45" },
      min: 0,
      max: 100,
    },
    {
      kind: "pie",
      title: "星级占比",
      series: [{ name: "支部数", categories: "D3:D7", values: "E3:E7" }],
      table: "D2:E7",
      anchor: { from: "V42", to: "AE62" },
    },
    {
      kind: "scatter",
      title: "自评与考核总分",
      series: [
        { name: "支部", categories: `P3:P${last}`, values: `Q3:Q${last}` },
        { name: "y = x", categories: "S3:S4", values: "T3:T4", line: true },
      ],
      table: `P2:Q${last}`,
      anchor: { from: "AG47", to: "AN67" },
      xTitle: "自评总分",
      yTitle: "考核总分",
      min: 50,
      max: 100,
    },
  ];
  // Printed one page wide (landscape): page 1 of a PDF export shows every chart.
  return { name, rows, columnWidths: [14, 8], charts, print: { orientation: "landscape", fitToWidth: true } };
}
