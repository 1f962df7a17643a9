import { Badge, Caption1, makeStyles, Text, tokens } from "@fluentui/react-components";
import { ShowMore, usePages } from "./ShowMore.js";
import { StarRating } from "./StarRating.js";
import { useStrings } from "./strings.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
  list: { listStyle: "none", margin: 0, padding: 0, minWidth: 0 },
  // Rank, name (takes the rest and wraps), total, stars: fits a 350 px pane without scrolling sideways.
  row: {
    display: "grid",
    gridTemplateColumns: "2.5em minmax(0, 1fr) auto auto",
    columnGap: tokens.spacingHorizontalS,
    alignItems: "baseline",
    padding: `${tokens.spacingVerticalXXS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  rank: { textAlign: "end", fontVariantNumeric: "tabular-nums", color: tokens.colorNeutralForeground3 },
  name: { minWidth: 0, overflowWrap: "anywhere" },
  veto: { marginInlineStart: tokens.spacingHorizontalXS, whiteSpace: "nowrap", verticalAlign: "text-bottom" },
  detail: { display: "block", color: tokens.colorPaletteDarkOrangeForeground2 },
  total: { textAlign: "end", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
  stars: { whiteSpace: "nowrap" },
});

/** One branch of a ranking as the pane shows it. */
export interface RankingRow {
  readonly code: string;
  readonly rank: number;
  readonly name: string;
  /** The score as written in the sheets (two decimals). */
  readonly total: string;
  readonly stars: number;
  readonly vetoed: boolean;
  /** Lines under the name (the annual grade: why the stars were capped). */
  readonly details?: readonly string[];
}

/** Branches shown at first; "显示更多" adds as many again. */
export const RANKING_PAGE = 20;

export interface RankingListProps {
  readonly rows: readonly RankingRow[];
  /** What the list is, for screen readers. */
  readonly label: string;
  /** Where the full table is (the workbook's sheet). */
  readonly full: string;
  readonly testId: string;
}

/**
 * A ranking, compact for Excel's 350 px task pane: rank, name (with a 否决 badge), total and
 * stars on a line; the full table (category, areas…) is the workbook's. Pages on, never cut off.
 */
export function RankingList({ rows, label, full, testId }: RankingListProps) {
  const t = useStrings();
  const styles = useStyles();
  const pages = usePages(rows, RANKING_PAGE);
  return (
    <div className={styles.root}>
      <ol className={styles.list} aria-label={label} data-testid={testId}>
        {pages.shown.map((b) => (
          <li key={b.code} className={styles.row} data-testid="ranking-row">
            <Text className={styles.rank} aria-label={t("rankRow", { rank: b.rank })}>
              {b.rank}
            </Text>
            <span className={styles.name}>
              <Text>{b.name}</Text>
              {b.vetoed && <VetoBadge />}
              {b.details?.map((line) => (
                <Caption1 key={line} className={styles.detail} data-testid="ranking-detail">
                  {line}
                </Caption1>
              ))}
            </span>
            <Text className={styles.total}>{b.total}</Text>
            <span className={styles.stars}>
              <StarRating stars={b.stars} />
            </span>
          </li>
        ))}
      </ol>
      <ShowMore pages={pages} shownText="rankingShown" moreText="rankingShowMore" testId="ranking-show-more" />
      <Caption1>{full}</Caption1>
    </div>
  );
}

function VetoBadge() {
  const t = useStrings();
  const styles = useStyles();
  return (
    <Badge appearance="tint" color="danger" size="small" className={styles.veto} data-testid="veto-badge">
      {t("vetoed")}
    </Badge>
  );
}
