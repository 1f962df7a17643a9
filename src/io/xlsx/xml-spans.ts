import { parseXml, type Attributes } from "./xml.js";

/*
 * Where elements are in a part's text, found by the XML scanner (so comments, CDATA and
 * processing instructions that merely look like elements are never taken for them), and
 * edits as splices at those offsets: every byte not edited stays as it was.
 */

/** Where something is in a part's text: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A replacement of the text in [start, end); start = end inserts. */
export interface Splice extends Span {
  readonly text: string;
}

export interface ElementSpan extends Span {
  /** Local name (prefix dropped). */
  readonly name: string;
  /** The namespace prefix as written, with its colon ("x:"), or "". */
  readonly prefix: string;
  readonly attributes: Attributes;
  /** Just after the start tag's `>`. */
  readonly startEnd: number;
  /** Where the end tag begins (= startEnd for a self-closing element). */
  readonly bodyEnd: number;
  readonly selfClosing: boolean;
  readonly children: readonly ElementSpan[];
}

interface Building {
  name: string;
  prefix: string;
  attributes: Attributes;
  start: number;
  startEnd: number;
  bodyEnd: number;
  end: number;
  selfClosing: boolean;
  children: Building[];
}

/**
 * The part's elements as a tree of spans (for the small parts the writer edits: workbook.xml,
 * .rels, [Content_Types].xml, styles). Throws WorkbookUnreadableError if the part is not
 * well-formed XML.
 */
export function elementTree(partName: string, xml: string): ElementSpan {
  const stack: Building[] = [];
  let root: Building | undefined;
  parseXml(partName, xml, {
    open(name, attributes, start, end) {
      const el: Building = {
        name,
        prefix: prefixAt(xml, start),
        attributes,
        start,
        startEnd: end,
        bodyEnd: end,
        end,
        selfClosing: xml.charCodeAt(end - 2) === 0x2f /* / */,
        children: [],
      };
      if (stack.length === 0) root = el;
      else stack[stack.length - 1]!.children.push(el);
      stack.push(el);
    },
    close(_name, start, end) {
      const el = stack.pop()!;
      el.bodyEnd = start;
      el.end = end;
    },
  });
  return root!;
}

/** The namespace prefix (with its colon) of the tag whose `<` is at `start`. */
export function prefixAt(xml: string, start: number): string {
  let i = start + 1;
  while (i < xml.length) {
    const c = xml.charCodeAt(i);
    if (c === 0x3a /* : */) return xml.slice(start + 1, i + 1);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f || c === 0x3e) return "";
    i++;
  }
  return "";
}

/** The children of `el` with this local name. */
export function childrenNamed(el: ElementSpan, name: string): ElementSpan[] {
  return el.children.filter((c) => c.name === name);
}

export function childNamed(el: ElementSpan, name: string): ElementSpan | undefined {
  return el.children.find((c) => c.name === name);
}

/**
 * Where an attribute's value is, between its quotes, in the start tag at [tagStart, tagEnd)
 * (a tag the scanner has already checked, so a plain walk over name="value" pairs is exact).
 * `name` is matched against the local name, as `attr` does; undefined when absent.
 */
export function attributeValueSpan(xml: string, tagStart: number, tagEnd: number, name: string): Span | undefined {
  let i = tagStart + 1;
  const skipName = () => {
    const from = i;
    while (i < tagEnd) {
      const c = xml.charCodeAt(i);
      if (c === 0x3d || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f || c === 0x3e) break;
      i++;
    }
    return xml.slice(from, i);
  };
  const skipSpace = () => {
    while (i < tagEnd && /\s/.test(xml[i]!)) i++;
  };
  skipName(); // the element's own name
  for (;;) {
    skipSpace();
    if (i >= tagEnd || xml[i] === "/" || xml[i] === ">") return undefined;
    const attrName = skipName();
    skipSpace();
    i++; // =
    skipSpace();
    const quote = xml[i]!;
    const valueStart = i + 1;
    const valueEnd = xml.indexOf(quote, valueStart);
    i = valueEnd + 1;
    const local = attrName.slice(attrName.indexOf(":") + 1);
    if ((attrName === name || local === name) && !attrName.startsWith("xmlns")) return { start: valueStart, end: valueEnd };
  }
}

/** A splice that sets an attribute of the element's start tag to `escapedValue` (added after the element name if absent). */
export function setAttribute(xml: string, el: ElementSpan, name: string, escapedValue: string): Splice {
  const value = attributeValueSpan(xml, el.start, el.startEnd, name);
  if (value !== undefined) return { ...value, text: escapedValue };
  const at = el.start + 1 + el.prefix.length + el.name.length;
  return { start: at, end: at, text: ` ${name}="${escapedValue}"` };
}

/**
 * Splices that put `markup` at the end of the element's content; a self-closing element
 * (`<sheets/>`) becomes an open and an end tag around it.
 */
export function appendContent(
  xml: string,
  el: Pick<ElementSpan, "start" | "startEnd" | "bodyEnd" | "end" | "selfClosing" | "name" | "prefix">,
  markup: string,
): Splice[] {
  if (!el.selfClosing) return [{ start: el.bodyEnd, end: el.bodyEnd, text: markup }];
  const tag = xml.slice(el.start, el.startEnd);
  const open = tag.slice(0, tag.lastIndexOf("/")).trimEnd() + ">";
  return [{ start: el.start, end: el.end, text: `${open}${markup}</${el.prefix}${el.name}>` }];
}

/** The text with the splices applied: in text order; at one position insertions come before a replacement, each in the order given. */
export function applySplices(xml: string, splices: readonly Splice[]): string {
  if (splices.length === 0) return xml;
  const ordered = splices
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.start - b.s.start || a.s.end - a.s.start - (b.s.end - b.s.start) || a.i - b.i);
  const pieces: string[] = [];
  let at = 0;
  for (const { s } of ordered) {
    pieces.push(xml.slice(at, s.start), s.text);
    at = Math.max(at, s.end);
  }
  pieces.push(xml.slice(at));
  return pieces.join("");
}

/** Unprefixed markup written by us → the same markup in `prefix` (our markup escapes every `<` in text, so each one starts a tag). */
export function inPrefix(markup: string, prefix: string): string {
  return prefix === "" ? markup : markup.replace(/<(\/?)(?=[a-zA-Z])/g, `<$1${prefix}`);
}
