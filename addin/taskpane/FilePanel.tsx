import { Button, Caption1, Link, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { useEffect, useId, useMemo, useRef, useState, type DragEvent } from "react";
import { blobUrl } from "../file-mode/download.js";
import type { WorkbookDownload } from "../file-mode/file-operations.js";
import { useStrings } from "./strings.js";
import { XlsxFileInput } from "./XlsxFileInput.js";

const useStyles = makeStyles({
  drop: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalL,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    textAlign: "center",
  },
  dragging: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  download: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalS },
});

export interface FilePanelProps {
  /** The open workbook's name, or null. */
  readonly fileName: string | null;
  /** What can be downloaded now (a new object when the content changes). */
  readonly download: WorkbookDownload | null;
  /**
   * The last 一键评分排名 was fatal: its workbook holds only 校验报告 and 运行记录, so it is
   * offered as the report, never as 评分结果.
   */
  readonly reportOnly?: boolean;
  readonly disabled: boolean;
  readonly onOpen: (file: File) => void;
}

/** File mode: open or drop an .xlsx, see which one is open, download the result. */
export function FilePanel({ fileName, download, reportOnly = false, disabled, onOpen }: FilePanelProps) {
  const t = useStrings();
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const dropId = useId();
  const [dragging, setDragging] = useState(false);

  const choose = () => !disabled && input.current?.click();
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file && !disabled) onOpen(file);
  };

  const url = useMemo(() => (download ? blobUrl(download) : null), [download]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);

  return (
    <div>
      <div
        className={mergeClasses(styles.drop, dragging && styles.dragging)}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Text id={dropId}>{t("fileDrop")}</Text>
        <Button
          appearance={fileName ? "secondary" : "primary"}
          disabled={disabled}
          onClick={choose}
          aria-describedby={`${dropId} ${hintId}`}
        >
          {t("fileChoose")}
        </Button>
        <Caption1 id={hintId} aria-live="polite">
          {fileName ? t("fileCurrent", { name: fileName }) : t("fileNone")}
        </Caption1>
      </div>
      <XlsxFileInput inputRef={input} label={t("fileChoose")} testId="workbook-input" onFile={onOpen} />
      {download && url && (
        <div className={styles.download}>
          <Link href={url} download={download.fileName} data-testid="download-link">
            {t(download.kind === "imported" ? "downloadMerged" : reportOnly ? "downloadReport" : "downloadResult", {
              file: download.fileName,
            })}
          </Link>
          <Caption1>{t("downloadHint")}</Caption1>
        </div>
      )}
    </div>
  );
}
