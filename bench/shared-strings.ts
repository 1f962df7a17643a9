import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

/*
 * Excel saves every text cell as an index into one shared-string table (xl/sharedStrings.xml);
 * our own writer writes inline strings. This moves every inline string of a workbook our
 * writer made into such a table, as Excel would save the same workbook, so that the benchmark
 * measures what users' files hold. (test/io/hostile/forge.ts builds the same for the tests.)
 */
const INLINE = /t="inlineStr"><is><t(?: xml:space="preserve")?>([^<]*)<\/t><\/is>/g;
const SST_REL = `<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`;
const SST_TYPE = `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`;

export function withSharedStrings(xlsx: Uint8Array): { bytes: Uint8Array; strings: number; cells: number } {
  const parts = unzipSync(xlsx);
  const table = new Map<string, number>();
  let cells = 0;
  for (const name of Object.keys(parts)) {
    if (!name.startsWith("xl/worksheets/")) continue;
    const xml = strFromU8(parts[name]!).replace(INLINE, (_, escaped: string) => {
      cells++;
      let index = table.get(escaped);
      if (index === undefined) table.set(escaped, (index = table.size));
      return `t="s"><v>${index}</v>`;
    });
    parts[name] = strToU8(xml);
  }
  const si = [...table.keys()].map((t) => `<si><t xml:space="preserve">${t}</t></si>`).join("");
  parts["xl/sharedStrings.xml"] = strToU8(
    `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${cells}" uniqueCount="${table.size}">${si}</sst>`,
  );
  const edit = (name: string, from: string, to: string) => (parts[name] = strToU8(strFromU8(parts[name]!).replace(from, to)));
  edit("xl/_rels/workbook.xml.rels", "</Relationships>", `${SST_REL}</Relationships>`);
  edit("[Content_Types].xml", "</Types>", `${SST_TYPE}</Types>`);
  return { bytes: zipSync(parts, { level: 6 }), strings: table.size, cells }; // Excel deflates at about level 6
}
