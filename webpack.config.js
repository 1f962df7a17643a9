// Builds the add-in (addin/) into dist/: two pages with their own bundles, the icons, the help
// page and manifest.xml.
//   - excel.html: the page Excel opens in the task pane (the manifest's SourceLocation), the only
//     page with office.js, served with the files it loads at run time from the add-in's own
//     origin (intranets have no CDN);
//   - index.html: the browser file mode, with no office.js and no Office code at all (office.js
//     contacts Microsoft even in a plain browser; this page contacts no other host).
//
//   npm run build                              production build into dist/
//   npm run build -- --env origin=https://host/path   manifest URLs for an intranet server
//   npm run build -- --env officeJs=cdn        excel.html loads office.js from Microsoft's CDN
//                                              (the only source Microsoft supports); none is copied
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
/** Microsoft's CDN address of office.js (version 1, the latest release of it). */
export const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
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
        "  Excel 只从 https 加载加载项：在 Linux 上请用浏览器文件模式（打开 http://localhost:3000/index.html）；",
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
  const officeJs = env.officeJs ?? "local";
  if (officeJs !== "local" && officeJs !== "cdn")
    throw new Error(`--env officeJs must be local (served with the add-in, the default) or cdn, not ${officeJs}`);
  if (officeJs === "local" && !existsSync(path.join(officeDist, "office.js")))
    throw new Error(`office.js not found in ${officeDist}: run npm install`);

  const https = serving ? await devServerHttps() : null;

  const page = (filename, chunks, hostScript) =>
    new HtmlWebpackPlugin({
      filename,
      template: path.join(root, "addin", "page.html"),
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
      excel: "./addin/excel-page.tsx",
      "file-mode": "./addin/file-page.tsx",
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
      assetFilter: (name) => /^(excel|file-mode)\..*js$/.test(name),
      maxAssetSize: 2_500_000,
      maxEntrypointSize: 2_500_000,
    },
    plugins: [
      page("excel.html", ["excel"], officeJs === "cdn" ? OFFICE_JS_CDN : "office.js"),
      page("index.html", ["file-mode"], null),
      ...(e2e ? [page("excel-fake-host.html", ["fake-excel-host", "excel"], null)] : []),
      new CopyWebpackPlugin({
        patterns: [
          ...(officeJs === "local"
            ? [
                {
                  from: "**/*",
                  context: officeDist,
                  filter: (file) => isOfficeRuntimeFile(path.relative(officeDist, file)),
                  info: { minimized: true },
                },
              ]
            : []),
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
