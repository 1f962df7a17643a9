/**
 * The request context and proxy objects of the fake host, modelled on Office.js: calls on a
 * proxy queue operations that take effect only at `context.sync()`; `load()` queues a read
 * whose values can be read after the sync; reading a property that was not loaded throws
 * PropertyNotLoaded; an API above the host's requirement set throws ApiNotFound when called.
 * Every round trip is counted, with the JSON size of what it sends and what comes back.
 */
import { ErrorCodes, FakeOfficeError, fail } from "./errors.js";
import type { FakeWorkbookState } from "./state.js";

export interface Limits {
  /** Largest request a sync may send (Excel on the web: 5 MB). */
  requestBytes: number;
  /** Largest response a sync may receive (Excel on the web: 5 MB). */
  responseBytes: number;
  /** Most cells one range read may cover (Excel: 5 million). */
  readCells: number;
}

export interface SyncRecord {
  readonly ops: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly error: string | null;
}

export interface HostStats {
  /** Round trips (syncs with at least one queued operation, including Excel.run's final one). */
  syncs: number;
  failedSyncs: number;
  requestBytes: number;
  responseBytes: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  operations: number;
  readonly log: SyncRecord[];
}

export const newStats = (): HostStats => ({
  syncs: 0,
  failedSyncs: 0,
  requestBytes: 0,
  responseBytes: 0,
  maxRequestBytes: 0,
  maxResponseBytes: 0,
  operations: 0,
  log: [],
});

/** What a context needs from its host. */
export interface HostCore {
  readonly state: FakeWorkbookState;
  readonly limits: Limits;
  readonly stats: HostStats;
  supports(version: string): boolean;
}

/** Requirement-set versions compare numerically per part: 1.10 is above 1.9. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

// Measured with the platform's own encoder, not the adapter's utf8Length: the fake host checks
// the payload sizes that counter estimates, so it must not share its mistakes.
const encoder = new TextEncoder();
export const utf8Length = (s: string): number => encoder.encode(s).length;

export const jsonBytes = (v: unknown): number => utf8Length(JSON.stringify(v) ?? "null");

interface Operation {
  readonly bytes: number;
  /** Runs at sync, in order; returns the response bytes and what to hand back once the sync succeeds. */
  readonly run: () => { readonly bytes: number; readonly deliver?: () => void } | void;
}

export class FakeRequestContext {
  private queue: Operation[] = [];
  private closed = false;
  readonly workbook: ClientObject;

  constructor(
    readonly host: HostCore,
    makeWorkbook: (ctx: FakeRequestContext) => ClientObject,
  ) {
    this.workbook = makeWorkbook(this);
  }

  /** Throws ApiNotFound, as Office.js does for an API the host's requirement sets lack. */
  need(version: string, api: string): void {
    if (!this.host.supports(version)) {
      fail(
        ErrorCodes.apiNotFound,
        `${api} needs ExcelApi ${version}; this host supports less. The API you are trying to use could not be found.`,
        api,
      );
    }
  }

  enqueue(path: string, action: string, args: unknown, run: Operation["run"]): void {
    if (this.closed) fail(ErrorCodes.invalidRequestContext, "This object was created in an Excel.run that has ended.");
    // The JSON of the action as sent: the object path, the action and its arguments.
    this.queue.push({ bytes: utf8Length(path) + utf8Length(action) + jsonBytes(args) + 24, run });
  }

