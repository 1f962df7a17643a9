import { a1, cellValueText, type Cell } from "../../model/cell.js";
import {
  DEFAULT_RECTIFICATION_STATUS,
  LEDGER_TITLES,
  RECTIFICATION_STATUSES,
  LEFTOVER_MARK,
  type LedgerLeftover,
  type NoteTexts,
  type PreviousLedger,
  type PreviousLedgerRow,
} from "../../model/ledger.js";
import type { Result } from "../../model/result.js";
import type { RuleItem } from "../../model/rules.js";
import { OUTPUT_SHEETS } from "../../model/sheets.js";
import { d2, hdr, int, txt, wrap, type CellTone, type OutCell, type OutEntry, type SheetSpec } from "../sheet-spec.js";
import { quarterPrint, sharedCells, titleMerges, titleRows } from "./cells.js";

/** A rule item as the ledger names it. */
export type LedgerRuleItem = Pick<RuleItem, "code" | "type" | "area" | "content">;

/** What the ledger needs besides the result: the rules (for 考核方面 and 考核项), the raters' notes, the old ledger. */
export interface LedgerInputs {
  /** In rule order. */
  readonly rules: readonly LedgerRuleItem[];
  readonly notes: NoteTexts;
  readonly previous: PreviousLedger;
}

const TITLES = Object.values(LEDGER_TITLES);
const COL = Object.fromEntries(TITLES.map((t, i) => [t, i])) as Record<(typeof TITLES)[number], number>;
const VETO_MARK = "否决";
/** Widths in characters: long texts wrap, so the sheet prints one A4 landscape page wide at ≥ 9 pt. */
const WIDTHS = [4, 7, 7, 10, 7, 5, 7, 16, 6, 24, 15, 6, 10, 6];

const key = (period: string, branch: string, item: string) => `${period}\u0000${branch}\u0000${item}`;

/**
 * 整改台账: one row per (branch, 基础 item) scored below its 分值 and per triggered 否决 item,
 * branches in roster order and items in rule order, then four columns people fill in:
 * 整改措施, 责任人, 完成时限 (a date) and 整改状态 (a list; 未整改 to start with). What they
 * typed in the old ledger is carried over by (期间, 支部编码, 项目编号); a row they typed into
 * that no longer has a deduction (or cannot be matched) is kept at the end, marked in 扣分,
 * so nothing typed is ever lost. Null when the old ledger could not be read (it is left as it is).
 */
