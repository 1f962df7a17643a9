/**
 * A fast raw deflate for the file mode's large parts, in the spirit of zlib's level 1 (the
 * CLI's level for them): greedy LZ77 (one probe of a hash of the next four bytes, no chains,
 * no lazy matching, no positions inside a match hashed), coded in blocks of 65,536 symbols,
 * each with its own Huffman codes. The browser's CompressionStream deflates at zlib's level 6
 * only, which on the 177.6 MiB of large parts of a 5,000-branch result took 4.0 s of CPU, most
 * of the file mode's extra time over the CLI; fflate's level 1 took 6.0 s. This took 1.9–2.0 s
 * while it compared and wrote a byte at a time, and takes 0.95–1.05 s (as much as zlib's level 1
 * in C, 1.1 s, in the same runs) comparing four bytes at a time and writing the bit buffer a
 * word at a time, for 21.73 MiB (level 6 15.5, level 1 20.62). Node 20, alternating runs on a
 * loaded machine, 2026-12-03. The rows of sheet XML repeat the row before: most bytes are in
 * matches (18 bytes on average) that one probe finds.
 */

/** Deflate's window: a match reaches at most this far back. */
const WINDOW = 32 * 1024;
/** The longest match deflate can say. */
const MAX_MATCH = 258;
/** The shortest match taken: four bytes, the ones hashed. */
const MIN_MATCH = 4;
/** Bytes taken in before they are coded (a window of the previous ones is kept before them). */
const BLOCK = 1 << 20;
const HASH_BITS = 16;
/** Compressed bytes handed on in chunks of about this size. */
const OUT_CHUNK = 1 << 20;

/** Bits reversed: deflate writes a Huffman code from its first bit, into the low bits first. */
function reverse(code: number, length: number): number {
  let r = 0;
  for (let i = 0; i < length; i++) {
    r = (r << 1) | (code & 1);
    code >>>= 1;
  }
  return r;
}

const LENGTH_BASE = new Int32Array([
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
]);
const LENGTH_EXTRA = new Int32Array([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]);
const DIST_BASE = new Int32Array([
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385,
  24577,
]);
const DIST_EXTRA = new Int32Array([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]);
/** The order in which the code length code's lengths are written (RFC 1951, 3.2.7). */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A match length's code (0–28: symbol 257 + code). */
const LENGTH_CODE = new Uint8Array(MAX_MATCH + 1);
for (let code = 0; code < LENGTH_BASE.length; code++) {
  const last = code + 1 < LENGTH_BASE.length ? LENGTH_BASE[code + 1]! - 1 : MAX_MATCH;
  for (let len = LENGTH_BASE[code]!; len <= last; len++) LENGTH_CODE[len] = code;
}
// A distance's code by zlib's table: distances up to 256 one by one, the longer ones by 128s
// (their codes span at least that). Indexed by the distance less one.
const DIST_CODE = new Uint8Array(512);
for (let code = 0; code < DIST_BASE.length; code++) {
  const last = code + 1 < DIST_BASE.length ? DIST_BASE[code + 1]! - 1 : WINDOW;
  for (let d = DIST_BASE[code]!; d <= last; d++) {
    if (d <= 256) DIST_CODE[d - 1] = code;
    else DIST_CODE[256 + ((d - 1) >> 7)] = code;
  }
}
const distCode = (d: number) => DIST_CODE[d < 256 ? d : 256 + (d >> 7)]!;

/**
 * Huffman code lengths of at most `limit` bits for the frequencies, a complete code (zlib's
 * inflate refuses incomplete ones): Huffman's tree, then, if too deep, the count of codes of
 * each length adjusted as JPEG does (ITU T.81, K.3), the shortest lengths going to the most
 * frequent symbols. At least two symbols get a length, used or not.
 */
