import { Button, Caption1, Combobox, makeStyles, Option, tokens, typographyStyles } from "@fluentui/react-components";
import { useState } from "react";
import type { BranchResult, Profile, ResultOverview } from "../../src/model/result.js";
import { StarRating } from "./StarRating.js";
import { useStrings, type StringId } from "./strings.js";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  figures: {
    display: "grid",
    gridTemplateColumns: "auto 1fr auto 1fr",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3, margin: 0 },
  value: { margin: 0, fontVariantNumeric: "tabular-nums" },
  radar: { width: "100%", maxWidth: "340px", height: "auto", alignSelf: "center" },
  heading: { ...typographyStyles.body1Strong, margin: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  shortfall: { color: tokens.colorPaletteRedForeground1, fontVariantNumeric: "tabular-nums" },
  note: { color: tokens.colorNeutralForeground3 },
  legend: { display: "flex", gap: tokens.spacingHorizontalM, justifyContent: "center" },
});

/** Options listed at once; typing narrows them. */
const SHOWN = 50;
const BRANCH_COLOUR = "#2F5597";
const CATEGORY_COLOUR = "#ED7D31";

const label = (b: BranchResult) => `${b.name || b.code}（${b.code}）`;
const fixed = (v: number) => v.toFixed(2);
const SIGNS = { [-1]: "−", 0: "", 1: "+" } as Readonly<Record<number, string>>;
const signed = (v: number) => `${SIGNS[Math.sign(v)] ?? ""}${Math.abs(v).toFixed(2)}`;

/**
 * 支部画像 in the pane: pick a branch by code or name; its key figures, a radar of its areas
 * against its category's mean, its 短板弱项 and deductions, all as the result gives them.
 * 转到画像页 (Excel only) selects its block on the 支部画像 sheet.
 */
export function ProfileView(props: {
  readonly result: ResultOverview;
  /** Absent where there is no sheet to show (file mode, or a run that wrote nothing). */
  readonly onShow?: (code: string) => void;
}) {
  const { result, onShow } = props;
  const t = useStrings();
  const styles = useStyles();
  const [code, setCode] = useState<string>(result.branches[0]?.code ?? "");
  const [query, setQuery] = useState<string>("");
  const branch = result.branches.find((b) => b.code === code);
  const profile = result.profiles.find((p) => p.code === code);
  const q = query.trim().toLowerCase();
  const matches = result.branches.filter((b) => q === "" || b.code.toLowerCase().includes(q) || b.name.toLowerCase().includes(q));
  const statusId: StringId = result.status === "final" ? "statusFinal" : "statusProvisional";

  return (
    <div className={styles.view} data-testid="profile-view">
      <Combobox
        aria-label={t("profilePick")}
        placeholder={t("profileSearch")}
        freeform
        value={query === "" && branch ? label(branch) : query}
        selectedOptions={code === "" ? [] : [code]}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        onOptionSelect={(_, data) => {
          if (data.optionValue !== undefined) setCode(data.optionValue);
          setQuery("");
        }}
      >
        {matches.slice(0, SHOWN).map((b) => (
          <Option key={b.code} value={b.code} text={label(b)}>
            {label(b)}
          </Option>
        ))}
        {matches.length === 0 && (
          <Option key="none" value="" text={t("profileNoMatch")} disabled>
            {t("profileNoMatch")}
          </Option>
        )}
      </Combobox>
      {matches.length > SHOWN && <Caption1>{t("profileMoreMatches", { shown: SHOWN, total: matches.length })}</Caption1>}

      {branch && profile && (
        <>
          <dl className={styles.figures} data-testid="profile-figures">
            <dt className={styles.term}>{t("colTotal")}</dt>
            <dd className={styles.value}>{fixed(branch.total)}</dd>
            <dt className={styles.term}>{t("colStars")}</dt>
            <dd className={styles.value}>
              <StarRating stars={branch.stars} />
            </dd>
            <dt className={styles.term}>{t("profileRank")}</dt>
            <dd className={styles.value}>{`${branch.rank}/${result.branches.length}`}</dd>
            <dt className={styles.term}>{t("profileCategoryRank")}</dt>
            <dd className={styles.value}>
              {branch.categoryRank === null || profile.categoryBranches === null
                ? "—"
                : `${branch.categoryRank}/${profile.categoryBranches}`}
            </dd>
            <dt className={styles.term}>{t("profileTier")}</dt>
            <dd className={styles.value}>{branch.tier}</dd>
            <dt className={styles.term}>{t("profileStatus")}</dt>
            <dd className={styles.value}>
              {[
                t(statusId),
                ...(branch.vetoed ? [t("profileVetoed")] : []),
                ...(branch.pending > 0 ? [t("profilePending", { n: branch.pending })] : []),
              ].join(t("listSeparator"))}
            </dd>
          </dl>

          {profile.areas.length >= 3 && <Radar profile={profile} name={branch.name || branch.code} className={styles.radar} />}
          {profile.areas.length >= 3 && (
            <div className={styles.legend} aria-hidden="true">
              <Caption1 style={{ color: BRANCH_COLOUR }}>■ {t("profileBranchSeries")}</Caption1>
              {profile.areas.some((a) => a.categoryAverage !== null) && (
                <Caption1 style={{ color: CATEGORY_COLOUR }}>■ {t("profileCategorySeries")}</Caption1>
              )}
            </div>
          )}

          <h3 className={styles.heading}>{t("profileWeak")}</h3>
          {profile.weakAreas.length === 0 ? (
            <Caption1>{t(branch.category === null ? "profileWeakNoCategory" : "profileWeakNone")}</Caption1>
          ) : (
            <ul className={styles.list} data-testid="profile-weak">
              {profile.weakAreas.map((w) => (
                <li key={w.name}>
                  {w.name} <span className={styles.shortfall}>{signed(w.gap)}</span>
                  {w.items.length > 0 && (
                    <span className={styles.note}>{t("profileWeakItems", { items: w.items.join(t("listSeparator")) })}</span>
                  )}
                </li>
              ))}
            </ul>
          )}

          <h3 className={styles.heading}>{t("profileDeductions", { n: profile.deductions.length })}</h3>
          {profile.deductions.length === 0 ? (
            <Caption1>{t("profileDeductionsNone")}</Caption1>
          ) : (
            <ul className={styles.list} data-testid="profile-deductions">
              {profile.deductions.map((d) => (
                <li key={d.item}>
                  {`${d.item} ${d.content}`}
                  {t("profileDeducted", { points: fixed(d.deducted), status: d.status })}
                  {d.notes.map((n, i) => (
                    <div key={i} className={styles.note}>
                      {n.text}
                    </div>
                  ))}
                </li>
              ))}
            </ul>
          )}
          {profile.bonuses.length > 0 && (
            <Caption1>
              {t("profileBonuses", { list: profile.bonuses.map((x) => `${x.item} +${fixed(x.score)}`).join(t("listSeparator")) })}
            </Caption1>
          )}
          {profile.vetoes.length > 0 && (
            <Caption1 className={styles.shortfall}>
              {t("profileVetoes", { list: profile.vetoes.map((x) => `${x.item} ${x.content}`).join(t("listSeparator")) })}
            </Caption1>
          )}

          {onShow && (
            <Button onClick={() => onShow(branch.code)} title={t("profileGoToHint")}>
              {t("profileGoTo")}
            </Button>
          )}
        </>
      )}
    </div>
  );
}

