import { attr, parseXml } from "./xml.js";

/** Built-in number formats that show a date or time, including the East Asian ones (27–36, 50–58). */
function isBuiltinDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * Whether a number format code shows a date or time: after dropping literals ("…", \x, the
 * padding/fill characters after _ and *), bracketed modifiers ([Red], [$-804], [DBNum1]; but
 * not the elapsed-time codes [h] [mm] [ss]), "General" and exponents (0.00E+00), any of the
 * date/time letters y m d h s e g remains.
 */
export function isDateFormatCode(code: string): boolean {
  let kept = "";
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      i = end < 0 ? code.length : end;
    } else if (ch === "\\" || ch === "_" || ch === "*") {
      i++;
    } else if (ch === "[") {
      const end = code.indexOf("]", i + 1);
      const inner = code.slice(i + 1, end < 0 ? code.length : end);
      if (/^(h+|m+|s+)$/i.test(inner)) kept += inner;
      i = end < 0 ? code.length : end;
    } else {
      kept += ch;
    }
  }
  return /[ymdhseg]/i.test(kept.replace(/general/gi, "").replace(/e[+-]/gi, ""));
}

/** For each cell format (cellXfs index, the `s` of a cell), whether it shows a date or time. */
export function readDateStyles(partName: string, xml: string): boolean[] {
  const customCodes = new Map<number, string>();
  const xfFormats: number[] = [];
  // Only these two lists count: dxfs (conditional formats) hold numFmt elements of their own.
  let list: string | undefined;
  parseXml(partName, xml, {
    open(name, a) {
      if (name === "numFmts" || name === "cellXfs") list = name;
      else if (name === "numFmt" && list === "numFmts") customCodes.set(Number(attr(a, "numFmtId")), attr(a, "formatCode") ?? "");
      else if (name === "xf" && list === "cellXfs") xfFormats.push(Number(attr(a, "numFmtId") ?? 0));
    },
    close(name) {
      if (name === list) list = undefined;
    },
  });
  return xfFormats.map((id) => {
    const code = customCodes.get(id);
    return code === undefined ? isBuiltinDateFormat(id) : isDateFormatCode(code);
  });
}
