import {
  Button,
  Caption1,
  Divider,
  Field,
  FluentProvider,
  Link,
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
import {
  Component,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
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
import { RankingList } from "./RankingList.js";
import { ProfileView } from "./ProfileView.js";
import { ResultSummary } from "./ResultSummary.js";
import { LanguageContext, useStrings, type Language, type LanguagePreference, type Params, type StringId } from "./strings.js";
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
  headerLinks: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS, flexShrink: 0 },
  // The product's name on one line at 350 px, beside 使用说明 and the language switch.
  title: { margin: 0, whiteSpace: "nowrap", minWidth: 0 },
  compact: { minWidth: "auto", paddingInline: tokens.spacingHorizontalS },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { ...typographyStyles.subtitle2, margin: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  progress: { display: "flex", alignItems: "flex-end", gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1, minWidth: 0 },
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
      <div className={styles.headerLinks}>
        {/* help.html is served beside both pages; a new window keeps the pane as it is. */}
        <Link href="help.html" target="_blank" rel="noopener" aria-label={t("helpLabel")} data-testid="help-link">
          {t("help")}
        </Link>
        <Button
          size="small"
          appearance="subtle"
          className={styles.compact}
          aria-label={t("switchLanguageLabel")}
          onClick={() => onLanguage(language === "zh" ? "en" : "zh")}
        >
          {t("switchLanguage")}
        </Button>
      </div>
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
  /** Counts runs: a new run's lists start from their first page. */
  readonly id: number;
}

/** What the last operation did and what to do next; replaced by the next operation's. */
interface Notice {
  readonly id: StringId;
  readonly params?: Params;
  readonly intent: "success" | "warning" | "error";
}

/** The truth about a run in a line: what it found and the next step (the file mode fixes the file in Excel). */
function runNotice({ result }: Assessed, scored: boolean, fileMode: boolean): Notice {
  const { fatal, errors, warnings } = result.summary;
  if (!scored) {
    if (fatal > 0) return { id: fileMode ? "validatedFatalFile" : "validatedFatal", params: { fatal }, intent: "error" };
    if (errors > 0) return { id: fileMode ? "validatedErrorsFile" : "validatedErrors", params: { errors }, intent: "warning" };
    return warnings > 0
      ? { id: "validatedWarnings", params: { warnings }, intent: "success" }
      : { id: "validatedClean", intent: "success" };
  }
  if (result.status === "fatal") return { id: fileMode ? "noResultFile" : "noResultSheets", params: { fatal }, intent: "error" };
  if (result.status === "provisional")
    return { id: fileMode ? "scoredFileProvisional" : "scoredExcelProvisional", params: { errors }, intent: "warning" };
  return { id: fileMode ? "scoredFile" : "scoredExcel", intent: "success" };
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
  const [notice, setNotice] = useState<Notice | null>(null);
  const runs = useRef(0);
  // The file mode's scored copy came from a fatal run: it holds the report only (until the next scoring or file).
  const [reportOnly, setReportOnly] = useState(false);
  const [skipped, setSkipped] = useState<readonly SkippedFeature[]>([]);
  const [shortened, setShortened] = useState<readonly OverlongText[]>([]);
  const fileMode = operations.mode === "file";
  const hasWorkbook = !workbookFile || file.fileName !== null;
  const [annualBusy, setAnnualBusy] = useState(false);
  const busy = task.running !== null || annualBusy;

  /** After an operation: its notice, and (after writing sheets) what this Excel could not do. */
  const done = (message: Notice | null, wroteSheets = false) => {
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
      setReportOnly(false);
      done({ id: "fileOpened", params: { name: chosen.name }, intent: "success" });
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
    void task.run(scored ? "scoreAndRank" : "validate", async (onProgress, signal) => {
      const assessed = await (scored ? operations.scoreAndRank(onProgress, { signal }) : operations.validate(onProgress, { signal }));
      const run = { ...assessed, scored, id: ++runs.current };
      // The results (5,000 branches' ranking, profiles and issue lists) render as a transition:
      // React renders them in slices between the page's other work, never one long task.
      startTransition(() => setLastRun(run));
      if (scored) setReportOnly(assessed.result.status === "fatal");
      setMerge(null);
      done(runNotice(assessed, scored, fileMode), scored);
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
          <FilePanel fileName={file.fileName} download={file.download} reportOnly={reportOnly} disabled={busy} onOpen={openFile} />
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
      {!busy && <Notices notice={task.failure ? null : notice} skipped={skipped} shortened={shortened} />}
      {merge && <MergeNotice summary={merge} />}
      {lastRun && <RunResults run={lastRun} fileMode={fileMode} onSelect={selectCell} onShowProfile={showProfile} />}

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

/** Operations that stop on 取消 (the others are quick or cannot be undone halfway). */
const CANCELLABLE: ReadonlySet<string | null> = new Set(["validate", "scoreAndRank"]);

/**
 * The running operation's progress (the pipeline's steps named in the UI's language, step n
 * of m, per cent, time so far, so that it visibly moves), its 取消, and its failure.
 */
function TaskStatus({ task }: { task: TaskState }) {
  const t = useStrings();
  const styles = useStyles();
  const progress = task.progress ? progressView(task.progress) : null;
  const seconds = useSecondsRunning(task.running);
  return (
    <>
      <div aria-live="polite">
        {task.running !== null && (
          <div className={styles.progress}>
            <Field
              className={styles.grow}
              label={progress ? t("progressStep", { ...progress.step, step: t(progress.label) }) : t("busy")}
              hint={t("progressElapsed", { seconds })}
              data-testid="progress"
            >
              <ProgressBar value={progress?.fraction} max={1} />
            </Field>
            {CANCELLABLE.has(task.running) && (
              <Button size="small" onClick={task.cancel} data-testid="cancel">
                {t("cancelRun")}
              </Button>
            )}
          </div>
        )}
        {task.running === null && task.cancelled && <Caption1 data-testid="cancelled">{t("runCancelled")}</Caption1>}
      </div>
      {task.failure && <FailureBar failure={task.failure} onDismiss={task.dismissFailure} />}
    </>
  );
}

/** Whole seconds since the operation started, ticking every second while it runs. */
function useSecondsRunning(running: string | null): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (running === null) return;
    const started = Date.now();
    // Checked four times a second, so that the shown second changes close to when it turns (a
    // timer of 1 s drifts late on a busy page); React renders only when the number changes.
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 250);
    return () => clearInterval(timer);
  }, [running]);
  return seconds;
}

/** What the last operation did, and what this Excel could not do while writing. */
function Notices(props: { notice: Notice | null; skipped: readonly SkippedFeature[]; shortened: readonly OverlongText[] }) {
  const { notice, skipped, shortened } = props;
  const t = useStrings();
  const language = useContext(LanguageContext);
  return (
    <>
      {notice && (
        <MessageBar intent={notice.intent} layout="multiline" data-testid="notice">
          <MessageBarBody>{t(notice.id, notice.params)}</MessageBarBody>
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
  fileMode,
  onSelect,
  onShowProfile,
}: {
  run: LastRun;
  fileMode: boolean;
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
          <RankingList
            key={run.id}
            testId="ranking-list"
            label={t("rankingCaption")}
            full={t(fileMode ? "rankingFullFile" : "rankingFullExcel")}
            rows={run.result.branches.map((b) => ({
              code: b.code,
              rank: b.rank,
              name: b.name,
              total: b.total.toFixed(2),
              stars: b.stars,
              vetoed: b.vetoed,
            }))}
          />
        </Section>
      )}
      {run.result.profiles.length > 0 && (
        <Section id="profile-section" title={t("profileSection")}>
          <ProfileView result={run.result} {...(onShowProfile ? { onShow: onShowProfile } : {})} />
        </Section>
      )}
      <Section id="issues-section" title={t("issuesSection", { n: run.result.issues.length })}>
        <IssueList key={run.id} issues={run.issues} onSelect={onSelect} />
      </Section>
    </section>
  );
}
