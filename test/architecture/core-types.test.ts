import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Type-checks in-memory files placed in src/model/ with tsconfig.core.json's options: each file's error codes. */
function coreErrors(sources: Readonly<Record<string, string>>): Map<string, number[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, "tsconfig.core.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  )!;
  const probes = new Map(Object.entries(sources).map(([name, text]) => [join(root, "src", "model", `${name}.ts`), { name, text }]));
  const host = ts.createCompilerHost(config.options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.readFile = (f) => probes.get(f)?.text ?? read(f);
  host.fileExists = (f) => probes.has(f) || exists(f);
  const globals = config.fileNames.filter((f) => f.endsWith(".d.ts"));
  const program = ts.createProgram([...probes.keys(), ...globals], config.options, host);
  const errors = new Map([...probes.values()].map((p) => [p.name, [] as number[]]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const probe = d.file && probes.get(d.file.fileName);
    if (probe) errors.get(probe.name)!.push(d.code);
    else throw new Error(`unexpected diagnostic: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  }
  return errors;
}

describe("the pure core compiles without Node or DOM types (tsconfig.core.json)", () => {
  const errors = coreErrors({
    pure: "export const bytes = new TextEncoder().encode(String(10n ** 20n));\nexport const s = new TextDecoder('utf-8').decode(bytes);\n",
    nodeModule: 'import { readFileSync } from "node:fs";\nexport const f = readFileSync;\n',
    nodeGlobal: "export const argv = process.argv;\n",
    nodeBuffer: 'export const b = Buffer.from("x");\n',
    dom: "export const title = document.title;\n",
    timer: "setTimeout(() => undefined, 0);\n",
    office: "export const run = Excel.run;\n",
  });

  it("accepts ECMAScript and text encoding", () => {
    expect(errors.get("pure")).toEqual([]);
  });

  it.each(["nodeModule", "nodeGlobal", "nodeBuffer", "dom", "timer", "office"])("rejects %s", (name) => {
    expect(errors.get(name)!.length).toBeGreaterThan(0);
  });
});
