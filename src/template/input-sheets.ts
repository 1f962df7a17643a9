/**
 * The input sheets of an assessment workbook (workbook.md), laid out as SheetSpecs from typed
 * data. Used to build new templates and the demo workbook; pure, no file access.
 */
import { decimalText, decimalToNumber } from "../model/decimal.js";
import type { Branch } from "../model/branch.js";
import { ITEM_TYPES, type ItemTypeLabel, type RuleItem, type Rules } from "../model/rules.js";
import { DEFAULT_SETTINGS, SETTING_NAMES, SETTING_SPECS, type SettingName, type Settings } from "../model/settings.js";
import { d2, hdr, txt, type OutEntry, type OutValue, type SheetSpec } from "../report/sheet-spec.js";
import { PREVIOUS_STARS_TITLE, SCORE_GRID, SHEETS, tableTitles } from "../model/sheets.js";

/** A value as typed into a cell: numbers as numbers (2-decimal display), text as literal text. */
function typed(v: OutValue): OutEntry {
  if (typeof v === "number") return d2(v);
  if (typeof v === "string") return txt(v);
  return v;
}

// ---------------------------------------------------------------------------------------------
// 考核设置

/** What each setting accepts, written next to it for the people who fill the template. */
export const SETTING_HINTS: Readonly<Record<SettingName, string>> = {
  考核周期: "如 2026Q3、2026-Q3 或 2026年第三季度（必填）",
  评分A名称: "第一评分方的名称（仅作显示），如 党建部门",
  评分B名称: "第二评分方的名称（仅作显示），如 业务部门",
  分差阈值比例: "两方分差超过 该比例 × 分值 即为超差，需仲裁；大于 0 且不超过 1，如 0.25 或 25%",
  仲裁规则: "三评取近 或 仲裁为准",
  加分上限: "加分项合计的上限，不小于 0、最多两位小数",
  否决星级上限: "触发否决项的支部最高星级，0～5 的整数（0 表示不评星）",
  否决排末位: "是 或 否：触发否决项的支部是否排在最后",
  星级阈值: "五星、四星、三星、二星的最低总分，从大到小，用逗号或顿号分隔",
  排名方式: "并列跳位（1,2,2,4）或 中国式（1,2,2,3）",
  扣分说明要求: "必填（缺说明为错误）、提示（缺说明为警告）或 不检查",
  年度计分方式: "年度定级用：季度平均（各季度总分的平均）或 季度加权（按季度权重加权平均）",
  季度权重: "年度定级用：季度加权时一至四季度的权重，四个大于 0 的数字，如 1,1,1,2",
  五星比例上限: "年度定级用：年度五星支部最多占参评支部的比例，如 10% 或 0.1；留空不限",
  四星比例上限: "年度定级用：年度四星支部最多占参评支部的比例，如 30%；留空不限",
  逐级晋升: "年度定级用：是 或 否；选“是”时年度星级最多比上年星级（支部名册“上年星级”列）高一级",
};

/** The 值 cell of a setting, as the template writes it: the value of `settings` for that setting. */
export function settingValue(settings: Settings, name: SettingName): string | number | null {
  switch (SETTING_SPECS[name].field) {
    case "period":
      return settings.period;
    case "raterAName":
      return settings.raterAName;
    case "raterBName":
      return settings.raterBName;
    case "toleranceRatio":
      return decimalToNumber(settings.toleranceRatio);
    case "arbitration":
      return settings.arbitration;
    case "bonusCap":
      return settings.bonusCap / 100;
    case "vetoStarCap":
      return settings.vetoStarCap;
    case "vetoLast":
      return settings.vetoLast ? "是" : "否";
    case "starThresholds":
      return settings.starThresholds.map(decimalText).join(",");
    case "ranking":
      return settings.ranking;
    case "deductionNotes":
      return settings.deductionNotes;
    case "annualMethod":
      return settings.annualMethod;
    case "quarterWeights":
      return settings.quarterWeights.map(decimalText).join(",");
    case "fiveStarCap":
      return settings.fiveStarCap && decimalToNumber(settings.fiveStarCap);
    case "fourStarCap":
      return settings.fourStarCap && decimalToNumber(settings.fourStarCap);
    case "stepwise":
      return settings.stepwise ? "是" : "否";
  }
}

