/** Chart proxies of the fake host: charts.add from a source range, titles, axes, series, position. */
import { formatRect, parseRect, type Rect } from "./address.js";
import { ClientObject, defineProps, sealed, type FakeRequestContext } from "./context.js";
import { ErrorCodes, fail } from "./errors.js";
import { localRect, type RangeProxy } from "./range.js";
import { cellText, type ChartAxisState, type ChartState, type FakeSheet, type SeriesState } from "./state.js";

/** The chart types the fake accepts (a subset of Excel.ChartType; a misspelt type fails). */
export const CHART_TYPES = [
  "ColumnClustered",
  "ColumnStacked",
  "ColumnStacked100",
  "BarClustered",
  "BarStacked",
  "BarStacked100",
  "Line",
  "LineMarkers",
  "LineStacked",
  "Pie",
  "Doughnut",
  "Area",
  "AreaStacked",
  "XYScatter",
  "XYScatterLines",
  "XYScatterLinesNoMarkers",
  "XYScatterSmooth",
  "XYScatterSmoothNoMarkers",
  "Radar",
  "RadarMarkers",
  "RadarFilled",
];
const checkType = (v: unknown) => {
  if (typeof v !== "string" || !CHART_TYPES.includes(v)) fail(ErrorCodes.invalidArgument, `Invalid chart type ${JSON.stringify(v)}.`);
};
const isScatter = (t: string) => t.startsWith("XYScatter");
const hasNoAxes = (t: string) => t === "Pie" || t === "Doughnut";
const isRadar = (t: string) => t.startsWith("Radar");

let chartNumber = 0;

/** Series as Excel derives them from a table: header row = names, first column = categories (x values). */
function deriveSeries(sheet: FakeSheet, rect: Rect, seriesBy: string, chartType: string): SeriesState[] {
  const byRows = seriesBy === "Rows";
  const out: SeriesState[] = [];
  const count = byRows ? rect.r1 - rect.r0 : rect.c1 - rect.c0;
  for (let k = 1; k <= count; k++) {
    const name = byRows ? cellText(sheet.cell(rect.r0 + k, rect.c0)) : cellText(sheet.cell(rect.r0, rect.c0 + k));
    out.push({
      name: name === "" ? `Series${k}` : name,
      chartType,
      markerStyle: isScatter(chartType) || chartType === "LineMarkers" || chartType === "RadarMarkers" ? "Automatic" : "None",
      values: byRows
        ? { r0: rect.r0 + k, c0: rect.c0 + 1, r1: rect.r0 + k, c1: rect.c1 }
        : { r0: rect.r0 + 1, c0: rect.c0 + k, r1: rect.r1, c1: rect.c0 + k },
      xValues: byRows
        ? { r0: rect.r0, c0: rect.c0 + 1, r1: rect.r0, c1: rect.c1 }
        : { r0: rect.r0 + 1, c0: rect.c0, r1: rect.r1, c1: rect.c0 },
      lineStyle: isScatter(chartType) && !chartType.includes("Lines") && !chartType.includes("Smooth") ? "None" : "Continuous",
      lineColor: null,
    });
  }
  return out;
}

