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

/** Output sheets the product owns and replaces on every run. */
export const OUTPUT_SHEETS = {
  results: "考核结果",
  details: "双评明细",
  report: "校验报告",
  charts: "统计图表",
  log: "运行记录",
} as const;
