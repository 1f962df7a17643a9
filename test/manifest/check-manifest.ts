import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SaxesParser } from "saxes";

/**
 * An offline structural check of the XML add-in manifest: what Office and the store validator
 * reject, checked without the network (no XSD download, no office-addin-manifest). Returns the
 * problems as plain sentences; an empty list means the manifest passes.
 */

export interface XmlElement {
  /** Local name (no prefix). */
  readonly name: string;
  readonly uri: string;
  /** Attributes by qualified name as written (xsi:type, DefaultValue…). */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
};

/** TaskPaneApp children in the order the appforoffice 1.1 schema requires (a sequence); `!` marks the required ones. */
const TASKPANE_CHILDREN = [
  "Id!",
  "AlternateId",
  "Version!",
  "ProviderName!",
  "DefaultLocale!",
  "DisplayName!",
  "Description!",
  "IconUrl!",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings!",
  "Permissions!",
  "AllowSnapshot",
  "VersionOverrides",
  "ExtendedOverrides",
];
const TASKPANE_ORDER = TASKPANE_CHILDREN.map((n) => n.replace(/!$/, ""));
const TASKPANE_REQUIRED = TASKPANE_CHILDREN.filter((n) => n.endsWith("!")).map((n) => n.slice(0, -1));

/** Where each kind of resid must be defined, by the referencing element's local name. */
const RESID_KIND: Readonly<Record<string, "Images" | "Urls" | "ShortStrings" | "LongStrings">> = {
  Image: "Images",
  SourceLocation: "Urls",
  LearnMoreUrl: "Urls",
  FunctionFile: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Description: "LongStrings",
};
/** Office's length limits for resource strings. */
const MAX_LENGTH = { ShortStrings: 125, LongStrings: 250 } as const;

export function parseXmlTree(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = {};
    for (const [qname, a] of Object.entries(tag.attributes)) attrs[qname] = a.value;
    const el: XmlElement = { name: tag.local, uri: tag.uri, attrs, children: [], text: "" };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on("closetag", () => void stack.pop());
  parser.on("text", (t) => {
    if (stack.length > 0) stack[stack.length - 1]!.text += t;
  });
  parser.write(xml).close();
  if (root === null) throw new Error("no root element");
  return root;
}

function* walk(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) yield* walk(c);
}

function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export interface ManifestCheckOptions {
  /** The project root: `https://localhost:3000/assets/x.png` must exist as `<root>/assets/x.png`. */
  readonly root: string;
  /** The only origin URLs may use. */
  readonly origin: string;
}

