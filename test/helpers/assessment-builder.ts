/**
 * Test-data builder for assessment workbooks held in memory (no .xlsx): produces a
 * WorkbookReader whose sheets are laid out as workbook.md says, so tests go through the
 * real validation and pipeline.
 *
 *   const out = await assessment().branches(3).scoresA({ ZB001: { "1.1": 3.5 } }).run();
 *
 * Defaults: 考核设置 holds only 考核周期 = 2026Q3; 评分细则 is the shipped default rule set;
 * both raters give every applicable 基础 item full marks, every 加分 item 0 and every 否决 item
 * 否; a 基础 item that does not apply to the branch's category is left blank. Everything can
 * be replaced by raw cells (`set`, `patch`, `sheet`), so invalid input is as easy to build.
 */
import defaultRulesJson from "../../src/model/default-rules.json";
import { a1, bool, num, parseA1, text, type Cell, type Grid } from "../../src/model/cell.js";
import { normalizeCategory, splitList } from "../../src/model/categories.js";
import type { RuleItemData } from "../../src/model/rules.js";
import type { WorkbookReader } from "../../src/io/workbook.js";
import type { WorkbookSnapshot } from "../../src/model/workbook.js";
import { runAssessment, type RunOutput } from "../../src/pipeline.js";
import { validateWorkbook, type Validation } from "../../src/validate/validate-workbook.js";
import { assess, type ScoredAssessment } from "../../src/engine/assess.js";
import type { BranchResult, ItemResult, Result } from "../../src/model/result.js";
import type { Issue, IssueCode } from "../../src/model/issues.js";
import type { ReportedIssue } from "../../src/model/result.js";

/** What a test may write into a cell: a Cell, or a JS value (number → number cell, string → text, boolean → bool, null → blank). */
export type CellInput = Cell | number | string | boolean;

export function toCell(v: CellInput): Cell {
  if (v === null) return null;
  switch (typeof v) {
    case "number":
      return num(v);
    case "string":
      return text(v);
    case "boolean":
      return bool(v);
    default:
      return v;
  }
}

export const SHEET = {
  settings: "考核设置",
  rules: "评分细则",
  roster: "支部名册",
  A: "评分A",
  B: "评分B",
  arbitration: "仲裁",
  self: "自评",
  notes: "扣分说明",
} as const;
export type GridSheet = typeof SHEET.A | typeof SHEET.B | typeof SHEET.arbitration | typeof SHEET.self;

/** A rule row as the shipped rules data describes it (RuleItemData), `notApplicable` free text allowed. */
export interface RuleSpec {
  readonly code: string;
  readonly type: "基础" | "加分" | "否决";
  readonly area?: string;
  readonly content?: string;
  readonly points?: number;
  readonly criteria?: string;
  /** Category names (full or short), or one raw text like "综合管理类、生产". */
  readonly notApplicable?: readonly string[] | string;
  readonly tolerance?: number | null;
}

export interface BranchSpec {
  readonly code: string;
  readonly name?: string;
  /** Full name, short form or any (invalid) text; default 生产类. */
  readonly category?: string;
  readonly unit?: string;
}

export const DEFAULT_RULES: readonly RuleSpec[] = (defaultRulesJson as RuleItemData[]).map((r) => ({
  code: r.code,
  type: r.type,
  area: r.area,
  content: r.content,
  ...(r.points !== undefined ? { points: r.points } : {}),
  criteria: r.criteria ?? "",
  notApplicable: r.notApplicable ?? [],
  tolerance: r.tolerance ?? null,
}));

/** A small custom rule set: two areas of base items (60 + 40), one bonus and one veto item. */
export const SMALL_RULES: readonly RuleSpec[] = [
  { code: "1.1", type: "基础", area: "甲", points: 30 },
  { code: "1.2", type: "基础", area: "甲", points: 30 },
  { code: "2.1", type: "基础", area: "乙", points: 40 },
  { code: "B1", type: "加分", area: "加分项", points: 5 },
  { code: "V1", type: "否决", area: "否决项" },
];

/** One 基础 item of 100 points (τ = 25 by default ratio), a 5-point bonus item and a veto item: 总分 = the score typed + bonus. */
export const ONE_ITEM_RULES: readonly RuleSpec[] = [
  { code: "1.1", type: "基础", area: "甲", points: 100 },
  { code: "B1", type: "加分", area: "加分项", points: 5 },
  { code: "V1", type: "否决", area: "否决项" },
];

/** Context a score function receives. */
export interface ScoreContext {
  readonly branch: BranchSpec;
  readonly item: RuleSpec;
  /** Whether the 基础 item applies to the branch's category (always true otherwise). */
  readonly applies: boolean;
  /** The cell the builder would write by default. */
  readonly fallback: Cell;
}

