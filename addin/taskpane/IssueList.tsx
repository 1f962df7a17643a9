import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  makeStyles,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useContext } from "react";
import { issueMessage, type Issue, type MessageCatalogue, type Severity } from "../../src/model/issues.js";
import { MESSAGES_EN } from "../../src/model/messages-en.js";
import { MESSAGES_ZH } from "../../src/model/messages-zh.js";
import { LanguageContext, useStrings, type Language, type StringId } from "./strings.js";

const useStyles = makeStyles({
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  item: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalS },
  link: { textAlign: "start", justifyContent: "flex-start", padding: 0, minWidth: 0, height: "auto", fontWeight: tokens.fontWeightRegular },
});

const SEVERITY: Readonly<Record<Severity, { label: StringId; color: "danger" | "severe" | "warning" }>> = {
  fatal: { label: "severityFatal", color: "danger" },
  error: { label: "severityError", color: "severe" },
  warning: { label: "severityWarning", color: "warning" },
};

/** Issue messages in the UI's language: the workbook's own names and values stay as they are. */
const CATALOGUES: Readonly<Record<Language, MessageCatalogue>> = { zh: MESSAGES_ZH, en: MESSAGES_EN };

/** Issues shown per sheet; the rest are in the 校验报告 sheet. Keeps the pane responsive. */
const SHOWN_PER_SHEET = 200;

export interface IssueListProps {
  readonly issues: readonly Issue[];
  /** Excel mode: clicking an issue selects its cell. Absent in file mode. */
  readonly onSelect?: (sheet: string, cell: string) => void;
}

/** Issues grouped by sheet in report order; the first sheet with errors starts open. */
export function IssueList({ issues, onSelect }: IssueListProps) {
  const t = useStrings();
  const catalogue = CATALOGUES[useContext(LanguageContext)];
  const styles = useStyles();
  if (issues.length === 0) return <Text>{t("issuesNone")}</Text>;

  const groups = new Map<string | null, Issue[]>();
  for (const i of issues) {
    const list = groups.get(i.where.sheet);
    if (list) list.push(i);
    else groups.set(i.where.sheet, [i]);
  }
  const keyOf = (sheet: string | null) => sheet ?? "";
  const first = [...groups].find(([, list]) => list.some((i) => i.severity !== "warning")) ?? [...groups][0]!;
  const open = [keyOf(first[0])];

  return (
    <Accordion multiple collapsible defaultOpenItems={open}>
      {[...groups].map(([sheet, list]) => (
        <AccordionItem key={keyOf(sheet)} value={keyOf(sheet)}>
          <AccordionHeader>{t("issueGroup", { sheet: sheet ?? t("issuesWorkbook"), n: list.length })}</AccordionHeader>
          <AccordionPanel>
            <ul className={styles.list}>
              {list.slice(0, SHOWN_PER_SHEET).map((issue, k) => {
                const { sheet, cell } = issue.where;
                const message = issueMessage(issue, catalogue);
                return (
                  <li key={k} className={styles.item}>
                    <Badge appearance="tint" color={SEVERITY[issue.severity].color}>
                      {t(SEVERITY[issue.severity].label)}
                    </Badge>
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
                      <Text>{message}</Text>
                    )}
                  </li>
                );
              })}
            </ul>
            {list.length > SHOWN_PER_SHEET && <Text>{t("issuesMore", { n: list.length - SHOWN_PER_SHEET })}</Text>}
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
