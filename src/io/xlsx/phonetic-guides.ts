/**
 * Phonetic guides in rich text (`<rPh>` in a shared string's `<si>` or a cell's `<is>`:
 * furigana, pinyin) are annotations, not part of the value: the readers of rich text skip the
 * `<t>`s inside them, counting here the guides open.
 */
export class PhoneticGuides {
  private depth = 0;

  /** Whether no guide is open: a `<t>` begun now holds part of the value. */
  get outside(): boolean {
    return this.depth === 0;
  }

  /** Counts a start tag whose local name, three characters long, begins at `localStart`, if it is a guide's. */
  open(xml: string, localStart: number): void {
    if (xml.startsWith("rPh", localStart)) this.depth++;
  }

  /** Counts an end tag as `open` does a start tag. */
  close(xml: string, localStart: number): void {
    if (xml.startsWith("rPh", localStart)) this.depth--;
  }
}
