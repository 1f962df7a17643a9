import { makeStyles, tokens } from "@fluentui/react-components";
import { starText } from "../../src/report/labels.js";
import { useStrings } from "./strings.js";

const useStyles = makeStyles({
  stars: { color: tokens.colorPaletteGoldForeground2, whiteSpace: "nowrap", letterSpacing: "1px" },
});

/** A star grade as the sheets write it (★★★★☆), read out as "4 星"; 无星 for none. */
export function StarRating({ stars }: { readonly stars: number }) {
  const t = useStrings();
  const styles = useStyles();
  if (stars === 0) return <>{t("noStars")}</>;
  return (
    <span className={styles.stars} role="img" aria-label={t("starsLabel", { n: stars })}>
      {starText(stars)}
    </span>
  );
}
