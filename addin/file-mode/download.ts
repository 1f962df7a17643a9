/** A workbook ready to be saved on the user's computer. */
export interface DownloadFile {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A blob: URL for the file (revoke it when it is no longer shown). Nothing leaves the page. */
export function blobUrl(file: DownloadFile): string {
  return URL.createObjectURL(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: XLSX_MIME }));
}

/** Saves the file through a temporary download link, as the browser's own download does. */
export function saveFile(file: DownloadFile): void {
  const url = blobUrl(file);
  const link = document.createElement("a");
  link.href = url;
  link.download = file.fileName;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `季度考核.xlsx` + `评分结果` → `季度考核-评分结果.xlsx` (as the CLI names its output). */
export function derivedName(original: string, suffix: string): string {
  const base = original.replace(/\.xlsx$/i, "");
  return `${base}-${suffix}.xlsx`;
}
