/// <reference types="office-js" />
import { describe, expect, it } from "vitest";
import { createFakeExcel, FakeOfficeError } from "../fake-excel/fake-excel.js";

const codeOf = async (p: Promise<unknown>): Promise<string | undefined> => {
  try {
    await p;
  } catch (e) {
    return e instanceof FakeOfficeError ? e.code : `not an Office error: ${String(e)}`;
  }
  return undefined;
};

describe("fake Excel host: the Office.js programming model", () => {
  it("throws PropertyNotLoaded for a property read before load and sync, and delivers it after", async () => {
    const { Excel, host } = createFakeExcel();
    host.addSheet("S");
    host.typeInto("S", "A1", 42);
    await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("S").getRange("A1");
      expect(() => range.values).toThrow(/not available/);
      range.load("values");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(range.values).toEqual([[42]]);
      expect(() => range.numberFormat).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("applies queued writes only at sync, counts round trips and Excel.run's final sync", async () => {
    const { Excel, host } = createFakeExcel();
    host.addSheet("S");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1:B1").values = [[1, "x"]];
      expect(host.cell("S", "A1").type).toBe("Empty");
      await ctx.sync();
      expect(host.cell("S", "A1").value).toBe(1);
      await ctx.sync(); // nothing queued: no round trip
      ctx.workbook.worksheets.getItem("S").getRange("C1").values = [[2]];
    });
    expect(host.cell("S", "C1").value).toBe(2);
    expect(host.stats.syncs).toBe(2);
  });

  it("rejects a batch whose function returns no promise, and objects used after their Excel.run", async () => {
    const { Excel } = createFakeExcel();
    expect(await codeOf(Excel.run((() => undefined) as unknown as () => Promise<void>))).toBe("RunMustReturnPromise");
    let leaked: Excel.Worksheet | undefined;
    await Excel.run(async (ctx) => {
      leaked = ctx.workbook.worksheets.add("S");
    });
    expect(() => leaked!.activate()).toThrow(expect.objectContaining({ code: "InvalidRequestContext" }));
  });

  it("fails the sync at a missing sheet (operations before it took effect) and reports null objects", async () => {
    const { Excel, host } = createFakeExcel();
    host.addSheet("S");
    const code = await codeOf(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A1").values = [["before"]];
        ctx.workbook.worksheets.getItem("Nope").getRange("A1").values = [["x"]];
        await ctx.sync();
      }),
    );
    expect(code).toBe("ItemNotFound");
    expect(host.cell("S", "A1").value).toBe("before");
    await Excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      const there = ctx.workbook.worksheets.getItemOrNullObject("s"); // names are case-insensitive
      expect(() => missing.isNullObject).toThrow(/not available/);
      missing.load("name");
      there.load("name");
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(there.isNullObject).toBe(false);
      expect(there.name).toBe("S");
    });
  });

  it("rejects misspelt properties and unknown chart types instead of ignoring them", async () => {
    const { Excel, host } = createFakeExcel();
    host.addSheet("S");
    await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("S").getRange("A1");
      expect(() => {
        (range as unknown as Record<string, unknown>)["hyperLink"] = { address: "x" };
      }).toThrow(TypeError);
      const sheet = ctx.workbook.worksheets.getItem("S");
      expect(() => sheet.charts.add("BarClusterd" as "BarClustered", range, "Columns")).toThrow(
        expect.objectContaining({ code: "InvalidArgument" }),
      );
      expect(() => range.load("valuez")).toThrow(expect.objectContaining({ code: "InvalidArgument" }));
    });
  });

  it("enforces the request and response size limits and the five-million-cell read limit", async () => {
    const { Excel, host } = createFakeExcel();
    host.addSheet("S");
    const big = Array.from({ length: 6_000 }, () => ["x".repeat(1_000)]);
    expect(
      await codeOf(
        Excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("S").getRange("A1:A6000").values = big;
          await ctx.sync();
        }),
      ),
    ).toBe("RequestPayloadSizeLimitExceeded");
    expect(host.cell("S", "A1").type).toBe("Empty"); // nothing of a rejected request is applied
    expect(host.stats.log.at(-1)!.requestBytes).toBeGreaterThan(5 * 1024 * 1024);
    host.resetStats();

    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1:A3000").values = big.slice(0, 3_000);
      await ctx.sync();
      ctx.workbook.worksheets.getItem("S").getRange("A3001:A6000").values = big.slice(3_000);
      await ctx.sync();
    });
    expect(host.cell("S", "A6000").value).toBe("x".repeat(1_000));
    expect(host.stats.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);

    expect(
      await codeOf(
        Excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("S").getRange("A1:A6000").load("values");
          await ctx.sync();
        }),
      ),
    ).toBe("ResponsePayloadSizeLimitExceeded");
    expect(
      await codeOf(
        Excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("S").getRange("A:E").load("valueTypes"); // 5 × 1,048,576 cells
          await ctx.sync();
        }),
      ),
    ).toBe("ResponsePayloadSizeLimitExceeded");
  });

  it("reports requirement sets and throws ApiNotFound for APIs above the host's level", async () => {
    const { Excel, Office, host } = createFakeExcel({ apiVersion: "1.1" });
    host.addSheet("S");
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.1")).toBe(true);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.7")).toBe(false);
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("S");
      const range = sheet.getRange("A1");
      expect(() => sheet.freezePanes).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      expect(() => (range.hyperlink = { documentReference: "'S'!A1" })).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      expect(() => range.dataValidation).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      expect(() => sheet.protection).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      expect(() => sheet.getUsedRangeOrNullObject()).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      expect(() => range.merge()).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      expect(() => (range.format.columnWidth = 40)).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      expect(() => sheet.pageLayout).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      // 1.1 has charts, with their title and series names, but not the series' chart type.
      range.values = [["a"]];
      const chart = sheet.charts.add("XYScatter", range, "Columns");
      chart.title.text = "t";
      chart.series.getItemAt(0);
      expect(() => (chart.series.getItemAt(0).chartType = "XYScatterLinesNoMarkers")).toThrow(
        expect.objectContaining({ code: "ApiNotFound" }),
      );
      await ctx.sync();
    });
    host.apiVersion = "1.9";
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.7")).toBe(true);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.10")).toBe(false);
  });

  it("turns text starting with = + - @ into formulas, numbers and TRUE into values, unless the cell is text-formatted or the text has an apostrophe", async () => {
    const { Excel, host } = createFakeExcel();
    host.addSheet("S");
    const inputs = ["=1+2", "+86 123", "-A1", "@SUM(A1)", "'=1+2", "00123", "50%", "TRUE", "#N/A", "2026-10-08", "第一党支部", "-"];
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("S");
      sheet.getRange(`A1:A${inputs.length}`).values = inputs.map((s) => [s]);
      const text = sheet.getRange(`B1:B${inputs.length}`);
      text.numberFormat = [["@"]]; // one value for the whole range
      text.values = inputs.map((s) => [s]);
      await ctx.sync();
    });
    const general = inputs.map((_, i) => host.cell("S", `A${i + 1}`));
    expect(general.map((c) => [c.type, c.value, c.formula])).toEqual([
      ["Double", 3, "=1+2"],
      ["Error", "#NAME?", "=+86 123"],
      ["Double", -3, "=-A1"],
      ["Error", "#NAME?", "=SUM(A1)"],
      ["String", "=1+2", null],
      ["Double", 123, null],
      ["Double", 0.5, null],
      ["Boolean", true, null],
      ["Error", "#N/A", null],
      ["Double", 46303, null],
      ["String", "第一党支部", null],
      ["String", "-", null],
    ]);
    expect(general[4]!.quotePrefix).toBe(true);
    for (let i = 0; i < inputs.length; i++) {
      const c = host.cell("S", `B${i + 1}`);
      expect([c.type, c.value, c.formula, c.numberFormat]).toEqual(["String", inputs[i], null, "@"]);
    }
  });

  it("reads values, valueTypes, numberFormat and text as Excel reports them", async () => {
    const { Excel, host } = createFakeExcel();
    host.seedGrid({
      name: "S",
      rows: [[{ kind: "number", value: 46303, isDate: true }, { kind: "error", value: "#REF!" }, null, { kind: "bool", value: false }]],
    });
    host.setNumberFormat("S", "E1", "0.00");
    host.typeInto("S", "E1", 3.456);
    await Excel.run(async (ctx) => {
      const used = ctx.workbook.worksheets.getItem("S").getUsedRange(true);
      used.load("address,values,valueTypes,numberFormat,text,rowCount,columnCount");
      await ctx.sync();
      expect(used.address).toBe("S!A1:E1");
      expect(used.values).toEqual([[46303, "#REF!", "", false, 3.456]]);
      expect(used.valueTypes).toEqual([["Double", "Error", "Empty", "Boolean", "Double"]]);
      expect(used.numberFormat).toEqual([["yyyy/m/d", "General", "General", "General", "0.00"]]);
      expect(used.text).toEqual([["2026/10/8", "#REF!", "", "FALSE", "3.46"]]);
    });
  });

  it("keeps locked cells of a protected sheet from changing", async () => {
    const { Excel, host } = createFakeExcel();
    host.seedSheets([{ name: "P", rows: [["label", { v: null, style: "input" }]], protect: true }]);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("P").getRange("B1").values = [[3]];
      await ctx.sync();
    });
    expect(host.cell("P", "B1").value).toBe(3);
    const code = await codeOf(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("P").getRange("A1").values = [["changed"]];
        await ctx.sync();
      }),
    );
    expect(code).toBe("AccessDenied");
    expect(host.cell("P", "A1").value).toBe("label");
  });

  it("creates charts from a table: header row names the series, the first column holds categories", async () => {
    const { Excel, host } = createFakeExcel();
    host.seedSheets([
      {
        name: "C",
        rows: [
          ["支部", "总分", "B"],
          ["一", 90, 1],
          ["二", 80, 2],
        ],
      },
    ]);
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("C");
      const chart = sheet.charts.add("BarClustered", sheet.getRange("A1:C3"), "Columns");
      chart.setPosition("E2", "L20");
      chart.axes.valueAxis.minimum = 50;
      await ctx.sync();
      expect((): unknown => chart.axes.categoryAxis.minimum).toThrow(/not available/);
    });
    const [chart] = host.sheet("C").charts;
    expect(chart!.series.map((s) => s.name)).toEqual(["总分", "B"]);
    expect(chart!.position).toEqual({ from: "E2", to: "L20" });
    expect(chart!.axes.value.minimum).toBe(50);
  });
});
