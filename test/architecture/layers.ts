/**
 * Which part of the code may import which: the README's "may import" column as data, and the
 * check that holds the code to it. Data flows one way (read → validate → score → rank → report
 * → write), so the layers do too: model ← validate ← engine ← report ← io ← adapters.
 *
 * A file belongs to the part with the longest matching path. It may import its own part, the
 * paths in `may` (a folder or one file) and the packages in `packages` (a name, or a prefix
 * ending in `*`; `/// <reference types>` counts as an import). Anything else is a violation,
 * and so is a source file no part claims: a new folder needs a line here (and in the README).
 */
export interface Layer {
  readonly path: string;
  readonly may: readonly string[];
  readonly packages?: readonly string[];
}

export const LAYERS: readonly Layer[] = [
  { path: "src/model", may: [], packages: ["zod"] },
  { path: "src/validate", may: ["src/model"] },
  { path: "src/engine", may: ["src/model"] },
  { path: "src/annual", may: ["src/model", "src/validate", "src/engine"] },
  { path: "src/report", may: ["src/model", "src/engine", "src/annual", "src/version.ts"] },
  { path: "src/io", may: ["src/model", "src/report/sheet-spec.ts", "src/report/excel-limits.ts"], packages: ["fflate"] },
  {
    path: "src/template",
    may: ["src/model", "src/validate", "src/report/sheet-spec.ts", "src/report/excel-limits.ts", "src/io/workbook.ts"],
  },
  { path: "src/merge", may: ["src/model", "src/validate", "src/io/workbook.ts"] },
  { path: "src/demo", may: ["src/model", "src/template", "src/report/sheet-spec.ts"] },
  { path: "src/pipeline.ts", may: ["src/model", "src/validate", "src/engine", "src/report", "src/io/workbook.ts"] },
  {
    path: "src/annual-pipeline.ts",
    may: ["src/model", "src/validate", "src/annual", "src/report", "src/io/workbook.ts", "src/io/xlsx/writer.ts", "src/pipeline.ts"],
  },
  { path: "src/version.ts", may: [] },
  { path: "src/cli", may: ["src"], packages: ["node:*"] },
  { path: "addin/operations.ts", may: ["src/model", "src/merge", "src/report/excel-limits.ts"] },
  { path: "addin/annual-operations.ts", may: ["src", "addin/operations.ts"] },
  // The fingerprints' SHA-256 by the page's SubtleCrypto, for both modes.
  { path: "addin/subtle-sha256.ts", may: ["src/report/sha256.ts"] },
  {
    path: "addin/excel",
    may: ["src", "addin/operations.ts", "addin/annual-operations.ts", "addin/subtle-sha256.ts"],
    packages: ["office-js"],
  },
  { path: "addin/file-mode", may: ["src", "addin/operations.ts", "addin/annual-operations.ts", "addin/subtle-sha256.ts"] },
  // The file mode's Web Worker: the session behind its messages, nothing of the page (no React, no Office code).
  { path: "addin/file-mode/worker.ts", may: ["addin/file-mode/file-worker.ts", "addin/file-mode/worker-protocol.ts"] },
  {
    path: "addin/taskpane",
    may: [
      "src/model",
      "src/report/labels.ts",
      "src/report/excel-limits.ts",
      "addin/operations.ts",
      "addin/file-mode",
      "addin/excel/requirements.ts",
    ],
    packages: ["react", "react-dom/*", "@fluentui/*"],
  },
  {
    path: "addin/excel-page.tsx",
    may: ["addin/excel", "addin/operations.ts", "addin/taskpane"],
    packages: ["office-js", "react", "react-dom/*", "@fluentui/*"],
  },
  // The file mode's page loads no Office code: no office-js, nothing from addin/excel but the requirement names the pane lists.
  { path: "addin/file-page.tsx", may: ["addin/file-mode", "addin/taskpane"], packages: ["react-dom/*"] },
];

export interface SourceFile {
  /** Path from the repository root, with forward slashes (e.g. `src/engine/score.ts`). */
  readonly path: string;
  readonly text: string;
}

/** Module specifiers a file imports or re-exports (static or dynamic), and the types it references. */
export function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "");
  const specs = [
    ...code.matchAll(/^\s*(?:import|export)\b[^"'`;]*?\bfrom\s*["']([^"']+)["']/gm),
    ...code.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
    ...code.matchAll(/^\/\/\/\s*<reference\s+types="([^"]+)"/gm),
  ];
  return specs.map((m) => m[1]!);
}

const within = (path: string, prefix: string) => path === prefix || path.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`);

/** The part a file belongs to: the longest path that contains it. */
export function layerOf(path: string, layers: readonly Layer[] = LAYERS): Layer | undefined {
  return layers.filter((l) => within(path, l.path)).sort((a, b) => b.path.length - a.path.length)[0];
}

/** `../model/cell.js` from `src/engine/score.ts` → `src/model/cell.ts` (a .js specifier names its .ts or .tsx source). */
export function resolveSpecifier(from: string, spec: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const p of spec.split("/")) {
    if (p === "..") parts.pop();
    else if (p !== ".") parts.push(p);
  }
  return parts.join("/").replace(/\.js$/, ".ts");
}

const packageAllowed = (spec: string, allowed: readonly string[]) =>
  allowed.some((p) => (p.endsWith("*") ? spec.startsWith(p.slice(0, -1)) : spec === p));

/** Every import that breaks the allow-list, as `file imports target (why)`. */
export function layerViolations(files: readonly SourceFile[], layers: readonly Layer[] = LAYERS): string[] {
  const out: string[] = [];
  for (const file of files) {
    const own = layerOf(file.path, layers);
    if (!own) {
      out.push(`${file.path} belongs to no layer (add it to LAYERS and the README's architecture table)`);
      continue;
    }
    for (const spec of importsOf(file.text)) {
      if (!spec.startsWith(".")) {
        if (!packageAllowed(spec, own.packages ?? [])) out.push(`${file.path} imports package ${spec} (not allowed in ${own.path})`);
        continue;
      }
      const target = resolveSpecifier(file.path, spec);
      const targetTsx = target.replace(/\.ts$/, ".tsx");
      const targetLayer = layerOf(target, layers);
      if (targetLayer === own) continue;
      if (!own.may.some((m) => within(target, m) || within(targetTsx, m))) {
        out.push(`${file.path} imports ${target} (${own.path} may import ${own.may.join(", ") || "nothing outside itself"})`);
      }
    }
  }
  return out;
}
