/**
 * 新建考核模板 from a roster file or the example branches (the task pane's 选择名册文件 and the
 * CLI's --branches): the template's sheets, and what they were made from, for the caller to say.
 */
import type { WorkbookReader } from "../io/workbook.js";
import { defaultRules } from "../model/default-rules.js";
import type { Rules } from "../model/rules.js";
import type { SheetSpec } from "../report/sheet-spec.js";
import { rosterFromFile } from "./roster-source.js";
import { EXAMPLE_BRANCHES, templateSheets } from "./template-workbook.js";

/** A roster file people chose (its name and bytes), or the example branches. */
export type RosterChoice = { readonly kind: "file"; readonly fileName: string; readonly bytes: Uint8Array } | { readonly kind: "example" };

export interface NewTemplate {
  readonly sheets: SheetSpec[];
  readonly rules: Rules;
  readonly branches: number;
  /** The roster file and the sheet of it the roster came from (the file name for a CSV); null for the examples. */
  readonly source: { readonly file: string; readonly sheet: string } | null;
  /** Rules and settings carried over from a whole assessment workbook given as the roster (its period is not). */
  readonly rulesCarried: boolean;
  readonly settingsCarried: boolean;
  readonly period: string | null;
  /** Example codes (示例01…) still in a roster file: people may have meant to replace them. */
  readonly exampleCodes: readonly string[];
}

/** The new template's sheets; a roster file with problems throws a UserError listing them. `open` reads an .xlsx. */
export async function newTemplate(
  choice: RosterChoice,
  period: string | null,
  open: (bytes: Uint8Array) => WorkbookReader,
): Promise<NewTemplate> {
  const roster = choice.kind === "file" ? await rosterFromFile(choice.bytes, choice.fileName, open) : null;
  const rules = roster?.rules ?? defaultRules();
  return {
    sheets: templateSheets({ rules, branches: roster?.branches ?? null, period, settings: roster?.settings ?? {} }),
    rules,
    branches: roster?.branches.length ?? 0,
    source: roster && choice.kind === "file" ? { file: choice.fileName, sheet: roster.sheet } : null,
    rulesCarried: (roster?.rules ?? null) !== null,
    settingsCarried: (roster?.settings ?? null) !== null,
    period,
    exampleCodes: (roster?.branches ?? []).filter((b) => EXAMPLE_BRANCHES.some((e) => e.code === b.code)).map((b) => b.code),
  };
}

/** What a task pane says about a new template (TemplateOutcome's "created" fields). */
export function createdOutcome(t: NewTemplate) {
  return {
    branches: t.branches,
    source: t.source,
    rulesCarried: t.rulesCarried,
    settingsCarried: t.settingsCarried,
    period: t.period,
  };
}
