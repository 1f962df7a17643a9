/** A usage error: wrong command or options (exit 64). */
export class UsageError extends Error {}

export interface ParsedArgs {
  readonly command: string;
  readonly positional: readonly string[];
  readonly options: ReadonlyMap<string, string>;
}

const OPTIONS_WITH_VALUE = new Set(["-o", "--output", "--json", "--branches", "--period", "--as", "--seed", "--count"]);
const ALIASES: Readonly<Record<string, string>> = { "--output": "-o" };

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (!command) throw new UsageError("缺少命令。");
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === "-h" || a === "--help") { options.set("--help", ""); continue; }
    if (a.startsWith("-") && a !== "-") {
      const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
      if (!OPTIONS_WITH_VALUE.has(flag)) throw new UsageError(`不认识的选项：${flag}`);
      const value = inline ?? rest[++i];
      if (value === undefined) throw new UsageError(`选项 ${flag} 需要一个值。`);
      options.set(ALIASES[flag] ?? flag, value);
    } else {
      positional.push(a);
    }
  }
  return { command, positional, options };
}

export const USAGE = `用法：
  scorecard score <考核工作簿.xlsx> [-o <输出.xlsx>] [--json <结果.json|->]
      校验、双评核分、计分排名，把结果表写入工作簿副本（默认 <原文件名>-评分结果.xlsx），不修改原文件。
  scorecard validate <考核工作簿.xlsx> [--json <结果.json|->]
      只校验并输出问题清单；有错误时退出码为 1。
  scorecard demo [-o <目录>]
      生成一个示例季度（固定随机种子）并评分，结果写入 demo/。

退出码：0 已得出结果（正式或暂定）；1 校验有错误（仅 validate）；2 致命问题，无结果；64 用法错误。`;