export function codeLengths(freq: Int32Array, limit: number): Uint8Array {
  const n = freq.length;
  const lengths = new Uint8Array(n);
  // The symbols used by frequency, then by symbol: each one number, frequency · 512 + symbol
  // (there are at most 286), sorted as numbers in a typed array; sorting the symbols with a
  // comparison function made this half as slow again (50 µs a call instead of 32; called
  // 2 × 190 times for the large parts of 5,000 branches).
  let m = 0;
  for (let s = 0; s < n; s++) if (freq[s]! > 0) m++;
  const keys = new Float64Array(Math.max(m, 2));
  m = 0;
  for (let s = 0; s < n; s++) if (freq[s]! > 0) keys[m++] = freq[s]! * 512 + s;
  for (let s = 0; m < 2; s++) if (freq[s] === 0) keys[m++] = s;
  keys.sort();
  const used = new Int32Array(m);
  for (let i = 0; i < m; i++) used[i] = keys[i]! % 512;
  // Two queues: the leaves by frequency, and the inner nodes as they are made (in order).
  const weight = new Float64Array(2 * m);
  const parent = new Int32Array(2 * m);
  for (let i = 0; i < m; i++) weight[i] = Math.max(freq[used[i]!]!, 1);
  let leaf = 0;
  let inner = m;
  let made = m;
  const take = () => (leaf < m && (inner >= made || weight[leaf]! <= weight[inner]!) ? leaf++ : inner++);
  while (made < 2 * m - 1) {
    const a = take();
    const b = take();
    weight[made] = weight[a]! + weight[b]!;
    parent[a] = made;
    parent[b] = made;
    made++;
  }
  // Depths from the root (the last node) down; then the count of leaves of each depth.
  const depth = new Int32Array(2 * m);
  const count = new Int32Array(Math.max(m, limit) + 2);
  for (let i = 2 * m - 3; i >= 0; i--) depth[i] = depth[parent[i]!]! + 1;
  for (let i = 0; i < m; i++) count[depth[i]!]!++;
  for (let len = count.length - 1; len > limit; len--) {
    while (count[len]! > 0) {
      let j = len - 2;
      while (count[j] === 0) j--;
      count[len]! -= 2;
      count[len - 1]!++;
      count[j + 1]! += 2;
      count[j]!--;
    }
  }
  // The most frequent symbols (last in `used`) get the shortest codes.
  let at = m - 1;
  for (let len = 1; len <= limit; len++) for (let k = 0; k < count[len]!; k++) lengths[used[at--]!] = len;
  return lengths;
}

/** Canonical codes for the lengths (RFC 1951, 3.2.2), bit-reversed as they are written. */
function canonicalCodes(lengths: Uint8Array): Int32Array {
  const count = new Int32Array(16);
  for (const len of lengths) count[len]!++;
  count[0] = 0;
  const next = new Int32Array(16);
  for (let len = 1, code = 0; len < 16; len++) {
    code = (code + count[len - 1]!) << 1;
    next[len] = code;
  }
  const codes = new Int32Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) if (lengths[s]! > 0) codes[s] = reverse(next[lengths[s]!]!++, lengths[s]!);
  return codes;
}

/** Symbols held before they are coded as one block with its own Huffman codes. */
const BLOCK_SYMBOLS = 1 << 16;
/**
 * The longest distance code. Writing a match's distance code and extra bits (13 at most) with
 * one store needs them in the 32-bit bit buffer with the up to 7 bits pending: 11 + 13 + 7 = 31.
 * Thirty distance codes do not need more: the code is at most a few bytes longer per block.
 */
const DIST_LIMIT = 11;
/**
 * Room in the output buffer beyond OUT_CHUNK: the buffer is handed on only between blocks, so a
 * whole block must fit after it. A symbol takes at most 44 bits (15 + 5 + 11 + 13), a header
 * at most 14 + 19·3 + 316·14 bits, and the last word stored reaches 3 bytes further.
 */