/**
 * 考核设置: `设置项 | 值 | 说明`, one row for every setting, with its value in `settings`
 * (the defaults unless overridden; a null 考核周期 is left blank for people to fill).
 */
export function settingsSheet(settings: Partial<Settings> = {}): SheetSpec {
  const s: Settings = { ...DEFAULT_SETTINGS, ...settings };
  const rows = SETTING_NAMES.map((name) => {
    const v = settingValue(s, name);
    return [txt(name), typeof v === "number" ? v : txt(v), txt(SETTING_HINTS[name])];
  });
  return {
    name: SHEETS.settings,
    rows: [tableTitles("settings").map(hdr), ...rows],
    columnWidths: [16, 16, 70],
    freezeRows: 1,
  };
}

// ---------------------------------------------------------------------------------------------
// 评分细则

const TYPE_LABEL = Object.fromEntries(Object.entries(ITEM_TYPES).map(([label, type]) => [type, label])) as Record<
  RuleItem["type"],
  ItemTypeLabel
>;

/** 评分细则: one row per item; codes written as text, 分值 and 分差阈值 as numbers (blank for veto items / no override). */
export function rulesSheet(items: readonly RuleItem[]): SheetSpec {
  const head = tableTitles("rules").map(hdr);
  const rows = items.map((it) => [
    txt(it.code),
    txt(TYPE_LABEL[it.type]),
    txt(it.area),
    txt(it.content),
    it.type === "veto" ? null : d2(it.max / 100),
    txt(it.criteria),
    txt(it.naCategories.join("、")),
    it.tolerance === null ? null : d2(it.tolerance / 100),
  ]);
  return {
    name: SHEETS.rules,
    rows: [head, ...rows],
    columnWidths: [8, 8, 18, 48, 8, 60, 14, 10],
    freezeRows: 1,
  };
}

// ---------------------------------------------------------------------------------------------
// 支部名册

/** A roster row: a branch and, optionally, its number of Party members (党员人数; text kept as typed). */
export interface RosterEntry extends Branch {
  readonly members?: number | string | null;
  /** 上年星级 (last year's annual grade, read only by the annual run): 0–5, or text kept as typed. */
  readonly previousStars?: number | string | null;
}

export interface RosterOptions {
  /** Adds the optional 上年星级 column (templates always have it; the annual grade reads it). */
  readonly previousStars?: boolean;
}

const typedOrText = (v: number | string | null | undefined): OutEntry =>
  v === undefined || v === null ? null : typeof v === "number" ? { v, style: "integer" } : txt(v);

/** 支部名册: `支部编码 支部名称 支部类别 所属单位 党员人数 [上年星级]`; a null category is left blank. */
export function rosterSheet(branches: readonly RosterEntry[], options: RosterOptions = {}): SheetSpec {
  const withStars = options.previousStars === true;
  const head = tableTitles("roster")
    .filter((t) => withStars || t !== PREVIOUS_STARS_TITLE)
    .map(hdr);
  const rows = branches.map((b) => [
    txt(b.code),
    txt(b.name),
    txt(b.category),
    txt(b.unit),
    typedOrText(b.members),
    ...(withStars ? [typedOrText(b.previousStars)] : []),
  ]);
  return { name: SHEETS.roster, rows: [head, ...rows], columnWidths: [12, 30, 12, 22, 10, ...(withStars ? [10] : [])], freezeRows: 1 };
}

// ---------------------------------------------------------------------------------------------
// 评分A, 评分B, 仲裁, 自评

/**
 * A grid's header row and its annotation rows (SCORE_GRID): item codes, 项目名称 with each
 * item's content, 分值 with its points (是/否 for a veto item). `blank` fills column B under
 * the header.
 */
