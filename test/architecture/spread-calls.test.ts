import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((f) => {
    const p = join(dir, f);
    return statSync(join(root, p)).isDirectory() ? sources(p) : /\.tsx?$/.test(f) && !f.endsWith(".d.ts") ? [p] : [];
  });
}

/** Calls that spread an array into their arguments: `f(...list)`, `push(...list)`, `Math.max(...list)`. */
function spreadCalls(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.some(ts.isSpreadElement)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${file}:${line + 1}: ${node.getText().slice(0, 80)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("no array spread into a call in the product's code", () => {
  // Each spread element is an argument on the stack: with the ~130,000 issues of a large grid,
  // issues.push(...list) overflowed it. Loops and folds have no such limit.
  it("src/, addin/ and bench/ pass lists, never spread them into arguments", () => {
    const files = [...sources("src"), ...sources("addin"), ...sources("bench")];
    expect(files.length).toBeGreaterThan(60);
    expect(files.flatMap(spreadCalls)).toEqual([]);
  });
});
