import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync, strFromU8, strToU8, unzipSync } from "fflate";
import { sampleQuarter, sampleQuarterSheets } from "../../../src/demo/sample-quarter.js";
import { createWorkbook } from "../../../src/io/xlsx/writer.js";
import { runCli } from "../../helpers/cli.js";
import type { MadeText } from "../../../src/io/xlsx/made-text.js";

/*
 * Hostile and damaged .xlsx files, built in the tests from the project's own sample quarter.
 * The zip writer here is written apart from src/io/xlsx (its own CRC, its own headers), so
 * that a mistake there is not repeated here; it can lie about sizes and checksums, repeat
 * names, use data descriptors and ZIP64 records, as producers and attackers do.
 */

export const bytes = strToU8;
export const text = strFromU8;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ForgedEntry {
  readonly name: string;
  /** The inflated content (ignored when `compressed` is given). */
  readonly data?: Uint8Array;
  /** 0 stored, 8 deflated (default), anything else as given. */
  readonly method?: number;
  /** Compressed bytes as they go into the archive, instead of deflating `data`. */
  readonly compressed?: Uint8Array;
  /** CRC as declared (default: the real one of `data`). */
  readonly crc?: number;
  /** Inflated size as declared (default: the real one). */
  readonly size?: number;
  /** Sizes and CRC in a data descriptor after the data, zeros in the local header (streaming writers). */
  readonly dataDescriptor?: boolean;
  /** Point this central-directory entry at the local entry of an earlier one (overlapping entries). */
  readonly sameDataAs?: string;
}

export interface ForgeOptions {
  /** ZIP64 end records and extra fields, as some libraries always write. */
  readonly zip64?: boolean;
}

