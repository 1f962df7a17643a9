import { defineConfig } from "vitest/config";

/*
 * Two projects, split by file name:
 *   - node: everything that needs only Node (`npm test`, on any fresh clone);
 *   - full: `*.full.test.ts`, the tests that drive LibreOffice, poppler or Chromium
 *     (`npm run test:full`; they fail with the install command when a tool is missing).
 * `npx vitest run` runs both. The helpers that start those programs refuse to run outside
 * the full project (SCORECARD_FULL_TESTS), so a misnamed test fails instead of making
 * `npm test` depend on them.
 */
const FULL = "test/**/*.full.test.ts";

export default defineConfig({
  test: {
    setupFiles: ["test/setup.ts"],
    testTimeout: 60_000,
    pool: "forks",
    projects: [
      { extends: true, test: { name: "node", include: ["test/**/*.test.ts"], exclude: [FULL] } },
      { extends: true, test: { name: "full", include: [FULL], env: { SCORECARD_FULL_TESTS: "1" } } },
    ],
  },
});
