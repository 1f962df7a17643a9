import type { CellStyle, CellTone } from "../../report/sheet-spec.js";
import { attr, escapeAttr } from "./xml.js";
import {
  appendContent,
  applySplices,
  childNamed,
  elementTree,
  inPrefix,
  setAttribute,
  type ElementSpan,
  type Splice,
} from "./xml-spans.js";

/** How one output cell looks: a named style, a highlight on top, and whether it is a link. */
export interface CellLook {
  readonly style?: CellStyle | undefined;
  readonly tone?: CellTone | undefined;
  readonly link?: boolean | undefined;
}

/** Cell format index (`s`) for a look; undefined for a plain cell (no style, tone or link). */
export type StyleIds = (look: CellLook) => number | undefined;

interface StyleDef {
  readonly font?: { readonly size?: number; readonly rgb?: string }; // always bold
  readonly fillRgb?: string;
  readonly border?: true;
  /** Built-in format id, or a custom format code. */
  readonly numFmt?: number | string;
  readonly centred?: true;
  /** Wrapped within the column (long text); bottom-aligned like its neighbours. */
  readonly wrap?: true;
  /** Stays editable when the sheet is protected. */
  readonly unlocked?: true;
}

// Table cells all get a thin border so that a table reads as one block.
const STYLES: Readonly<Record<CellStyle, StyleDef>> = {
  title: { font: { size: 16 } },
  // Notices are sentences: they wrap within their (merged) row rather than widen the printed page.
  notice: { font: { rgb: "FFC00000" }, fillRgb: "FFFFF2CC", wrap: true },
  header: { font: {}, fillRgb: "FFD9D9D9", border: true, centred: true },
  text: { border: true, numFmt: 49 },
  integer: { border: true, numFmt: 1 },
  decimal2: { border: true, numFmt: 2 },
  decimal4: { border: true, numFmt: "0.0000" },
  percent: { border: true, numFmt: 10 },
  input: { border: true, numFmt: 2, unlocked: true },
  inputText: { border: true, numFmt: 49, unlocked: true },
  textWrap: { border: true, numFmt: 49, wrap: true },
};

/** Fill colours of the highlights; a tone replaces the style's own fill. */
export const TONE_FILLS: Readonly<Record<CellTone, string>> = {
  dispute: "FFFCE4D6",
  veto: "FFFFC7CE",
  top: "FFE2EFDA",
  muted: "FFF2F2F2",
};

/** Excel's default hyperlink colour (theme "Hyperlink" in the Office theme). */
const LINK_RGB = "FF0563C1";

/** A stylesheet for new workbooks: the defaults every styles part has before ours are added. */
export const BASE_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
  `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  `<fonts count="1"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `</styleSheet>`;

const THIN_BORDER =
  '<border><left style="thin"><color indexed="64"/></left><right style="thin"><color indexed="64"/></right>' +
  '<top style="thin"><color indexed="64"/></top><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border>';

