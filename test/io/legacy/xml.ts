import type { XmlProblem, XmlProblemParams } from "../../../src/model/failure.js";
import { unreadable } from "../../../src/io/workbook.js";

/*
 * The generic XML scanner as it was before src/io/xlsx/xml.ts scanXml (an object per tag, a
 * string per name), kept only as the reference the new scanner is compared with.
 */

export type Attributes = Readonly<Record<string, string>>;

/**
 * The scanner's events. Positions are offsets in the text: `start` is the `<` of the tag and
 * `end` the position just after its `>`; a self-closing element's close has start = end = the
 * end of its tag. They let edits splice a part's text at exactly the right place.
 */
export interface XmlHandlers {
  /** `name` is the local name: prefixes (`x:c`) are dropped, as parts are read by element name only. */
  open?(name: string, attributes: Attributes, start: number, end: number): void;
  close?(name: string, start: number, end: number): void;
  /** Character data with entities resolved and line ends normalised; may arrive in several pieces. */
  text?(text: string): void;
}

const NO_ATTRIBUTES: Attributes = Object.freeze({});

const localName = (qname: string): string => {
  const colon = qname.indexOf(":");
  return colon < 0 ? qname : qname.slice(colon + 1);
};

/**
 * A streaming XML scanner for package parts. A hand-written scanner rather than saxes because
 * sheet data dominates reading time and this is about twice as fast (5,000 × 40 cells: see
 * test/io/xlsx-performance.test.ts); it is checked against saxes in test/io/xml-scanner.test.ts.
 * It checks well-formedness as far as damage shows (unbalanced or truncated tags, bad
 * attributes or entities): malformed XML means a damaged file, so WorkbookUnreadableError.
 * DOCTYPE is refused: no OOXML part has one, and entity definitions are an attack surface.
 */
export function legacyParseXml(partName: string, xml: string, handlers: XmlHandlers): void {
  const fail: Fail = (code, ...params) => {
    throw unreadable("XML_INVALID", { part: partName, problem: { code, params: params[0] ?? {} } as XmlProblem });
  };
  const { close, text } = handlers;
  const stack: string[] = [];
  const len = xml.length;
  let pos = 0;
  let seenRoot = false;

  while (pos < len) {
    const lt = xml.indexOf("<", pos);
    const textEnd = lt < 0 ? len : lt;
    if (textEnd > pos) {
      if (stack.length > 0) {
        const decoded = decodeEntities(xml.slice(pos, textEnd), fail);
        if (text) text(decoded);
      } else if (/\S/.test(xml.slice(pos, textEnd))) {
        fail("TEXT_OUTSIDE_ROOT");
      }
    }
    if (lt < 0) break;

    const next = xml.charCodeAt(lt + 1);
    if (next === 0x3f /* ? */) {
      pos = endOf(xml, "?>", lt + 2, fail);
    } else if (next === 0x21 /* ! */) {
      if (xml.startsWith("<!--", lt)) {
        pos = endOf(xml, "-->", lt + 4, fail);
      } else if (xml.startsWith("<![CDATA[", lt) && stack.length > 0) {
        pos = endOf(xml, "]]>", lt + 9, fail);
        if (text) text(normaliseLineEnds(xml.slice(lt + 9, pos - 3)));
      } else {
        fail("DECLARATION_UNSUPPORTED");
      }
    } else if (next === 0x2f /* / */) {
      // Compared in place against the open element's name: no slice for the common case.
      const name = stack.pop();
      let end = lt + 2 + (name?.length ?? 0);
      while (end < len && isSpace(xml.charCodeAt(end))) end++;
      if (name === undefined || !xml.startsWith(name, lt + 2) || xml.charCodeAt(end) !== 0x3e) {
        fail("END_TAG_MISMATCH", { tag: xml.slice(lt + 2, lt + 40).split(">")[0]! });
      }
      pos = end + 1;
      if (close) close(localName(name), lt, pos);
    } else {
      pos = openTag(xml, lt, stack, seenRoot, handlers, fail);
      seenRoot = true;
    }
  }
  if (!seenRoot) fail("NO_CONTENT");
  if (stack.length > 0) fail("UNCLOSED", { tag: stack[stack.length - 1]! });
}

/** Fails with a problem and its parameters (none for a problem without). */
type Fail = <C extends keyof XmlProblemParams>(
  code: C,
  ...params: XmlProblemParams[C] extends Record<string, never> ? [] : [XmlProblemParams[C]]
) => never;

