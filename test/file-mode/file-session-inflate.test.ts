import { describe, expect, it } from "vitest";
import { createFileSession } from "../../addin/file-mode/file-session.js";
import { streamCompression } from "../../addin/file-mode/stream-compression.js";
import type { Compression } from "../../src/io/xlsx/compression.js";
import { withSharedStrings } from "../io/hostile/forge.js";
import { provisionalWorkbook } from "../helpers/sample-workbooks.js";

/*
 * The file session inflates the parts it reads with DecompressionStream (streamCompression's
 * inflateAsync): a workbook as Excel saves it (text as shared strings) scores exactly as when
 * fflate inflates it, down to the bytes of the download.
 */

const NOW = new Date(2026, 10, 21, 9, 0, 0);

async function scored(compression: Compression) {
  const session = createFileSession({ now: () => NOW, save: () => undefined, compression });
  await session.open("考核.xlsx", withSharedStrings(provisionalWorkbook()).bytes);
  const { result, issues } = await session.scoreAndRank(() => undefined);
  return { result, issues, download: session.state().download!.bytes };
}

describe("the file session reads through DecompressionStream", () => {
  it("with the same result and the same download as through fflate", async () => {
    expect(streamCompression.inflateAsync).toBeDefined(); // Node 20 has DecompressionStream("deflate-raw")
    const inflated: number[] = [];
    const counting: Compression = {
      deflate: (part) => streamCompression.deflate(part),
      inflateAsync: async (part) => {
        inflated.push(part.size);
        return streamCompression.inflateAsync!(part);
      },
    };
    const throughStream = await scored(counting);
    const throughFflate = await scored({ deflate: (part) => streamCompression.deflate(part) });
    // styles, shared strings and the sheets read, for opening and then for scoring
    expect(inflated.length).toBeGreaterThan(8);
    expect(throughStream.result).toEqual(throughFflate.result);
    expect(throughStream.issues).toEqual(throughFflate.issues);
    expect(Buffer.compare(throughStream.download, throughFflate.download)).toBe(0);
  });
});
