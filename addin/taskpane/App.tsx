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
import { Component, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { UserError } from "../../src/model/failure.js";
import { failureText } from "../../src/model/failure-messages.js";
import { issueMessage } from "../../src/model/issues.js";
import { MESSAGES_EN } from "../../src/model/messages-en.js";
import { MESSAGES_ZH } from "../../src/model/messages-zh.js";
import type { OverlongText } from "../../src/report/excel-limits.js";
import type { SkippedFeature } from "../excel/requirements.js";
import type { FileState, WorkbookFile } from "../file-mode/file-operations.js";
import type { Assessed, MergeSummary, TaskPaneOperations, TemplateOutcome } from "../operations.js";
import { AnnualPanel } from "./AnnualPanel.js";
import { FilePanel } from "./FilePanel.js";
import { ImportPanel, MergeSummaryView, type ImportTarget } from "./ImportPanel.js";
import { IssueList } from "./IssueList.js";
import { ProfileView } from "./ProfileView.js";
import { RankingTable } from "./RankingTable.js";
import { ResultSummary } from "./ResultSummary.js";
import { LanguageContext, useStrings, type Language, type LanguagePreference, type StringId } from "./strings.js";
import { progressView } from "./progress.js";
import { TemplateOutcomeView } from "./TemplateOutcome.js";
import { TemplatePanel, templateRoster, type TemplateRequest } from "./TemplatePanel.js";
import { describeFailure, useTask, type Failure, type TaskState } from "./useTask.js";

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
      <Button
        size="small"
        appearance="subtle"
        aria-label={t("switchLanguageLabel")}
        onClick={() => onLanguage(language === "zh" ? "en" : "zh")}
      >
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

export function FailureBar({
  failure,
  onDismiss,
  titleId = "errorTitle",
}: {
  failure: Failure;
  onDismiss?: () => void;
  titleId?: StringId;
}) {
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
                  <li key={i}>{issueMessage(p, language === "zh" ? MESSAGES_ZH : MESSAGES_EN)}</li>
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

/** The last 校验 or 一键评分排名, as shown. */
interface LastRun extends Assessed {
  /** From 一键评分排名 (results written) rather than 校验. */
  readonly scored: boolean;
}

const NO_FILE: FileState = { fileName: null, download: null };
const noSubscription = () => () => undefined;

/** The file mode's open workbook as React state (nothing in Excel mode, which has no file). */
function useWorkbookFile(file: WorkbookFile | undefined): FileState {
  return useSyncExternalStore(file?.subscribe ?? noSubscription, file?.state ?? (() => NO_FILE));
}

function TaskPane({ operations, workbookFile, skippedFeatures }: Omit<AppProps, "language">) {
  const t = useStrings();
  const styles = useStyles();
  const task = useTask();
  const file = useWorkbookFile(workbookFile);
  const [lastRun, setLastRun] = useState<LastRun | null>(null);
  const [merge, setMerge] = useState<MergeSummary | null>(null);
  const [template, setTemplate] = useState<TemplateOutcome | null>(null);
  const [notice, setNotice] = useState<StringId | null>(null);
  const [skipped, setSkipped] = useState<readonly SkippedFeature[]>([]);
  const [shortened, setShortened] = useState<readonly OverlongText[]>([]);
  const fileMode = operations.mode === "file";
  const hasWorkbook = !workbookFile || file.fileName !== null;
  const [annualBusy, setAnnualBusy] = useState(false);
  const busy = task.running !== null || annualBusy;

  /** After an operation: its notice, and (after writing sheets) what this Excel could not do. */
  const done = (message: StringId | null, wroteSheets = false) => {
    setNotice(message);
    setTemplate(null);
    setSkipped(wroteSheets ? (skippedFeatures?.() ?? []) : []);
    setShortened(wroteSheets ? (operations.shortenedTexts?.() ?? []) : []);
  };

  const openFile = (chosen: File) =>
    void task.run("open", async () => {
      if (!/\.xlsx$/i.test(chosen.name)) throw new UserError("FILE_NOT_XLSX", { name: chosen.name });
      await workbookFile!.open(chosen.name, new Uint8Array(await chosen.arrayBuffer()));
      setLastRun(null);
      setMerge(null);
      done("fileOpened");
    });

  const newTemplate = ({ period, source }: TemplateRequest) =>
    void task.run("newTemplate", async () => {
      const outcome = await operations.newTemplate({ period, roster: await templateRoster(source) });
      if (!fileMode) {
        // Excel changed the open workbook: an earlier run's results no longer describe it.
        setLastRun(null);
        setMerge(null);
      }
      done(null, true);
      setTemplate(outcome);
    });

  const importRaterFile = (chosen: File, as: ImportTarget) =>
    void task.run("import", async () => {
      if (!/\.xlsx$/i.test(chosen.name)) throw new UserError("FILE_NOT_XLSX", { name: chosen.name });
      const summary = await operations.importRaterFile(new Uint8Array(await chosen.arrayBuffer()), as);
      setMerge(summary);
      setLastRun(null);
      done(null);
    });

  const assess = (scored: boolean) =>
    void task.run(scored ? "scoreAndRank" : "validate", async (onProgress) => {
      const assessed = await (scored ? operations.scoreAndRank(onProgress) : operations.validate(onProgress));
      setLastRun({ ...assessed, scored });
      setMerge(null);
      done(!scored ? "validated" : assessed.result.status === "fatal" ? "noResultSheets" : fileMode ? "scoredFile" : "scoredExcel", scored);
    });

  const selectCell = operations.selectCell
    ? (sheet: string, cell: string) => {
        operations.selectCell!(sheet, cell).catch(task.fail);
      }
    : undefined;

  // 转到画像页: Excel mode, after a run that wrote the sheets.
  const showProfile =
    operations.showProfile && lastRun?.scored
      ? (code: string) => {
          operations.showProfile!(lastRun.result, code).catch(task.fail);
        }
      : undefined;

  return (
    <>
      <Caption1>{t(fileMode ? "modeFile" : "modeExcel")}</Caption1>

      {workbookFile && (
        <Section id="file-section" title={t("fileSection")}>
          <FilePanel fileName={file.fileName} download={file.download} disabled={busy} onOpen={openFile} />
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

      <TaskStatus task={task} />
      {!busy && <Notices notice={task.failure ? null : notice} fileName={file.fileName} skipped={skipped} shortened={shortened} />}
      {merge && <MergeNotice summary={merge} />}
      {lastRun && <RunResults run={lastRun} onSelect={selectCell} onShowProfile={showProfile} />}

      <Divider />
      <Section id="import-section" title={t("importSection")}>
        <ImportPanel
          disabled={busy || !hasWorkbook}
          onImport={importRaterFile}
          onMissingFile={() => task.fail(new UserError("RATER_FILE_NOT_CHOSEN", {}))}
        />
      </Section>
      <Section id="template-section" title={t("templateSection")}>
        <TemplatePanel
          disabled={busy}
          mode={operations.mode}
          workbookOpen={hasWorkbook}
          onCreate={newTemplate}
          onMissingFile={() => task.fail(new UserError("ROSTER_FILE_NOT_CHOSEN", {}))}
        />
        {template && !busy && <TemplateOutcomeView outcome={template} onSelect={selectCell} />}
      </Section>
      {operations.annual && (
        <Section id="annual-section" title={t("annualSection")}>
          <AnnualPanel operations={operations.annual} disabled={task.running !== null} onBusy={setAnnualBusy} />
        </Section>
      )}
    </>
  );
}

/** The running operation's progress (the pipeline's steps named in the UI's language), and its failure. */
function TaskStatus({ task }: { task: TaskState }) {
  const t = useStrings();
  const progress = task.progress ? progressView(task.progress) : null;
  return (
    <>
      <div aria-live="polite">
        {task.running !== null && (
          <Field label={progress ? t(progress.label) : t("busy")} data-testid="progress">
            <ProgressBar value={progress?.fraction} max={1} />
          </Field>
        )}
      </div>
      {task.failure && <FailureBar failure={task.failure} onDismiss={task.dismissFailure} />}
    </>
  );
}

/** What the last operation did, and what this Excel could not do while writing. */
function Notices(props: {
  notice: StringId | null;
  fileName: string | null;
  skipped: readonly SkippedFeature[];
  shortened: readonly OverlongText[];
}) {
  const { notice, fileName, skipped, shortened } = props;
  const t = useStrings();
  const language = useContext(LanguageContext);
  return (
    <>
      {notice && (
        <MessageBar intent={notice === "noResultSheets" ? "warning" : "success"} data-testid="notice">
          <MessageBarBody>{notice === "fileOpened" ? t("fileOpened", { name: fileName ?? "" }) : t(notice)}</MessageBarBody>
        </MessageBar>
      )}
      {skipped.length > 0 && (
        <MessageBar intent="info" layout="multiline" data-testid="skipped-features">
          <MessageBarBody>{t("skippedFeatures", { list: skipped.map((f) => f[language]).join(t("listSeparator")) })}</MessageBarBody>
        </MessageBar>
      )}
      {shortened.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="shortened-texts">
          <MessageBarBody>
            {t("textsShortened", {
              n: shortened.length,
              cells: shortened
                .slice(0, 5)
                .map((s) => `${s.sheet}!${s.cell}`)
                .join(t("listSeparator")),
            })}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

function MergeNotice({ summary }: { summary: MergeSummary }) {
  const leftOut = summary.conflicts.length + summary.unknownBranches.length + summary.unknownItems.length > 0;
  return (
    <MessageBar intent={leftOut ? "warning" : "success"} layout="multiline">
      <MessageBarBody>
        <MergeSummaryView summary={summary} />
      </MessageBarBody>
    </MessageBar>
  );
}

/** The last 校验 or 一键评分排名: summary, ranking (after scoring), issues; focused when it arrives. */
function RunResults({
  run,
  onSelect,
  onShowProfile,
}: {
  run: LastRun;
  onSelect: ((sheet: string, cell: string) => void) | undefined;
  onShowProfile: ((code: string) => void) | undefined;
}) {
  const t = useStrings();
  const styles = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [run]);
  return (
    <section className={styles.section} aria-labelledby="results-heading">
      <h2 id="results-heading" className={styles.heading} tabIndex={-1} ref={heading}>
        {t("summarySection")}
      </h2>
      <ResultSummary result={run.result} />
      {run.scored && run.result.branches.length > 0 && (
        <Section id="ranking-section" title={t("rankingSection")}>
          <RankingTable branches={run.result.branches} />
        </Section>
      )}
      {run.result.profiles.length > 0 && (
        <Section id="profile-section" title={t("profileSection")}>
          <ProfileView result={run.result} {...(onShowProfile ? { onShow: onShowProfile } : {})} />
        </Section>
      )}
      <Section id="issues-section" title={t("issuesSection", { n: run.result.issues.length })}>
        <IssueList issues={run.issues} onSelect={onSelect} />
      </Section>
    </section>
  );
}
