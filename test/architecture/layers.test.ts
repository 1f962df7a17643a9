import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importsOf, LAYERS, layerOf, layerViolations, resolveSpecifier, type SourceFile } from "./layers.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

function sources(dir: string): SourceFile[] {
  return readdirSync(join(root, dir)).flatMap((f) => {
    const path = `${dir}/${f}`;
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.tsx?$/.test(f) ? [{ path, text: readFileSync(join(root, path), "utf8") }] : [];
  });
}

describe("layers: the README's allow-list, enforced", () => {
  const files = [...sources("src"), ...sources("addin")];

  it("reads the whole tree", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => f.path.startsWith("src/model/")).length).toBeGreaterThan(5);
  });

  it("every import in src/ and addin/ is allowed", () => {
    expect(layerViolations(files)).toEqual([]);
  });

  it("every allowed path exists", () => {
    const paths = new Set(files.map((f) => f.path));
    for (const l of LAYERS) {
      for (const p of [l.path, ...l.may])
        expect(
          [...paths].some((f) => f === p || f.startsWith(`${p}/`)),
          p,
        ).toBe(true);
    }
  });

  it("fails on a deliberate wrong import: the engine reaching for the .xlsx reader", () => {
    const wrong: SourceFile = { path: "src/engine/score.ts", text: 'import { XlsxReader } from "../io/xlsx/reader.js";\n' };
    expect(layerViolations([wrong])).toEqual(["src/engine/score.ts imports src/io/xlsx/reader.ts (src/engine may import src/model)"]);
  });

  it("fails on a backward import, a Node module in the core, a package out of place and an unclaimed folder", () => {
    const tree: SourceFile[] = [
      { path: "src/model/result.ts", text: 'import type { ScoredAssessment } from "../engine/assess.js";' },
      { path: "src/report/result-json.ts", text: 'import { readFileSync } from "node:fs";' },
      { path: "src/validate/grids.ts", text: 'import { useState } from "react";' },
      { path: "src/misc/run.ts", text: 'import type { Result } from "../model/result.js";' },
      // allowed: within a layer, to a layer on the left, a package the layer may use
      { path: "src/report/sheets/results.ts", text: 'import { txt } from "../sheet-spec.js";\nimport { starText } from "../labels.js";' },
      {
        path: "src/io/xlsx/writer.ts",
        text: 'import type { SheetSpec } from "../../report/sheet-spec.js";\nimport { zipSync } from "fflate";',
      },
    ];
    expect(layerViolations(tree)).toEqual([
      "src/model/result.ts imports src/engine/assess.ts (src/model may import nothing outside itself)",
      "src/report/result-json.ts imports package node:fs (not allowed in src/report)",
      "src/validate/grids.ts imports package react (not allowed in src/validate)",
      "src/misc/run.ts belongs to no layer (add it to LAYERS and the README's architecture table)",
    ]);
  });

  it("reads imports, re-exports, dynamic imports and type references, not comments", () => {
    const text = [
      'import type { A } from "./a.js";',
      'export { b } from "../b.js";',
      'const c = await import("./c.js");',
      '/// <reference types="office-js" />',
      '/* import { d } from "./d.js"; */',
    ].join("\n");
    expect(importsOf(text).sort()).toEqual(["../b.js", "./a.js", "./c.js", "office-js"]);
    expect(resolveSpecifier("src/report/sheets/charts.ts", "../../model/cell.js")).toBe("src/model/cell.ts");
    expect(layerOf("src/report/sheet-spec.ts")?.path).toBe("src/report");
    expect(layerOf("src/pipeline.ts")?.path).toBe("src/pipeline.ts");
  });

  it("matches the README's architecture table, row for row", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("| folder | what | may import |"));
    const lines = table.split("\n").slice(2);
    const rows = lines.slice(
      0,
      lines.findIndex((l) => !l.startsWith("|")),
    );
    const documented = rows.map((row) => {
      const [path, , may] = row
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim());
      const paths = (s: string) => [...s.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\/$/, ""));
      return { path: paths(path!).join(" "), may: may === "—" ? [] : paths(may!) };
    });
    expect(documented).toEqual(LAYERS.map((l) => ({ path: l.path, may: [...l.may] })));
  });
});
