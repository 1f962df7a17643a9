/**
 * What the browser tests need around the page: the add-in built once (production mode, plus
 * the test-only fake Excel page), a static server on 127.0.0.1, and Debian's Chromium driven by
 * playwright-core. No https, no network: the tests fail if the page asks any other host.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { basename, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
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

/** What a browser test file runs against: Chromium, and a static server over an add-in build and the file's workbooks. */
export interface Site {
  readonly browser: Browser;
  readonly server: StaticServer;
  /** The temporary folder served at /fixtures/. */
  readonly fixtures: string;
}

export interface SiteOptions {
  /** The build's folder, served at /. */
  readonly dist: string;
  /** Builds the add-in into `dist`. */
  readonly build: () => Promise<void>;
  /** The temporary fixtures folder's name prefix. */
  readonly prefix: string;
  /** The workbooks served at /fixtures/, by file name. */
  readonly files?: () => Readonly<Record<string, Uint8Array>> | Promise<Readonly<Record<string, Uint8Array>>>;
}

/**
 * Starts a test file's site (in beforeAll): Chromium first, so that a missing browser fails
 * before the slow build; then the build, the fixtures written to a temporary folder, the server
 * and the artifacts folder. Chromium and the folder are closed and removed again if a later step fails.
 */
export async function startSite(options: SiteOptions): Promise<Site> {
  const browser = await launchChromium();
  let fixtures: string | undefined;
  try {
    await options.build();
    fixtures = mkdtempSync(join(tmpdir(), options.prefix));
    for (const [name, bytes] of Object.entries((await options.files?.()) ?? {})) writeFileSync(join(fixtures, name), bytes);
    const server = await serveStatic(options.dist, fixtures);
    mkdirSync(ARTIFACTS, { recursive: true });
    return { browser, server, fixtures };
  } catch (e) {
    await closeSite({ browser, fixtures });
    throw e;
  }
}

/** Closes what startSite started (in afterAll: any part may be missing where it failed) and removes the fixtures. */
export async function closeSite(site: Partial<Site>): Promise<void> {
  await site.browser?.close();
  await site.server?.close();
  if (site.fixtures) rmSync(site.fixtures, { recursive: true, force: true });
}

/** Excel's task pane is 350 px wide. */
export const PANE = { width: 350, height: 900 } as const;

/** A page of the add-in in its own browser context, and what it did. */
export interface PaneSession {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Every URL requested in the context (the page, its frames and workers, popups) and when. */
  readonly requests: string[];
  readonly requestTimes: number[];
  /** Uncaught exceptions and console errors in the page. */
  readonly errors: string[];
  close(): Promise<void>;
}

interface PaneOptions {
  /** Page path on the server: the file mode's index.html unless given. */
  readonly path?: string;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Runs in the page before its own scripts (measuring tasks, watching the progress). */
  readonly init?: () => void;
}

/**
 * Opens the add-in's page at the pane's width (Chinese locale, downloads accepted). Requests
 * to any other host are aborted and recorded, so a test can assert that nothing left the machine.
 */
export async function openPane(browser: Browser, server: StaticServer, options: PaneOptions = {}): Promise<PaneSession> {
  const context = await browser.newContext({ viewport: options.viewport ?? PANE, acceptDownloads: true, locale: "zh-CN" });
  await context.route(
    (url) => !isLocalUrl(server, url.href),
    (route) => route.abort(),
  );
  const requests: string[] = [];
  const requestTimes: number[] = [];
  // On the context, not the page: iframes, dedicated and service workers and popups included.
  context.on("request", (r) => {
    requests.push(r.url());
    requestTimes.push(Date.now());
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => void (m.type() === "error" && errors.push(`console: ${m.text()}`)));
  if (options.init) await page.addInitScript(options.init);
  await page.goto(`${server.origin}${options.path ?? "/index.html"}`);
  return { page, context, requests, requestTimes, errors, close: () => context.close() };
}

/** The test server itself, or an object URL or data the page made (downloads): nothing that left the machine. */
export function isLocalUrl(server: StaticServer, url: string): boolean {
  return url.startsWith(`${server.origin}/`) || url.startsWith(`blob:${server.origin}/`) || url.startsWith("data:");
}

/** A workbook to choose in the page: a file on disk, or bytes with the name the user sees. */
type ChosenFile = string | { readonly name: string; readonly bytes: Uint8Array };

/** Chooses the workbook in the file mode's 选择工作簿 and waits until the pane names it as open. */
export async function chooseWorkbook(page: Page, file: ChosenFile, timeout = 30_000): Promise<void> {
  const name = typeof file === "string" ? basename(file) : file.name;
  await page
    .getByTestId("workbook-input")
    .setInputFiles(
      typeof file === "string" ? file : { name: file.name, mimeType: "application/octet-stream", buffer: Buffer.from(file.bytes) },
    );
  await page.getByText(`当前工作簿：${name}`).waitFor({ timeout });
}
