/**
 * What the browser tests need around the page: the add-in built once (production mode, plus
 * the test-only fake Excel page), a static server on 127.0.0.1, and Debian's Chromium driven by
 * playwright-core. No https, no network: the tests fail if the page asks any other host.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { buildAddin } from "../helpers/build-addin.js";
import { requireFullTestRun } from "../helpers/full-tests.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const E2E_DIST = join(ROOT, "build", "e2e-dist");
export const ARTIFACTS = join(ROOT, "test", "artifacts");
export const CHROMIUM = "/usr/bin/chromium";

/** Builds addin/ the way `npm run build` does, into build/e2e-dist, with the fake host page added. */
export async function buildForTests(): Promise<void> {
  await buildAddin(E2E_DIST, ["e2e"]);
}

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".css": "text/css",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export interface StaticServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves `dir` at / and the test's workbooks in `fixtures` at /fixtures/, on 127.0.0.1. */
export async function serveStatic(dir: string, fixtures: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const [base, rel] = path.startsWith("/fixtures/") ? [fixtures, path.slice("/fixtures/".length)] : [dir, path.slice(1) || "index.html"];
    const file = normalize(join(base, rel));
    if (!file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok, fail) => server.close((e) => (e ? fail(e) : ok()))),
  };
}

/** Debian's Chromium, headless. Missing Chromium is a failure that says what to install. */
export async function launchChromium(): Promise<Browser> {
  requireFullTestRun("Chromium");
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed (${CHROMIUM} is missing): the task-pane tests need it. Install it with: apt-get update && apt-get install -y chromium`,
    );
  }
  // Requests of service workers too (Chromium only; off by default in Playwright).
  process.env["PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS"] ??= "1";
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-default-apps",
      "--no-first-run",
    ],
  });
}
