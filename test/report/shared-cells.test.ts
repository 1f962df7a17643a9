import { describe, expect, it } from "vitest";
import { sharedCells } from "../../src/report/sheets/cells.js";
import { d2, txt } from "../../src/report/sheet-spec.js";

describe("sharedCells", () => {
  it("gives one cell object per value, equal to the cell made for it", () => {
    const num = sharedCells((v: number | null) => d2(v, "dispute"));
    for (const v of [0, 0.07, 2.5, 1000, 1000.01, -1.5, 1 / 3, null]) {
      expect(num(v)).toEqual(d2(v, "dispute"));
      expect(num(v)).toBe(num(v));
    }
    const text = sharedCells((v: string) => txt(v));
    expect(text("ZB001")).toBe(text("ZB001"));
    expect(text("ZB001")).not.toBe(text("ZB002"));
  });

  it("keeps a negative zero apart from zero", () => {
    const num = sharedCells((v: number) => d2(v));
    expect(Object.is(num(0).v, 0)).toBe(true);
    expect(Object.is(num(-0).v, -0)).toBe(true);
    expect(Object.is(num(0).v, 0)).toBe(true);
  });
});
