import fc from "fast-check";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { WorkbookUnreadableError } from "../../src/io/workbook.js";
import { decodeXml, escapeAttr, escapeText, parseXml } from "../../src/io/xlsx/xml.js";

type Event = ["open", string, Record<string, string>] | ["close", string] | ["text", string];

const local = (n: string) => n.slice(n.indexOf(":") + 1);

/** Events with adjacent text merged: producers may split text differently. */
function push(events: Event[], e: Event): void {
  const last = events[events.length - 1];
  if (e[0] === "text" && last?.[0] === "text") last[1] += e[1];
  else events.push(e);
}

function scannerEvents(xml: string): Event[] {
  const events: Event[] = [];
  parseXml("test.xml", xml, {
    open: (name, a) => push(events, ["open", name, { ...a }]),
    close: (name) => push(events, ["close", name]),
    text: (t) => push(events, ["text", t]),
  });
  return events;
}

function saxesEvents(xml: string): Event[] {
  const events: Event[] = [];
  let depth = 0;
  const parser = new SaxesParser<{ xmlns: false }>({ xmlns: false });
  parser.on("opentag", (t) => {
    depth++;
    push(events, ["open", local(t.name), { ...t.attributes }]);
  });
  parser.on("closetag", (t) => {
    depth--;
    push(events, ["close", local(t.name)]);
  });
  parser.on("text", (t) => depth > 0 && push(events, ["text", t]));
  parser.on("cdata", (t) => push(events, ["text", t]));
  parser.write(xml).close();
  return events;
}

// Text drawn from characters that matter to a scanner: markup, entities, line ends, CJK, astral.
const chars = fc.constantFrom("a", "Z", " ", "\t", "\n", "\r\n", "\r", "<", ">", "&", '"', "'", "中", "文", "😀", "_x000D_", ";", "#", "]");
const rawText = fc.array(chars, { maxLength: 12 }).map((a) => a.join(""));
const name = fc.constantFrom("c", "v", "row", "x:t", "is", "sheetData", "r:id");
const attrName = fc.constantFrom("r", "t", "s", "xml:space", "r:id", "val");

interface Node {
  readonly name: string;
  readonly attrs: readonly (readonly [string, string])[];
  readonly children: readonly (Node | { text: string; form: Form } | { comment: string })[];
}

/** How text is written: our escaping, minimal escaping (literal CR, tab, ">"), CDATA, or character references. */
type Form = "escaped" | "raw" | "cdata" | "charref";
const textNode = fc.record({ text: rawText, form: fc.constantFrom<Form>("escaped", "raw", "cdata", "charref") });
const minimalEscape = (s: string, quote = "") =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/(^|\])>/g, "$1&gt;")
    .replace(quote === "" ? /(?!)/ : new RegExp(quote, "g"), quote === '"' ? "&quot;" : "&apos;");
const tree: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.record({
    name,
    attrs: fc.uniqueArray(fc.tuple(attrName, rawText), { maxLength: 3, selector: ([n]) => n }),
    children: fc.array(fc.oneof({ maxDepth: 4 }, textNode, fc.record({ comment: fc.constantFrom("", " note ", "<a>&") }), tie("node")), {
      maxLength: 4,
    }),
  }),
})).node;

function serialise(node: Node, quote: '"' | "'"): string {
  // Double-quoted attributes use our escaping; single-quoted ones keep tabs and line ends literal.
  const attrValue = (v: string) => (quote === '"' ? escapeAttr(v) : minimalEscape(v, "'"));
  const attrs = node.attrs.map(([n, v]) => ` ${n} =${quote}${attrValue(v)}${quote}`).join("");
  const inner = node.children
    .map((c) => {
      if ("name" in c) return serialise(c, quote);
      if ("comment" in c) return `<!--${c.comment}-->`;
      const clean = escapeText(c.text).replace(/_x005F_/g, "_"); // only XML escaping is under test here
      if (c.form === "raw") return minimalEscape(c.text);
      if (c.form === "cdata") return c.text.includes("]]>") ? clean : `<![CDATA[${c.text}]]>`;
      if (c.form === "charref")
        return [...c.text].map((ch) => (/[<&>\r]/.test(ch) ? `&#x${ch.codePointAt(0)!.toString(16)};` : ch)).join("");
      return clean;
    })
    .join("");
  return inner === "" ? `<${node.name}${attrs}/>` : `<${node.name}${attrs}>${inner}</${node.name} >`;
}

