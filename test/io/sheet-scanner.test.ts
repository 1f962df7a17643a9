import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GridRow } from "../../src/model/cell.js";
import { WorkbookUnreadableError } from "../../src/io/workbook.js";
import { parseSharedStrings } from "../../src/io/xlsx/shared-strings.js";
import { readSheetFast, readSheetGeneral, readSheetRows, type SheetReadContext } from "../../src/io/xlsx/sheet-reader.js";
import { parseXml } from "../../src/io/xlsx/xml.js";
import { legacyReadSheetRows } from "./legacy/sheet-reader.js";
import { legacyParseSharedStrings } from "./legacy/shared-strings.js";
import { legacyParseXml } from "./legacy/xml.js";

/*
 * The worksheet and shared-string readers compare names and attributes in place in the text
 * (src/io/xlsx/xml.ts scanXml) instead of taking an object per tag from the generic scanner.
 * They must read every sheet as the readers before them did (test/io/legacy holds those), and
 * refuse every damaged one with the same reason: generated sheets with what producers write
 * (prefixes, either quote, references and _xHHHH_ escapes, rich and phonetic runs, formulas,
 * comments, CDATA and processing instructions, self-closing cells and rows, rows and cells
 * without r, far columns), then damaged by a cut, a deleted or an inserted character.
 */

const ctx: SheetReadContext = {
  sharedStrings: () => Array.from({ length: 100 }, (_, i) => `s${i}_x0041_`),
  dateStyles: [false, true],
  date1904: false,
};

/** What reading gives: each row's length and its filled cells (a blank cell is the same as a hole), or the reason it was refused. */
function outcome(read: () => unknown): unknown {
  try {
    const result = read();
    if (!Array.isArray(result)) return { result };
    const rows = result as GridRow[];
    const filled = rows.flatMap((r, i) =>
      r.length === 0 ? [] : [{ i, length: r.length, cells: Object.entries(r).filter(([, c]) => c !== null) }],
    );
    return { count: rows.length, filled };
  } catch (e) {
    if (e instanceof WorkbookUnreadableError) return { refused: e.reason };
    throw e;
  }
}

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const piece = pick(
  "1",
  "2.5",
  " 3 ",
  "",
  "-0",
  "0.1",
  "-2.50",
  "5.",
  ".5",
  "007",
  "123456789012345",
  "1234567890123456",
  "0.30000000000000004",
  "1E+308",
  "abc",
  "TRUE",
  "#N/A",
  "2026-10-08",
  "12:30",
  "中",
  "&amp;",
  "&lt;",
  "&#65;",
  "&#x1F600;",
);
const textPiece = pick("a", "中文", " ", "\n", "\r\n", "&amp;", "&quot;", "&#x4E2D;", "_x0041_", "_x005F_x0041_", "]]", "x");
const raw = (p: fc.Arbitrary<string>) => fc.array(p, { maxLength: 3 }).map((a) => a.join(""));
// Mostly what producers write; rarely what they should not (each makes the whole sheet refused)
// or the last row (a million rows to compare, which takes time).
const rowNumber = fc.oneof(
  { weight: 200, arbitrary: fc.integer({ min: 1, max: 40 }).map(String) },
  { weight: 3, arbitrary: pick("2.0", " 3", "&#51;", "1e1", "0003") },
  { weight: 1, arbitrary: pick("0", "1048577", "abc", "", "1048576") },
);
const ref = fc
  .tuple(
    pick("A", "B", "Z", "AA", "AZ", "BM", "ALL", "XFD", "xfd", "a"),
    fc.oneof(
      { weight: 200, arbitrary: fc.integer({ min: 1, max: 40 }).map(String) },
      { weight: 3, arbitrary: pick("01", "1.0", "&#49;", "1e1") },
      { weight: 1, arbitrary: pick("0", "", "1048577", "x", "1048576") },
    ),
    fc.oneof({ weight: 200, arbitrary: pick("") }, { weight: 1, arbitrary: pick("XFE", "") }),
  )
  .map(([l, n, bad]) => (bad === "" ? l + n : bad + n));
const cellType = fc.oneof(
  { weight: 60, arbitrary: pick("n", "b", "e", "str", "inlineStr", "d", "x", "&#115;tr") },
  { weight: 1, arbitrary: pick("s", "&#115;") },
);

interface CellSpec {
  readonly r?: string;
  readonly t?: string;
  readonly s?: string;
  readonly content: string;
}

