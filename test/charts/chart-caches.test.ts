import { strFromU8, unzipSync } from "fflate";
import { denseRows } from "../helpers/sheet-values.js";
import { describe, expect, it } from "vitest";
import { sampleWorkbook } from "../helpers/sample-workbooks.js";
import { rangeValues } from "../../src/io/xlsx/chart-xml.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { writeOutputSheets } from "../../src/io/xlsx/writer.js";
import { decodeOoxmlEscapes } from "../../src/io/xlsx/xml.js";
import { cellValueText, parseA1, type Cell } from "../../src/model/cell.js";
import { runAssessment } from "../../src/pipeline.js";
import { OUTPUT_SHEETS } from "../../src/model/sheets.js";
import { all, child, parseTree, schemaProblems, type El } from "./xml-tree.js";

/** A reference's range on its sheet ('统计图表'!$B$3:$B$42 → B3:B42). */
const rangeOf = (f: string) => f.replace(/^'(?:[^']|'')*'!/, "").replace(/\$/g, "");
/** A reference's sheet ('统计图表'!$B$3:$B$42 → 统计图表). */
const sheetOf = (f: string) => /^'((?:[^']|'')*)'!/.exec(f)![1]!.replace(/''/g, "'");

/** The cache as the points a reader sees: index → text ("" where there is no point). */
function cachePoints(cache: El): string[] {
  const count = Number(child(cache, "c:ptCount").attrs["val"]);
  const out = new Array<string>(count).fill("");
  for (const pt of all(cache, "c:pt")) out[Number(pt.attrs["idx"])] = decodeOoxmlEscapes(child(pt, "c:v").text);
  return out;
}

describe("native charts carry cached values equal to their table on the sheet", () => {
  it("every c:strRef and c:numRef of the scored sample quarter caches exactly the cells it points to", async () => {
    const input = sampleWorkbook();
    const { sheets } = await runAssessment(new XlsxReader(input), null, { now: new Date(2026, 9, 1) });
    const output = writeOutputSheets(input, sheets);
    // 统计图表's four and a radar a branch on 支部画像.
    const read = await new XlsxReader(output).read([OUTPUT_SHEETS.charts, OUTPUT_SHEETS.profiles]);
    const branches = sheets.find((s) => s.name === OUTPUT_SHEETS.profiles)!.charts!.length;
    expect(branches).toBeGreaterThan(0);

    const charts = Object.entries(unzipSync(output)).filter(([name]) => /^xl\/charts\/chart\d+\.xml$/.test(name));
    expect(charts.length).toBe(4 + branches);
    let points = 0;
    for (const [name, bytes] of charts) {
      const root = parseTree(strFromU8(bytes));
      expect(schemaProblems(root), name).toEqual([]);
      const refs = [...all(root, "c:strRef"), ...all(root, "c:numRef")];
      expect(refs.length, name).toBeGreaterThan(0);
      for (const ref of refs) {
        const f = child(ref, "c:f").text;
        const range = rangeOf(f);
        const grid = read.sheets.get(sheetOf(f))!;
        const spec = sheets.find((s) => s.name === sheetOf(f))!;
        const cache = ref.name === "c:strRef" ? child(ref, "c:strCache") : child(ref, "c:numCache");
        const { first, last } = { first: range.split(":")[0]!, last: range.split(":")[1] ?? range.split(":")[0]! };
        const cells = cellsOf(denseRows(grid), first, last);
        const cached = cachePoints(cache);
        // What the sheet holds, as read back from the file, and what the spec said.
        expect(cached, `${name} ${range}`).toEqual(cells.map(cellValueText));
        expect(cached, `${name} ${range}`).toEqual(rangeValues(spec.rows, range).map((v) => (v === null ? "" : String(v))));
        if (ref.name === "c:numRef")
          expect(
            cells.every((c) => c === null || c.kind === "number"),
            `${name} ${range}`,
          ).toBe(true);
        points += cached.length;
      }
    }
    expect(points).toBeGreaterThan(100);
  });
});

function cellsOf(rows: readonly (readonly Cell[])[], from: string, to: string): Cell[] {
  const p = parseA1(from),
    q = parseA1(to);
  const out: Cell[] = [];
  for (let r = p.row; r <= q.row; r++) for (let c = p.col; c <= q.col; c++) out.push(rows[r]?.[c] ?? null);
  return out;
}
