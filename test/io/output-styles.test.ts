import { describe, expect, it } from "vitest";
import { addOutputStyles, BASE_STYLES } from "../../src/io/xlsx/output-styles.js";
import { readDateStyles } from "../../src/io/xlsx/styles.js";
import { parseXml } from "../../src/io/xlsx/xml.js";

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** Children of each list, as the XML says (not as our string edits think). */
function listSizes(xml: string): Record<string, { count: string | undefined; children: number }> {
  const sizes: Record<string, { count: string | undefined; children: number }> = {};
  const stack: string[] = [];
  parseXml("styles.xml", xml, {
    open(name, a) {
      if (stack.length === 1) sizes[name] = { count: a["count"], children: 0 };
      if (stack.length === 2) sizes[stack[1]!]!.children++;
      stack.push(name);
    },
    close: () => void stack.pop(),
  });
  return sizes;
}

function customFormats(xml: string): Map<number, string> {
  const formats = new Map<number, string>();
  parseXml("styles.xml", xml, { open: (name, a) => name === "numFmt" && formats.set(Number(a["numFmtId"]), a["formatCode"]!) });
  return formats;
}

describe("addOutputStyles", () => {
  it("appends to every list, keeps counts true, and none of its formats reads as a date", () => {
    const { xml, ids } = addOutputStyles(BASE_STYLES);
    const sizes = listSizes(xml);
    for (const list of ["numFmts", "fonts", "fills", "borders", "cellXfs"])
      expect(sizes[list]!.count, list).toBe(String(sizes[list]!.children));
    const styles = [
      "title",
      "notice",
      "header",
      "text",
      "integer",
      "decimal2",
      "decimal4",
      "percent",
      "input",
      "inputText",
      "inputDate",
    ] as const;
    expect(styles.map((style) => ids({ style }))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(ids({})).toBeUndefined();
    // Only the date cell people type a deadline into (整改台账's 完成时限) reads as a date.
    const dates = readDateStyles("styles.xml", xml);
    expect(dates.flatMap((d, i) => (d ? [i] : []))).toEqual([ids({ style: "inputDate" })]);
  });

  it("is idempotent: a second run reuses the entries of the first", () => {
    const once = addOutputStyles(BASE_STYLES);
    const twice = addOutputStyles(once.xml);
    expect(twice.xml).toBe(once.xml);
    for (const style of ["title", "header", "inputText"] as const) expect(twice.ids({ style })).toBe(once.ids({ style }));
  });

  it("fills a self-closing numFmts list and numbers custom formats after the existing ones", () => {
    const empty = BASE_STYLES.replace("<fonts", '<numFmts count="0"/><fonts');
    expect(customFormats(addOutputStyles(empty).xml)).toEqual(
      new Map([
        [164, "0.0000"],
        [165, "yyyy-mm-dd"],
      ]),
    );
    const existing = BASE_STYLES.replace(
      "<fonts",
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="170" formatCode="&quot;分&quot;0"/></numFmts><fonts',
    );
    expect(customFormats(addOutputStyles(existing).xml).get(171)).toBe("0.0000");
    const same = BASE_STYLES.replace("<fonts", '<numFmts count="1"><numFmt numFmtId="180" formatCode="0.0000"/></numFmts><fonts');
    const { xml, ids } = addOutputStyles(same);
    expect(customFormats(xml)).toEqual(
      new Map([
        [180, "0.0000"],
        [181, "yyyy-mm-dd"],
      ]),
    );
    expect(xml).toContain(`<xf numFmtId="180"`);
    expect(ids({ style: "decimal4" })).toBeGreaterThan(0);
  });

  it("inserts lists a styles part lacks in schema order, seeded with the defaults", () => {
    const bare = `<styleSheet xmlns="${NS}"><cellStyles count="0"/></styleSheet>`;
    const { xml } = addOutputStyles(bare);
    const order = Object.keys(listSizes(xml));
    expect(order).toEqual(["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles"]);
    expect(xml).toContain(
      '<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>',
    );
  });

  it("writes in the part's own namespace prefix and keeps the default font's face", () => {
    const prefixed = BASE_STYLES.replace(/<(\/?)(?=[a-zA-Z])/g, "<$1x:").replace(`xmlns=`, "xmlns:x=");
    const { xml } = addOutputStyles(prefixed);
    expect(listSizes(xml)["cellXfs"]).toEqual({ count: "13", children: 13 });
    expect(xml).not.toMatch(/<(?!x:|\/x:|\?xml)[a-z]/);
    expect(xml).toContain('<x:font><x:b/><x:sz val="16"/><x:name val="等线"/>');
  });
});
