import { CATEGORIES } from "./categories.js";
import type {
  BranchRef,
  MessageCatalogue,
  QuarterIssueCode,
  RuleItemKey,
  RuleProblem,
  RulesDifference,
  VetoAnswer,
  Where,
} from "./issues.js";
import { UNREADABLE_REMEDY } from "./failure.js";
import { UNREADABLE_NEXT_EN, unreadableReasonEn } from "./failure-messages-en.js";
import { ITEM_TYPES } from "./rules.js";
import {
  ANNUAL_METHODS,
  ARBITRATION_RULES,
  NOTE_REQUIREMENTS,
  RANKING_MODES,
  SETTING_NAMES,
  SETTING_SPECS,
  type SettingField,
  type SettingName,
} from "./settings.js";
import { LEFTOVER_MARK } from "./ledger.js";
import { OUTPUT_SHEETS, PREVIOUS_STARS_TITLE, SHEETS, TABLES } from "./sheets.js";
import { WORDS } from "./terms.js";

// English for the task pane's English UI. Sheet names, column titles and the words people type
// into cells are the workbook's own (Chinese) and come from the model, never from this file.

const q = (s: string): string => `“${s}”`;
const at = (w: Where): string => (w.cell ? `${w.sheet}!${w.cell}` : `sheet ${q(w.sheet ?? "")}`);
const list = (items: readonly string[]): string => items.map(q).join(", ");
const either = (items: readonly string[]): string =>
  items.length < 2 ? list(items) : `${items.slice(0, -1).map(q).join(", ")} or ${q(items.at(-1)!)}`;
const score = (max: number): string => `Enter a score from 0 to ${max} (at most two decimals).`;

/** What each setting's value must look like, by the field it sets. */
export const SETTING_EXPECTED_EN: Readonly<Record<SettingField, string>> = {
  period: "Enter a quarter such as 2026Q3 or 2026-Q3 (quarters 1 to 4)",
  raterAName: "Enter the name of the first rater",
  raterBName: "Enter the name of the second rater",
  toleranceRatio: "Enter a ratio above 0 and at most 1, such as 0.25 or 25%",
  arbitration: `Enter ${either(ARBITRATION_RULES)} (nearest of three, or arbitration decides)`,
  bonusCap: "Enter a number of at least 0 with at most two decimals, such as 5",
  vetoStarCap: "Enter a whole number from 0 to 5 (0: no stars)",
  vetoLast: `Enter ${either([WORDS.yes, WORDS.no])}`,
  starThresholds: "Enter four numbers from high to low, separated by commas, such as 90,80,70,60",
  ranking: `Enter ${either(RANKING_MODES)} (1,2,2,4 or 1,2,2,3)`,
  deductionNotes: `Enter ${either(NOTE_REQUIREMENTS)} (required, warn, or do not check)`,
  annualMethod: `Enter ${either(ANNUAL_METHODS)} (the mean of the quarters' totals, or weighted by the quarter weights)`,
  quarterWeights: "Enter four numbers above 0 (Q1 to Q4), separated by commas, such as 1,1,1,1 or 1,1,1,2",
  fiveStarCap: "Enter a ratio above 0 and at most 1, such as 0.1 or 10%; leave it blank for no quota",
  fourStarCap: "Enter a ratio above 0 and at most 1, such as 0.1 or 10%; leave it blank for no quota",
  stepwise: `Enter ${either([WORDS.yes, WORDS.no])}`,
};

const RULE_PROBLEM: { readonly [P in RuleProblem["problem"]]: (p: Extract<RuleProblem, { problem: P }>) => string } = {
  "code-missing": () => "the row has no item code",
  "code-repeated": (p) => `the code ${q(p.value)} repeats an earlier row; give each item its own code`,
  "type-invalid": (p) => `the type ${q(p.value)} is not valid; enter ${either(Object.keys(ITEM_TYPES))}`,
  "points-invalid": (p) => `the points ${q(p.value)} are not valid; enter a number above 0 with at most two decimals`,
  "points-too-large": (p) => `the points ${q(p.value)} are too many; enter a number of at most ${p.max}`,
  "area-missing": () => "a base item needs its assessment area",
  "categories-invalid": (p) => `the categories ${list(p.values)} are not valid; enter any of ${list(CATEGORIES)}, separated by commas`,
  "tolerance-invalid": (p) =>
    `the tolerance ${q(p.value)} is not valid; enter a number of at least 0 with at most two decimals, or leave it blank`,
  "tolerance-too-large": (p) => `the tolerance ${q(p.value)} is too large; enter a number of at most ${p.max}, or leave it blank`,
  "no-base-item": () => `there is no item of the type ${q(Object.keys(ITEM_TYPES)[0]!)}; at least one is needed`,
};

