import { strToU8, unzipSync, zipSync } from "fflate";
import { unzipParts } from "./package-fidelity.js";

/** Hand-written package parts for reader tests: what a producer might write, byte for byte. */
export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

export interface FixtureSheet {
  readonly name: string;
  /** Worksheet rows: the content of `<sheetData>`. Ignored for chartsheets. */
  readonly rows?: string;
  /** Complete worksheet part, when the test needs more than sheetData. */
  readonly xml?: string;
  readonly kind?: "worksheet" | "chartsheet";
}

export interface FixtureOptions {
  readonly sheets: readonly FixtureSheet[];
  /** Inner XML of each `<si>`. */
  readonly sharedStrings?: readonly string[];
  readonly styles?: string;
  /** Write relationship targets as "/xl/worksheets/…" rather than "worksheets/…". */
  readonly absoluteTargets?: boolean;
  /** Extra attributes for `<workbookPr>`, e.g. `date1904="1"`. */
  readonly workbookPr?: string;
}

export function worksheet(rows: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData>${rows}</sheetData></worksheet>`;
}

/** A styles part whose cellXfs use the given numFmtIds in order (cell s="i" → numFmtIds[i]). */
export function stylesWithFormats(numFmtIds: readonly number[], customFormats: Readonly<Record<number, string>> = {}): string {
  const fmts = Object.entries(customFormats)
    .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"/>`)
    .join("");
  const xfs = numFmtIds.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join("");
  return (
    `<styleSheet xmlns="${MAIN_NS}"><numFmts count="${Object.keys(customFormats).length}">${fmts}</numFmts>` +
    `<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
    `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="${numFmtIds.length}">${xfs}</cellXfs></styleSheet>`
  );
}

export function buildXlsx(options: FixtureOptions): Uint8Array {
  const parts: Record<string, string> = {};
  const overrides: string[] = [
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`,
  ];
  const rels: string[] = [];
  const sheetEntries: string[] = [];
  const target = (path: string) => (options.absoluteTargets ? `/xl/${path}` : path);

  options.sheets.forEach((sheet, i) => {
    const n = i + 1;
    const kind = sheet.kind ?? "worksheet";
    const path = kind === "worksheet" ? `worksheets/sheet${n}.xml` : `chartsheets/sheet${n}.xml`;
    parts[`xl/${path}`] =
      kind === "worksheet"
        ? (sheet.xml ?? worksheet(sheet.rows ?? ""))
        : `<chartsheet xmlns="${MAIN_NS}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`;
    overrides.push(
      `<Override PartName="/xl/${path}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${kind}+xml"/>`,
    );
    rels.push(`<Relationship Id="rId${n}" Type="${REL_NS}/${kind}" Target="${target(path)}"/>`);
    sheetEntries.push(`<sheet name="${sheet.name.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}" sheetId="${n}" r:id="rId${n}"/>`);
  });
  if (options.sharedStrings) {
    parts["xl/sharedStrings.xml"] = `<sst xmlns="${MAIN_NS}">${options.sharedStrings.map((si) => `<si>${si}</si>`).join("")}</sst>`;
    rels.push(`<Relationship Id="rIdSst" Type="${REL_NS}/sharedStrings" Target="${target("sharedStrings.xml")}"/>`);
    overrides.push(
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`,
    );
  }
  if (options.styles) {
    parts["xl/styles.xml"] = options.styles;
    rels.push(`<Relationship Id="rIdStyles" Type="${REL_NS}/styles" Target="${target("styles.xml")}"/>`);
    overrides.push(
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`,
    );
  }
  parts["xl/workbook.xml"] =
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr ${options.workbookPr ?? ""}/>` +
    `<sheets>${sheetEntries.join("")}</sheets></workbook>`;
  parts["xl/_rels/workbook.xml.rels"] = `<Relationships xmlns="${PKG_REL_NS}">${rels.join("")}</Relationships>`;
  parts["_rels/.rels"] =
    `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  parts["[Content_Types].xml"] =
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>${overrides.join("")}</Types>`;
  return zipRaw(parts);
}

/** Zips the given parts as they are, [Content_Types].xml first. */
export function zipRaw(parts: Readonly<Record<string, string | Uint8Array>>): Uint8Array {
  const names = Object.keys(parts).sort((a, b) => Number(b === "[Content_Types].xml") - Number(a === "[Content_Types].xml"));
  return zipSync(Object.fromEntries(names.map((n) => [n, typeof parts[n] === "string" ? strToU8(parts[n]) : parts[n]!])));
}

/** The package with a calcChain.xml (A1 of the first sheet) listed as Excel lists it: the part, its relationship and content type. */
export function withCalcChain(bytes: Uint8Array): Uint8Array {
  const base = unzipParts(bytes);
  const text = (n: string) => new TextDecoder().decode(base.get(n));
  return zipRaw({
    ...Object.fromEntries(base),
    "[Content_Types].xml": text("[Content_Types].xml").replace(
      "</Types>",
      '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
    ),
    "xl/_rels/workbook.xml.rels": text("xl/_rels/workbook.xml.rels").replace(
      "</Relationships>",
      `<Relationship Id="rIdCalc" Type="${REL_NS}/calcChain" Target="calcChain.xml"/></Relationships>`,
    ),
    "xl/calcChain.xml": `<calcChain xmlns="${MAIN_NS}"><c r="A1" i="1"/></calcChain>`,
  });
}

export function partText(bytes: Uint8Array, name: string): string {
  const data = unzipSync(bytes)[name];
  if (data === undefined) throw new Error(`no part ${name}`);
  return new TextDecoder().decode(data);
}
