/**
 * The comparison rules of ../shared/tools/compare-result.py, in TypeScript: figures within
 * 0.005 (agreement within 0.0001), branch order and exact fields equal, errors compared by
 * (severity, code, sheet, cell), warnings by code.
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NUM_FIELDS = ["base", "bonus", "total", "totalA", "totalB", "selfTotal"];
const EXACT_FIELDS = ["rank", "categoryRank", "stars", "tier", "vetoed", "pending", "category", "name"];

const close = (a: unknown, b: unknown, eps = 0.005) =>
  a === null || a === undefined || b === null || b === undefined ? (a ?? null) === (b ?? null) : Math.abs(Number(a) - Number(b)) <= eps;

export function compareResults(exp: Json, act: Json): string[] {
  const out: string[] = [];
  if (act.status !== exp.status) out.push(`status: expected ${exp.status} got ${act.status}`);
  if (exp.status !== "fatal" && act.period !== exp.period) out.push(`period: expected ${exp.period} got ${act.period}`);
  const eb: Json[] = exp.branches;
  const ab: Json[] = act.branches ?? [];
  const eo = eb.map((b) => b.code).join(","), ao = ab.map((b) => b.code).join(",");
  if (eo !== ao) out.push(`branch order: expected ${eo} got ${ao}`);
  const amap = new Map(ab.map((b) => [b.code, b]));
  for (const b of eb) {
    const a = amap.get(b.code);
    if (!a) { out.push(`branch ${b.code} missing`); continue; }
    for (const f of NUM_FIELDS) if (f in b && !close(b[f], a[f])) out.push(`${b.code}.${f}: expected ${b[f]} got ${a[f]}`);
    for (const f of EXACT_FIELDS) if (f in b && b[f] !== a[f]) out.push(`${b.code}.${f}: expected ${b[f]} got ${a[f]}`);
    if ([...b.vetoItems].sort().join() !== [...(a.vetoItems ?? [])].sort().join()) out.push(`${b.code}.vetoItems differ`);
    const aa = new Map((a.areas ?? []).map((x: Json) => [x.name, x]));
    for (const x of b.areas) {
      const y = aa.get(x.name) as Json | undefined;
      if (!y || !close(x.score, y.score) || !close(x.rate, y.rate) || !close(x.max, y.max)) out.push(`${b.code}.area ${x.name} differs`);
    }
  }
  const ai = new Map((act.items ?? []).map((i: Json) => [`${i.branch}/${i.item}`, i]));
  for (const i of exp.items) {
    const j = ai.get(`${i.branch}/${i.item}`) as Json | undefined;
    if (!j) { out.push(`item ${i.branch}/${i.item} missing`); continue; }
    if (!close(i.final, j.final) || i.status !== j.status) out.push(`item ${i.branch}/${i.item}: expected ${i.final} ${i.status} got ${j.final} ${j.status}`);
  }
  if (exp.agreement && exp.status !== "fatal") {
    for (const f of ["rate", "meanAbsDiff", "meanDiff", "icc"]) {
      if (!close(exp.agreement[f], act.agreement?.[f], 0.00011)) out.push(`agreement.${f}: expected ${exp.agreement[f]} got ${act.agreement?.[f]}`);
    }
  }
  const hard = (l: Json[]) => [...new Set(l.filter((i) => i.severity === "error" || i.severity === "fatal").map((i) => JSON.stringify([i.severity, i.code, i.sheet, i.cell])))].sort();
  const soft = (l: Json[]) => [...new Set(l.filter((i) => i.severity === "warning").map((i) => i.code))].sort();
  const eh = hard(exp.issues), ah = hard(act.issues ?? []);
  const missing = eh.filter((x) => !ah.includes(x)), extra = ah.filter((x) => !eh.includes(x));
  if (missing.length || extra.length) out.push(`errors: missing ${missing.slice(0, 6).join(" ")}; unexpected ${extra.slice(0, 6).join(" ")}`);
  if (soft(exp.issues).join() !== soft(act.issues ?? []).join()) out.push(`warning codes: expected ${soft(exp.issues)} got ${soft(act.issues ?? [])}`);
  return out;
}
