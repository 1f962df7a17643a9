/**
 * Expected failures: the user's problems (a file that cannot be read, an output that would
 * overwrite the input, a protected sheet…) as data, a code and typed parameters, like issues.
 * The text is rendered from the catalogue of the user's language at the edge (CLI, task pane:
 * `renderFailure` in failure-messages.ts). Anything thrown that is not a UserError is a defect
 * ("意外错误"). Parameters hold what the user typed or named (paths, sheet names) unescaped;
 * the edge that prints them escapes them for its medium.
 */
import type { Catalogue, Coded } from "./catalogue.js";
import { failureLine, renderFailure } from "./failure-messages.js";
import type { Issue } from "./issues.js";

/** Which of the files a command works on a message is about. */
export type FileRole = "input" | "target" | "rater" | "roster";

/**
 * What can be done about an unreadable file when it is not the usual "save it again from
 * Excel": get the original again (the zip itself is cut short or altered), let Excel repair it
 * (the content inside a sound zip is broken), split it (larger than any workbook should be), or
 * choose the right file (another kind of file renamed to .xlsx: a text file, a Word document).
 */
export type UnreadableRemedy = "reobtain" | "repair" | "split" | "not-a-workbook";

/**
 * Why a file cannot be read as a workbook, as data (`part`: the package part, as named in the
 * zip). Grouped by what the user can do, which UNREADABLE_REMEDY says per code.
 */
/**
 * The package part a reason is about, as named in the zip (for whoever repairs the file), and
 * the sheet's name when the part is a worksheet the reader knew (what the user knows it by).
 */
export interface PartParams {
  readonly part: string;
  readonly sheet?: string;
}

export interface UnreadableParams {
  // Not an .xlsx workbook at all: save it again from Excel.
  readonly FILE_EMPTY: Record<string, never>;
  /** An OLE file with an EncryptedPackage stream: a password-protected .xlsx. */
  readonly WORKBOOK_ENCRYPTED: Record<string, never>;
  /** Any other OLE file: a legacy .xls or another Office binary file. */
  readonly LEGACY_BINARY: Record<string, never>;
  readonly NOT_A_ZIP: Record<string, never>;
  /** A zip without a workbook part (a .docx, any other zip). */
  readonly NOT_A_WORKBOOK: Record<string, never>;
  readonly PART_ENCRYPTED: PartParams;
  readonly PART_COMPRESSION_UNSUPPORTED: PartParams & { readonly method: number };

  // The zip itself is damaged (cut short, altered): get the original again.
  readonly ZIP_END_MISSING: Record<string, never>;
  readonly ZIP_SPANNED: Record<string, never>;
  readonly ZIP64_DIRECTORY_INCOMPLETE: Record<string, never>;
  readonly ZIP_DIRECTORY_BEYOND_END: Record<string, never>;
  readonly ZIP_DIRECTORY_DAMAGED: Record<string, never>;
  readonly ENTRY_MISPLACED: PartParams;
  readonly ENTRY_TRUNCATED: PartParams;
  readonly ENTRY_REPEATED: PartParams;
  readonly ENTRIES_OVERLAP: PartParams & { readonly other: string };
  /** A stored (uncompressed) entry whose size is not the declared one. */
  readonly STORED_SIZE_MISMATCH: PartParams;
  readonly INFLATED_SIZE_MISMATCH: PartParams;
  readonly INFLATED_LARGER: PartParams;
  readonly CRC_MISMATCH: PartParams;
  readonly DEFLATE_INVALID: PartParams;

  // Larger than any workbook should be: split it. Sizes in bytes.
  readonly PART_TOO_LARGE: PartParams & { readonly size: number; readonly limit: number };
  readonly CONTENT_TOO_LARGE: { readonly size: number; readonly limit: number };

  // The workbook inside a sound zip is damaged or not as Excel writes it: let Excel repair it.
  readonly CONTENT_TYPES_MISSING: PartParams;
  readonly SHEET_LIST_MISSING: PartParams;
  readonly SHEET_PART_MISSING: { readonly sheet: string };
  readonly SHEET_NAME_REPEATED: { readonly sheet: string };
  /** `value`: the row number as written. */
  readonly ROW_NUMBER_INVALID: PartParams & { readonly value: string };
  readonly CELL_ADDRESS_INVALID: PartParams & { readonly value: string };
  readonly PART_EMPTY: PartParams;
  readonly SHARED_STRING_MISSING: PartParams;
  readonly XML_INVALID: PartParams & { readonly problem: XmlProblem };
}

