import type { CellStyle, CellTone } from "../../report/sheet-spec.js";
import { escapeAttr } from "./xml.js";

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
export function addOutputStyles(stylesXml: string, looks: Iterable<CellLook> = []): { xml: string; ids: StyleIds } {
  const sheet = new StyleSheetText(stylesXml);
  // Lists a styles part may lack, seeded with the entries that index 0 (and fill 1) must be.
  sheet.ensure("fonts", "font", ['<font><sz val="11"/></font>']);
  sheet.ensure("fills", "fill", ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
  sheet.ensure("borders", "border", ["<border><left/><right/><top/><bottom/><diagonal/></border>"]);
  sheet.ensure("cellStyleXfs", "xf", ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>']);
  sheet.ensure("cellXfs", "xf", ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);
  const baseFont = sheet.children("fonts", "font")[0]!;

  const xfOf = (look: CellLook): number => {
    const def: StyleDef = look.style === undefined ? {} : STYLES[look.style];
    const fontDef = def.font || look.link ? { ...def.font, bold: def.font !== undefined, link: look.link === true } : undefined;
    const fontId = fontDef ? sheet.add("fonts", "font", derivedFont(baseFont, sheet.prefix, fontDef)) : 0;
    const fillRgb = look.tone === undefined ? def.fillRgb : TONE_FILLS[look.tone];
    const fillId = fillRgb ? sheet.add("fills", "fill", solidFill(fillRgb)) : 0;
    const borderId = def.border ? sheet.add("borders", "border", THIN_BORDER) : 0;
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
    return sheet.add("cellXfs", "xf", children === "" ? `${xf}/>` : `${xf}>${children}</xf>`);
  };

  const ids = new Map<string, number>();
  for (const style of Object.keys(STYLES) as CellStyle[]) ids.set(lookKey({ style }), xfOf({ style }));
  for (const look of looks) {
    const key = lookKey(look);
    if (!ids.has(key) && (look.tone !== undefined || look.link)) ids.set(key, xfOf(look));
  }
  return {
    xml: sheet.xml,
    ids: (look) => {
      if (look.style === undefined && look.tone === undefined && !look.link) return undefined;
      const id = ids.get(lookKey(look));
      if (id === undefined) throw new Error(`no cell format prepared for ${lookKey(look)}`);
      return id;
    },
  };
}

/**
 * The workbook's default font (name, family, charset, scheme kept), made bold, resized,
 * recoloured or link-like (blue, underlined) as asked.
 */
function derivedFont(baseFont: string, prefix: string, def: { size?: number; rgb?: string; bold: boolean; link: boolean }): string {
  const element = (name: string) => new RegExp(`<${prefix}${name}\\s[^>]*?/>`).exec(baseFont)?.[0].replace(`<${prefix}`, "<") ?? "";
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

/** String-level edits of a styles part: lists are found and extended in place, nothing else is touched. */
class StyleSheetText {
  readonly prefix: string;

  constructor(public xml: string) {
    this.prefix = /<([\w.-]+:)?styleSheet[\s>/]/.exec(xml)?.[1] ?? "";
  }

  /** Unprefixed markup → this part's prefix. */
  private tag(markup: string): string {
    return this.prefix === "" ? markup : markup.replace(/<(\/?)(?=[a-zA-Z])/g, `<$1${this.prefix}`);
  }

  private find(list: string, child: string) {
    const p = this.prefix;
    const open = new RegExp(`<${p}${list}(?:\\s[^>]*)?/?>`).exec(this.xml);
    if (!open) return undefined;
    const startTag = open[0];
    const bodyStart = open.index + startTag.length;
    const selfClosing = startTag.endsWith("/>");
    const bodyEnd = selfClosing ? bodyStart : this.xml.indexOf(`</${p}${list}>`, bodyStart);
    if (bodyEnd < 0) return undefined;
    const end = selfClosing ? bodyStart : bodyEnd + `</${p}${list}>`.length;
    const childPattern = new RegExp(`<${p}${child}(?:\\s[^>]*?)?(?:/>|>[\\s\\S]*?</${p}${child}>)`, "g");
    const children: string[] = this.xml.slice(bodyStart, bodyEnd).match(childPattern) ?? [];
    return { start: open.index, end, bodyStart, bodyEnd, startTag, children };
  }

  children(list: string, child: string): string[] {
    return this.find(list, child)?.children ?? [];
  }

  ensure(list: string, child: string, seed: readonly string[]): void {
    if (this.find(list, child)) return;
    const element = this.tag(`<${list} count="${seed.length}">${seed.join("")}</${list}>`);
    let at = -1;
    for (const later of LIST_ORDER.slice(LIST_ORDER.indexOf(list) + 1)) {
      at = this.xml.search(new RegExp(`<${this.prefix}${later}[\\s>/]`));
      if (at >= 0) break;
    }
    if (at < 0) at = this.xml.lastIndexOf(`</${this.prefix}styleSheet>`);
    this.xml = this.xml.slice(0, at) + element + this.xml.slice(at);
  }

  /** Index of `entry` in the list: an identical existing one, or the entry appended. */
  add(list: string, child: string, entry: string): number {
    this.ensure(list, child, []);
    const found = this.find(list, child)!;
    const tagged = this.tag(entry);
    const existing = found.children.indexOf(tagged);
    if (existing >= 0) return existing;
    const count = found.children.length + 1;
    const name = `${this.prefix}${list}`;
    let startTag = found.startTag.replace(/\/>$/, ">");
    startTag = /\scount="[^"]*"/.test(startTag)
      ? startTag.replace(/\scount="[^"]*"/, ` count="${count}"`)
      : startTag.replace(name, `${name} count="${count}"`);
    this.xml =
      this.xml.slice(0, found.start) +
      startTag +
      this.xml.slice(found.bodyStart, found.bodyEnd) +
      tagged +
      `</${name}>` +
      this.xml.slice(found.end);
    return count - 1;
  }

  /** Id of a custom number format with this code, added after the existing ids (custom ids start at 164). */
  customFormat(code: string): number {
    const formats = this.children("numFmts", "numFmt").map((entry) => ({
      id: Number(/\snumFmtId="(\d+)"/.exec(entry)?.[1]),
      code: /\sformatCode="([^"]*)"/.exec(entry)?.[1],
    }));
    const same = formats.find((f) => f.code === escapeAttr(code));
    if (same) return same.id;
    const id = formats.reduce((m, f) => (Number.isFinite(f.id) ? Math.max(m, f.id) : m), 163) + 1;
    this.add("numFmts", "numFmt", `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }
}