/**
 * Scores: a function (return undefined for the default) or a table branch → item → value.
 * A value of `null` writes a blank cell; to have *no* cell, omit the row or the column.
 */
export type Scores = ((ctx: ScoreContext) => CellInput | undefined) | Readonly<Record<string, Readonly<Record<string, CellInput>>>>;

export interface GridLayout {
  /** Rows written above the header row (0-based index of the header row); default 0. Filled with `aboveHeader` if given. */
  readonly headerRow?: number;
  /** Raw rows above the header (a title, notes …); padded with empty rows up to headerRow. */
  readonly aboveHeader?: readonly (readonly CellInput[])[];
  /** Annotation rows under the header (templates write 项目名称 then 分值); default none. */
  readonly annotations?: readonly ("项目名称" | "分值")[];
  /** Header cells from column C on; default every rule item in rule order. A code may repeat, be unknown, or be a raw cell. */
  readonly columns?: readonly CellInput[];
  /** Branch rows in this order; default roster order (A, B, 自评) or none (仲裁 writes rows only for branches with a value). */
  readonly rows?: readonly string[];
  /** Header of column A (default 支部编码) and B (default 支部名称). */
  readonly codeHeader?: CellInput;
  readonly nameHeader?: CellInput;
  /** Raw rows appended after the branch rows. */
  readonly extraRows?: readonly (readonly CellInput[])[];
  /** Value written in column B of each branch row: default the roster name. */
  readonly name?: (branch: BranchSpec) => CellInput;
}

interface GridConfig {
  readonly scores: Scores | undefined;
  readonly layout: GridLayout;
}

export interface NoteRow {
  readonly branch: CellInput;
  readonly item: CellInput;
  readonly rater: CellInput;
  readonly note: CellInput;
}

const TABLE_DEFAULT_PERIOD = "2026Q3";

/** A built workbook: its sheets, a reader over them, and where each score cell landed. */
export class BuiltWorkbook implements WorkbookReader {
  constructor(
    readonly sheetNames: readonly string[],
    readonly sheets: ReadonlyMap<string, Grid>,
    private readonly addresses: ReadonlyMap<string, string>,
  ) {}

  async read(wanted: readonly string[]): Promise<WorkbookSnapshot> {
    return this.snapshot(wanted);
  }

  snapshot(wanted: readonly string[] = this.sheetNames): WorkbookSnapshot {
    const sheets = new Map([...this.sheets].filter(([n]) => wanted.includes(n)));
    return { sheetNames: [...this.sheetNames], sheets };
  }

  /** A1 address of the (branch, item) score cell in a grid sheet, as laid out (first column of a repeated code). */
  cellOf(sheet: GridSheet, branch: string, item: string): string {
    const a = this.addresses.get(`${sheet}\u0000${branch}\u0000${item}`);
    if (a === undefined) throw new Error(`no cell for ${branch}/${item} in ${sheet}`);
    return a;
  }

  /** The raw cell at an A1 address. */
  at(sheet: string, address: string): Cell {
    const { row, col } = parseA1(address);
    return this.sheets.get(sheet)?.rows[row]?.[col] ?? null;
  }
}

export class AssessmentBuilder {
  private settingValues = new Map<string, CellInput>([["考核周期", TABLE_DEFAULT_PERIOD]]);
  private settingsRowsRaw: (readonly CellInput[])[] | null = null;
  private ruleSpecs: readonly RuleSpec[] = DEFAULT_RULES;
  private branchSpecs: readonly BranchSpec[] = defaultBranches(3);
  private grids = new Map<GridSheet, GridConfig>([
    [SHEET.A, { scores: undefined, layout: {} }],
    [SHEET.B, { scores: undefined, layout: {} }],
  ]);
  private noteRows: NoteRow[] | null = null;
  private rawSheets = new Map<string, (readonly CellInput[])[]>();
  private omitted = new Set<string>();
  private edits: { sheet: string; address: string; value: CellInput }[] = [];
  private patches: { sheet: string; fn: (rows: Cell[][]) => Cell[][] }[] = [];
  private order: string[] | null = null;

  // ---- 考核设置 ----

