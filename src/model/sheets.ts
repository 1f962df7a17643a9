/** Sheet names of the assessment workbook (workbook.md): exact, user-facing. */
export const SHEETS = {
  settings: "考核设置",
  rules: "评分细则",
  roster: "支部名册",
  gridA: "评分A",
  gridB: "评分B",
  arbitration: "仲裁",
  self: "自评",
  notes: "扣分说明",
} as const;

export const REQUIRED_SHEETS = [SHEETS.settings, SHEETS.rules, SHEETS.roster, SHEETS.gridA, SHEETS.gridB] as const;
export const INPUT_SHEETS = [...REQUIRED_SHEETS, SHEETS.arbitration, SHEETS.self, SHEETS.notes] as const;

/** The scoring grids, in workbook order: a template has all four, a rater's returned file fills one. */
export const GRID_SHEETS = [SHEETS.gridA, SHEETS.gridB, SHEETS.arbitration, SHEETS.self] as const;
export type GridSheet = (typeof GRID_SHEETS)[number];

/**
 * How every scoring grid is laid out (workbook.md): a header row, within the first 10 rows,
 * with 支部编码 in column A, 支部名称 in B and the item codes from C; optional annotation rows
 * (项目名称, 分值: their label in column A) right under it; then one row per branch. Rows and
 * columns are found by these codes, never by position.
 */
export const SCORE_GRID = {
  codeTitle: "支部编码",
  nameTitle: "支部名称",
  firstItemColumn: 2,
  annotationLabels: ["项目名称", "分值"],
} as const;

/** Output sheets the product owns and replaces on every run. */
export const OUTPUT_SHEETS = {
  results: "考核结果",
  /** 考核结果 laid out for A4 (areas as score rates in narrow columns). */
  printable: "考核结果（打印版）",
  details: "双评明细",
  report: "校验报告",
  charts: "统计图表",
  /** Per 所属单位 (only when the roster gives units). */
  units: "单位汇总",
  /** One printed page per branch: its areas against its category, 短板弱项 and deductions. */
  profiles: "支部画像",
  /** Every deduction and veto to rectify; what people type in it is carried over by the next run. */
  ledger: "整改台账",
  log: "运行记录",
} as const;

/** Output sheets of the annual workbook (annual.md §7): a new workbook, never written into a quarter's. */
export const ANNUAL_SHEETS = {
  ranking: "年度定级",
  notice: "公示名单",
  charts: "年度图表",
  report: "年度校验报告",
  log: "运行记录",
} as const;

/**
 * The input tables' column titles (workbook.md): a header row holding every required title
 * (within the first 10 rows) makes the table; the optional ones are read when present. The
 * template writes required then optional, in this order.
 */
export const TABLES = {
  settings: { required: ["设置项", "值"], optional: ["说明"] },
  rules: { required: ["编号", "类型", "考核方面", "考核内容", "分值"], optional: ["评分标准", "不适用类别", "分差阈值"] },
  roster: { required: ["支部编码", "支部名称", "支部类别"], optional: ["所属单位", "党员人数", "上年星级"] },
  notes: { required: ["支部编码", "项目编号", "评分方", "说明"], optional: ["佐证材料"] },
} as const;

/** 支部名册's optional column of last year's annual grade (annual.md §2): only the annual run reads it. */
export const PREVIOUS_STARS_TITLE = "上年星级";

/** Every column title of a table, required first: the header row the template writes. */
export const tableTitles = (t: keyof typeof TABLES): readonly string[] => [...TABLES[t].required, ...TABLES[t].optional];
