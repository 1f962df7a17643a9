import { a1 } from "../model/cell.js";
import { issue, type Issue } from "../model/issues.js";
import { DEFAULT_SETTINGS, SETTING_NAMES, SETTING_SPECS, type SettingName, type Settings } from "../model/settings.js";
import { SHEETS } from "../model/sheets.js";
import { dataRows, type Table } from "./table.js";
import { cellText, isBlank, keyText, normalizeText } from "./text.js";

/**
 * Reads 考核设置: every row a 设置项 and its 值. Unknown names warn, invalid values fall back
 * to the default with an error, a missing or blank setting silently takes the default.
 */
export function readSettings(table: Table): { settings: Settings; issues: Issue[] } {
  const issues: Issue[] = [];
  const values: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const seen = new Set<SettingName>();
  let periodGiven = false;
  const nameCol = table.columns.get("设置项")!;
  const valueCol = table.columns.get("值")!;
  const where = (r: number, c: number) => ({ sheet: SHEETS.settings, cell: a1(r, c) });

  for (const { index: r, cells } of dataRows(table.grid, table.headerRow)) {
    const nameCell = cells[nameCol] ?? null;
    const valueCell = cells[valueCol] ?? null;
    const name = keyText(nameCell);
    if (name === "") {
      if (!isBlank(valueCell)) {
        issues.push(issue("error", "SETTING_INVALID", where(r, nameCol), { problem: "unnamed", value: cellText(valueCell) }));
      }
      continue;
    }
    if (!(SETTING_NAMES as string[]).includes(name)) {
      issues.push(issue("warning", "SETTING_UNKNOWN", where(r, nameCol), { name, known: SETTING_NAMES }));
      continue;
    }
    if (isBlank(valueCell)) continue;
    const key = name as SettingName;
    const spec = SETTING_SPECS[key];
    if (seen.has(key)) {
      issues.push(issue("error", "SETTING_INVALID", where(r, valueCol), { problem: "repeated", setting: key, value: cellText(valueCell) }));
      continue;
    }
    seen.add(key);
    if (key === "考核周期") periodGiven = true;
    const input = settingInput(valueCell);
    const parsed = input === null ? null : spec.schema.safeParse(input);
    if (parsed?.success) {
      values[spec.field] = parsed.data;
    } else {
      const max =
        parsed?.error.issues[0]?.code === "custom" ? (parsed.error.issues[0].params as { max?: number } | undefined)?.max : undefined;
      const problem =
        max !== undefined ? { problem: "too-large" as const, max } : { problem: "invalid" as const, notText: parsed === null };
      issues.push(issue("error", "SETTING_INVALID", where(r, valueCol), { ...problem, setting: key, value: cellText(valueCell) }));
    }
  }
  if (!periodGiven) issues.push(issue("error", "PERIOD_MISSING", { sheet: SHEETS.settings, cell: null }, {}));
  return { settings: values as unknown as Settings, issues };
}

/** The text a setting's schema sees: trimmed and NFKC'd; numbers as their decimal text; dates, booleans and errors are not settings. */
function settingInput(c: Parameters<typeof isBlank>[0]): string | null {
  if (c === null) return null;
  if (c.kind === "text") return normalizeText(c.value);
  if (c.kind === "number" && !c.isDate) return cellText(c);
  return null;
}