  /** Sets (or with null/undefined removes) settings; values are written as given (string → text, number → number). */
  settings(values: Readonly<Record<string, CellInput | undefined>>): this {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) this.settingValues.delete(k);
      else this.settingValues.set(k, v);
    }
    return this;
  }

  /** Replaces the settings rows under the `设置项 | 值` header with raw rows. */
  settingsRows(rows: readonly (readonly CellInput[])[]): this {
    this.settingsRowsRaw = rows.map((r) => [...r]);
    return this;
  }

  // ---- 评分细则 ----

  rules(rules: readonly RuleSpec[]): this {
    this.ruleSpecs = rules;
    return this;
  }

  /** Edits rule rows of the current rule set by code. */
  rule(code: string, change: Partial<RuleSpec>): this {
    this.ruleSpecs = this.ruleSpecs.map((r) => (r.code === code ? { ...r, ...change } : r));
    return this;
  }

  get ruleList(): readonly RuleSpec[] {
    return this.ruleSpecs;
  }

  // ---- 支部名册 ----

  /** A roster: a number n gives ZB001…ZBn (第k党支部, 生产类). */
  branches(branches: number | readonly BranchSpec[]): this {
    this.branchSpecs = typeof branches === "number" ? defaultBranches(branches) : branches;
    return this;
  }

  get branchList(): readonly BranchSpec[] {
    return this.branchSpecs;
  }

  // ---- grids ----

  scoresA(scores?: Scores, layout: GridLayout = {}): this {
    return this.grid(SHEET.A, scores, layout);
  }

  scoresB(scores?: Scores, layout: GridLayout = {}): this {
    return this.grid(SHEET.B, scores, layout);
  }

  /** Both raters give the same scores. */
  scores(scores: Scores): this {
    return this.scoresA(scores).scoresB(scores);
  }

  /** A 仲裁 sheet; by default it has every item column and a row only for branches with a value. */
  arbitration(scores: Scores = {}, layout: GridLayout = {}): this {
    return this.grid(SHEET.arbitration, scores, layout);
  }

  /** A 自评 sheet; by default a row per branch with full marks like the raters' defaults. */
  self(scores?: Scores, layout: GridLayout = {}): this {
    return this.grid(SHEET.self, scores, layout);
  }

  layout(sheet: GridSheet, layout: GridLayout): this {
    const g = this.grids.get(sheet) ?? { scores: sheet === SHEET.arbitration ? {} : undefined, layout: {} };
    this.grids.set(sheet, { ...g, layout: { ...g.layout, ...layout } });
    return this;
  }

  private grid(sheet: GridSheet, scores: Scores | undefined, layout: GridLayout): this {
    const prev = this.grids.get(sheet);
    this.grids.set(sheet, { scores: scores ?? prev?.scores, layout: { ...prev?.layout, ...layout } });
    return this;
  }

  // ---- 扣分说明 ----

  notes(rows: readonly NoteRow[]): this {
    this.noteRows = [...rows];
    return this;
  }

  // ---- raw control ----

  /** Replaces a whole sheet by raw rows (any sheet name, e.g. an extra sheet or a broken header). */
  sheet(name: string, rows: readonly (readonly CellInput[])[]): this {
    this.rawSheets.set(
      name,
      rows.map((r) => [...r]),
    );
    this.omitted.delete(name);
    return this;
  }

  /** Leaves a sheet out of the workbook. */
  without(...names: string[]): this {
    for (const n of names) {
      this.omitted.add(n);
      if (n === SHEET.arbitration || n === SHEET.self) this.grids.delete(n);
      if (n === SHEET.notes) this.noteRows = null;
    }
    return this;
  }

  /** Writes a raw value at an A1 address of a sheet, after the layout is built. */
  set(sheet: string, address: string, value: CellInput): this {
    this.edits.push({ sheet, address, value });
    return this;
  }

  /** Rewrites a sheet's rows after the layout is built (and after `set`). */
  patch(sheet: string, fn: (rows: Cell[][]) => Cell[][]): this {
    this.patches.push({ sheet, fn });
    return this;
  }

  /** Workbook order of the sheets (names not listed follow in the default order). */
  sheetOrder(names: readonly string[]): this {
    this.order = [...names];
    return this;
  }

  // ---- build ----

  build(): BuiltWorkbook {
    const sheets = new Map<string, Cell[][]>();
    const addresses = new Map<string, string>();

    sheets.set(SHEET.settings, this.buildSettings());
    sheets.set(SHEET.rules, this.buildRules());
    sheets.set(SHEET.roster, this.buildRoster());
    for (const name of [SHEET.A, SHEET.B, SHEET.arbitration, SHEET.self] as const) {
      const g = this.grids.get(name);
      if (g) sheets.set(name, this.buildGrid(name, g, addresses));
    }
    if (this.noteRows) sheets.set(SHEET.notes, this.buildNotes(this.noteRows));
    for (const [name, rows] of this.rawSheets)
      sheets.set(
        name,
        rows.map((r) => r.map(toCell)),
      );
    for (const n of this.omitted) sheets.delete(n);

    for (const e of this.edits) {
      const rows = sheets.get(e.sheet);
      if (!rows) throw new Error(`set: no sheet ${e.sheet}`);
      setAt(rows, e.address, toCell(e.value));
    }
    for (const p of this.patches) {
      const rows = sheets.get(p.sheet);
      if (!rows) throw new Error(`patch: no sheet ${p.sheet}`);
      sheets.set(p.sheet, p.fn(rows.map((r) => [...r])));
    }

    const names = [...sheets.keys()];
    const ordered = this.order ? [...this.order.filter((n) => sheets.has(n)), ...names.filter((n) => !this.order!.includes(n))] : names;
    const grids = new Map<string, Grid>(ordered.map((n) => [n, { name: n, rows: sheets.get(n)! }]));
    return new BuiltWorkbook(ordered, grids, addresses);
  }

  /** validate → Validation (synchronous, no engine). */
  validate(): Validation {
    return validateWorkbook(this.build().snapshot());
  }

  /** validate → assess; throws when validation was fatal. */
  outcome(): ScoredAssessment {
    const v = this.validate();
    if (!v.ok) throw new Error(`fatal: ${v.issues.map((i) => i.code).join(", ")}`);
    return assess(v.assessment);
  }

  /** The whole pipeline: runAssessment(reader, null, {now}). */
  run(): Promise<RunOutput> {
    return runAssessment(this.build(), null, { now: new Date(2026, 9, 1, 8, 0, 0) });
  }

  /** The JSON result of the pipeline. */
  async result(): Promise<Result> {
    return (await this.run()).result;
  }

  // ---- sheet builders ----

  private buildSettings(): Cell[][] {
    const rows: Cell[][] = [[text("设置项"), text("值")]];
    if (this.settingsRowsRaw) rows.push(...this.settingsRowsRaw.map((r) => r.map(toCell)));
    else for (const [k, v] of this.settingValues) rows.push([text(k), toCell(v)]);
    return rows;
  }

  private buildRules(): Cell[][] {
    const head = ["编号", "类型", "考核方面", "考核内容", "分值", "评分标准", "不适用类别", "分差阈值"].map(text);
    const rows: Cell[][] = [head];
    for (const r of this.ruleSpecs) {
      const na = typeof r.notApplicable === "string" ? r.notApplicable : (r.notApplicable ?? []).join("、");
      rows.push([
        text(r.code),
        text(r.type),
        r.area === undefined ? null : text(r.area),
        text(r.content ?? `考核内容 ${r.code}`),
        r.points === undefined ? null : num(r.points),
        text(r.criteria ?? ""),
        na === "" ? null : text(na),
        r.tolerance === undefined || r.tolerance === null ? null : num(r.tolerance),
      ]);
    }
    return rows;
  }

  private buildRoster(): Cell[][] {
    const rows: Cell[][] = [["支部编码", "支部名称", "支部类别", "所属单位", "党员人数"].map(text)];
    for (const b of this.branchSpecs) {
      rows.push([
        text(b.code),
        b.name === undefined ? text(defaultName(b.code)) : toCell(b.name),
        text(b.category ?? "生产类"),
        b.unit === undefined ? null : text(b.unit),
        num(12),
      ]);
    }
    return rows;
  }

  private buildGrid(sheet: GridSheet, config: GridConfig, addresses: Map<string, string>): Cell[][] {
    const { layout } = config;
    const rows: Cell[][] = [];
    for (const r of layout.aboveHeader ?? []) rows.push(r.map(toCell));
    while (rows.length < (layout.headerRow ?? 0)) rows.push([]);
    const columns = (layout.columns ?? this.ruleSpecs.map((r) => r.code)).map(toCell);
    rows.push([toCell(layout.codeHeader ?? "支部编码"), toCell(layout.nameHeader ?? "支部名称"), ...columns]);
    const codeOfColumn = columns.map((c) =>
      c !== null && c.kind === "text" ? c.value.trim() : c !== null && c.kind === "number" ? String(c.value) : "",
    );
    const ruleOf = new Map(this.ruleSpecs.map((r) => [r.code, r]));
    for (const a of layout.annotations ?? []) {
      rows.push([
        text(a),
        null,
        ...codeOfColumn.map((code) => {
          const r = ruleOf.get(code);
          if (!r) return null;
          return a === "项目名称" ? text(r.content ?? code) : r.points === undefined ? null : num(r.points);
        }),
      ]);
    }
    const branchByCode = new Map(this.branchSpecs.map((b) => [b.code, b]));
    const isArb = sheet === SHEET.arbitration;
    const rowCodes =
      layout.rows ??
      (isArb ? this.branchSpecs.filter((b) => this.hasAnyValue(config.scores, b)).map((b) => b.code) : this.branchSpecs.map((b) => b.code));
    for (const code of rowCodes) {
      const b = branchByCode.get(code) ?? { code };
      const row: Cell[] = [text(code), toCell(layout.name ? layout.name(b) : (b.name ?? defaultName(code)))];
      codeOfColumn.forEach((itemCode, k) => {
        const r = ruleOf.get(itemCode);
        const col = 2 + k;
        if (!r) {
          row.push(null);
          return;
        }
        const key = `${sheet}\u0000${code}\u0000${itemCode}`;
        if (!addresses.has(key)) addresses.set(key, a1(rows.length, col));
        row.push(this.scoreCell(config.scores, b, r, isArb));
      });
      rows.push(row);
    }
    for (const r of layout.extraRows ?? []) rows.push(r.map(toCell));
    return rows;
  }

  private hasAnyValue(scores: Scores | undefined, b: BranchSpec): boolean {
    return this.ruleSpecs.some((r) => this.scoreCell(scores, b, r, true) !== null);
  }

  private scoreCell(scores: Scores | undefined, b: BranchSpec, r: RuleSpec, blankByDefault: boolean): Cell {
    const applies = appliesTo(r, b);
    const fallback: Cell = blankByDefault ? null : defaultScore(r, applies);
    if (scores === undefined) return fallback;
    const v = typeof scores === "function" ? scores({ branch: b, item: r, applies, fallback }) : scores[b.code]?.[r.code];
    return v === undefined ? fallback : toCell(v);
  }

  private buildNotes(notes: readonly NoteRow[]): Cell[][] {
    return [
      ["支部编码", "项目编号", "评分方", "说明", "佐证材料"].map(text),
      ...notes.map((n) => [toCell(n.branch), toCell(n.item), toCell(n.rater), toCell(n.note)]),
    ];
  }
}