export type UnreadableCode = keyof UnreadableParams;
export type UnreadableReason = Coded<UnreadableParams>;

/** What to do about each reason: save it again from Excel (`save-as`), or its UnreadableRemedy. */
export const UNREADABLE_REMEDY: { readonly [C in UnreadableCode]: UnreadableRemedy | "save-as" } = {
  FILE_EMPTY: "save-as",
  WORKBOOK_ENCRYPTED: "save-as",
  LEGACY_BINARY: "save-as",
  NOT_A_ZIP: "not-a-workbook",
  NOT_A_WORKBOOK: "not-a-workbook",
  PART_ENCRYPTED: "save-as",
  PART_COMPRESSION_UNSUPPORTED: "save-as",
  ZIP_END_MISSING: "reobtain",
  ZIP_SPANNED: "reobtain",
  ZIP64_DIRECTORY_INCOMPLETE: "reobtain",
  ZIP_DIRECTORY_BEYOND_END: "reobtain",
  ZIP_DIRECTORY_DAMAGED: "reobtain",
  ENTRY_MISPLACED: "reobtain",
  ENTRY_TRUNCATED: "reobtain",
  ENTRY_REPEATED: "reobtain",
  ENTRIES_OVERLAP: "reobtain",
  STORED_SIZE_MISMATCH: "reobtain",
  INFLATED_SIZE_MISMATCH: "reobtain",
  INFLATED_LARGER: "reobtain",
  CRC_MISMATCH: "reobtain",
  DEFLATE_INVALID: "reobtain",
  PART_TOO_LARGE: "split",
  CONTENT_TOO_LARGE: "split",
  CONTENT_TYPES_MISSING: "repair",
  SHEET_LIST_MISSING: "repair",
  SHEET_PART_MISSING: "repair",
  SHEET_NAME_REPEATED: "repair",
  ROW_NUMBER_INVALID: "repair",
  CELL_ADDRESS_INVALID: "repair",
  PART_EMPTY: "repair",
  SHARED_STRING_MISSING: "repair",
  XML_INVALID: "repair",
};

/** What is wrong with a package part's XML (`tag`: an element's name as written, cut short). */
export interface XmlProblemParams {
  readonly TEXT_OUTSIDE_ROOT: Record<string, never>;
  readonly DECLARATION_UNSUPPORTED: Record<string, never>;
  readonly END_TAG_MISMATCH: { readonly tag: string };
  readonly NO_CONTENT: Record<string, never>;
  readonly UNCLOSED: { readonly tag: string };
  readonly TRUNCATED: Record<string, never>;
  readonly TAG_INVALID: Record<string, never>;
  readonly ROOTS_REPEATED: Record<string, never>;
  readonly TAG_MALFORMED: { readonly tag: string };
  readonly ATTRIBUTE_INVALID: { readonly tag: string };
  readonly ATTRIBUTE_UNQUOTED: { readonly tag: string };
  readonly ATTRIBUTE_VALUE_INVALID: { readonly tag: string };
  /** `ref`: the reference after the ampersand, cut short. */
  readonly CHARACTER_REFERENCE_INVALID: { readonly ref: string };
}

export type XmlProblem = Coded<XmlProblemParams>;

/** Every failure code and its parameters. */
export interface FailureParams {
  // Files the command line reads and writes.
  readonly FILE_NOT_FOUND: { readonly path: string };
  readonly FILE_IS_FOLDER: { readonly path: string };
  /** The operating system refused to open it; `reason` is its error code (EACCES…). */
  readonly FILE_NOT_OPENED: { readonly path: string; readonly reason: string };
  /** The output is the same file as an input (a link to it, or a path differing in case). */
  readonly OUTPUT_IS_INPUT: { readonly output: string; readonly input: string; readonly role: FileRole };
  readonly INPUTS_ARE_ONE_FILE: { readonly target: string; readonly rater: string };
  readonly OUTPUT_IS_FOLDER: { readonly path: string };
  /** demo -o names an existing file where it needs a folder. */
  readonly OUTPUT_NOT_FOLDER: { readonly path: string };
  readonly OUTPUT_EXISTS: { readonly path: string };
  /** Another program holds the file open (Excel, WPS), or it may not be written. */
  readonly OUTPUT_LOCKED: { readonly path: string };
  readonly OUTPUT_DISK_FULL: { readonly path: string };
  readonly OUTPUT_NOT_WRITTEN: { readonly path: string; readonly reason: string };

