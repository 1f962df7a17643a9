import { makeStyles } from "@fluentui/react-components";
import type { RefObject } from "react";
import { XLSX_MIME } from "../file-mode/download.js";

const useStyles = makeStyles({ hidden: { display: "none" } });

export interface XlsxFileInputProps {
  /** The visible button opens the picker through this (inputRef.current.click()). */
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly label: string;
  readonly testId: string;
  readonly onFile: (file: File) => void;
  /** The picker's file types (default: .xlsx workbooks). */
  readonly accept?: string;
}

/** The browser's file picker for .xlsx workbooks, hidden behind a labelled button. */
export function XlsxFileInput({ inputRef, label, testId, onFile, accept = `.xlsx,${XLSX_MIME}` }: XlsxFileInputProps) {
  const styles = useStyles();
  return (
    <input
      ref={inputRef}
      className={styles.hidden}
      type="file"
      accept={accept}
      aria-label={label}
      data-testid={testId}
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = ""; // choosing the same file again still fires change
        if (file) onFile(file);
      }}
    />
  );
}
