import { a1 } from "../../model/cell.js";
import type { BranchResult, Profile, ResultOverview } from "../../model/result.js";
import { OUTPUT_SHEETS } from "../../model/sheets.js";
import { MAX_PAGE_BREAKS } from "../excel-limits.js";
import { starText, STATUS_ZH } from "../labels.js";
import { withRowHeights } from "../row-heights.js";
import { d2, hdr, txt, wrap, type ChartSpec, type OutEntry, type SheetSpec } from "../sheet-spec.js";
import { quarterPrint, sharedCells } from "./cells.js";

/** Above this many branches the blocks have no radar (a chart each would make the workbook slow to open). */
export const MAX_PROFILE_CHARTS = 100;

/** Printed columns: A4 portrait, one page wide at full size (about 67 characters, narrow margins). */
const COLUMNS = 8;
const WIDTHS = [18, 7, 7, 7, 7, 7, 7, 7];
/** Rows the radar covers, at a set height so that it is as tall in Excel as in LibreOffice. */
const CHART_ROWS = 10;
const CHART_ROW_POINTS = 15;
const GAP_POINTS = 8;

/** Who wrote a note, as 扣分说明 names them. */
const RATER = (result: ResultOverview, r: Profile["deductions"][number]["notes"][number]["rater"]) =>
  r === "A" ? (result.settings?.raterAName ?? "A") : r === "B" ? (result.settings?.raterBName ?? "B") : "仲裁";

/** Where each branch's block is on the sheet (0-based rows, first and last), by 支部编码. */
export type ProfileBlocks = ReadonlyMap<string, { readonly first: number; readonly last: number }>;

/**
 * 支部画像: one block per branch in rank order, each starting a printed page (A4 portrait): the
 * title, the key figures, the areas' rates against the category and overall means with a radar
 * (at most MAX_PROFILE_CHARTS branches), 短板弱项, 扣分明细 with the raters' notes, and the
 * bonuses and vetoes. A block longer than a page goes on over the next; rows are never cut.
 */
export function profilesSheet(result: ResultOverview): SheetSpec {
  return profilesLayout(result).spec;
}

/** The A1 range of a branch's block on 支部画像 (for 转到画像页); null when the branch has none. */
export function profileBlockRange(result: ResultOverview, code: string): string | null {
  const { blocks, spec } = profilesLayout(result);
  const b = blocks.get(code);
  return b === undefined ? null : `${a1(b.first, 0)}:${a1(b.last, (spec.columnWidths?.length ?? 1) - 1)}`;
}

/** The sheet and where each block is: tables and a radar a branch, or the compact form above MAX_PROFILE_CHARTS. */
export function profilesLayout(result: ResultOverview): { spec: SheetSpec; blocks: ProfileBlocks } {
  return result.branches.length <= MAX_PROFILE_CHARTS ? fullLayout(result) : compactLayout(result);
}

/** The notes above the first block: a provisional result, the compact form, the page-break cap. */
function topNotes(result: ResultOverview): string[] {
  const pages = result.branches.length;
  const notes: string[] = [];
  if (result.status === "provisional") {
    notes.push("【暂定结果】工作簿中仍有错误（见“校验报告”），以下画像按暂定结果生成，改正后请重新评分。");
  }
  if (pages > MAX_PROFILE_CHARTS) {
    notes.push(
      `【未附雷达图】共 ${pages} 个支部，超过 ${MAX_PROFILE_CHARTS} 个：为使工作簿打开和写入不致过慢，各支部画像不附雷达图，以文字列出各考核方面得分率与类别平均；雷达图可在任务窗格的“支部画像”中查看。`,
    );
  }
  if (pages - 1 > MAX_PAGE_BREAKS) {
    notes.push(
      `【分页】Excel 一张工作表最多 ${MAX_PAGE_BREAKS} 个手动分页符：前 ${MAX_PAGE_BREAKS + 1} 个支部各从新的一页开始打印，其余支部接着打印，不另起一页。需要逐页打印时，可按单位分批评分后打印。`,
    );
  }
  return notes;
}

/** A signed 2-decimal figure: +4.02, −12.50. */
const signed = (v: number) => `${v > 0 ? "+" : v < 0 ? "−" : ""}${fixed2(Math.abs(v))}`;

/**
 * v.toFixed(2), written from the integer for whole hundredths (rates, averages and gaps are;
 * the compact layout writes hundreds of thousands of them, and toFixed is slow). A value that
 * is exactly h / 100 (0 … 1000) is the double nearest h / 100, whose toFixed(2) is h's digits.
 */
