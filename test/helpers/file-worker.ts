/**
 * The file mode's worker in the test's own thread: the session served on one end of a
 * MessageChannel, the page's proxy on the other, so the tests go through the same messages
 * (structured clone, failures as data, cancel) as the browser's Web Worker.
 */
import { MessageChannel, type MessagePort } from "node:worker_threads";
import { createFileOperations, type FileModeOptions } from "../../addin/file-mode/file-operations.js";
import { serveFileSession } from "../../addin/file-mode/file-worker.js";
import type { Port } from "../../addin/file-mode/worker-protocol.js";

export function inProcessWorker(): Port {
  const { port1, port2 } = new MessageChannel();
  serveFileSession(port1 as unknown as Port);
  // Open ports keep Node's event loop alive: these must not hold a test run open.
  for (const port of [port1, port2] as MessagePort[]) port.unref();
  return port2 as unknown as Port;
}

/** createFileOperations on an in-process worker. */
export const fileOperations = (options: Omit<FileModeOptions, "connect"> = {}) =>
  createFileOperations({ ...options, connect: inProcessWorker });
