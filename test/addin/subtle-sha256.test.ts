import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { platformSha256, SubtleSha256 } from "../../addin/subtle-sha256.js";
import { Sha256 } from "../../src/report/sha256.js";

// Any UTF-16 code unit (lone surrogates included), with surrogate halves and CJK often.
const codeUnit = fc.oneof(
  fc.constantFrom("\ud83d", "\ude00", "支"),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
);
const pure = (pieces: readonly string[]) => {
  const hash = new Sha256();
  for (const p of pieces) hash.updateText(p);
  return hash.hex();
};
const subtle = async (pieces: readonly string[]) => {
  const hash = new SubtleSha256(globalThis.crypto.subtle);
  for (const p of pieces) hash.updateText(p);
  return await hash.hex();
};

describe("SubtleSha256 (the file mode's fingerprints)", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("gives the pure SHA-256's digests, text in any pieces (lone surrogates and split pairs as U+FFFD in both)", async () => {
    expect(await subtle([])).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(await subtle(["a", "", "bc"])).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: codeUnit, maxLength: 200 })), async (pieces) => {
        expect(await subtle(pieces)).toBe(pure(pieces));
      }),
      { numRuns: 200 },
    );
  });

  it("grows past its first buffer: a megabyte of text in pieces of every size", async () => {
    const pieces = Array.from({ length: 300 }, (_, i) => "考核".repeat(i * 7) + String(i));
    pieces.push("x".repeat(1 << 20));
    expect(await subtle(pieces)).toBe(pure(pieces));
  });

  it("is the platform's where the page has SubtleCrypto, the pure one where not (plain http on an intranet)", () => {
    expect(platformSha256()()).toBeInstanceOf(SubtleSha256);
    vi.stubGlobal("crypto", undefined);
    expect(platformSha256()()).toBeInstanceOf(Sha256);
  });
});
