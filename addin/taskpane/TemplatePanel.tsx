import { Button, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { useStrings } from "./strings.js";

const useStyles = makeStyles({
  row: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

export interface TemplatePanelProps {
  readonly disabled: boolean;
  /** 新建考核模板 with the period as typed (blank → null); the operation checks it. */
  readonly onCreate: (period: string | null) => void;
}

export function TemplatePanel({ disabled, onCreate }: TemplatePanelProps) {
  const t = useStrings();
  const styles = useStyles();
  const [period, setPeriod] = useState("");
  return (
    <form
      className={styles.row}
      onSubmit={(e) => {
        e.preventDefault();
        onCreate(period.trim() === "" ? null : period.trim());
      }}
    >
      <Field label={t("periodLabel")}>
        <Input value={period} onChange={(_, d) => setPeriod(d.value)} placeholder="2026Q3" />
      </Field>
      <Button type="submit" disabled={disabled} title={t("newTemplateHint")}>
        {t("newTemplate")}
      </Button>
    </form>
  );
}
