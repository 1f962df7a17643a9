import { columnIndex, columnLetters } from "../../model/cell.js";
import { MAX_COLUMNS, MAX_ROWS } from "../../report/excel-limits.js";

/** Column letters → 1-based column number. */
const colNumber = (letters: string) => columnIndex(letters) + 1;

// A cell (A1, $B$2), a column range (A:C) or a row range (1:3), not part of a longer name and
// not a function name (LOG10( ) or an unquoted sheet name (Sheet1!).
const REFERENCE =
  /(?<![\w.$])(?:(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})|(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})|(\$?)(\d{1,7}):(\$?)(\d{1,7}))(?![\w.(!])/g;

/**
 * A formula as it reads when copied `rows` down and `cols` right (how a shared formula's text
 * applies to each cell of its range): relative references move, absolute ones ($A$1) do not,
 * and a reference pushed off the sheet becomes #REF!. Strings, quoted sheet names and
 * structured references ([…]) are left alone.
 */
export function shiftFormula(formula: string, rows: number, cols: number): string {
  let out = "";
  let plain = "";
  const flush = () => {
    out += plain.replace(REFERENCE, (whole, ...g: (string | undefined)[]) => shiftReference(whole, g, rows, cols));
    plain = "";
  };
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i]!;
    const close = ch === '"' ? '"' : ch === "'" ? "'" : ch === "[" ? "]" : undefined;
    if (close === undefined) {
      plain += ch;
      continue;
    }
    flush();
    let end = i + 1;
    for (let depth = 1; end < formula.length; end++) {
      const c = formula[end]!;
      if (close === "]" && c === "[") depth++;
      else if (c === close && close !== "]" && formula[end + 1] === close)
        end++; // "" or '' inside quotes
      else if (c === close && --depth === 0) break;
    }
    out += formula.slice(i, end + 1);
    i = end;
  }
  flush();
  return out;
}

function shiftReference(whole: string, g: (string | undefined)[], rows: number, cols: number): string {
  const row = (abs: string | undefined, n: string) => (abs ? Number(n) : Number(n) + rows);
  const col = (abs: string | undefined, letters: string) => (abs ? colNumber(letters) : colNumber(letters) + cols);
  const bad = (r: number | null, c: number | null) => (r !== null && (r < 1 || r > MAX_ROWS)) || (c !== null && (c < 1 || c > MAX_COLUMNS));
  if (g[1] !== undefined) {
    const r = row(g[2], g[3]!);
    const c = col(g[0], g[1]);
    return bad(r, c) ? "#REF!" : `${g[0]}${columnLetters(c - 1)}${g[2]}${r}`;
  }
  if (g[5] !== undefined) {
    const [c1, c2] = [col(g[4], g[5]), col(g[6], g[7]!)];
    return bad(null, c1) || bad(null, c2) ? "#REF!" : `${g[4]}${columnLetters(c1 - 1)}:${g[6]}${columnLetters(c2 - 1)}`;
  }
  if (g[9] !== undefined) {
    const [r1, r2] = [row(g[8], g[9]), row(g[10], g[11]!)];
    return bad(r1, null) || bad(r2, null) ? "#REF!" : `${g[8]}${r1}:${g[10]}${r2}`;
  }
  return whole;
}
