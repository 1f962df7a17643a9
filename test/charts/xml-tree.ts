import { SaxesParser } from "saxes";

export const NS = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
} as const;

const PREFIX_OF: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(NS).map(([p, uri]) => [uri, p]));

/** An element with namespaces resolved; `name` is "prefix:local" with our canonical prefixes (c, a, r, xdr). */
export interface El {
  readonly name: string;
  /** Attributes by canonical qualified name ("val", "r:id"); xmlns declarations left out. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: El[];
  text: string;
}

/**
 * Parses with saxes in namespace mode: fails on malformed XML and on unbound prefixes, and
 * names elements by namespace URI rather than by whatever prefix the document chose.
 */
export function parseTree(xml: string): El {
  const parser = new SaxesParser({ xmlns: true });
  const stack: El[] = [];
  let root: El | undefined;
  const canonical = (uri: string, local: string) => {
    if (uri === "") return local;
    const prefix = PREFIX_OF[uri];
    if (prefix === undefined) throw new Error(`unexpected namespace ${uri}`);
    return `${prefix}:${local}`;
  };
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === "xmlns" || a.name === "xmlns") continue;
      attrs[canonical(a.uri, a.local)] = a.value;
    }
    const el: El = { name: canonical(tag.uri, tag.local), attrs, children: [], text: "" };
    if (stack.length === 0) root = el;
    else stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on("text", (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on("closetag", () => void stack.pop());
  parser.on("error", (e) => {
    throw e;
  });
  parser.write(xml).close();
  if (root === undefined) throw new Error("no root element");
  return root;
}

/** Descendants (depth first, document order) whose name is `name`. */
export function all(el: El, name: string): El[] {
  const out: El[] = [];
  const walk = (e: El) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** The single descendant reached by a path of child names: `child(chart, "c:plotArea", "c:barChart")`. */
export function child(el: El, ...path: string[]): El {
  let at = el;
  for (const name of path) {
    const found = at.children.filter((c) => c.name === name);
    if (found.length !== 1)
      throw new Error(`${at.name} has ${found.length} <${name}> children, expected 1 (${at.children.map((c) => c.name).join(" ")})`);
    at = found[0]!;
  }
  return at;
}

export function maybeChild(el: El, name: string): El | undefined {
  return el.children.find((c) => c.name === name);
}

export const val = (el: El, ...path: string[]): string | undefined => child(el, ...path).attrs["val"];

// ---------------------------------------------------------------------------------------------
// Schema sequences (ECMA-376 transitional, dml-chart.xsd / dml-main.xsd / dml-spreadsheetDrawing.xsd)
// for the elements the chart writer emits. Each entry lists a parent's allowed children in
// order; names separated by "|" share a slot (a choice, or a group whose members may mix).
// A trailing "!" marks a required child, "*" a repeatable one.

type Sequence = readonly string[];

const TEXT_CHAR_PROPS: Sequence = [
  "a:ln",
  "a:noFill|a:solidFill|a:gradFill|a:blipFill|a:pattFill|a:grpFill",
  "a:effectLst|a:effectDag",
  "a:highlight",
  "a:uLnTx|a:uLn",
  "a:uFillTx|a:uFill",
  "a:latin",
  "a:ea",
  "a:cs",
  "a:sym",
  "a:hlinkClick",
  "a:hlinkMouseOver",
  "a:rtl",
  "a:extLst",
];
const SHAPE_PROPS: Sequence = [
  "a:xfrm",
  "a:custGeom|a:prstGeom",
  "a:noFill|a:solidFill|a:gradFill|a:blipFill|a:pattFill|a:grpFill",
  "a:ln",
  "a:effectLst|a:effectDag",
  "a:scene3d",
  "a:sp3d",
  "a:extLst",
];
const TEXT_BODY: Sequence = ["a:bodyPr!", "a:lstStyle", "a:p!*"];
const AX_SHARED: Sequence = [
  "c:axId!",
  "c:scaling!",
  "c:delete",
  "c:axPos!",
  "c:majorGridlines",
  "c:minorGridlines",
  "c:title",
  "c:numFmt",
  "c:majorTickMark",
  "c:minorTickMark",
  "c:tickLblPos",
  "c:spPr",
  "c:txPr",
  "c:crossAx!",
  "c:crosses|c:crossesAt",
];
const SER_SHARED: Sequence = ["c:idx!", "c:order!", "c:tx", "c:spPr"];
/** What a data label shows, in c:dLbls's order: each a leaf (a boolean `val`). */
const DLBL_FLAGS = ["c:showLegendKey", "c:showVal", "c:showCatName", "c:showSerName", "c:showPercent", "c:showBubbleSize"];

const SEQUENCES: Readonly<Record<string, Sequence>> = {
  "c:chartSpace": [
    "c:date1904",
    "c:lang",
    "c:roundedCorners",
    "c:style",
    "c:clrMapOvr",
    "c:pivotSource",
    "c:protection",
    "c:chart!",
    "c:spPr",
    "c:txPr",
    "c:externalData",
    "c:printSettings",
    "c:userShapes",
    "c:extLst",
  ],
  "c:chart": [
    "c:title",
    "c:autoTitleDeleted",
    "c:pivotFmts",
    "c:view3D",
    "c:floor",
    "c:sideWall",
    "c:backWall",
    "c:plotArea!",
    "c:legend",
    "c:plotVisOnly",
    "c:dispBlanksAs",
    "c:showDLblsOverMax",
    "c:extLst",
  ],
  "c:title": ["c:tx", "c:layout", "c:overlay", "c:spPr", "c:txPr", "c:extLst"],
  "c:rich": TEXT_BODY,
  "c:txPr": TEXT_BODY,
  "a:p": ["a:pPr", "a:r|a:br|a:fld*", "a:endParaRPr"],
  "a:pPr": [
    "a:lnSpc",
    "a:spcBef",
    "a:spcAft",
    "a:buClrTx|a:buClr",
    "a:buSzTx|a:buSzPct|a:buSzPts",
    "a:buFontTx|a:buFont",
    "a:buNone|a:buAutoNum|a:buChar|a:buBlip",
    "a:tabLst",
    "a:defRPr",
    "a:extLst",
  ],
  "a:r": ["a:rPr", "a:t!"],
  "a:rPr": TEXT_CHAR_PROPS,
  "a:defRPr": TEXT_CHAR_PROPS,
  "a:endParaRPr": TEXT_CHAR_PROPS,
  "c:spPr": SHAPE_PROPS,
  "a:ln": [
    "a:noFill|a:solidFill|a:gradFill|a:pattFill",
    "a:prstDash|a:custDash",
    "a:round|a:bevel|a:miter",
    "a:headEnd",
    "a:tailEnd",
    "a:extLst",
  ],
  "c:plotArea": [
    "c:layout",
    "c:areaChart|c:area3DChart|c:lineChart|c:line3DChart|c:stockChart|c:radarChart|c:scatterChart|c:pieChart|c:pie3DChart|c:doughnutChart|c:barChart|c:bar3DChart|c:ofPieChart|c:surfaceChart|c:surface3DChart|c:bubbleChart!*",
    "c:valAx|c:catAx|c:dateAx|c:serAx*",
    "c:dTable",
    "c:spPr",
    "c:extLst",
  ],
  "c:barChart": [
    "c:barDir!",
    "c:grouping",
    "c:varyColors",
    "c:ser*",
    "c:dLbls",
    "c:gapWidth",
    "c:overlap",
    "c:serLines*",
    "c:axId!*",
    "c:extLst",
  ],
  "c:radarChart": ["c:radarStyle!", "c:varyColors", "c:ser*", "c:dLbls", "c:axId!*", "c:extLst"],
  "c:lineChart": [
    "c:grouping!",
    "c:varyColors",
    "c:ser*",
    "c:dLbls",
    "c:dropLines",
    "c:hiLowLines",
    "c:upDownBars",
    "c:marker",
    "c:smooth",
    "c:axId!*",
    "c:extLst",
  ],
  "c:pieChart": ["c:varyColors", "c:ser*", "c:dLbls", "c:firstSliceAng", "c:extLst"],
  "c:scatterChart": ["c:scatterStyle!", "c:varyColors", "c:ser*", "c:dLbls", "c:axId!*", "c:extLst"],
  "c:barChart/c:ser": [
    ...SER_SHARED,
    "c:invertIfNegative",
    "c:pictureOptions",
    "c:dPt*",
    "c:dLbls",
    "c:trendline*",
    "c:errBars",
    "c:cat",
    "c:val",
    "c:shape",
    "c:extLst",
  ],
  "c:radarChart/c:ser": [...SER_SHARED, "c:marker", "c:dPt*", "c:dLbls", "c:cat", "c:val", "c:extLst"],
  "c:lineChart/c:ser": [
    ...SER_SHARED,
    "c:marker",
    "c:dPt*",
    "c:dLbls",
    "c:trendline*",
    "c:errBars",
    "c:cat",
    "c:val",
    "c:smooth",
    "c:extLst",
  ],
  "c:pieChart/c:ser": [...SER_SHARED, "c:explosion", "c:dPt*", "c:dLbls", "c:cat", "c:val", "c:extLst"],
  "c:scatterChart/c:ser": [
    ...SER_SHARED,
    "c:marker",
    "c:dPt*",
    "c:dLbls",
    "c:trendline*",
    "c:errBars*",
    "c:xVal",
    "c:yVal",
    "c:smooth",
    "c:extLst",
  ],
  "c:tx": ["c:strRef|c:rich|c:v!"],
  "c:cat": ["c:multiLvlStrRef|c:numRef|c:numLit|c:strRef|c:strLit!"],
  "c:xVal": ["c:multiLvlStrRef|c:numRef|c:numLit|c:strRef|c:strLit!"],
  "c:val": ["c:numRef|c:numLit!"],
  "c:yVal": ["c:numRef|c:numLit!"],
  "c:strRef": ["c:f!", "c:strCache", "c:extLst"],
  "c:numRef": ["c:f!", "c:numCache", "c:extLst"],
  "c:strCache": ["c:ptCount", "c:pt*", "c:extLst"],
  "c:numCache": ["c:formatCode!", "c:ptCount", "c:pt*", "c:extLst"],
  "c:pt": ["c:v!"],
  "c:marker": ["c:symbol", "c:size", "c:spPr", "c:extLst"],
  "c:dPt": ["c:idx!", "c:invertIfNegative", "c:marker", "c:bubble3D", "c:explosion", "c:spPr", "c:pictureOptions", "c:extLst"],
  "c:dLbls": [
    "c:dLbl*",
    "c:delete|c:numFmt",
    "c:spPr",
    "c:txPr",
    "c:dLblPos",
    ...DLBL_FLAGS,
    "c:separator",
    "c:showLeaderLines",
    "c:leaderLines",
    "c:extLst",
  ],
  "c:catAx": [...AX_SHARED, "c:auto", "c:lblAlgn", "c:lblOffset", "c:tickLblSkip", "c:tickMarkSkip", "c:noMultiLvlLbl", "c:extLst"],
  "c:valAx": [...AX_SHARED, "c:crossBetween", "c:majorUnit", "c:minorUnit", "c:dispUnits", "c:extLst"],
  "c:scaling": ["c:logBase", "c:orientation", "c:max", "c:min", "c:extLst"],
  "c:majorGridlines": ["c:spPr"],
  "c:legend": ["c:legendPos", "c:legendEntry*", "c:layout", "c:overlay", "c:spPr", "c:txPr", "c:extLst"],
  "xdr:wsDr": ["xdr:twoCellAnchor|xdr:oneCellAnchor|xdr:absoluteAnchor*"],
  "xdr:twoCellAnchor": ["xdr:from!", "xdr:to!", "xdr:sp|xdr:grpSp|xdr:graphicFrame|xdr:cxnSp|xdr:pic|xdr:contentPart!", "xdr:clientData!"],
  "xdr:from": ["xdr:col!", "xdr:colOff!", "xdr:row!", "xdr:rowOff!"],
  "xdr:to": ["xdr:col!", "xdr:colOff!", "xdr:row!", "xdr:rowOff!"],
  "xdr:graphicFrame": ["xdr:nvGraphicFramePr!", "xdr:xfrm!", "a:graphic!", "xdr:extLst"],
  "xdr:nvGraphicFramePr": ["xdr:cNvPr!", "xdr:cNvGraphicFramePr!"],
  "xdr:xfrm": ["a:off", "a:ext"],
  "a:graphic": ["a:graphicData!"],
  "a:graphicData": ["c:chart!"],
};

/** Leaf elements: no element children allowed. */
const LEAVES = new Set([
  "c:date1904",
  "c:lang",
  "c:roundedCorners",
  "c:autoTitleDeleted",
  "c:plotVisOnly",
  "c:dispBlanksAs",
  "c:layout",
  "c:overlay",
  "c:barDir",
  "c:grouping",
  "c:varyColors",
  "c:gapWidth",
  "c:overlap",
  "c:axId",
  "c:radarStyle",
  "c:scatterStyle",
  "c:firstSliceAng",
  "c:idx",
  "c:order",
  "c:v",
  "c:f",
  "c:ptCount",
  "c:formatCode",
  "c:invertIfNegative",
  "c:bubble3D",
  "c:symbol",
  "c:size",
  "c:smooth",
  "c:orientation",
  "c:max",
  "c:min",
  "c:delete",
  "c:axPos",
  "c:numFmt",
  "c:majorTickMark",
  "c:minorTickMark",
  "c:tickLblPos",
  "c:crossAx",
  "c:crosses",
  "c:crossBetween",
  "c:auto",
  "c:lblAlgn",
  "c:lblOffset",
  "c:noMultiLvlLbl",
  "c:legendPos",
  "c:dLblPos",
  ...DLBL_FLAGS,
  "a:bodyPr",
  "a:lstStyle",
  "a:t",
  "a:latin",
  "a:ea",
  "a:cs",
  "a:srgbClr",
  "a:noFill",
  "a:prstDash",
  "a:round",
  "a:off",
  "a:ext",
  "xdr:col",
  "xdr:colOff",
  "xdr:row",
  "xdr:rowOff",
  "xdr:cNvPr",
  "xdr:cNvGraphicFramePr",
  "xdr:clientData",
]);

/** `a:solidFill` holds one colour choice. */
const COLOUR_CONTAINERS = new Set(["a:solidFill"]);

/**
 * Problems with element order and content against the schema sequences above, as readable
 * strings (empty when valid). Elements the table does not know are reported too, so a new
 * element cannot slip past unchecked.
 */
export function schemaProblems(root: El): string[] {
  const problems: string[] = [];
  const walk = (el: El, parent: El | undefined, path: string) => {
    const here = `${path}/${el.name}`;
    const names = el.children.map((c) => c.name);
    // c:chart is the chart itself in a chart part, and an empty reference in a drawing.
    if (LEAVES.has(el.name) || (el.name === "c:chart" && parent?.name === "a:graphicData")) {
      if (names.length > 0) problems.push(`${here}: expected no child elements, found ${names.join(" ")}`);
    } else if (COLOUR_CONTAINERS.has(el.name)) {
      if (names.length !== 1 || !/^a:(srgbClr|schemeClr|sysClr|prstClr|scrgbClr|hslClr)$/.test(names[0]!))
        problems.push(`${here}: expected one colour, found ${names.join(" ")}`);
    } else {
      const key = el.name === "c:ser" && parent ? `${parent.name}/c:ser` : el.name;
      const sequence = SEQUENCES[key];
      if (sequence === undefined) problems.push(`${here}: element not in the checked schema subset`);
      else problems.push(...sequenceProblems(here, names, sequence));
    }
    for (const c of el.children) walk(c, el, here);
  };
  walk(root, undefined, "");
  return problems;
}

function sequenceProblems(here: string, names: readonly string[], sequence: Sequence): string[] {
  const slots = sequence.map((s) => {
    const m = /^(.*?)([!*]*)$/.exec(s)!;
    return { names: m[1]!.split("|"), required: m[2]!.includes("!"), repeat: m[2]!.includes("*") };
  });
  const problems: string[] = [];
  let slot = 0;
  const counts = new Array<number>(slots.length).fill(0);
  for (const name of names) {
    let at = slot;
    while (at < slots.length && !slots[at]!.names.includes(name)) at++;
    if (at === slots.length) {
      const known = slots.some((s) => s.names.includes(name));
      problems.push(`${here}: <${name}> ${known ? "out of order" : "not allowed here"} (children: ${names.join(" ")})`);
      continue;
    }
    if (at === slot && counts[at]! > 0 && !slots[at]!.repeat) problems.push(`${here}: <${name}> repeated`);
    slot = at;
    counts[at]!++;
  }
  slots.forEach((s, i) => {
    if (s.required && counts[i] === 0) problems.push(`${here}: missing <${s.names.join("|")}>`);
  });
  return problems;
}