function fixed2(v: number): string {
  const h = Math.round(v * 100);
  if (h < 0 || h > 100_000 || h / 100 !== v) return v.toFixed(2);
  const cents = h % 100;
  return `${(h - cents) / 100}.${cents < 10 ? "0" : ""}${cents}`;
}

/** `${v}` for a whole-hundredths value, written from the integer like fixed2 (a fraction's String is slow). */
function plain(v: number): string {
  const h = Math.round(v * 100);
  if (h < 0 || h > 100_000 || h / 100 !== v) return `${v}`;
  const cents = h % 100;
  const whole = (h - cents) / 100;
  if (cents === 0) return `${whole}`;
  return cents % 10 === 0 ? `${whole}.${cents / 10}` : `${whole}.${cents < 10 ? "0" : ""}${cents}`;
}

/**
 * Above MAX_PROFILE_CHARTS branches: each block as label and text rows in two columns of one
 * look, so that the whole sheet is a couple of formatted ranges and no merges (thousands of
 * blocks of tables would take Office.js minutes to format), still a block a page.
 */
function compactLayout(result: ResultOverview): { spec: SheetSpec; blocks: ProfileBlocks } {
  const rows: OutEntry[][] = [];
  const breaks: number[] = [];
  const blocks = new Map<string, { first: number; last: number }>();
  // The labels repeat block after block: one cell each, shared (sharedCells).
  const labelCell = sharedCells((v: string) => hdr(v));
  const line = (label: string, text: string) => rows.push([labelCell(label), wrap(text)]);
  const deductionLabel = sharedCells((item: string) => hdr(`扣分 ${item}`));
  for (const n of topNotes(result)) line("说明", n);
  const profiles = new Map(result.profiles.map((p) => [p.code, p]));
  const pages = result.branches.length;
  for (const b of result.branches) {
    const p = profiles.get(b.code);
    if (p === undefined) continue;
    if (blocks.size > 0 && breaks.length < MAX_PAGE_BREAKS) breaks.push(rows.length);
    const first = rows.length;
    line("支部画像", `${b.name || b.code}（${b.code}） ${result.period ?? "（考核周期未填）"} 考核画像`);
    const catRank =
      b.categoryRank === null || b.category === null ? "类别无效" : `${b.category} 第 ${b.categoryRank}/${p.categoryBranches} 名`;
    line(
      "总分",
      `${fixed2(b.total)}；星级 ${starText(b.stars)}；${b.tier}；排名 ${b.rank}/${pages}；类别排名 ${catRank}；状态 ${branchStatus(result, b)}`,
    );
    for (const a of p.areas) {
      const cat = a.categoryAverage === null ? "类别平均 —" : `类别平均 ${fixed2(a.categoryAverage)}，差距 ${signed(a.gap!)}`;
      line(a.name, `得分率 ${fixed2(a.rate)}%（${plain(a.score)} / ${plain(a.max)} 分）；${cat}；全体平均 ${fixed2(a.overallAverage)}`);
    }
    line(
      "短板弱项",
      p.weakAreas.length === 0
        ? b.category === null
          ? "支部类别无效，无法与同类支部比较。"
          : "无，各考核方面得分率均不低于本类别平均。"
        : p.weakAreas
            .map((w) => `${w.name}（差距 ${signed(w.gap)}${w.items.length > 0 ? `；扣分项目 ${w.items.join("、")}` : ""}）`)
            .join("；"),
    );
    if (p.deductions.length === 0) line("扣分明细", "无，各基础项目均得满分。");
    for (const d of p.deductions) {
      const text = noteText(result, d.notes);
      const notes = text.includes("\n") ? text.replaceAll("\n", "；") : text;
      rows.push([deductionLabel(d.item), wrap(`${d.content}：扣 ${plain(d.deducted)} 分（${d.status}）。${notes || "未填写扣分说明。"}`)]);
    }
    const extras = [
      ...p.bonuses.map((x) => `加分 ${x.item} ${x.content}：${plain(x.score)} 分`),
      ...p.vetoes.map((x) => `否决 ${x.item} ${x.content}`),
    ];
    line("加分与否决", extras.length === 0 ? "无加分项目，未触发否决项目。" : extras.join("；"));
    blocks.set(b.code, { first, last: rows.length - 1 });
  }
  if (rows.length === 0) line("说明", "没有支部。");
  const spec = withRowHeights({
    name: OUTPUT_SHEETS.profiles,
    rows,
    columnWidths: [14, 62],
    print: quarterPrint(result, OUTPUT_SHEETS.profiles, "portrait", { narrowMargins: true, pageBreaksBefore: breaks }),
  });
  return { spec, blocks };
}

