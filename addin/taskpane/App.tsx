import {
  Button,
  Caption1,
  Divider,
  Field,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Title3,
  tokens,
  typographyStyles,
  webLightTheme,
} from "@fluentui/react-components";
import { Component, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { UserError } from "../../src/model/failure.js";
import { failureText } from "../../src/model/failure-messages.js";
import type { Result } from "../../src/model/result.js";
import type { OverlongText } from "../../src/report/excel-limits.js";
import type { SkippedFeature } from "../excel/requirements.js";
import type { WorkbookFile } from "../file-mode/file-operations.js";
import type { MergeSummary, TaskPaneOperations } from "../operations.js";
import { FilePanel } from "./FilePanel.js";
import { ImportPanel, MergeSummaryView, type ImportTarget } from "./ImportPanel.js";
import { IssueList } from "./IssueList.js";
import { RankingTable } from "./RankingTable.js";
import { ResultSummary } from "./ResultSummary.js";
import { LanguageContext, useStrings, type Language, type LanguagePreference, type StringId } from "./strings.js";
import { TemplatePanel } from "./TemplatePanel.js";
import { describeFailure, useTask, type Failure } from "./useTask.js";

const useStyles = makeStyles({
  page: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    maxWidth: "720px",
    boxSizing: "border-box",
  },
  header: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  title: { margin: 0 },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { ...typographyStyles.subtitle2, margin: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** Fluent theme, UI language and the page frame: header with the language switch. */
export function Shell({ language, onLanguage, children }: { language: Language; onLanguage: (l: Language) => void; children: ReactNode }) {
  const styles = useStyles();
  useEffect(() => {
    document.documentElement.lang = language === "zh" ? "zh-CN" : "en";
  }, [language]);
  return (
    <FluentProvider theme={webLightTheme}>
      <LanguageContext.Provider value={language}>
        <main className={styles.page}>
          <Header language={language} onLanguage={onLanguage} />
          <RenderGuard>{children}</RenderGuard>
        </main>
      </LanguageContext.Provider>
    </FluentProvider>
  );
}

/** A rendering bug shows as an error message, never as a blank pane. */
class RenderGuard extends Component<{ children: ReactNode }, { failure: Failure | null }> {
  override state: { failure: Failure | null } = { failure: null };
  static getDerivedStateFromError(e: unknown) {
    return { failure: { ...describeFailure(e), unexpected: true } };
  }
  override render() {
    return this.state.failure ? <FailureBar failure={this.state.failure} /> : this.props.children;
  }
}

function Header({ language, onLanguage }: { language: Language; onLanguage: (l: Language) => void }) {
  const t = useStrings();
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <Title3 as="h1" className={styles.title}>
        {t("appTitle")}
      </Title3>
      <Button size="small" appearance="subtle" aria-label={t("switchLanguageLabel")} onClick={() => onLanguage(language === "zh" ? "en" : "zh")}>
        {t("switchLanguage")}
      </Button>
    </header>
  );
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h2 id={id} className={styles.heading}>
        {title}
      </h2>
      {children}
    </section>
  );
}

export function FailureBar({ failure, onDismiss, titleId = "errorTitle" }: { failure: Failure; onDismiss?: () => void; titleId?: StringId }) {
  const t = useStrings();
  const language = useContext(LanguageContext);
  const problem = failure.problem && !failure.unexpected ? failureText(failure.problem, language) : null;
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid="error-bar">
      <MessageBarBody>
        <MessageBarTitle>{t(titleId)}</MessageBarTitle>
        {problem ? (
          <>
            <span data-testid="error-what">{problem.what}</span>
            <br />
            <span data-testid="error-next">{t("errorNext", { next: problem.next })}</span>
            {failure.problem!.problems.length > 0 && (
              <ul>
                {failure.problem!.problems.map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            )}
          </>
        ) : failure.unexpected ? (
          t("errorUnexpected", { message: failure.message })
        ) : (
          failure.message
        )}
      </MessageBarBody>
      {onDismiss && (
        <MessageBarActions>
          <Button size="small" onClick={onDismiss}>
            {t("dismiss")}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

export interface AppProps {
  readonly operations: TaskPaneOperations;
  /** File mode only: the workbook opened in the page. */
  readonly workbookFile?: WorkbookFile;
  /** Excel mode: what the last write left out because this Excel lacks the API. */
  readonly skippedFeatures?: () => readonly SkippedFeature[];
  readonly language: LanguagePreference;
}

export function App({ language: preference, ...props }: AppProps) {
  const [language, setLanguage] = useState(preference.current);
  const onLanguage = useCallback(
    (l: Language) => {
      preference.set(l);
      setLanguage(l);
    },
    [preference],
  );
  return (
    <Shell language={language} onLanguage={onLanguage}>
      <TaskPane {...props} />
    </Shell>
  );
}

interface Outcome {
  readonly result: Result;
  /** From 一键评分排名 (results written) rather than 校验. */
  readonly scored: boolean;
}

function TaskPane({ operations, workbookFile, skippedFeatures }: Omit<AppProps, "language">) {
  const t = useStrings();
  const language = useContext(LanguageContext);
  const styles = useStyles();
  const task = useTask();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [merge, setMerge] = useState<MergeSummary | null>(null);
  const [notice, setNotice] = useState<StringId | null>(null);
  const [skipped, setSkipped] = useState<readonly SkippedFeature[]>([]);
  const [shortened, setShortened] = useState<readonly OverlongText[]>([]);
  // File mode keeps its state in the operations; this re-reads it after each change.
  const [, setFileVersion] = useState(0);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const fileMode = operations.mode === "file";
  const hasWorkbook = !workbookFile || workbookFile.fileName() !== null;
  const busy = task.running !== null;

  useEffect(() => {
    if (outcome) resultsHeading.current?.focus();
  }, [outcome]);

  /** After an operation: its notice, and (after writing sheets) what this Excel could not do. */
  const done = (message: StringId | null, wroteSheets = false) => {
    setNotice(message);
    setSkipped(wroteSheets ? (skippedFeatures?.() ?? []) : []);
    setShortened(wroteSheets ? (operations.shortenedTexts?.() ?? []) : []);
    setFileVersion((v) => v + 1);
  };

  const openFile = (file: File) =>
    task.run("open", async () => {
      if (!/\.xlsx$/i.test(file.name)) throw new UserError("FILE_NOT_XLSX", { name: file.name });
      await workbookFile!.open(file.name, new Uint8Array(await file.arrayBuffer()));
      setOutcome(null);
      setMerge(null);
      done("fileOpened");
    });

  const newTemplate = (period: string | null) =>
    task.run("newTemplate", async () => {
      await operations.newTemplate({ period });
      done(fileMode ? "templateDoneFile" : "templateDoneExcel", true);
    });

  const importRaterFile = (file: File, as: ImportTarget) =>
    task.run("import", async () => {
      if (!/\.xlsx$/i.test(file.name)) throw new UserError("FILE_NOT_XLSX", { name: file.name });
      const summary = await operations.importRaterFile(new Uint8Array(await file.arrayBuffer()), as);
      setMerge(summary);
      setOutcome(null);
      done(null);
    });

  const assess = (scored: boolean) =>
    task.run(scored ? "scoreAndRank" : "validate", async (onProgress) => {
      const result = await (scored ? operations.scoreAndRank(onProgress) : operations.validate(onProgress));
      setOutcome({ result, scored });
      setMerge(null);
      done(!scored ? "validated" : result.status === "fatal" ? "noResultSheets" : fileMode ? "scoredFile" : "scoredExcel", scored);
    });

  const selectCell = operations.selectCell
    ? (sheet: string, cell: string) => {
        operations.selectCell!(sheet, cell).catch(task.fail);
      }
    : undefined;

  return (
    <>
      <Caption1>{t(fileMode ? "modeFile" : "modeExcel")}</Caption1>

      {workbookFile && (
        <Section id="file-section" title={t("fileSection")}>
          <FilePanel fileName={workbookFile.fileName()} download={workbookFile.download()} disabled={busy} onOpen={openFile} />
        </Section>
      )}

      <Section id="actions-section" title={t("actionsSection")}>
        <div className={styles.actions}>
          <Button disabled={busy || !hasWorkbook} onClick={() => assess(false)} title={t("validateHint")}>
            {t("validate")}
          </Button>
          <Button appearance="primary" disabled={busy || !hasWorkbook} onClick={() => assess(true)} title={t("scoreAndRankHint")}>
            {t("scoreAndRank")}
          </Button>
        </div>
      </Section>

      <div aria-live="polite">
        {busy && (
          <Field label={task.progress?.label ?? t("busy")} data-testid="progress">
            <ProgressBar value={task.progress?.fraction ?? undefined} max={1} />
          </Field>
        )}
      </div>
      {task.failure && <FailureBar failure={task.failure} onDismiss={task.dismissFailure} />}
      {notice && !busy && !task.failure && (
        <MessageBar intent={notice === "noResultSheets" ? "warning" : "success"} data-testid="notice">
          <MessageBarBody>{notice === "fileOpened" ? t("fileOpened", { name: workbookFile?.fileName() ?? "" }) : t(notice)}</MessageBarBody>
        </MessageBar>
      )}
      {skipped.length > 0 && !busy && (
        <MessageBar intent="info" layout="multiline" data-testid="skipped-features">
          <MessageBarBody>{t("skippedFeatures", { list: skipped.map((f) => f[language]).join(t("listSeparator")) })}</MessageBarBody>
        </MessageBar>
      )}
      {shortened.length > 0 && !busy && (
        <MessageBar intent="warning" layout="multiline" data-testid="shortened-texts">
          <MessageBarBody>
            {t("textsShortened", { n: shortened.length, cells: shortened.slice(0, 5).map((s) => `${s.sheet}!${s.cell}`).join(t("listSeparator")) })}
          </MessageBarBody>
        </MessageBar>
      )}
      {merge && (
        <MessageBar intent={merge.conflicts.length + merge.unknownBranches.length + merge.unknownItems.length > 0 ? "warning" : "success"} layout="multiline">
          <MessageBarBody>
            <MergeSummaryView summary={merge} />
          </MessageBarBody>
        </MessageBar>
      )}

      {outcome && (
        <section className={styles.section} aria-labelledby="results-heading">
          <h2 id="results-heading" className={styles.heading} tabIndex={-1} ref={resultsHeading}>
            {t("summarySection")}
          </h2>
          <ResultSummary result={outcome.result} />
          {outcome.scored && outcome.result.branches.length > 0 && (
            <Section id="ranking-section" title={t("rankingSection")}>
              <RankingTable branches={outcome.result.branches} />
            </Section>
          )}
          <Section id="issues-section" title={t("issuesSection", { n: outcome.result.issues.length })}>
            <IssueList issues={outcome.result.issues} onSelect={selectCell} />
          </Section>
        </section>
      )}

      <Divider />
      <Section id="import-section" title={t("importSection")}>
        <ImportPanel disabled={busy || !hasWorkbook} onImport={importRaterFile} onMissingFile={() => task.fail(new UserError("RATER_FILE_NOT_CHOSEN", {}))} />
      </Section>
      <Section id="template-section" title={t("templateSection")}>
        <TemplatePanel disabled={busy} onCreate={newTemplate} />
      </Section>
    </>
  );
}
