import { PhoneticGuides } from "./phonetic-guides.js";
import { decodeOoxmlEscapes, scanXml, type XmlSink } from "./xml.js";

/**
 * The shared string table: each `<si>` is plain `<t>` or rich-text runs `<r><t>`; phonetic
 * guides (`<rPh>`, furigana/pinyin) are annotations, not part of the value. Read once per
 * workbook, with names compared in place (no string per tag: the table may hold millions).
 */
export function parseSharedStrings(partName: string, xml: string): string[] {
  const table = new SharedStringScan(xml);
  scanXml(partName, xml, table);
  return table.strings;
}

class SharedStringScan implements XmlSink {
  readonly strings: string[] = [];
  private current = "";
  private inText = false;
  private readonly phonetic = new PhoneticGuides();

  constructor(private readonly xml: string) {}

  open(localStart: number, nameEnd: number): void {
    const n = nameEnd - localStart;
    if (n === 2 && this.xml.startsWith("si", localStart)) this.current = "";
    else if (n === 3) this.phonetic.open(this.xml, localStart);
    else if (n === 1 && this.xml.charCodeAt(localStart) === 0x74 /* t */) this.inText = this.phonetic.outside;
  }

  close(localStart: number, nameEnd: number): void {
    const n = nameEnd - localStart;
    if (n === 2 && this.xml.startsWith("si", localStart)) this.strings.push(decodeOoxmlEscapes(this.current));
    else if (n === 3) this.phonetic.close(this.xml, localStart);
    else if (n === 1 && this.xml.charCodeAt(localStart) === 0x74 /* t */) this.inText = false;
  }

  text(start: number, end: number, decoded: string | undefined): void {
    if (this.inText) this.current += decoded ?? this.xml.slice(start, end);
  }
}
