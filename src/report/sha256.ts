/**
 * SHA-256, hex. Pure, so that every mode can compute the same fingerprints anywhere: hosts hand
 * the pipeline a native one where they have it (the CLI node:crypto, the task pane SubtleCrypto
 * in a secure context), this one is what is left where they have none (a file mode served over
 * plain http, an Office webview without SubtleCrypto). Incremental (`Sha256`): a 50 MB result
 * is hashed as it is serialised, in pieces, never as one string nor one byte array.
 */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
  0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
  0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
  0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
  0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// Text is encoded into this many bytes at a time (a whole number of 64-byte blocks).
const CHUNK = 1 << 16;

/**
 * An incremental SHA-256 over UTF-8 text. Sha256 is the pure one every mode can use; a host
 * with a native SHA-256 (the CLI: node:crypto, some twenty times faster) may hand the
 * pipeline its own (RunOptions.sha256), which must give the same digests.
 */
export interface TextHasher {
  updateText(text: string): unknown;
  /**
   * The digest as 64 lowercase hex digits, or a promise of it (a host's asynchronous SHA-256:
   * the browser's SubtleCrypto); the hash is spent afterwards.
   */
  hex(): string | Promise<string>;
}

export const pureSha256 = (): TextHasher => new Sha256();

export class Sha256 implements TextHasher {
  // Words are kept as signed 32-bit integers (`| 0`), which V8 holds unboxed; `>>> 0` would
  // make the larger half of them doubles and the hash several times slower.
  private readonly h = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  private readonly w = new Int32Array(64);
  /** Bytes not yet hashed (less than a block), then room for encoding text. */
  private readonly buffer = new Uint8Array(CHUNK + 64);
  private buffered = 0;
  private length = 0;
  private readonly encoder = new TextEncoder();

  /** Adds text as UTF-8. A lone surrogate is U+FFFD, as TextEncoder makes it; split a surrogate pair across calls only at that cost. */
  updateText(text: string): this {
    // encodeInto writes at most 3 bytes per UTF-16 unit: a third of the free room at a time.
    for (let at = 0; at < text.length;) {
      let take = Math.min(text.length - at, Math.floor((this.buffer.length - this.buffered) / 3));
      const code = text.charCodeAt(at + take - 1);
      if (at + take < text.length && code >= 0xd800 && code <= 0xdbff) take--; // keep a pair together
      const { written } = this.encoder.encodeInto(
        at === 0 && take === text.length ? text : text.slice(at, at + take),
        this.buffer.subarray(this.buffered),
      );
      this.buffered += written;
      this.length += written;
      at += take;
      this.flushBlocks();
    }
    return this;
  }

  /** Adds bytes. */
  update(data: Uint8Array): this {
    for (let at = 0; at < data.length;) {
      const take = Math.min(data.length - at, CHUNK + 64 - this.buffered);
      this.buffer.set(data.subarray(at, at + take), this.buffered);
      this.buffered += take;
      this.length += take;
      at += take;
      this.flushBlocks();
    }
    return this;
  }

  /** The digest as 64 hex digits; the hash is spent afterwards. */
  hex(): string {
    const bitLen = this.length * 8;
    const tail = new Uint8Array(((this.buffered + 9 + 63) >> 6) << 6);
    tail.set(this.buffer.subarray(0, this.buffered));
    tail[this.buffered] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, Math.floor(bitLen / 2 ** 32));
    view.setUint32(tail.length - 4, bitLen >>> 0);
    this.blocks(tail, tail.length);
    return [...this.h].map((x) => (x >>> 0).toString(16).padStart(8, "0")).join("");
  }

  /** Hashes the whole blocks buffered, keeping the rest at the start of the buffer. */
  private flushBlocks(): void {
    const whole = this.buffered & ~63;
    if (whole === 0) return;
    this.blocks(this.buffer, whole);
    this.buffer.copyWithin(0, whole, this.buffered);
    this.buffered -= whole;
  }

  private blocks(bytes: Uint8Array, end: number): void {
    const { h, w } = this;
    let h0 = h[0]!,
      h1 = h[1]!,
      h2 = h[2]!,
      h3 = h[3]!,
      h4 = h[4]!,
      h5 = h[5]!,
      h6 = h[6]!,
      h7 = h[7]!;
    for (let off = 0; off < end; off += 64) {
      for (let i = 0, j = off; i < 16; i++, j += 4) w[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
      for (let i = 16; i < 64; i++) {
        const a = w[i - 15]!,
          b = w[i - 2]!;
        const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
        const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
        w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
      }
      let a = h0,
        b = h1,
        c = h2,
        d = h3,
        e = h4,
        f = h5,
        g = h6,
        hh = h7;
      for (let i = 0; i < 64; i++) {
        const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        const t1 = (hh + s1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
        const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        hh = g;
        g = f;
        f = e;
        e = (d + t1) | 0;
        d = c;
        c = b;
        b = a;
        a = (t1 + t2) | 0;
      }
      h0 = (h0 + a) | 0;
      h1 = (h1 + b) | 0;
      h2 = (h2 + c) | 0;
      h3 = (h3 + d) | 0;
      h4 = (h4 + e) | 0;
      h5 = (h5 + f) | 0;
      h6 = (h6 + g) | 0;
      h7 = (h7 + hh) | 0;
    }
    h[0] = h0;
    h[1] = h1;
    h[2] = h2;
    h[3] = h3;
    h[4] = h4;
    h[5] = h5;
    h[6] = h6;
    h[7] = h7;
  }
}

/** SHA-256 of a UTF-8 string, hex. */
export function sha256Hex(text: string): string {
  return new Sha256().updateText(text).hex();
}
