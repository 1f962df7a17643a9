import { decodeOoxmlEscapes } from "../../../src/io/xlsx/xml.js";
import { legacyParseXml as parseXml } from "./xml.js";

/* The shared-string reader before scanXml, kept only as the reference the new one is compared with. */

/**
 * The shared string table: each `<si>` is plain `<t>` or rich-text runs `<r><t>`; phonetic
 * guides (`<rPh>`, furigana/pinyin) are annotations, not part of the value.
 */
export function legacyParseSharedStrings(partName: string, xml: string): string[] {
  const strings: string[] = [];
  let current = "";
  let inText = false;
  let phoneticDepth = 0;
  parseXml(partName, xml, {
    open(name) {
      if (name === "si") current = "";
      else if (name === "rPh") phoneticDepth++;
      else if (name === "t") inText = phoneticDepth === 0;
    },
    close(name) {
      if (name === "si") strings.push(decodeOoxmlEscapes(current));
      else if (name === "rPh") phoneticDepth--;
      else if (name === "t") inText = false;
    },
    text(t) {
      if (inText) current += t;
    },
  });
  return strings;
}