function fullLayout(result: ResultOverview): { spec: SheetSpec; blocks: ProfileBlocks } {
  const rows: OutEntry[][] = [];
  const merges: string[] = [];
  const heights: number[] = [];
  const charts: ChartSpec[] = [];
  const breaks: number[] = [];
  const blocks = new Map<string, { first: number; last: number }>();
  const wide = (entry: OutEntry) => {
    merges.push(`${a1(rows.length, 0)}:${a1(rows.length, COLUMNS - 1)}`);
    rows.push([entry]);
  };
  // A narrow empty row between the sections.
  const gap = () => {
    heights[rows.length] = GAP_POINTS;
    rows.push([]);
  };
  const pages = result.branches.length;
  for (const n of topNotes(result)) wide({ v: n, style: "notice" });

  const profiles = new Map(result.profiles.map((p) => [p.code, p]));

  for (const b of result.branches) {
    const p = profiles.get(b.code);
    if (p === undefined) continue;
    // Every block but the first starts a page; the notes at the top print with the first.
    if (blocks.size > 0 && breaks.length < MAX_PAGE_BREAKS) breaks.push(rows.length);
    const first = rows.length;
    const title: OutEntry = { v: `${b.name || b.code} ${result.period ?? "（考核周期未填）"} 考核画像`, style: "title" };
    wide(title);

    // Key figures: label and value pairs.
    const catCount = p.categoryBranches;
    rows.push([
      hdr("总分"),
      d2(b.total),
      hdr("星级"),
      txt(starText(b.stars)),
      hdr("阶梯"),
      wrap(b.tier),
      hdr("状态"),
      wrap(branchStatus(result, b)),
    ]);
    rows.push([
      hdr("排名"),
      txt(`${b.rank}/${pages}`),
      hdr("类别排名"),
      txt(b.categoryRank === null || catCount === null ? "—" : `${b.categoryRank}/${catCount}`),
      hdr("支部编码"),
      txt(b.code),
      hdr("支部类别"),
      wrap(b.category ?? "（类别无效）"),
    ]);
    gap();

    // The areas, with the radar's data in the first three columns.
    wide(hdr("各考核方面得分率（%）"));
    const tableTop = rows.length;
    rows.push(["考核方面", "得分率", "类别平均", "全体平均", "差距", "得分", "满分"].map(hdr));
    for (const a of p.areas) {
      rows.push([
        wrap(a.name),
        d2(a.rate),
        d2(a.categoryAverage),
        d2(a.overallAverage),
        d2(a.gap, a.gap !== null && a.gap < 0 ? "dispute" : undefined),
        d2(a.score),
        d2(a.max),
      ]);
    }
    if (p.areas.length === 0) rows.push([txt("（没有适用的考核方面）")]);
    const tableBottom = rows.length - 1;
    if (b.category === null) wide(wrap("支部类别无效，没有同类支部可比，类别平均和差距留空；请在“支部名册”中改正支部类别后重新评分。"));
    gap();
    if (p.areas.length > 0) {
      const from = rows.length;
      const hasCategory = p.areas.some((a) => a.categoryAverage !== null);
      const cats = `${a1(tableTop + 1, 0)}:${a1(tableBottom, 0)}`;
      const column = (c: number) => `${a1(tableTop + 1, c)}:${a1(tableBottom, c)}`;
      charts.push({
        kind: "radar",
        title: `${b.name || b.code} 得分率（%）与类别平均`,
        table: `${a1(tableTop, 0)}:${a1(tableBottom, hasCategory ? 2 : 1)}`,
        series: [
          { name: "本支部", categories: cats, values: column(1) },
          ...(hasCategory ? [{ name: "类别平均", categories: cats, values: column(2) }] : []),
        ],
        anchor: { from: a1(from, 0), to: a1(from + CHART_ROWS - 1, COLUMNS - 1) },
        min: 0,
        max: 100,
      });
      for (let r = from; r < from + CHART_ROWS; r++) {
        heights[r] = CHART_ROW_POINTS;
        rows.push([]);
      }
      gap();
    }

    // 短板弱项.
    // An empty section is one line, so that more blocks fit their page.
    if (p.weakAreas.length === 0) {
      wide(
        wrap(b.category === null ? "短板弱项：支部类别无效，无法与同类支部比较。" : "短板弱项：无，各考核方面得分率均不低于本类别平均。"),
      );
    } else {
      wide(hdr("短板弱项（低于本类别平均最多的考核方面，最多三项）"));
      const at = rows.length;
      rows.push([hdr("考核方面"), hdr("差距"), hdr("扣分项目"), ...Array.from({ length: COLUMNS - 3 }, () => hdr(null))]);
      merges.push(`${a1(at, 2)}:${a1(at, COLUMNS - 1)}`);
      const deducted = new Map(p.deductions.map((d) => [d.item, d]));
      for (const w of p.weakAreas) {
        const items = w.items.map((code) => `${code}（扣 ${deducted.get(code)?.deducted ?? 0} 分）`).join("、");
        merges.push(`${a1(rows.length, 2)}:${a1(rows.length, COLUMNS - 1)}`);
        rows.push([
          txt(w.name),
          d2(w.gap, "dispute"),
          wrap(items || "（本方面没有扣分项目）"),
          ...Array.from({ length: COLUMNS - 3 }, () => wrap(null)),
        ]);
      }
    }
    gap();

    // 扣分明细: item, content, deducted points, status and notes.
    if (p.deductions.length === 0) {
      wide(wrap("扣分明细：无，各基础项目均得满分。"));
    } else {
      wide(hdr("扣分明细（基础项目得分低于分值的项目）"));
      const head = rows.length;
      rows.push([hdr("考核项目"), hdr(null), hdr("扣分"), hdr("状态"), hdr("扣分说明"), hdr(null), hdr(null), hdr(null)]);
      merges.push(`${a1(head, 0)}:${a1(head, 1)}`, `${a1(head, 4)}:${a1(head, COLUMNS - 1)}`);
      for (const d of p.deductions) {
        const r = rows.length;
        const tone = d.status === "超差待仲裁" || d.status === "缺评" ? "dispute" : undefined;
        rows.push([
          wrap(`${d.item} ${d.content}`),
          wrap(null),
          d2(d.deducted),
          wrap(d.status, tone),
          wrap(noteText(result, d.notes) || "（未填写扣分说明）"),
          wrap(null),
          wrap(null),
          wrap(null),
        ]);
        merges.push(`${a1(r, 0)}:${a1(r, 1)}`, `${a1(r, 4)}:${a1(r, COLUMNS - 1)}`);
      }
    }
    gap();

    // Bonuses and vetoes.
    if (p.bonuses.length === 0 && p.vetoes.length === 0) {
      wide(wrap("加分与否决：无加分项目，未触发否决项目。"));
    } else {
      wide(hdr("加分与否决"));
      const head = rows.length;
      rows.push([hdr("类型"), hdr("项目编号"), hdr("考核内容"), hdr(null), hdr(null), hdr(null), hdr(null), hdr("分数")]);
      merges.push(`${a1(head, 2)}:${a1(head, COLUMNS - 2)}`);
      const line = (kind: string, item: string, content: string, score: number | null) => {
        merges.push(`${a1(rows.length, 2)}:${a1(rows.length, COLUMNS - 2)}`);
        const tone = kind === "否决" ? "veto" : undefined;
        rows.push([
          txt(kind, tone),
          txt(item, tone),
          wrap(content, tone),
          wrap(null, tone),
          wrap(null, tone),
          wrap(null, tone),
          wrap(null, tone),
          d2(score, tone),
        ]);
      };
      for (const x of p.bonuses) line("加分", x.item, x.content, x.score);
      for (const x of p.vetoes) line("否决", x.item, x.content, null);
    }
    blocks.set(b.code, { first, last: rows.length - 1 });
  }
  if (rows.length === 0) wide(wrap("没有支部。"));

  const spec = withRowHeights({
    name: OUTPUT_SHEETS.profiles,
    rows,
    rowHeights: Array.from(heights, (h) => h),
    merges,
    columnWidths: WIDTHS,
    charts,
    print: quarterPrint(result, OUTPUT_SHEETS.profiles, "portrait", { narrowMargins: true, pageBreaksBefore: breaks }),
  });
  return { spec, blocks };
}

/** The raters' notes, one line each; raters who wrote the same note share its line. */
function noteText(result: ResultOverview, notes: Profile["deductions"][number]["notes"]): string {
  // Most deductions have no note or one (thousands of them at 5,000 branches): no map for those.
  if (notes.length === 0) return "";
  if (notes.length === 1) return `${RATER(result, notes[0]!.rater)}：${notes[0]!.text}`;
  const byText = new Map<string, string[]>();
  for (const n of notes) {
    const who = RATER(result, n.rater);
    const list = byText.get(n.text);
    if (!list) byText.set(n.text, [who]);
    else if (!list.includes(who)) list.push(who);
  }
  return [...byText].map(([text, who]) => `${who.join("、")}：${text}`).join("\n");
}

/** The result's status for this branch, with a veto and pending arbitration in words. */
function branchStatus(result: ResultOverview, b: BranchResult): string {
  const parts: string[] = [STATUS_ZH[result.status]];
  if (b.vetoed) parts.push("否决");
  if (b.pending > 0) parts.push(`待仲裁 ${b.pending} 项`);
  return parts.join("；");
}
