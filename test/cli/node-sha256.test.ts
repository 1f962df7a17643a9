import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nodeSha256 } from "../../src/cli/node-sha256.js";
import { sampleQuarter, sampleQuarterSheets } from "../../src/demo/sample-quarter.js";
import { SheetSpecReader } from "../../src/io/sheet-spec-reader.js";
import { runAssessment } from "../../src/pipeline.js";
import { runAnnual } from "../../src/annual-pipeline.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import { NOW, q } from "../annual/year-builder.js";
import { Sha256 } from "../../src/report/sha256.js";

/* The CLI hashes the fingerprints with node:crypto; they must be the pure Sha256's digests. */
describe("the CLI's SHA-256", () => {
  it("gives the pure SHA-256's digest of any text in pieces, lone surrogates included", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary", maxLength: 300 }), { maxLength: 5 }), (pieces) => {
        const pure = new Sha256();
        const native = nodeSha256();
        for (const p of pieces) {
          pure.updateText(p);
          native.updateText(p);
        }
        expect(native.hex()).toBe(pure.hex());
      }),
      { numRuns: 300 },
    );
  });

  it("gives a run the same fingerprints as the pure one", async () => {
    const sheets = sampleQuarterSheets(sampleQuarter({ branches: 12, disputeShare: 0.05 }));
    const now = new Date("2026-10-08T09:30:00");
    const pure = await runAssessment(new SheetSpecReader(sheets), null, { now });
    // Counted, so that the run is seen to hash with it (the three fingerprints), not merely to agree.
    let hashers = 0;
    const counted = () => {
      hashers++;
      return nodeSha256();
    };
    const native = await runAssessment(new SheetSpecReader(sheets), null, { now, sha256: counted });
    expect(hashers).toBe(3);
    const log = (specs: readonly { name: string; rows: unknown }[]) => JSON.stringify(specs.find((s) => s.name === "运行记录")?.rows);
    expect(log(native.sheets)).toBe(log(pure.sheets));
    expect(log(native.sheets)).toMatch(/[0-9a-f]{64}/);
  });

  it("gives the annual grade the same fingerprints as the pure one, the quarters' own included", async () => {
    const year = () => [q("2026Q1", { ZB001: 92.5, ZB002: 80 }), q("2026Q2", { ZB001: 90, ZB002: 85 })];
    const pure = await runAnnual(year(), { now: NOW, newWorkbook: createWorkbook });
    let hashers = 0;
    const counted = () => {
      hashers++;
      return nodeSha256();
    };
    const native = await runAnnual(year(), { now: NOW, newWorkbook: createWorkbook, sha256: counted });
    // Each quarter's run hashes three fingerprints; the year hashes each quarter's input and its result.
    expect(hashers).toBe(2 * 3 + 2 + 1);
    const log = (out: typeof pure) => JSON.stringify(out.sheets.find((s) => s.name.includes("运行记录"))?.rows);
    expect(log(native)).toBe(log(pure));
    expect(log(native)).toMatch(/[0-9a-f]{64}/);
  });
});
