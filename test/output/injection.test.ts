import { unzipSync, strFromU8 } from "fflate";
import { denseRows } from "../helpers/sheet-values.js";
import { describe, expect, it } from "vitest";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { createWorkbook, writeOutputSheets } from "../../src/io/xlsx/writer.js";
import { runAssessment } from "../../src/pipeline.js";
import type { SheetSpec } from "../../src/report/sheet-spec.js";
import { OUTPUT_SHEETS } from "../../src/model/sheets.js";
import { assessment } from "../helpers/assessment-builder.js";

const HOSTILE = ['=HYPERLINK("http://example.invalid","点我")', "+86 123", "-1+2", "@SUM(A1)", "=1+1"];

/** The in-memory workbook of the builder as SheetSpecs, so it can be written to a real .xlsx. */
async function xlsxOf(build: ReturnType<typeof assessment>): Promise<Uint8Array> {
  const snap = await build.build().read(["考核设置", "评分细则", "支部名册", "评分A", "评分B"]);
  const specs: SheetSpec[] = [...snap.sheets.values()].map((g) => ({
    name: g.name,
    rows: denseRows(g).map((r) => r.map((c) => (c === null ? null : c.kind === "error" ? c.value : c.value))),
  }));
  return createWorkbook(specs);
}

describe("user text stays text in every output sheet", () => {
  it("writes names and codes that look like formulas as literal text, never as formulas", async () => {
    const build = assessment().branches(HOSTILE.map((name, i) => ({ code: `ZB00${i + 1}`, name })));
    const input = await xlsxOf(build);
    const { result, sheets } = await runAssessment(new XlsxReader(input), null, { now: new Date("2026-10-08T09:30:00") });
    expect(result.branches.map((b) => b.name).sort()).toEqual([...HOSTILE].sort());
    const output = writeOutputSheets(input, sheets);

    const parts = unzipSync(output);
    for (const [name, bytes] of Object.entries(parts)) {
      if (name.startsWith("xl/worksheets/sheet")) expect(strFromU8(bytes), name).not.toMatch(/<f[ >]/);
    }
    const snap = await new XlsxReader(output).read(Object.values(OUTPUT_SHEETS));
    for (const sheet of [OUTPUT_SHEETS.results, OUTPUT_SHEETS.details, OUTPUT_SHEETS.charts]) {
      const texts = snap.sheets
        .get(sheet)!
        .rows.flat()
        .filter((c) => c?.kind === "text")
        .map((c) => c.value);
      for (const h of HOSTILE) expect(texts, `${sheet} keeps ${h}`).toContain(h);
    }
  });
});