  close(): void {
    this.closed = true;
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    await Promise.resolve();
    if (ops.length === 0) return; // nothing to send: Office.js makes no round trip
    const stats = this.host.stats;
    stats.syncs++;
    stats.operations += ops.length;
    const requestBytes = ops.reduce((n, op) => n + op.bytes, 64);
    let responseBytes = 64;
    const record = (error: string | null) => {
      stats.requestBytes += requestBytes;
      stats.responseBytes += responseBytes;
      stats.maxRequestBytes = Math.max(stats.maxRequestBytes, requestBytes);
      stats.maxResponseBytes = Math.max(stats.maxResponseBytes, responseBytes);
      stats.log.push({ ops: ops.length, requestBytes, responseBytes, error });
      if (error !== null) stats.failedSyncs++;
    };
    if (requestBytes > this.host.limits.requestBytes) {
      record(ErrorCodes.requestPayloadSizeLimitExceeded);
      fail(
        ErrorCodes.requestPayloadSizeLimitExceeded,
        `The request payload (${requestBytes} bytes) exceeds the limit of ${this.host.limits.requestBytes} bytes.`,
      );
    }
    const deliveries: (() => void)[] = [];
    for (const op of ops) {
      try {
        const out = op.run();
        if (out) {
          responseBytes += out.bytes;
          if (out.deliver) deliveries.push(out.deliver);
        }
      } catch (e) {
        // Excel stops at the failing operation; the ones before it have taken effect.
        const error = e instanceof FakeOfficeError ? e : new FakeOfficeError(ErrorCodes.generalException, String(e));
        record(error.code);
        throw error;
      }
    }
    if (responseBytes > this.host.limits.responseBytes) {
      record(ErrorCodes.responsePayloadSizeLimitExceeded);
      fail(
        ErrorCodes.responsePayloadSizeLimitExceeded,
        `The response payload (${responseBytes} bytes) exceeds the limit of ${this.host.limits.responseBytes} bytes.`,
      );
    }
    record(null);
    for (const d of deliveries) d();
  }
}

// ---------------------------------------------------------------------------------------------
// Proxy objects

export interface PropDef<T> {
  /** Requirement set to read (and, unless setVersion says otherwise, to write). */
  readonly version?: string;
  readonly setVersion?: string;
  /** The value now, read from the resolved object at sync time. Absent: write-only. */
  readonly get?: (target: T, proxy: ClientObject<T>) => unknown;
  /** Applies a written value at sync time. Absent: read-only. */
  readonly set?: (target: T, value: unknown, proxy: ClientObject<T>) => void;
  /** Checked when the value is written (before the sync), as Office.js checks argument types. */
  readonly check?: (value: unknown) => void;
  /** Reads of this property cover this many cells (checked against the read limit). */
  readonly cells?: (target: T) => number;
}

export type PropTable<T> = Readonly<Record<string, PropDef<T>>>;

const propTables = new WeakMap<object, PropTable<unknown>>();

/**
 * Installs the properties of a proxy class: a getter that throws PropertyNotLoaded until the
 * property was loaded and synced, and a setter that queues the write.
 */
export function defineProps<T>(cls: { prototype: ClientObject<T> }, typeName: string, table: PropTable<T>): void {
  propTables.set(cls.prototype, table as PropTable<unknown>);
  for (const [name, def] of Object.entries(table)) {
    const api = `${typeName}.${name}`;
    Object.defineProperty(cls.prototype, name, {
      configurable: false,
      enumerable: true,
      get(this: ClientObject<T>) {
        this.ctx.need(def.version ?? "1.1", api);
        return this.loadedValue(name);
      },
      set(this: ClientObject<T>, value: unknown) {
        if (!def.set) fail(ErrorCodes.invalidOperation, `${api} is read-only.`);
        this.ctx.need(def.setVersion ?? def.version ?? "1.1", api);
        def.check?.(value);
        this.ctx.enqueue(this.path, `set ${name}`, value, () => {
          def.set!(this.resolve(), value, this);
        });
      },
    });
  }
}

function tableOf(obj: object): PropTable<unknown> {
  for (let p = Object.getPrototypeOf(obj); p !== null; p = Object.getPrototypeOf(p)) {
    const t = propTables.get(p);
    if (t) return t;
  }
  return {};
}

/** Base of every proxy: a path (for the request's size), a lazily resolved target, loaded values. */
export abstract class ClientObject<T = unknown> {
  private readonly loaded = new Map<string, unknown>();
  private parts: Map<string, ClientObject> | null = null;
  private resolved: { value: T | null } | null = null;
  protected nullLoaded: boolean | null = null;

  constructor(
    readonly ctx: FakeRequestContext,
    readonly path: string,
    private readonly resolver: () => T | null,
    private readonly nullable = false,
  ) {}

  get context(): FakeRequestContext {
    return this.ctx;
  }

  /** The object this proxy stands for, found at sync time (once, then kept). */
  resolveOrNull(): T | null {
    if (this.resolved === null) this.resolved = { value: this.resolver() };
    return this.resolved.value;
  }

  resolve(): T {
    const t = this.resolveOrNull();
    if (t === null) fail(ErrorCodes.itemNotFound, `The requested resource doesn't exist (${this.path}).`);
    return t as T;
  }

  /** Binds a proxy to an object created at sync time (worksheets.add, charts.add). */
  bind(value: T): void {
    this.resolved = { value };
  }

