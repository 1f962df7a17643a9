// npm start: the add-in in Excel for development.
//  - Windows / macOS: office-addin-debugging (fetched by npx on first use, not a dependency:
//    it cannot be installed from every registry) starts the dev server on https://localhost:3000,
//    sideloads manifest.xml and opens Excel. Stop with `npx office-addin-debugging@7 stop manifest.xml`.
//  - Linux (no desktop Excel): the dev server only, and how to use the browser file mode.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const DEV_SERVER = "npx webpack serve --mode development";

function run(command, args, options = {}) {
  const child = spawn(command, args, { stdio: "inherit", ...options });
  child.on("exit", (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  child.on("error", (e) => {
    process.stderr.write(`无法运行 ${command}：${e.message}\n`);
    process.exit(1);
  });
  for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => child.kill(s));
}

if (process.platform === "win32" || process.platform === "darwin") {
  process.stdout.write(
    [
      "正在启动开发服务器并在 Excel 中旁加载（sideload）支部考核评分助手…",
      "第一次运行时会安装 https://localhost 的开发证书（可能要求确认或输入密码），并通过 npx 下载 office-addin-debugging。",
      "Excel 打开后，在“开始”选项卡点击“考核评分”。结束调试：npx office-addin-debugging@7 stop manifest.xml",
      "",
    ].join("\n"),
  );
  // One command line through the shell: npx is npx.cmd on Windows.
  run(`npx --yes office-addin-debugging@7 start manifest.xml desktop --dev-server "${DEV_SERVER}" --dev-server-port 3000`, [], {
    shell: true,
  });
} else {
  process.stdout.write(
    [
      "Linux 上没有桌面版 Excel：只启动开发服务器。",
      "  浏览器文件模式：在 Chrome 或 Chromium 中打开 https://localhost:3000/（index.html）",
      "  （若下面提示改用 http，则打开 http://localhost:3000/），",
      "  打开或拖入考核工作簿（.xlsx），点击“一键评分排名”，再下载“<原文件名>-评分结果.xlsx”。",
      "  Excel 网页版：在 Excel 网页版中“插入 → 加载项 → 上传我的加载项”，选择 manifest.xml（需要受信任的 https 证书）。",
      "",
    ].join("\n"),
  );
  run(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "serve", "--mode", "development"]);
}
