import { MAX_CELL_TEXT } from "../../report/excel-limits.js";

/**
 * SpreadsheetML text (ST_Xstring: cell values, chart caches' `c:v`): characters XML 1.0 cannot
 * carry (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF; lone
 * surrogates) are written as `_xHHHH_`, as Excel writes them, so what people typed is kept and
 * reads back the same; a literal `_xHHHH_` in the text has its underscore escaped (`_x005F_`).
 */
const NOT_IN_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const LOOKS_ESCAPED = /_(?=x[0-9A-Fa-f]{4}_)/g;
/** Anything the replacements below would change; most cell texts have none of it. */
const NEEDS_WORK = /[&<>\r_\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;
/** What makes the stored form longer than the text: a character written as `_xHHHH_`. */
const LENGTHENS = /[_\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

export function escapeXstring(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return s
    .replace(LOOKS_ESCAPED, "_x005F_")
    .replace(NOT_IN_XML, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;"); // a literal CR would be normalised to LF by every XML parser
}

/**
 * Text cut so that its stored form (with `_xHHHH_` escapes, which checkers count as Excel's
 * file format does) fits Excel's 32,767 characters a cell, ending in "…" when cut; a character
 * made of two code units is never split.
 */
export function fitXstring(s: string, max: number = MAX_CELL_TEXT): string {
  if (s.length * 7 <= max || (s.length <= max && !LENGTHENS.test(s))) return s; // fits even if every character were escaped
  let stored = 0;
  let end = 0; // longest prefix whose stored form leaves room for "…"
  for (let i = 0; i < s.length;) {
    const c = s.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
    const units = pair ? 2 : 1;
    const escaped =
      !pair &&
      (c < 0x20
        ? c !== 0x09 && c !== 0x0a && c !== 0x0d
        : c === 0xfffe || c === 0xffff || (c >= 0xd800 && c <= 0xdfff) || (c === 0x5f && /^x[0-9A-Fa-f]{4}_/.test(s.slice(i + 1, i + 7))));
    stored += escaped ? 7 : units;
    i += units;
    if (stored <= max - 1) end = i;
    else if (stored > max) return s.slice(0, end) + "…";
  }
  return s;
}
