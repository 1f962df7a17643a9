import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAddin } from "../helpers/build-addin.js";

/*
 * The add-in's production build with office.js from Microsoft's CDN (`npm run build -- --env
 * officeJs=cdn`), checked on the files alone (no browser): Excel's page takes office.js from
 * the CDN and nothing of office.js is copied; the browser file mode's page holds no Office code
 * either way. The default build (office.js served with the add-in) is checked by the Chromium
 * tests in test/e2e/.
 */

const CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const ORIGIN = "https://kaohe.example.com.cn/scorecard";

let out: string;
let files: string[];
const text = (name: string) => readFileSync(join(out, name), "utf8");
const bundle = (entry: string) => {
  const names = files.filter((f) => new RegExp(`^${entry}\\.[0-9a-f]{8}\\.js$`).test(f));
  expect(names, entry).toHaveLength(1);
  return text(names[0]!);
};
/** Every src/href of a page. */
const references = (html: string) => [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "scorecard-build-"));
  await buildAddin(out, ["officeJs=cdn", `origin=${ORIGIN}`]);
  files = readdirSync(out, { recursive: true }).map(String);
}, 240_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe("npm run build -- --env officeJs=cdn", () => {
  it("makes excel.html load office.js from Microsoft's CDN, its only reference to another host", () => {
    const page = text("excel.html");
    expect(page).toContain(`<script src="${CDN}"></script>`);
    expect(references(page).filter((u) => /^[a-z]+:/i.test(u))).toEqual([CDN]);
  });

  it("copies none of office.js's files", () => {
    expect(
      files.filter((f) =>
        /(^|\/)(office|o15apptofilemappingtable|es6-promise)\.js$|^excel-[a-z0-9.-]+\.js$|office_strings\.js$|^(ariatelemetry|telemetry)(\/|$)/.test(
          f,
        ),
      ),
    ).toEqual([]);
  });

  it("leaves the file mode's page without office.js or any other host", () => {
    const page = text("index.html");
    expect(references(page).filter((u) => /office/i.test(u))).toEqual([]);
    expect(references(page).filter((u) => /^[a-z]+:|^\/\//i.test(u))).toEqual([]);
    expect(references(page)).toContainEqual(expect.stringMatching(/^file-mode\.[0-9a-f]{8}\.js$/));
  });

  it("keeps Office out of the file mode's bundle and in Excel's", () => {
    // The page and its Web Worker (reading, scoring and writing): neither holds Office code.
    const fileMode = bundle("file-mode") + bundle("file-worker");
    // Office's API, or a script URL ending in office.js (the text "office.js" in a message is no code).
    const found = ["Office.onReady", "Office.context", "Excel.run", "OfficeExtension", "isSetSupported", "appsforoffice"].filter((office) =>
      fileMode.includes(office),
    );
    expect(found).toEqual([]);
    expect(fileMode.match(/["'`][^"'`\s]*office\.js["'`]/gi)).toBeNull();
    expect(bundle("file-worker")).not.toMatch(/react/i); // the worker is the pure core: no UI either
    const excel = bundle("excel");
    expect(["Office.onReady", "isSetSupported"].filter((office) => excel.includes(office))).toEqual(["Office.onReady", "isSetSupported"]);
  });

  it("writes the manifest for the deployment's origin, pointing at pages and icons that exist", () => {
    const manifest = text("manifest.xml");
    expect(manifest).not.toContain("https://localhost:3000");
    const urls = [...manifest.matchAll(/DefaultValue="(https:[^"]+)"/g)].map((m) => m[1]!);
    expect(urls).toContain(`${ORIGIN}/excel.html`);
    for (const url of urls.filter((u) => u.startsWith(`${ORIGIN}/`)))
      expect(existsSync(join(out, url.slice(ORIGIN.length + 1))), url).toBe(true);
  });

  it("refuses an unknown office.js source", async () => {
    await expect(buildAddin(join(out, "never"), ["officeJs=intranet"])).rejects.toThrow(
      /--env officeJs must be local .* or cdn, not intranet/,
    );
  });
});