class ChartCollectionProxy extends ClientObject<FakeSheet> {
  add(type: string, sourceData: RangeProxy, seriesBy: string = "Auto"): ChartProxy {
    checkType(type);
    if (!["Auto", "Columns", "Rows"].includes(seriesBy)) fail(ErrorCodes.invalidArgument, `Invalid seriesBy ${JSON.stringify(seriesBy)}.`);
    if (!(sourceData instanceof ClientObject) || sourceData.ctx !== this.ctx)
      fail(ErrorCodes.invalidArgument, "charts.add needs a Range of this request context.");
    const proxy = newChart(this.ctx, `${this.path}.add(${JSON.stringify(type)})`, () =>
      fail(ErrorCodes.invalidOperation, "The chart is not created until context.sync()."),
    );
    this.ctx.enqueue(this.path, "add", [type, sourceData.path, seriesBy], () => {
      const sheet = this.resolve();
      sheet.checkEditable({ r0: 0, c0: 0, r1: 0, c1: 0 }, "object", "allowEditObjects");
      const source = sourceData.resolve();
      const chart: ChartState = {
        id: `{fake-chart-${++chartNumber}}`,
        name: `Chart ${sheet.charts.length + 1}`,
        chartType: type,
        sheet,
        source: source.rect,
        seriesBy,
        title: null,
        legend: { visible: true, position: "Right" },
        axes: { category: { title: null, minimum: null, maximum: null }, value: { title: null, minimum: null, maximum: null } },
        position: null,
        series: deriveSeries(source.sheet, source.rect, seriesBy, type),
      };
      sheet.charts.push(chart);
      proxy.bind(chart);
    });
    return proxy;
  }

  getItem(name: string): ChartProxy {
    return newChart(this.ctx, `${this.path}.getItem(${JSON.stringify(name)})`, () => {
      const chart = this.resolve().charts.find((c) => c.name === name);
      if (!chart) fail(ErrorCodes.itemNotFound, `No chart named ${name}.`);
      return chart!;
    });
  }

  getItemAt(index: number): ChartProxy {
    return newChart(this.ctx, `${this.path}.getItemAt(${index})`, () => {
      const chart = this.resolve().charts[index];
      if (!chart) fail(ErrorCodes.itemNotFound, `No chart at ${index}.`);
      return chart!;
    });
  }
}
defineProps(ChartCollectionProxy, "ChartCollection", { count: { get: (s) => s.charts.length } });

export function newChartCollection(ctx: FakeRequestContext, path: string, resolver: () => FakeSheet): ClientObject {
  return sealed(new ChartCollectionProxy(ctx, path, resolver));
}

// ---------------------------------------------------------------------------------------------

export class ChartProxy extends ClientObject<ChartState> {
  get title(): ClientObject {
    return this.part("title", () => new ChartTitleProxy(this.ctx, `${this.path}.title`, () => this.resolve()));
  }

  get axes(): ChartAxesProxy {
    return this.part("axes", () => new ChartAxesProxy(this.ctx, `${this.path}.axes`, () => this.resolve()));
  }

  get legend(): ClientObject {
    return this.part("legend", () => new ChartLegendProxy(this.ctx, `${this.path}.legend`, () => this.resolve()));
  }

  get series(): ChartSeriesCollectionProxy {
    return this.part("series", () => new ChartSeriesCollectionProxy(this.ctx, `${this.path}.series`, () => this.resolve()));
  }

  setPosition(startCell: RangeProxy | string, endCell?: RangeProxy | string): void {
    const address = (x: RangeProxy | string) => (typeof x === "string" ? x : x.path);
    for (const x of [startCell, endCell]) {
      if (typeof x === "string" && parseRect(x.replace(/^.*!/, "")) === null)
        fail(ErrorCodes.invalidArgument, `Invalid address ${JSON.stringify(x)}.`);
    }
    this.ctx.enqueue(this.path, "setPosition", [address(startCell), endCell === undefined ? null : address(endCell)], () => {
      const rect = (x: RangeProxy | string) => formatRect(typeof x === "string" ? localRect(x) : x.resolve().rect);
      this.resolve().position = { from: rect(startCell), to: endCell === undefined ? null : rect(endCell) };
    });
  }

  delete(): void {
    this.ctx.enqueue(this.path, "delete", [], () => {
      const chart = this.resolve();
      chart.sheet.charts.splice(chart.sheet.charts.indexOf(chart), 1);
    });
  }
}
defineProps(ChartProxy, "Chart", {
  name: { get: (c) => c.name, set: (c, v) => void (c.name = String(v)) },
  chartType: { version: "1.7", get: (c) => c.chartType, check: checkType, set: (c, v) => void (c.chartType = v as string) },
});

