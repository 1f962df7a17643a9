/**
 * Where a new template's roster (and, from a workbook, its rules and settings) come from: a
 * roster file chosen in the task pane (选择名册文件) or given as `scorecard template --branches`.
 * The roster is read exactly as validation reads 支部名册 (findTable + readRoster); any problem
 * stops the template.
 */
import { text as textCell, type Cell, type Grid } from "../model/cell.js";
import { UserError, type FailureParams } from "../model/failure.js";
import type { Issue } from "../model/issues.js";
import type { Rules } from "../model/rules.js";
import type { Settings } from "../model/settings.js";
import { WorkbookUnreadableError, type WorkbookReader } from "../io/workbook.js";
import { readRoster } from "../validate/roster.js";
import { readRules } from "../validate/rules.js";
import { readSettings } from "../validate/settings.js";
import { SHEETS, TABLES } from "../model/sheets.js";
import { dataRows, field, findTable, type Table } from "../validate/table.js";
import { cellText, keyText, plainNumberText } from "../validate/text.js";
import type { RosterEntry } from "./input-sheets.js";

type RosterFailureCode = "ROSTER_NOT_FOUND" | "ROSTER_NOT_A_ROSTER" | "ROSTER_ENCODING" | "ROSTER_PROBLEMS" | "ROSTER_RULES_PROBLEMS";

/** A roster file that cannot be used: a user's problem, with every problem of the roster listed. */
export class RosterSourceError<C extends RosterFailureCode = RosterFailureCode> extends UserError<C> {
  constructor(code: C, params: FailureParams[C], problems: readonly Issue[] = []) {
    super(code, params, problems);
    this.name = "RosterSourceError";
  }
}

export interface RosterSource {
  readonly branches: RosterEntry[];
  /** The sheet the roster was read from (the file name for a CSV). */
  readonly sheet: string;
}

/**
 * The roster of a table found by its header, read by validation's readRoster; 党员人数 is kept
 * as typed (a whole number as a number, anything else as text). Throws RosterSourceError
 * listing every problem (missing or repeated codes, invalid categories, no branch at all).
 */
export function rosterFromTable(table: Table, label: string): RosterSource {
  const { branches, issues } = readRoster(table);
  if (issues.length > 0) {
    // readRoster names its sheet 支部名册; point at where the rows really are.
    const problems = issues.map((i) => (label === SHEETS.roster ? i : { ...i, where: { ...i.where, sheet: label } }));
    throw new RosterSourceError("ROSTER_PROBLEMS", { file: label, count: problems.length }, problems);
  }
  // 党员人数 and 上年星级 (last year's grade, for the annual run) are carried over as typed.
  const extra = new Map<string, { members: number | string | null; previousStars: number | string | null }>();
  for (const { cells } of dataRows(table.grid, table.headerRow)) {
    const code = keyText(field(table, cells, "支部编码"));
    if (code !== "" && !extra.has(code)) {
      extra.set(code, {
        members: memberCount(field(table, cells, "党员人数")),
        previousStars: memberCount(field(table, cells, "上年星级")),
      });
    }
  }
  return {
    branches: branches.map((b) => {
      const { members = null, previousStars = null } = extra.get(b.code) ?? {};
      return { ...b, members, ...(previousStars === null ? {} : { previousStars }) };
    }),
    sheet: label,
  };
}

function memberCount(c: Cell): number | string | null {
  const t = plainNumberText(c);
  if (t !== null && /^\d+$/.test(t)) return Number(t);
  const s = cellText(c);
  return s === "" ? null : s;
}

const ROSTER_HEADER = TABLES.roster;

/** What a template takes over from an .xlsx roster file. */
export interface WorkbookSource extends RosterSource {
  /** The workbook's 评分细则, when it has a usable one (e.g. last period's workbook). */
  readonly rules: Rules | null;
  /** The workbook's 考核设置 (without 考核周期), when it has one. */
  readonly settings: Partial<Settings> | null;
}

/**
 * The roster of a workbook: its 支部名册 sheet, or else the first sheet with the roster header.
 * A workbook that is a whole assessment workbook also gives its 评分细则 and 考核设置 (rules
 * with a fatal problem stop the template: grids laid out from broken rules are no use).
 */