const ruleProblem = (p: RuleProblem): string => (RULE_PROBLEM[p.problem] as (p: RuleProblem) => string)(p);

const VETO_ANSWER: Readonly<Record<VetoAnswer, string>> = { yes: WORDS.yes, no: WORDS.no, blank: "blank" };

// The year's grade (annual.md).
const who = (b: BranchRef): string => (b.name === "" ? `branch ${q(b.code)}` : `branch ${q(`${b.code} ${b.name}`)}`);
const categoryName = (c: string | null): string => (c === null ? "an invalid category" : q(c));
const LEVEL = { 5: "five stars", 4: "four stars", 3: "three stars" } as const;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
/** The name of the setting that sets a field, as the workbook has it. */
const settingName = (field: SettingField): SettingName => SETTING_NAMES.find((n) => SETTING_SPECS[n].field === field)!;
const QUOTA_FIELD = { 5: "fiveStarCap", 4: "fourStarCap" } as const;

/** A quarter's fatal problem in a few words (its own report has the details). */
function fatalProblem(first: { readonly code: QuarterIssueCode; readonly sheet: string | null }): string {
  switch (first.code) {
    case "SHEET_MISSING":
      return `the sheet ${q(first.sheet ?? "")} is missing`;
    case "HEADER_MISSING":
      return `sheet ${q(first.sheet ?? "")} has no header row`;
    case "RULE_INVALID":
      return "the rules are wrong";
    case "ROSTER_EMPTY":
      return "the roster has no branch";
    default:
      return "no results could be computed";
  }
}

const ruleItem = (it: RuleItemKey): string =>
  `${it.code} (${it.type}, ${it.area === "" ? "no area" : it.area}${it.points === null ? "" : `, ${plural(it.points, "point")}`})`;

const rulesDifference = (d: RulesDifference): string =>
  d.kind === "item"
    ? `item ${d.position}: ${ruleItem(d.quarter)} in this quarter, ${ruleItem(d.latest)} in the latest`
    : `${plural(d.quarter, "item")} in this quarter, ${d.latest} in the latest`;

