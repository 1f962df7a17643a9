/// <reference types="office-js" />
/**
 * Regenerating a 5,000-branch quarter inside Excel (on the fake host, whose request and
 * response limits are Excel's): slow on the fake (about a minute here), hence in test:full.
 */
import { expect, it } from "vitest";
import { createExcelOperations } from "../../addin/excel/excel-operations.js";
import { defaultRules } from "../../src/model/default-rules.js";
import { rosterSheet, type RosterEntry } from "../../src/template/input-sheets.js";
import { templateSheets } from "../../src/template/template-workbook.js";
import { WEB_LIMITS, createFakeExcel } from "../fake-excel/fake-excel.js";
import { applyEdits, consistentScores, specEdits } from "../template/fill-template.js";

const CATEGORIES = ["生产类", "辅助类", "综合管理类", "市场经营类", "非公改制类"] as const;
const N = 5000;

it("regenerates 5,000 branches in Excel within Excel's request limits, keeping every typed score", async () => {
  const branches: RosterEntry[] = Array.from({ length: N }, (_, i) => ({
    code: `ZB${String(i + 1).padStart(5, "0")}`,
    name: `第${i + 1}党支部`,
    category: CATEGORIES[i % CATEGORIES.length]!,
    unit: "本单位",
  }));
  const rules = defaultRules();
  const score = consistentScores(rules, branches).a;
  let typed = 0;
  const sheets = templateSheets({ branches, period: "2026Q3" }).map((spec) => {
    if (spec.name === "评分A") {
      const edits = specEdits(spec, rules, score);
      typed = edits.length;
      return applyEdits(spec, edits);
    }
    // The first branch leaves, a new one joins.
    if (spec.name === "支部名册")
      return rosterSheet([...branches.slice(1), { code: "ZB99999", name: "新设党支部", category: "辅助类", unit: "新设" }]);
    return spec;
  });
  const fake = createFakeExcel();
  fake.host.seedSheets(sheets);
  fake.host.resetStats();

  const outcome = await createExcelOperations({ excel: fake.Excel, office: fake.Office }).newTemplate({
    period: null,
    roster: { kind: "workbook" },
  });
  if (outcome.kind !== "regenerated") throw new Error("not regenerated");
  const firstBranch = outcome.summary.notPlaced.length;
  expect(outcome.summary.notPlaced.every((n) => n.branch === "ZB00001" && n.reason.kind === "branch-removed")).toBe(true);
  expect(outcome.summary.kept + firstBranch).toBe(typed);
  expect(outcome.summary.addedBranches).toEqual(["ZB99999"]);
  const { stats } = fake.host;
  expect(stats.failedSyncs).toBe(0);
  expect(stats.maxRequestBytes).toBeLessThanOrEqual(WEB_LIMITS.requestBytes);
  expect(stats.maxResponseBytes).toBeLessThanOrEqual(WEB_LIMITS.responseBytes);
  expect(stats.syncs).toBeLessThan(60);
  const grid = fake.host.values("评分A");
  expect(grid.filter((r) => typeof r[0] === "string" && r[0].startsWith("ZB"))).toHaveLength(N);
}, 600_000);
