/**
 * The worker's side of the file mode: the session (file-session.ts) served over a message
 * port. Each call runs with its own AbortController, which a cancel message aborts; the
 * session yields between the pipeline's steps, so the cancel is seen there. Progress is
 * posted as it comes, at most every 50 ms within a step (a new step at once).
 */
import type { Result } from "../../src/model/result.js";
import type { Assessed, QuarterSource } from "../operations.js";
import { createFileSession } from "./file-session.js";
import { sliceLongLists, toWire, type Call, type Port, type Reply, type Request, type WireQuarter } from "./worker-protocol.js";
import type { AnnualProgress, Progress } from "../operations.js";

const PROGRESS_EVERY_MS = 50;

/** What the pane is sent of a run: not the item rows it never shows (less for the page to decode). */
function overview({ result, issues }: Assessed): Assessed {
  const { items, ...rest } = result as Result;
  void items;
  return { result: rest, issues };
}

export function serveFileSession(port: Port): void {
  const post = (reply: Reply, transfer: Transferable[] = []) => port.postMessage(reply, transfer);
  let now = new Date();
  const session = createFileSession({ now: () => now, save: (file) => post({ save: file }) });
  session.subscribe(() => {
    // The scored copy (14 MiB for 5,000 branches) is handed over, not copied on the page's thread.
    const state = session.state();
    if (!state.download) return post({ state });
    const bytes = state.download.bytes.slice();
    post({ state: { ...state, download: { ...state.download, bytes } } }, [bytes.buffer]);
  });
  const running = new Map<number, AbortController>();
  // The same key, the same bytes object: the annual operations keep one assessment per file by it.
  const quarters = new Map<number, Uint8Array>();
  const quarter = (q: WireQuarter): QuarterSource => {
    if (q.kind === "open") return q;
    if (!quarters.has(q.key)) quarters.set(q.key, q.bytes);
    return { kind: "file", file: q.file, bytes: quarters.get(q.key)! };
  };

  async function perform(id: number, call: Call, signal: AbortSignal): Promise<unknown> {
    let last = 0;
    let lastStep = "";
    const onProgress = (progress: Progress | AnnualProgress) => {
      const t = Date.now();
      const inner = "quarter" in progress && progress.quarter ? `${progress.quarter.number} ${progress.quarter.progress.step}` : "";
      const step = `${progress.step} ${inner}`;
      if (step === lastStep && t - last < PROGRESS_EVERY_MS && progress.done !== progress.total) return;
      last = t;
      lastStep = step;
      post({ id, progress });
    };
    switch (call.op) {
      case "open":
        return session.open(call.fileName, call.bytes);
      case "newTemplate":
        return session.newTemplate({ period: call.period, ...(call.roster ? { roster: call.roster } : {}) });
      case "importRaterFile":
        return session.importRaterFile(call.file, call.as);
      case "validate":
        return overview(await session.validate(onProgress, { signal }));
      case "scoreAndRank": {
        const assessed = await session.scoreAndRank(onProgress, { signal });
        return { assessed: overview(assessed), shortened: session.shortenedTexts?.() ?? [] };
      }
      case "checkQuarter":
        return session.annual!.checkQuarter(quarter(call.source), { onProgress, signal });
      case "gradeYear":
        return session.annual!.gradeYear(call.sources.map(quarter), { onProgress, signal });
    }
  }

  port.onmessage = (event: MessageEvent) => {
    const request = event.data as Request;
    if ("cancel" in request) {
      running.get(request.id)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(request.id, controller);
    now = new Date(request.now);
    perform(request.id, request.call, controller.signal)
      .then(
        (value) => post({ id: request.id, value: sliceLongLists(value, (slice) => post({ id: request.id, slice })) }),
        (e: unknown) => post({ id: request.id, error: toWire(e) }),
      )
      .finally(() => running.delete(request.id));
  };
}
