import { a1, parseA1 } from "../../model/cell.js";
import type { CellEdit } from "../../model/workbook.js";
import { UserError } from "../../model/failure.js";
import { dropCalcChain, PackageEditor } from "./package-editor.js";
import { openXlsx } from "./reader.js";
import { findSheetData, growDimension, inPrefix, scanRows, worksheetPrefix, type RowSpan, type Span } from "./worksheet-text.js";
import { cellXml } from "./sheet-writer.js";
import { shiftFormula } from "./formula-shift.js";
import { zipParts } from "./zip-package.js";

/**
 * Sets the values of the given cells on an existing worksheet (the rater merge) and changes
 * nothing else in the package: the sheet's XML gets text-level edits only (a cell's value
 * replaced, keeping its style, or a cell or row inserted in order), every other part keeps its
 * bytes. Strings are written as inline strings, never as formulas; null clears a value but
 * keeps the cell's format. An edited formula cell loses its formula, and calcChain.xml (a
 * cache that would list it) is dropped. Later edits of the same cell win.
 */
export function patchCells(input: Uint8Array, sheet: string, edits: readonly CellEdit[]): Uint8Array {
  const { parts, workbook } = openXlsx(input);
  const ref = workbook.sheets.find((s) => s.name === sheet) ?? workbook.sheets.find((s) => s.name.toLowerCase() === sheet.toLowerCase());
  if (ref === undefined) throw new UserError("SHEET_NOT_FOUND", { sheet });
  if (ref.kind !== "worksheet") throw new UserError("SHEET_NOT_WORKSHEET", { sheet: ref.name });
  if (edits.length === 0) return input;
  const pkg = new PackageEditor(parts);
  const patched = patchSheetXml(pkg.text(ref.part), ref.part, ref.name, edits);
  pkg.setText(ref.part, patched.xml);
  if (patched.removedFormula) dropCalcChain(pkg, workbook);
  return zipParts(pkg.result());
}

interface CellSpan extends Span {
  readonly col: number;
  readonly xml: string;
}

interface Splice extends Span {
  readonly text: string;
}

