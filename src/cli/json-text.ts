/**
 * `JSON.stringify(value, null, 2) + "\n"` as chunks, for results of tens of megabytes (144,000
 * issues are 50 MB): written to the terminal or a file chunk by chunk, so the text is never one
 * string, nor held again escaped or as one UTF-8 buffer. JSON.stringify itself makes every
 * chunk (walking the result in JavaScript and indenting pieces cost two to five times the CPU):
 * the top-level object's members are stringified one by one, and a large array's elements in
 * batches wrapped in two arrays, so that they come out already indented as they stand in the
 * whole text, and the wrapping lines are cut off. The bytes are JSON.stringify's exactly.
 */
const BATCH = 2000;

export function prettyJsonChunks(value: unknown, emit: (chunk: string) => void): void {
  if (value === null || typeof value !== "object" || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === "function") {
    emit(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  const skipped = (v: unknown) => v === undefined || typeof v === "function" || typeof v === "symbol";
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    if (skipped(member)) continue;
    emit(`${first ? "{\n" : ",\n"}  ${JSON.stringify(key)}: `);
    first = false;
    if (!Array.isArray(member) || member.length === 0 || typeof (member as { toJSON?: unknown }).toJSON === "function") {
      // "[\n  <member, indented one level>\n]"
      const text = JSON.stringify([member], null, 2);
      emit(text.slice(4, -2));
      continue;
    }
    emit("[\n");
    for (let i = 0; i < member.length; i += BATCH) {
      // "[\n  [\n    <elements, indented two levels>\n  ]\n]"
      const text = JSON.stringify([member.slice(i, i + BATCH)], null, 2);
      emit(i === 0 ? text.slice(6, -6) : `,\n${text.slice(6, -6)}`);
    }
    emit("\n  ]");
  }
  emit(first ? "{}\n" : "\n}\n");
}

/** The chunks as a list (for a file). */
export function jsonChunks(value: unknown): string[] {
  const chunks: string[] = [];
  prettyJsonChunks(value, (c) => chunks.push(c));
  return chunks;
}
