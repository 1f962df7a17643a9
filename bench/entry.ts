// What the benchmark measures, bundled by esbuild exactly as the CLI is (build/cli.js), so that
// the figures are those of the shipped code rather than of tsx's on-the-fly transform.
export { sampleQuarter, sampleQuarterSheets } from "../src/demo/sample-quarter.js";
export { assess } from "../src/engine/assess.js";
export { XlsxReader } from "../src/io/xlsx/reader.js";
export { createWorkbook, writeOutputSheets } from "../src/io/xlsx/writer.js";
export { runAssessment } from "../src/pipeline.js";
export { SheetSpecReader } from "../src/io/sheet-spec-reader.js";
export { validateWorkbook } from "../src/validate/validate-workbook.js";
export { INPUT_SHEETS, OUTPUT_SHEETS } from "../src/model/sheets.js";
export { readZipDirectory } from "../src/io/xlsx/zip-archive.js";
export { zlibCompression, zlibLevel } from "../src/cli/zlib-compression.js";
export { createFileSession } from "../addin/file-mode/file-session.js";
export { openWorkbook, assessOptions } from "../src/cli/node-platform.js";
export { OUTPUT_SHEET_COUNT } from "../src/report/sheets/output-sheets.js";
