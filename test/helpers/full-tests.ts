/**
 * The guard for tests that start LibreOffice, poppler or Chromium: they belong to the `full`
 * vitest project (files named `*.full.test.ts`, run by `npm run test:full`), never to
 * `npm test`, which must pass on a machine with only Node. Scripts run outside vitest
 * (test/fixtures/make-fixtures.ts) are not affected.
 */
export function requireFullTestRun(tool: string): void {
  if (process.env["VITEST"] === undefined || process.env["SCORECARD_FULL_TESTS"] === "1") return;
  throw new Error(
    `This test needs ${tool}, so it must not run under npm test (Node only): name its file *.full.test.ts; it then runs under npm run test:full.`,
  );
}
