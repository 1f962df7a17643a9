import { CATEGORIES } from "./categories.js";
import { UNREADABLE_NEXT_EN } from "./failure-messages-en.js";
import type { MessageCatalogue, RuleProblem, VetoAnswer, Where } from "./issues.js";
import { ITEM_TYPES } from "./rules.js";
import { ARBITRATION_RULES, NOTE_REQUIREMENTS, RANKING_MODES, SETTING_SPECS, type SettingField } from "./settings.js";
import { SHEETS, TABLES } from "./sheets.js";
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

/** Every issue's English message: what is wrong and what to do next. */
export const MESSAGES_EN: MessageCatalogue = {
  WORKBOOK_UNREADABLE: (p) =>
    `The file cannot be read: ${p.reason.replace(/[\u3002.\s]+$/u, "")}. ${
      p.remedy === undefined ? "Save it from Excel as an .xlsx workbook without a password and try again." : UNREADABLE_NEXT_EN[p.remedy]
    }`,
  SHEET_MISSING: (_, w) =>
    `The required sheet ${q(w.sheet ?? "")} is missing. Use a workbook made by “New template”, or add the sheet (the name must match exactly).`,
  HEADER_MISSING: (p, w) =>
    `No header row found in the first 10 rows of sheet ${q(w.sheet ?? "")} (expected: ${
      p.layout === "grid" ? `${q(p.titles[0])} in column A, ${q(p.titles[1])} in column B, item codes from column C` : list(p.titles)
    }). Put these column titles in the table's first row.`,
  SETTING_UNKNOWN: (p, w) => `${at(w)}: unknown setting ${q(p.name)}, ignored. The settings are: ${list(p.known)}.`,
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
    `${at(w)}: a veto item takes only ${either([WORDS.yes, WORDS.no])}; ${q(p.value)} is not valid and counts as ${q(WORDS.no)}.`,
  DISPUTE_PENDING: (p, w) =>
    `${at(w)}: the raters' scores for item ${q(p.item)} of branch ${q(p.branch)} differ by more than the tolerance (${p.raterA} ${p.scoreA}, ${p.raterB} ${p.scoreB}, tolerance ${p.tolerance}) and need arbitration. Enter an arbitration score in sheet ${q(SHEETS.arbitration)}; until then the mean of the two counts.`,
  VETO_DISPUTE_PENDING: (p, w) =>
    `${at(w)}: the raters disagree on veto item ${q(p.item)} of branch ${q(p.branch)} (${p.raterA}: ${VETO_ANSWER[p.answerA]}, ${p.raterB}: ${VETO_ANSWER[p.answerB]}) and it needs arbitration. Enter ${either([WORDS.yes, WORDS.no])} in sheet ${q(SHEETS.arbitration)}; until then it counts as ${q(WORDS.yes)} (vetoed).`,
  ARBITRATION_IGNORED: (p, w) =>
    `${at(w)}: item ${q(p.item)} of branch ${q(p.branch)} is not disputed; the arbitration ${q(typeof p.arbitration === "boolean" ? (p.arbitration ? WORDS.yes : WORDS.no) : String(p.arbitration))} is ignored.`,
  DEDUCTION_NOTE_MISSING: (p, w) =>
    "count" in p
      ? `The workbook has no sheet ${q(SHEETS.notes)}; ${p.count} deductions have no note. Add the sheet with the columns ${list(TABLES.notes.required)}.`
      : `${at(w)}: item ${q(p.item)} of branch ${q(p.branch)} lost points (${p.score} of ${p.max}) but sheet ${q(SHEETS.notes)} has no note from this rater. Add one.`,
};
