import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonChunks } from "../../src/cli/json-text.js";

/* --json writes the result in chunks; together they are JSON.stringify(result, null, 2) + "\n" to the byte. */
describe("the JSON result in chunks", () => {
  it("is JSON.stringify(value, null, 2) and a line break, for any value", () => {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(
        fc.string(),
        fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.array(fc.oneof(fc.jsonValue(), fc.constant(undefined)))),
      ),
    );
    fc.assert(
      fc.property(value, (v) => {
        expect(jsonChunks(v).join("")).toBe(JSON.stringify(v, null, 2) + "\n");
      }),
      { numRuns: 500 },
    );
  });

  it("cuts a large result into chunks, between elements", () => {
    const issues = Array.from({ length: 40_000 }, (_, i) => ({
      code: "GRID_NOT_NUMBER",
      cell: `D${i + 5}`,
      message: `第${i}项：\u{1F600}请改正`,
    }));
    const chunks = jsonChunks({ status: "fatal", issues });
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.join("")).toBe(JSON.stringify({ status: "fatal", issues }, null, 2) + "\n");
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(2 ** 20);
  });
});
