/**
 * Packs queued Office.js operations into round trips of at most a byte budget: a sync is made
 * only when the next operation would not fit, so the number of syncs follows the payload
 * (about its size divided by the budget), never the number of sheets, rows or cells.
 */

/** Safe request and response size per sync: Excel on the web rejects payloads over 5 MB. */
export const PAYLOAD_BUDGET = 4_000_000;
/** What one queued action costs beyond its arguments (object path with a sheet name, ids, action type). */
export const ACTION_OVERHEAD = 256;
/** The request's own wrapping. */
const REQUEST_ENVELOPE = 512;

/** UTF-8 length of a string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export const jsonLength = (v: unknown): number => utf8Length(JSON.stringify(v) ?? "null");

export interface Syncable {
  sync(): Promise<void>;
}

export class Batcher {
  private used = 0;
  /** Syncs made so far. */
  syncs = 0;

  constructor(
    private readonly ctx: Syncable,
    private readonly budget: number,
    /** Queued first in every batch (e.g. suspend recalculation until the sync). */
    private readonly startBatch: () => void = () => undefined,
    private readonly afterSync: () => void = () => undefined,
  ) {}

  /** Queues one operation group of about `bytes`, syncing first if it would overflow the batch. */
  async op(bytes: number, queue: () => void): Promise<void> {
    if (this.used > 0 && this.used + bytes > this.budget) await this.flush();
    this.begin();
    queue();
    this.used += bytes;
  }

  /**
   * Queues rows [0, rowBytes.length) as blocks that fill the batches: `queue(from, to)` queues
   * one operation for rows from…to-1. A single row larger than the budget goes alone.
   */
  async rows(rowBytes: readonly number[], queue: (from: number, to: number) => void): Promise<void> {
    let i = 0;
    while (i < rowBytes.length) {
      let bytes = ACTION_OVERHEAD;
      let j = i;
      while (j < rowBytes.length && this.used + bytes + rowBytes[j]! <= this.budget) bytes += rowBytes[j++]!;
      if (j === i) {
        if (this.used > 0) {
          await this.flush();
          continue;
        }
        bytes += rowBytes[j++]!; // one row over the budget: alone in its batch
      }
      this.begin();
      queue(i, j);
      this.used += bytes;
      i = j;
      if (i < rowBytes.length) await this.flush();
    }
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    await this.ctx.sync();
    this.used = 0;
    this.syncs++;
    await yieldToPage();
    this.afterSync();
  }

  private begin(): void {
    if (this.used === 0) {
      this.startBatch();
      this.used = REQUEST_ENVELOPE;
    }
  }
}

/**
 * Lets the page run (paint the progress bar, take a click on 取消) before the next batch is
 * prepared: a macrotask, since a sync's promise resolves in a microtask that would not.
 */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
