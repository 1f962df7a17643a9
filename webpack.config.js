// Builds the Excel task-pane add-in (addin/) into dist/: taskpane.html and its bundle, office.js
// and the files it loads at run time (served from the add-in's own origin: intranets have no
// CDN), the icons, the help page and manifest.xml.
//
//   npm run build                              production build into dist/
//   npm run build -- --env origin=https://host/path   manifest URLs for an intranet server
//   npx webpack serve --mode development       dev server on https://localhost:3000 (npm start)
//   --env e2e --env outputPath=<dir>           adds the fake Excel host page (tests only)
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import CopyWebpackPlugin from "copy-webpack-plugin";
import { EsbuildPlugin } from "esbuild-loader";
import HtmlWebpackPlugin from "html-webpack-plugin";

const root = path.dirname(fileURLToPath(import.meta.url));
const officeDist = path.join(root, "node_modules", "@microsoft", "office-js", "dist");
export const DEV_ORIGIN = "https://localhost:3000";
const DEV_PORT = 3000;

/**
 * The office.js files a task pane in Excel loads at run time, relative to office.js: the Excel
 * host scripts for every platform, the O15 mapping table, the promise polyfill, the telemetry
 * scripts it resolves from its own folder and the office_strings.js of every locale. Debug
 * builds, type definitions and the other hosts' files are left out (86 MB → about 12 MB).
 */
export function isOfficeRuntimeFile(relative) {
  const p = relative.split(path.sep).join("/");
  if (/\.debug\.js$|vsdoc|\.d\.ts$/.test(p)) return false;
  return (
    /^(office|o15apptofilemappingtable|es6-promise)\.js$/.test(p) ||
    /^excel[a-z0-9.-]*\.js$/.test(p) ||
    /^(telemetry|ariatelemetry)\/[^/]+\.js$/.test(p) ||
    /^[a-z]{2,3}(-[a-z0-9]+)+\/office_strings\.js$/.test(p)
  );
}

/** Dev certificates from office-addin-dev-certs, or null (then http) when they cannot be made. */
async function devServerHttps() {
  try {
    const certs = await import("office-addin-dev-certs");
    const getHttpsServerOptions = certs.getHttpsServerOptions ?? certs.default.getHttpsServerOptions;
    return await getHttpsServerOptions();
  } catch (e) {
    const reason = e instanceof Error ? e.message.split("\n")[0] : String(e);
    process.stderr.write(
      [
        "",
        "无法创建或安装 https://localhost 的开发证书，开发服务器改用 http://localhost:3000。",
        "Could not create or trust the https://localhost dev certificate; the dev server falls back to http://localhost:3000.",
        `  原因 / reason: ${reason}`,
        "  Excel 只从 https 加载加载项：在 Linux 上请用浏览器文件模式（打开 http://localhost:3000/taskpane.html）；",
        "  在 Windows/Mac 上运行 npx office-addin-dev-certs install 后重试 npm start。",
        "",
      ].join("\n"),
    );
    return null;
  }
}

export default async function config(env = {}, argv = {}) {
  const mode = argv.mode ?? "production";
  const production = mode === "production";
  const serving = Boolean(env.WEBPACK_SERVE);
  const e2e = Boolean(env.e2e);
  const outputPath = env.outputPath ? path.resolve(root, env.outputPath) : path.join(root, "dist");
  const origin = (env.origin ?? DEV_ORIGIN).replace(/\/+$/, "");
  if (!/^https:\/\/[^/]+/.test(origin)) throw new Error(`--env origin must be an https URL, not ${origin}`);
  if (!existsSync(path.join(officeDist, "office.js"))) throw new Error(`office.js not found in ${officeDist}: run npm install`);

  const https = serving ? await devServerHttps() : null;

  const page = (filename, chunks, hostScript) =>
    new HtmlWebpackPlugin({
      filename,
      template: path.join(root, "addin", "taskpane.html"),
      chunks,
      chunksSortMode: "manual",
      scriptLoading: "defer",
      templateParameters: { hostScript },
      minify: production ? { collapseWhitespace: true, removeComments: true } : false,
    });

  return {
    mode,
    context: root,
    target: ["web", "es2020"],
    devtool: production ? "source-map" : "eval-cheap-module-source-map",
    entry: {
      taskpane: "./addin/index.tsx",
      ...(e2e ? { "fake-excel-host": "./test/e2e/fake-host/fake-excel-host.ts" } : {}),
    },
    output: {
      path: outputPath,
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".tsx", ".ts", ".js"],
      // Sources import "./x.js" for "./x.ts" (Node ESM style).
      extensionAlias: { ".js": [".ts", ".tsx", ".js"] },
    },
    module: {
      rules: [
        {
          test: /\.[cm]?[jt]sx?$/,
          exclude: /node_modules/,
          loader: "esbuild-loader",
          options: { target: "es2020", jsx: "automatic" },
        },
      ],
    },
    optimization: { minimizer: [new EsbuildPlugin({ target: "es2020", css: true })] },
    performance: {
      // The copied office.js host scripts are large by nature; only our bundle is measured.
      assetFilter: (name) => /^taskpane\..*js$/.test(name),
      maxAssetSize: 2_500_000,
      maxEntrypointSize: 2_500_000,
    },
    plugins: [
      page("taskpane.html", ["taskpane"], "office.js"),
      ...(e2e ? [page("taskpane-fake-excel.html", ["fake-excel-host", "taskpane"], null)] : []),
      new CopyWebpackPlugin({
        patterns: [
          {
            from: "**/*",
            context: officeDist,
            filter: (file) => isOfficeRuntimeFile(path.relative(officeDist, file)),
            info: { minimized: true },
          },
          { from: "assets/*.png" },
          { from: "addin/help.html", to: "help.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => content.toString("utf8").replaceAll(DEV_ORIGIN, origin),
          },
        ],
      }),
    ],
    devServer: {
      host: "localhost",
      port: DEV_PORT,
      server: https ? { type: "https", options: https } : { type: "http" },
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false,
      hot: false,
      liveReload: true,
      client: { overlay: { warnings: false, errors: true } },
    },
  };
}
