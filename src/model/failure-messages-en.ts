import { renderCoded, type Catalogue } from "./catalogue.js";
import {
  UNREADABLE_REMEDY,
  type FailureCatalogue,
  type FileRole,
  type UnreadableParams,
  type UnreadableReason,
  type UnreadableRemedy,
  type XmlProblemParams,
} from "./failure.js";
import type { MergeLineParams, MergeSkipReason } from "./merge-report.js";

const q = (s: string): string => `"${s}"`;
const clause = (s: string): string => s.replace(/[。.\s]+$/u, "");

const ROLE: Readonly<Record<FileRole, string>> = {
  input: "the assessment workbook",
  target: "the target workbook",
  rater: "the workbook the rater sent back",
  roster: "the roster file",
};

const rosterHeader = (p: { required: readonly string[]; optional: readonly string[] }) =>
  `The header (within the first 10 rows) must hold ${p.required.join(", ")}; ${p.optional.join(", ")} are optional.`;

const OS_REASONS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EEXIST: "part of the path is a file, not a folder",
  ENOTDIR: "part of the path is a file, not a folder",
  ENOENT: "the folder does not exist",
  EROFS: "the disk or folder is read-only",
  ENAMETOOLONG: "the name or path is too long",
  EINVAL: "the name holds characters that are not allowed",
  EMFILE: "too many open files",
  EIO: "a disk read or write failed",
  EBUSY: "another program is using the file",
};
const osReason = (code: string) => (OS_REASONS[code] ? `${OS_REASONS[code]}, ${code}` : code);

const SAVE_AS_XLSX = 'Open it in Excel, save it as "Excel Workbook (*.xlsx)" without a password, and try again.';

/** What to do about an unreadable file, by its reason's remedy (also used by the WORKBOOK_UNREADABLE issue). */
export const UNREADABLE_NEXT_EN: Readonly<Record<UnreadableRemedy | "save-as", string>> = {
  "save-as": SAVE_AS_XLSX,
  reobtain: "Get the complete original file again (download or copy it once more) and try again.",
  repair: "Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again.",
  split:
    "Check where the file came from and get the original again; if the workbook really is this large, split it by unit and score each part.",
  "not-a-workbook":
    "Make sure you chose the assessment workbook; if it is a spreadsheet Excel can open, open it in Excel and save it as an .xlsx workbook, then try again.",
};
const XML_PROBLEMS_EN: Catalogue<XmlProblemParams, string> = {
  TEXT_OUTSIDE_ROOT: () => "text outside the root element",
  DECLARATION_UNSUPPORTED: () => "an unsupported declaration",
  END_TAG_MISMATCH: (p) => `the end tag </${p.tag}> does not match`,
  NO_CONTENT: () => "no content",
  UNCLOSED: (p) => `cut short, </${p.tag}> is missing`,
  TRUNCATED: () => "cut short",
  TAG_INVALID: () => "an invalid tag",
  ROOTS_REPEATED: () => "more than one root element",
  TAG_MALFORMED: (p) => `the tag <${p.tag}> is invalid`,
  ATTRIBUTE_INVALID: (p) => `an invalid attribute in <${p.tag}>`,
  ATTRIBUTE_UNQUOTED: (p) => `an attribute value without quotes in <${p.tag}>`,
  ATTRIBUTE_VALUE_INVALID: (p) => `an invalid attribute value in <${p.tag}>`,
  CHARACTER_REFERENCE_INVALID: (p) => `an invalid character reference &${p.ref}`,
};

const mib = (bytes: number) => `${Math.ceil(bytes / 2 ** 20)} MB`;

/** A package part: the sheet's name when the reader knew it, with the part for whoever repairs the file. */
const partEn = (p: { readonly part: string; readonly sheet?: string }): string =>
  p.sheet !== undefined ? `the sheet ${q(p.sheet)} (${p.part})` : q(p.part);