export function checkManifest(xml: string, options: ManifestCheckOptions): string[] {
  const problems: string[] = [];
  let root: XmlElement;
  try {
    root = parseXmlTree(xml);
  } catch (e) {
    return [`not well-formed XML: ${(e as Error).message}`];
  }
  if (root.name !== "OfficeApp" || root.uri !== NS.app) problems.push(`root must be OfficeApp in ${NS.app}`);
  if (root.attrs["xsi:type"] !== "TaskPaneApp") problems.push(`OfficeApp xsi:type must be TaskPaneApp, not ${root.attrs["xsi:type"]}`);

  // Top-level elements: known, in schema order, required ones present, none repeated.
  const names = root.children.map((c) => c.name);
  let last = -1;
  for (const n of names) {
    const i = TASKPANE_ORDER.indexOf(n);
    if (i < 0) problems.push(`unknown top-level element <${n}>`);
    else if (i <= last) problems.push(`<${n}> is out of schema order (expected order: ${TASKPANE_ORDER.join(", ")})`);
    else last = i;
  }
  for (const n of TASKPANE_REQUIRED) if (!names.includes(n)) problems.push(`required element <${n}> is missing`);

  const top = (n: string) => child(root, n);
  const id = top("Id")?.text.trim() ?? "";
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) problems.push(`Id must be a GUID, not "${id}"`);
  const version = top("Version")?.text.trim() ?? "";
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version)) problems.push(`Version must be n[.n[.n[.n]]], not "${version}"`);
  if (top("DefaultLocale")?.text.trim() !== "zh-CN") problems.push("DefaultLocale must be zh-CN");
  if (top("Permissions")?.text.trim() !== "ReadWriteDocument") problems.push("Permissions must be ReadWriteDocument");
  if (!top("Hosts")?.children.some((h) => h.attrs.Name === "Workbook")) problems.push("Hosts must declare Workbook (Excel)");

  // Requirement set: ExcelApi 1.1, what the core needs.
  const sets = child(top("Requirements"), "Sets");
  const excelApi = sets?.children.find((s) => s.name === "Set" && s.attrs.Name === "ExcelApi");
  if (!excelApi) problems.push("Requirements must declare the ExcelApi requirement set");
  else if (excelApi.attrs.MinVersion !== "1.1") problems.push(`ExcelApi MinVersion must be 1.1, not ${excelApi.attrs.MinVersion}`);

  // Localised top-level strings: zh-CN default (Chinese text) and an en-US override.
  for (const n of ["DisplayName", "Description"]) {
    const el = top(n);
    if (!el) continue;
    if (!/[\u4e00-\u9fff]/.test(el.attrs.DefaultValue ?? "")) problems.push(`${n} DefaultValue must be Chinese (zh-CN)`);
    if (!el.children.some((o) => o.name === "Override" && o.attrs.Locale === "en-US" && (o.attrs.Value ?? "") !== ""))
      problems.push(`${n} needs an en-US Override`);
  }
  if (!top("DefaultSettings") || !child(top("DefaultSettings"), "SourceLocation"))
    problems.push("DefaultSettings must have a SourceLocation");

  // URLs: https, on the add-in's own origin only. Namespace declarations are names, not URLs.
  for (const el of walk(root)) {
    for (const [attr, value] of Object.entries(el.attrs)) {
      if (attr === "xmlns" || attr.startsWith("xmlns:")) continue;
      checkUrls(value, `<${el.name} ${attr}>`, options, problems);
    }
    checkUrls(el.text, `<${el.name}> text`, options, problems);
  }

  // Icons: the files exist and are PNGs of the declared size.
  const icon = (url: string | undefined, size: number, where: string) => {
    if (!url) return problems.push(`${where}: no URL`);
    if (!url.startsWith(`${options.origin}/`)) return;
    const file = join(options.root, decodeURIComponent(url.slice(options.origin.length + 1)));
    if (!existsSync(file)) return problems.push(`${where}: ${file} does not exist`);
    const dims = pngSize(readFileSync(file));
    if (!dims) problems.push(`${where}: ${file} is not a PNG`);
    else if (dims.width !== size || dims.height !== size)
      problems.push(`${where}: ${file} is ${dims.width}×${dims.height}, expected ${size}×${size}`);
  };
  icon(top("IconUrl")?.attrs.DefaultValue, 32, "IconUrl");
  if (top("HighResolutionIconUrl")) icon(top("HighResolutionIconUrl")?.attrs.DefaultValue, 64, "HighResolutionIconUrl");

  const overrides = top("VersionOverrides");
  if (!overrides) {
    problems.push("VersionOverrides (the ribbon button) is missing");
    return problems;
  }
  if (overrides.uri !== NS.ov || overrides.attrs["xsi:type"] !== "VersionOverridesV1_0")
    problems.push("VersionOverrides must be VersionOverridesV1_0 in the taskpane namespace");

  // Resources: ids unique, every resid defined in the right collection, strings localised.
  const resources = child(overrides, "Resources");
  const defined = new Map<string, { kind: string; el: XmlElement }>();
  for (const kind of ["Images", "Urls", "ShortStrings", "LongStrings"] as const) {
    for (const el of child(resources, kind)?.children ?? []) {
      const rid = el.attrs.id ?? "";
      if (rid.length === 0 || rid.length > 32) problems.push(`resource id "${rid}" must be 1–32 characters`);
      if (defined.has(rid)) problems.push(`resource id "${rid}" is defined twice`);
      defined.set(rid, { kind, el });
      if (kind === "ShortStrings" || kind === "LongStrings") {
        const texts = [el.attrs.DefaultValue ?? "", ...el.children.map((o) => o.attrs.Value ?? "")];
        if (!/[\u4e00-\u9fff]/.test(texts[0]!)) problems.push(`string "${rid}" DefaultValue must be Chinese (zh-CN)`);
        if (
          !el.children.some((o) => o.name === "Override" && o.uri === NS.bt && o.attrs.Locale === "en-US" && (o.attrs.Value ?? "") !== "")
        ) {
          problems.push(`string "${rid}" needs an en-US bt:Override`);
        }
        for (const t of texts)
          if (t.length > MAX_LENGTH[kind]) problems.push(`string "${rid}" is longer than ${MAX_LENGTH[kind]} characters`);
      }
    }
  }
  const referenced = new Set<string>();
  for (const el of walk(overrides)) {
    const rid = el.attrs.resid;
    if (rid === undefined) continue;
    referenced.add(rid);
    const def = defined.get(rid);
    const kind = RESID_KIND[el.name];
    if (!def) problems.push(`resid "${rid}" (on <${el.name}>) is not defined in Resources`);
    else if (kind && def.kind !== kind) problems.push(`resid "${rid}" (on <${el.name}>) must be defined in ${kind}, not ${def.kind}`);
    if (el.name === "Image" && def?.kind === "Images")
      icon(def.el.attrs.DefaultValue, Number(el.attrs.size), `image "${rid}" size ${el.attrs.size}`);
  }
  for (const rid of defined.keys()) if (!referenced.has(rid)) problems.push(`resource "${rid}" is defined but never used`);

  // The ribbon: a ShowTaskpane button 考核评分 on the Home tab, opening the task pane page.
  const buttons = [...walk(overrides)].filter((e) => e.name === "Control" && e.attrs["xsi:type"] === "Button");
  const button = buttons.find((b) => child(b, "Action")?.attrs["xsi:type"] === "ShowTaskpane");
  if (!button) problems.push("no ShowTaskpane button");
  else {
    const tab = [...walk(overrides)].find((e) => e.name === "OfficeTab" && [...walk(e)].includes(button));
    if (tab?.attrs.id !== "TabHome") problems.push("the task pane button must be on the Home tab (OfficeTab TabHome)");
    const label = defined.get(child(button, "Label")?.attrs.resid ?? "")?.el.attrs.DefaultValue;
    if (label !== "考核评分") problems.push(`the button label must be 考核评分, not ${label}`);
    const source = defined.get(child(child(button, "Action"), "SourceLocation")?.attrs.resid ?? "")?.el.attrs.DefaultValue;
    if (source !== top("DefaultSettings")?.children[0]?.attrs.DefaultValue)
      problems.push("the button must open the same page as DefaultSettings/SourceLocation");
  }
  return problems;
}

function checkUrls(text: string, where: string, options: ManifestCheckOptions, problems: string[]): void {
  for (const m of text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*/gi)) {
    const url = m[0];
    if (!url.toLowerCase().startsWith("https://")) problems.push(`${where}: ${url} is not https`);
    else if (!url.startsWith(`${options.origin}/`)) problems.push(`${where}: ${url} is not on ${options.origin}`);
  }
}
