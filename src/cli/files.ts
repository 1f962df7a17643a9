import { access, readFile, writeFile, mkdir } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { UsageError } from "./args.js";

/** Reads a workbook file; a missing or unreadable path is a usage problem, not a crash. */
export async function readInput(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UsageError(`找不到文件：${path}`);
    if (code === "EISDIR") throw new UsageError(`这是一个文件夹，不是工作簿文件：${path}`);
    throw new UsageError(`无法打开文件 ${path}（${code ?? String(e)}）`);
  }
}

export async function writeOutput(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(resolve(path)), { recursive: true });
  await writeFile(path, data);
}

/** `季度考核.xlsx` → `季度考核-评分结果.xlsx`, next to the input. */
export function defaultOutputPath(input: string): string {
  const ext = extname(input);
  return join(dirname(input), `${basename(input, ext)}-评分结果.xlsx`);
}

export function samePath(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}

/** Whether something is at this path (a file we must not overwrite). */
export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
