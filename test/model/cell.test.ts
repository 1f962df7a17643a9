import { describe, expect, it } from "vitest";
import { a1, bool, cellValueText, columnIndex, columnLetters, err, num, parseA1, rangeA1, text } from "../../src/model/cell.js";

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

describe("a cell as text: the one conversion validation and the ledger share", () => {
  it("keeps text as it is and writes numbers, booleans and errors as Excel shows them", () => {
    expect(cellValueText(null)).toBe("");
    expect(cellValueText(text("  措施 "))).toBe("  措施 ");
    expect(cellValueText(num(0.1 + 0.2))).toBe("0.3");
    expect(cellValueText(num(1e-7))).toBe("0.0000001");
    expect(cellValueText(num(46000, true))).toBe("46000");
    expect(cellValueText(bool(true))).toBe("TRUE");
    expect(cellValueText(bool(false))).toBe("FALSE");
    expect(cellValueText(err("#N/A"))).toBe("#N/A");
  });
});