  // Workbooks.
  /** `reason` says what is wrong with the file (found where the file is read); what to do follows from it. */
  readonly WORKBOOK_UNREADABLE: {
    readonly reason: UnreadableReason;
    readonly file?: string;
    readonly role?: FileRole;
  };
  readonly WORKBOOK_STRICT: Record<string, never>;
  readonly OUTPUT_SHEET_NOT_WORKSHEET: { readonly sheet: string };
  /** 运行记录 reaches Excel's last row: this run's row cannot be added, so nothing is written. */
  readonly OUTPUT_LOG_FULL: { readonly sheet: string };
  readonly SHEET_NOT_FOUND: { readonly sheet: string };
  readonly SHEET_NOT_WORKSHEET: { readonly sheet: string };
  readonly SHEET_PROTECTED: { readonly sheet: string };
  readonly INPUT_SHEET_EXISTS: { readonly sheet: string };
  readonly TEMPLATE_SHEETS_EXIST: { readonly sheets: readonly string[] };
  readonly PERIOD_INVALID: { readonly value: string };

  // Excel and the task pane.
  readonly EXCEL_NOT_READY: Record<string, never>;
  readonly EXCEL_CELL_EDITING: Record<string, never>;
  readonly EXCEL_ACCESS_DENIED: Record<string, never>;
  readonly NO_WORKBOOK_OPEN: Record<string, never>;
  readonly FILE_NOT_XLSX: { readonly name: string };
  readonly RATER_FILE_NOT_CHOSEN: Record<string, never>;
  readonly ROSTER_FILE_NOT_CHOSEN: Record<string, never>;

  // Merging a rater's returned file.
  readonly MERGE_GRID_UNKNOWN: { readonly as: string; readonly grids: readonly string[] };
  readonly MERGE_NOTHING_FILLED: { readonly grids: readonly string[] };
  readonly MERGE_AMBIGUOUS: { readonly filled: readonly { readonly sheet: string; readonly cells: number }[] };
  readonly MERGE_SHEET_MISSING: { readonly sheet: string; readonly in: "rater" | "target" };
  readonly MERGE_HEADER_MISSING: { readonly sheet: string; readonly in: "rater" | "target" };

  // The roster a new template is made from.
  /** No table with the roster's header in a workbook (`required`/`optional`: its column titles). */
  readonly ROSTER_NOT_FOUND: { readonly file: string; readonly required: readonly string[]; readonly optional: readonly string[] };
  /** A CSV without the roster's header. */
  readonly ROSTER_NOT_A_ROSTER: { readonly file: string; readonly required: readonly string[]; readonly optional: readonly string[] };
  readonly ROSTER_ENCODING: { readonly file: string };
  readonly ROSTER_PROBLEMS: { readonly file: string; readonly count: number };
  readonly ROSTER_RULES_PROBLEMS: { readonly file: string; readonly count: number };
  /** A roster file that is neither an .xlsx workbook nor a .csv/.txt text file. */
  readonly ROSTER_FILE_TYPE: { readonly name: string };

  // Regenerating the grids from the workbook's own 支部名册.
  /** The workbook has no 支部名册 sheet (`sheet` false), or it has no roster header (`sheet` true). */
  readonly OWN_ROSTER_MISSING: { readonly sheet: boolean; readonly required: readonly string[]; readonly optional: readonly string[] };
  /** A sheet the grids are laid out from (支部名册, 评分细则) has problems, listed with the failure. */
  readonly OWN_SHEET_PROBLEMS: { readonly sheet: string; readonly count: number };
  /** A sheet whose content must be read to regenerate (a grid, 考核设置, 评分细则) has no header row. */
  readonly OWN_SHEET_HEADER_MISSING: { readonly sheet: string; readonly titles: readonly string[] };
}

export type FailureCode = keyof FailureParams;

/** What went wrong and what to do next, both shown to the user. */
export interface FailureText {
  readonly what: string;
  readonly next: string;
}

/** A language's catalogue: every code's message from its parameters. */
export type FailureCatalogue = Catalogue<FailureParams, FailureText>;

/** The user's problem: expected, explained, with a next step (CLI exit 2, a MessageBar in the task pane). */
export class UserError<C extends FailureCode = FailureCode> extends Error {
  /** Issues the failure lists (e.g. every problem of a roster), with their own messages. */
  readonly problems: readonly Issue[];

  constructor(
    readonly code: C,
    readonly params: FailureParams[C],
    problems: readonly Issue[] = [],
  ) {
    // Error.message in Chinese, for logs and for code that only knows Error; edges render by language.
    super(failureLine(renderFailure(code, params)));
    this.name = "UserError";
    this.problems = problems;
  }
}
