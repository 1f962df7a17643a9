import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Select,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useContext, useDeferredValue, useMemo, useState } from "react";
import { issueMessage, type Issue, type MessageCatalogue, type Severity } from "../../src/model/issues.js";
import { MESSAGES_EN } from "../../src/model/messages-en.js";
import { MESSAGES_ZH } from "../../src/model/messages-zh.js";
import { ShowMore, usePages } from "./ShowMore.js";
import { ISSUE_KINDS, LanguageContext, useStrings, type Language, type StringId } from "./strings.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  part: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  urgent: { color: tokens.colorPaletteRedForeground1 },
  tools: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "flex-end" },
  filter: { flexGrow: 1, minWidth: "10em" },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  item: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalS, minWidth: 0 },
  message: { minWidth: 0, overflowWrap: "anywhere" },
  link: { textAlign: "start", padding: 0, minWidth: 0, height: "auto", fontWeight: "normal", overflowWrap: "anywhere" },
  // A badge keeps its word on one line however narrow the pane: the message wraps instead.
  badge: { flexShrink: 0, whiteSpace: "nowrap" },
});

const SEVERITY: Readonly<Record<Severity, { label: StringId; color: "danger" | "severe" | "warning" }>> = {
  fatal: { label: "severityFatal", color: "danger" },
  error: { label: "severityError", color: "severe" },
  warning: { label: "severityWarning", color: "warning" },
};

/** 致命 / 错误 / 警告, never wrapped. */
export function SeverityBadge({ severity }: { readonly severity: Severity }) {
  const t = useStrings();
  const styles = useStyles();
  return (
    <Badge appearance="tint" color={SEVERITY[severity].color} className={styles.badge} data-testid="severity-badge">
      {t(SEVERITY[severity].label)}
    </Badge>
  );
}

/** Issue messages in the UI's language: the workbook's own names and values stay as they are. */
const CATALOGUES: Readonly<Record<Language, MessageCatalogue>> = { zh: MESSAGES_ZH, en: MESSAGES_EN };

/** Issues shown at a time in each list; "显示更多" adds as many again. Keeps the pane responsive with 100,000 issues. */
export const ISSUES_PAGE = 50;

/** Filter and grouping controls appear once there are more issues than this. */
const TOOLS_FROM = 10;

type GroupBy = "code" | "sheet";

export interface IssueListProps {
  readonly issues: readonly Issue[];
  /** Excel mode: clicking an issue selects its cell. Absent in file mode. */
  readonly onSelect?: (sheet: string, cell: string) => void;
}

/**
 * Errors first: 需要处理 lists the fatal problems and errors (fatal first, each in report
 * order) however many warnings there are; the warnings follow, grouped by kind or by sheet.
 * Every list shows its total and pages on ("显示更多"), nothing is cut off; a filter narrows both.
 */
