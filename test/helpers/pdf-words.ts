// The words of a PDF with their boxes (pdftotext -bbox), for print checks on LibreOffice PDFs.
import { spawnSync } from "node:child_process";

export interface Word {
  readonly page: number;
  readonly text: string;
  /** Points. */
  readonly width: number;
  readonly height: number;
}

/** Every word of the PDF with its box. Needs poppler-utils. */
export function words(pdf: string): Word[] {
  const run = spawnSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 1024 * 1024 * 1024 });
  if (run.error !== undefined || run.status !== 0)
    throw new Error(`pdftotext failed (apt-get install -y poppler-utils): ${run.error?.message ?? run.stderr}`);
  const out: Word[] = [];
  let page = 0;
  for (const line of run.stdout.split("\n")) {
    if (line.includes("<page ")) page++;
    const m = /xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) out.push({ page, text: m[5]!, width: Number(m[3]) - Number(m[1]), height: Number(m[4]) - Number(m[2]) });
  }
  return out;
}

/**
 * The printed size of Chinese text: a CJK character advances exactly one em, so a word of n
 * such characters is n × its size wide (rotated axis titles, taller than wide, are left out).
 */
export const cjkSize = (w: Word) => w.width / [...w.text].length;
export const isCjkWord = (w: Word) => /^[\u4e00-\u9fff]+$/u.test(w.text) && w.height < 1.6 * cjkSize(w);