const solidFill = (rgb: string) =>
  `<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;

const lookKey = (look: CellLook) => `${look.style ?? ""}|${look.tone ?? ""}|${look.link ? "link" : ""}`;

/**
 * Adds the output styles to a styles part by appending to its lists (fonts, fills, borders,
 * numFmts, cellXfs) and updating their counts; existing entries keep their indexes, so every
 * cell already in the workbook keeps its look. Every named style gets its format; a tone or a
 * link on top of a style gets one only if `looks` asks for it. An entry identical to one
 * already there (from an earlier run) is reused, so repeated runs leave the part as it is.
 */
export function addOutputStyles(
  stylesXml: string,
  looks: Iterable<CellLook> = [],
  partName = "xl/styles.xml",
): { xml: string; ids: StyleIds } {
  const sheet = new StyleSheetText(stylesXml, partName);
  // Lists a styles part may lack, seeded with the entries that index 0 (and fill 1) must be.
  sheet.ensure("fonts", ['<font><sz val="11"/></font>']);
  sheet.ensure("fills", ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
  sheet.ensure("borders", ["<border><left/><right/><top/><bottom/><diagonal/></border>"]);
  sheet.ensure("cellStyleXfs", ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>']);
  sheet.ensure("cellXfs", ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);
  const baseFont = sheet.baseFontParts();

  const xfOf = (look: CellLook): number => {
    const def: StyleDef = look.style === undefined ? {} : STYLES[look.style];
    const fontDef = def.font || look.link ? { ...def.font, bold: def.font !== undefined, link: look.link === true } : undefined;
    const fontId = fontDef ? sheet.add("fonts", derivedFont(baseFont, fontDef)) : 0;
    const fillRgb = look.tone === undefined ? def.fillRgb : TONE_FILLS[look.tone];
    const fillId = fillRgb ? sheet.add("fills", solidFill(fillRgb)) : 0;
    const borderId = def.border ? sheet.add("borders", THIN_BORDER) : 0;
    const fmtId = typeof def.numFmt === "string" ? sheet.customFormat(def.numFmt) : (def.numFmt ?? 0);
    const apply = [
      fmtId !== 0 ? ' applyNumberFormat="1"' : "",
      fontId !== 0 ? ' applyFont="1"' : "",
      fillId !== 0 ? ' applyFill="1"' : "",
      borderId !== 0 ? ' applyBorder="1"' : "",
      def.centred || def.wrap ? ' applyAlignment="1"' : "",
      def.unlocked ? ' applyProtection="1"' : "",
    ].join("");
    const children =
      (def.centred ? '<alignment horizontal="center" vertical="center" wrapText="1"/>' : "") +
      (def.wrap ? '<alignment wrapText="1"/>' : "") +
      (def.unlocked ? '<protection locked="0"/>' : "");
    const xf = `<xf numFmtId="${fmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${apply}`;
    return sheet.add("cellXfs", children === "" ? `${xf}/>` : `${xf}>${children}</xf>`);
  };

  const ids = new Map<string, number>();
  for (const style of Object.keys(STYLES) as CellStyle[]) ids.set(lookKey({ style }), xfOf({ style }));
  for (const look of looks) {
    const key = lookKey(look);
    if (!ids.has(key) && (look.tone !== undefined || look.link)) ids.set(key, xfOf(look));
  }
  return {
    xml: sheet.result(),
    ids: (look) => {
      if (look.style === undefined && look.tone === undefined && !look.link) return undefined;
      const id = ids.get(lookKey(look));
      if (id === undefined) throw new Error(`no cell format prepared for ${lookKey(look)}`);
      return id;
    },
  };
}

/** Of the workbook's default font, the parts a derived font keeps (unprefixed markup), by element name. */
type FontParts = ReadonlyMap<string, string>;

/**
 * The workbook's default font (name, family, charset, scheme kept), made bold, resized,
 * recoloured or link-like (blue, underlined) as asked.
 */
function derivedFont(base: FontParts, def: { size?: number; rgb?: string; bold: boolean; link: boolean }): string {
  const element = (name: string) => base.get(name) ?? "";
  const size = def.size === undefined ? element("sz") : `<sz val="${def.size}"/>`;
  const rgb = def.link ? LINK_RGB : def.rgb;
  const color = rgb === undefined ? element("color") : `<color rgb="${rgb}"/>`;
  return `<font>${def.bold ? "<b/>" : ""}${def.link ? "<u/>" : ""}${size}${color}${element("name")}${element("family")}${element("charset")}${element("scheme")}</font>`;
}

// Schema order of the styleSheet children, to know where a missing list goes.
const LIST_ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

interface List {
  /** The list element in the original text; undefined for a list this edit adds. */
  readonly element: ElementSpan | undefined;
  /** Entries as written (markup in the part's prefix), the original ones first. */
  readonly entries: string[];
  readonly originalCount: number;
}

/**
 * Edits of a styles part: the lists are found once by the XML scanner, entries are appended
 * (or found identical) in memory, and result() splices the new entries and counts into the
 * original text, which is otherwise left as it was.
 */
class StyleSheetText {
  private readonly root: ElementSpan;
  private readonly lists = new Map<string, List>();
  private formats: { id: number; code: string | undefined }[] | undefined;

  constructor(
    private readonly xml: string,
    partName: string,
  ) {
    this.root = elementTree(partName, xml);
  }

  private get prefix(): string {
    return this.root.prefix;
  }