/** Position just after the next `terminator` from `from`. */
function endOf(xml: string, terminator: string, from: number, fail: Fail): number {
  const at = xml.indexOf(terminator, from);
  return at < 0 ? fail("TRUNCATED") : at + terminator.length;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Scans the start tag at `lt`, reports it (and its end, if self-closing); returns the position after it. */
function openTag(xml: string, lt: number, stack: string[], seenRoot: boolean, handlers: XmlHandlers, fail: Fail): number {
  const len = xml.length;
  let i = lt + 1;
  while (i < len) {
    const c = xml.charCodeAt(i);
    if (isSpace(c) || c === 0x2f || c === 0x3e) break;
    i++;
  }
  const name = xml.slice(lt + 1, i);
  if (name === "" || name.includes("<")) fail("TAG_INVALID");
  if (stack.length === 0 && seenRoot) fail("ROOTS_REPEATED");

  let attributes = NO_ATTRIBUTES;
  let selfClosing = false;
  for (;;) {
    while (i < len && isSpace(xml.charCodeAt(i))) i++;
    if (i >= len) fail("TRUNCATED");
    const c = xml.charCodeAt(i);
    if (c === 0x3e /* > */) {
      i++;
      break;
    }
    if (c === 0x2f /* / */) {
      if (xml.charCodeAt(i + 1) !== 0x3e) fail("TAG_MALFORMED", { tag: name });
      i += 2;
      selfClosing = true;
      break;
    }
    const nameStart = i;
    while (i < len) {
      const n = xml.charCodeAt(i);
      if (n === 0x3d /* = */ || isSpace(n) || n === 0x3e || n === 0x2f || n === 0x3c || n === 0x22 || n === 0x27) break;
      i++;
    }
    const attrName = xml.slice(nameStart, i);
    while (i < len && isSpace(xml.charCodeAt(i))) i++;
    if (attrName === "" || xml.charCodeAt(i) !== 0x3d) fail("ATTRIBUTE_INVALID", { tag: name });
    i++;
    while (i < len && isSpace(xml.charCodeAt(i))) i++;
    const quote = xml.charCodeAt(i);
    if (quote !== 0x22 && quote !== 0x27) fail("ATTRIBUTE_UNQUOTED", { tag: name });
    // One pass to the closing quote, noting whether the value needs more than a slice.
    const valueStart = i + 1;
    let plain = true;
    for (i = valueStart; i < len; i++) {
      const v = xml.charCodeAt(i);
      if (v === quote) break;
      if (v === 0x3c) fail("ATTRIBUTE_VALUE_INVALID", { tag: name });
      if (v === 0x26 || v === 0x09 || v === 0x0a || v === 0x0d) plain = false;
    }
    if (i >= len) fail("TRUNCATED");
    const raw = xml.slice(valueStart, i);
    if (attributes === NO_ATTRIBUTES) attributes = {};
    (attributes as Record<string, string>)[attrName] = plain ? raw : decodeEntities(raw.replace(/\r\n|[\t\n\r]/g, " "), fail);
    i++;
    const after = xml.charCodeAt(i);
    if (!isSpace(after) && after !== 0x2f && after !== 0x3e) fail("ATTRIBUTE_INVALID", { tag: name });
  }

  const local = localName(name);
  handlers.open?.(local, attributes, lt, i);
  if (selfClosing) handlers.close?.(local, i, i);
  else stack.push(name);
  return i;
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function normaliseLineEnds(s: string): string {
  return s.includes("\r") ? s.replace(/\r\n?/g, "\n") : s;
}

/** Resolves the predefined and numeric character references; any other `&` is malformed. */
function decodeEntities(raw: string, fail: Fail): string {
  const s = normaliseLineEnds(raw);
  let amp = s.indexOf("&");
  if (amp < 0) return s;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(";", amp + 1);
    const ref = semi < 0 ? "" : s.slice(amp + 1, semi);
    let ch: string | undefined;
    if (ref.startsWith("#")) {
      const code = /^#x[0-9a-fA-F]{1,6}$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]{1,7}$/.test(ref) ? Number(ref.slice(1)) : -1;
      if (code >= 0 && code <= 0x10ffff) ch = String.fromCodePoint(code);
    } else {
      ch = PREDEFINED[ref];
    }
    if (ch === undefined) fail("CHARACTER_REFERENCE_INVALID", { ref: ref.slice(0, 10) });
    out += s.slice(from, amp) + ch;
    from = semi + 1;
    amp = s.indexOf("&", from);
  }
  return out + s.slice(from);
}