const cellContent = (p: string) =>
  fc.oneof(
    pick(""),
    raw(piece).map((v) => `<${p}v>${v}</${p}v>`),
    fc.tuple(raw(textPiece), raw(piece)).map(([f, v]) => `<${p}f>${f}</${p}f><${p}v>${v}</${p}v>`),
    raw(textPiece).map((f) => `<${p}f t="shared" si="0">${f}</${p}f>`),
    raw(piece).map((v) => `<${p}v><!-- <${p}v>9</${p}v> -->${v}<?pi <c r="A1"/>?></${p}v>`),
    raw(piece).map((v) => `<${p}v><![CDATA[${v}<c>]]></${p}v>`),
    raw(textPiece).map((t) => `<${p}is><${p}t xml:space="preserve">${t}</${p}t></${p}is>`),
    fc
      .tuple(raw(textPiece), raw(textPiece), raw(textPiece))
      .map(
        ([a, b, ph]) =>
          `<${p}is><${p}r><${p}rPr/><${p}t>${a}</${p}t></${p}r><${p}r><${p}t>${b}</${p}t></${p}r><${p}rPh sb="0" eb="1"><${p}t>${ph}</${p}t></${p}rPh></${p}is>`,
      ),
  );

const cell = (p: string): fc.Arbitrary<CellSpec> =>
  fc.record({ r: ref, t: cellType, s: pick("0", "1", "7", "x", ""), content: cellContent(p) }, { requiredKeys: ["content"] });

const row = (p: string) =>
  fc.record(
    { r: rowNumber, spans: pick("1:3"), cells: fc.array(cell(p), { maxLength: 5 }), far: fc.boolean() },
    { requiredKeys: ["cells", "far"] },
  );

const sheet = fc.tuple(pick("", "x:"), pick('"', "'")).chain(([p, q]) =>
  fc.record({
    p: pick(p),
    q: pick(q),
    rows: fc.array(row(p), { maxLength: 8 }),
    extra: pick("", '<!-- <row r="1"/> -->', "<?x <c/>?>", "\n  "),
  }),
);

function serialise(s: {
  p: string;
  q: string;
  rows: { r?: string; spans?: string; cells: CellSpec[]; far: boolean }[];
  extra: string;
}): string {
  const { p, q } = s;
  const attr = (name: string, value: string | undefined) => (value === undefined ? "" : ` ${name}=${q}${value}${q}`);
  const rows = s.rows.map((r, n) => {
    const cells = r.cells.map((c) => {
      const open = `<${p}c${attr("r", c.r)}${attr("s", c.s)}${attr("t", c.t)}`;
      return c.content === "" ? `${open}/>` : `${open}>${c.content}</${p}c>`;
    });
    // A cell far out (column XFD, or ALL: a gap V8 would keep flat) makes the row sparse.
    if (r.far) cells.push(`<${p}c r=${q}${n % 2 === 0 ? "XFD" : "ALL"}${r.r ?? n + 1}${q}><${p}v>${n}</${p}v></${p}c>`);
    const open = `<${p}row${attr("r", r.r)}${attr("spans", r.spans)}`;
    return cells.length === 0 ? `${open}/>` : `${open}>${cells.join(s.extra)}</${p}row >`;
  });
  const ns = p === "" ? "xmlns" : "xmlns:x";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<${p}worksheet ${ns}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    `<${p}dimension ref="A1"/>${s.extra}<${p}sheetData>${rows.join(s.extra)}</${p}sheetData>${s.extra}</${p}worksheet>`
  );
}

