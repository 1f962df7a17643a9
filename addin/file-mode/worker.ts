/**
 * The file mode's Web Worker (started by file-operations.ts): the session served on the
 * worker's own scope. It imports the pure core only, never Office code.
 */
import { serveFileSession } from "./file-worker.js";
import type { Port } from "./worker-protocol.js";

serveFileSession(self as unknown as Port);
