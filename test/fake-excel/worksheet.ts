/** Workbook, worksheet collection and worksheet proxies of the fake host. */
import { columnLetters } from "../../src/model/cell.js";
import { MAX_COLUMNS, MAX_ROWS, parseRect, type Rect } from "./address.js";
import { newChartCollection } from "./charts.js";
import { ClientObject, defineProps, FakeClientResult, sealed, type FakeRequestContext } from "./context.js";
import { ErrorCodes, fail } from "./errors.js";
import { localRect, newRange, RangeProxy, type RangeTarget } from "./range.js";
import type { FakeSheet, FakeWorkbookState } from "./state.js";

export class WorkbookProxy extends ClientObject<FakeWorkbookState> {
  private sheetsProxy: WorksheetCollectionProxy | null = null;
  private app: ApplicationProxy | null = null;

  get worksheets(): WorksheetCollectionProxy {
    return (this.sheetsProxy ??= sealed(new WorksheetCollectionProxy(this.ctx, "workbook.worksheets", () => this.ctx.host.state)));
  }

  get application(): ApplicationProxy {
    return (this.app ??= sealed(new ApplicationProxy(this.ctx, "workbook.application", () => this.ctx.host.state)));
  }

  getSelectedRange(): RangeProxy {
    return newRange(this.ctx, "workbook.getSelectedRange()", () => {
      const sel = this.ctx.host.state.selection;
      if (sel) return { sheet: sel.sheet, rect: sel.rect };
      const sheet = this.ctx.host.state.activeSheet;
      if (!sheet) fail(ErrorCodes.itemNotFound, "No active sheet.");
      return { sheet: sheet!, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
}
defineProps(WorkbookProxy, "Workbook", { name: { version: "1.7", get: (state) => state.fileName } });

export function newWorkbook(ctx: FakeRequestContext): WorkbookProxy {
  return sealed(new WorkbookProxy(ctx, "workbook", () => ctx.host.state));
}

class ApplicationProxy extends ClientObject<FakeWorkbookState> {
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.need("1.6", "Application.suspendApiCalculationUntilNextSync");
    this.ctx.enqueue(this.path, "suspendApiCalculationUntilNextSync", [], () => undefined);
  }
}
defineProps(ApplicationProxy, "Application", { calculationMode: { get: () => "Automatic", setVersion: "1.8", set: () => undefined } });

// ---------------------------------------------------------------------------------------------

export class WorksheetCollectionProxy extends ClientObject<FakeWorkbookState> {
  private itemProxies: WorksheetProxy[] | null = null;

  get items(): WorksheetProxy[] {
    if (this.itemProxies === null) this.loadedValue("items");
    return this.itemProxies!;
  }

  getItem(key: string): WorksheetProxy {
    return newWorksheet(this.ctx, `worksheets.getItem(${JSON.stringify(key)})`, () => {
      const sheet = this.ctx.host.state.find(key);
      if (!sheet) fail(ErrorCodes.itemNotFound, `The requested resource doesn't exist: worksheet '${key}'.`);
      return sheet!;
    });
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    this.ctx.need("1.4", "WorksheetCollection.getItemOrNullObject");
    return newWorksheet(
      this.ctx,
      `worksheets.getItemOrNullObject(${JSON.stringify(key)})`,
      () => this.ctx.host.state.find(key) ?? null,
      true,
    );
  }

  getActiveWorksheet(): WorksheetProxy {
    return newWorksheet(this.ctx, "worksheets.getActiveWorksheet()", () => {
      const s = this.ctx.host.state.activeSheet;
      if (!s) fail(ErrorCodes.itemNotFound, "No active worksheet.");
      return s!;
    });
  }

  add(name?: string): WorksheetProxy {
    const proxy = newWorksheet(this.ctx, `worksheets.add(${JSON.stringify(name ?? null)})`, () =>
      fail(ErrorCodes.invalidOperation, "The worksheet is not created until context.sync()."),
    );
    this.ctx.enqueue(this.path, "add", [name ?? null], () => proxy.bind(this.ctx.host.state.add(name)));
    return proxy;
  }

  getCount(): FakeClientResult<number> {
    this.ctx.need("1.4", "WorksheetCollection.getCount");
    const result = new FakeClientResult<number>();
    this.ctx.enqueue(this.path, "getCount", [], () => {
      const n = this.ctx.host.state.sheets.length;
      return { bytes: 8, deliver: () => result.set(n) };
    });
    return result;
  }

  override load(what?: string | readonly string[] | { select?: string | readonly string[] }): this {
    let names: string[] = [];
    if (typeof what === "string") names = what.split(",");
    else if (Array.isArray(what)) names = [...what];
    else if (what && typeof what === "object") {
      const sel = (what as { select?: string | readonly string[] }).select ?? [];
      names = typeof sel === "string" ? sel.split(",") : [...sel];
    }
    const props = names.map((n) => n.trim().replace(/^items\//, "")).filter((n) => n !== "" && n !== "items");
    const wanted = props.length > 0 ? props : ["name", "position", "visibility", "id"];
    for (const p of wanted) if (!WORKSHEET_PROPS.includes(p)) fail(ErrorCodes.invalidArgument, `Cannot load worksheet property '${p}'.`);
    this.ctx.enqueue(this.path, "load", wanted, () => {
      const state = this.ctx.host.state;
      const rows = state.sheets.map((sheet) => ({
        sheet,
        values: Object.fromEntries(wanted.map((p) => [p, worksheetProp(state, sheet, p)])),
      }));
      const bytes = JSON.stringify(rows.map((r) => r.values)).length;
      return {
        bytes,
        deliver: () => {
          this.itemProxies = rows.map(({ sheet, values }) => {
            const proxy = newWorksheet(this.ctx, `worksheets.getItem(${JSON.stringify(sheet.id)})`, () => sheet);
            proxy.deliverLoaded(values);
            return proxy;
          });
        },
      };
    });
    return this;
  }
}

const WORKSHEET_PROPS = ["name", "position", "visibility", "id"];

function worksheetProp(state: FakeWorkbookState, sheet: FakeSheet, p: string): unknown {
  switch (p) {
    case "name":
      return sheet.name;
    case "position":
      return state.sheets.indexOf(sheet);
    case "visibility":
      return sheet.visibility;
    default:
      return sheet.id;
  }
}

// ---------------------------------------------------------------------------------------------

export class WorksheetProxy extends ClientObject<FakeSheet> {
  private delivered: Record<string, unknown> | null = null;

  /** Values loaded through the collection (worksheets.load("items/name")). */
  deliverLoaded(values: Record<string, unknown>): void {
    this.delivered = values;
  }

  override loadedValue(name: string): unknown {
    if (this.delivered && name in this.delivered) return this.delivered[name];
    return super.loadedValue(name);
  }

  private rangeAt(name: string, args: unknown[], rect: (sheet: FakeSheet) => Rect, nullable = false): RangeProxy {
    return newRange(
      this.ctx,
      `${this.path}.${name}(${args.map((a) => JSON.stringify(a)).join(",")})`,
      (): RangeTarget | null => {
        const sheet = this.resolve();
        return { sheet, rect: rect(sheet) };
      },
      nullable,
    );
  }

  getRange(address?: string): RangeProxy {
    if (address === undefined || address === "")
      return this.rangeAt("getRange", [], () => ({ r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLUMNS - 1 }));
    if (parseRect(address.replace(/^.*!/, "")) === null) fail(ErrorCodes.invalidArgument, `Invalid address ${JSON.stringify(address)}.`);
    return this.rangeAt("getRange", [address], () => localRect(address));
  }

  getCell(row: number, column: number): RangeProxy {
    return this.rangeAt("getCell", [row, column], () => ({ r0: row, c0: column, r1: row, c1: column }));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    this.ctx.need("1.7", "Worksheet.getRangeByIndexes");
    return this.rangeAt("getRangeByIndexes", [startRow, startColumn, rowCount, columnCount], () => {
      if (rowCount < 1 || columnCount < 1) fail(ErrorCodes.invalidArgument, "getRangeByIndexes needs at least one row and column.");
      return { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 };
    });
  }

  getRanges(): never {
    this.ctx.need("1.9", "Worksheet.getRanges");
    return fail(ErrorCodes.notImplemented, "Worksheet.getRanges (RangeAreas) is not modelled by the fake host.");
  }

  /** Blank sheet: A1, as Excel does. */
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    if (valuesOnly !== undefined) this.ctx.need("1.2", "Worksheet.getUsedRange(valuesOnly)");
    return this.rangeAt(
      "getUsedRange",
      [valuesOnly ?? false],
      (sheet) => sheet.usedRect(valuesOnly === true) ?? { r0: 0, c0: 0, r1: 0, c1: 0 },
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    this.ctx.need("1.4", "Worksheet.getUsedRangeOrNullObject");
    return newRange(
      this.ctx,
      `${this.path}.getUsedRangeOrNullObject(${valuesOnly ?? false})`,
      () => {
        const sheet = this.resolve();
        const used = sheet.usedRect(valuesOnly === true);
        return used === null ? null : { sheet, rect: used };
      },
      true,
    );
  }

  activate(): void {
    this.ctx.enqueue(this.path, "activate", [], () => {
      const sheet = this.resolve();
      if (sheet.visibility !== "Visible") fail(ErrorCodes.invalidOperation, "Cannot activate a hidden sheet.");
      this.ctx.host.state.activeSheet = sheet;
    });
  }

  delete(): void {
    this.ctx.enqueue(this.path, "delete", [], () => this.ctx.host.state.remove(this.resolve()));
  }

  get charts(): ClientObject {
    return this.part("charts", () => newChartCollection(this.ctx, `${this.path}.charts`, () => this.resolve()));
  }

  get freezePanes(): ClientObject {
    this.ctx.need("1.7", "Worksheet.freezePanes");
    return this.part("freezePanes", () => new FreezePanesProxy(this.ctx, `${this.path}.freezePanes`, () => this.resolve()));
  }

  get protection(): ClientObject {
    this.ctx.need("1.2", "Worksheet.protection");
    return this.part("protection", () => new ProtectionProxy(this.ctx, `${this.path}.protection`, () => this.resolve()));
  }

  get pageLayout(): ClientObject {
    this.ctx.need("1.9", "Worksheet.pageLayout");
    return this.part("pageLayout", () => new PageLayoutProxy(this.ctx, `${this.path}.pageLayout`, () => this.resolve()));
  }

  get horizontalPageBreaks(): ClientObject {
    this.ctx.need("1.9", "Worksheet.horizontalPageBreaks");
    return this.part(
      "horizontalPageBreaks",
      () => new PageBreaksProxy(this.ctx, `${this.path}.horizontalPageBreaks`, () => this.resolve()),
    );
  }
}

defineProps(WorksheetProxy, "Worksheet", {
  name: {
    get: (s) => s.name,
    check: (v) => {
      if (typeof v !== "string") fail(ErrorCodes.invalidArgument, "A sheet name must be text.");
    },
    set: (s, v, proxy) => proxy.ctx.host.state.rename(s, v as string),
  },
  position: {
    get: (s, proxy) => proxy.ctx.host.state.sheets.indexOf(s),
    set: (s, v, proxy) => proxy.ctx.host.state.move(s, v as number),
  },
  visibility: { get: (s) => s.visibility, setVersion: "1.2", set: (s, v) => void (s.visibility = String(v)) },
  id: { get: (s) => s.id },
});

export function newWorksheet(ctx: FakeRequestContext, path: string, resolver: () => FakeSheet | null, nullable = false): WorksheetProxy {
  return sealed(new WorksheetProxy(ctx, path, resolver, nullable));
}

// ---------------------------------------------------------------------------------------------

class ProtectionProxy extends ClientObject<FakeSheet> {
  protect(options?: Record<string, unknown>, password?: string): void {
    if (password !== undefined) this.ctx.need("1.7", "WorksheetProtection.protect(password)");
    this.ctx.enqueue(this.path, "protect", [options ?? null, password === undefined ? null : "***"], () => {
      const sheet = this.resolve();
      if (sheet.protection.protected) fail(ErrorCodes.invalidOperation, `'${sheet.name}' is already protected.`);
      sheet.protection = { protected: true, options: { ...(options ?? {}) } };
    });
  }

  unprotect(password?: string): void {
    if (password !== undefined) this.ctx.need("1.7", "WorksheetProtection.unprotect(password)");
    this.ctx.enqueue(this.path, "unprotect", [], () => {
      this.resolve().protection = { protected: false, options: {} };
    });
  }
}
defineProps(ProtectionProxy, "WorksheetProtection", {
  protected: { version: "1.2", get: (s) => s.protection.protected },
  options: { version: "1.2", get: (s) => s.protection.options },
});

class FreezePanesProxy extends ClientObject<FakeSheet> {
  private freeze(name: string, args: unknown[], apply: (sheet: FakeSheet) => void): void {
    this.ctx.need("1.7", `WorksheetFreezePanes.${name}`);
    this.ctx.enqueue(this.path, name, args, () => apply(this.resolve()));
  }

  freezeRows(count = 1): void {
    this.freeze("freezeRows", [count], (s) => void (s.freeze = { rows: count, columns: 0 }));
  }

  freezeColumns(count = 1): void {
    this.freeze("freezeColumns", [count], (s) => void (s.freeze = { rows: 0, columns: count }));
  }

  freezeAt(frozenRange: RangeProxy | string): void {
    this.freeze("freezeAt", [typeof frozenRange === "string" ? frozenRange : frozenRange.path], (s) => {
      const rect = typeof frozenRange === "string" ? localRect(frozenRange) : frozenRange.resolve().rect;
      s.freeze = { rows: rect.r1 + 1, columns: rect.c1 + 1 };
    });
  }

  unfreeze(): void {
    this.freeze("unfreeze", [], (s) => void (s.freeze = null));
  }
}

/** Excel's limit on manual page breaks in a sheet. */
const MAX_PAGE_BREAKS = 1026;

class PageBreaksProxy extends ClientObject<FakeSheet> {
  add(pageBreakRange: RangeProxy | string): void {
    this.ctx.need("1.9", "PageBreakCollection.add");
    this.ctx.enqueue(this.path, "add", [typeof pageBreakRange === "string" ? pageBreakRange : pageBreakRange.path], () => {
      const sheet = this.resolve();
      const rect = typeof pageBreakRange === "string" ? localRect(pageBreakRange) : pageBreakRange.resolve().rect;
      const breaks = sheet.pageLayout.rowBreaks;
      if (!breaks.includes(rect.r0)) {
        if (breaks.length >= MAX_PAGE_BREAKS) fail(ErrorCodes.invalidOperation, `A sheet holds at most ${MAX_PAGE_BREAKS} page breaks.`);
        if (rect.r0 === 0) fail(ErrorCodes.invalidArgument, "A page break cannot be above the first row.");
        breaks.push(rect.r0);
      }
    });
  }
}

class HeaderFooterProxy extends ClientObject<FakeSheet> {}
defineProps(HeaderFooterProxy, "HeaderFooter", {
  centerFooter: {
    version: "1.9",
    get: (s) => s.pageLayout.centerFooter,
    check: (v) => {
      // Excel keeps at most 255 characters in a header or footer section.
      if (typeof v !== "string" || v.length > 255) fail(ErrorCodes.invalidArgument, "Invalid footer text.");
    },
    set: (s, v) => void (s.pageLayout.centerFooter = v as string),
  },
});

class HeaderFooterGroupProxy extends ClientObject<FakeSheet> {
  private all: HeaderFooterProxy | null = null;
  get defaultForAllPages(): ClientObject {
    this.ctx.need("1.9", "HeaderFooterGroup.defaultForAllPages");
    return (this.all ??= sealed(new HeaderFooterProxy(this.ctx, `${this.path}.defaultForAllPages`, () => this.resolve())));
  }
}

class PageLayoutProxy extends ClientObject<FakeSheet> {
  private group: HeaderFooterGroupProxy | null = null;
  get headersFooters(): ClientObject {
    this.ctx.need("1.9", "PageLayout.headersFooters");
    return (this.group ??= sealed(new HeaderFooterGroupProxy(this.ctx, `${this.path}.headersFooters`, () => this.resolve())));
  }

  setPrintTitleColumns(columns: RangeProxy | string): void {
    this.ctx.need("1.9", "PageLayout.setPrintTitleColumns");
    this.ctx.enqueue(this.path, "setPrintTitleColumns", [typeof columns === "string" ? columns : columns.path], () => {
      const sheet = this.resolve();
      const rect = typeof columns === "string" ? localRect(columns) : columns.resolve().rect;
      sheet.pageLayout.printTitleColumns = `$${columnLetters(rect.c0)}:$${columnLetters(rect.c1)}`;
    });
  }

  setPrintTitleRows(rows: RangeProxy | string): void {
    this.ctx.need("1.9", "PageLayout.setPrintTitleRows");
    this.ctx.enqueue(this.path, "setPrintTitleRows", [typeof rows === "string" ? rows : rows.path], () => {
      const sheet = this.resolve();
      const rect = typeof rows === "string" ? localRect(rows) : rows.resolve().rect;
      sheet.pageLayout.printTitleRows = `$${rect.r0 + 1}:$${rect.r1 + 1}`;
    });
  }

  setPrintArea(area: RangeProxy | string): void {
    this.ctx.need("1.9", "PageLayout.setPrintArea");
    this.ctx.enqueue(this.path, "setPrintArea", [typeof area === "string" ? area : area.path], () => {
      this.resolve().pageLayout.printArea = typeof area === "string" ? area : area.path;
    });
  }
}
const margin = (side: keyof FakeSheet["pageLayout"]["margins"]) => ({
  version: "1.9",
  get: (s: FakeSheet) => s.pageLayout.margins[side],
  check: (v: unknown) => {
    if (typeof v !== "number" || !(v >= 0)) fail(ErrorCodes.invalidArgument, `Invalid margin ${JSON.stringify(v)}.`);
  },
  set: (s: FakeSheet, v: unknown) => void (s.pageLayout.margins[side] = v as number),
});
defineProps(PageLayoutProxy, "PageLayout", {
  leftMargin: margin("left"),
  rightMargin: margin("right"),
  topMargin: margin("top"),
  bottomMargin: margin("bottom"),
  headerMargin: margin("header"),
  footerMargin: margin("footer"),
  paperSize: {
    version: "1.9",
    get: (s) => s.pageLayout.paperSize,
    check: (v) => {
      if (!["Letter", "A4", "A3", "Legal", "A5", "B4", "B5"].includes(v as string))
        fail(ErrorCodes.invalidArgument, `Invalid paper size ${JSON.stringify(v)}.`);
    },
    set: (s, v) => void (s.pageLayout.paperSize = v as string),
  },
  orientation: {
    version: "1.9",
    get: (s) => s.pageLayout.orientation,
    check: (v) => {
      if (v !== "Portrait" && v !== "Landscape") fail(ErrorCodes.invalidArgument, `Invalid orientation ${JSON.stringify(v)}.`);
    },
    set: (s, v) => void (s.pageLayout.orientation = v as string),
  },
  zoom: {
    version: "1.9",
    get: (s) => s.pageLayout.zoom,
    check: (v) => {
      const z = v as Record<string, unknown>;
      if (
        z === null ||
        typeof z !== "object" ||
        Object.keys(z).some((k) => !["scale", "horizontalFitToPages", "verticalFitToPages"].includes(k))
      ) {
        fail(ErrorCodes.invalidArgument, `Invalid zoom ${JSON.stringify(v)}.`);
      }
    },
    set: (s, v) => void (s.pageLayout.zoom = { ...(v as Record<string, unknown>) }),
  },
});