const UNREADABLE_REASONS_EN: Catalogue<UnreadableParams, string> = {
  FILE_EMPTY: () => "the file is empty (0 bytes), not an Excel workbook",
  WORKBOOK_ENCRYPTED: () =>
    "the workbook is encrypted (it has a password to open). Remove the password in Excel (File → Info → Protect Workbook → Encrypt with Password, clear it) and save it",
  LEGACY_BINARY: () => "this is an old Excel file (.xls) or another Office binary file",
  NOT_A_ZIP: () =>
    "the file is not an Excel workbook: perhaps another kind of file (such as a text file) renamed to .xlsx, or a damaged file",
  NOT_A_WORKBOOK: () => "the file is not an Excel workbook but another kind of file (such as a Word document) renamed to .xlsx",
  PART_ENCRYPTED: (p) => `${partEn(p)} in the archive is encrypted`,
  PART_COMPRESSION_UNSUPPORTED: (p) => `${partEn(p)} in the archive uses an unsupported compression method (${p.method})`,
  ZIP_END_MISSING: () => "the archive is incomplete (its closing directory is missing); the download or copy may have been cut short",
  ZIP_SPANNED: () => "this is one part of a split archive",
  ZIP64_DIRECTORY_INCOMPLETE: () => "the archive's directory information is incomplete",
  ZIP_DIRECTORY_BEYOND_END: () =>
    "the archive is incomplete (its directory runs past the end of the file); the download or copy may have been cut short",
  ZIP_DIRECTORY_DAMAGED: () => "the archive's directory is damaged",
  ENTRY_MISPLACED: (p) => `${partEn(p)} in the archive is incomplete or misplaced`,
  ENTRY_TRUNCATED: (p) => `${partEn(p)} in the archive is incomplete; the download or copy may have been cut short`,
  ENTRY_REPEATED: (p) => `the archive holds ${partEn(p)} twice`,
  ENTRIES_OVERLAP: (p) => `${partEn(p)} and ${q(p.other)} overlap in the archive`,
  STORED_SIZE_MISMATCH: (p) => `the size of ${partEn(p)} does not match the directory`,
  INFLATED_SIZE_MISMATCH: (p) => `the unpacked size of ${partEn(p)} does not match the directory`,
  INFLATED_LARGER: (p) => `${partEn(p)} unpacks to more than the directory declares`,
  CRC_MISMATCH: (p) => `the checksum (CRC) of ${partEn(p)} does not match: its content was altered or damaged`,
  DEFLATE_INVALID: (p) => `the compressed data of ${partEn(p)} is invalid`,
  PART_TOO_LARGE: (p) => `${partEn(p)} unpacks to ${mib(p.size)}, over the limit of ${mib(p.limit)} for one part`,
  CONTENT_TOO_LARGE: (p) => `what must be read unpacks to ${mib(p.size)} in all, over the limit of ${mib(p.limit)}`,
  CONTENT_TYPES_MISSING: (p) => `${p.part} (the list of content types every Excel workbook has) is missing`,
  SHEET_LIST_MISSING: (p) => `${p.part} has no list of sheets`,
  SHEET_PART_MISSING: (p) => `the content of the sheet ${q(p.sheet)} is missing`,
  SHEET_NAME_REPEATED: (p) => `two sheets are named ${q(p.sheet)} (sheet names must differ)`,
  ROW_NUMBER_INVALID: (p) => `${partEn(p)} has an invalid row number ${q(p.value)}`,
  CELL_ADDRESS_INVALID: (p) => `${partEn(p)} has an invalid cell reference ${q(p.value)}`,
  PART_EMPTY: (p) => `${partEn(p)} has no content`,
  SHARED_STRING_MISSING: (p) => `${partEn(p)} refers to a shared string that does not exist`,
  XML_INVALID: (p) => `${partEn(p)} is not valid XML (${renderCoded(XML_PROBLEMS_EN, p.problem)})`,
};

/** How each remedy's reasons are introduced: damaged, too large, or as they are. */
const UNREADABLE_LEAD_IN_EN: Readonly<Record<UnreadableRemedy | "save-as", (reason: string) => string>> = {
  reobtain: (reason) => `the file is damaged: ${reason}`,
  repair: (reason) => `the file is damaged: ${reason}`,
  split: (reason) =>
    `the file is too large or damaged: ${reason}. A normal assessment workbook is far smaller: the file may be damaged, or a malicious archive (a "zip bomb")`,
  "save-as": (reason) => reason,
  "not-a-workbook": (reason) => reason,
};

