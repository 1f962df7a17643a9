/**
 * `JSON.stringify(value, null, 2) + "\n"` as chunks of about a megabyte, for results of tens of
 * megabytes (144,000 issues are 50 MB): written to the terminal or a file chunk by chunk, never
 * as one string, nor one string and its escaped copy and its UTF-8 copy at once. The outer
 * levels (the result, its arrays) are walked here; each element below them is stringified by
 * JSON.stringify and indented, so the text is JSON.stringify's to the byte. Chunks end between
 * elements, never inside a string (a surrogate pair is never split).
 */
const CHUNK = 1 << 20;
// Levels walked here: the result object and its arrays (issues, branches, …); below, JSON.stringify.
const WALKED = 2;

export function prettyJsonChunks(value: unknown, emit: (chunk: string) => void): void {
  let pending = "";
  const put = (s: string) => {
    pending += s;
    if (pending.length >= CHUNK) {
      emit(pending);
      pending = "";
    }
  };
  const skipped = (v: unknown) => v === undefined || typeof v === "function" || typeof v === "symbol";
  const walk = (v: unknown, indent: string, depth: number): void => {
    if (depth < WALKED && v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON !== "function") {
      const inner = `${indent}  `;
      if (Array.isArray(v)) {
        if (v.length === 0) return put("[]");
        for (let i = 0; i < v.length; i++) {
          put(i === 0 ? `[\n${inner}` : `,\n${inner}`);
          const x: unknown = v[i];
          if (skipped(x)) put("null");
          else walk(x, inner, depth + 1);
        }
        return put(`\n${indent}]`);
      }
      let first = true;
      for (const [k, x] of Object.entries(v)) {
        if (skipped(x)) continue;
        put(`${first ? "{\n" : ",\n"}${inner}${JSON.stringify(k)}: `);
        walk(x, inner, depth + 1);
        first = false;
      }
      return put(first ? "{}" : `\n${indent}}`);
    }
    const text = JSON.stringify(v, null, 2);
    put(indent === "" ? text : text.replaceAll("\n", `\n${indent}`)); // line breaks in a JSON text are all layout
  };
  walk(value, "", 0);
  put("\n");
  if (pending !== "") emit(pending);
}

/** The chunks as a list (for a file). */
export function jsonChunks(value: unknown): string[] {
  const chunks: string[] = [];
  prettyJsonChunks(value, (c) => chunks.push(c));
  return chunks;
}