/** The edits of one sheet part, as text splices; exported for tests. */
export function patchSheetXml(
  xml: string,
  part: string,
  sheet: string,
  edits: readonly CellEdit[],
): { xml: string; removedFormula: boolean } {
  const prefix = worksheetPrefix(xml);
  const tag = (markup: string) => inPrefix(markup, prefix);
  const data = findSheetData(xml, part, prefix);

  // Row → column → value; the last edit of a cell wins.
  const wanted = new Map<number, Map<number, CellEdit["value"]>>();
  for (const edit of edits) {
    const { row, col } = parseA1(edit.cell);
    if (typeof edit.value === "number" && !Number.isFinite(edit.value))
      throw new RangeError(`${sheet}!${edit.cell}: cannot write the number ${edit.value}`);
    if (!wanted.has(row)) wanted.set(row, new Map());
    wanted.get(row)!.set(col, edit.value);
  }

  const rows = scanRows(xml, data.bodyStart, data.bodyEnd, prefix);
  const rowsByIndex = new Map(rows.map((r) => [r.row, r]));
  const colStyles = new ColumnStyles(xml, prefix);
  const splices: Splice[] = [];
  const newRows = new Map<number, string[]>(); // insertion point → new rows there, in order
  const masters: { si: string; formula: string; row: number; col: number }[] = [];
  let removedFormula = false;
  let last = { row: -1, col: -1 };
  let first = { row: Infinity, col: Infinity };

  for (const [row, cols] of [...wanted].sort(([a], [b]) => a - b)) {
    const existing = rowsByIndex.get(row);
    const rowStyle = existing === undefined ? undefined : rowDefaultStyle(existing.startTag);
    const inserted: { col: number; xml: string }[] = [];
    const cells = existing === undefined ? [] : scanCells(xml, existing, prefix);
    for (const [col, value] of [...cols].sort(([a], [b]) => a - b)) {
      const ref = a1(row, col);
      const cell = cells.find((c) => c.col === col);
      if (cell === undefined) {
        const style = rowStyle ?? colStyles.of(col);
        const written = value === null ? "" : cellXml(value, style, ref, sheet);
        if (written !== "") inserted.push({ col, xml: tag(written) });
        continue;
      }
      const formula = /<([\w.-]+:)?f(?=[\s/>])[^>]*?(?:\/>|>([\s\S]*?)<\/\1?f>)/.exec(cell.xml);
      if (formula) {
        removedFormula = true;
        const fTag = formula[0].slice(0, formula[0].indexOf(">") + 1);
        const si = /\ssi\s*=\s*["'](\d+)["']/.exec(fTag)?.[1];
        if (si !== undefined && /\st\s*=\s*["']shared["']/.test(fTag) && /\sref\s*=/.test(fTag)) {
          masters.push({ si, formula: decodeFormulaText(formula[2] ?? ""), row, col });
        }
      }
      const style = /\ss\s*=\s*["'](\d+)["']/.exec(cell.xml.slice(0, cell.xml.indexOf(">") + 1))?.[1];
      const written = cellXml(value, style === undefined ? undefined : Number(style), ref, sheet);
      splices.push({ start: cell.start, end: cell.end, text: tag(written === "" ? `<c r="${ref}"/>` : written) });
    }
    if (inserted.length === 0) continue;
    // inserted is in column order: its ends are its first and last cells.
    last = { row: Math.max(last.row, row), col: Math.max(last.col, inserted[inserted.length - 1]!.col) };
    first = { row: Math.min(first.row, row), col: Math.min(first.col, inserted[0]!.col) };
    if (existing === undefined) {
      const before = rows.find((r) => r.row > row);
      const at = before?.start ?? data.bodyEnd;
      newRows.set(at, [...(newRows.get(at) ?? []), tag(`<row r="${row + 1}">`) + inserted.map((c) => c.xml).join("") + tag("</row>")]);
      continue;
    }
    // New cells go before the first cell to their right, or at the end of the row.
    const groups = new Map<number, string>();
    for (const c of inserted) {
      const at = cells.find((x) => x.col > c.col)?.start ?? (existing.selfClosing ? existing.end : existing.end - `</${prefix}row>`.length);
      groups.set(at, (groups.get(at) ?? "") + c.xml);
    }
    for (const [at, text] of groups) splices.push({ start: at, end: at, text });
    const startTag = widenSpans(existing.startTag, inserted[0]!.col, inserted[inserted.length - 1]!.col);
    if (existing.selfClosing) {
      // <row …/> becomes <row …></row> around its new cells.
      splices.push({ start: existing.start, end: existing.end, text: startTag.replace(/\s*\/>$/, ">") });
      splices.push({ start: existing.end, end: existing.end, text: `</${prefix}row>` });
    } else if (startTag !== existing.startTag) {
      splices.push({ start: existing.start, end: existing.start + existing.startTag.length, text: startTag });
    }
  }
  if (data.selfClosing && newRows.size > 0) {
    // <sheetData/>: it becomes an element holding the new rows.
    const startTag = xml.slice(data.start, data.end).replace(/\s*\/>$/, ">");
    splices.push({ start: data.start, end: data.end, text: startTag + [...newRows.values()].flat().join("") + `</${prefix}sheetData>` });
  } else {
    for (const [at, text] of newRows) splices.push({ start: at, end: at, text: text.join("") });
  }
  if (masters.length > 0) for (const s of unshareFormulas(xml, rows, prefix, masters, splices)) splices.push(s);

  const out = applySplices(xml, splices);
  return { xml: last.row < 0 ? out : growDimension(out, prefix, last, first), removedFormula };
}

function applySplices(xml: string, splices: readonly Splice[]): string {
  // In text order; at one position insertions come before a replacement, each in the order made.
  const ordered = splices
    .map((s, i) => ({ ...s, i }))
    .sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start) || a.i - b.i);
  const pieces: string[] = [];
  let at = 0;
  for (const s of ordered) {
    pieces.push(xml.slice(at, s.start), s.text);
    at = s.end;
  }
  pieces.push(xml.slice(at));
  return pieces.join("");
}

function scanCells(xml: string, row: RowSpan, prefix: string): CellSpan[] {
  if (row.selfClosing) return [];
  const cells: CellSpan[] = [];
  const pattern = new RegExp(`<${prefix}c(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${prefix}c>)`, "g");
  pattern.lastIndex = row.start + row.startTag.length;
  let col = -1;
  for (let m = pattern.exec(xml); m !== null && m.index < row.end; m = pattern.exec(xml)) {
    const r = /\sr\s*=\s*["']([A-Za-z]+\d+)["']/.exec(m[0].slice(0, m[0].indexOf(">") + 1))?.[1];
    col = r === undefined ? col + 1 : parseA1(r).col;
    cells.push({ start: m.index, end: m.index + m[0].length, col, xml: m[0] });
  }
  return cells;
}

/** A row formatted as a whole (customFormat) gives new cells its format, as Excel does. */
function rowDefaultStyle(startTag: string): number | undefined {
  if (!/\scustomFormat\s*=\s*["'](1|true)["']/.test(startTag)) return undefined;
  const s = /\ss\s*=\s*["'](\d+)["']/.exec(startTag)?.[1];
  return s === undefined ? undefined : Number(s);
}

/** `spans="2:5"` (a hint of the row's first and last column) widened to take columns first…last (0-based). */
function widenSpans(startTag: string, first: number, last: number): string {
  return startTag.replace(/(\sspans\s*=\s*["'])(\d+):(\d+)(["'])/, (_, open: string, a: string, b: string, close: string) => {
    return `${open}${Math.min(Number(a), first + 1)}:${Math.max(Number(b), last + 1)}${close}`;
  });
}

/** Column formats (`<col style>`), which a new cell in an unformatted row takes, as Excel does. */
class ColumnStyles {
  private cols: { min: number; max: number; style: number }[] | undefined;

  constructor(
    private readonly xml: string,
    private readonly prefix: string,
  ) {}

  of(col: number): number | undefined {
    this.cols ??= [...this.xml.matchAll(new RegExp(`<${this.prefix}col\\s[^>]*>`, "g"))].flatMap((m) => {
      const n = (name: string) => Number(new RegExp(`\\s${name}\\s*=\\s*["'](\\d+)["']`).exec(m[0])?.[1] ?? NaN);
      return Number.isFinite(n("style")) ? [{ min: n("min"), max: n("max"), style: n("style") }] : [];
    });
    return this.cols.find((c) => c.min <= col + 1 && col + 1 <= c.max)?.style;
  }
}

function decodeFormulaText(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) =>
    e === "lt"
      ? "<"
      : e === "gt"
        ? ">"
        : e === "amp"
          ? "&"
          : e === "quot"
            ? '"'
            : e === "apos"
              ? "'"
              : String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
}

const encodeFormulaText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A shared formula's text lives in its first cell only; when that cell is overwritten, every
 * other cell of the group gets the formula written out for its own position, so no formula
 * in the sheet is lost.
 */
function unshareFormulas(
  xml: string,
  rows: readonly RowSpan[],
  prefix: string,
  masters: readonly { si: string; formula: string; row: number; col: number }[],
  taken: readonly Splice[],
): Splice[] {
  const bySi = new Map(masters.map((m) => [m.si, m]));
  const edited = new Set(taken.filter((s) => s.end > s.start).map((s) => s.start));
  const splices: Splice[] = [];
  for (const row of rows) {
    for (const cell of scanCells(xml, row, prefix)) {
      if (edited.has(cell.start)) continue; // edited itself
      const f = /<([\w.-]+:)?f(?=[\s/>])([^>]*?)(\/>|>[\s\S]*?<\/\1?f>)/.exec(cell.xml);
      if (!f || !/\st\s*=\s*["']shared["']/.test(f[2]!)) continue;
      const master = bySi.get(/\ssi\s*=\s*["'](\d+)["']/.exec(f[2]!)?.[1] ?? "");
      if (master === undefined) continue;
      const text = encodeFormulaText(shiftFormula(master.formula, row.row - master.row, cell.col - master.col));
      const start = cell.start + f.index;
      splices.push({ start, end: start + f[0].length, text: `<${f[1] ?? ""}f>${text}</${f[1] ?? ""}f>` });
    }
  }
  return splices;
}
