/**
 * Whether a character may be white space to `\s` and String.prototype.trim, by code: every
 * character they match, and U+0085, which neither does. Callers use it to skip work (a trim, a
 * writer's check for `xml:space`) where the answer is surely no, so one more yes costs nothing.
 */
export function maybeSpace(c: number): boolean {
  return c <= 0x20
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c === 0xa0 ||
        c === 0x3000 ||
        c === 0xfeff ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x85;
}