export function ledgerSheet(result: Result, inputs: LedgerInputs): SheetSpec | null {
  if (inputs.previous.kind === "unusable") return null;
  const period = result.period ?? "";
  const previous = inputs.previous.kind === "rows" ? inputs.previous.rows : [];

  // The old rows by key: the first one people typed into carries over, any later one is a duplicate.
  const byKey = new Map<string, PreviousLedgerRow>();
  for (const row of previous)
    if (row.branch !== "" && row.item !== "" && !byKey.has(key(row.period, row.branch, row.item)))
      byKey.set(key(row.period, row.branch, row.item), row);
  const used = new Set<PreviousLedgerRow>();

  const branches = new Map(result.branches.map((b) => [b.code, b]));
  // Each branch's items in an array with a slot per rule code (rules of one code share it), so
  // that no map is built for each of thousands of branches.
  const slotOf = new Map<string, number>();
  inputs.rules.forEach((rule, k) => {
    if (!slotOf.has(rule.code)) slotOf.set(rule.code, k);
  });
  const ruleSlots = inputs.rules.map((rule) => slotOf.get(rule.code)!);
  const itemsOf = new Map<string, (Result["items"][number] | undefined)[]>();
  // The items run branch by branch: the branch's slots are looked up when the branch changes.
  let branch: string | undefined;
  let slots: (Result["items"][number] | undefined)[] | undefined;
  for (const i of result.items) {
    if (i.branch !== branch || slots === undefined) {
      branch = i.branch;
      slots = itemsOf.get(branch);
      if (!slots) itemsOf.set(branch, (slots = []));
    }
    const k = slotOf.get(i.item);
    if (k !== undefined) slots[k] = i;
  }

  const rows: OutEntry[][] = [];
  // Cells that repeat from row to row are made once and shared (sharedCells): the period, a
  // rule's code and texts, a branch's, a deduction's figure, a blank note and blank typed cells.
  const periodCell = txt(period);
  const ruleCells = inputs.rules.map((rule) => ({ code: txt(rule.code), area: wrap(rule.area), content: wrap(rule.content) }));
  const deducted = sharedCells((v: number) => d2(v));
  const vetoCell = txt(VETO_MARK, "veto");
  const noNote = wrap("");
  const blank = typedCells(undefined);
  // Roster order: the order of the items, which run branch by branch; a branch with no item (none in the rules) after them.
  const order = [...new Set([...itemsOf.keys(), ...result.branches.map((b) => b.code)])];
  for (const code of order) {
    const b = branches.get(code);
    if (b === undefined) continue;
    const items = itemsOf.get(code);
    const notes = inputs.notes.get(code);
    let codeCell: OutCell | undefined;
    let nameCell: OutCell | undefined;
    let unitCell: OutCell | undefined;
    for (let r = 0; r < inputs.rules.length; r++) {
      const rule = inputs.rules[r]!;
      let deduction: OutCell;
      if (rule.type === "base") {
        const it = items?.[ruleSlots[r]!];
        if (it === undefined || it.final === null) continue;
        const lost = Math.round(it.max * 100) - Math.round(it.final * 100);
        if (lost <= 0) continue;
        deduction = deducted(lost / 100);
      } else if (rule.type === "veto" && b.vetoItems.includes(rule.code)) {
        deduction = vetoCell;
      } else continue;
      // Most runs have no old rows: no key to make for each of thousands of rows.
      const old = byKey.size === 0 ? undefined : byKey.get(key(period, code, rule.code));
      if (old) used.add(old);
      const note = notes?.get(rule.code)?.join("\n") ?? "";
      const typed = old === undefined ? blank : typedCells(old);
      const cells = ruleCells[r]!;
      rows.push([
        int(rows.length + 1),
        periodCell,
        (codeCell ??= txt(code)),
        (nameCell ??= wrap(b.name)),
        (unitCell ??= wrap(b.unit)),
        cells.code,
        cells.area,
        cells.content,
        deduction,
        note === "" ? noNote : wrap(note),
        typed[0]!,
        typed[1]!,
        typed[2]!,
        typed[3]!,
      ]);
    }
  }
  for (const old of previous) {
    if (used.has(old)) continue;
    const why: LedgerLeftover =
      old.branch === "" || old.item === ""
        ? "no-key"
        : byKey.get(key(old.period, old.branch, old.item)) === old
          ? "no-deduction"
          : "duplicate";
    const m: CellTone = "muted";
    rows.push([
      int(rows.length + 1, m),
      txt(old.period, m),
      txt(old.branch, m),
      wrap(old.name, m),
      wrap(old.unit, m),
      txt(old.item, m),
      wrap(old.area, m),
      wrap(old.content, m),
      wrap(LEFTOVER_MARK[why], m),
      wrap(old.note, m),
      ...typedCells(old),
    ]);
  }

  const top = titleRows(result, "整改台账");
  const note = wrap(
    "每个扣分项和触发的否决项一行。请填写整改措施、责任人、完成时限（日期）和整改状态（未整改、整改中、已销号）；重新评分时按期间、支部编码和项目编号保留所填内容，扣分已改正但填写过内容的行移到表末，扣分栏标为“已无扣分”。",
  );
  const titles = [...top, [note]];
  const header = titles.length;
  const first = header + 1;
  const statusCol = COL[LEDGER_TITLES.status];
  return {
    name: OUTPUT_SHEETS.ledger,
    rows: titles.concat([TITLES.map(hdr)], rows.length > 0 ? rows : [[txt("—"), wrap("本期没有扣分项或否决项。")]]),
    freezeRows: header + 1,
    merges: titleMerges(titles.length, TITLES.length),
    columnWidths: WIDTHS,
    validations:
      rows.length === 0
        ? []
        : [
            {
              kind: "list",
              range: `${a1(first, statusCol)}:${a1(first + rows.length - 1, statusCol)}`,
              values: RECTIFICATION_STATUSES,
              error: `整改状态请从列表中选择：${RECTIFICATION_STATUSES.join("、")}。`,
            },
          ],
    print: quarterPrint(result, OUTPUT_SHEETS.ledger, "landscape", {
      repeatRows: 1,
      repeatFrom: header,
      narrowMargins: true,
    }),
  };
}

/** The four typed cells: as people left them (text stays text, a date a date), or blank with 整改状态 未整改. */
function typedCells(old: PreviousLedgerRow | undefined): OutEntry[] {
  const t = old?.typed;
  const status = asText(t?.status ?? null);
  return [
    { v: asText(t?.measure ?? null), style: "inputText" },
    { v: asText(t?.owner ?? null), style: "inputText" },
    { v: deadline(t?.deadline ?? null), style: "inputDate" },
    { v: status ?? DEFAULT_RECTIFICATION_STATUS, style: "inputText" },
  ];
}

/** A typed cell in a text column, exactly as it was (blank when only spaces): numbers as their decimal text, booleans and errors as shown. */
function asText(c: Cell): string | null {
  return c === null || (c.kind === "text" && c.value.trim() === "") ? null : cellValueText(c);
}

/** 完成时限: a number (a date, or a serial whose format was lost) stays a number shown as a date; anything else stays text. */
function deadline(c: Cell): string | number | null {
  return c !== null && c.kind === "number" ? c.value : asText(c);
}
