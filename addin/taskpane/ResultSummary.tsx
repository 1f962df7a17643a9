import { Badge, Caption1, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { ResultOverview } from "../../src/model/result.js";
import { useStrings, type StringId } from "./strings.js";

const useStyles = makeStyles({
  counts: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  hint: { display: "block", marginTop: tokens.spacingVerticalXS },
  // 正式 / 暂定 / 无结果 stays on one line in a narrow pane.
  badge: { flexShrink: 0, whiteSpace: "nowrap" },
});

const STATUS: Readonly<Record<ResultOverview["status"], { label: StringId; hint: StringId; color: "success" | "warning" | "danger" }>> = {
  final: { label: "statusFinal", hint: "statusFinalHint", color: "success" },
  provisional: { label: "statusProvisional", hint: "statusProvisionalHint", color: "warning" },
  fatal: { label: "statusFatal", hint: "statusFatalHint", color: "danger" },
};

/** Branches, problems and the 正式/暂定 status of a run, as the result reports them. */
export function ResultSummary({ result }: { readonly result: ResultOverview }) {
  const t = useStrings();
  const styles = useStyles();
  const s = result.summary;
  const status = STATUS[result.status];
  return (
    <div data-testid="summary">
      <div className={styles.counts}>
        <Badge appearance="filled" color={status.color} size="large" className={styles.badge} data-testid="status-badge">
          {t(status.label)}
        </Badge>
        <Text weight="semibold" data-testid="branch-count">
          {t("branches", { n: s.branches })}
        </Text>
        {s.fatal > 0 && <Text>{t("fatalCount", { n: s.fatal })}</Text>}
        <Text>{t("errorCount", { n: s.errors })}</Text>
        <Text>{t("warningCount", { n: s.warnings })}</Text>
      </div>
      <Caption1 className={styles.hint}>{result.period ? t("period", { period: result.period }) : t("periodNone")}</Caption1>
      <Caption1 className={styles.hint}>{t(status.hint)}</Caption1>
    </div>
  );
}