const OUT_SLACK = BLOCK_SYMBOLS * 6 + 1024;

/** Raw deflate (RFC 1951) of the bytes in order: blocks with their own (dynamic) codes. */
export function fastDeflate(input: Iterable<Uint8Array>): Uint8Array[] {
  const deflater = new Deflater();
  for (const chunk of input) deflater.push(chunk);
  return deflater.finish();
}

// A class rather than closures: V8 then optimises each hot loop once for every part, and the
// loops keep their state in locals, written back to the fields between calls.
class Deflater {
  private readonly out: Uint8Array[] = [];
  /** The bytes being written; copied out once past OUT_CHUNK (between blocks), then reused. */
  private readonly buffer = new Uint8Array(OUT_CHUNK + OUT_SLACK);
  /** The buffer as 32-bit little-endian words at any offset: the bit buffer is stored 4 bytes at a time. */
  private readonly bufferView = new DataView(this.buffer.buffer);
  private at = 0;
  /** Bits not yet written, the first ones lowest: fewer than 8 between writes. */
  private bits = 0;
  private count = 0;
  /**
   * The block's symbols, each one number: a literal is its byte (under 256); a match its
   * length << 20 | distance code << 15 | distance less one (the length is at least 4, so
   * a match is at least 1 << 22).
   */
  private readonly symbolOf = new Int32Array(BLOCK_SYMBOLS);
  private symbols = 0;
  private readonly litFreq = new Int32Array(286);
  /** Matches counted by length: their length codes' counts are summed per block, a table look-up fewer per match. */
  private readonly lengthFreq = new Int32Array(MAX_MATCH + 1);
  private readonly distFreq = new Int32Array(30);
  /** The input not yet coded, after the window of what was. */
  private readonly data = new Uint8Array(WINDOW + BLOCK);
  /** The input as 32-bit little-endian words at any offset: four bytes compared at once. */
  private readonly dataView = new DataView(this.data.buffer);
  /** The last position (in the whole input) of each hash of four bytes. */
  private readonly head = new Int32Array(1 << HASH_BITS).fill(-WINDOW - 1);
  /** The position in the whole input of data[0]. */
  private base = 0;
  private filled = 0;
  /** The next byte of data to code. */
  private next = 0;
  /** Per block: a literal's or length symbol's code | its length << 16. */
  private readonly litTable = new Int32Array(286);
  /** Per block: a match length's code and extra bits together | their length << 24 (at most 20 bits). */
  private readonly lengthTable = new Int32Array(MAX_MATCH + 1);
  /** Per block: a distance code's code | its length and extra bits' << 16. */
  private readonly distTable = new Int32Array(30);

  push(chunk: Uint8Array): void {
    const { data } = this;
    for (let taken = 0; taken < chunk.length;) {
      if (this.filled === data.length) {
        this.code(this.filled, false);
        // Keep the window before the next byte to code, and move it to the front.
        const keep = this.next - WINDOW;
        data.copyWithin(0, keep, this.filled);
        this.base += keep;
        this.filled -= keep;
        this.next -= keep;
      }
      const take = Math.min(chunk.length - taken, data.length - this.filled);
      data.set(chunk.subarray(taken, taken + take), this.filled);
      this.filled += take;
      taken += take;
    }
  }

  finish(): Uint8Array[] {
    this.code(this.filled, true);
    this.writeBlock(true);
    if (this.count > 0) this.put(0, 8 - this.count);
    if (this.at > 0) this.out.push(this.buffer.slice(0, this.at));
    return this.out;
  }

  /** Writes up to 16 bits. */
  private put(value: number, length: number): void {
    this.bits |= value << this.count;
    this.count += length;
    while (this.count >= 8) {
      this.buffer[this.at++] = this.bits & 0xff;
      this.bits >>>= 8;
      this.count -= 8;
    }
  }

