import { Button, Caption1, Field, Input, makeStyles, Radio, RadioGroup, tokens } from "@fluentui/react-components";
import { useRef, useState } from "react";
import type { TemplateRoster } from "../operations.js";
import { useStrings } from "./strings.js";
import { XlsxFileInput } from "./XlsxFileInput.js";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  fileRow: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap", minWidth: 0 },
  fileName: { overflowWrap: "anywhere", minWidth: 0 },
});

/** Where the new template's branches come from, as chosen in the pane (the file not read yet). */
export type RosterSource = { readonly kind: "file"; readonly file: File } | { readonly kind: "workbook" } | { readonly kind: "example" };

export interface TemplateRequest {
  /** The period as typed (blank → null); the operation checks it. */
  readonly period: string | null;
  readonly source: RosterSource;
}

/** The operation's roster from the pane's choice (a chosen file is read here, in the page). */
export async function templateRoster(source: RosterSource): Promise<TemplateRoster> {
  if (source.kind !== "file") return source;
  return { kind: "file", fileName: source.file.name, bytes: new Uint8Array(await source.file.arrayBuffer()) };
}

/** What the roster file picker accepts: the formats rosterFromFile reads. */
const ROSTER_ACCEPT = ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv";

export interface TemplatePanelProps {
  readonly disabled: boolean;
  /** Excel regenerates the open workbook in place; the file mode downloads a regenerated copy. */
  readonly mode: "excel" | "file";
  /** Whether there is a workbook whose 支部名册 can be used (file mode: one is open). */
  readonly workbookOpen: boolean;
  readonly onCreate: (request: TemplateRequest) => void;
  /** Tells the user what is missing (no roster file chosen) through the page's error bar. */
  readonly onMissingFile: () => void;
}

type Choice = RosterSource["kind"];

/**
 * 新建考核模板: the roster (a chosen .xlsx/.csv file, the open workbook's own 支部名册 to
 * regenerate the grids keeping every typed score, or example branches) and the period.
 */
export function TemplatePanel({ disabled, mode, workbookOpen, onCreate, onMissingFile }: TemplatePanelProps) {
  const t = useStrings();
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [choice, setChoice] = useState<Choice>("file");
  const [file, setFile] = useState<File | null>(null);
  const [period, setPeriod] = useState("");
  // A workbook closed in the page since it was chosen: fall back to the file choice rather than fail.
  const chosen: Choice = choice === "workbook" && !workbookOpen ? "file" : choice;

  const submit = () => {
    const p = period.trim() === "" ? null : period.trim();
    if (chosen === "file") {
      if (!file) return onMissingFile();
      return onCreate({ period: p, source: { kind: "file", file } });
    }
    onCreate({ period: p, source: { kind: chosen } });
  };

  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Field label={t("templateRosterLabel")}>
        <RadioGroup value={chosen} onChange={(_, d) => setChoice(d.value as Choice)} data-testid="template-roster">
          <Radio value="file" label={t("templateFromFile")} />
          <Radio value="workbook" label={t("templateFromWorkbook")} disabled={!workbookOpen} />
          <Radio value="example" label={t("templateFromExample")} />
        </RadioGroup>
      </Field>
      {chosen === "file" && (
        <>
          <div className={styles.fileRow}>
            <Button disabled={disabled} onClick={() => input.current?.click()}>
              {t("rosterChoose")}
            </Button>
            <Caption1 className={styles.fileName} aria-live="polite" data-testid="roster-file-name">
              {file ? file.name : t("rosterNoFile")}
            </Caption1>
          </div>
          <XlsxFileInput inputRef={input} label={t("rosterChoose")} testId="roster-input" accept={ROSTER_ACCEPT} onFile={setFile} />
          <Caption1>{t("templateFromFileHint")}</Caption1>
        </>
      )}
      {chosen === "workbook" && (
        <Caption1>{t(mode === "excel" ? "templateFromWorkbookHintExcel" : "templateFromWorkbookHintFile")}</Caption1>
      )}
      {!workbookOpen && <Caption1>{t("templateFromWorkbookNeedsFile")}</Caption1>}
      <Field label={t("periodLabel")} hint={chosen === "workbook" ? t("periodKeepHint") : undefined}>
        <Input value={period} onChange={(_, d) => setPeriod(d.value)} placeholder="2026Q3" />
      </Field>
      <Button type="submit" disabled={disabled} title={t("newTemplateHint")}>
        {t("newTemplate")}
      </Button>
    </form>
  );
}
