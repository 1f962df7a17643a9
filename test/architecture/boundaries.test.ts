import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((f) => {
    const p = join(dir, f);
    return statSync(join(root, p)).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(join(root, file), "utf8").matchAll(/^\s*(?:import|export)[^"']*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]!);

/** The functional core stays pure: no file I/O, no Node built-ins, no Office.js, no UI. */
const PURE = ["src/model", "src/engine", "src/validate", "src/annual", "src/report", "src/io", "src/merge", "src/template", "src/demo", "src/pipeline.ts", "src/annual-pipeline.ts"];

describe("import boundaries", () => {
  const files = PURE.flatMap((p) => (p.endsWith(".ts") ? [p] : sources(p)));

  it("finds the core's source files", () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files)("%s imports no Node built-in, CLI, add-in or UI module", (file) => {
    for (const spec of importsOf(file)) {
      expect(spec, `${file} imports ${spec}`).not.toMatch(/^node:|^(fs|path|os|child_process|crypto|url|buffer)$/);
      const target = spec.startsWith(".") ? relative(root, join(root, file, "..", spec)) : spec;
      expect(target, `${file} imports ${spec}`).not.toMatch(/^(src\/cli|addin)\/|^react|^@fluentui/);
    }
  });

  it("keeps the engine, validation and reports away from the adapters", () => {
    for (const file of files.filter((f) => /^src\/(engine|validate|annual|report)\//.test(f))) {
      for (const spec of importsOf(file)) {
        const target = spec.startsWith(".") ? relative(root, join(root, file, "..", spec)) : spec;
        expect(target, `${file} imports ${spec}`).not.toMatch(/^src\/io\/xlsx\//);
      }
    }
  });

  it("uses no Node globals in code that runs in the browser", () => {
    for (const file of files) {
      const text = readFileSync(join(root, file), "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
      expect(text, file).not.toMatch(/\b(Buffer|process|__dirname|require)\s*[.(]/);
    }
  });
});
