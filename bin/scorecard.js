#!/usr/bin/env node
// The CLI is bundled to build/cli.js by `npm run build:cli` (npm install runs it via "prepare").
import("../build/cli.js").then(
  (cli) => cli.runCli(),
  (err) => {
    if (err && err.code === "ERR_MODULE_NOT_FOUND") {
      process.stderr.write("scorecard 尚未构建：请先在项目根目录运行 npm install（或 npm run build:cli）。\n");
      process.exit(70);
    }
    throw err;
  },
);
