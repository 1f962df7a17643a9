import {
  Caption1,
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import type { BranchResult } from "../../src/model/result.js";
import { StarRating } from "./StarRating.js";
import { useStrings } from "./strings.js";

const useStyles = makeStyles({
  wrap: { overflowX: "auto" },
  number: { textAlign: "end", fontVariantNumeric: "tabular-nums" },
  veto: { color: tokens.colorPaletteRedForeground1 },
  rank: { width: "3em" },
  category: { width: "6em" },
  total: { width: "4.5em" },
  starsColumn: { width: "5.5em" },
});

/** Rows shown in the pane; the 考核结果 sheet has every branch. */
const SHOWN = 100;

/** The ranking as the result gives it (already in rank order): rank, branch, category, total, stars. */
export function RankingTable({ branches }: { readonly branches: readonly BranchResult[] }) {
  const t = useStrings();
  const styles = useStyles();
  const shown = branches.slice(0, SHOWN);
  return (
    <div className={styles.wrap}>
      <Table size="extra-small" aria-label={t("rankingCaption")} data-testid="ranking-table">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.rank}>{t("colRank")}</TableHeaderCell>
            <TableHeaderCell>{t("colBranch")}</TableHeaderCell>
            <TableHeaderCell className={styles.category}>{t("colCategory")}</TableHeaderCell>
            <TableHeaderCell className={mergeClasses(styles.total, styles.number)}>{t("colTotal")}</TableHeaderCell>
            <TableHeaderCell className={styles.starsColumn}>{t("colStars")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((b) => (
            <TableRow key={b.code}>
              <TableCell>{b.rank}</TableCell>
              <TableCell>
                {b.name}
                {b.vetoed && <span className={styles.veto}>{t("vetoed")}</span>}
              </TableCell>
              <TableCell>{b.category ?? "—"}</TableCell>
              <TableCell className={styles.number}>{b.total.toFixed(2)}</TableCell>
              <TableCell>
                <StarRating stars={b.stars} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {branches.length > SHOWN && <Caption1>{t("rankingMore", { shown: SHOWN, total: branches.length })}</Caption1>}
    </div>
  );
}