/** Why a file cannot be read, as one English clause (the issue's and the failure's). */
export function unreadableReasonEn(reason: UnreadableReason): string {
  return UNREADABLE_LEAD_IN_EN[UNREADABLE_REMEDY[reason.code]](renderCoded(UNREADABLE_REASONS_EN, reason));
}

const MERGE_SKIP_EN: Readonly<Record<MergeSkipReason, (branch: string) => string>> = {
  date: () => "the cell is formatted as a date, so it was not imported. Change it to a number and import again.",
  "no-branch-code": () => "the row has no branch code, so it was not imported.",
  "branch-repeated": (branch) => `the branch code ${q(branch)} appears again; only its first row was imported.`,
};

/** A rater merge's report, line by line. */
export const MERGE_REPORT_EN: Catalogue<MergeLineParams, string> = {
  MERGE_COPIED: (p) => `${q(p.sheet)}: ${p.cells} cell(s) imported.`,
  MERGE_CONFLICTS: (p) =>
    `${p.count} cell(s) are filled on both sides with different values and were not overwritten (the target's value is kept); please check:`,
  MERGE_CONFLICT: (p) =>
    `${p.sheet}!${p.cell}  branch ${p.branch}, item ${p.item}: the target holds ${q(p.target)}, the imported file ${q(p.incoming)}`,
  MERGE_BRANCHES_UNKNOWN: (p) =>
    `${p.branches.length} branch code(s) of the imported file have no row in the target's ${q(p.sheet)} and were not imported: ${p.branches.join(", ")}`,
  MERGE_ITEMS_UNKNOWN: (p) =>
    `${p.items.length} item code(s) of the imported file have no column in the target's ${q(p.sheet)} and were not imported: ${p.items.join(", ")}`,
  MERGE_SKIPPED: (p) => `${p.count} filled cell(s) were not imported:`,
  MERGE_SKIP: (p) => `imported file ${p.sheet}!${p.cell}: ${MERGE_SKIP_EN[p.reason](p.branch)}`,
  MERGE_MORE: (p) => `… and ${p.count} more`,
  MERGE_NOTES_APPENDED: (p) => `${q(p.sheet)}: ${p.rows} row(s) appended (notes the target already holds are not repeated).`,
  MERGE_NOTES_NOT_CARRIED: (p) =>
    `${q(p.sheet)} of the imported file has ${p.rows} row(s), but the target has no usable ${q(p.sheet)} sheet (header: ${p.titles.join(", ")}); they were not imported.`,
};

const CHOOSE_ANOTHER_OUTPUT = "Close the program using it (Excel, WPS…) or give another name or folder with -o, and try again.";

