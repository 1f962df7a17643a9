/**
 * 填报说明: the first sheet of a new template, in plain Chinese for the organisation
 * department and the raters. Pure text; what it says must match what the template does.
 */
import { hdr, txt, type OutCell, type OutEntry, type SheetSpec } from "../report/sheet-spec.js";
import { SET_ASIDE_SHEET } from "../model/regeneration.js";
import { SHEETS } from "../model/sheets.js";

export const INSTRUCTIONS_SHEET = "填报说明";

export interface InstructionsOptions {
  /** 考核周期 as written into 考核设置, or null when it is still to be filled. */
  readonly period: string | null;
  /** The roster holds example branches (no roster was given): say how to replace them. */
  readonly exampleRoster: boolean;
}

/** How people regenerate the grids after changing the roster or the rules, in the task pane. */
export const REGENERATE = "在任务窗格点“新建考核模板”，选“按本工作簿的支部名册重新生成”";

const title = (v: string): OutCell => ({ v, style: "title" });
const blank = txt(null);

type Section = readonly [heading: string, lines: readonly (readonly [label: string, body: string])[]];

function sections(o: InstructionsOptions): Section[] {
  const g = SHEETS;
  return [
    [
      "一、工作流程",
      [
        [
          "1 新建模板",
          "组织部门在任务窗格点“新建考核模板”生成本工作簿，核对“考核设置”“评分细则”“支部名册”。" +
            (o.period ? "" : "请先在“考核设置”中填写考核周期。"),
        ],
        [
          "2 两方独立评分",
          `把本工作簿复制两份，分别交给两个评分方：第一评分方只填“${g.gridA}”，第二评分方只填“${g.gridB}”，背靠背、互不查看。`,
        ],
        [
          "",
          "收回后，用任务窗格“导入评分表”把两份评分按支部编码和项目编号合并到同一个工作簿；两边都填了且不一致的单元格不会被覆盖，会列出来请您核对。",
        ],
        [
          "3 仲裁",
          `两方分差超过阈值（分差阈值比例 × 分值）的项目需要仲裁：在“${g.arbitration}”表对应单元格填仲裁分；否决项两方意见不一致时，在“${g.arbitration}”表填 是 或 否。`,
        ],
        ["4 校验", "在任务窗格点“校验”，按问题清单逐项改正；在 Excel 中点击问题即可定位到单元格。"],
        ["5 一键评分排名", "点“一键评分排名”，生成 考核结果、考核结果（打印版）、双评明细、校验报告、统计图表、运行记录。"],
        [
          "6 下一季度",
          "在任务窗格点“新建考核模板”，选“选择名册文件”并选本季度的考核工作簿，填写新的考核周期（在 Excel 中请先新建一个空白工作簿）：新模板沿用本季度的支部名册、评分细则和考核设置，评分表是空的。",
        ],
      ],
    ],
    [
      "二、各工作表",
      [
        [INSTRUCTIONS_SHEET, "本说明。"],
        [
          g.settings,
          "考核周期、两个评分方的名称、分差阈值比例、仲裁规则、加分上限、星级阈值等；只能修改“值”列，每项的填写要求见“说明”列。",
        ],
        [
          g.rules,
          `考核方面、考核内容、分值、评分标准、不适用类别。修改细则（增删项目、改分值或不适用类别）后，请${REGENERATE}，各评分表的列随细则更新，已填的分数保留。`,
        ],
        [
          g.roster,
          o.exampleRoster
            ? `支部编码、支部名称、支部类别（生产类、辅助类、综合管理类、市场经营类、非公改制类）。现有的是标有“示例”的示例支部：请改成本单位的支部（可以增删行），然后${REGENERATE}。`
            : "支部编码、支部名称、支部类别（生产类、辅助类、综合管理类、市场经营类、非公改制类）、所属单位、党员人数；上年星级（上一年度的年度星级，0～5，可留空）只在年底年度定级时使用。增删支部、改名称或类别的做法见下面“增删支部”。",
        ],
        [g.gridA, "第一评分方（考核设置中的“评分A名称”，默认党建部门）的评分，每个支部一行、每个考核项一列。"],
        [g.gridB, "第二评分方（考核设置中的“评分B名称”，默认业务部门）的评分，格式与评分A相同。"],
        [g.arbitration, "只填需要仲裁的单元格，留空表示不仲裁（可选）。"],
        [g.self, "支部自评（可选），只作对照，不影响得分；留空按 0 分。"],
        [g.notes, "每一处扣分的说明和佐证材料。"],
      ],
    ],
    [
      "三、填写规则",
      [
        [
          "可填写的单元格",
          "各评分表中只有白色单元格可以填写；表头、项目名称、分值行和支部编码、支部名称已锁定，防止误改。增删支部不要在评分表中直接增删行，见下面“增删支部”。",
        ],
        ["基础项", "填 0 到该项分值之间的数字，最多两位小数（如 3.5、2.75）；评分A、评分B中不能留空。"],
        ["不适用", "按评分细则的“不适用类别”，对该支部不适用的项目已预先填好“不适用”（灰色），无需评分，得分按适用项目折算为百分制。"],
        ["加分项", "填 0 到该项分值之间的数字；没有加分可以留空（按 0 分）。加分合计超过加分上限时按上限计。"],
        ["否决项", "从下拉列表选 是 或 否；留空按“否”。任一否决项为“是”的支部，星级不超过否决星级上限，并按设置排在末位。"],
        ["输入提示", "选中单元格时会显示该项的考核内容和评分标准；输入超出范围的分数时 Excel 会拒绝并提示。"],
        ["行列顺序", "不要修改 A 列的支部编码和表头行的项目编号：合并与计分都按编码识别，行列顺序不同也没关系。"],
        [
          "增删支部",
          `直接在“支部名册”中增删行、修改支部名称或支部类别，然后${REGENERATE}：各评分表按新名册重新排列，已填的分数按支部编码和项目编号放回原来的支部和项目。放不回去的内容（如已删除支部的分数、改类别后不适用项目的分数）不会丢弃，而是列在“${SET_ASIDE_SHEET}”工作表中。`,
        ],
      ],
    ],
    [
      "四、扣分说明",
      [
        ["何时填写", "评分方给某个基础项扣分（得分低于分值）时，在“扣分说明”表写一行：支部编码、项目编号、评分方、说明，可附佐证材料。"],
        ["评分方", "填 A、B、仲裁，或考核设置中的评分方名称（如 党建部门、业务部门）。"],
        ["是否必填", "由考核设置的“扣分说明要求”决定：必填（缺说明为错误，结果为暂定）、提示（缺说明为警告）、不检查。"],
      ],
    ],
    [
      "五、重新计算",
      [
        ["改正后再算", "改正问题后可以随时再次“一键评分排名”：结果表整表替换，“运行记录”追加一行；评分表等输入表不会被改动。"],
        ["结果稳定", "同样的输入每次得到完全相同的结果；有错误时结果标为“暂定”，全部改正后为“正式”。"],
      ],
    ],
    [
      "六、年度定级（年底）",
      [
        [
          "做法",
          "四个季度都评分后，在任务窗格“年度定级”中选择本年度各季度的工作簿，生成新的年度定级工作簿：年度定级、公示名单、年度图表、年度校验报告、运行记录。各季度工作簿不会被改动。",
        ],
        [
          "年度得分",
          "各季度总分的平均（年度计分方式“季度平均”），或按“季度权重”加权平均（“季度加权”）；年中新设的支部按它参加的季度计算。任一季度触发否决项的支部，年度也按否决处理。",
        ],
        [
          "年度星级",
          "先按星级阈值由年度得分评星；被否决的不超过否决星级上限；“逐级晋升”为“是”时，最多比支部名册中的“上年星级”高一级；设置了“五星比例上限”“四星比例上限”的，超出名额的按排名降一级，名额线上同分的一起降级。",
        ],
        ["以哪个季度为准", "年度定级使用最新季度工作簿的考核设置和支部名册（含上年星级）；请在第四季度工作簿中核对这些设置和上年星级。"],
      ],
    ],
  ];
}