/** Damage as files show it: a cut, a character lost, a stray character (anywhere: not drawn towards the start). */
const where = fc.integer({ min: 0, max: 1_000_000 });
const damage = fc.oneof(
  { weight: 2, arbitrary: pick((xml: string) => xml) },
  { weight: 1, arbitrary: where.map((at) => (xml: string) => xml.slice(0, at % xml.length)) },
  {
    weight: 1,
    arbitrary: where.map((at) => (xml: string) => {
      const i = at % xml.length;
      return xml.slice(0, i) + xml.slice(i + 1);
    }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(where, pick("<", ">", "&", '"', "'", "/", " ", "=", "!", "?", ":")).map(([at, ch]) => (xml: string) => {
      const i = at % xml.length;
      return xml.slice(0, i) + ch + xml.slice(i);
    }),
  },
);

describe("the worksheet reader (scanXml) against the generic scanner's reader before it", () => {
  it("reads generated sheets, whole or damaged, to the same rows or refuses them with the same reason", () => {
    fc.assert(
      fc.property(sheet, damage, (s, hurt) => {
        const xml = hurt(serialise(s));
        expect(outcome(() => readSheetRows("xl/worksheets/sheet1.xml", xml, ctx))).toEqual(
          outcome(() => legacyReadSheetRows("xl/worksheets/sheet1.xml", xml, ctx)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps far rows sparse: one key for a row whose one cell is in XFD, at any gap", () => {
    for (const first of ["", '<c r="A1"><v>1</v></c>', '<c r="P1"><v>1</v></c>']) {
      for (const far of ["XFD", "ALL", "AM", "BZ"]) {
        const rows = readSheetRows(
          "s.xml",
          `<worksheet><sheetData><row r="1">${first}<c r="${far}1"><v>2</v></c></row></sheetData></worksheet>`,
          ctx,
        );
        const filled = Object.entries(rows[0]!).filter(([, c]) => c !== null);
        expect(filled.map(([k]) => k)).toEqual([...(first === "" ? [] : [first.includes("A1") ? "0" : "15"]), filled.at(-1)![0]]);
        expect(Object.keys(rows[0]!).length).toBeLessThanOrEqual(first === "" ? 1 : 17);
      }
    }
  });

  it("reports progress at the same positions", () => {
    const xml = `<worksheet><sheetData>${Array.from({ length: 1600 }, (_, i) => `<row r="${i + 1}"><c><v>${i}</v></c></row>`).join("")}</sheetData></worksheet>`;
    const seen: number[][] = [[], []];
    readSheetRows("s.xml", xml, ctx, (at) => seen[0]!.push(at));
    legacyReadSheetRows("s.xml", xml, ctx, (at) => seen[1]!.push(at));
    expect(seen[0]).toHaveLength(3);
    expect(seen[0]).toEqual(seen[1]);
  });
});

/*
 * The fast reader (readSheetFast: one loop, cells as Excel writes them read at once) against
 * the general one on scanXml's events: sheets mostly as producers write them, with what makes
 * the fast reader read a cell the long way or give up (attribute order, white space and quotes
 * of every kind, other attributes, prefixes, references and CR in values, formulas, rich and
 * phonetic runs, comments, CDATA, processing instructions, cells and rows without r), whole or
 * damaged. Where it reads a sheet, the rows are the general reader's; where it gives up, the
 * general reader reads it (readSheetRows then gives the same rows or the same refusal, and
 * reports progress as the general reader does).
 */
const plainRef = fc.oneof(
  { weight: 20, arbitrary: fc.tuple(pick("A", "B", "c", "AB", "XFD", "XFE"), fc.integer({ min: 1, max: 30 })).map(([l, n]) => l + n) },
  { weight: 1, arbitrary: pick("A0", "A1048576", "A1048577", "A01", "A12345678", "1", "A", "A1x", "&#65;1", "A\t1", "") },
);
const attribute = fc.oneof(
  { weight: 10, arbitrary: plainRef.map((v) => ["r", v] as const) },
  { weight: 8, arbitrary: pick("0", "1", "5", "12", "007", "1234567890", "x", "", " 1", "&#49;").map((v) => ["s", v] as const) },
  {
    weight: 8,
    arbitrary: pick("s", "n", "b", "e", "str", "inlineStr", "d", "", "S", "&#115;", "s2", "x y").map((v) => ["t", v] as const),
  },
  { weight: 1, arbitrary: pick(["cm", "1"] as const, ["x:r", "B2"] as const, ["ph", "1"] as const) },
);
const gap = fc.oneof({ weight: 12, arbitrary: pick(" ") }, { weight: 1, arbitrary: pick("  ", "\n", "\t", "\r\n") });
const quote = fc.oneof({ weight: 12, arbitrary: pick('"') }, { weight: 1, arbitrary: pick("'") });
const plainText = fc.oneof({ weight: 6, arbitrary: raw(pick("a", "中文", " ", "_x0041_", "x")) }, { weight: 1, arbitrary: raw(textPiece) });
const plainValue = fc.oneof(
  { weight: 6, arbitrary: pick("0", "1", "7", "42", "99", "2.5", "-3", "") },
  { weight: 1, arbitrary: raw(piece) },
);
const body = fc.oneof(
  { weight: 3, arbitrary: pick("/>", "></c>") },
  { weight: 12, arbitrary: plainValue.map((v) => `><v>${v}</v></c>`) },
  { weight: 6, arbitrary: plainText.map((t) => `><is><t>${t}</t></is></c>`) },
  { weight: 6, arbitrary: plainText.map((t) => `><is><t xml:space="preserve">${t}</t></is></c>`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(plainValue, plainText)
      .chain(([v, t]) =>
        pick(
          `><v>${v}</v ></c>`,
          `><v>${v}</v></c >`,
          `><f>1+1</f><v>${v}</v></c>`,
          `><v><![CDATA[${v}]]></v></c>`,
          `><v>${v}<!-- 9 --></v></c>`,
          `><v>${v}<?pi x?></v></c>`,
          `><is><r><t>${t}</t></r><rPh sb="0" eb="1"><t>${v}</t></rPh></is></c>`,
          `><is><t>${t}</t><!-- </is> --></is></c>`,
          `><is><t xml:space='preserve'>${t}</t></is></c>`,
          `><v>${v}</v><v>${v}</v></c>`,
          `><v/></c>`,
          `><is/></c>`,
          `><rPh><t>${t}</t></rPh><v>${v}</v></c>`,
          `><v>${v}</v>`,
          ` / >`,
        ),
      ),
  },
);
const plainCell = fc
  .tuple(fc.array(fc.tuple(gap, attribute, quote), { maxLength: 4 }), body)
  .map(([attributes, rest]) => `<c${attributes.map(([g, [n, v], q]) => `${g}${n}=${q}${v}${q}`).join("")}${rest}`);
const plainRow = fc
  .tuple(
    fc.option(fc.integer({ min: 1, max: 30 }), { freq: 4 }),
    fc.array(plainCell, { maxLength: 6 }),
    pick("", "", "", "<!-- c -->", "\n"),
  )
  .map(([r, cells, between]) => `<row${r === null ? "" : ` r="${r}"`} spans="1:5">${cells.join(between)}</row>`);
const plainSheet = fc.tuple(fc.array(plainRow, { maxLength: 8 }), pick("", "x:")).map(([rows, p]) => {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>${rows.join("")}</sheetData></worksheet>`;
  return p === "" ? xml : xml.replace(/<(\/?)(?=[a-z])/g, `<$1${p}`).replace('xmlns="', 'xmlns:x="');
});

describe("the fast worksheet reader against the general one", () => {
  it("reads generated sheets, whole or damaged, to the same rows, or leaves them to the general reader", () => {
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(plainSheet, damage, (base, hurt) => {
        const xml = hurt(base);
        const general = outcome(() => readSheetGeneral("xl/worksheets/sheet1.xml", xml, ctx));
        const fast = outcome(() => readSheetFast("xl/worksheets/sheet1.xml", xml, ctx) ?? "gave up");
        runs++;
        if (!(typeof fast === "object" && fast !== null && "result" in fast)) {
          read++;
          expect(fast).toEqual(general);
        }
        const positions: number[][] = [[], []];
        expect(outcome(() => readSheetRows("xl/worksheets/sheet1.xml", xml, ctx, (at) => positions[0]!.push(at)))).toEqual(general);
        outcome(() => readSheetGeneral("xl/worksheets/sheet1.xml", xml, ctx, (at) => positions[1]!.push(at)));
        expect(positions[0]).toEqual(positions[1]);
      }),
      { numRuns: 2000 },
    );
    // A good share is read by the fast reader: most damaged sheets are refused, and a sheet is
    // left to the general reader by any one cell it refuses (a bad reference, say).
    expect(read / runs).toBeGreaterThan(0.15);
  });

  it("reads cells as Excel writes them at once, and any other the long way, to the same rows", () => {
    const sheet = (cells: string) => `<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`;
    for (const cells of [
      '<c r="A1" s="5" t="s"><v>3</v></c><c r="B1" s="1"><v>45000</v></c><c r="C1" t="inlineStr"><is><t xml:space="preserve">a_x0041_</t></is></c>',
      '<c r="A1" t="s" s="5"><v>3</v></c><c s="1" r="B1"><v>45000</v></c><c t="inlineStr" r="C1"><is><t>a_x0041_</t></is></c>',
      "<c r='A1' s='5' t='s'><v>3</v></c><c r='B1' s='1'><v>45000</v></c><c r='C1' t='inlineStr'><is><t>a_x0041_</t></is></c>",
      '<c  r="A1"\ts="5"\nt="s"><v>3</v ></c><c r="B1" s="1" cm="1"><v>4500&#48;</v></c><c t="inlineStr"><is><r><t>a</t></r><r><t>_x0041_</t></r></is></c>',
    ]) {
      const xml = sheet(cells);
      expect(readSheetFast("s.xml", xml, ctx)).toEqual(readSheetGeneral("s.xml", xml, ctx));
      expect(readSheetFast("s.xml", xml, ctx)![0]).toEqual([
        { kind: "text", value: "s3_x0041_" },
        { kind: "number", value: 45000, isDate: true },
        { kind: "text", value: "aA" },
      ]);
    }
  });

  it("gives up where the general reader refuses, and readSheetRows gives its reason", () => {
    for (const cells of [
      '<c r="A0"><v>1</v></c>',
      '<c r="A1" t="s"><v>1</v></c><c r="B1"><v>&bad;</v></c>',
      '<c r="A1"><v>1</v></c></row>',
    ]) {
      const xml = `<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`;
      expect(readSheetFast("s.xml", xml, ctx)).toBeUndefined();
      expect(() => readSheetRows("s.xml", xml, ctx)).toThrow(WorkbookUnreadableError);
    }
  });
});

describe("numbers and shared-string indices read in place", () => {
  it("are the numbers Number() reads, for any plain decimal", () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,17}$/), fc.option(fc.stringMatching(/^[0-9]{0,17}$/)))
      .map(([minus, whole, fraction]) => `${minus ? "-" : ""}${whole}${fraction === null ? "" : `.${fraction}`}`);
    fc.assert(
      fc.property(fc.array(decimal, { minLength: 1, maxLength: 20 }), (values) => {
        const xml = `<worksheet><sheetData><row r="1">${values.map((v) => `<c><v>${v}</v></c>`).join("")}</row></sheetData></worksheet>`;
        const cells = readSheetRows("s.xml", xml, ctx)[0]!;
        expect(cells.map((c) => (c?.kind === "number" ? c.value : c))).toEqual(values.map(Number));
      }),
      { numRuns: 3000 },
    );
  });

  it("give each shared string's cell, or refuse an index the table lacks", () => {
    const xml = (v: string) =>
      `<worksheet><sheetData><row r="1"><c t="s"><v>${v}</v></c><c t="s"><v>3</v></c></row></sheetData></worksheet>`;
    const values = (v: string) => readSheetRows("s.xml", xml(v), ctx)[0]!.map((c) => (c?.kind === "text" ? c.value : c));
    expect(values("3")).toEqual(["s3_x0041_", "s3_x0041_"]);
    expect(values("03")).toEqual(["s3_x0041_", "s3_x0041_"]);
    expect(values(" 4 ")).toEqual(["s4_x0041_", "s3_x0041_"]);
    expect(values("")).toEqual(["s0_x0041_", "s3_x0041_"]);
    expect(() => values("100")).toThrow(WorkbookUnreadableError);
    expect(() => values("4294967296")).toThrow(WorkbookUnreadableError);
  });
});

const si = fc.oneof(
  raw(textPiece).map((t) => `<si><t>${t}</t></si>`),
  fc
    .tuple(raw(textPiece), raw(textPiece))
    .map(([a, ph]) => `<x:si><x:r><x:t>${a}</x:t></x:r><x:rPh><x:t>${ph}</x:t></x:rPh><x:phoneticPr fontId="1"/></x:si>`),
  raw(textPiece).map((t) => `<si><t><![CDATA[${t}]]></t><!-- <t>no</t> --></si>`),
  pick("<si/>", "<si><t/></si>"),
);

describe("the shared-string reader (scanXml) against the one before it", () => {
  it("reads generated tables, whole or damaged, to the same strings or refuses them with the same reason", () => {
    fc.assert(
      fc.property(fc.array(si, { maxLength: 6 }), damage, (items, hurt) => {
        const xml = hurt(`<?xml version="1.0"?><sst xmlns="m" count="${items.length}">${items.join("")}</sst>`);
        expect(outcome(() => parseSharedStrings("xl/sharedStrings.xml", xml))).toEqual(
          outcome(() => legacyParseSharedStrings("xl/sharedStrings.xml", xml)),
        );
      }),
      { numRuns: 1000 },
    );
  });
});

describe("parseXml (now on scanXml) against the scanner before it", () => {
  type Event = readonly unknown[];
  // Adjacent text joined: the scanners may split it differently.
  const events = (parse: typeof parseXml, xml: string): Event[] => {
    const out: Event[] = [];
    let text = "";
    const flush = () => {
      if (text !== "") out.push(["text", text]);
      text = "";
    };
    parse("p.xml", xml, {
      open: (name, a, start, end) => (flush(), out.push(["open", name, { ...a }, start, end])),
      close: (name, start, end) => (flush(), out.push(["close", name, start, end])),
      text: (t) => (text += t),
    });
    flush();
    return out;
  };

  it("reports the same events at the same positions, or the same failure, for generated parts whole or damaged", () => {
    fc.assert(
      fc.property(sheet, damage, (s, hurt) => {
        const xml = hurt(serialise(s));
        expect(outcome(() => ({ events: events(parseXml, xml) }))).toEqual(outcome(() => ({ events: events(legacyParseXml, xml) })));
      }),
      { numRuns: 2000 },
    );
  });
});