function newChart(ctx: FakeRequestContext, path: string, resolver: () => ChartState): ChartProxy {
  return sealed(new ChartProxy(ctx, path, resolver));
}

class ChartTitleProxy extends ClientObject<ChartState> {}
defineProps(ChartTitleProxy, "ChartTitle", {
  text: { get: (c) => c.title ?? "", set: (c, v) => void (c.title = String(v)) },
  visible: { get: (c) => c.title !== null, set: () => undefined },
});

class ChartLegendProxy extends ClientObject<ChartState> {}
defineProps(ChartLegendProxy, "ChartLegend", {
  visible: { get: (c) => c.legend.visible, set: (c, v) => void (c.legend.visible = v === true) },
  position: { get: (c) => c.legend.position, set: (c, v) => void (c.legend.position = String(v)) },
});

class ChartAxesProxy extends ClientObject<ChartState> {
  private axis(which: "category" | "value"): ClientObject {
    return sealed(new ChartAxisProxy(this.ctx, `${this.path}.${which}Axis`, () => this.resolve(), which));
  }
  get categoryAxis(): ClientObject {
    return this.axis("category");
  }
  get valueAxis(): ClientObject {
    return this.axis("value");
  }
}

interface AxisTarget {
  readonly chart: ChartState;
  readonly axis: ChartAxisState;
  readonly which: "category" | "value";
}

class ChartAxisProxy extends ClientObject<AxisTarget> {
  constructor(ctx: FakeRequestContext, path: string, chart: () => ChartState, which: "category" | "value") {
    super(ctx, path, () => {
      const c = chart();
      if (hasNoAxes(c.chartType)) fail(ErrorCodes.invalidOperation, `A ${c.chartType} chart has no axes.`);
      return { chart: c, axis: c.axes[which], which };
    });
  }
  get title(): ClientObject {
    return sealed(new ChartAxisTitleProxy(this.ctx, `${this.path}.title`, () => this.resolve()));
  }
}

/** Category axes of bar, column and radar charts hold labels: they have no numeric bounds. */
const checkBounds = (t: AxisTarget) => {
  if (t.which === "category" && !isScatter(t.chart.chartType))
    fail(ErrorCodes.invalidOperation, "A category axis has no minimum or maximum.");
};
defineProps(ChartAxisProxy, "ChartAxis", {
  minimum: { get: (t) => t.axis.minimum, set: (t, v) => (checkBounds(t), void (t.axis.minimum = Number(v))) },
  maximum: { get: (t) => t.axis.maximum, set: (t, v) => (checkBounds(t), void (t.axis.maximum = Number(v))) },
});

class ChartAxisTitleProxy extends ClientObject<AxisTarget> {}
defineProps(ChartAxisTitleProxy, "ChartAxisTitle", {
  text: {
    get: (t) => t.axis.title ?? "",
    set: (t, v) => {
      if (isRadar(t.chart.chartType)) fail(ErrorCodes.invalidOperation, "Radar charts have no axis titles.");
      t.axis.title = String(v);
    },
  },
  visible: { get: (t) => t.axis.title !== null, set: () => undefined },
});

// ---------------------------------------------------------------------------------------------

class ChartSeriesCollectionProxy extends ClientObject<ChartState> {
  getItemAt(index: number): ClientObject {
    return sealed(
      new ChartSeriesProxy(this.ctx, `${this.path}.getItemAt(${index})`, () => {
        const chart = this.resolve();
        const series = chart.series[index];
        if (!series) fail(ErrorCodes.itemNotFound, `No series at ${index}.`);
        return { chart, series: series! };
      }),
    );
  }

