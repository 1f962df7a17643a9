import { pureSha256, type TextHasher } from "../src/report/sha256.js";

/**
 * The fingerprints' SHA-256 in the task pane (both modes): the platform's SubtleCrypto where
 * the page has it, the pure one elsewhere. The result of a 5,000-branch quarter is about 35 MB
 * of canonical JSON: the pure SHA-256 took 0.8 s of CPU on it, encoding it and SubtleCrypto's
 * native digest 0.25–0.35 s (Node 20, 2026-12-03, machine under load). SubtleCrypto exists
 * only in a secure context (https, or localhost): a file mode served over plain http on an
 * intranet has no `crypto.subtle`, and some Office webviews may lack it; they get the pure
 * one, which gives the same digests.
 */
export function platformSha256(): () => TextHasher {
  const subtle = globalThis.crypto?.subtle as SubtleCrypto | undefined;
  return subtle === undefined ? pureSha256 : () => new SubtleSha256(subtle);
}

/**
 * SubtleCrypto digests a whole buffer in one call, never incrementally: the text is encoded as
 * UTF-8 into one growing buffer as it comes (a lone surrogate as U+FFFD, as the pure Sha256 and
 * node:crypto encode it), and digested at the end.
 */
export class SubtleSha256 implements TextHasher {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;
  private readonly encoder = new TextEncoder();

  constructor(private readonly subtle: SubtleCrypto) {}

  updateText(text: string): this {
    // encodeInto writes at most 3 bytes per UTF-16 unit.
    const room = this.length + 3 * text.length;
    if (room > this.bytes.length) {
      const grown = new Uint8Array(Math.max(room, 2 * this.bytes.length));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.length += this.encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
    return this;
  }

  async hex(): Promise<string> {
    const digest = new Uint8Array(await this.subtle.digest("SHA-256", this.bytes.subarray(0, this.length)));
    this.bytes = new Uint8Array(0);
    let hex = "";
    for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
    return hex;
  }
}
