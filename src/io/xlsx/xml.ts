import type { XmlProblem, XmlProblemParams } from "../../model/failure.js";
import { unreadable } from "../workbook.js";

/** UTF-8 parts of at least twice this many bytes are decoded in pieces of this size (to the next lead byte), reporting progress. */
const DECODE_PIECE = 4 * 2 ** 20;

/**
 * Part bytes → text. Parts are UTF-8 in practice; UTF-16 is allowed by XML, so honour its BOM.
 * A large UTF-8 part (a 40 MB sheet takes half a second or more) is decoded in pieces, each
 * ending before a lead byte, so that no character is split and the text is exactly what one
 * call gives (malformed bytes too: no maximal subpart spans a piece's end); `onProgress` hears
 * how many bytes are done after each piece. Measured on 46 MB of sheet XML (2026-12-03, Node
 * 20): as fast as one call for Chinese text, some 20 ms slower in all for ASCII.
 */
export function decodeXml(bytes: Uint8Array, onProgress?: (done: number, total: number) => void): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  const first = new TextDecoder("utf-8");
  if (bytes.length < 2 * DECODE_PIECE) return first.decode(bytes);
  // A later piece that starts with EF BB BF is U+FEFF in the text, not a BOM to drop.
  const rest = new TextDecoder("utf-8", { ignoreBOM: true });
  let text = "";
  for (let at = 0; at < bytes.length;) {
    let end = Math.min(at + DECODE_PIECE, bytes.length);
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end++; // a continuation byte
    text += (at === 0 ? first : rest).decode(bytes.subarray(at, end));
    at = end;
    onProgress?.(at, bytes.length);
  }
  return text;
}