/** Every issue's English message: what is wrong and what to do next. */
export const MESSAGES_EN: MessageCatalogue = {
  WORKBOOK_UNREADABLE: (p) =>
    `The file cannot be read: ${unreadableReasonEn(p.reason).replace(/[.\s]+$/u, "")}. ${
      UNREADABLE_REMEDY[p.reason.code] === "save-as"
        ? "Save it from Excel as an .xlsx workbook without a password and try again."
        : UNREADABLE_NEXT_EN[UNREADABLE_REMEDY[p.reason.code]]
    }`,
  SHEET_MISSING: (_, w) =>
    `The required sheet ${q(w.sheet ?? "")} is missing. Use a workbook made by “New template”, or add the sheet (the name must match exactly).`,
  HEADER_MISSING: (p, w) =>
    `No header row found in the first 10 rows of sheet ${q(w.sheet ?? "")} (expected: ${
      p.layout === "grid" ? `${q(p.titles[0])} in column A, ${q(p.titles[1])} in column B, item codes from column C` : list(p.titles)
    }). Put these column titles in the table's first row.`,
  SETTING_UNKNOWN: (p, w) =>
    `${at(w)}: unknown setting ${q(p.name)}, ignored. To set something, use one of the settings ${list(p.known)}; otherwise delete the row.`,
  SETTING_INVALID: (p, w) => {
    if (p.problem === "unnamed") return `${at(w)}: this row has a value but no setting name. Enter the setting's name, or delete the row.`;
    const head = `${at(w)}: the value ${q(p.value)} of the setting ${q(p.setting)} is not valid.`;
    if (p.problem === "repeated") return `${head} The setting appears twice; only its first value counts. Delete the repeated row.`;
    if (p.problem === "too-large") return `${head} It is too large: enter a number of at most ${p.max}; the default is used.`;
    return `${head} ${p.notText ? "Enter text or a number (not a date, a logical value or an error)" : SETTING_EXPECTED_EN[SETTING_SPECS[p.setting].field]}; the default is used.`;
  },
  PERIOD_MISSING: () => `The settings have no assessment period. Enter it in sheet ${q(SHEETS.settings)}, e.g. 2026Q3.`,
  RULE_INVALID: (p, w) =>
    w.cell
      ? `${at(w)}: the rules are wrong: ${ruleProblem(p)}. No results can be computed until the rules are corrected.`
      : `The rules are wrong: ${ruleProblem(p)}.`,
  RULE_TOTAL_NOT_100: (p) =>
    `The base items' points add up to ${p.total}, not 100. Base scores are still scaled to 100; if this is not intended, check the points.`,
  ROSTER_EMPTY: () =>
    `The roster has no branch with a branch code. In sheet ${q(SHEETS.roster)}, enter one branch per row with ${list(TABLES.roster.required)}.`,
  BRANCH_CODE_MISSING: (_, w) => `${at(w)}: this row has content but no branch code. Enter the branch code, or delete the row.`,
  BRANCH_DUPLICATE: (p, w) =>
    `${at(w)}: the branch code ${q(p.branch)} appears again; only its first row counts. Delete or correct the repeated row.`,
  CATEGORY_INVALID: (p, w) =>
    `${at(w)}: the category ${q(p.value)} is not valid. Enter one of ${list(CATEGORIES)}. Until then the branch has no category rank and every item applies to it.`,
  HEADER_ITEM_MISSING: (p, w) =>
    `The header of sheet ${q(w.sheet ?? "")} has no column for item ${p.item}. Add a column with that code to the header row (as in the rules).`,
  HEADER_ITEM_DUPLICATE: (p, w) => `${at(w)}: the column of item ${q(p.item)} repeats; only the first counts. Delete the repeated column.`,
  HEADER_ITEM_UNKNOWN: (p, w) =>
    `${at(w)}: the header ${q(p.value)} is not an item code of the rules; the column is ignored (remark columns may stay).`,
  BRANCH_UNKNOWN: (p, w) =>
    `${at(w)}: the branch code ${q(p.branch)} is not in the roster; the row is ignored. Check the code, or add the branch to the roster first.`,
  BRANCH_NOT_SCORED: (p, w) =>
    `Sheet ${q(w.sheet ?? "")} has no scoring row for these branches: ${p.branches.join(", ")}. Enter a row for every branch of the roster.`,
  BRANCH_NAME_MISMATCH: (p, w) =>
    `${at(w)}: the branch name ${q(p.name)} differs from ${q(p.rosterName)} in the roster (matched by the branch code ${q(p.branch)}). Please check.`,
  SCORE_MISSING: (p, w) => `${at(w)}: branch ${q(p.branch)} has no score for item ${q(p.item)}. ${score(p.max)}`,
  CELL_ERROR_VALUE: (p, w) =>
    `${at(w)}: the cell holds the error ${p.value} and counts as blank. Replace it with a valid score or content.`,
  SCORE_NA_IGNORED: (p, w) =>
    `${at(w)}: item ${q(p.item)} does not apply to this branch's category; ${q(p.value)} is ignored. Leave the cell blank or enter ${q(WORDS.notApplicable)}.`,
  SCORE_NA_NOT_ALLOWED: (p, w) => `${at(w)}: item ${q(p.item)} applies to this branch, so ${q(p.value)} is not allowed. ${score(p.max)}`,
  SCORE_NOT_NUMBER: (p, w) => `${at(w)}: ${q(p.value)} is not a number and counts as blank. ${score(p.max)}`,
  SCORE_NORMALIZED: (p, w) =>
    `${at(w)}: the score was entered as text (${q(p.value)}) and counted as the number ${p.score}. Better format the cell as a number.`,
  SCORE_PRECISION: (p, w) =>
    `${at(w)}: the score ${p.value} has more than two decimals and counts as blank. Enter a score with at most two decimals.`,
  SCORE_OUT_OF_RANGE: (p, w) =>
    `${at(w)}: the score ${p.value} is out of range and counts as blank. Scores of item ${q(p.item)} are from 0 to ${p.max}.`,
  VETO_INVALID: (p, w) =>
    `${at(w)}: a veto item takes only ${either([WORDS.yes, WORDS.no])}; ${q(p.value)} is not valid and counts as ${q(WORDS.no)}. Change it to ${either([WORDS.yes, WORDS.no])}.`,
  DISPUTE_PENDING: (p, w) =>
    `${at(w)}: the raters' scores for item ${q(p.item)} of branch ${q(p.branch)} differ by more than the tolerance (${p.raterA} ${p.scoreA}, ${p.raterB} ${p.scoreB}, tolerance ${p.tolerance}) and need arbitration. Enter an arbitration score in sheet ${q(SHEETS.arbitration)}; until then the mean of the two counts.`,
  VETO_DISPUTE_PENDING: (p, w) =>
    `${at(w)}: the raters disagree on veto item ${q(p.item)} of branch ${q(p.branch)} (${p.raterA}: ${VETO_ANSWER[p.answerA]}, ${p.raterB}: ${VETO_ANSWER[p.answerB]}) and it needs arbitration. Enter ${either([WORDS.yes, WORDS.no])} in sheet ${q(SHEETS.arbitration)}; until then it counts as ${q(WORDS.yes)} (vetoed).`,
  ARBITRATION_IGNORED: (p, w) =>
    `${at(w)}: item ${q(p.item)} of branch ${q(p.branch)} is not disputed; the arbitration ${q(typeof p.arbitration === "boolean" ? (p.arbitration ? WORDS.yes : WORDS.no) : String(p.arbitration))} is ignored. Clear the cell, or check whether it was entered in the wrong row or column.`,
  DEDUCTION_NOTE_MISSING: (p, w) =>
    "count" in p
      ? `The workbook has no sheet ${q(SHEETS.notes)}; ${p.count} deductions have no note. Add the sheet with the columns ${list(TABLES.notes.required)}.`
      : `${at(w)}: item ${q(p.item)} of branch ${q(p.branch)} lost points (${p.score} of ${p.max}) but sheet ${q(SHEETS.notes)} has no note from this rater. Add one.`,

  LEDGER_HEADER_MISSING: (p) =>
    `No header row found in the first 10 rows of sheet ${q(OUTPUT_SHEETS.ledger)} (expected: ${list(p.titles)}), so what was typed in it cannot be read; this run left the sheet as it was. Put these column titles back and score again, or rename the old sheet if it is no longer needed and score again.`,
  LEDGER_ROW_UNREADABLE: (p) =>
    `Row ${p.row} of sheet ${q(OUTPUT_SHEETS.ledger)} has rectification entries but no branch code or item code, so it matches no deduction. It is kept as it was at the end of the ledger (marked ${q(LEFTOVER_MARK["no-key"])} in the deduction column); add the codes and score again, or move the entries to the matching row.`,

  ANNUAL_QUARTER_UNUSABLE: (p, w) =>
    p.reason === "fatal"
      ? p.first.code === "WORKBOOK_UNREADABLE"
        ? `The file ${q(w.file ?? "")} cannot be read as an Excel workbook and is left out of the annual grade. Make sure it is a quarterly assessment workbook (.xlsx); save an old .xls file or one with a password from Excel as an .xlsx workbook without a password and try again.`
        : `The quarterly assessment of workbook ${q(w.file ?? "")} has ${plural(p.fatal, "fatal problem")} (${fatalProblem(p.first)}) and no results, so it is left out of the annual grade. Open the workbook, correct it as its sheet ${q(OUTPUT_SHEETS.report)} says and score it again, then grade the year again.`
      : p.missing
        ? `Workbook ${q(w.file ?? "")} has no assessment period in sheet ${q(SHEETS.settings)}, so its quarter is unknown and it is left out of the annual grade. Enter the period (e.g. 2026Q3), score it again and try again.`
        : `The assessment period of workbook ${q(w.file ?? "")} is not valid (see its sheet ${q(OUTPUT_SHEETS.report)}), so its quarter is unknown and it is left out of the annual grade. Write it like 2026Q3, score it again and try again.`,
  ANNUAL_YEAR_MIXED: (p) =>
    `The quarterly workbooks belong to different years (${p.years.map((y) => `${y.year}: ${y.files.join(", ")}`).join("; ")}). The annual grade takes the quarters of one year: choose the workbooks of one year only and try again.`,
  ANNUAL_QUARTER_DUPLICATE: (p, w) =>
    `Workbooks ${q(w.file ?? "")} and ${q(p.firstFile)} are both the assessment of ${w.period ?? ""}; a quarter can have only one workbook. Remove one of them (or correct its period) and try again.`,
  ANNUAL_NO_QUARTER: (p) =>
    p.given === 0
      ? "No quarterly workbook was chosen. Choose this year's quarterly assessment workbooks (.xlsx) and try again."
      : `None of the ${plural(p.given, "workbook")} given can be placed in the year (see each workbook's problem). Correct them and try again.`,
  ANNUAL_QUARTER_ABSENT: (_, w) =>
    `There is no workbook for ${w.period ?? ""}: the annual result is computed from the quarters given and is provisional. Once that quarter is assessed, add its workbook and grade the year again.`,
  ANNUAL_QUARTER_PROVISIONAL: (p, w) =>
    `The quarterly result of ${w.period ?? ""} (${w.file ?? ""}) is provisional (${plural(p.errors, "error")}, see that workbook's sheet ${q(OUTPUT_SHEETS.report)}), so the annual result is provisional too. Correct that workbook and score it again, then grade the year again.`,
  PREVIOUS_STARS_INVALID: (p, w) =>
    `${at(w)}: the ${q(PREVIOUS_STARS_TITLE)} value ${q(p.value)} of ${who(p.branch)} is not valid and counts as none. Enter a whole number from 0 to 5 (0: no stars) or stars such as ★★★★☆; leave it blank if there is none.`,
  ANNUAL_RULES_CHANGED: (p, w) =>
    `The rules of ${w.period ?? ""} (${w.file ?? ""}) differ from those of the latest quarter ${p.latest} (${rulesDifference(p.difference)}). Each quarter's totals still count as computed by its own rules; if the rules were not meant to change, check that quarter's sheet ${q(SHEETS.rules)}.`,
  ANNUAL_BRANCH_PARTIAL: (p) =>
    `Of the ${plural(p.usable, "quarter")} in the annual grade, ${who(p.branch)} has results only in ${p.periods.join(", ")}; its annual score is computed over these ${p.periods.length} (e.g. a branch set up during the year). If none should be missing, check its branch code in the other quarters' rosters.`,
  ANNUAL_BRANCH_DROPPED: (p) =>
    `The ${who(p.branch)} was assessed in ${p.periods.join(", ")} but is not in the roster of the latest quarter (${p.latest}), so it is not graded (e.g. closed or merged). If it should be, add it to the roster of the ${p.latest} workbook, score it again and grade the year again.`,
  ANNUAL_CATEGORY_CHANGED: (p) =>
    `The category of ${who(p.branch)} changed during the year (${p.changes.map((c) => `${c.period}: ${categoryName(c.category)}`).join("; ")}); the annual category ranking uses the latest quarter's ${categoryName(p.category)}. If this is wrong, correct the roster of that quarter.`,
  ANNUAL_QUOTA_TIE: (p) =>
    `The quota for ${LEVEL[p.level]} is ${p.cap}, but ${p.tied} branches share rank ${p.rank} with the same annual score, across the quota line: a quota is a ceiling, so the tied branches all drop to ${LEVEL[(p.level - 1) as 4 | 3]} and ${p.kept} ${p.kept === 1 ? "branch keeps" : "branches keep"} ${LEVEL[p.level]}. To change this, edit the setting ${q(settingName(QUOTA_FIELD[p.level]))} in sheet ${q(SHEETS.settings)}.`,
};
