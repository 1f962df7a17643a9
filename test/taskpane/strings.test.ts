import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { languagePreference, STRINGS, translate, type StringId } from "../../addin/taskpane/strings.js";

const ADDIN = fileURLToPath(new URL("../../addin", import.meta.url));
const ids = Object.keys(STRINGS.zh) as StringId[];
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** The task pane's component sources (the catalogue itself excluded). */
function componentSources(): { file: string; text: string }[] {
  const files = [
    join(ADDIN, "excel-page.tsx"),
    join(ADDIN, "file-page.tsx"),
    ...readdirSync(join(ADDIN, "taskpane")).map((f) => join(ADDIN, "taskpane", f)),
  ];
  return files.filter((f) => /\.tsx?$/.test(f) && !f.endsWith("strings.ts")).map((file) => ({ file, text: readFileSync(file, "utf8") }));
}

describe("the task pane's string catalogue", () => {
  it("has every id in both languages with the same placeholders", () => {
    expect(Object.keys(STRINGS.en).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(placeholders(STRINGS.en[id]), id).toEqual(placeholders(STRINGS.zh[id]));
      expect(STRINGS.zh[id].trim(), id).not.toBe("");
      expect(STRINGS.en[id].trim(), id).not.toBe("");
    }
  });

  it("has no string that no component uses", () => {
    const used =
      componentSources()
        .map((s) => s.text)
        .join("\n") + readFileSync(join(ADDIN, "file-mode", "file-operations.ts"), "utf8");
    expect(ids.filter((id) => !used.includes(`"${id}"`))).toEqual([]);
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate("zh", "branches", { n: 16 })).toBe("支部 16 个");
    expect(translate("en", "branches", { n: 16 })).toBe("16 branches");
    expect(translate("zh", "fileCurrent")).toBe("当前工作簿：{name}");
  });

  it("is the only source of text in the components (no literal text in JSX or in labels)", () => {
    const found: string[] = [];
    for (const { file, text } of componentSources()) {
      for (const m of text.matchAll(/>([^<>{}\n]*[A-Za-z\u4e00-\u9fff][^<>{}\n]*)[<{]/g)) {
        if (file.endsWith(".tsx") && !/&&|\|\||=|;|\(|\)/.test(m[1]!)) found.push(`${file}: JSX text "${m[1]!.trim()}"`);
      }
      for (const m of text.matchAll(/\b(aria-label|title|placeholder|label|alt)="([^"]*)"/g)) {
        if (/[A-Za-z\u4e00-\u9fff]/.test(m[2]!) && m[2] !== "2026Q3") found.push(`${file}: ${m[1]}="${m[2]}"`);
      }
    }
    expect(found).toEqual([]);
  });
});

describe("the language preference", () => {
  it("is Chinese unless English was chosen, and remembers the choice", () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(languagePreference(storage).current).toBe("zh");
    languagePreference(storage).set("en");
    expect(languagePreference(storage).current).toBe("en");
    expect(languagePreference(null).current).toBe("zh");
  });

  it("keeps working when storage refuses to save", () => {
    const pref = languagePreference({
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    });
    pref.set("en");
    expect(pref.current).toBe("en");
  });
});
