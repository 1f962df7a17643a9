import {
  Badge,
  Button,
  Caption1,
  Field,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useContext, useEffect, useMemo, useRef, useState } from "react";
import type { AnnualBranch, AnnualInput, AnnualResult, AnnualSettings } from "../../src/model/annual-result.js";
import { UserError } from "../../src/model/failure.js";
import { issueMessage, type AnnualIssue, type Severity } from "../../src/model/issues.js";
import { MESSAGES_EN } from "../../src/model/messages-en.js";
import { MESSAGES_ZH } from "../../src/model/messages-zh.js";
import { blobUrl } from "../file-mode/download.js";
import type { AnnualDelivery, AnnualOperations, AnnualOutcome, QuarterSource } from "../operations.js";
import { FailureBar } from "./App.js";
import { annualProgressView, useAnnualTask } from "./annual-task.js";
import { LanguageContext, useStrings, type StringId, type Translate } from "./strings.js";
import { SeverityBadge } from "./IssueList.js";
import { RankingList } from "./RankingList.js";
import { XlsxFileInput } from "./XlsxFileInput.js";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  quarter: {
    display: "grid",
    gridTemplateColumns: "1fr auto",
    alignItems: "start",
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  quarterLine: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS, minWidth: 0 },
  fileName: { overflowWrap: "anywhere" },
  unusable: { color: tokens.colorPaletteRedForeground1 },
  progress: { display: "flex", alignItems: "flex-end", gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  counts: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  issue: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalS, minWidth: 0 },
  issueText: { minWidth: 0, overflowWrap: "anywhere" },
  // The status keeps its word on one line in a narrow pane.
  badge: { flexShrink: 0, whiteSpace: "nowrap" },
});

/** A quarterly workbook in the list: where it comes from and what its own run found. */
interface Entry {
  readonly key: number;
  readonly source: QuarterSource;
  readonly summary: AnnualInput;
}

/** The workbooks to add (read from the files chosen, or the open workbook). */
interface ChooseSources {
  (): Promise<readonly QuarterSource[]>;
}

export interface AnnualPanelProps {
  readonly operations: AnnualOperations;
  /** Another operation of the pane is running. */
  readonly disabled: boolean;
  /** Tells the pane while 年度定级 runs (its other buttons wait). */
  readonly onBusy: (busy: boolean) => void;
}

/**
 * 年度定级: add the year's quarterly workbooks (Excel mode: the open one too), see each one's
 * period, status and problems, then grade the year: the ranking with stars, why stars were
 * capped, the annual problems, and the new workbook (opened in Excel or downloaded).
 */