/** Every failure's English text (the task pane's English UI): what went wrong, and what to do next. */
export const FAILURE_MESSAGES_EN: FailureCatalogue = {
  FILE_NOT_FOUND: (p) => ({ what: `File not found: ${p.path}`, next: "Check the file name and its folder." }),
  FILE_IS_FOLDER: (p) => ({ what: `This is a folder, not a workbook: ${p.path}`, next: "Give an .xlsx file in that folder." }),
  FILE_NOT_OPENED: (p) => ({
    what: `Cannot open ${p.path} (${osReason(p.reason)})`,
    next: "Make sure you may read it and no other program holds it exclusively, and try again.",
  }),
  OUTPUT_IS_INPUT: (p) => ({
    what: `The output ${p.output} is ${ROLE[p.role]} ${p.input} (the same file, through a link or a path differing only in case)`,
    next: "Original files are never modified: give another file name with -o.",
  }),
  INPUTS_ARE_ONE_FILE: (p) => ({
    what: `The target ${p.target} and the rater's workbook ${p.rater} are the same file`,
    next: "Give the workbook the rater sent back.",
  }),
  OUTPUT_IS_FOLDER: (p) => ({
    what: `The output ${p.path} is a folder`,
    next: "Give a file name ending in .xlsx after -o, e.g. results/scored.xlsx.",
  }),
  OUTPUT_NOT_FOLDER: (p) => ({
    what: `-o ${p.path} is a file; the demo writes into a folder`,
    next: "Give a folder with -o (it is created if missing).",
  }),
  OUTPUT_EXISTS: (p) => ({
    what: `The file already exists: ${p.path}`,
    next: "So as not to overwrite a filled-in workbook, choose another name or delete it first.",
  }),
  OUTPUT_LOCKED: (p) => ({
    what: `Cannot write ${p.path}: another program has it open, or it may not be written`,
    next: CHOOSE_ANOTHER_OUTPUT,
  }),
  OUTPUT_DISK_FULL: (p) => ({
    what: `The disk is full: cannot write ${p.path}`,
    next: "Free some space, or give another folder with -o, and try again.",
  }),
  OUTPUT_NOT_WRITTEN: (p) => ({
    what: `Cannot write ${p.path} (${osReason(p.reason)})`,
    next: "Make sure its folder exists and may be written, or give another one with -o.",
  }),

  WORKBOOK_UNREADABLE: (p) => ({
    what: `Cannot read ${p.file !== undefined ? q(p.file) : ROLE[p.role ?? "input"]}: ${clause(unreadableReasonEn(p.reason))}`,
    next: UNREADABLE_NEXT_EN[UNREADABLE_REMEDY[p.reason.code]],
  }),
  WORKBOOK_STRICT: () => ({
    what: 'The workbook is in "Strict Open XML" format: it can be read and scored, but results cannot be written into such a file without damaging it, so nothing was written',
    next: 'In Excel choose File → Save As, type "Excel Workbook (*.xlsx)", and run again on the saved copy.',
  }),
  OUTPUT_SHEET_NOT_WORKSHEET: (p) => ({
    what: `The sheet ${q(p.sheet)} is not a worksheet (e.g. a chart sheet); results cannot be written`,
    next: "Rename or delete it and try again.",
  }),
  OUTPUT_LOG_FULL: (p) => ({
    what: `The sheet ${q(p.sheet)} reaches Excel's last row (1,048,576): this run's record cannot be added, so no results were written`,
    next: `Rename ${q(p.sheet)} (e.g. to ${q(`${p.sheet} (old)`)}) or delete rows it no longer needs, and run again; a new ${q(p.sheet)} is started.`,
  }),
  SHEET_NOT_FOUND: (p) => ({
    what: `The workbook has no sheet ${q(p.sheet)}`,
    next: "Check that it was not renamed or deleted, and try again.",
  }),
  SHEET_NOT_WORKSHEET: (p) => ({
    what: `${q(p.sheet)} is not a worksheet (e.g. a chart sheet); cells cannot be written`,
    next: "Use a workbook made by New template, or rename the chart sheet, and try again.",
  }),
  SHEET_PROTECTED: (p) => ({
    what: `The sheet ${q(p.sheet)} is protected; some cells are locked`,
    next: "Unprotect it in Excel (Review → Unprotect Sheet) and try again.",
  }),
  INPUT_SHEET_EXISTS: (p) => ({
    what: `The workbook already has the input sheet ${q(p.sheet)}; it is not overwritten`,
    next: "Create the template in a new blank workbook.",
  }),
  TEMPLATE_SHEETS_EXIST: (p) => ({
    what: `The workbook already has the sheets ${p.sheets.map(q).join(", ")}; a new template does not overwrite them`,
    next: "Create the template in a new blank workbook; after changing this workbook's 支部名册 or 评分细则, choose “Regenerate from this workbook's roster” instead.",
  }),
  PERIOD_INVALID: (p) => ({
    what: `Invalid period ${q(p.value)}`,
    next: "Type a quarter such as 2026Q3, 2026-Q3 or 2026年第三季度 (quarters 1–4).",
  }),

  EXCEL_NOT_READY: () => ({
    what: "Excel is not ready: this works only inside Excel",
    next: "Open the task pane in Excel, or use the browser file mode.",
  }),
  EXCEL_CELL_EDITING: () => ({
    what: "Excel is editing a cell and cannot read or write the workbook now",
    next: "Press Enter or Esc to finish editing the cell, and try again.",
  }),
  EXCEL_ACCESS_DENIED: () => ({
    what: "The workbook or a sheet is protected and cannot be written",
    next: "Remove the protection in Excel (Review → Unprotect Sheet / Protect Workbook) and try again.",
  }),
  NO_WORKBOOK_OPEN: () => ({ what: "No assessment workbook is open", next: "Open the assessment workbook (.xlsx) first." }),
  FILE_NOT_XLSX: (p) => ({
    what: `${q(p.name)} is not an .xlsx workbook`,
    next: "Choose an Excel workbook (*.xlsx); save older formats such as .xls as .xlsx in Excel first.",
  }),
  RATER_FILE_NOT_CHOSEN: () => ({
    what: "No returned rater workbook was chosen",
    next: "Choose the workbook a rater sent back first, then Import.",
  }),
  ROSTER_FILE_NOT_CHOSEN: () => ({
    what: "No roster file was chosen",
    next: 'Choose an .xlsx or .csv roster with "Choose roster file…" first, then New template.',
  }),

  MERGE_GRID_UNKNOWN: (p) => ({ what: `Unknown grid ${q(p.as)}`, next: `Give one of ${p.grids.join(", ")}.` }),
  MERGE_NOTHING_FILLED: (p) => ({
    what: `None of ${p.grids.join(", ")} in the imported file holds any score`,
    next: "Make sure you chose the workbook the rater filled in and sent back.",
  }),
  MERGE_AMBIGUOUS: (p) => ({
    what: `Several grids in the imported file hold scores (${p.filled.map((f) => `${f.sheet}: ${f.cells} cells`).join(", ")}); which one to import is unclear`,
    next: `Choose the grid to import under “Import as” (e.g. ${p.filled[0]?.sheet ?? "评分A"}) and import again.`,
  }),
  MERGE_SHEET_MISSING: (p) =>
    p.in === "rater"
      ? {
          what: `The imported file has no sheet ${q(p.sheet)}`,
          next: "Make sure you chose the rater's returned workbook, or name the grid it really holds.",
        }
      : {
          what: `The target workbook has no sheet ${q(p.sheet)}; nothing can be imported into it`,
          next: "Use a workbook made by New template as the target.",
        },
  MERGE_HEADER_MISSING: (p) => ({
    what: `The sheet ${q(p.sheet)} of the ${p.in === "rater" ? "imported file" : "target workbook"} has no header in its first 10 rows`,
    next: "Keep the template's header row (the row with 支部编码 in column A) and try again.",
  }),

  ROSTER_NOT_FOUND: (p) => ({ what: `No roster found in ${q(p.file)}`, next: rosterHeader(p) }),
  ROSTER_NOT_A_ROSTER: (p) => ({ what: `${q(p.file)} is not a roster`, next: rosterHeader(p) }),
  ROSTER_ENCODING: (p) => ({
    what: `The text encoding of ${q(p.file)} is not UTF-8 or GBK (GB18030)`,
    next: 'Save it from Excel as "CSV UTF-8 (Comma delimited)", or use the .xlsx file.',
  }),
  ROSTER_PROBLEMS: (p) => ({
    what: `The roster in ${q(p.file)} has ${p.count} problem(s); no template was written`,
    next: "Correct them and try again:",
  }),
  ROSTER_RULES_PROBLEMS: (p) => ({
    what: `The rules in ${q(p.file)} have ${p.count} problem(s); no template was written`,
    next: "Correct them and try again:",
  }),
  ROSTER_FILE_TYPE: (p) => ({
    what: `${q(p.name)} is neither an .xlsx workbook nor a .csv file, so it cannot be a roster`,
    next: 'Choose an .xlsx or .csv roster; save an old .xls in Excel as .xlsx or "CSV UTF-8 (Comma delimited)" first.',
  }),

  OWN_ROSTER_MISSING: (p) => ({
    what: p.sheet ? "The workbook's 支部名册 has no header in its first 10 rows" : "The workbook has no 支部名册 sheet",
    next: `${p.sheet ? "Add the header row to 支部名册" : "Add a sheet named 支部名册"}: ${p.required.join(", ")} (optionally ${p.optional.join(", ")}), then one row per branch; or choose a roster file instead.`,
  }),
  OWN_SHEET_PROBLEMS: (p) => ({
    what: `The workbook's ${q(p.sheet)} has ${p.count} problem(s); the grids were not regenerated and nothing was changed`,
    next: "Correct the problems listed below and try again:",
  }),
  OWN_SHEET_HEADER_MISSING: (p) => ({
    what: `The workbook's ${q(p.sheet)} has no header (${p.titles.join(", ")}) in its first 10 rows, so what was typed cannot be placed by code`,
    next: "Restore the sheet's header row and try again; nothing was changed.",
  }),
};
