import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { createWorkbook, writeOutputSheets } from "../../src/io/xlsx/writer.js";
import { runAssessment } from "../../src/pipeline.js";
import type { SheetSpec } from "../../src/report/sheet-spec.js";
import { everyFeatureSheet } from "../helpers/every-feature-sheet.js";
import { convertWith } from "../helpers/libreoffice.js";
import { unzipParts } from "../helpers/package-fidelity.js";

/*
 * LibreOffice as an independent reader of what the writer produces: every file must convert
 * to a PDF, and LibreOffice's own re-save of the every-feature workbook must still hold the
 * values, merges, validations, links, protection, print setup and charts (not the frozen
 * panes: a headless conversion drops every sheet's view settings, whoever wrote them). soffice must be installed (CI
 * installs it); without it these tests fail with the apt-get command to run.
 */

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const QUOTED = "O'Brien 表";

let dir: string;
let files: Record<string, string>;
beforeAll(async () => {
  const { sheets } = await runAssessment(new XlsxReader(fixture("openpyxl-disputes.xlsx")), null, {
    now: new Date(2026, 10, 21, 10, 0, 0),
  });
  const extra: SheetSpec[] = [everyFeatureSheet("功能全集", QUOTED), { name: QUOTED, rows: [["引号"], [null, "B2"]] }];
  dir = mkdtempSync(join(tmpdir(), "scorecard-lo-test-"));
  const outputs: Record<string, Uint8Array> = {
    "every-feature": writeOutputSheets(writeOutputSheets(fixture("excel-like.xlsx"), [...sheets, ...extra]), [...sheets, ...extra]),
    "libreoffice-input": writeOutputSheets(fixture("libreoffice-roundtrip.xlsx"), sheets),
    "libreoffice-assessment": writeOutputSheets(fixture("saved-by-libreoffice.xlsx"), sheets),
    "new-workbook": createWorkbook([...extra, ...sheets]),
  };
  files = Object.fromEntries(
    Object.entries(outputs).map(([name, bytes]) => {
      const path = join(dir, `${name}.xlsx`);
      writeFileSync(path, bytes);
      return [name, path];
    }),
  );
}, 60_000);

describe("LibreOffice reads the writer's output", () => {
  it("converts every output (Excel-like and LibreOffice-saved inputs, a new workbook) to a non-empty PDF", async () => {
    const pdfs = await convertWith("pdf", Object.values(files));
    for (const pdf of pdfs) {
      const bytes = readFileSync(pdf);
      expect(bytes.subarray(0, 5).toString("latin1"), pdf).toBe("%PDF-");
      expect(bytes.length, pdf).toBeGreaterThan(10_000);
    }
  }, 180_000);

  it("keeps every feature of the every-feature sheet when it saves the workbook again", async () => {
    const resaved = new Uint8Array(readFileSync(await convertWith("xlsx:Calc MS Excel 2007 XML", files["every-feature"]!)));
    const snapshot = await new XlsxReader(resaved).read(["功能全集", "运行记录"]);
    expect(snapshot.sheetNames.slice(0, 5)).toEqual(["数据", "透视", "隐藏", "考核结果", "运行记录"]);
    const grid = snapshot.sheets.get("功能全集")!;
    expect(grid.rows[0]![0]).toEqual({ kind: "text", value: "功能全集：所有格式" });
    expect(grid.rows[3]![1]).toEqual({ kind: "number", value: 95.5, isDate: false });
    expect(grid.rows[3]![4]).toEqual({ kind: "text", value: "=1+1 不是公式" });
    expect(snapshot.sheets.get("运行记录")!.rows).toHaveLength(4); // header, the fixture's run, two runs

    const parts = unzipParts(resaved);
    const workbook = new TextDecoder().decode(parts.get("xl/workbook.xml"));
    const index = snapshot.sheetNames.indexOf("功能全集");
    expect(workbook).toMatch(new RegExp(`localSheetId="${index}" name="_xlnm.Print_Titles"[^>]*>'?功能全集'?!\\$1:\\$3<`));
    const sheetPart = [...parts.keys()].find((p) => new RegExp(`^xl/worksheets/sheet${index + 1}\\.xml$`).test(p))!;
    const sheet = new TextDecoder().decode(parts.get(sheetPart)).replace(/&apos;/g, "'");
    expect(sheet).toContain('<mergeCell ref="A1:F1"/>');
    expect(sheet).toMatch(/<sheetProtection[^>]*sheet="true"/);
    expect(sheet).toMatch(/<dataValidation (?=[^>]*type="decimal")[^>]*sqref="B4:B8"/);
    expect(sheet).toMatch(/<dataValidation (?=[^>]*type="list")[^>]*sqref="D4:D8 D10:D12"/);
    // Input cells stay editable under protection; the others are locked.
    const xfs = new TextDecoder()
      .decode(parts.get("xl/styles.xml"))
      .match(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/)![1]!
      .match(/<xf [^>]*(?:\/>|>[\s\S]*?<\/xf>)/g)!;
    const xfOf = (ref: string) => xfs[Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheet)![1])]!;
    expect(xfOf("B4")).toMatch(/<protection locked="false"/);
    expect(xfOf("D4")).toMatch(/<protection locked="false"/);
    expect(xfOf("C4")).not.toMatch(/<protection locked="false"/);
    expect(sheet).toContain(`location="'O''Brien 表'!B2"`);
    expect(sheet).toMatch(/<pageSetup[^>]*orientation="landscape"/);
    const drawingRels = [...parts.keys()]
      .filter((p) => /^xl\/drawings\/_rels\//.test(p))
      .map((p) => new TextDecoder().decode(parts.get(p)));
    const chartCount = drawingRels.map((x) => (x.match(/relationships\/chart"/g) ?? []).length);
    expect(chartCount).toContain(5); // 功能全集's five charts, one of each kind
    expect(chartCount).toContain(4); // 统计图表
  }, 180_000);
});

describe("convertWith without LibreOffice", () => {
  it("fails (never skips) and says how to install it", async () => {
    const path = process.env["PATH"];
    process.env["PATH"] = "/nonexistent";
    try {
      await expect(convertWith("pdf", files["new-workbook"]!)).rejects.toThrow("apt-get install -y libreoffice-calc");
    } finally {
      process.env["PATH"] = path;
    }
  });
});