export function gridHeadRows(items: readonly RuleItem[], blank: OutEntry): OutEntry[][] {
  const [namesLabel, pointsLabel] = SCORE_GRID.annotationLabels;
  return [
    [hdr(SCORE_GRID.codeTitle), hdr(SCORE_GRID.nameTitle), ...items.map((it) => hdr(it.code))],
    [txt(namesLabel), blank, ...items.map((it) => txt(it.content))],
    [txt(pointsLabel), blank, ...items.map((it) => (it.type === "veto" ? txt("是/否") : d2(it.max / 100)))],
  ];
}

/** What a grid cell holds: a score, a veto answer (是/否), a not-applicable token, or blank. */
export type GridValue = number | string | boolean | null;

/**
 * A scoring grid (评分A / 评分B / 仲裁 / 自评): header row `支部编码 | 支部名称 | item codes from
 * column C`, then the annotation rows 项目名称 and 分值 (veto items show 是/否), then one row per
 * branch with `values(branch, item)` in each item column.
 */
export function gridSheet(
  name: string,
  rules: Rules | readonly RuleItem[],
  branches: readonly Branch[],
  values: GridFiller = () => null,
): SheetSpec {
  const items = "items" in rules ? rules.items : rules;
  const rows = branches.map((b) => [txt(b.code), txt(b.name), ...items.map((it) => typed(values(b, it)))]);
  return {
    name,
    rows: [...gridHeadRows(items, null), ...rows],
    columnWidths: [12, 30, ...items.map(() => 9)],
    freezeRows: 3,
  };
}

// ---------------------------------------------------------------------------------------------
// 扣分说明

export interface NoteRow {
  readonly branch: string;
  readonly item: string;
  /** 评分方: `A`, `B`, `仲裁`, or the configured 评分A名称 / 评分B名称. */
  readonly rater: string;
  readonly note: string;
  /** 佐证材料 (optional). */
  readonly evidence?: string | null;
}

/** 扣分说明: `支部编码 项目编号 评分方 说明 佐证材料`. */
export function notesSheet(rows: readonly NoteRow[]): SheetSpec {
  const head = tableTitles("notes").map(hdr);
  const body = rows.map((r) => [txt(r.branch), txt(r.item), txt(r.rater), txt(r.note), txt(r.evidence ?? null)]);
  return { name: SHEETS.notes, rows: [head, ...body], columnWidths: [12, 10, 12, 60, 30], freezeRows: 1 };
}

// ---------------------------------------------------------------------------------------------
// A whole input workbook

export type GridFiller = (branch: Branch, item: RuleItem) => GridValue;

export interface InputWorkbook {
  readonly settings?: Partial<Settings>;
  readonly rules: Rules;
  readonly branches: readonly RosterEntry[];
  readonly a?: GridFiller;
  readonly b?: GridFiller;
  /** 仲裁: omitted → no sheet; `branches` limits its rows (default: every branch). */
  readonly arbitration?: { readonly values?: GridFiller; readonly branches?: readonly Branch[] };
  /** 自评: omitted → no sheet; `branches` limits its rows (default: every branch). */
  readonly self?: { readonly values?: GridFiller; readonly branches?: readonly Branch[] };
  /** 扣分说明: omitted → no sheet. */
  readonly notes?: readonly NoteRow[];
}

/** Every input sheet in workbook order: 考核设置 评分细则 支部名册 评分A 评分B [仲裁] [自评] [扣分说明]. */
export function inputSheets(wb: InputWorkbook): SheetSpec[] {
  const sheets = [
    settingsSheet(wb.settings),
    rulesSheet(wb.rules.items),
    rosterSheet(wb.branches, { previousStars: wb.branches.some((b) => b.previousStars !== undefined) }),
    gridSheet(SHEETS.gridA, wb.rules, wb.branches, wb.a),
    gridSheet(SHEETS.gridB, wb.rules, wb.branches, wb.b),
  ];
  if (wb.arbitration) sheets.push(gridSheet(SHEETS.arbitration, wb.rules, wb.arbitration.branches ?? wb.branches, wb.arbitration.values));
  if (wb.self) sheets.push(gridSheet(SHEETS.self, wb.rules, wb.self.branches ?? wb.branches, wb.self.values));
  if (wb.notes) sheets.push(notesSheet(wb.notes));
  return sheets;
}
