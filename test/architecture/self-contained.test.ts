import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/*
 * Tests stand alone: a fresh clone has no shared contract folder beside it (and no /work), so no test may
 * reach outside the repository. Inputs come from the project's builders or test/fixtures/.
 * Tests that need LibreOffice or Chromium are *.full.test.ts (npm run test:full).
 */

const root = fileURLToPath(new URL("../../", import.meta.url));
const SELF = relative(root, fileURLToPath(import.meta.url));

function files(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(join(root, p)).isDirectory()) return f === "artifacts" ? [] : files(p);
    return /\.(ts|tsx|mts|js|mjs)$/.test(f) ? [p] : [];
  });
}

const testFiles = files("test").filter((f) => f !== SELF);

const PATH = String.raw`["'\`](\.\.?\/[^"'\`$]*)`;
/**
 * Relative paths a file uses to find files, up to a quote or `${`: module specifiers and
 * `new URL(…, import.meta.url)` (relative to the file), and literals given to fs calls
 * (relative to the working directory, the repository root). Other strings, such as zip entry
 * names in a hostile-file test, are data and are not paths of this machine.
 */
function pathLiterals(file: string, text: string): { literal: string; target: string }[] {
  const fromFile = [
    ...text.matchAll(new RegExp(String.raw`\bfrom\s+${PATH}`, "g")),
    ...text.matchAll(new RegExp(String.raw`\bimport\(\s*${PATH}`, "g")),
    ...text.matchAll(new RegExp(String.raw`\bnew URL\(\s*${PATH}[^)]*import\.meta\.url`, "g")),
  ].map((m) => ({ literal: m[1]!, target: resolve(root, dirname(file), m[1]!) }));
  const fromCwd = [
    ...text.matchAll(
      new RegExp(String.raw`\b(?:readFileSync|readFile|existsSync|readdirSync|statSync|openSync|createReadStream)\(\s*${PATH}`, "g"),
    ),
  ].map((m) => ({
    literal: m[1]!,
    target: resolve(root, m[1]!),
  }));
  return [...fromFile, ...fromCwd];
}

describe("tests stand alone", () => {
  it("finds the test sources", () => {
    expect(testFiles.length).toBeGreaterThan(50);
  });

  it.each(testFiles)("%s names no path outside the repository", (file) => {
    const text = readFileSync(join(root, file), "utf8");
    expect(text, `${file} names an absolute path of this machine`).not.toMatch(/["'`]\/work\//);
    expect(text, `${file} reads the shared folder`).not.toMatch(
      /["'`][^"'`]*\bshared\/(examples|tools|spec)\b|["']\.\.["'],\s*["']shared["']/,
    );
    for (const { literal, target } of pathLiterals(file, text)) {
      expect(target === root.replace(/[\\/]$/, "") || target.startsWith(root), `${file}: "${literal}" points outside the repository`).toBe(
        true,
      );
    }
  });

  it("names every test that starts LibreOffice, poppler or Chromium *.full.test.ts", () => {
    const heavy = /\b(convertWith|sofficePath|launchChromium|requirePdftoppm|pdfPage\w+)\(/;
    const misplaced = testFiles.filter(
      (f) => f.endsWith(".test.ts") && !f.endsWith(".full.test.ts") && heavy.test(readFileSync(join(root, f), "utf8")),
    );
    expect(misplaced, `move to *.full.test.ts (npm run test:full): ${misplaced.join(", ")}`).toEqual([]);
  });
});
