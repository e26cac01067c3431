/*
 * The trace schema is a contract the compiler enforces: drop one field from a
 * kind in trace-schema.ts and the typecheck fails at the code that emits it
 * and at every reader of it. Runs the TypeScript compiler over the project
 * with an edited copy of the schema held in memory (slow: a whole-program
 * typecheck). Knows nothing of what the field means.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const SCHEMA = join(ROOT, 'src/core/sim/trace-schema.ts');

/** Files (relative to the repo) with type errors when `schemaText` replaces the schema. */
function filesWithErrors(schemaText: string): Set<string> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!config) throw new Error('cannot read tsconfig.json');
  const host = ts.createCompilerHost(config.options);
  const read = host.readFile.bind(host);
  host.readFile = (file) => (ts.sys.resolvePath(file) === SCHEMA ? schemaText : read(file));
  const files = config.fileNames.filter((f) => !f.includes('.test.'));
  const program = ts.createProgram(files, config.options, host);
  const out = new Set<string>();
  for (const d of ts.getPreEmitDiagnostics(program))
    if (d.file) out.add(relative(ROOT, d.file.fileName));
  return out;
}

describe('the trace schema is checked at producers and consumers', () => {
  it('compiles as it is', () => {
    expect([...filesWithErrors(readFileSync(SCHEMA, 'utf8'))]).toEqual([]);
  }, 120_000);

  it("dropping packet_sent's toAddr breaks its emitter and every reader", () => {
    const original = readFileSync(SCHEMA, 'utf8');
    const edited = original.replace(/\n {2}toAddr: string;\n/, '\n');
    expect(edited).not.toBe(original); // the field is where this test expects it
    const broken = filesWithErrors(edited);
    expect(broken).toContain('src/core/peer/framed-connection.ts'); // emits packet_sent / packet_delivered
    expect(broken).toContain('src/core/view/lifecycle.ts'); // the packet lifecycle
    expect(broken).toContain('src/console/trace-format.ts'); // the console's line for it
  }, 120_000);
});