/** Text → UTF-8 part bytes; a declaration that said UTF-16 (see decodeXml) must now say UTF-8. */
export function encodeXml(xml: string): Uint8Array {
  // Only the XML declaration is looked at: it can only be the very first thing in the text.
  const end = xml.startsWith("<?xml") ? xml.indexOf("?>") : -1;
  if (end > 0) {
    const declaration = xml.slice(0, end);
    const utf8 = declaration.replace(/(encoding\s*=\s*["'])utf-16(?:le|be)?(["'])/i, "$1UTF-8$2");
    if (utf8 !== declaration) xml = utf8 + xml.slice(end);
  }
  return new TextEncoder().encode(xml);
}

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
 * A streaming XML scanner for package parts, reporting names and attributes as objects: see
 * scanXml, which it is built on (and which sheet data and shared strings use directly).
 */
export function parseXml(partName: string, xml: string, handlers: XmlHandlers): void {
  const { open, close, text } = handlers;
  scanXml(partName, xml, {
    open:
      open === undefined
        ? () => {}
        : (localStart, nameEnd, a, start, end) => open(xml.slice(localStart, nameEnd), a.toObject(), start, end),
    close: close === undefined ? () => {} : (localStart, nameEnd, start, end) => close(xml.slice(localStart, nameEnd), start, end),
    text: text === undefined ? () => {} : (start, end, decoded) => text(decoded ?? xml.slice(start, end)),
  });
}

/**
 * The scanner's events as offsets in the text, for readers that look at a few names and
 * attributes of many elements (sheet data, shared strings) and should not pay for a string per
 * name and an object per tag. Names are given as `xml.slice(localStart, nameEnd)`: the local
 * name, prefixes (`x:c`) dropped. Positions are those of XmlHandlers.
 */
export interface XmlSink {
  open(localStart: number, nameEnd: number, attributes: AttributeSpans, start: number, end: number): void;
  /** The name is given where it stands in the start tag. */
  close(localStart: number, nameEnd: number, start: number, end: number): void;
  /**
   * Character data `xml.slice(start, end)`, or `decoded` when that is not it as it stands (it held
   * references or CR line ends, or it was CDATA). May arrive in several pieces.
   */
  text(start: number, end: number, decoded: string | undefined): void;
}

/** The attributes of the start tag being reported: valid only during `open`, as they are reused. */
export class AttributeSpans {
  count = 0;
  /** Per attribute: the start and end of its name and of its value as written. */
  readonly spans: number[] = [];
  /** Per attribute: its value when written with references or white space to normalise, else undefined. */
  readonly decoded: (string | undefined)[] = [];

  constructor(readonly xml: string) {}

  /** The index of the attribute with exactly this (qualified) name, the last if repeated; -1 if none. */
  indexOf(name: string): number {
    const { xml, spans } = this;
    for (let i = this.count - 1; i >= 0; i--) {
      const start = spans[4 * i]!;
      if (spans[4 * i + 1]! - start === name.length && xml.startsWith(name, start)) return i;
    }
    return -1;
  }

  /** The name of the attribute at `index`, as written. */
  name(index: number): string {
    return this.xml.slice(this.spans[4 * index], this.spans[4 * index + 1]);
  }

  /** The value of the attribute at `index`, references resolved. */
  value(index: number): string {
    return this.decoded[index] ?? this.xml.slice(this.spans[4 * index + 2], this.spans[4 * index + 3]);
  }

  /** All of them by name (a repeated name keeps its last value). */
  toObject(): Attributes {
    if (this.count === 0) return NO_ATTRIBUTES;
    const attributes: Record<string, string> = {};
    for (let i = 0; i < this.count; i++) attributes[this.name(i)] = this.value(i);
    return attributes;
  }
}

/**
 * A streaming XML scanner for package parts. A hand-written scanner rather than saxes because
 * sheet data dominates reading time and this is several times as fast (5,000 × 40 cells: see
 * test/io/xlsx-performance.measured.test.ts); it is checked against saxes in test/io/xml-scanner.test.ts.
 * It checks well-formedness as far as damage shows (unbalanced or truncated tags, bad
 * attributes or entities): malformed XML means a damaged file, so WorkbookUnreadableError.
 * DOCTYPE is refused: no OOXML part has one, and entity definitions are an attack surface.
 * Comments, processing instructions and CDATA are never taken for elements. The fast sheet
 * reader (sheet-reader.ts readSheetFast) runs this loop written again without events: what
 * one accepts, the other must (test/io/sheet-scanner.test.ts compares them).
 */
export function scanXml(partName: string, xml: string, sink: XmlSink): void {
  const fail: Fail = (code, ...params) => {
    throw unreadable("XML_INVALID", { part: partName, problem: { code, params: params[0] ?? {} } as XmlProblem });
  };
  const tag = new TagScan(xml, fail);
  // The open elements: the start of each name, of its local part and its end.
  const stack: number[] = [];
  const len = xml.length;
  let pos = 0;
  let seenRoot = false;
  // Where the next "&" and CR are (len if none): found once and again only when passed, so
  // that text which needs no decoding is known as such without looking at it again.
  let nextAmp = -1;
  let nextCr = -1;

  while (pos < len) {
    const lt = nextTag(xml, pos, len);
    const textEnd = lt < 0 ? len : lt;
    if (textEnd > pos) {
      if (stack.length > 0) {
        if (nextAmp < pos) nextAmp = nextIndex(xml, "&", pos);
        if (nextCr < pos) nextCr = nextIndex(xml, "\r", pos);
        if (nextAmp < textEnd) sink.text(pos, textEnd, decodeEntities(xml.slice(pos, textEnd), fail));
        else if (nextCr < textEnd) sink.text(pos, textEnd, normaliseLineEnds(xml.slice(pos, textEnd)));
        else sink.text(pos, textEnd, undefined);
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
        sink.text(lt + 9, pos - 3, normaliseLineEnds(xml.slice(lt + 9, pos - 3)));
      } else {
        fail("DECLARATION_UNSUPPORTED");
      }
    } else if (next === 0x2f /* / */) {
      // Compared in place against the open element's name.
      const depth = stack.length;
      const nameStart = depth > 0 ? stack[depth - 3]! : 0;
      const nameEnd = depth > 0 ? stack[depth - 1]! : 0;
      let end = lt + 2 + (nameEnd - nameStart);
      while (end < len && isSpace(xml.charCodeAt(end))) end++;
      if (depth === 0 || !sameText(xml, nameStart, nameEnd, lt + 2) || xml.charCodeAt(end) !== 0x3e) {
        fail("END_TAG_MISMATCH", { tag: xml.slice(lt + 2, lt + 40).split(">")[0]! });
      }
      const localStart = stack[depth - 2]!;
      stack.pop();
      stack.pop();
      stack.pop();
      pos = end + 1;
      sink.close(localStart, nameEnd, lt, pos);
    } else {
      if (!tag.scan(lt)) fail("TAG_INVALID");
      if (stack.length === 0 && seenRoot) fail("ROOTS_REPEATED");
      tag.scanAttributes();
      pos = tag.end;
      sink.open(tag.localStart, tag.nameEnd, tag.attributes, lt, pos);
      if (tag.selfClosing) sink.close(tag.localStart, tag.nameEnd, pos, pos);
      else stack.push(lt + 1, tag.localStart, tag.nameEnd);
      seenRoot = true;
    }
  }
  if (!seenRoot) fail("NO_CONTENT");
  if (stack.length > 0) fail("UNCLOSED", { tag: xml.slice(stack[stack.length - 3], stack[stack.length - 1]) });
}

/** How far scanXml looks for the next `<` by hand before it asks indexOf. */
const NEAR = 16;

/**
 * Where the next `<` is at or after `pos` (-1 if none). The next tag is nearly always at once or
 * after a short value (`<v>3</v>`): looked for by hand first, as indexOf is a call into the
 * runtime that costs more than a few characters.
 */
export function nextTag(xml: string, pos: number, len: number): number {
  let lt = pos;
  const near = Math.min(pos + NEAR, len);
  while (lt < near && xml.charCodeAt(lt) !== 0x3c /* < */) lt++;
  return lt < near ? lt : near < len ? xml.indexOf("<", near) : -1;
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

export function nextIndex(xml: string, s: string, from: number): number {
  const at = xml.indexOf(s, from);
  return at < 0 ? xml.length : at;
}

/** Whether xml[start, end) is written again at `at`. */
export function sameText(xml: string, start: number, end: number, at: number): boolean {
  for (let i = start; i < end; i++) if (xml.charCodeAt(i) !== xml.charCodeAt(at + i - start)) return false;
  return true;
}

export const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** One start tag at a time: its name, attributes (as spans) and end. */
class TagScan {
  nameStart = 0;
  localStart = 0;
  nameEnd = 0;
  /** Just after the tag's `>`. */
  end = 0;
  selfClosing = false;
  readonly attributes: AttributeSpans;

  constructor(
    private readonly xml: string,
    private readonly fail: Fail,
  ) {
    this.attributes = new AttributeSpans(xml);
  }

  /** The name of the start tag at `lt`; false if it has none or holds a `<`. */
  scan(lt: number): boolean {
    const xml = this.xml;
    const len = xml.length;
    let i = lt + 1;
    let localStart = i;
    let valid = true;
    for (; i < len; i++) {
      const c = xml.charCodeAt(i);
      if (c === 0x3a /* : */) {
        if (localStart === lt + 1) localStart = i + 1;
      } else if (c === 0x3c /* < */) {
        valid = false;
      } else if (c <= 0x20 ? isSpace(c) : c === 0x2f || c === 0x3e) {
        break;
      }
    }
    this.nameStart = lt + 1;
    this.localStart = localStart;
    this.nameEnd = this.end = i;
    return valid && i > lt + 1;
  }

  /** The attributes after the name, up to the end of the tag. */
  scanAttributes(): void {
    const { xml, fail, attributes } = this;
    const { spans, decoded } = attributes;
    const len = xml.length;
    let i = this.end;
    let count = 0;
    this.selfClosing = false;
    for (;;) {
      while (i < len && isSpace(xml.charCodeAt(i))) i++;
      if (i >= len) fail("TRUNCATED");
      const c = xml.charCodeAt(i);
      if (c === 0x3e /* > */) {
        i++;
        break;
      }
      if (c === 0x2f /* / */) {
        if (xml.charCodeAt(i + 1) !== 0x3e) fail("TAG_MALFORMED", { tag: this.tagName() });
        i += 2;
        this.selfClosing = true;
        break;
      }
      const nameStart = i;
      while (i < len) {
        const n = xml.charCodeAt(i);
        if (n === 0x3d /* = */ || isSpace(n) || n === 0x3e || n === 0x2f || n === 0x3c || n === 0x22 || n === 0x27) break;
        i++;
      }
      const nameEnd = i;
      while (i < len && isSpace(xml.charCodeAt(i))) i++;
      if (nameEnd === nameStart || xml.charCodeAt(i) !== 0x3d) fail("ATTRIBUTE_INVALID", { tag: this.tagName() });
      i++;
      while (i < len && isSpace(xml.charCodeAt(i))) i++;
      const quote = xml.charCodeAt(i);
      if (quote !== 0x22 && quote !== 0x27) fail("ATTRIBUTE_UNQUOTED", { tag: this.tagName() });
      // One pass to the closing quote, noting whether the value needs more than a slice.
      const valueStart = i + 1;
      let plain = true;
      for (i = valueStart; i < len; i++) {
        const v = xml.charCodeAt(i);
        if (v === quote) break;
        if (v === 0x3c) fail("ATTRIBUTE_VALUE_INVALID", { tag: this.tagName() });
        if (v === 0x26 || v === 0x09 || v === 0x0a || v === 0x0d) plain = false;
      }
      if (i >= len) fail("TRUNCATED");
      spans[4 * count] = nameStart;
      spans[4 * count + 1] = nameEnd;
      spans[4 * count + 2] = valueStart;
      spans[4 * count + 3] = i;
      decoded[count] = plain ? undefined : decodeEntities(xml.slice(valueStart, i).replace(/\r\n|[\t\n\r]/g, " "), fail);
      count++;
      i++;
      const after = xml.charCodeAt(i);
      if (!isSpace(after) && after !== 0x2f && after !== 0x3e) fail("ATTRIBUTE_INVALID", { tag: this.tagName() });
    }
    attributes.count = count;
    this.end = i;
  }

  private tagName(): string {
    return this.xml.slice(this.nameStart, this.nameEnd);
  }
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** What QUIET throws (made once: no stack is wanted): the caller is told "malformed" and asks scanXml for the reason. */
const MALFORMED = new Error("malformed reference");
const QUIET: Fail = () => {
  throw MALFORMED;
};

/**
 * Character data as scanXml reports it when it holds a reference or CR (references resolved,
 * line ends normalised); undefined if a reference is malformed, where scanXml fails.
 */
export function resolvedText(raw: string): string | undefined {
  try {
    return decodeEntities(raw, QUIET);
  } catch (e) {
    if (e === MALFORMED) return undefined;
    throw e;
  }
}

/** An attribute value as scanXml reports it when it holds a reference, tab or line end; undefined where scanXml fails. */
export function resolvedAttribute(raw: string): string | undefined {
  return resolvedText(raw.replace(/\r\n|[\t\n\r]/g, " "));
}

export function normaliseLineEnds(s: string): string {
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

/** An attribute by local name, whatever its prefix (`r:id`, `x:r`). */
export function attr(attributes: Readonly<Record<string, string>>, name: string): string | undefined {
  const direct = attributes[name];
  if (direct !== undefined) return direct;
  for (const key in attributes) if (localName(key) === name && !key.startsWith("xmlns")) return attributes[key];
  return undefined;
}

/** OOXML strings escape characters XML cannot hold as `_xHHHH_` (`_x005F_` is a literal underscore). */
export function decodeOoxmlEscapes(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// Characters XML 1.0 cannot carry at all (C0 controls, lone surrogates, U+FFFE/U+FFFF).
const ILLEGAL_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: escaped, illegal characters dropped, and text that would look like an `_xHHHH_` escape kept literal. */
export function escapeText(s: string): string {
  return s
    .replace(ILLEGAL_XML, "")
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;"); // a literal CR would be normalised to LF by every XML parser
}

export function escapeAttr(s: string): string {
  return s
    .replace(ILLEGAL_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}
