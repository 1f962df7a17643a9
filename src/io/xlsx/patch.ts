import { a1, parseA1 } from "../../model/cell.js";
import type { CellEdit } from "../../model/workbook.js";
import { UserError } from "../../model/failure.js";
import { dropCalcChain, PackageEditor } from "./package-editor.js";
import { openXlsx } from "./reader.js";
import { cellXml } from "./sheet-writer.js";
import { shiftFormula } from "./formula-shift.js";
import { refuseStrict } from "./strict.js";
import { growDimension, scanWorksheet, type CellSpan, type RowSpan, type WorksheetText } from "./worksheet-text.js";
import { attr } from "./xml.js";
import { applySplices, attributeValueSpan, inPrefix, prefixAt, type Splice } from "./xml-spans.js";

/**
 * Sets the values of the given cells on an existing worksheet (the rater merge) and changes
 * nothing else in the package: the sheet's XML gets text-level edits only (a cell's value
 * replaced, keeping its style, or a cell or row inserted in order), every other part keeps its
 * bytes. Strings are written as inline strings, never as formulas; null clears a value but
 * keeps the cell's format. An edited formula cell loses its formula, and calcChain.xml (a
 * cache that would list it) is dropped. Later edits of the same cell win.
 */
export function patchCells(input: Uint8Array, sheet: string, edits: readonly CellEdit[]): Uint8Array {
  const { pkg: zip, workbook } = openXlsx(input);
  const ref = workbook.sheets.find((s) => s.name === sheet) ?? workbook.sheets.find((s) => s.name.toLowerCase() === sheet.toLowerCase());
  if (ref === undefined) throw new UserError("SHEET_NOT_FOUND", { sheet });
  if (ref.kind !== "worksheet") throw new UserError("SHEET_NOT_WORKSHEET", { sheet: ref.name });
  if (edits.length === 0) return input;
  refuseStrict(workbook);
  const pkg = new PackageEditor(zip);
  const patched = patchSheetXml(pkg.text(ref.part), ref.part, ref.name, edits);
  pkg.setText(ref.part, patched.xml);
  if (patched.removedFormula) dropCalcChain(pkg, workbook);
  return pkg.result();
}

interface Master {
  readonly si: string;
  readonly formula: string;
  readonly row: number;
  readonly col: number;
}

/** The edits of one sheet part, as text splices; exported for tests. */
export function patchSheetXml(
  xml: string,
  part: string,
  sheet: string,
  edits: readonly CellEdit[],
): { xml: string; removedFormula: boolean } {
  // Row → column → value; the last edit of a cell wins.
  const wanted = new Map<number, Map<number, CellEdit["value"]>>();
  for (const edit of edits) {
    const { row, col } = parseA1(edit.cell);
    if (typeof edit.value === "number" && !Number.isFinite(edit.value))
      throw new RangeError(`${sheet}!${edit.cell}: cannot write the number ${edit.value}`);
    if (!wanted.has(row)) wanted.set(row, new Map());
    wanted.get(row)!.set(col, edit.value);
  }

  const text = scanWorksheet(part, xml, (row) => wanted.has(row));
  const prefix = text.prefix;
  const tag = (markup: string) => inPrefix(markup, prefix);
  const rows = text.rows;
  const rowsByIndex = new Map(rows.map((r) => [r.row, r]));
  const splices: Splice[] = [];
  const newRows = new Map<number, string[]>(); // insertion point → new rows there, in order
  const masters: Master[] = [];
  let removedFormula = false;
  let last = { row: -1, col: -1 };
  let first = { row: Infinity, col: Infinity };

  for (const [row, cols] of [...wanted].sort(([a], [b]) => a - b)) {
    const existing = rowsByIndex.get(row);
    const rowStyle = existing === undefined ? undefined : rowDefaultStyle(existing);
    const inserted: { col: number; xml: string }[] = [];
    const cells = existing?.cells ?? [];
    for (const [col, value] of [...cols].sort(([a], [b]) => a - b)) {
      const ref = a1(row, col);
      const cell = cells.find((c) => c.col === col);
      if (cell === undefined) {
        const style = rowStyle ?? columnStyle(text, col);
        const written = value === null ? "" : cellXml(value, style, ref, sheet);
        if (written !== "") inserted.push({ col, xml: tag(written) });
        continue;
      }
      if (cell.formula !== undefined) {
        removedFormula = true;
        const f = cell.formula.attributes;
        const si = attr(f, "si");
        if (si !== undefined && attr(f, "t") === "shared" && attr(f, "ref") !== undefined)
          masters.push({ si, formula: cell.formula.text, row, col });
      }
      const style = numberAttr(cell, "s");
      const written = cellXml(value, style, ref, sheet);
      splices.push({ start: cell.start, end: cell.end, text: tag(written === "" ? `<c r="${ref}"/>` : written) });
    }
    if (inserted.length === 0) continue;
    // inserted is in column order: its ends are its first and last cells.
    last = { row: Math.max(last.row, row), col: Math.max(last.col, inserted[inserted.length - 1]!.col) };
    first = { row: Math.min(first.row, row), col: Math.min(first.col, inserted[0]!.col) };
    if (existing === undefined) {
      const before = rows.find((r) => r.row > row);
      const at = before?.start ?? text.sheetData?.bodyEnd ?? text.sheetDataAt;
      newRows.set(at, [...(newRows.get(at) ?? []), tag(`<row r="${row + 1}">`) + inserted.map((c) => c.xml).join("") + tag("</row>")]);
      continue;
    }
    for (const s of insertIntoRow(xml, existing, cells, inserted)) splices.push(s);
  }
  // Appended one by one: a spread into push() puts every element on the stack.
  const more = [
    ...newRowSplices(xml, text, newRows),
    ...(masters.length > 0 ? unshareFormulas(xml, part, masters, splices) : []),
    ...(last.row >= 0 ? growDimension(xml, text.dimension, last, first) : []),
  ];
  for (const s of more) splices.push(s);
  return { xml: applySplices(xml, splices), removedFormula };
}

