import { WorkbookUnreadableError, type WorkbookReader } from "../io/workbook.js";

/** A reader whose unreadable-file error names the file (the command line has several). */
export function namedReader(reader: WorkbookReader, path: string): WorkbookReader {
  return {
    read: async (wanted, options) => {
      try {
        return await reader.read(wanted, options);
      } catch (e) {
        if (e instanceof WorkbookUnreadableError) throw e.of({ file: path });
        throw e;
      }
    },
  };
}