export function IssueList({ issues, onSelect }: IssueListProps) {
  const t = useStrings();
  const language = useContext(LanguageContext);
  const styles = useStyles();
  const [query, setQuery] = useState("");
  const [groupBy, setGroupBy] = useState<GroupBy>("code");
  const filter = useDeferredValue(query.trim().toLowerCase());

  const catalogue = CATALOGUES[language];
  const filtering = filter !== "";
  // Every message is rendered only once a filter needs them (once per run and language: then
  // filtering 100,000 issues only compares strings); until then only the shown pages' are, so
  // the list of a 5,000-branch run appears without a long task.
  const messages = useMemo(
    () => (filtering ? new Map(issues.map((issue) => [issue, issueMessage(issue, catalogue)])) : null),
    [issues, catalogue, filtering],
  );
  const matching = useMemo(
    () =>
      messages === null
        ? issues
        : issues.filter((i) => messages.get(i)!.toLowerCase().includes(filter) || place(i).toLowerCase().includes(filter)),
    [issues, messages, filter],
  );
  const urgent = useMemo(
    () => [...matching.filter((i) => i.severity === "fatal"), ...matching.filter((i) => i.severity === "error")],
    [matching],
  );
  const warnings = useMemo(() => matching.filter((i) => i.severity === "warning"), [matching]);
  const message = useCallback((i: Issue) => messages?.get(i) ?? issueMessage(i, catalogue), [messages, catalogue]);
  const groups = useMemo(() => {
    const byKey = new Map<string, Issue[]>();
    for (const s of warnings) {
      const key = groupBy === "code" ? s.code : (s.where.sheet ?? "");
      const list = byKey.get(key);
      if (list) list.push(s);
      else byKey.set(key, [s]);
    }
    return [...byKey];
  }, [warnings, groupBy]);

  if (issues.length === 0) return <Text>{t("issuesNone")}</Text>;
  const groupName = (key: string) =>
    groupBy === "code" ? ISSUE_KINDS[language][key as Issue["code"]] : key === "" ? t("issuesWorkbook") : key;
  const urgentTotal = issues.filter((i) => i.severity !== "warning").length;
  const warningTotal = issues.length - urgentTotal;

  return (
    <div className={styles.root} data-testid="issue-list">
      {issues.length > TOOLS_FROM && (
        <div className={styles.tools}>
          <Field label={t("issuesFilter")} className={styles.filter}>
            <Input
              type="search"
              value={query}
              placeholder={t("issuesFilterHint")}
              onChange={(_, d) => setQuery(d.value)}
              data-testid="issue-filter"
            />
          </Field>
          {warningTotal > 0 && (
            <Field label={t("issuesGroupBy")}>
              <Select value={groupBy} onChange={(_, d) => setGroupBy(d.value as GroupBy)} data-testid="issue-group-by">
                <option value="code">{t("issuesGroupByCode")}</option>
                <option value="sheet">{t("issuesGroupBySheet")}</option>
              </Select>
            </Field>
          )}
        </div>
      )}
      {filter !== "" && (
        <Caption1 aria-live="polite" data-testid="issue-filter-count">
          {matching.length === 0 ? t("issuesFilterNone") : t("issuesFiltered", { shown: matching.length, total: issues.length })}
        </Caption1>
      )}

      <div className={styles.part} data-testid="issues-urgent">
        <h3 className={mergeClasses(styles.heading, urgentTotal > 0 && styles.urgent)}>{t("issuesUrgent", { n: urgent.length })}</h3>
        {urgentTotal === 0 ? (
          <Caption1>{t("issuesUrgentNone")}</Caption1>
        ) : (
          <>
            <Caption1>{t("issuesUrgentHint")}</Caption1>
            <PagedIssues key={filter} shown={urgent} message={message} onSelect={onSelect} />
          </>
        )}
      </div>

      {warningTotal > 0 && (
        <div className={styles.part} data-testid="issues-warnings">
          <h3 className={styles.heading}>{t("issuesWarnings", { n: warnings.length })}</h3>
          <Caption1>{t("issuesWarningsHint")}</Caption1>
          <Accordion multiple collapsible defaultOpenItems={groups.length === 1 ? [groups[0]![0]] : []}>
            {groups.map(([key, list]) => (
              <AccordionItem key={`${groupBy}:${key}`} value={key}>
                <AccordionHeader size="small">{t("issueGroup", { name: groupName(key), n: list.length })}</AccordionHeader>
                <AccordionPanel>
                  <PagedIssues key={filter} shown={list} message={message} onSelect={onSelect} />
                </AccordionPanel>
              </AccordionItem>
            ))}
          </Accordion>
        </div>
      )}
    </div>
  );
}

/** What a filter matches besides the message: 评分A!C4. */
const place = (i: Issue) => (i.where.sheet ? `${i.where.sheet}!${i.where.cell ?? ""}` : "");

/** A list shown ISSUES_PAGE at a time, with its total and the rest a click away. */
function PagedIssues({
  shown,
  message: messageOf,
  onSelect,
}: {
  readonly shown: readonly Issue[];
  readonly message: (issue: Issue) => string;
  readonly onSelect: IssueListProps["onSelect"];
}) {
  const t = useStrings();
  const styles = useStyles();
  const pages = usePages(shown, ISSUES_PAGE);
  return (
    <>
      <ul className={styles.list}>
        {pages.shown.map((issue, k) => {
          const message = messageOf(issue);
          const { sheet, cell } = issue.where;
          return (
            <li key={k} className={styles.item} data-testid="issue">
              <SeverityBadge severity={issue.severity} />
              {onSelect && sheet && cell ? (
                <Button
                  appearance="transparent"
                  className={styles.link}
                  aria-label={t("issueSelect", { sheet, cell, message })}
                  onClick={() => onSelect(sheet, cell)}
                >
                  {message}
                </Button>
              ) : (
                <Text className={styles.message}>{message}</Text>
              )}
            </li>
          );
        })}
      </ul>
      <ShowMore pages={pages} shownText="issuesShown" moreText="issuesShowMore" testId="issues-show-more" />
    </>
  );
}
