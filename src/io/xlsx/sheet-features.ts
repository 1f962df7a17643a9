import { truncate, VALIDATION_LIMITS } from "../../report/excel-limits.js";
import type { SheetSpec, ValidationSpec } from "../../report/sheet-spec.js";
import { escapeAttr, escapeText } from "./xml.js";

/*
 * The worksheet children that follow <sheetData>, in schema order: sheetProtection,
 * mergeCells, dataValidations, hyperlinks, pageMargins, pageSetup, headerFooter, rowBreaks.
 */

const RANGE = /^\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?$/;

/**
 * The children before and after `<hyperlinks>`: a sheet's links (65,530 in a large 校验报告)
 * are written between them as bytes.
 */
export function sheetFeaturesAround(spec: SheetSpec): { before: string; after: string } {
  return {
    before:
      (spec.protect ? `<sheetProtection sheet="1" objects="1" scenarios="1" selectLockedCells="0" selectUnlockedCells="0"/>` : "") +
      mergeCellsXml(spec) +
      dataValidationsXml(spec),
    after:
      (spec.print?.narrowMargins
        ? `<pageMargins left="0.3" right="0.3" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>`
        : `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`) +
      pageSetupXml(spec) +
      headerFooterXml(spec) +
      rowBreaksXml(spec),
  };
}

/** "C5:C40 E5:E40" (or comma-separated) → a checked sqref. */
export function sqref(range: string, sheet: string): string {
  const areas = range
    .trim()
    .split(/[\s,]+/)
    .map((a) => a.toUpperCase());
  for (const area of areas) if (!RANGE.test(area)) throw new Error(`${sheet}: not a cell range: ${JSON.stringify(range)}`);
  return areas.join(" ");
}

function mergeCellsXml(spec: SheetSpec): string {
  const merges = spec.merges ?? [];
  if (merges.length === 0) return "";
  return `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${sqref(m, spec.name)}"/>`).join("")}</mergeCells>`;
}

function dataValidationsXml(spec: SheetSpec): string {
  const validations = spec.validations ?? [];
  if (validations.length === 0) return "";
  return `<dataValidations count="${validations.length}">${validations.map((v) => dataValidationXml(v, spec.name)).join("")}</dataValidations>`;
}

function dataValidationXml(v: ValidationSpec, sheet: string): string {
  let type: string;
  let formulas: string;
  if (v.kind === "decimal") {
    if (!Number.isFinite(v.min) || !Number.isFinite(v.max) || v.min > v.max)
      throw new RangeError(`${sheet}: bad validation bounds ${v.min}…${v.max}`);
    type = ` type="${v.integer ? "whole" : "decimal"}" operator="between"`;
    formulas = `<formula1>${v.min}</formula1><formula2>${v.max}</formula2>`;
  } else {
    // An inline list: one quoted formula, items separated by commas (so no item may hold one).
    const list = `"${v.values.map((value) => value.replace(/"/g, '""')).join(",")}"`;
    if (v.values.length === 0 || v.values.some((value) => value.includes(",")) || list.length > VALIDATION_LIMITS.list) {
      throw new RangeError(`${sheet}: a validation list cannot hold ${JSON.stringify(v.values)}`);
    }
    type = ` type="list"`;
    formulas = `<formula1>${escapeText(list)}</formula1>`;
  }
  const prompt =
    v.prompt === undefined
      ? ""
      : ` showInputMessage="1" promptTitle="${escapeAttr(truncate(v.prompt.title, VALIDATION_LIMITS.title))}" prompt="${escapeAttr(truncate(v.prompt.text, VALIDATION_LIMITS.prompt))}"`;
  const error = v.error === undefined ? "" : ` error="${escapeAttr(truncate(v.error, VALIDATION_LIMITS.error))}"`;
  return `<dataValidation${type} allowBlank="1"${prompt} showErrorMessage="1"${error} sqref="${sqref(v.range, sheet)}">${formulas}</dataValidation>`;
}

function pageSetupXml(spec: SheetSpec): string {
  const print = spec.print;
  if (print === undefined) return "";
  const fit = print.fitToWidth ? ` fitToWidth="1" fitToHeight="0"` : "";
  return `<pageSetup paperSize="9" orientation="${print.orientation}"${fit}/>`;
}

function headerFooterXml(spec: SheetSpec): string {
  const footer = spec.print?.footer;
  return footer === undefined || footer === "" ? "" : `<headerFooter><oddFooter>${escapeText(`&C${footer}`)}</oddFooter></headerFooter>`;
}

/** Manual page breaks: `id` is the 0-based index of the row that starts the new page (above row 21: id 20). */
function rowBreaksXml(spec: SheetSpec): string {
  const rows = [...new Set(spec.print?.pageBreaksBefore ?? [])].filter((r) => r > 0).sort((a, b) => a - b);
  if (rows.length === 0) return "";
  const breaks = rows.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join("");
  return `<rowBreaks count="${rows.length}" manualBreakCount="${rows.length}">${breaks}</rowBreaks>`;
}
