import { afterEach, beforeEach, vi } from "vitest";

// Stray console output hides real problems: a test that logs fails.
const methods = ["log", "info", "warn", "error", "debug"] as const;
beforeEach(() => {
  for (const m of methods) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      throw new Error(`unexpected console.${m}: ${args.map(String).join(" ")}`);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});
