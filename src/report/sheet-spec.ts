/**
 * Output sheets as plain data: what to write, not how. The .xlsx writer and the Office.js
 * adapter both render these; the engine and the report builders never touch a file.
 * Addresses are A1 strings local to the sheet unless a sheet is named.
 */
export type OutValue = string | number | boolean | null;

/** Named cell styles; each adapter maps them to its own formatting. */
export type CellStyle =
  | "title"
  | "notice"
  | "header"
  | "text"
  | "integer"
  | "decimal2"
  | "decimal4"
  | "percent"
  /** A score cell people type into: unlocked when the sheet is protected, 2-decimal format. */
  | "input"
  /** A text cell people type into (names, codes, notes): unlocked, text format. */
  | "inputText"
  /** A date cell people type into (a deadline): unlocked, shown as 2026-12-31. */
  | "inputDate"
  /** Long text (explanations, fingerprints) wrapped within the column. */
  | "textWrap";

/** A highlight on top of a style (fill colour), e.g. a disputed item or a vetoed branch. */
export type CellTone = "dispute" | "veto" | "top" | "muted";

/** How a named style looks; colours are RRGGBB. */
export interface StyleLook {
  readonly bold?: true;
  readonly size?: number;
  readonly fontColor?: string;
  readonly fill?: string;
  /** A thin border all round, so that a table reads as one block. */
  readonly border?: true;
  readonly centred?: true;
  /** Wrapped within the column (long text); bottom-aligned like its neighbours. */
  readonly wrap?: true;
  /** Number format (Excel's format code) of numbers and blanks; text is always "@". */
  readonly numberFormat?: string;
  /** Stays editable when the sheet is protected. */
  readonly unlocked?: true;
}

/** The one table of output looks: the .xlsx styles part and the Office.js formats both come from it. */
export const STYLE_LOOKS: Readonly<Record<CellStyle, StyleLook>> = {
  title: { bold: true, size: 16 },
  // Notices are sentences: they wrap within their (merged) row rather than widen the printed page.
  notice: { bold: true, fontColor: "C00000", fill: "FFF2CC", wrap: true },
  header: { bold: true, fill: "D9D9D9", border: true, centred: true },
  text: { border: true, numberFormat: "@" },
  integer: { border: true, numberFormat: "0" },
  decimal2: { border: true, numberFormat: "0.00" },
  decimal4: { border: true, numberFormat: "0.0000" },
  percent: { border: true, numberFormat: "0.00%" },
  input: { border: true, numberFormat: "0.00", unlocked: true },
  inputText: { border: true, numberFormat: "@", unlocked: true },
  inputDate: { border: true, numberFormat: "yyyy-mm-dd", unlocked: true },
  textWrap: { border: true, numberFormat: "@", wrap: true },
};

/** Fills of the highlights (RRGGBB); a tone replaces the style's own fill. */
export const TONE_FILLS: Readonly<Record<CellTone, string>> = {
  dispute: "FCE4D6",
  veto: "FFC7CE",
  top: "E2EFDA",
  muted: "F2F2F2",
};

/** A link's font: Excel's default hyperlink colour (the Office theme's "Hyperlink"), underlined. */
export const LINK_COLOR = "0563C1";

/** The number format of text cells, so that Excel never reads what they hold as a formula, a number or a date. */
export const TEXT_FORMAT = "@";

export interface OutCell {
  readonly v: OutValue;
  readonly style?: CellStyle;
  readonly tone?: CellTone;
  /** An internal hyperlink: clicking the cell selects this cell (sheet null = this sheet). */
  readonly link?: { readonly sheet: string; readonly cell: string | null };
}

export type OutEntry = OutValue | OutCell;

/** Excel data validation on a range of input cells. */
export type ValidationSpec =
  | {
      readonly kind: "decimal";
      readonly range: string;
      readonly min: number;
      readonly max: number;
      /** Whole numbers only (Excel's "whole number" rule), e.g. 上年星级 0–5. */
      readonly integer?: boolean;
      /** Shown when the cell is selected (Excel's input message): e.g. the 评分标准. */
      readonly prompt?: { readonly title: string; readonly text: string };
      readonly error?: string;
    }
  | {
      readonly kind: "list";
      readonly range: string;
      readonly values: readonly string[];
      readonly prompt?: { readonly title: string; readonly text: string };
      readonly error?: string;
    };

export type ChartKind = "bar" | "column" | "line" | "radar" | "pie" | "scatter";

export interface ChartSeriesSpec {
  /** Literal series name shown in the legend. */
  readonly name: string;
  /** Values range on the same sheet, e.g. "C3:C42". */
  readonly values: string;
  /** Category labels (bar, column, line, radar, pie) or x values (scatter) on the same sheet. */
  readonly categories?: string;
  /** Scatter only: draw this series as a line without markers (e.g. the y = x reference). */
  readonly line?: boolean;
}

