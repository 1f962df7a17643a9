import { unzipSync } from "fflate";
import { decodeXml, parseXml, type Attributes } from "../../src/io/xlsx/xml.js";

/** A chart as LibreOffice wrote it into an .ods (an embedded `Object N/content.xml`). */
export interface OdsChart {
  readonly object: string;
  /** chart:class of the chart: "chart:bar", "chart:radar", "chart:circle", "chart:scatter"… */
  readonly chartClass: string;
  readonly title: string;
  /** Chart properties of the plot area's style (chart:vertical="true" = horizontal bars). */
  readonly plotArea: Readonly<Record<string, string>>;
  readonly axes: readonly OdsAxis[];
  readonly series: readonly OdsSeries[];
}

export interface OdsAxis {
  readonly dimension: string;
  readonly title: string;
  readonly categories?: string;
  /** Its style's chart and graphic properties (chart:reverse-direction, chart:minimum…). */
  readonly style: Readonly<Record<string, string>>;
}

export interface OdsSeries {
  readonly chartClass: string;
  readonly values: string;
  readonly label: string;
  readonly domains: readonly string[];
  readonly style: Readonly<Record<string, string>>;
}

/** Every embedded chart of an .ods, in object order. */
export function odsCharts(ods: Uint8Array): OdsChart[] {
  const entries = unzipSync(ods);
  const objects = Object.keys(entries)
    .filter((name) => /^Object \d+\/content\.xml$/.test(name))
    .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
  return objects.map((name) => readChart(name.slice(0, name.indexOf("/")), decodeXml(entries[name]!)));
}

function readChart(object: string, xml: string): OdsChart {
  const styles = new Map<string, Record<string, string>>();
  let styleName: string | undefined;
  let chartClass = "";
  let plotStyle = "";
  let title = "";
  const axes: { dimension: string; title: string; categories?: string; styleName: string }[] = [];
  const series: { chartClass: string; values: string; label: string; domains: string[]; styleName: string }[] = [];
  // Where text goes: the chart's title, an axis title, or nowhere.
  let inTitle: "chart" | "axis" | null = null;
  let depth = 0;
  let titleDepth = -1;
  // Open chart:axis elements, so that a chart:title inside one is that axis's title.
  let openAxes = 0;
  const a = (attrs: Attributes, name: string) => attrs[name] ?? "";

  parseXml(`${object}/content.xml`, xml, {
    open(name, attrs) {
      depth++;
      if (name === "style") {
        styleName = a(attrs, "style:name");
        styles.set(styleName, {});
      } else if ((name === "chart-properties" || name === "graphic-properties") && styleName !== undefined) {
        Object.assign(styles.get(styleName)!, attrs);
      } else if (name === "chart" && attrs["chart:class"] !== undefined) {
        chartClass = a(attrs, "chart:class");
      } else if (name === "plot-area") {
        plotStyle = a(attrs, "chart:style-name");
      } else if (name === "axis") {
        axes.push({ dimension: a(attrs, "chart:dimension"), title: "", styleName: a(attrs, "chart:style-name") });
      } else if (name === "categories" && axes.length > 0) {
        axes[axes.length - 1]!.categories = a(attrs, "table:cell-range-address");
      } else if (name === "series") {
        series.push({
          chartClass: a(attrs, "chart:class"),
          values: a(attrs, "chart:values-cell-range-address"),
          label: a(attrs, "loext:label-string").replace(/^"|"$/g, ""),
          domains: [],
          styleName: a(attrs, "chart:style-name"),
        });
      } else if (name === "domain" && series.length > 0) {
        series[series.length - 1]!.domains.push(a(attrs, "table:cell-range-address"));
      } else if (name === "title" && inTitle === null) {
        inTitle = openAxes > 0 ? "axis" : "chart";
        titleDepth = depth;
      }
      if (name === "axis") openAxes++;
    },
    close(name) {
      if (name === "style") styleName = undefined;
      if (name === "axis") openAxes--;
      if (name === "title" && depth === titleDepth) {
        inTitle = null;
        titleDepth = -1;
      }
      depth--;
    },
    text(t) {
      if (inTitle === "chart") title += t;
      else if (inTitle === "axis") axes[axes.length - 1]!.title += t;
    },
  });
  const styleOf = (n: string) => styles.get(n) ?? {};
  return {
    object,
    chartClass,
    title,
    plotArea: styleOf(plotStyle),
    axes: axes.map(({ styleName: s, ...rest }) => ({ ...rest, style: styleOf(s) })),
    series: series.map(({ styleName: s, ...rest }) => ({ ...rest, style: styleOf(s) })),
  };
}