  add(name?: string): ClientObject {
    this.ctx.need("1.7", "ChartSeriesCollection.add");
    const proxy = sealed(
      new ChartSeriesProxy(this.ctx, `${this.path}.add(${JSON.stringify(name ?? null)})`, () =>
        fail(ErrorCodes.invalidOperation, "not created yet"),
      ),
    );
    this.ctx.enqueue(this.path, "add", [name ?? null], () => {
      const chart = this.resolve();
      const series: SeriesState = {
        name: name ?? `Series${chart.series.length + 1}`,
        chartType: chart.chartType,
        markerStyle: "Automatic",
        values: null,
        xValues: null,
        lineStyle: "Continuous",
        lineColor: null,
      };
      chart.series.push(series);
      proxy.bind({ chart, series });
    });
    return proxy;
  }
}
defineProps(ChartSeriesCollectionProxy, "ChartSeriesCollection", { count: { get: (c) => c.series.length } });

interface SeriesTarget {
  readonly chart: ChartState;
  readonly series: SeriesState;
}

class ChartSeriesProxy extends ClientObject<SeriesTarget> {
  get format(): ClientObject {
    const line = sealed(new ChartLineFormatProxy(this.ctx, `${this.path}.format.line`, () => this.resolve()));
    return sealed(new ChartSeriesFormatProxy(this.ctx, `${this.path}.format`, () => this.resolve(), line));
  }

  setValues(source: RangeProxy): void {
    this.ctx.need("1.7", "ChartSeries.setValues");
    this.ctx.enqueue(this.path, "setValues", [source.path], () => void (this.resolve().series.values = source.resolve().rect));
  }

  setXAxisValues(source: RangeProxy): void {
    this.ctx.need("1.7", "ChartSeries.setXAxisValues");
    this.ctx.enqueue(this.path, "setXAxisValues", [source.path], () => void (this.resolve().series.xValues = source.resolve().rect));
  }

  delete(): void {
    this.ctx.need("1.7", "ChartSeries.delete");
    this.ctx.enqueue(this.path, "delete", [], () => {
      const { chart, series } = this.resolve();
      chart.series.splice(chart.series.indexOf(series), 1);
    });
  }
}
defineProps(ChartSeriesProxy, "ChartSeries", {
  name: { get: (t) => t.series.name, set: (t, v) => void (t.series.name = String(v)) },
  chartType: {
    version: "1.7",
    get: (t) => t.series.chartType,
    check: checkType,
    set: (t, v) => {
      if (isScatter(t.chart.chartType) !== isScatter(v as string))
        fail(ErrorCodes.invalidOperation, `Cannot combine ${v as string} with a ${t.chart.chartType} chart.`);
      t.series.chartType = v as string;
      if ((v as string).includes("NoMarkers")) t.series.markerStyle = "None";
      if ((v as string).includes("Lines") || (v as string).includes("Smooth")) t.series.lineStyle = "Continuous";
    },
  },
  markerStyle: {
    version: "1.7",
    get: (t) => t.series.markerStyle,
    check: (v) => {
      const styles = [
        "Invalid",
        "Automatic",
        "None",
        "Square",
        "Diamond",
        "Triangle",
        "X",
        "Star",
        "Dot",
        "Dash",
        "Circle",
        "Plus",
        "Picture",
      ];
      if (typeof v !== "string" || !styles.includes(v)) fail(ErrorCodes.invalidArgument, `Invalid marker style ${JSON.stringify(v)}.`);
    },
    set: (t, v) => void (t.series.markerStyle = v as string),
  },
});

class ChartSeriesFormatProxy extends ClientObject<SeriesTarget> {
  constructor(
    ctx: FakeRequestContext,
    path: string,
    resolver: () => SeriesTarget,
    readonly line: ClientObject,
  ) {
    super(ctx, path, resolver);
  }
}

class ChartLineFormatProxy extends ClientObject<SeriesTarget> {}
defineProps(ChartLineFormatProxy, "ChartLineFormat", {
  color: { get: (t) => t.series.lineColor ?? "", set: (t, v) => void (t.series.lineColor = String(v)) },
  lineStyle: { version: "1.7", get: (t) => t.series.lineStyle, set: (t, v) => void (t.series.lineStyle = String(v)) },
  weight: { version: "1.7", get: () => 2.25, set: () => undefined },
});
