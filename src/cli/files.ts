import * as nodeFs from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { basename, dirname, extname, join, resolve } from "node:path";
import { UserError, type FileRole } from "../model/failure.js";

/**
 * The file operations the CLI needs, injectable so that tests can play a file system that
 * folds letter case (Windows, macOS) or a file another program holds open (Windows).
 */
export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  stat(path: string, options: { bigint: true }): Promise<{ dev: bigint; ino: bigint; isDirectory(): boolean }>;
  realpath(path: string): Promise<string>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  /** Text given as a list of chunks is written one after the other (UTF-8). */
  writeFile(path: string, data: Uint8Array | string | readonly string[], options: { flag: "wx" }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: true }): Promise<void>;
}

export const NODE_FS: FileSystem = {
  readFile: (p) => nodeFs.readFile(p),
  stat: (p, o) => nodeFs.stat(p, o),
  realpath: (p) => nodeFs.realpath(p),
  mkdir: (p, o) => nodeFs.mkdir(p, o),
  writeFile: (p, d, o) => nodeFs.writeFile(p, d, o),
  rename: (a, b) => nodeFs.rename(a, b),
  rm: (p, o) => nodeFs.rm(p, o),
};

const errno = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;

/** Reads a workbook (or roster) file; a missing or unreadable path is the user's problem, not a crash. */
export async function readInput(path: string, fs: FileSystem = NODE_FS): Promise<Uint8Array> {
  try {
    return new Uint8Array(await fs.readFile(path));
  } catch (e) {
    const code = errno(e);
    if (code === "ENOENT" || code === "ENOTDIR") throw new UserError("FILE_NOT_FOUND", { path });
    if (code === "EISDIR") throw new UserError("FILE_IS_FOLDER", { path });
    if (code === undefined) throw e;
    throw new UserError("FILE_NOT_OPENED", { path, reason: code });
  }
}

/** A file an output must not be: the files the command reads. */
export interface InputFile {
  readonly path: string;
  readonly role: FileRole;
}

/**
 * Refuses an output path that would overwrite one of the inputs or is a folder: the input is
 * never written. Files are compared, not path strings: a symbolic or hard link to the input,
 * or a path that differs only in letter case on a file system that ignores case (Windows,
 * macOS), is the input.
 */
export async function checkOutputFile(output: string, inputs: readonly InputFile[], fs: FileSystem = NODE_FS): Promise<void> {
  if (/[\\/]$/.test(output)) throw new UserError("OUTPUT_IS_FOLDER", { path: output });
  const id = await identity(output, fs);
  if (id?.isDirectory()) throw new UserError("OUTPUT_IS_FOLDER", { path: output });
  for (const input of inputs) {
    if (await sameFile(output, input.path, fs)) throw new UserError("OUTPUT_IS_INPUT", { output, input: input.path, role: input.role });
  }
}

/** The demo's output folder: not an existing file. */
export async function checkOutputFolder(path: string, fs: FileSystem = NODE_FS): Promise<void> {
  const id = await identity(path, fs);
  if (id !== null && !id.isDirectory()) throw new UserError("OUTPUT_NOT_FOLDER", { path });
}

/** Whether the output path names an existing file or folder. */
export async function exists(path: string, fs: FileSystem = NODE_FS): Promise<boolean> {
  return (await identity(path, fs)) !== null;
}

/**
 * Whether two paths name the same existing file: same device and file number (which also
 * catches hard links, symbolic links and case-folded names), or where a file system reports
 * no file numbers, the same resolved path, compared as the platform compares names.
 */
export async function sameFile(a: string, b: string, fs: FileSystem = NODE_FS, platform: string = process.platform): Promise<boolean> {
  const [x, y] = await Promise.all([identity(a, fs), identity(b, fs)]);
  if (x === null || y === null) return false; // a path with no file cannot be the other file
  if (x.ino !== 0n && y.ino !== 0n) return x.dev === y.dev && x.ino === y.ino;
  const [ra, rb] = await Promise.all([fs.realpath(a), fs.realpath(b)]);
  const foldsCase = platform === "win32" || platform === "darwin";
  return foldsCase ? ra.toLowerCase() === rb.toLowerCase() : ra === rb;
}

async function identity(path: string, fs: FileSystem): Promise<{ dev: bigint; ino: bigint; isDirectory(): boolean } | null> {
  try {
    return await fs.stat(path, { bigint: true });
  } catch (e) {
    const code = errno(e);
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw new UserError("FILE_NOT_OPENED", { path, reason: code ?? String(e) });
  }
}

/**
 * Writes a file whole or not at all: into a temporary file beside it, then renamed over it,
 * so that a failure (disk full, the file open in Excel on Windows) never leaves a damaged
 * output; the temporary file is removed on failure. Errors become UserErrors saying what to do.
 */
export async function writeOutput(path: string, data: Uint8Array | string | readonly string[], fs: FileSystem = NODE_FS): Promise<void> {
  const target = resolve(path);
  const temp = join(dirname(target), `.scorecard-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  try {
    await fs.mkdir(dirname(target), { recursive: true });
    await fs.writeFile(temp, data, { flag: "wx" });
    await fs.rename(temp, target);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw writeFailure(path, e);
  }
}

function writeFailure(path: string, e: unknown): unknown {
  const code = errno(e);
  switch (code) {
    case undefined:
      return e;
    case "EBUSY":
    case "ETXTBSY":
    case "EPERM":
    case "EACCES":
      // Windows refuses to replace a file Excel or WPS holds open with EBUSY or EPERM.
      return new UserError("OUTPUT_LOCKED", { path });
    case "ENOSPC":
    case "EDQUOT":
      return new UserError("OUTPUT_DISK_FULL", { path });
    case "EISDIR":
      return new UserError("OUTPUT_IS_FOLDER", { path });
    default:
      return new UserError("OUTPUT_NOT_WRITTEN", { path, reason: code });
  }
}

/** `季度考核.xlsx` → `季度考核-评分结果.xlsx`, next to the input. */
export function defaultOutputPath(input: string): string {
  const ext = extname(input);
  return join(dirname(input), `${basename(input, ext)}-评分结果.xlsx`);
}
