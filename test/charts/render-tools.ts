import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireFullTestRun } from "../helpers/full-tests.js";

/* Poppler for the chart rendering tests: PDF pages as PNG files (for people) and as plain pixel arrays (for assertions). */

export function requirePdftoppm(): void {
  requireFullTestRun("poppler (pdftoppm)");
  const run = spawnSync("pdftoppm", ["-v"], { encoding: "utf8" });
  if (run.error !== undefined)
    throw new Error(`pdftoppm is needed to rasterise the PDF: apt-get install -y poppler-utils (${run.error.message})`);
}

export function pdfPageCount(pdf: string): number {
  const run = spawnSync("pdfinfo", [pdf], { encoding: "utf8" });
  const m = /^Pages:\s+(\d+)/m.exec(run.stdout ?? "");
  if (!m) throw new Error(`pdfinfo could not read ${pdf}: ${run.error?.message ?? run.stderr}`);
  return Number(m[1]);
}

/** Page 1 of a PDF as a PNG file at `dpi`: `<prefix>.png`. */
export function pdfPageToPng(pdf: string, prefix: string, dpi: number): string {
  const run = spawnSync("pdftoppm", ["-r", String(dpi), "-f", "1", "-l", "1", "-singlefile", "-png", pdf, prefix], { encoding: "utf8" });
  if (run.error !== undefined || run.status !== 0) throw new Error(`pdftoppm failed: ${run.error?.message ?? run.stderr}`);
  return `${prefix}.png`;
}

export interface Raster {
  readonly width: number;
  readonly height: number;
  /** RGB, row-major, 3 bytes a pixel. */
  readonly rgb: Uint8Array;
}

/** Page 1 of a PDF rasterised at `dpi` (pdftoppm's binary PPM, read here). */
export function pdfPageRaster(pdf: string, dpi: number): Raster {
  const dir = mkdtempSync(join(tmpdir(), "raster-"));
  try {
    const prefix = join(dir, "page");
    const run = spawnSync("pdftoppm", ["-r", String(dpi), "-f", "1", "-l", "1", "-singlefile", pdf, prefix], { encoding: "utf8" });
    if (run.error !== undefined || run.status !== 0) throw new Error(`pdftoppm failed: ${run.error?.message ?? run.stderr}`);
    return readPpm(readFileSync(`${prefix}.ppm`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readPpm(bytes: Buffer): Raster {
  // "P6" width height maxval, separated by whitespace, then one whitespace byte and the pixels.
  const fields: string[] = [];
  let pos = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[pos]!))) pos++;
    const start = pos;
    while (!/\s/.test(String.fromCharCode(bytes[pos]!))) pos++;
    fields.push(bytes.subarray(start, pos).toString("latin1"));
  }
  pos++;
  const [magic, w, h, max] = fields;
  if (magic !== "P6" || max !== "255") throw new Error(`unexpected PPM header ${fields.join(" ")}`);
  const width = Number(w);
  const height = Number(h);
  return { width, height, rgb: new Uint8Array(bytes.buffer, bytes.byteOffset + pos, width * height * 3) };
}

/** Pixels within `tolerance` (per channel) of the colour "RRGGBB", as [x, y] pairs. */
export function pixelsNear(raster: Raster, hex: string, tolerance: number): [number, number][] {
  const r = parseInt(hex.slice(0, 2), 16);
  const g = parseInt(hex.slice(2, 4), 16);
  const b = parseInt(hex.slice(4, 6), 16);
  const out: [number, number][] = [];
  const { rgb, width } = raster;
  for (let i = 0, p = 0; i < rgb.length; i += 3, p++) {
    if (Math.abs(rgb[i]! - r) <= tolerance && Math.abs(rgb[i + 1]! - g) <= tolerance && Math.abs(rgb[i + 2]! - b) <= tolerance) {
      out.push([p % width, Math.floor(p / width)]);
    }
  }
  return out;
}
