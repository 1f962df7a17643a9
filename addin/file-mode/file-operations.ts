/**
 * Browser file mode as the page sees it: every operation is posted to a Web Worker
 * (worker.ts, the session of file-session.ts), which reads, validates, scores and writes off
 * the page's thread, so the page never freezes; its progress is relayed to the pane. 取消 sends
 * a cancel (the worker's run stops at its next step, and what it made is dropped) and the call
 * rejects at once, so the pane is usable again; the workbook stays as it was. The page keeps
 * only the state it shows (the file's name, what to download).
 */
import { RunCancelled } from "../../src/io/workbook.js";
import type { OverlongText } from "../../src/report/excel-limits.js";
import type { AnnualOperations, AnnualTaskOptions, Assessed, QuarterSource, RunControl } from "../operations.js";
import type { AnnualProgress, Progress } from "../operations.js";
import { saveFile, type DownloadFile } from "./download.js";
import type { FileModeOperations, FileState } from "./file-session.js";
import { fromWire, SlicedValue, type Call, type Port, type Reply, type WireQuarter } from "./worker-protocol.js";

export type { FileModeOperations, FileState, WorkbookDownload, WorkbookFile } from "./file-session.js";

export interface FileModeOptions {
  /** The run time written into 运行记录. */
  readonly now?: () => Date;
  /** Saves a new file on the user's computer (新建考核模板); default: a download link. */
  readonly save?: (file: DownloadFile) => void;
  /** The worker's port; default: a new Web Worker (tests give a MessagePort served in the same thread). */
  readonly connect?: () => Port;
}

/** The file mode's worker, bundled by webpack as its own chunk (it loads no Office code, like the page). */
function startWorker(): Port {
  return new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "file-worker" });
}

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (e: Error) => void;
  readonly onProgress?: (p: Progress & AnnualProgress) => void;
  /** The value's long lists, as they arrive before it. */
  readonly sliced: SlicedValue;
}

export function createFileOperations(options: FileModeOptions = {}): FileModeOperations {
  const now = options.now ?? (() => new Date());
  const save = options.save ?? saveFile;
  const port = (options.connect ?? startWorker)();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let state: FileState = { fileName: null, download: null };
  let shortened: readonly OverlongText[] = [];
  const listeners = new Set<() => void>();

  port.onmessage = (event: MessageEvent) => {
    const reply = event.data as Reply;
    if ("state" in reply) {
      state = reply.state;
      for (const onChange of listeners) onChange();
    } else if ("save" in reply) save(reply.save);
    else {
      const call = pending.get(reply.id);
      if (!call) return; // cancelled: whatever it still says is dropped
      if ("progress" in reply) call.onProgress?.(reply.progress as Progress & AnnualProgress);
      else if ("slice" in reply) call.sliced.add(reply.slice);
      else {
        pending.delete(reply.id);
        if ("error" in reply) call.reject(fromWire(reply.error));
        else call.resolve(call.sliced.restore(reply.value));
      }
    }
  };

  function request<T>(call: Call, onProgress?: (p: Progress & AnnualProgress) => void, control: RunControl = {}): Promise<T> {
    const { signal } = control;
    if (signal?.aborted) return Promise.reject(new RunCancelled(signal.reason));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const cancel = () => {
        if (!pending.delete(id)) return;
        port.postMessage({ id, cancel: true });
        reject(new RunCancelled(signal?.reason));
      };
      const done = () => (signal as AbortSignal | undefined)?.removeEventListener?.("abort", cancel);
      pending.set(id, {
        resolve: (v) => {
          done();
          resolve(v as T);
        },
        reject: (e) => {
          done();
          reject(e);
        },
        ...(onProgress ? { onProgress } : {}),
        sliced: new SlicedValue(),
      });
      (signal as AbortSignal | undefined)?.addEventListener?.("abort", cancel);
      port.postMessage({ id, now: now().getTime(), call });
    });
  }

  // The same file's bytes get the same key on every call (see WireQuarter).
  const keys = new WeakMap<Uint8Array, number>();
  const wire = (source: QuarterSource): WireQuarter => {
    if (source.kind === "open") return source;
    if (!keys.has(source.bytes)) keys.set(source.bytes, nextId++);
    return { kind: "file", file: source.file, key: keys.get(source.bytes)!, bytes: source.bytes };
  };
  const annual: AnnualOperations = {
    openWorkbook: false,
    checkQuarter: (source, { onProgress, signal }: AnnualTaskOptions) =>
      request({ op: "checkQuarter", source: wire(source) }, onProgress, signal ? { signal } : {}),
    gradeYear: (sources, { onProgress, signal }: AnnualTaskOptions) =>
      request({ op: "gradeYear", sources: sources.map(wire) }, onProgress, signal ? { signal } : {}),
  };

  return {
    mode: "file",
    open: (fileName, bytes) => request({ op: "open", fileName, bytes }),
    state: () => state,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    shortenedTexts: () => shortened,
    newTemplate: ({ period, roster }) => request({ op: "newTemplate", period, ...(roster ? { roster } : {}) }),
    importRaterFile: (file, as) => request({ op: "importRaterFile", file, as }),
    validate: (onProgress, control) => request<Assessed>({ op: "validate" }, onProgress, control),
    async scoreAndRank(onProgress, control) {
      const out = await request<{ assessed: Assessed; shortened: readonly OverlongText[] }>({ op: "scoreAndRank" }, onProgress, control);
      shortened = out.shortened;
      return out.assessed;
    },
    annual,
  };
}
