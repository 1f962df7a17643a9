/**
 * SpreadsheetML text (ST_Xstring: cell values, chart caches' `c:v`): characters XML 1.0 cannot
 * carry (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF; lone
 * surrogates) are written as `_xHHHH_`, as Excel writes them, so what people typed is kept and
 * reads back the same; a literal `_xHHHH_` in the text has its underscore escaped (`_x005F_`).
 */
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const LOOKS_ESCAPED = /_(?=x[0-9A-Fa-f]{4}_)/g;

/** Anything the replacements below would change; most cell texts have none of it. */
const NEEDS_WORK = /[&<>\r_\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

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
