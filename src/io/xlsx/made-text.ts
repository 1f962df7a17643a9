/**
 * Text made as UTF-8 chunks as they are taken (telling its maker's progress), with at least how
 * many characters it has: a large output sheet (see sheet-writer.ts), deflated a chunk at a
 * time by the zip writer and never held whole.
 */
export interface MadeText {
  readonly chunks: Iterable<Uint8Array>;
  readonly minLength: number;
  /** The characters made so far: all of them once the chunks are all taken. */
  readonly length: number;
}

/** The text of UTF-8 chunks in which no character is split between two (as MadeText's are). */
export function textOfChunks(chunks: Iterable<Uint8Array>): string {
  const decoder = new TextDecoder();
  let text = "";
  for (const chunk of chunks) text += decoder.decode(chunk);
  return text;
}