describe("parseXml (the hand-written scanner)", () => {
  it("reports the same elements, attributes and text as saxes", () => {
    fc.assert(
      fc.property(tree, fc.constantFrom<'"' | "'">('"', "'"), (root, quote) => {
        const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><${root.name}>${serialise(root, quote)}</${root.name}>`;
        expect(scannerEvents(xml)).toEqual(saxesEvents(xml));
      }),
      { numRuns: 500 },
    );
  });

  it("refuses any truncated document", () => {
    fc.assert(
      fc.property(tree, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (root, cut) => {
        const xml = `<root>${serialise(root, '"')}</root>`;
        const truncated = xml.slice(0, Math.floor(cut * xml.length));
        expect(() => parseXml("t.xml", truncated, {})).toThrow(WorkbookUnreadableError);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ["mismatched tags", "<a><b></a></b>"],
    ["an unknown entity", "<a>&nbsp;</a>"],
    ["a bare ampersand", "<a>fish & chips</a>"],
    ["an unquoted attribute", "<a b=1/>"],
    ["two roots", "<a/><b/>"],
    ["text outside the root", "<a/>junk"],
    ["a DOCTYPE", '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ["nothing at all", "  "],
  ])("refuses %s", (_, xml) => {
    expect(() => parseXml("t.xml", xml, {})).toThrow(WorkbookUnreadableError);
  });
});

describe("decodeXml", () => {
  const MIB = 2 ** 20;
  const oneCall = (bytes: Uint8Array) => new TextDecoder("utf-8").decode(bytes);

  it("decodes a large part in pieces to exactly the text one call gives, reporting progress", () => {
    // Three-byte characters straddle every 4 MiB boundary; U+FEFF and malformed bytes (a lone
    // continuation byte, a truncated sequence) land at piece starts and ends too.
    const unit = new TextEncoder().encode("<c><v>支部说明</v></c>\uFEFF");
    const bytes = new Uint8Array(9 * MIB + 5);
    for (let at = 0; at < bytes.length; at += unit.length) bytes.set(unit.subarray(0, bytes.length - at), at);
    for (const at of [4 * MIB, 8 * MIB - 1]) bytes.set([0xef, 0xbb, 0xbf, 0x80, 0xe4, 0xb8, 0x41], at);
    const reports: [number, number][] = [];
    const text = decodeXml(bytes, (done, total) => reports.push([done, total]));
    expect(text === oneCall(bytes)).toBe(true);
    expect(reports.length).toBe(3);
    expect(reports.map(([done]) => done)).toEqual([...reports.map(([done]) => done)].sort((a, b) => a - b));
    expect(reports.at(-1)).toEqual([bytes.length, bytes.length]);
  });

  it("drops a UTF-8 BOM only at the start, and decodes a small part in one call", () => {
    const big = new Uint8Array(8 * MIB + 3).fill(0x61);
    big.set([0xef, 0xbb, 0xbf], 0);
    big.set([0xef, 0xbb, 0xbf], 4 * MIB);
    const text = decodeXml(big);
    expect(text === oneCall(big)).toBe(true);
    expect(text.length).toBe(8 * MIB - 2);
    expect(text.indexOf("\uFEFF")).toBe(4 * MIB - 3);
    const reports: number[] = [];
    expect(decodeXml(new TextEncoder().encode("\uFEFF<a/>"), (done) => reports.push(done))).toBe("<a/>");
    expect(reports).toEqual([]);
  });
});