/** New cells go before the first cell to their right, or at the end of the row; `spans` widens to take them. */
function insertIntoRow(xml: string, row: RowSpan, cells: readonly CellSpan[], inserted: readonly { col: number; xml: string }[]): Splice[] {
  const splices: Splice[] = [];
  const groups = new Map<number, string>();
  for (const c of inserted) {
    const at = cells.find((x) => x.col > c.col)?.start ?? row.bodyEnd;
    groups.set(at, (groups.get(at) ?? "") + c.xml);
  }
  const spans = attributeValueSpan(xml, row.start, row.startEnd, "spans");
  const widened =
    spans === undefined ? undefined : widenSpans(xml.slice(spans.start, spans.end), inserted[0]!.col, inserted[inserted.length - 1]!.col);
  if (row.selfClosing) {
    // <row …/> becomes <row …></row> around its new cells.
    const prefix = prefixAt(xml, row.start);
    let startTag = xml.slice(row.start, row.startEnd);
    if (spans !== undefined && widened !== undefined) {
      startTag = startTag.slice(0, spans.start - row.start) + widened + startTag.slice(spans.end - row.start);
    }
    startTag = startTag.slice(0, startTag.lastIndexOf("/")).trimEnd() + ">";
    splices.push({ start: row.start, end: row.end, text: startTag });
    for (const [, text] of groups) splices.push({ start: row.end, end: row.end, text });
    splices.push({ start: row.end, end: row.end, text: `</${prefix}row>` });
    return splices;
  }
  for (const [at, text] of groups) splices.push({ start: at, end: at, text });
  if (spans !== undefined && widened !== undefined) splices.push({ ...spans, text: widened });
  return splices;
}

/** Rows that did not exist, at their places; a `<sheetData/>` (or none at all) becomes an element holding them. */
function newRowSplices(xml: string, text: WorksheetText, newRows: ReadonlyMap<number, string[]>): Splice[] {
  if (newRows.size === 0) return [];
  const data = text.sheetData;
  const all = () => [...newRows.values()].flat().join("");
  if (data === undefined) {
    const p = text.prefix;
    return [{ start: text.sheetDataAt, end: text.sheetDataAt, text: `<${p}sheetData>${all()}</${p}sheetData>` }];
  }
  if (data.selfClosing) {
    const p = prefixAt(xml, data.start);
    const startTag = xml.slice(data.start, data.startEnd);
    return [
      { start: data.start, end: data.end, text: startTag.slice(0, startTag.lastIndexOf("/")).trimEnd() + ">" + all() + `</${p}sheetData>` },
    ];
  }
  return [...newRows].map(([at, rows]) => ({ start: at, end: at, text: rows.join("") }));
}

function numberAttr(el: { readonly attributes: Readonly<Record<string, string>> }, name: string): number | undefined {
  const v = attr(el.attributes, name);
  return v === undefined || !/^\d+$/.test(v.trim()) ? undefined : Number(v);
}

/** A row formatted as a whole (customFormat) gives new cells its format, as Excel does. */
function rowDefaultStyle(row: RowSpan): number | undefined {
  const custom = attr(row.attributes, "customFormat");
  return custom === "1" || custom === "true" ? numberAttr(row, "s") : undefined;
}

/** Column formats (`<col style>`), which a new cell in an unformatted row takes, as Excel does. */
function columnStyle(text: WorksheetText, col: number): number | undefined {
  return text.columnStyles.find((c) => c.min <= col + 1 && col + 1 <= c.max)?.style;
}

/** `spans="2:5"` (a hint of the row's first and last column) widened to take columns first…last (0-based). */
function widenSpans(value: string, first: number, last: number): string | undefined {
  const m = /^(\d+):(\d+)$/.exec(value.trim());
  if (!m) return undefined;
  return `${Math.min(Number(m[1]), first + 1)}:${Math.max(Number(m[2]), last + 1)}`;
}

const encodeFormulaText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A shared formula's text lives in its first cell only; when that cell is overwritten, every
 * other cell of the group gets the formula written out for its own position, so no formula
 * in the sheet is lost.
 */
function unshareFormulas(xml: string, part: string, masters: readonly Master[], taken: readonly Splice[]): Splice[] {
  const bySi = new Map(masters.map((m) => [m.si, m]));
  const edited = new Set(taken.filter((s) => s.end > s.start).map((s) => s.start));
  const splices: Splice[] = [];
  for (const row of scanWorksheet(part, xml, () => true).rows) {
    for (const cell of row.cells ?? []) {
      const f = cell.formula;
      if (f === undefined || edited.has(cell.start) || attr(f.attributes, "t") !== "shared") continue;
      const master = bySi.get(attr(f.attributes, "si") ?? "");
      if (master === undefined) continue;
      const text = encodeFormulaText(shiftFormula(master.formula, row.row - master.row, cell.col - master.col));
      const p = prefixAt(xml, f.start);
      splices.push({ start: f.start, end: f.end, text: `<${p}f>${text}</${p}f>` });
    }
  }
  return splices;
}
