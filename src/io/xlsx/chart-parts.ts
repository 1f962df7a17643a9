import type { SheetSpec } from "../../report/sheet-spec.js";
import { chartPartXml, drawingPartXml } from "./chart-xml.js";
import type { PackageEditor } from "./package-editor.js";
import { REL_NS } from "./relationships.js";

const DRAWING_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

/**
 * A sheet's charts as package parts: one drawing (`<dir>drawings/drawingN.xml`) placing a
 * chart part (`<dir>charts/chartN.xml`) per chart, under free names, with their relationships
 * and content types; the sheet's rows give the charts' cached values. Returns the id of the
 * sheet's relationship to the drawing, for its `<drawing r:id>`.
 */
export function addChartParts(pkg: PackageEditor, dir: string, sheetPart: string, spec: SheetSpec): string {
  const charts = spec.charts ?? [];
  const drawing = pkg.freePartName((k) => `${dir}drawings/drawing${k}.xml`);
  pkg.addPart(drawing, "", DRAWING_CONTENT_TYPE); // reserves the name; written below
  const chartRelIds = charts.map((chart) => {
    const part = pkg.freePartName((k) => `${dir}charts/chart${k}.xml`);
    pkg.addPart(part, chartPartXml(chart, spec.name, spec.rows), CHART_CONTENT_TYPE);
    return pkg.relate(drawing, `${REL_NS}/chart`, part);
  });
  pkg.setText(
    drawing,
    drawingPartXml(
      charts.map((c) => c.anchor),
      chartRelIds,
    ),
  );
  return pkg.relate(sheetPart, `${REL_NS}/drawing`, drawing);
}
