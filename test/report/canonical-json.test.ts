import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sampleQuarter, sampleQuarterSheets } from "../../src/demo/sample-quarter.js";
import { SheetSpecReader } from "../../src/io/sheet-spec-reader.js";
import { runAssessment } from "../../src/pipeline.js";
import { canonicalJson, inputFingerprint, resultFingerprint } from "../../src/report/fingerprints.js";
import { Sha256 } from "../../src/report/sha256.js";

/*
 * The fingerprints in 运行记录 are SHA-256 of canonical JSON. It is now written and hashed in
 * pieces; these tests hold it to the one-string definition it had (JSON.stringify with a
 * key-sorting replacer), so that the same data keeps the same fingerprint.
 */
function reference(v: unknown): string {
  const sortedKeys = (x: Record<string, unknown>) => {
    const sorted = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(x).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) sorted[key] = x[key];
    return sorted;
  };
  return JSON.stringify(v, (_k, x: unknown): unknown =>
    x && typeof x === "object" && !Array.isArray(x) && !(x instanceof Map)
      ? sortedKeys(x as Record<string, unknown>)
      : x instanceof Map
        ? Object.fromEntries([...x].sort())
        : typeof x === "bigint"
          ? x.toString()
          : x,
  );
}

const sha = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

const key = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom("0", "1", "10", "9", "01", "-1", "4294967294", "4294967295", "__proto__", "b", "a"),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string({ unit: "binary", maxLength: 8 }),
    fc.double(),
    fc.integer(),
    fc.bigInt(),
    fc.boolean(),
    fc.constantFrom(null, undefined, () => 1, new Date(0)),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(key, tie("value"), { maxKeys: 5, noNullPrototype: true }),
    fc.array(fc.tuple(key, tie("value")), { maxLength: 4 }).map((entries) => new Map(entries)),
  ),
}));

describe("canonical JSON and the fingerprints", () => {
  it("is JSON.stringify with sorted keys, for any value", () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(reference(v) ?? ""); // nothing at all (undefined) hashes as ""
      }),
      { numRuns: 1000 },
    );
  });

  it("orders keys by the shapes it remembers, whatever shapes follow one another and however many", () => {
    // Shapes sharing their first key in turn, and more shapes than are remembered.
    const objects = Array.from({ length: 6000 }, (_, i) => {
      const o: Record<string, unknown> = { m: i, [`k${i % 3}`]: 1, [i % 5]: 0 };
      if (i % 2 === 1) o.b = 2;
      if (i % 4 === 0) o[`x${i}`] = i;
      return o;
    });
    // Written natively (sortedCopy), and key by key (a bigint in every batch).
    for (const v of [objects, objects.map((o, i) => (i % 100 === 0 ? 1n : o))]) expect(canonicalJson(v)).toBe(reference(v));
  });

  it("writes arrays of plain objects natively only where that is the same text", () => {
    class Point {
      constructor(readonly y: number) {}
      get x() {
        return 1;
      }
    }
    const bare = Object.assign(Object.create(null) as object, { b: 1, a: [2, { d: 3, c: undefined }] });
    const own = JSON.parse('{"__proto__":{"z":1},"y":2}') as object;
    const many = Array.from({ length: 700 }, (_, i) => ({ z: i, a: { c: [i, null, undefined, () => 1], b: "é\ud800" }, 10: i, 9: -0 }));
    for (const v of [many, [bare, own], [new Point(3), { k: 1 }], [{ n: 1n }], [new Map([["b", 1]])], [[{ b: 1, a: NaN }]]]) {
      expect(canonicalJson(v)).toBe(reference(v));
    }
  });

  it("hashes in pieces to the digest of the whole text", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme", maxLength: 40_000 }), { maxLength: 6 }), (pieces) => {
        const hash = new Sha256();
        for (const p of pieces) hash.updateText(p);
        expect(hash.hex()).toBe(sha(pieces.join("")));
      }),
      { numRuns: 60 },
    );
  });

  it("gives a sample quarter's result and inputs the fingerprints of their one-string canonical JSON", async () => {
    const sheets = sampleQuarterSheets(sampleQuarter({ branches: 30, disputeShare: 0.05 }));
    const reader = new SheetSpecReader(sheets);
    const out = await runAssessment(reader, null, { now: new Date("2026-10-08T09:30:00") });
    const { version: _version, ...rest } = out.result;
    expect(await resultFingerprint(out.result)).toBe(sha(reference(rest)));
    const assessment = out.assessed!.assessment;
    const grid = (g: typeof assessment.a | null) => g && Object.fromEntries([...g.values].sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(await inputFingerprint(assessment)).toBe(
      sha(
        reference({
          branches: assessment.branches,
          a: grid(assessment.a),
          b: grid(assessment.b),
          c: grid(assessment.arbitration),
          s: grid(assessment.self),
        }),
      ),
    );
  });
});
