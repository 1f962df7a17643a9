import { Button, Caption1, Field, makeStyles, Select, tokens } from "@fluentui/react-components";
import { useRef, useState } from "react";
import { GRID_SHEETS, type GridSheet } from "../../src/model/sheets.js";
import type { MergeSummary } from "../operations.js";
import { useStrings } from "./strings.js";
import { XlsxFileInput } from "./XlsxFileInput.js";

/** The grid a rater's file fills; null: detected from what is filled. */
export type ImportTarget = GridSheet | null;
const AUTO = "auto";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  fileRow: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export interface ImportPanelProps {
  readonly disabled: boolean;
  readonly onImport: (file: File, as: ImportTarget) => void;
  /** Tells the user what is missing (no file chosen) through the page's error bar. */
  readonly onMissingFile: () => void;
}

/** 导入评分表: choose the rater's workbook and which grid it fills (or let it be detected). */
export function ImportPanel({ disabled, onImport, onMissingFile }: ImportPanelProps) {
  const t = useStrings();
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [as, setAs] = useState<string>(AUTO);
  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        if (!file) return onMissingFile();
        onImport(file, as === AUTO ? null : (as as ImportTarget));
      }}
    >
      <Field label={t("importFile")}>
        <div className={styles.fileRow}>
          <Button disabled={disabled} onClick={() => input.current?.click()}>
            {t("importChoose")}
          </Button>
          <Caption1 aria-live="polite">{file ? file.name : t("importNoFile")}</Caption1>
        </div>
      </Field>
      <XlsxFileInput inputRef={input} label={t("importFile")} testId="import-input" onFile={setFile} />
      <Field label={t("importAs")}>
        <Select value={as} onChange={(_, d) => setAs(d.value)}>
          <option value={AUTO}>{t("importAuto")}</option>
          {GRID_SHEETS.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" disabled={disabled}>
        {t("importButton")}
      </Button>
    </form>
  );
}

/** What 导入评分表 did: cells copied, conflicts left alone, codes the workbook does not know. */
export function MergeSummaryView({ summary }: { readonly summary: MergeSummary }) {
  const t = useStrings();
  const styles = useStyles();
  const SHOWN = 20;
  return (
    <div>
      <div>{t("importDone", { sheet: summary.sheet, copied: summary.copied })}</div>
      {summary.conflicts.length > 0 && (
        <>
          <div>{t("importConflicts", { n: summary.conflicts.length })}</div>
          <ul className={styles.list}>
            {summary.conflicts.slice(0, SHOWN).map((c) => (
              <li key={c.cell}>
                {t("importConflict", { cell: c.cell, branch: c.branch, item: c.item, target: c.target, incoming: c.incoming })}
              </li>
            ))}
          </ul>
          {summary.conflicts.length > SHOWN && <div>{t("importMore", { n: summary.conflicts.length - SHOWN })}</div>}
        </>
      )}
      {summary.unknownBranches.length > 0 && <div>{t("importUnknownBranches", { list: summary.unknownBranches.join("、") })}</div>}
      {summary.unknownItems.length > 0 && <div>{t("importUnknownItems", { list: summary.unknownItems.join("、") })}</div>}
    </div>
  );
}
