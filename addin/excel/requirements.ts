/**
 * Which ExcelApi requirement set each feature of the adapter needs (REQUIREMENTS.md gives the
 * documentation for each). The core (read, write values and formats, charts) needs only
 * ExcelApi 1.1; everything else is used where the host has it and skipped, and reported, where not.
 */

export const FEATURES = {
  /** Used range that ignores formatting-only cells (Worksheet.getUsedRange(valuesOnly)). */
  usedRangeValuesOnly: { set: "1.2", reported: false, zh: "仅按数值确定已用区域", en: "used range by values only" },
  /** Application.suspendApiCalculationUntilNextSync: no recalculation while writing. */
  suspendCalculation: { set: "1.6", reported: false, zh: "写入时暂停重算", en: "suspended recalculation while writing" },
  columnWidths: { set: "1.2", reported: true, zh: "列宽", en: "column widths" },
  merges: { set: "1.2", reported: true, zh: "合并单元格", en: "merged cells" },
  protection: { set: "1.2", reported: true, zh: "工作表保护（仅开放填写单元格）", en: "sheet protection (only input cells editable)" },
  freezePanes: { set: "1.7", reported: true, zh: "冻结窗格", en: "frozen panes" },
  hyperlinks: { set: "1.7", reported: true, zh: "校验报告中的单元格链接", en: "links to cells in the report" },
  chartFormatting: {
    set: "1.7",
    reported: true,
    zh: "图表细节（散点图 y=x 参考线画成直线）",
    en: "chart details (the y = x reference drawn as a line)",
  },
  dataValidation: { set: "1.8", reported: true, zh: "数据验证（下拉列表、分值范围）", en: "data validation (lists, score ranges)" },
  printSetup: {
    set: "1.9",
    reported: true,
    zh: "打印设置（A4、横向、适应页宽、重复标题行、页码页脚、分页）",
    en: "print setup (A4, landscape, fit to width, repeated header rows, page numbers, page breaks)",
  },
} as const;

export type Feature = keyof typeof FEATURES;

/** A feature the host could not do: the UI mentions it after writing. */
export interface SkippedFeature {
  readonly feature: Feature;
  /** e.g. "ExcelApi 1.7". */
  readonly requirement: string;
  /** Sheets that would have had it. */
  readonly sheets: readonly string[];
  readonly zh: string;
  readonly en: string;
}

/** Office.context.requirements.isSetSupported, injectable for tests. */
export type SetSupported = (name: string, minVersion: string) => boolean;

export class Requirements {
  private readonly cache = new Map<string, boolean>();
  private readonly skipped = new Map<Feature, Set<string>>();

  constructor(private readonly isSetSupported: SetSupported) {}

  supports(version: string): boolean {
    let ok = this.cache.get(version);
    if (ok === undefined) this.cache.set(version, (ok = this.isSetSupported("ExcelApi", version)));
    return ok;
  }

  has(feature: Feature): boolean {
    return this.supports(FEATURES[feature].set);
  }

  /** Whether the feature can be used; if not, notes it as skipped for this sheet. */
  use(feature: Feature, sheet: string): boolean {
    if (this.has(feature)) return true;
    if (FEATURES[feature].reported) {
      let sheets = this.skipped.get(feature);
      if (!sheets) this.skipped.set(feature, (sheets = new Set()));
      sheets.add(sheet);
    }
    return false;
  }

  takeSkipped(): SkippedFeature[] {
    const out = [...this.skipped].map(([feature, sheets]) => ({
      feature,
      requirement: `ExcelApi ${FEATURES[feature].set}`,
      sheets: [...sheets],
      zh: FEATURES[feature].zh,
      en: FEATURES[feature].en,
    }));
    this.skipped.clear();
    return out;
  }
}