class Out {
  readonly chunks: Uint8Array[] = [];
  length = 0;
  put(...parts: (Uint8Array | number[])[]): void {
    for (const p of parts) {
      const b = p instanceof Uint8Array ? p : new Uint8Array(p);
      this.chunks.push(b);
      this.length += b.length;
    }
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

const le = (v: number, n: number): number[] => Array.from({ length: n }, (_, i) => Math.floor(v / 2 ** (8 * i)) % 256);

export function forgeZip(entries: readonly ForgedEntry[], options: ForgeOptions = {}): Uint8Array {
  const out = new Out();
  const central = new Out();
  const offsets = new Map<string, number>();
  for (const e of entries) {
    const name = strToU8(e.name);
    const data = e.data ?? new Uint8Array();
    const method = e.method ?? 8;
    const compressed = e.compressed ?? (method === 8 ? deflateSync(data, { level: 1 }) : data);
    const crc = e.crc ?? crc32(data);
    const size = e.size ?? data.length;
    const flags = e.dataDescriptor ? 0x0008 : 0;
    let offset = out.length;
    if (e.sameDataAs !== undefined) {
      offset = offsets.get(e.sameDataAs)!;
    } else {
      offsets.set(e.name, offset);
      const extra = options.zip64 ? [...le(1, 2), ...le(16, 2), ...le(size, 8), ...le(compressed.length, 8)] : [];
      const sizes = e.dataDescriptor
        ? [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        : options.zip64
          ? [...le(crc, 4), ...le(0xffffffff, 4), ...le(0xffffffff, 4)]
          : [...le(crc, 4), ...le(compressed.length, 4), ...le(size, 4)];
      out.put(
        le(0x04034b50, 4),
        le(45, 2),
        le(flags, 2),
        le(method, 2),
        le(0, 2),
        le(0x21, 2),
        sizes,
        le(name.length, 2),
        le(extra.length, 2),
        name,
        extra,
        compressed,
      );
      if (e.dataDescriptor) out.put(le(0x08074b50, 4), le(crc, 4), le(compressed.length, 4), le(size, 4));
    }
    const extra = options.zip64 ? [...le(1, 2), ...le(24, 2), ...le(size, 8), ...le(compressed.length, 8), ...le(offset, 8)] : [];
    const wide = options.zip64 ? 0xffffffff : undefined;
    central.put(
      le(0x02014b50, 4),
      le(45, 2),
      le(45, 2),
      le(flags, 2),
      le(method, 2),
      le(0, 2),
      le(0x21, 2),
      le(crc, 4),
      le(wide ?? compressed.length, 4),
      le(wide ?? size, 4),
      le(name.length, 2),
      le(extra.length, 2),
      le(0, 2),
      le(0, 2),
      le(0, 2),
      le(0, 4),
      le(wide ?? offset, 4),
      name,
      extra,
    );
  }
  const directoryStart = out.length;
  out.put(...central.chunks);
  const directorySize = out.length - directoryStart;
  const count = entries.length;
  if (options.zip64) {
    const record = out.length;
    out.put(
      le(0x06064b50, 4),
      le(44, 8),
      le(45, 2),
      le(45, 2),
      le(0, 4),
      le(0, 4),
      le(count, 8),
      le(count, 8),
      le(directorySize, 8),
      le(directoryStart, 8),
    );
    out.put(le(0x07064b50, 4), le(0, 4), le(record, 8), le(1, 4));
    out.put(le(0x06054b50, 4), le(0, 4), le(0xffff, 2), le(0xffff, 2), le(0xffffffff, 4), le(0xffffffff, 4), le(0, 2));
  } else {
    out.put(le(0x06054b50, 4), le(0, 4), le(count, 2), le(count, 2), le(directorySize, 4), le(directoryStart, 4), le(0, 2));
  }
  return out.bytes();
}

export interface RawEntry {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  /** The compressed bytes as stored in the archive. */
  readonly compressed: Uint8Array;
}

/** The archive's entries as its central directory lists them, without inflating anything. */
export function rawEntries(zip: Uint8Array): RawEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const u64 = (at: number) => view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
  let eocd = zip.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (at === 0xffffffff || count === 0xffff) {
    const record = u64(eocd - 20 + 8);
    count = u64(record + 32);
    at = u64(record + 48);
  }
  const entries: RawEntry[] = [];
  for (let i = 0; i < count; i++) {
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    let local = view.getUint32(at + 42, true);
    // ZIP64 extra field: the 64-bit values of the fields set to all ones, in this order.
    for (let x = at + 46 + nameLength; x < at + 46 + nameLength + extra; x += 4 + view.getUint16(x + 2, true)) {
      if (view.getUint16(x, true) !== 1) continue;
      let field = x + 4;
      const next = () => ((field += 8), u64(field - 8));
      if (size === 0xffffffff) size = next();
      if (compressedSize === 0xffffffff) compressedSize = next();
      if (local === 0xffffffff) local = next();
    }
    const name = strFromU8(zip.subarray(at + 46, at + 46 + nameLength));
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    entries.push({ name, method, crc, size, compressed: zip.subarray(dataStart, dataStart + compressedSize) });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** Writes deflate bits: header fields least significant bit first, Huffman codes most significant first. */
class BitWriter {
  readonly bytes: Uint8Array;
  private bit = 0;
  constructor(bits: number) {
    this.bytes = new Uint8Array(Math.ceil(bits / 8) + 1);
  }
  put(value: number, count: number): void {
    for (let i = 0; i < count; i++, this.bit++) if ((value >> i) & 1) this.bytes[this.bit >> 3]! |= 1 << (this.bit & 7);
  }
  code(value: number, count: number): void {
    for (let i = count - 1; i >= 0; i--, this.bit++) if ((value >> i) & 1) this.bytes[this.bit >> 3]! |= 1 << (this.bit & 7);
  }
}

/**
 * A raw deflate stream of `n` zero bytes, built directly (one fixed-Huffman block: a literal,
 * then matches of 258 bytes at distance 1, 13 bits each): a gibibyte is a few megabytes, made
 * in milliseconds.
 */
export function deflatedZeros(n: number): Uint8Array {
  const matches = Math.floor((n - 1) / 258);
  const tail = n - 1 - matches * 258;
  const w = new BitWriter(3 + 8 + matches * 13 + tail * 8 + 7);
  w.put(1, 1); // BFINAL
  w.put(1, 2); // fixed Huffman
  w.code(0x30, 8); // literal 0
  for (let i = 0; i < matches; i++) {
    w.code(0xc5, 8); // length 258
    w.code(0, 5); // distance 1
  }
  for (let i = 0; i < tail; i++) w.code(0x30, 8);
  w.code(0, 7); // end of block
  return w.bytes;
}

/**
 * The densest deflate stream of `n` zero bytes (the 1032:1 of real zip bombs): one dynamic
 * block whose codes are a bit each for "length 258" and "distance 1", so 2 bits per 258 bytes;
 * a gibibyte fits in just under a mebibyte.
 */
export function densestZeros(n: number): Uint8Array {
  const matches = Math.floor((n - 1) / 258);
  const tail = n - 1 - matches * 258;
  const w = new BitWriter(200 + matches * 2 + tail * 2);
  w.put(1, 1); // BFINAL
  w.put(2, 2); // dynamic Huffman
  w.put(286 - 257, 5); // HLIT: literal/length codes 0…285
  w.put(0, 5); // HDIST: one distance code
  w.put(18 - 4, 4); // HCLEN: code length codes up to the 18th in the order below
  // Code-length code lengths in the format's order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1:
  // 18 (a run of zeros) gets 1 bit, 1 and 2 get 2 bits (codes: 18 → 0, 1 → 10, 2 → 11).
  for (const length of [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2]) w.put(length, 3);
  const zeros = (count: number) => {
    for (; count > 0; count -= Math.min(count, 138)) {
      w.code(0, 1); // 18: repeat a zero length 11…138 times
      w.put(Math.min(count, 138) - 11, 7);
    }
  };
  // Literal/length code lengths: 0 → 2 bits, 256 (end) → 2 bits, 285 (length 258) → 1 bit; then distance 0 → 1 bit.
  w.code(3, 2); // length 2 (code-length symbol 2)
  zeros(255);
  w.code(3, 2); // 256: length 2
  zeros(28);
  w.code(2, 2); // 285: length 1 (code-length symbol 1)
  w.code(2, 2); // distance 0: length 1
  // Codes: 285 → 0, literal 0 → 10, end of block → 11; distance 0 → 0.
  w.code(2, 2); // literal 0
  for (let i = 0; i < matches; i++) w.code(0, 2); // length 258, distance 1
  for (let i = 0; i < tail; i++) w.code(2, 2);
  w.code(3, 2); // end of block
  return w.bytes;
}

// Our writer's inline strings, moved to a shared-string table by withSharedStrings.
const INLINE = /t="inlineStr"><is><t(?: xml:space="preserve")?>([^<]*)<\/t><\/is>/g;
const SST_REL = `<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`;
const SST_TYPE = `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`;

/** The same workbook with every inline string moved to a shared-string table, as Excel saves it. */
export function withSharedStrings(xlsx: Uint8Array): { bytes: Uint8Array; strings: number; cells: number } {
  const parts = new Map(Object.entries(unzipSync(xlsx)));
  const table = new Map<string, number>();
  let cells = 0;
  for (const [name, data] of parts) {
    if (!name.startsWith("xl/worksheets/")) continue;
    const xml = text(data).replace(INLINE, (_, escaped: string) => {
      cells++;
      if (!table.has(escaped)) table.set(escaped, table.size);
      return `t="s"><v>${table.get(escaped)}</v>`;
    });
    parts.set(name, strToU8(xml));
  }
  const si = [...table.keys()].map((t) => `<si><t xml:space="preserve">${t}</t></si>`).join("");
  parts.set(
    "xl/sharedStrings.xml",
    strToU8(
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${cells}" uniqueCount="${table.size}">${si}</sst>`,
    ),
  );
  const edit = (name: string, from: string, to: string) => parts.set(name, strToU8(text(parts.get(name)!).replace(from, to)));
  edit("xl/_rels/workbook.xml.rels", "</Relationships>", `${SST_REL}</Relationships>`);
  edit("[Content_Types].xml", "</Types>", `${SST_TYPE}</Types>`);
  return { bytes: forgeZip([...parts].map(([name, data]) => ({ name, data }))), strings: table.size, cells };
}

/** The parts of a small sample-quarter workbook, as the project's writer makes it. */
export function sampleParts(branches = 12): Map<string, Uint8Array> {
  const quarter = sampleQuarter({ branches, disputeShare: 0 });
  return new Map(Object.entries(unzipSync(createWorkbook(sampleQuarterSheets(quarter)))));
}

/** The part of a sheet, by its name in workbook.xml (our writer's layout: rId n → sheet n). */
export function sheetPart(parts: ReadonlyMap<string, Uint8Array>, sheet: string): string {
  const workbook = text(parts.get("xl/workbook.xml")!);
  const rels = text(parts.get("xl/_rels/workbook.xml.rels")!);
  const relId = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(workbook)![1]!;
  const target = new RegExp(`<Relationship Id="${relId}" [^>]*Target="([^"]+)"`).exec(rels)![1]!;
  return `xl/${target}`;
}

export const entriesOf = (
  parts: ReadonlyMap<string, Uint8Array>,
  change: (e: ForgedEntry) => ForgedEntry | ForgedEntry[] = (e) => e,
): ForgedEntry[] => [...parts].flatMap(([name, data]) => change({ name, data }));

/**
 * The parts' entries with a shared-string table related from workbook.xml.rels (its entry is
 * the caller's: `sst`), and, if `used`, the first inline text cell of `sheet` turned into a
 * reference to its first string, so that reading the sheet reads the table.
 */
export function withSharedStringTable(
  parts: ReadonlyMap<string, Uint8Array>,
  sheet: string,
  used: boolean,
  sst: ForgedEntry,
): ForgedEntry[] {
  const entries = entriesOf(parts, (e) => {
    if (e.name === sheet && used)
      return {
        ...e,
        data: bytes(text(e.data!).replace(/t="inlineStr"><is><t(?: xml:space="preserve")?>[^<]*<\/t><\/is>/, 't="s"><v>0</v>')),
      };
    if (e.name === "xl/_rels/workbook.xml.rels") {
      const rel = `<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`;
      return { ...e, data: bytes(text(e.data!).replace("</Relationships>", `${rel}</Relationships>`)) };
    }
    return e;
  });
  entries.push(sst);
  return entries;
}

export interface ScoreRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The JSON result (--json -), if one was printed. */
  readonly json: { status: string; issues: { code: string; severity: string; message: string }[] } | undefined;
  /** The written workbook, if any. */
  readonly output: Uint8Array | undefined;
  /** Whether the input file is byte for byte what was given. */
  readonly inputUnchanged: boolean;
}

/** `scorecard <command> in.xlsx --json -` (in-process) on these bytes in a fresh folder. */
export async function runOn(input: Uint8Array, command: "score" | "validate" = "score"): Promise<ScoreRun> {
  const dir = mkdtempSync(join(tmpdir(), "scorecard-hostile-"));
  const path = join(dir, "考核.xlsx");
  writeFileSync(path, input);
  const out = join(dir, "考核-评分结果.xlsx");
  const r = await runCli([command, path, "--json", "-"]);
  let json: ScoreRun["json"];
  try {
    json = JSON.parse(r.stdout) as ScoreRun["json"];
  } catch {
    json = undefined;
  }
  return {
    ...r,
    json,
    output: existsSync(out) ? new Uint8Array(readFileSync(out)) : undefined,
    inputUnchanged: Buffer.compare(readFileSync(path), input) === 0,
  };
}

/** The CPU time (all threads of this process) that `f` takes: a busy machine stretches wall time, not this. */
export async function cpuMs(f: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** No stack trace and no "unexpected error" text. */
export const STACK_TRACE = /at .*\.(ts|js):\d+|意外错误/;

/** Text given in pieces as a MadeText: each piece encoded only when the writer takes it. */
export function madeText(pieces: readonly string[]): MadeText {
  const encoder = new TextEncoder();
  let length = 0;
  function* chunks() {
    for (const piece of pieces) {
      length += piece.length;
      yield encoder.encode(piece);
    }
  }
  return {
    chunks: chunks(),
    minLength: 0,
    get length() {
      return length;
    },
  };
}
