import { describe, expect, it } from "vitest";
import { ReadPlan, type Slice } from "../../addin/excel/read-plan.js";

const BUDGET = 4_000_000;

/**
 * Reads a plan to the end against sheets whose cells weigh `cellBytes(sheet, row)` bytes in a
 * response, the way the adapter does; returns every batch with its real response size.
 */
function simulate(sheets: { rows: number; cols: number }[], cellBytes: (sheet: number, row: number) => number, budget = BUDGET) {
  const plan = new ReadPlan(sheets, budget);
  const batches: { slices: Slice[]; bytes: number }[] = [];
  while (!plan.done) {
    const slices = plan.nextBatch();
    let bytes = 0;
    const weights = slices.map((s) => {
      let w = 0;
      for (let r = s.from; r < s.to; r++) w += cellBytes(s.sheet, r) * sheets[s.sheet]!.cols;
      bytes += w;
      return w;
    });
    batches.push({ slices, bytes });
    slices.forEach((s, i) => plan.measured(s, weights[i]!));
    if (batches.length > 10_000) throw new Error("the plan does not end");
  }
  return { plan, batches };
}

describe("the Office.js reader's slice plan", () => {
  it("reads every row of every sheet once, in order", () => {
    const sheets = [
      { rows: 2_000, cols: 40 },
      { rows: 1, cols: 1 },
      { rows: 7_000, cols: 12 },
    ];
    const { plan, batches } = simulate(sheets, () => 30);
    for (let sheet = 0; sheet < sheets.length; sheet++) {
      const slices = batches.flatMap((b) => b.slices).filter((s) => s.sheet === sheet);
      expect(slices[0]!.from).toBe(0);
      slices.forEach((s, i) => expect(s.from).toBe(i === 0 ? 0 : slices[i - 1]!.to));
      expect(slices.at(-1)!.to).toBe(sheets[sheet]!.rows);
    }
    expect(plan.doneCells).toBe(plan.totalCells);
    expect(plan.totalCells).toBe(2_000 * 40 + 1 + 7_000 * 12);
  });

  it("keeps every response under the budget while cells weigh what they did so far", () => {
    const { batches } = simulate(
      [
        { rows: 50_000, cols: 40 },
        { rows: 20_000, cols: 30 },
      ],
      (sheet) => (sheet === 0 ? 35 : 60),
    );
    expect(batches.length).toBeGreaterThan(3);
    for (const b of batches) expect(b.bytes).toBeLessThanOrEqual(BUDGET);
    // Measured sheets fill their round trips: few syncs for the payload.
    const total = batches.reduce((n, b) => n + b.bytes, 0);
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(total / BUDGET) + 3);
  });

  it("probes each sheet with a small first slice, several sheets in one round trip", () => {
    const plan = new ReadPlan(
      [
        { rows: 10_000, cols: 10 },
        { rows: 10_000, cols: 10 },
        { rows: 5, cols: 3 },
      ],
      BUDGET,
    );
    const first = plan.nextBatch();
    expect(first.map((s) => s.sheet)).toEqual([0, 1, 2]);
    // 1/8 of the budget at 40 bytes a cell (nothing measured yet), plus 8 bytes a row.
    expect(first[0]).toEqual({ sheet: 0, from: 0, to: Math.floor(BUDGET / 8 / (10 * 40 + 8)) });
    expect(first[2]).toEqual({ sheet: 2, from: 0, to: 5 });
  });

  it("reads a row longer than the budget alone, one round trip each", () => {
    const { batches } = simulate([{ rows: 3, cols: 200 }], () => 40, 4_000);
    expect(batches.map((b) => b.slices)).toEqual([0, 1, 2].map((r) => [{ sheet: 0, from: r, to: r + 1 }]));
  });

  it("reads a batch again in smaller slices when its response was too large, and gives up at single rows", () => {
    const plan = new ReadPlan([{ rows: 10_000, cols: 10 }], BUDGET);
    const probe = plan.nextBatch();
    plan.measured(probe[0]!, (probe[0]!.to - probe[0]!.from) * 10 * 20);
    const big = plan.nextBatch();
    expect(plan.tooLarge(big)).toBe(true);
    const again = plan.nextBatch();
    expect(again[0]!.from).toBe(big[0]!.from);
    expect(again[0]!.to - again[0]!.from).toBeLessThan(big[0]!.to - big[0]!.from);
    expect(plan.tooLarge([{ sheet: 0, from: 5, to: 6 }])).toBe(false);
  });

  it("has nothing to read for no sheets or empty ones", () => {
    expect(new ReadPlan([], BUDGET).done).toBe(true);
    expect(new ReadPlan([{ rows: 0, cols: 0 }], BUDGET).done).toBe(true);
  });
});
