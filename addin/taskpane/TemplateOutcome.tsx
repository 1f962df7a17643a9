import { Link, makeStyles, MessageBar, MessageBarBody, tokens } from "@fluentui/react-components";
import { useContext } from "react";
import {
  groupNotPlaced,
  notPlacedReason,
  staleNoteSubjects,
  type NotPlacedGroup,
  type NotPlacedReason,
} from "../../src/model/regeneration.js";
import type { RegenerationSummary, TemplateOutcome } from "../operations.js";
import { LanguageContext, useStrings, type Translate } from "./strings.js";

const useStyles = makeStyles({
  body: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, overflowWrap: "anywhere", minWidth: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

/** Joins codes for a line of text (codeList). */
type Codes = (list: readonly string[]) => string;

/** Codes and groups shown before "等 n 个"; the workbook's 未能放回的评分 sheet has every cell. */
const SHOWN = 20;
/** A whole row's reason names the branch only; a cell's or a column's names the items too. */
const ROW_REASONS: ReadonlySet<NotPlacedReason["kind"]> = new Set(["branch-removed", "no-code", "duplicate-row"]);

export interface TemplateOutcomeProps {
  readonly outcome: TemplateOutcome;
  /** Excel mode: selects a cell (to show 未能放回的评分); absent in the file mode. */
  readonly onSelect?: ((sheet: string, cell: string) => void) | undefined;
}

/** What 新建考核模板 did: the new template's roster, or what a regeneration kept and could not place. */
export function TemplateOutcomeView({ outcome, onSelect }: TemplateOutcomeProps) {
  const styles = useStyles();
  const leftOut = outcome.kind === "regenerated" && outcome.summary.notPlaced.length > 0;
  return (
    <MessageBar intent={leftOut ? "warning" : "success"} layout="multiline" data-testid="template-outcome">
      <MessageBarBody className={styles.body}>
        {outcome.kind === "created" ? <Created outcome={outcome} /> : <Regenerated outcome={outcome} onSelect={onSelect} />}
      </MessageBarBody>
    </MessageBar>
  );
}

function Created({ outcome }: { outcome: Extract<TemplateOutcome, { kind: "created" }> }) {
  const t = useStrings();
  const { source } = outcome;
  return (
    <>
      <div>
        {source === null
          ? t("templateCreatedExample")
          : source.sheet === source.file
            ? t("templateCreatedFrom", { n: outcome.branches, file: source.file })
            : t("templateCreatedFromSheet", { n: outcome.branches, file: source.file, sheet: source.sheet })}
      </div>
      {source !== null && outcome.rulesCarried && <div>{t("templateRulesCarried", { file: source.file })}</div>}
      {source !== null && outcome.settingsCarried && <div>{t("templateSettingsCarried", { file: source.file })}</div>}
      <div>{outcome.period === null ? t("templatePeriodNone") : t("period", { period: outcome.period })}</div>
      <div>{outcome.download === null ? t("templateAddedExcel") : t("templateDownloaded", { file: outcome.download })}</div>
    </>
  );
}

function Regenerated({
  outcome,
  onSelect,
}: {
  outcome: Extract<TemplateOutcome, { kind: "regenerated" }>;
  onSelect: ((sheet: string, cell: string) => void) | undefined;
}) {
  const t = useStrings();
  const styles = useStyles();
  const s = outcome.summary;
  const codes = codeList(t);
  const groups = groupNotPlaced(s.notPlaced);
  return (
    <>
      <div data-testid="regenerated-kept">{t("regenDone", { branches: s.branches, items: s.items, kept: s.kept })}</div>
      <div>{outcome.download === null ? t("regenInExcel") : t("regenDownloaded", { file: outcome.download })}</div>
      <Changes summary={s} codes={codes} />
      {s.notPlaced.length > 0 && (
        <div data-testid="regenerated-not-placed">
          <div>{t("regenNotPlaced", { n: s.notPlaced.length, sheet: s.notPlacedSheet ?? "" })}</div>
          <ul className={styles.list}>
            {groups.slice(0, SHOWN).map((g, i) => (
              <GroupLine key={i} group={g} codes={codes} />
            ))}
          </ul>
          {groups.length > SHOWN && <div>{t("regenMoreGroups", { n: groups.length - SHOWN, sheet: s.notPlacedSheet ?? "" })}</div>}
          {onSelect && s.notPlacedSheet !== null && (
            <Link as="button" onClick={() => onSelect(s.notPlacedSheet!, "A1")}>
              {t("regenShowSetAside", { sheet: s.notPlacedSheet })}
            </Link>
          )}
        </div>
      )}
      {s.staleNotes.length > 0 && <StaleNotes summary={s} codes={codes} />}
    </>
  );
}

/** What changed in the roster, the rules, the sheets and the period. */
function Changes({ summary: s, codes }: { summary: RegenerationSummary; codes: Codes }) {
  const t = useStrings();
  const lines: string[] = [];
  if (s.addedBranches.length > 0) lines.push(t("regenAddedBranches", { n: s.addedBranches.length, list: codes(s.addedBranches) }));
  if (s.removedBranches.length > 0) lines.push(t("regenRemovedBranches", { n: s.removedBranches.length, list: codes(s.removedBranches) }));
  for (const r of s.renamedBranches.slice(0, SHOWN)) lines.push(t("regenRenamed", { code: r.code, from: r.from, to: r.to }));
  if (s.renamedBranches.length > SHOWN) lines.push(t("regenRenamedMore", { n: s.renamedBranches.length - SHOWN }));
  if (s.addedItems.length > 0) lines.push(t("regenAddedItems", { n: s.addedItems.length, list: codes(s.addedItems) }));
  if (s.removedItems.length > 0) lines.push(t("regenRemovedItems", { n: s.removedItems.length, list: codes(s.removedItems) }));
  if (s.addedSheets.length > 0) lines.push(t("regenAddedSheets", { list: s.addedSheets.join(t("listSeparator")) }));
  if (s.period) lines.push(t("regenPeriod", { from: s.period.from ?? t("periodUnset"), to: s.period.to }));
  return (
    <>
      {lines.map((line, i) => (
        <div key={i}>{line}</div>
      ))}
    </>
  );
}

/** One group of values kept aside: whose, how many cells on which grids, and why. */
function GroupLine({ group: g, codes }: { group: NotPlacedGroup; codes: Codes }) {
  const t = useStrings();
  const language = useContext(LanguageContext);
  const items = ROW_REASONS.has(g.reason.kind) ? [] : g.items.filter((i) => i !== "");
  const subject = [
    g.branch !== "" ? (g.name === "" ? t("regenBranch", { code: g.branch }) : t("regenBranchNamed", { code: g.branch, name: g.name })) : "",
    items.length > 0 ? t("regenItems", { list: codes(items) }) : "",
  ]
    .filter((x) => x !== "")
    .join(" ");
  const params = { cells: g.cells, sheets: g.sheets.join(t("listSeparator")), reason: notPlacedReason(g.reason, language) };
  return <li>{subject === "" ? t("regenGroupPlain", params) : t("regenGroup", { subject, ...params })}</li>;
}

/** 扣分说明 rows about branches or items that are gone: left where they are. */
function StaleNotes({ summary: s, codes }: { summary: RegenerationSummary; codes: Codes }) {
  const t = useStrings();
  const about = staleNoteSubjects(s.staleNotes);
  const list = [
    about.branches.length > 0 ? t("regenBranch", { code: codes(about.branches) }) : "",
    about.items.length > 0 ? t("regenItems", { list: codes(about.items) }) : "",
  ]
    .filter((x) => x !== "")
    .join(t("listSeparator"));
  return <div>{t("regenStaleNotes", { n: s.staleNotes.length, list })}</div>;
}

/** Codes joined, the first SHOWN of a longer list with how many more. */
function codeList(t: Translate): Codes {
  return (list) => {
    const shown = list.slice(0, SHOWN).join(t("listSeparator"));
    return list.length > SHOWN ? t("listMore", { list: shown, n: list.length - SHOWN }) : shown;
  };
}