  get isNullObject(): boolean {
    if (!this.nullable) return false;
    if (this.nullLoaded === null)
      fail(ErrorCodes.propertyNotLoaded, "The property 'isNullObject' is not available. Call load() and context.sync() first.");
    return this.nullLoaded as boolean;
  }

  loadedValue(name: string): unknown {
    if (!this.loaded.has(name)) {
      fail(
        ErrorCodes.propertyNotLoaded,
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(name);
  }

  /** A navigation property's proxy (chart.axes, format.fill, sheet.protection): made on first use, the same object after. */
  protected part<P extends ClientObject>(name: string, make: () => P): P {
    this.parts ??= new Map();
    let p = this.parts.get(name);
    if (!p) this.parts.set(name, (p = sealed(make())));
    return p as P;
  }

  /** Navigation properties and collection items, for "a/b" load paths. */
  protected child(name: string): ClientObject | undefined {
    const v = (this as unknown as Record<string, unknown>)[name];
    return v instanceof ClientObject ? v : undefined;
  }

  load(what?: string | readonly string[] | { select?: string | readonly string[] }): this {
    const table = tableOf(this);
    let names: string[];
    if (what === undefined) names = Object.keys(table).filter((n) => table[n]!.get && this.ctx.host.supports(table[n]!.version ?? "1.1"));
    else if (typeof what === "string") names = what.split(",");
    else if (Array.isArray(what)) names = [...what];
    else {
      const select = (what as { select?: string | readonly string[] }).select ?? [];
      names = typeof select === "string" ? select.split(",") : [...select];
    }
    names = names.map((n) => n.trim()).filter((n) => n !== "" && n !== "$none");
    const own: string[] = [];
    for (const n of names) {
      const slash = n.indexOf("/");
      if (slash >= 0) {
        this.loadPath(n.slice(0, slash), n.slice(slash + 1));
        continue;
      }
      const def = table[n];
      if (def && !def.get) fail(ErrorCodes.invalidArgument, `Cannot load '${n}': it is write-only on ${this.path}.`);
      if (!def?.get) {
        if (this.child(n)) continue; // loading a navigation property loads nothing by itself
        fail(ErrorCodes.invalidArgument, `Cannot load '${n}': no such property on ${this.path}.`);
      }
      this.ctx.need(def!.version ?? "1.1", `${this.path}.${n}`);
      own.push(n);
    }
    this.ctx.enqueue(this.path, "load", own, () => {
      const target = this.nullable ? this.resolveOrNull() : this.resolve();
      if (target === null) {
        return { bytes: 16, deliver: () => void (this.nullLoaded = true) };
      }
      const values = new Map<string, unknown>();
      let bytes = 16;
      for (const n of own) {
        const def = table[n]!;
        const cells = def.cells?.(target);
        if (cells !== undefined && cells > this.ctx.host.limits.readCells) {
          fail(
            ErrorCodes.responsePayloadSizeLimitExceeded,
            `Reading ${n} of ${cells} cells exceeds the limit of ${this.ctx.host.limits.readCells} cells.`,
          );
        }
        const v = def.get!(target, this);
        values.set(n, v);
        bytes += utf8Length(n) + jsonBytes(v) + 4;
      }
      return {
        bytes,
        deliver: () => {
          this.nullLoaded = false;
          for (const [k, v] of values) this.loaded.set(k, v);
        },
      };
    });
    return this;
  }

  /** `load("items/name")` on a collection, `load("format/columnWidth")` on a range. */
  protected loadPath(head: string, rest: string): void {
    const child = this.child(head);
    if (!child) fail(ErrorCodes.invalidArgument, `Cannot load '${head}/${rest}' on ${this.path}.`);
    child!.load(rest);
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

/** Creates a proxy that, like Office.js objects, rejects assignments to properties it does not have. */
export function sealed<P extends object>(proxy: P): P {
  return Object.preventExtensions(proxy);
}

/** A ClientResult<T> (e.g. getCount()): `value` readable after the sync. */
export class FakeClientResult<T> {
  private v: { value: T } | null = null;
  set(value: T): void {
    this.v = { value };
  }
  get value(): T {
    if (this.v === null)
      fail(ErrorCodes.propertyNotLoaded, "The value of this ClientResult is not available until context.sync() is called.");
    return this.v!.value;
  }
}
