/** A usage error: wrong command or options (exit 64). */
export class UsageError extends Error {}

export interface ParsedArgs {
  readonly command: string;
  readonly positional: readonly string[];
  readonly options: ReadonlyMap<string, string>;
}

const OPTIONS_WITH_VALUE = new Set(["-o", "--output", "--json", "--branches", "--from", "--period", "--as", "--seed", "--count"]);
const ALIASES: Readonly<Record<string, string>> = { "--output": "-o" };

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (!command) throw new UsageError("缺少命令。");
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === "-h" || a === "--help") {
      options.set("--help", "");
      continue;
    }
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
  scorecard template [--branches <支部名册.xlsx|支部名册.csv>] [--period 2026Q3] -o <模板.xlsx>
      生成新的考核工作簿（填报说明、考核设置、评分细则、支部名册、评分A/B、仲裁、自评、扣分说明）。
      不给 --branches 时名册为示例支部；.xlsx 名册若含评分细则、考核设置，一并沿用（考核周期除外）。
      CSV 可为 UTF-8 或 GBK 编码。不会覆盖已存在的文件。
  scorecard template --from <考核工作簿.xlsx> [--period 2026Q3] -o <新模板.xlsx>
      改了支部名册或评分细则后，按工作簿自己的名册和细则重新生成评分表，写入副本：已填的分数按支部编码
      和项目编号放回；放不回去的保存在“未能放回的评分”表中并逐一列出（退出码 1）。原文件不变。
  scorecard merge <目标工作簿.xlsx> <评分方交回的.xlsx> [--as 评分A|评分B|仲裁|自评] -o <输出.xlsx>
      把评分方填好的评分表按支部编码和项目编号合并到目标工作簿的副本，不修改两个原文件。
      不给 --as 时自动识别填了分数的那张表；两边都填了且不一致的单元格不覆盖，逐一列出。
  scorecard annual <季度工作簿.xlsx>… [-o <输出.xlsx>] [--json <结果.json|->]
      年度定级：把本年度一至四个季度的考核工作簿（各自按 score 的方式校验计分）汇总为年度得分、
      年度星级（否决、逐级晋升、五星/四星名额）、排名和公示名单，写入新的工作簿
      （默认与最新季度的工作簿同一文件夹下的 <年份>年度定级.xlsx），不修改任何季度工作簿，不覆盖已有文件。
  scorecard demo [-o <目录>]
      生成一个示例季度（固定随机种子）并评分，结果写入 demo/；另生成示例年度的四个季度并年度定级。

退出码：0 已得出结果（正式或暂定）；1 校验有错误（validate），或有未能合并的单元格（merge）、未能放回的评分（template --from），仍写出结果；
        2 致命问题或文件问题，无结果（文件无法读取、输出会覆盖原文件、名册有误、年度定级无法进行等，屏幕上说明原因和下一步）；
        64 用法错误；70 程序缺陷（意外错误，请把屏幕上的信息发给维护人员）。`;
