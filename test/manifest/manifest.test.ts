import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkManifest } from "./check-manifest.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const manifest = readFileSync(new URL("../../manifest.xml", import.meta.url), "utf8");
const options = { root, origin: "https://localhost:3000" };
const check = (xml: string) => checkManifest(xml, options);

/** The manifest with one textual change; fails the test if the text to change is not there. */
function edited(from: string | RegExp, to: string): string {
  const out = manifest.replace(from, to);
  expect(out, `manifest.xml no longer contains ${String(from)}`).not.toBe(manifest);
  return out;
}

describe("manifest.xml", () => {
  it("passes the offline structural check", () => {
    expect(check(manifest)).toEqual([]);
  });

  it("opens excel.html in the task pane: the one page with office.js (the file mode is index.html, without it)", () => {
    expect(manifest).toMatch(/<SourceLocation DefaultValue="https:\/\/localhost:3000\/excel\.html"\/>/);
    expect(manifest).toMatch(/<bt:Url id="Taskpane\.Url" DefaultValue="https:\/\/localhost:3000\/excel\.html"\/>/);
    expect(manifest).not.toMatch(/index\.html|taskpane\.html/);
  });

  it("declares ExcelApi 1.1 and a zh-CN default with en-US names", () => {
    expect(manifest).toMatch(/<Set Name="ExcelApi" MinVersion="1\.1"\/>/);
    expect(manifest).toMatch(/<DisplayName DefaultValue="支部考核评分助手">\s*<Override Locale="en-US" Value="Branch Scorecard"\/>/);
  });
});

// The checker itself: each rule must catch the mistake it exists for.
describe("the manifest check catches", () => {
  it("XML that is not well-formed", () => {
    expect(check(edited("</Permissions>", "</Permission>"))[0]).toMatch(/^not well-formed XML/);
  });

  it("elements out of schema order and missing required ones", () => {
    const swapped = edited(/(<Hosts>[\s\S]*?<\/Hosts>)\s*(<Requirements>[\s\S]*?<\/Requirements>)/, "$2\n  $1");
    expect(check(swapped)).toContainEqual(expect.stringMatching(/^<Hosts> is out of schema order/));
    expect(check(edited(/<ProviderName>.*<\/ProviderName>/, ""))).toContain("required element <ProviderName> is missing");
  });

  it("an Id that is not a GUID and a malformed version", () => {
    expect(check(edited(/<Id>[^<]*<\/Id>/, "<Id>branch-scorecard</Id>"))).toContain('Id must be a GUID, not "branch-scorecard"');
    expect(check(edited(/<Version>[^<]*<\/Version>/, "<Version>1.0.0.0.0</Version>"))).toContain(
      'Version must be n[.n[.n[.n]]], not "1.0.0.0.0"',
    );
  });

  it("http URLs and other hosts", () => {
    const problems = check(
      edited(
        '<SupportUrl DefaultValue="https://localhost:3000/help.html"/>',
        '<SupportUrl DefaultValue="http://localhost:3000/help.html"/>',
      ),
    );
    expect(problems).toContain("<SupportUrl DefaultValue>: http://localhost:3000/help.html is not https");
    const cdn = check(
      edited('<SupportUrl DefaultValue="https://localhost:3000/help.html"/>', '<SupportUrl DefaultValue="https://example.com/help"/>'),
    );
    expect(cdn).toContain("<SupportUrl DefaultValue>: https://example.com/help is not on https://localhost:3000");
  });

  it("missing icon files and icons of the wrong size", () => {
    expect(
      check(
        edited(
          'id="Icon.80x80" DefaultValue="https://localhost:3000/assets/icon-80.png"',
          'id="Icon.80x80" DefaultValue="https://localhost:3000/assets/icon-81.png"',
        ),
      ),
    ).toContainEqual(expect.stringMatching(/^image "Icon.80x80" size 80: .*icon-81\.png does not exist$/));
    expect(
      check(
        edited(
          'id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-16.png"',
          'id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-32.png"',
        ),
      ),
    ).toContainEqual(expect.stringMatching(/^image "Icon.16x16" size 16: .*icon-32\.png is 32×32, expected 16×16$/));
  });

  it("a resid that is not defined, or defined in the wrong collection", () => {
    expect(check(edited('<Label resid="Group.Label"/>', '<Label resid="Group.Lable"/>'))).toContain(
      'resid "Group.Lable" (on <Label>) is not defined in Resources',
    );
    expect(check(edited('<LearnMoreUrl resid="Help.Url"/>', '<LearnMoreUrl resid="GetStarted.Title"/>'))).toContain(
      'resid "GetStarted.Title" (on <LearnMoreUrl>) must be defined in Urls, not ShortStrings',
    );
  });

  it("a string without its en-US override or without Chinese", () => {
    expect(check(edited(/(<bt:String id="Group.Label" DefaultValue="支部考核">)\s*<bt:Override[^>]*\/>/, "$1"))).toContain(
      'string "Group.Label" needs an en-US bt:Override',
    );
    expect(check(edited('<DisplayName DefaultValue="支部考核评分助手">', '<DisplayName DefaultValue="Branch Scorecard">'))).toContain(
      "DisplayName DefaultValue must be Chinese (zh-CN)",
    );
  });

  it("a missing or wrong requirement set", () => {
    expect(check(edited('<Set Name="ExcelApi" MinVersion="1.1"/>', '<Set Name="ExcelApi" MinVersion="1.7"/>'))).toContain(
      "ExcelApi MinVersion must be 1.1, not 1.7",
    );
    expect(check(edited(/<Requirements>[\s\S]*<\/Requirements>/, ""))).toContain("Requirements must declare the ExcelApi requirement set");
  });

  it("a button that is not on the Home tab or not labelled 考核评分", () => {
    expect(check(edited('<OfficeTab id="TabHome">', '<OfficeTab id="TabData">'))).toContain(
      "the task pane button must be on the Home tab (OfficeTab TabHome)",
    );
    expect(check(edited('DefaultValue="考核评分"', 'DefaultValue="评分"'))).toContain("the button label must be 考核评分, not 评分");
  });
});
