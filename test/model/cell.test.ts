import { describe, expect, it } from "vitest";
import { a1, columnIndex, columnLetters, parseA1, rangeA1 } from "../../src/model/cell.js";

describe("A1 addresses: one column-letter conversion each way", () => {
  it("converts column indexes and letters both ways, across the two- and three-letter boundaries", () => {
    for (const [col, letters] of [
      [0, "A"],
      [25, "Z"],
      [26, "AA"],
      [27, "AB"],
      [701, "ZZ"],
      [702, "AAA"],
      [16383, "XFD"],
    ] as const) {
      expect(columnLetters(col)).toBe(letters);
      expect(columnIndex(letters)).toBe(col);
      expect(columnIndex(letters.toLowerCase())).toBe(col);
    }
  });

  it("parses and writes cell and range addresses", () => {
    expect(parseA1("$AB$12")).toEqual({ row: 11, col: 27 });
    expect(parseA1(" c3 ")).toEqual({ row: 2, col: 2 });
    expect(() => parseA1("A0B")).toThrow("not an A1 address");
    expect(a1(0, 0)).toBe("A1");
    expect(rangeA1(0, 0, 8, 2)).toBe("A1:C9");
    expect(rangeA1(4, 3, 4, 3)).toBe("D5");
  });
});