export async function rosterFromWorkbook(reader: WorkbookReader, fileLabel: string): Promise<WorkbookSource> {
  const first = await reader.read([SHEETS.roster, SHEETS.rules, SHEETS.settings]);
  const own = first.sheets.get(SHEETS.roster);
  let table = own ? findTable(own, TABLES.roster.required) : null;
  if (!table) {
    const others = first.sheetNames.filter((n) => n !== SHEETS.roster);
    const all = await reader.read(others);
    for (const name of others) {
      const grid = all.sheets.get(name);
      table = grid ? findTable(grid, TABLES.roster.required) : null;
      if (table) break;
    }
  }
  if (!table) throw new RosterSourceError("ROSTER_NOT_FOUND", { file: fileLabel, ...ROSTER_HEADER });
  const roster = rosterFromTable(table, table.sheet);

  let rules: Rules | null = null;
  const rulesGrid = first.sheets.get(SHEETS.rules);
  const rulesTable = rulesGrid ? findTable(rulesGrid, TABLES.rules.required) : null;
  if (rulesTable) {
    const r = readRules(rulesTable);
    const fatal = r.issues.filter((i) => i.severity === "fatal");
    if (fatal.length > 0) throw new RosterSourceError("ROSTER_RULES_PROBLEMS", { file: fileLabel, count: fatal.length }, fatal);
    rules = r.rules;
  }

  let settings: Partial<Settings> | null = null;
  const settingsGrid = first.sheets.get(SHEETS.settings);
  const settingsTable = settingsGrid ? findTable(settingsGrid, TABLES.settings.required) : null;
  if (settingsTable) {
    // The period is the new template's own; invalid values have already fallen back to defaults.
    const { period: _period, ...rest } = readSettings(settingsTable).settings;
    settings = rest;
  }
  return { ...roster, rules, settings };
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * CSV bytes as text: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's “Unicode 文本”),
 * or GB18030/GBK (what Chinese Excel writes for “CSV（逗号分隔）”) when it is not valid UTF-8.
 */
export function decodeCsv(bytes: Uint8Array, fileLabel: string): string {
  const decode = (encoding: string, data: Uint8Array) => new TextDecoder(encoding, { fatal: true }).decode(data);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode("utf-8", bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode("utf-16le", bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode("utf-16be", bytes.subarray(2));
  try {
    return decode("utf-8", bytes);
  } catch {
    try {
      return decode("gb18030", bytes);
    } catch {
      throw new RosterSourceError("ROSTER_ENCODING", { file: fileLabel });
    }
  }
}

/** RFC 4180 fields: quotes with doubled quotes inside, CRLF or LF; tab-separated when the first line has tabs and no commas. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV roster: every field is text, so codes such as 001 keep their leading zeros. */
export function rosterFromCsv(bytes: Uint8Array, fileLabel: string): RosterSource {
  const grid: Grid = {
    name: fileLabel,
    rows: parseCsv(decodeCsv(bytes, fileLabel)).map((r) => r.map((v): Cell => (v === "" ? null : textCell(v)))),
  };
  const table = findTable(grid, TABLES.roster.required);
  if (!table) throw new RosterSourceError("ROSTER_NOT_A_ROSTER", { file: fileLabel, ...ROSTER_HEADER });
  return rosterFromTable(table, fileLabel);
}

// ---------------------------------------------------------------------------------------------
// A roster file, whatever it is

/** What a roster file gives: a roster, and from a whole assessment workbook its rules and settings too. */
export type RosterFile = RosterSource & Partial<Pick<WorkbookSource, "rules" | "settings">>;

/**
 * A roster file as people choose it: an .xlsx workbook (recognised by its content, a zip) or a
 * .csv/.txt text file (by its name). `open` reads the workbook's bytes (the .xlsx adapter).
 * Anything else, and an unreadable workbook, is the user's problem, naming the file.
 */
export async function rosterFromFile(
  bytes: Uint8Array,
  fileName: string,
  open: (bytes: Uint8Array) => WorkbookReader,
): Promise<RosterFile> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    try {
      return await rosterFromWorkbook(open(bytes), fileName);
    } catch (e) {
      if (e instanceof WorkbookUnreadableError) throw e.of({ file: fileName, role: "roster" });
      throw e;
    }
  }
  if (/\.(csv|txt)$/i.test(fileName)) return rosterFromCsv(bytes, fileName);
  throw new UserError("ROSTER_FILE_TYPE", { name: fileName });
}