  private list(name: string): List | undefined {
    let list = this.lists.get(name);
    if (list === undefined) {
      const element = childNamed(this.root, name);
      if (element === undefined) return undefined;
      const entries = element.children.map((c) => this.xml.slice(c.start, c.end));
      list = { element, entries, originalCount: entries.length };
      this.lists.set(name, list);
    }
    return list;
  }

  ensure(name: string, seed: readonly string[]): void {
    if (this.list(name) === undefined)
      this.lists.set(name, { element: undefined, entries: seed.map((e) => inPrefix(e, this.prefix)), originalCount: 0 });
  }

  /** The first font's size, colour, name, family, charset and scheme, as unprefixed markup. */
  baseFontParts(): FontParts {
    const parts = new Map<string, string>();
    const font = this.list("fonts")?.element?.children[0];
    for (const child of font?.children ?? []) {
      if (parts.has(child.name)) continue;
      const tag = this.xml.slice(child.start, child.startEnd);
      // <x:sz val="11"/> → <sz val="11"/>; an element written with an end tag keeps only its attributes.
      const body = tag.slice(1 + child.prefix.length + child.name.length, child.selfClosing ? tag.lastIndexOf("/") : -1).trimEnd();
      parts.set(child.name, `<${child.name}${body}/>`);
    }
    return parts;
  }

  /** Index of `entry` in the list: an identical existing one, or the entry appended. */
  add(name: string, entry: string): number {
    this.ensure(name, []);
    const list = this.list(name) ?? this.lists.get(name)!;
    const tagged = inPrefix(entry, this.prefix);
    const existing = list.entries.indexOf(tagged);
    if (existing >= 0) return existing;
    list.entries.push(tagged);
    return list.entries.length - 1;
  }

  /** Id of a custom number format with this code, added after the existing ids (custom ids start at 164). */
  customFormat(code: string): number {
    this.formats ??= (this.list("numFmts")?.element?.children ?? []).map((f) => ({
      id: Number(attr(f.attributes, "numFmtId")),
      code: attr(f.attributes, "formatCode"),
    }));
    const same = this.formats.find((f) => f.code === code);
    if (same) return same.id;
    const id = this.formats.reduce((m, f) => (Number.isFinite(f.id) ? Math.max(m, f.id) : m), 163) + 1;
    this.add("numFmts", `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    this.formats.push({ id, code });
    return id;
  }

  /** The part's text with the new entries and lists in place. */
  result(): string {
    const splices: Splice[] = [];
    const newLists: { order: number; at: number; text: string }[] = [];
    for (const [name, list] of this.lists) {
      const added = list.entries.slice(list.originalCount);
      const el = list.element;
      if (el === undefined) {
        const later = LIST_ORDER.slice(LIST_ORDER.indexOf(name) + 1);
        const at = this.root.children.find((c) => later.includes(c.name))?.start ?? this.root.bodyEnd;
        const text = inPrefix(`<${name} count="${list.entries.length}">`, this.prefix) + list.entries.join("") + `</${this.prefix}${name}>`;
        newLists.push({ order: LIST_ORDER.indexOf(name), at, text });
      } else if (added.length > 0) {
        const count = setAttribute(this.xml, el, "count", String(list.entries.length));
        if (el.selfClosing) {
          // <fonts/> → <fonts count="n">…</fonts>: one splice, as the start tag itself changes.
          const tag = applySplices(this.xml.slice(el.start, el.startEnd), [
            { ...count, start: count.start - el.start, end: count.end - el.start },
          ]);
          splices.push({
            start: el.start,
            end: el.end,
            text: `${tag.slice(0, tag.lastIndexOf("/")).trimEnd()}>${added.join("")}</${el.prefix}${el.name}>`,
          });
        } else {
          splices.push(count, { start: el.bodyEnd, end: el.bodyEnd, text: added.join("") });
        }
      }
    }
    // Lists added at the same place go in schema order.
    newLists.sort((a, b) => a.order - b.order);
    const inserted = newLists.map(({ at, text }) => ({ start: at, end: at, text }));
    if (this.root.selfClosing && inserted.length > 0) {
      return applySplices(this.xml, appendContent(this.xml, this.root, inserted.map((i) => i.text).join("")));
    }
    return applySplices(this.xml, [...splices, ...inserted]);
  }
}