export function AnnualPanel({ operations, disabled, onBusy }: AnnualPanelProps) {
  const t = useStrings();
  const styles = useStyles();
  const task = useAnnualTask(onBusy);
  const input = useRef<HTMLInputElement>(null);
  const nextKey = useRef(1);
  const [entries, setEntries] = useState<readonly Entry[]>([]);
  const [outcome, setOutcome] = useState<AnnualOutcome | null>(null);
  const busy = disabled || task.running;
  const hasOpen = entries.some((e) => e.source.kind === "open");

  const add = (sources: ChooseSources) =>
    void task.run(async (options) => {
      for (const source of await sources()) {
        const summary = await operations.checkQuarter(source, options);
        const entry: Entry = { key: nextKey.current++, source, summary };
        setEntries((list) => list.concat([entry]));
        setOutcome(null);
      }
    });

  const addFiles = (files: readonly File[]) =>
    add(async () => {
      const sources: QuarterSource[] = [];
      for (const f of files) {
        if (!/\.xlsx$/i.test(f.name)) throw new UserError("FILE_NOT_XLSX", { name: f.name });
        sources.push({ kind: "file", file: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
      }
      return sources;
    });

  const remove = (key: number) => {
    setEntries((list) => list.filter((e) => e.key !== key));
    setOutcome(null);
  };

  const grade = () =>
    void task.run(async (options) => {
      const out = await operations.gradeYear(
        entries.map((e) => e.source),
        options,
      );
      // The open workbook was read again: its summary may have changed.
      setEntries((list) => list.map((e, i) => ({ ...e, summary: out.quarters[i] ?? e.summary })));
      setOutcome(out);
    });

  const progress = task.progress ? annualProgressView(task.progress, t) : null;

  return (
    <div className={styles.panel} data-testid="annual-panel">
      <Caption1>{t("annualIntro")}</Caption1>
      <div className={styles.actions}>
        <Button disabled={busy} onClick={() => input.current?.click()}>
          {t("annualAddFiles")}
        </Button>
        {operations.openWorkbook && (
          <Button disabled={busy || hasOpen} title={t("annualAddOpenHint")} onClick={() => add(async () => [{ kind: "open" }])}>
            {t("annualAddOpen")}
          </Button>
        )}
      </div>
      <XlsxFileInput inputRef={input} label={t("annualAddFiles")} testId="annual-input" onFile={(f) => addFiles([f])} onFiles={addFiles} />
      <QuarterList entries={entries} disabled={busy} onRemove={remove} />
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy || entries.length === 0} title={t("annualRunHint")} onClick={grade}>
          {t("annualRun")}
        </Button>
      </div>

      <div aria-live="polite">
        {task.running && (
          <div className={styles.progress}>
            <Field className={styles.grow} label={progress?.text ?? t("busy")} data-testid="annual-progress">
              <ProgressBar value={progress?.fraction} max={1} />
            </Field>
            <Button size="small" onClick={task.cancel}>
              {t("annualCancel")}
            </Button>
          </div>
        )}
        {!task.running && task.cancelled && <Caption1 data-testid="annual-cancelled">{t("annualCancelled")}</Caption1>}
      </div>
      {task.failure && <FailureBar failure={task.failure} onDismiss={task.dismissFailure} />}
      {outcome && <AnnualResults outcome={outcome} />}
    </div>
  );
}

function QuarterList({ entries, disabled, onRemove }: { entries: readonly Entry[]; disabled: boolean; onRemove: (key: number) => void }) {
  const t = useStrings();
  const styles = useStyles();
  if (entries.length === 0) return <Caption1>{t("annualNoQuarters")}</Caption1>;
  return (
    <ul className={styles.list} aria-label={t("annualQuartersCaption")} data-testid="annual-quarters">
      {entries.map(({ key, source, summary: s }) => (
        <li key={key} className={styles.quarter} data-testid="annual-quarter">
          <div>
            <div className={styles.quarterLine}>
              <Text weight="semibold" data-testid="quarter-period">
                {s.period ?? t("annualPeriodNone")}
              </Text>
              <StatusBadge status={s.status} />
            </div>
            <Caption1 className={styles.fileName}>
              {s.file}
              {source.kind === "open" && t("annualOpenTag")}
            </Caption1>
            <div className={styles.quarterLine}>
              <Caption1>{t("branches", { n: s.branches })}</Caption1>
              {s.fatal > 0 && <Caption1>{t("fatalCount", { n: s.fatal })}</Caption1>}
              <Caption1>{t("errorCount", { n: s.errors })}</Caption1>
              <Caption1>{t("warningCount", { n: s.warnings })}</Caption1>
            </div>
            {!s.usable && <Caption1 className={styles.unusable}>{t("annualUnusable")}</Caption1>}
          </div>
          <Button
            size="small"
            appearance="subtle"
            disabled={disabled}
            aria-label={t("annualRemove", { file: s.file })}
            onClick={() => onRemove(key)}
          >
            ✕
          </Button>
        </li>
      ))}
    </ul>
  );
}

const STATUS: Readonly<Record<AnnualInput["status"], { label: StringId; hint: StringId; color: "success" | "warning" | "danger" }>> = {
  final: { label: "statusFinal", hint: "annualStatusFinalHint", color: "success" },
  provisional: { label: "statusProvisional", hint: "annualStatusProvisionalHint", color: "warning" },
  fatal: { label: "statusFatal", hint: "annualStatusFatalHint", color: "danger" },
};

function StatusBadge({ status, testId }: { status: AnnualInput["status"]; testId?: string }) {
  const t = useStrings();
  const styles = useStyles();
  return (
    <Badge appearance="filled" color={STATUS[status].color} className={styles.badge} data-testid={testId}>
      {t(STATUS[status].label)}
    </Badge>
  );
}

/** The grade: summary and settings, where the new workbook went, the ranking and the annual problems; focused when it arrives. */
function AnnualResults({ outcome }: { outcome: AnnualOutcome }) {
  const t = useStrings();
  const styles = useStyles();
  const { result } = outcome;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [outcome]);
  const count = (severity: Severity) => result.issues.filter((i) => i.severity === severity).length;
  return (
    <section className={styles.panel} aria-labelledby="annual-results-heading" data-testid="annual-results">
      <h3 id="annual-results-heading" className={styles.heading} tabIndex={-1} ref={heading}>
        {result.year !== null ? t("annualYear", { year: result.year }) : t("annualSection")}
      </h3>
      <div className={styles.counts}>
        <StatusBadge status={result.status} testId="annual-status" />
        {result.status !== "fatal" && (
          <Text weight="semibold" data-testid="annual-graded">
            {t("annualGraded", { n: result.branches.length })}
          </Text>
        )}
        {count("fatal") > 0 && <Text>{t("fatalCount", { n: count("fatal") })}</Text>}
        <Text>{t("errorCount", { n: count("error") })}</Text>
        <Text>{t("warningCount", { n: count("warning") })}</Text>
      </div>
      <Caption1>{t(STATUS[result.status].hint)}</Caption1>
      {result.settings && <SettingsLine settings={result.settings} />}
      {outcome.workbook && <Delivery delivery={outcome.workbook} />}
      {result.branches.length > 0 && <AnnualRanking result={result} />}
      <h3 className={styles.heading}>{t("annualIssuesSection", { n: outcome.issues.length })}</h3>
      <AnnualIssues issues={outcome.issues} />
    </section>
  );
}