export interface ChartSpec {
  readonly kind: ChartKind;
  readonly title: string;
  readonly series: readonly ChartSeriesSpec[];
  /**
   * The contiguous data table the series come from: header row = series names, first column
   * = categories (scatter: x values). Lets Office.js build the chart in one charts.add call
   * (ExcelApi 1.1) where adding series one by one needs 1.7.
   */
  readonly table: string;
  /** Top-left and bottom-right cells the chart covers on its sheet. */
  readonly anchor: { readonly from: string; readonly to: string };
  readonly xTitle?: string;
  readonly yTitle?: string;
  /** Axis bounds where the data need them (radar 0–100, scatter around the totals). */
  readonly min?: number;
  readonly max?: number;
}

export interface PrintSpec {
  readonly orientation: "landscape" | "portrait";
  /** Scale to one page wide (any number of pages tall). */
  readonly fitToWidth: boolean;
  /** Repeat N rows on every printed page (the title and header): the first N, or N from `repeatFrom`. */
  readonly repeatRows?: number;
  /** The first repeated row (0-based) when it is not the sheet's first, e.g. a table's header below a summary. */
  readonly repeatFrom?: number;
  /** Repeat the first N columns on every printed page (a wide table printed over several pages across). */
  readonly repeatColumns?: number;
  /** Print only this range (A1), e.g. without a long data table beside the charts. */
  readonly printArea?: string;
  /**
   * The printed footer, centred, in Excel's header/footer codes: `&P` the page number, `&N`
   * the number of pages (`2026年度定级 第 &P 页 共 &N 页`). A literal `&` must be written `&&`.
   */
  readonly footer?: string;
  /** Narrow side margins (0.3 inch) for a wide table, so it prints larger. */
  readonly narrowMargins?: boolean;
  /** Start a new printed page above these rows (0-based), e.g. one list or chart per page. */
  readonly pageBreaksBefore?: readonly number[];
}

export interface SheetSpec {
  readonly name: string;
  /** Row-major from A1. Strings are always written as literal text, never as formulas. */
  readonly rows: readonly (readonly OutEntry[])[];
  /** Column widths in characters (Excel's unit), by column index. */
  readonly columnWidths?: readonly number[];
  /** Row heights in points, by row index; rows without one keep the default height. */
  readonly rowHeights?: readonly (number | undefined)[];
  /** Rows to keep visible at the top (frozen panes), e.g. the header. */
  readonly freezeRows?: number;
  /** Columns to keep visible at the left. */
  readonly freezeColumns?: number;
  /** Merged ranges, e.g. "A1:H1" for a title. */
  readonly merges?: readonly string[];
  readonly validations?: readonly ValidationSpec[];
  /** Protect the sheet: only "input"/"inputText" cells stay editable. No password. */
  readonly protect?: boolean;
  readonly print?: PrintSpec;
  readonly charts?: readonly ChartSpec[];
  /**
   * Append `rows` below the existing content of a sheet of this name instead of replacing it
   * (运行记录: one row per run, earlier rows never rewritten). If the sheet does not exist it
   * is created with all of `rows`; if it exists, `appendSkip` leading rows (the header) are
   * left out and the rest added after its last used row.
   */
  readonly append?: { readonly appendSkip: number };
}

// Output cells by their style: a header, text, a number with 2 or 4 decimals, a whole number.
export const hdr = (v: string | null): OutCell => ({ v, style: "header" });
export const txt = (v: string | null, tone?: CellTone): OutCell => ({ v, style: "text", tone });
export const d2 = (v: number | null, tone?: CellTone): OutCell => ({ v, style: "decimal2", tone });
export const d4 = (v: number | null, tone?: CellTone): OutCell => ({ v, style: "decimal4", tone });
export const int = (v: number | null, tone?: CellTone): OutCell => ({ v, style: "integer", tone });
/** Long text wrapped within its column (it never widens the printed page). */
export const wrap = (v: string | null, tone?: CellTone): OutCell => ({ v, style: "textWrap", tone });

const BLANK: OutCell = { v: null };

/** Any entry (or a missing one) as a cell: a bare value is a cell with no style, tone or link. */
export function outCell(e: OutEntry | undefined): OutCell {
  if (e === null || e === undefined) return BLANK;
  return typeof e === "object" ? e : { v: e };
}

export const cellValue = (e: OutEntry | undefined): OutValue => outCell(e).v;
export const cellStyle = (e: OutEntry | undefined): CellStyle | undefined => outCell(e).style;

/** Excel's sheet-name rules; output sheet names come from the program, so a bad one is a bug. */
export function checkSheetNames(specs: readonly SheetSpec[]): void {
  const seen = new Set<string>();
  for (const { name } of specs) {
    if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
      throw new Error(`invalid sheet name: ${JSON.stringify(name)}`);
    }
    if (seen.has(name.toLowerCase())) throw new Error(`duplicate sheet name: ${JSON.stringify(name)}`);
    seen.add(name.toLowerCase());
  }
}