/** The branch's area rates (blue) against its category's means (orange), 0–100 on each spoke. */
function Radar({ profile, name, className }: { readonly profile: Profile; readonly name: string; readonly className: string }) {
  const t = useStrings();
  // Wider than tall: the labels at the sides need room.
  const width = 360;
  const height = 290;
  const cx = width / 2;
  const cy = height / 2;
  const radius = 95;
  const n = profile.areas.length;
  const point = (i: number, rate: number) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    const r = (Math.max(0, Math.min(100, rate)) / 100) * radius;
    return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)] as const;
  };
  const polygon = (rates: readonly number[]) => rates.map((v, i) => point(i, v).join(",")).join(" ");
  const hasCategory = profile.areas.every((a) => a.categoryAverage !== null);
  return (
    <svg
      className={className}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={t("profileRadarLabel", { name })}
      data-testid="profile-radar"
    >
      {[25, 50, 75, 100].map((ring) => (
        <polygon key={ring} points={polygon(profile.areas.map(() => ring))} fill="none" stroke="#D0D0D0" strokeWidth={1} />
      ))}
      {profile.areas.map((a, i) => {
        const [x, y] = point(i, 100);
        const [lx, ly] = point(i, 112);
        return (
          <g key={a.name}>
            <line x1={cx} y1={cy} x2={x} y2={y} stroke="#D0D0D0" strokeWidth={1} />
            <text
              x={lx}
              y={ly}
              fontSize={12}
              textAnchor={Math.abs(lx - cx) < 5 ? "middle" : lx > cx ? "start" : "end"}
              dominantBaseline="middle"
            >
              {a.name.length > 6 ? `${a.name.slice(0, 6)}…` : a.name}
            </text>
          </g>
        );
      })}
      {hasCategory && (
        <polygon
          points={polygon(profile.areas.map((a) => a.categoryAverage!))}
          fill={CATEGORY_COLOUR}
          fillOpacity={0.15}
          stroke={CATEGORY_COLOUR}
          strokeWidth={2}
          data-series="category"
        />
      )}
      <polygon
        points={polygon(profile.areas.map((a) => a.rate))}
        fill={BRANCH_COLOUR}
        fillOpacity={0.2}
        stroke={BRANCH_COLOUR}
        strokeWidth={2}
        data-series="branch"
      />
    </svg>
  );
}
