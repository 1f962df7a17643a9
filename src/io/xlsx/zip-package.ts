import { unzipSync, zipSync, type Zippable } from "fflate";
import { WorkbookUnreadableError } from "../workbook.js";

/** A package's parts by zip entry name, in the archive's entry order. */
export type Parts = Map<string, Uint8Array>;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function unzipParts(bytes: Uint8Array): Parts {
  if (bytes.length === 0) throw new WorkbookUnreadableError("文件为空（0 字节），不是 Excel 工作簿。");
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) throw new WorkbookUnreadableError(oleReason(bytes));
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    throw new WorkbookUnreadableError("文件不是 Excel 工作簿（.xlsx）：无法作为 zip 压缩包打开，文件可能已损坏或格式不对。");
  }
  return new Map(Object.entries(entries));
}

/**
 * Password-protected .xlsx files are OLE compound documents holding an "EncryptedPackage"
 * stream; any other OLE file is a legacy binary workbook (.xls).
 */
function oleReason(bytes: Uint8Array): string {
  if (containsUtf16le(bytes, "EncryptedPackage")) {
    return "工作簿已加密（设置了打开密码），无法读取。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）并保存后再试。";
  }
  return "这是旧版 Excel 文件（.xls）或其他 Office 二进制文件，无法读取。请在 Excel 中另存为 .xlsx 格式后再试。";
}

/** Whether the bytes contain the text in UTF-16LE (OLE stream names); no Buffer, so it runs in the browser too. */
function containsUtf16le(bytes: Uint8Array, text: string): boolean {
  const needle = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) needle[2 * i] = text.charCodeAt(i);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export function zipParts(parts: Parts): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, data] of parts) zippable[name] = data;
  // A fixed timestamp keeps the output a function of the input alone; level 3 writes a
  // 5,000-branch result about a third faster than 6 for a file about a tenth larger.
  return zipSync(zippable, { level: 3, mtime: new Date(1980, 0, 1) });
}

/** OPC part names are case-insensitive; producers normally agree on case, so try exact first. */
export function findPart(parts: Parts, name: string): string | undefined {
  if (parts.has(name)) return name;
  const lower = name.toLowerCase();
  for (const key of parts.keys()) if (key.toLowerCase() === lower) return key;
  return undefined;
}

/** A relationship target (relative to its source part, or absolute from the package root) → part name. */
export function resolveTarget(sourcePart: string, target: string): string {
  let path = target;
  try {
    path = decodeURIComponent(target);
  } catch {
    // not percent-encoded after all: use as written
  }
  const segments = path.startsWith("/") ? [] : sourcePart.split("/").slice(0, -1);
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  return segments.join("/");
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}
