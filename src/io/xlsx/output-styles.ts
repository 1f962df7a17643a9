import type { CellStyle } from "../../report/sheet-spec.js";
import { escapeAttr } from "./xml.js";

/** Cell format index (`s`) of each named style in a styles part. */
export type StyleIds = Readonly<Record<CellStyle, number>>;

interface StyleDef {
  readonly font?: { readonly size?: number; readonly rgb?: string }; // always bold
  readonly fillRgb?: string;
  readonly border?: true;
  /** Built-in format id, or a custom format code. */
  readonly numFmt?: number | string;
  readonly centred?: true;
}

// Table cells all get a thin border so that a table reads as one block.
const STYLES: Readonly<Record<CellStyle, StyleDef>> = {
  title: { font: { size: 16 } },
  notice: { font: { rgb: "FFC00000" }, fillRgb: "FFFFF2CC" },
  header: { font: {}, fillRgb: "FFD9D9D9", border: true, centred: true },
  text: { border: true, numFmt: 49 },
  integer: { border: true, numFmt: 1 },
  decimal2: { border: true, numFmt: 2 },
  decimal4: { border: true, numFmt: "0.0000" },
  percent: { border: true, numFmt: 10 },
  input: { border: true, numFmt: 2 },
  inputText: { border: true, numFmt: 49 },
};

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

const solidFill = (rgb: string) => `<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;

/**
 * Adds the output styles to a styles part by appending to its lists (fonts, fills, borders,
 * numFmts, cellXfs) and updating their counts; existing entries keep their indexes, so every
 * cell already in the workbook keeps its look. An entry identical to one already there (from
 * an earlier run) is reused, so repeated runs leave the part as it is.
 */
export function addOutputStyles(stylesXml: string): { xml: string; ids: StyleIds } {
  const sheet = new StyleSheetText(stylesXml);
  // Lists a styles part may lack, seeded with the entries that index 0 (and fill 1) must be.
  sheet.ensure("fonts", "font", ['<font><sz val="11"/></font>']);
  sheet.ensure("fills", "fill", ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
  sheet.ensure("borders", "border", ["<border><left/><right/><top/><bottom/><diagonal/></border>"]);
  sheet.ensure("cellStyleXfs", "xf", ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>']);
  sheet.ensure("cellXfs", "xf", ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);
  const baseFont = sheet.children("fonts", "font")[0]!;

  const ids = {} as Record<CellStyle, number>;
  for (const [style, def] of Object.entries(STYLES) as [CellStyle, StyleDef][]) {
    const fontId = def.font ? sheet.add("fonts", "font", boldFont(baseFont, sheet.prefix, def.font)) : 0;
    const fillId = def.fillRgb ? sheet.add("fills", "fill", solidFill(def.fillRgb)) : 0;
    const borderId = def.border ? sheet.add("borders", "border", THIN_BORDER) : 0;
    const fmtId = typeof def.numFmt === "string" ? sheet.customFormat(def.numFmt) : (def.numFmt ?? 0);
    const apply = [
      fmtId !== 0 ? ' applyNumberFormat="1"' : "",
      fontId !== 0 ? ' applyFont="1"' : "",
      fillId !== 0 ? ' applyFill="1"' : "",
      borderId !== 0 ? ' applyBorder="1"' : "",
      def.centred ? ' applyAlignment="1"' : "",
    ].join("");
    const xf = `<xf numFmtId="${fmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${apply}`;
    ids[style] = sheet.add("cellXfs", "xf", def.centred ? `${xf}><alignment horizontal="center" vertical="center" wrapText="1"/></xf>` : `${xf}/>`);
  }
  return { xml: sheet.xml, ids };
}

/** The workbook's default font (name, family, charset, scheme kept) in bold, resized or recoloured. */
function boldFont(baseFont: string, prefix: string, def: NonNullable<StyleDef["font"]>): string {
  const element = (name: string) => new RegExp(`<${prefix}${name}\\s[^>]*?/>`).exec(baseFont)?.[0].replace(`<${prefix}`, "<") ?? "";
  const size = def.size === undefined ? element("sz") : `<sz val="${def.size}"/>`;
  const color = def.rgb === undefined ? element("color") : `<color rgb="${def.rgb}"/>`;
  return `<font><b/>${size}${color}${element("name")}${element("family")}${element("charset")}${element("scheme")}</font>`;
}

// Schema order of the styleSheet children, to know where a missing list goes.
const LIST_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

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
    startTag = /\scount="[^"]*"/.test(startTag) ? startTag.replace(/\scount="[^"]*"/, ` count="${count}"`) : startTag.replace(name, `${name} count="${count}"`);
    this.xml =
      this.xml.slice(0, found.start) + startTag + this.xml.slice(found.bodyStart, found.bodyEnd) + tagged + `</${name}>` + this.xml.slice(found.end);
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
    const id = Math.max(163, ...formats.map((f) => f.id).filter(Number.isFinite)) + 1;
    this.add("numFmts", "numFmt", `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }
}
