/** Words people type into the workbook's cells (workbook.md): the same whatever the UI language. */
export const WORDS = { yes: "是", no: "否", notApplicable: "不适用" } as const;