  /** Greedy LZ77 of data[next, end) into the block's symbols; the last MAX_MATCH bytes wait for more input unless `last`. */
  private code(end: number, last: boolean): void {
    const { data, dataView, head, symbolOf, litFreq, lengthFreq, distFreq, base } = this;
    const stop = last ? end : end - MAX_MATCH;
    // Positions with four bytes to hash: all but the input's last three.
    const hashStop = Math.min(stop, end - MIN_MATCH + 1);
    let p = this.next;
    let n = this.symbols;
    while (p < hashStop) {
      if (n === BLOCK_SYMBOLS) {
        this.symbols = n;
        this.writeBlock(false);
        n = 0;
      }
      const word = dataView.getInt32(p, true);
      const h = Math.imul(word, 0x9e3779b1) >>> (32 - HASH_BITS);
      const candidate = head[h]! - base;
      head[h] = p + base;
      const distance = p - candidate;
      // A candidate in reach is at 0 or later: data keeps the window before `next`.
      if (distance <= WINDOW && dataView.getInt32(candidate, true) === word) {
        // Extended four bytes at a time (the sheet XML's matches average 18 bytes); the
        // first differing byte is the lowest nonzero byte of the words' difference.
        const max = Math.min(MAX_MATCH, end - p);
        const lastWord = max - 4;
        let len = MIN_MATCH;
        let diff = 0;
        while (len <= lastWord && (diff = dataView.getInt32(candidate + len, true) ^ dataView.getInt32(p + len, true)) === 0) len += 4;
        if (diff !== 0) len += (31 - Math.clz32(diff & -diff)) >>> 3;
        else while (len < max && data[candidate + len] === data[p + len]) len++;
        const dc = distCode(distance - 1);
        symbolOf[n++] = (len << 20) | (dc << 15) | (distance - 1);
        lengthFreq[len]!++;
        distFreq[dc]!++;
        p += len;
      } else {
        const byte = data[p]!;
        symbolOf[n++] = byte;
        litFreq[byte]!++;
        p++;
      }
    }
    for (; p < stop; p++) {
      if (n === BLOCK_SYMBOLS) {
        this.symbols = n;
        this.writeBlock(false);
        n = 0;
      }
      symbolOf[n++] = data[p]!;
      litFreq[data[p]!]!++;
    }
    this.symbols = n;
    this.next = p;
  }

  /** Writes the symbols held as one block with its own codes. */
  private writeBlock(last: boolean): void {
    const { litFreq, lengthFreq, distFreq, symbolOf, litTable, lengthTable, distTable } = this;
    if (this.at >= OUT_CHUNK) {
      this.out.push(this.buffer.slice(0, this.at));
      this.at = 0;
    }
    litFreq[256] = 1; // end of block
    for (let len = MIN_MATCH; len <= MAX_MATCH; len++) litFreq[257 + LENGTH_CODE[len]!]! += lengthFreq[len]!;
    const litLengths = codeLengths(litFreq, 15);
    const distLengths = codeLengths(distFreq, DIST_LIMIT);
    const litCodes = canonicalCodes(litLengths);
    const distCodes = canonicalCodes(distLengths);
    this.writeHeader(last, litLengths, distLengths);
    // Each symbol's code and length in one number, so the loop below reads one table per part.
    for (let s = 0; s < 286; s++) litTable[s] = litCodes[s]! | (litLengths[s]! << 16);
    for (let len = MIN_MATCH; len <= MAX_MATCH; len++) {
      const lc = LENGTH_CODE[len]!;
      const codeLength = litLengths[257 + lc]!;
      lengthTable[len] = litCodes[257 + lc]! | ((len - LENGTH_BASE[lc]!) << codeLength) | ((codeLength + LENGTH_EXTRA[lc]!) << 24);
    }
    for (let dc = 0; dc < 30; dc++) distTable[dc] = distCodes[dc]! | ((distLengths[dc]! + DIST_EXTRA[dc]!) << 16);
    // The symbols, with the writer's state in locals (the hot loop of the coding). After each
    // part the bit buffer (at most 31 bits) is stored as a whole word and the whole bytes
    // in it are counted as written: no loop, no branch.
    let b = this.bits;
    let c = this.count;
    let o = this.at;
    const view = this.bufferView;
    const symbols = this.symbols;
    for (let i = 0; i < symbols; i++) {
      const s = symbolOf[i]!;
      if (s < 256) {
        const t = litTable[s]!;
        b |= (t & 0xffff) << c;
        c += t >>> 16;
      } else {
        const t = lengthTable[s >>> 20]!;
        b |= (t & 0xffffff) << c;
        c += t >>> 24;
        view.setInt32(o, b, true);
        o += c >>> 3;
        b >>>= c & 24;
        c &= 7;
        const dc = (s >>> 15) & 31;
        const d = distTable[dc]!;
        const codeLength = distLengths[dc]!;
        b |= ((d & 0xffff) | (((s & 0x7fff) + 1 - DIST_BASE[dc]!) << codeLength)) << c;
        c += d >>> 16;
      }
      view.setInt32(o, b, true);
      o += c >>> 3;
      b >>>= c & 24;
      c &= 7;
    }
    this.bits = b;
    this.count = c;
    this.at = o;
    this.put(litCodes[256]!, litLengths[256]!);
    this.symbols = 0;
    litFreq.fill(0);
    lengthFreq.fill(0);
    distFreq.fill(0);
  }

