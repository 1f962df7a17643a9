import { BASE_STYLES } from "./output-styles.js";
import { REL_NS } from "./relationships.js";
import { encodeXml } from "./xml.js";

const DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

/**
 * The parts of a valid workbook with no sheet yet; the writer adds the sheets. No timestamps
 * (they are optional): the same sheets always give the same bytes.
 */
export function emptyWorkbookParts(): Map<string, Uint8Array> {
  const parts: [string, string][] = [
    [
      "[Content_Types].xml",
      `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
        `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
        `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
        `</Types>`,
    ],
    [
      "_rels/.rels",
      `${DECL}<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
        `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>` +
        `</Relationships>`,
    ],
    [
      "docProps/app.xml",
      `${DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Branch Scorecard</Application></Properties>`,
    ],
    [
      "docProps/core.xml",
      `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
        `xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Branch Scorecard</dc:creator></cp:coreProperties>`,
    ],
    [
      "xl/workbook.xml",
      `${DECL}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL_NS}">` +
        `<workbookPr/><bookViews><workbookView/></bookViews><sheets/></workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      `${DECL}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    ],
    ["xl/styles.xml", BASE_STYLES],
  ];
  return new Map(parts.map(([name, xml]) => [name, encodeXml(xml)]));
}