/** The rules the stars were given by: the quotas and 逐级晋升 in force (the latest quarter's 考核设置). */
function SettingsLine({ settings }: { settings: AnnualSettings }) {
  const t = useStrings();
  const quota = (level: StringId, ratio: number | null) =>
    ratio === null ? t("annualQuotaNone", { level: t(level) }) : t("annualQuota", { level: t(level), ratio: percent(ratio) });
  return (
    <Caption1 data-testid="annual-settings">
      {[
        quota("annualFiveStar", settings.fiveStarCap),
        quota("annualFourStar", settings.fourStarCap),
        t(settings.stepwise ? "annualStepwiseOn" : "annualStepwiseOff"),
      ].join(t("listSeparator"))}
    </Caption1>
  );
}

/** 0.125 → 12.5% (as typed in 考核设置, no rounding beyond what a person writes). */
const percent = (ratio: number) => `${Number((ratio * 100).toFixed(6))}%`;

/** Opened in Excel, or a download link, saying which and why. */
function Delivery({ delivery }: { delivery: AnnualDelivery }) {
  const t = useStrings();
  const styles = useStyles();
  const url = useMemo(() => (delivery.how === "download" ? blobUrl(delivery) : null), [delivery]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  if (delivery.how === "opened") {
    return (
      <MessageBar intent="success" layout="multiline" data-testid="annual-delivery">
        <MessageBarBody>{t("annualOpened", { file: delivery.fileName })}</MessageBarBody>
      </MessageBar>
    );
  }
  const why: Readonly<Record<typeof delivery.why, StringId>> = {
    fileMode: "annualDownloadFile",
    noApi: "annualDownloadNoApi",
    openFailed: "annualDownloadOpenFailed",
  };
  return (
    <MessageBar intent={delivery.why === "fileMode" ? "success" : "info"} layout="multiline" data-testid="annual-delivery">
      <MessageBarBody className={styles.panel}>
        <span>{t(why[delivery.why])}</span>
        {url && (
          <Link href={url} download={delivery.fileName} data-testid="annual-download">
            {t("annualDownload", { file: delivery.fileName })}
          </Link>
        )}
        <Caption1>{t("downloadHint")}</Caption1>
      </MessageBarBody>
    </MessageBar>
  );
}

/** The annual ranking in the pane's compact list: rank, branch (and why its stars were capped), score, stars. */
function AnnualRanking({ result }: { result: AnnualResult }) {
  const t = useStrings();
  const styles = useStyles();
  return (
    <>
      <h3 className={styles.heading}>{t("annualRankingSection")}</h3>
      <RankingList
        testId="annual-ranking"
        label={t("annualRankingCaption")}
        full={t("annualRankingFull")}
        rows={result.branches.map((b) => ({
          code: b.code,
          rank: b.rank,
          name: b.name,
          total: b.score.toFixed(2),
          stars: b.stars,
          vetoed: b.vetoed,
          details: whyCapped(b, t),
        }))}
      />
    </>
  );
}

/** Each step of annual.md §5 that lowered the branch's stars, in the order applied, as the grade recorded it. */
function whyCapped(b: AnnualBranch, t: Translate): string[] {
  return b.adjustments.map((a) => {
    switch (a.step) {
      case "veto":
        return t("annualWhyVeto", {
          quarters: b.vetoQuarters.map((p) => p.slice(p.indexOf("Q"))).join(t("listSeparator")),
          from: a.from,
          to: a.to,
        });
      case "stepwise":
        return t("annualWhyStepwise", { previous: b.previousStars ?? "—", from: a.from, to: a.to });
      case "quota":
        return t("annualWhyQuota", { level: t(a.from === 5 ? "annualFiveStar" : "annualFourStar"), from: a.from, to: a.to });
    }
  });
}

/** The annual problems in the UI's language, each with its quarter and file (they point into the inputs, not this workbook). */
function AnnualIssues({ issues }: { issues: readonly AnnualIssue[] }) {
  const t = useStrings();
  const styles = useStyles();
  const catalogue = useContext(LanguageContext) === "zh" ? MESSAGES_ZH : MESSAGES_EN;
  if (issues.length === 0) return <Text>{t("issuesNone")}</Text>;
  return (
    <ul className={styles.list} data-testid="annual-issues">
      {issues.map((i, n) => {
        const place = [i.where.period, i.where.file, i.where.sheet && i.where.cell ? `${i.where.sheet}!${i.where.cell}` : i.where.sheet]
          .filter((p) => p)
          .join(" · ");
        return (
          <li key={n} className={styles.issue}>
            <SeverityBadge severity={i.severity} />
            <Text className={styles.issueText}>
              {place && t("annualIssuePlace", { place })}
              {issueMessage(i, catalogue)}
            </Text>
          </li>
        );
      })}
    </ul>
  );
}