  /** A dynamic block's header: its codes' lengths, themselves run-length and Huffman coded (RFC 1951, 3.2.7). */
  private writeHeader(last: boolean, litLengths: Uint8Array, distLengths: Uint8Array): void {
    let hlit = 286;
    while (litLengths[hlit - 1] === 0) hlit--;
    let hdist = 30;
    while (distLengths[hdist - 1] === 0) hdist--;
    // 16 repeats the previous length 3–6 times, 17 and 18 give 3–10 and 11–138 zeros.
    const all = [...litLengths.subarray(0, hlit), ...distLengths.subarray(0, hdist)];
    const runs: number[] = []; // symbol, extra value
    for (let i = 0; i < all.length;) {
      const len = all[i]!;
      let run = 1;
      while (i + run < all.length && all[i + run] === len) run++;
      i += run;
      if (len === 0) {
        while (run >= 11) {
          const r = Math.min(run, 138);
          runs.push(18, r - 11);
          run -= r;
        }
        if (run >= 3) {
          runs.push(17, run - 3);
          run = 0;
        }
      } else {
        runs.push(len, 0);
        run--;
        while (run >= 3) {
          const r = Math.min(run, 6);
          runs.push(16, r - 3);
          run -= r;
        }
      }
      for (; run > 0; run--) runs.push(len, 0);
    }
    const clFreq = new Int32Array(19);
    for (let i = 0; i < runs.length; i += 2) clFreq[runs[i]!]!++;
    const clLengths = codeLengths(clFreq, 7);
    const clCodes = canonicalCodes(clLengths);
    let hclen = 19;
    while (hclen > 4 && clLengths[CODE_LENGTH_ORDER[hclen - 1]!] === 0) hclen--;

    this.put(last ? 0b101 : 0b100, 3); // last or not, then 10: dynamic codes
    this.put(hlit - 257, 5);
    this.put(hdist - 1, 5);
    this.put(hclen - 4, 4);
    for (let i = 0; i < hclen; i++) this.put(clLengths[CODE_LENGTH_ORDER[i]!]!, 3);
    for (let i = 0; i < runs.length; i += 2) {
      const s = runs[i]!;
      this.put(clCodes[s]!, clLengths[s]!);
      if (s >= 16) this.put(runs[i + 1]!, s === 16 ? 2 : s === 17 ? 3 : 7);
    }
  }
}