/** Characters per line of the explanation column: long explanations continue on the next row. */
const LINE_CHARS = 56;

/** Splits a text into lines of at most `max` characters, after punctuation where possible. */
export function breakLines(text: string, max = LINE_CHARS): string[] {
  const lines: string[] = [];
  let rest = [...text];
  while (rest.length > max) {
    let cut = -1;
    for (let i = max - 1; i >= max / 2; i--) {
      if ("，。；：、）".includes(rest[i]!)) {
        cut = i + 1;
        break;
      }
    }
    if (cut < 0) cut = max;
    lines.push(rest.slice(0, cut).join(""));
    rest = rest.slice(cut);
  }
  if (rest.length > 0) lines.push(rest.join(""));
  return lines;
}

/** The 填报说明 sheet: a title, then label | explanation rows; protected (read-only). */
export function instructionsSheet(o: InstructionsOptions): SheetSpec {
  const rows: OutEntry[][] = [[title(`支部考核评分表 填报说明${o.period ? `（${o.period}）` : ""}`), null]];
  const merges = ["A1:B1"];
  for (const [head, lines] of sections(o)) {
    rows.push([]);
    rows.push([hdr(head), hdr(null)]);
    merges.push(`A${rows.length}:B${rows.length}`);
    for (const [label, body] of lines) {
      breakLines(body).forEach((line, i) => rows.push([i === 0 && label !== "" ? txt(label) : blank, txt(line)]));
    }
  }
  return {
    name: INSTRUCTIONS_SHEET,
    rows,
    columnWidths: [18, LINE_CHARS * 2 + 4],
    merges,
    protect: true,
    print: { orientation: "portrait", fitToWidth: true },
  };
}
