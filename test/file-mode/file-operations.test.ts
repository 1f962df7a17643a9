import { describe, expect, it } from "vitest";
import { fileOperations as createFileOperations } from "../helpers/file-worker.js";
import type { DownloadFile } from "../../addin/file-mode/download.js";
import type { Progress } from "../../addin/operations.js";
import { progressView } from "../../addin/taskpane/progress.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { XlsxWorkbook } from "../../src/io/xlsx/xlsx-workbook.js";
import { runAssessment } from "../../src/pipeline.js";
import { RunCancelled } from "../../src/io/workbook.js";
import { UserError } from "../../src/model/failure.js";
import { PROVISIONAL_BRANCHES, provisionalWorkbook } from "../helpers/sample-workbooks.js";
import { unzipParts } from "../helpers/package-fidelity.js";

const EXAMPLE = provisionalWorkbook();
const example = () => EXAMPLE.slice();
const NOW = new Date(2026, 10, 21, 9, 0, 0);

function setup() {
  const saved: DownloadFile[] = [];
  const progress: Progress[] = [];
  const ops = createFileOperations({ now: () => NOW, save: (f) => saved.push(f) });
  return { ops, saved, progress, onProgress: (p: Progress) => progress.push(p) };
}

describe("browser file mode operations", () => {
  it("need an open workbook before validating, scoring or importing", async () => {
    const { ops, onProgress } = setup();
    expect(ops.mode).toBe("file");
    expect(ops.state().fileName).toBeNull();
    expect(ops.state().download).toBeNull();
    await expect(ops.validate(onProgress)).rejects.toThrow("请先打开要处理的考核工作簿（.xlsx）。");
    await expect(ops.scoreAndRank(onProgress)).rejects.toThrow("请先打开要处理的考核工作簿（.xlsx）。");
    await expect(ops.importRaterFile(example(), null)).rejects.toThrow("请先打开要处理的考核工作簿（.xlsx）。");
  });

  it("say in Chinese when a file is not a workbook", async () => {
    const { ops } = setup();
    await expect(ops.open("名单.xlsx", new TextEncoder().encode("支部编码,支部名称"))).rejects.toThrow(
      /^无法读取“名单\.xlsx”：文件不是 Excel 工作簿.*请在 Excel 中打开后另存为 \.xlsx 工作簿/,
    );
    expect(ops.state().fileName).toBeNull();
  });

  it("score into a copy named <原文件名>-评分结果.xlsx with the CLI pipeline's result, leaving the input bytes alone", async () => {
    const { ops, progress, onProgress } = setup();
    const input = example();
    const before = input.slice();
    await ops.open("2026Q3考核.xlsx", input);
    expect(ops.state().download).toBeNull();

    const { result: validated } = await ops.validate(onProgress);
    expect(ops.state().download).toBeNull(); // 校验 writes nothing
    progress.length = 0;
    const { result } = await ops.scoreAndRank(onProgress);
    const expected = await runAssessment(new XlsxReader(example()), null, { now: NOW });
    // The pane is sent the result without its item rows (双评明细's, which it never shows).
    const { items, ...overview } = expected.result;
    expect(items.length).toBeGreaterThan(0);
    expect(result).toEqual(overview);
    expect(validated).toEqual(overview);
    expect(result.status).toBe("provisional");
    expect(result.summary.branches).toBe(PROVISIONAL_BRANCHES);

    const file = ops.state().download!;
    expect(file.fileName).toBe("2026Q3考核-评分结果.xlsx");
    expect(file.kind).toBe("scored");
    expect(ops.state().download).toBe(file); // stable until the workbook changes
    const cli = new XlsxWorkbook(example());
    await cli.writeSheets(expected.sheets);
    // The file mode deflates with CompressionStream, this copy with fflate: the same parts, in the same order.
    expect([...unzipParts(file.bytes)]).toEqual([...unzipParts(cli.bytes())]);
    expect(input).toEqual(before);

    expect(progress.map((p) => p.step)).toContain("write");
    expect(progress.at(-1)).toEqual({ step: "write", stepNumber: 4, steps: 4, done: 1, total: 1 });
    const fractions = progress.map((p) => progressView(p).fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b)); // never goes backwards
  });

  it("import a rater's grid into the working copy, offer it for download, and drop an earlier score", async () => {
    const { ops, onProgress } = setup();
    const target = new XlsxWorkbook(example());
    await target.patchCells("评分A", [
      { cell: "C4", value: null },
      { cell: "D4", value: null },
    ]);
    await ops.open("缺评分.xlsx", target.bytes());
    await ops.scoreAndRank(onProgress);
    expect(ops.state().download?.fileName).toBe("缺评分-评分结果.xlsx");

    const summary = await ops.importRaterFile(example(), "评分A");
    expect(summary).toEqual({ sheet: "评分A", copied: 2, conflicts: [], unknownBranches: [], unknownItems: [] });
    const merged = ops.state().download!;
    expect(merged.fileName).toBe("缺评分-已导入.xlsx");
    expect(merged.kind).toBe("imported");
    const a = await new XlsxReader(merged.bytes).read(["评分A"]);
    const original = await new XlsxReader(example()).read(["评分A"]);
    expect(a.sheets.get("评分A")).toEqual(original.sheets.get("评分A"));
  });

  it("report an unreadable rater file as the rater's, in Chinese", async () => {
    const { ops } = setup();
    await ops.open("考核.xlsx", example());
    await expect(ops.importRaterFile(new Uint8Array([1, 2, 3]), null)).rejects.toThrow(/^无法读取评分方交回的工作簿：/);
  });

  it("download a new template, with the period normalised, and refuse a period that is not a quarter", async () => {
    const { ops, saved } = setup();
    await ops.newTemplate({ period: null });
    await ops.newTemplate({ period: " 2026年第三季度 " });
    expect(saved.map((f) => f.fileName)).toEqual(["支部考核模板.xlsx", "支部考核模板-2026Q3.xlsx"]);
    const settings = await new XlsxReader(saved[1]!.bytes).read(["考核设置"]);
    expect(JSON.stringify(settings.sheets.get("考核设置"))).toContain('"2026Q3"');
    await expect(ops.newTemplate({ period: "第三季度" })).rejects.toThrow(/^考核周期无效：“第三季度”。请填写如 2026Q3/);
    expect(saved).toHaveLength(2);
  });

  it("run in a worker behind messages: 取消 stops the run at once, offers nothing to download, and the next run works", async () => {
    const { ops } = setup();
    await ops.open("2026Q3考核.xlsx", example());
    const abort = new AbortController();
    const seen: Progress[] = [];
    const run = ops.scoreAndRank(
      (p) => {
        seen.push(p);
        if (p.step === "validate") abort.abort();
      },
      { signal: abort.signal },
    );
    await expect(run).rejects.toBeInstanceOf(RunCancelled);
    expect(seen.some((p) => p.step === "write")).toBe(false);
    // What the worker still says about the cancelled run is dropped: nothing to download.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ops.state().download).toBeNull();
    // Failures cross the channel as the pane's own errors (a UserError, with its code).
    const failure: unknown = await ops.newTemplate({ period: "第三季度" }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as UserError).code).toBe("PERIOD_INVALID");

    const { result } = await ops.scoreAndRank(() => undefined);
    expect(result.summary.branches).toBe(PROVISIONAL_BRANCHES);
    expect(ops.state().download?.kind).toBe("scored");
  });
});
