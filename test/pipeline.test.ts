import { describe, expect, it } from "vitest";
import { sampleQuarter, sampleQuarterSheets } from "../src/demo/sample-quarter.js";
import { SheetSpecReader } from "../src/io/sheet-spec-reader.js";
import {
  RunCancelled,
  unreadable as unreadableFile,
  type StepOptions,
  type WorkbookReader,
  type WorkbookWriter,
} from "../src/io/workbook.js";
import type { Progress } from "../src/model/progress.js";
import { OUTPUT_SHEETS, SHEETS } from "../src/model/sheets.js";
import type { SheetSpec } from "../src/report/sheet-spec.js";
import { runAssessment } from "../src/pipeline.js";

const NOW = new Date(2026, 9, 8, 9, 30, 0);
const sheets = sampleQuarterSheets(sampleQuarter({ branches: 6 }));

/** A writer that keeps what it was given, reporting progress as a real one would. */
function recordingWriter() {
  const written: SheetSpec[][] = [];
  const writer: WorkbookWriter = {
    async writeSheets(specs, options?: StepOptions) {
      options?.onProgress?.(0, specs.length);
      written.push([...specs]);
      options?.onProgress?.(specs.length, specs.length);
    },
    patchCells: () => Promise.reject(new Error("the pipeline never patches input sheets")),
  };
  return { writer, written };
}

const step = (p: Progress) => `${p.step} ${p.stepNumber}/${p.steps} ${p.done}/${p.total}`;

describe("runAssessment: read → validate → score → rank → report → write", () => {
  it("writes the output sheets through the writer and reports every step, n of m, as data", async () => {
    const { writer, written } = recordingWriter();
    const seen: Progress[] = [];
    const out = await runAssessment(new SheetSpecReader(sheets), writer, { now: NOW, onProgress: (p) => void seen.push(p) });
    expect(out.written).toBe(true);
    expect(written).toEqual([out.sheets]);
    expect(out.sheets.map((s) => s.name)).toEqual(Object.values(OUTPUT_SHEETS));
    expect(seen.map(step)).toEqual([
      "read 1/4 0/null",
      "validate 2/4 0/null",
      "score 3/4 0/null",
      "score 3/4 1/13", // scored and ranked
      "score 3/4 2/13", // the result built
      "score 3/4 3/13", // the fingerprints of the rules and inputs…
      "score 3/4 4/13", // …and of the result
      ...[5, 6, 7, 8, 9, 10, 11, 12, 13].map((n) => `score 3/4 ${n}/13`), // each output sheet made
      "write 4/4 0/null",
      "write 4/4 0/9",
      "write 4/4 9/9",
      "write 4/4 1/1",
    ]);
  });

  it("without a writer, validates and scores only: three steps, nothing written", async () => {
    const seen: Progress[] = [];
    const out = await runAssessment(new SheetSpecReader(sheets), null, { now: NOW, onProgress: (p) => void seen.push(p) });
    expect(out.written).toBe(false);
    expect(out.sheets).toHaveLength(9); // what a writer would get (the demo roster gives units: 单位汇总 too)
    expect(seen.map((p) => p.step)).toEqual(["read", "validate", ...Array<string>(15).fill("score")]);
    expect(seen.at(-1)).toEqual({ step: "score", stepNumber: 3, steps: 3, done: 1, total: 1 });
  });

  it("a fatal workbook writes only 校验报告 and 运行记录; an unreadable one writes nothing", async () => {
    const { writer, written } = recordingWriter();
    const fatal = await runAssessment(new SheetSpecReader(sheets.filter((s) => s.name !== SHEETS.roster)), writer, { now: NOW });
    expect(fatal.result.status).toBe("fatal");
    expect(written.map((w) => w.map((s) => s.name))).toEqual([[OUTPUT_SHEETS.report, OUTPUT_SHEETS.log]]);

    const unreadable: WorkbookReader = { read: () => Promise.reject(unreadableFile("NOT_A_ZIP", {})) };
    const out = await runAssessment(unreadable, writer, { now: NOW });
    expect(out).toMatchObject({ written: false, sheets: [] });
    expect(out.issues.map((i) => i.code)).toEqual(["WORKBOOK_UNREADABLE"]);
    expect(written).toHaveLength(1);
  });

  it("stops between steps when its signal is aborted, before anything is written", async () => {
    const { writer, written } = recordingWriter();
    const signal = { aborted: false, reason: "the user pressed 取消" as unknown };
    const run = runAssessment(new SheetSpecReader(sheets), writer, {
      now: NOW,
      signal,
      onProgress: (p) => {
        if (p.step === "score") signal.aborted = true;
      },
    });
    await expect(run).rejects.toThrow(RunCancelled);
    await expect(run).rejects.toMatchObject({ reason: "the user pressed 取消" });
    expect(written).toEqual([]);
  });

  it("passes the signal to the reader, which may stop within its step", async () => {
    const reader: WorkbookReader = {
      read: (_wanted, options) =>
        options?.signal?.aborted ? Promise.reject(new RunCancelled()) : Promise.resolve({ sheetNames: [], sheets: new Map() }),
    };
    await expect(runAssessment(reader, null, { now: NOW, signal: { aborted: false } })).resolves.toMatchObject({ written: false });
    // Cancelled while reading: after the read step began, before the reader is done.
    const signal = { aborted: false };
    const cancelled = runAssessment(reader, null, { now: NOW, signal, onProgress: () => void (signal.aborted = true) });
    await expect(cancelled).rejects.toThrow(RunCancelled);
  });

  it("awaits a progress callback at step boundaries (a page can paint between synchronous steps)", async () => {
    const order: string[] = [];
    await runAssessment(new SheetSpecReader(sheets), null, {
      now: NOW,
      onProgress: async (p) => {
        order.push(`${p.step} begins`);
        await new Promise((resolve) => setTimeout(resolve, 1));
        order.push(`${p.step} painted`);
      },
    });
    expect(order.slice(0, 6)).toEqual([
      "read begins",
      "read painted",
      "validate begins",
      "validate painted",
      "score begins",
      "score painted",
    ]);
  });
});
