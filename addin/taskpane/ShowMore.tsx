import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { useStrings, type StringId } from "./strings.js";

const useStyles = makeStyles({
  more: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
});

/** A long list shown a page at a time (never cut off): the items shown so far, how many are left, and the next page. */
export interface Pages<T> {
  readonly shown: readonly T[];
  readonly left: number;
  more(): void;
}

export function usePages<T>(items: readonly T[], page: number): Pages<T> {
  const [limit, setLimit] = useState(page);
  const shown = items.slice(0, limit);
  return { shown, left: items.length - shown.length, more: () => setLimit(limit + page) };
}

export interface ShowMoreProps {
  readonly pages: Pages<unknown>;
  /** How many are shown of how many (`{shown}`, `{total}`). */
  readonly shownText: StringId;
  /** The button's label (`{n}` left). */
  readonly moreText: StringId;
  readonly testId: string;
}

/** The footer of a paged list while items are left: how many are shown, and 显示更多. */
export function ShowMore({ pages, shownText, moreText, testId }: ShowMoreProps) {
  const t = useStrings();
  const styles = useStyles();
  if (pages.left <= 0) return null;
  return (
    <div className={styles.more}>
      <Caption1>{t(shownText, { shown: pages.shown.length, total: pages.shown.length + pages.left })}</Caption1>
      <Button size="small" onClick={pages.more} data-testid={testId}>
        {t(moreText, { n: pages.left })}
      </Button>
    </div>
  );
}
