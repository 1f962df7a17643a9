import { unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { beforeAll, describe, expect, it } from "vitest";
import { patchSheetXml } from "../../../src/io/xlsx/patch.js";
import { XlsxReader } from "../../../src/io/xlsx/reader.js";
import { INPUT_SHEETS, OUTPUT_SHEETS } from "../../../src/model/sheets.js";
import { bytes, entriesOf, forgeZip, runOn, sampleParts, text } from "./forge.js";

/*
 * Comments, CDATA and processing instructions that contain what looks like elements. Every
 * edit of a package part goes through the XML scanner, so they are never taken for the real
 * thing (a regular expression would add a sheet inside a comment, or delete a relationship
 * that only a comment mentions); they are kept byte for byte.
 */

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

// Look-alikes of the elements each part's edits look for.
const FAKES = {
  workbook: {
    beforeRoot: `<!-- <workbook><sheets><sheet name="假" sheetId="77" r:id="rId77"/></sheets></workbook> -->`,
    inRoot:
      `<!-- <sheets><sheet name="假1" sheetId="78" r:id="rId78"/></sheets> -->` +
      `<?mso-fake <sheets><sheet name="假2"/></sheets> <definedNames/> ?>` +
      `<![CDATA[<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="9">x</definedName></definedNames>]]>`,
  },
  rels: {
    beforeRoot: `<!-- <Relationships> -->`,
    inRoot: `<!-- <Relationship Id="rId1" Type="x" Target="nowhere.xml"/> --><?pi <Relationship Id="rId2"/> ?><![CDATA[<Relationship Id="rId3"/>]]>`,
  },
  contentTypes: {
    beforeRoot: `<!-- <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"> </Types> -->`,
    inRoot: `<!-- <Override PartName="/xl/worksheets/sheet9.xml" ContentType="x"/> --><?pi </Types> ?><![CDATA[</Types>]]>`,
  },
  styles: {
    beforeRoot: `<!-- <styleSheet><cellXfs count="1"> -->`,
    inRoot: `<!-- <fonts count="99"><font/></fonts> --><?pi <cellXfs count="0"/> ?>`,
  },
};

/** `xml` with `fakes.beforeRoot` before its root element and `fakes.inRoot` as the root's first content. */
function withFakes(xml: string, fakes: { beforeRoot: string; inRoot: string }): string {
  const root = xml.indexOf("<", xml.startsWith("<?xml") ? xml.indexOf("?>") : 0);
  const rootEnd = xml.indexOf(">", root) + 1;
  return xml.slice(0, root) + fakes.beforeRoot + xml.slice(root, rootEnd) + fakes.inRoot + xml.slice(rootEnd);
}

const WHERE: Record<string, keyof typeof FAKES> = {
  "xl/workbook.xml": "workbook",
  "xl/_rels/workbook.xml.rels": "rels",
  "_rels/.rels": "rels",
  "[Content_Types].xml": "contentTypes",
  "xl/styles.xml": "styles",
};

function planted(source: ReadonlyMap<string, Uint8Array>): Uint8Array {
  return forgeZip(entriesOf(source, (e) => (WHERE[e.name] ? { ...e, data: bytes(withFakes(text(e.data!), FAKES[WHERE[e.name]!])) } : e)));
}

interface Element {
  readonly name: string;
  readonly depth: number;
  readonly attributes: Record<string, string>;
}

/** Real elements, by an independent parser (saxes). */
function elements(xml: string): Element[] {
  const found: Element[] = [];
  let depth = 0;
  const parser = new SaxesParser<{ xmlns: false }>({ xmlns: false });
  parser.on("opentag", (t) => {
    depth++;
    found.push({ name: t.name, depth, attributes: { ...t.attributes } });
  });
  parser.on("closetag", () => depth--);
  parser.write(xml).close();
  return found;
}

/** Checks a written package the way Excel would: every sheet related, every related part present and typed. */
function checkPackage(zip: Uint8Array): string[] {
  const parts = unzipSync(zip);
  const problems: string[] = [];
  const workbook = elements(text(parts["xl/workbook.xml"]!));
  const rels = elements(text(parts["xl/_rels/workbook.xml.rels"]!)).filter((e) => e.name === "Relationship" && e.depth === 2);
  const types = elements(text(parts["[Content_Types].xml"]!)).filter((e) => e.name === "Override" && e.depth === 2);
  for (const sheet of workbook.filter((e) => e.name === "sheet" && e.depth === 3)) {
    const rel = rels.find((r) => r.attributes["Id"] === sheet.attributes["r:id"]);
    if (!rel) problems.push(`sheet ${sheet.attributes["name"]} has no relationship`);
    else if (!parts[`xl/${rel.attributes["Target"]}`])
      problems.push(`sheet ${sheet.attributes["name"]}: no part ${rel.attributes["Target"]}`);
  }
  for (const name of Object.keys(parts).filter((n) => /^xl\/(worksheets|charts|drawings)\/[^/]+\.xml$/.test(n))) {
    if (!types.some((t) => t.attributes["PartName"] === `/${name}`)) problems.push(`no content type for ${name}`);
  }
  return problems;
}

describe("look-alike elements in comments, CDATA and processing instructions", () => {
  let input: Uint8Array;
  let first: Uint8Array;

  beforeAll(async () => {
    input = planted(sampleParts());
    const run = await runOn(input);
    expect(run.code).toBe(0);
    first = run.output!;
  });

  it("are not taken for elements: the results go into the real lists, and the package is whole", async () => {
    expect(checkPackage(first)).toEqual([]);
    const snapshot = await new XlsxReader(first).read(["考核结果", "运行记录"]);
    expect(snapshot.sheetNames).toEqual([...INPUT_SHEETS, ...Object.values(OUTPUT_SHEETS)]);
    expect(snapshot.sheets.get("运行记录")!.rows).toHaveLength(2);
  });

  it("are kept byte for byte", () => {
    const parts = unzipSync(first);
    for (const [name, where] of Object.entries(WHERE)) {
      const xml = text(parts[name]!);
      expect(xml, name).toContain(FAKES[where].beforeRoot);
      expect(xml, name).toContain(FAKES[where].inRoot);
    }
  });

  it("are still not taken for elements on a re-run (sheets replaced, relationships and overrides removed and added)", async () => {
    const again = await runOn(first);
    expect(again.code).toBe(0);
    expect(checkPackage(again.output!)).toEqual([]);
    const snapshot = await new XlsxReader(again.output!).read(["运行记录"]);
    expect(snapshot.sheetNames).toHaveLength(17);
    expect(snapshot.sheets.get("运行记录")!.rows).toHaveLength(3);
    const workbook = text(unzipSync(again.output!)["xl/workbook.xml"]!);
    expect(workbook).toContain(FAKES.workbook.inRoot);
  });
});

describe("look-alikes in a worksheet that is patched (a rater merge)", () => {
  it("edits the real cells and rows only", () => {
    const fakeRow = `<!-- <row r="2"><c r="C2"><v>1</v></c></row> -->`;
    const fakeCell = `<?pi <c r="B2"><v>9</v></c> ?>`;
    const xml =
      `<worksheet xmlns="${MAIN_NS}"><dimension ref="A1:B2"/><sheetData>${fakeRow}<row r="1"><c r="A1"><v>1</v></c></row>` +
      `<row r="2">${fakeCell}<c r="A2" t="inlineStr"><is><t><![CDATA[<c r="B2"/>]]></t></is></c><c r="B2"><v>2</v></c></row></sheetData></worksheet>`;
    const out = patchSheetXml(xml, "sheet1.xml", "评分A", [
      { cell: "B2", value: 5 },
      { cell: "C2", value: 6 },
    ]).xml;
    expect(out).toBe(
      `<worksheet xmlns="${MAIN_NS}"><dimension ref="A1:C2"/><sheetData>${fakeRow}<row r="1"><c r="A1"><v>1</v></c></row>` +
        `<row r="2">${fakeCell}<c r="A2" t="inlineStr"><is><t><![CDATA[<c r="B2"/>]]></t></is></c><c r="B2"><v>5</v></c><c r="C2"><v>6</v></c></row></sheetData></worksheet>`,
    );
  });
});