export function assessment(): AssessmentBuilder {
  return new AssessmentBuilder();
}

export function defaultName(code: string): string {
  return `${code}党支部`;
}

function defaultBranches(n: number): BranchSpec[] {
  return Array.from({ length: n }, (_, i) => ({ code: `ZB${String(i + 1).padStart(3, "0")}`, category: "生产类" }));
}

/** Whether a 基础 item applies to a branch (an invalid category: every item applies). */
export function appliesTo(r: RuleSpec, b: BranchSpec): boolean {
  if (r.type !== "基础") return true;
  const category = normalizeCategory((b.category ?? "生产类").trim());
  if (category === null) return true;
  const na = typeof r.notApplicable === "string" ? splitList(r.notApplicable) : (r.notApplicable ?? []);
  return !na.map(normalizeCategory).includes(category);
}

function defaultScore(r: RuleSpec, applies: boolean): Cell {
  if (r.type === "否决") return text("否");
  if (r.type === "加分") return num(0);
  return applies && r.points !== undefined ? num(r.points) : null;
}

function setAt(rows: Cell[][], address: string, value: Cell): void {
  const { row: r, col } = parseA1(address);
  while (rows.length <= r) rows.push([]);
  const row = [...rows[r]!];
  while (row.length <= col) row.push(null);
  row[col] = value;
  rows[r] = row;
}

// ---- result helpers ----

export function branchOf(result: Result, code: string): BranchResult {
  const b = result.branches.find((x) => x.code === code);
  if (!b) throw new Error(`no branch ${code} in result`);
  return b;
}

export function itemOf(result: Result, branch: string, item: string): ItemResult {
  const i = result.items.find((x) => x.branch === branch && x.item === item);
  if (!i) throw new Error(`no item ${branch}/${item} in result`);
  return i;
}

/** Issues reduced to what tests compare: severity, code, sheet, cell. */
export type IssueKey = { severity: ReportedIssue["severity"]; code: IssueCode; sheet: string | null; cell: string | null };

/** Issues as data (validation) or as the JSON result reports them. */
type AnyIssue = Issue | ReportedIssue;

export function keys(issues: readonly AnyIssue[], ...codes: IssueCode[]): IssueKey[] {
  return issues
    .filter((i) => codes.length === 0 || codes.includes(i.code))
    .map((i) => {
      const { sheet, cell } = "where" in i ? i.where : i;
      return { severity: i.severity, code: i.code, sheet, cell };
    });
}

/** Issue codes in order. */
export function codes(issues: readonly AnyIssue[]): IssueCode[] {
  return issues.map((i) => i.code);
}
