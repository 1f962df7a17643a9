import type { Category } from "../model/categories.js";
import type { RosterEntry } from "../template/input-sheets.js";
import type { Random } from "./random.js";

/** The branches of a fictional steel and energy group, roster order (by unit). */
const CATALOGUE: readonly (readonly [name: string, unit: string, category: Category])[] = [
  ["炼铁厂第一党支部", "炼铁厂", "生产类"],
  ["炼铁厂第二党支部", "炼铁厂", "生产类"],
  ["炼钢厂第一党支部", "炼钢厂", "生产类"],
  ["炼钢厂第二党支部", "炼钢厂", "生产类"],
  ["炼钢厂连铸作业区党支部", "炼钢厂", "生产类"],
  ["热轧厂党支部", "热轧厂", "生产类"],
  ["冷轧厂酸轧党支部", "冷轧厂", "生产类"],
  ["冷轧厂镀锌党支部", "冷轧厂", "生产类"],
  ["焦化厂党支部", "焦化厂", "生产类"],
  ["烧结厂党支部", "烧结厂", "生产类"],
  ["能源动力厂热电党支部", "能源动力厂", "生产类"],
  ["能源动力厂燃气党支部", "能源动力厂", "生产类"],
  ["中厚板厂党支部", "中厚板厂", "生产类"],
  ["特钢事业部电炉党支部", "特钢事业部", "生产类"],
  ["设备检修中心机械党支部", "设备检修中心", "辅助类"],
  ["设备检修中心电气党支部", "设备检修中心", "辅助类"],
  ["运输部铁运党支部", "运输部", "辅助类"],
  ["质量检验中心党支部", "质量检验中心", "辅助类"],
  ["计量中心党支部", "计量中心", "辅助类"],
  ["技术中心研发党支部", "技术中心", "辅助类"],
  ["信息自动化中心党支部", "信息自动化中心", "辅助类"],
  ["物资供应公司仓储党支部", "物资供应公司", "辅助类"],
  ["机关党委办公室党支部", "机关党委", "综合管理类"],
  ["人力资源部党支部", "机关党委", "综合管理类"],
  ["财务部党支部", "机关党委", "综合管理类"],
  ["安全环保部党支部", "机关党委", "综合管理类"],
  ["企业管理部党支部", "机关党委", "综合管理类"],
  ["生产技术部党支部", "机关党委", "综合管理类"],
  ["党群工作部党支部", "机关党委", "综合管理类"],
  ["纪委办公室党支部", "机关党委", "综合管理类"],
  ["销售公司华东营销党支部", "销售公司", "市场经营类"],
  ["销售公司华南营销党支部", "销售公司", "市场经营类"],
  ["销售公司加工配送党支部", "销售公司", "市场经营类"],
  ["国际贸易公司党支部", "国际贸易公司", "市场经营类"],
  ["采购中心党支部", "采购中心", "市场经营类"],
  ["冶金建设公司党支部", "冶金建设公司", "非公改制类"],
  ["耐火材料公司党支部", "耐火材料公司", "非公改制类"],
  ["实业发展公司党支部", "实业发展公司", "非公改制类"],
  ["环保科技公司党支部", "环保科技公司", "非公改制类"],
  ["物流公司党支部", "物流公司", "非公改制类"],
];

/** The number of branches of the sample quarter. */
export const CATALOGUE_SIZE = CATALOGUE.length;

/**
 * `count` branches with codes ZB001…: the catalogue for the default size; fewer are picked
 * across the categories (roster order kept); more are added as numbered branches of the same
 * units (炼钢厂第3党支部 …), for the benchmark.
 */
export function sampleBranches(count: number, rng: Random): RosterEntry[] {
  const width = Math.max(3, String(count).length);
  const code = (i: number) => `ZB${String(i + 1).padStart(width, "0")}`;
  let chosen: (readonly [string, string, Category])[];
  if (count <= CATALOGUE.length) {
    const byCategory = new Map<Category, number[]>();
    CATALOGUE.forEach(([, , c], i) => byCategory.set(c, [...(byCategory.get(c) ?? []), i]));
    const picked = new Set<number>();
    const queues = [...byCategory.values()].map((q) => [...q]);
    while (picked.size < count) {
      for (const q of queues) {
        const i = q.shift();
        if (i !== undefined && picked.size < count) picked.add(i);
      }
    }
    chosen = [...picked].sort((x, y) => x - y).map((i) => CATALOGUE[i]!);
  } else {
    chosen = [...CATALOGUE];
    const perUnit = new Map<string, number>();
    for (const [, unit] of CATALOGUE) perUnit.set(unit, (perUnit.get(unit) ?? 0) + 1);
    for (let i = CATALOGUE.length; i < count; i++) {
      const [, unit, category] = CATALOGUE[i % CATALOGUE.length]!;
      const n = (perUnit.get(unit) ?? 0) + 1;
      perUnit.set(unit, n);
      chosen.push([`${unit}第${n}党支部`, unit, category]);
    }
  }
  return chosen.map(([name, unit, category], i) => ({ code: code(i), name, category, unit, members: rng.int(9, 86) }));
}
