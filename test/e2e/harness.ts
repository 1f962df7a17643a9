/**
 * What the browser tests need around the page: the add-in built once (production mode, plus
 * the test-only fake Excel page), a static server on 127.0.0.1, and Debian's Chromium driven by
 * playwright-core. No https, no network: the tests fail if the page asks any other host.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chromium, type Browser } from "playwright-core";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const E2E_DIST = join(ROOT, "build", "e2e-dist");
export const EXAMPLES = resolve(ROOT, "..", "shared", "examples");
export const ARTIFACTS = join(ROOT, "test", "artifacts");
export const CHROMIUM = "/usr/bin/chromium";

/** Builds addin/ the way `npm run build` does, into build/e2e-dist, with the fake host page added. */
export async function buildForTests(): Promise<void> {
  const cli = join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  try {
    await promisify(execFile)(process.execPath, [cli, "--mode", "production", "--env", "e2e", "--env", `outputPath=${E2E_DIST}`], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`webpack build failed:\n${stdout ?? ""}\n${stderr ?? ""}`);
  }
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

/** Serves `dir` at / and the shared example workbooks at /fixtures/, on 127.0.0.1. */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const [base, rel] = path.startsWith("/fixtures/") ? [EXAMPLES, path.slice("/fixtures/".length)] : [dir, path.slice(1) || "index.html"];
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
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed (${CHROMIUM} is missing): the task-pane tests need it. Install it with: apt-get update && apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps", "--no-first-run"],
  });
}
