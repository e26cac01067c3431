/*
 * The tidy test: fails when code in src/core uses a call that would break
 * determinism or the layering (docs/ARCHITECTURE.md#layers), and names what to use instead.
 * Comments and string literals are stripped first so prose may mention them.
 * It also checks the one-way dependency direction inside core
 * (sim → net → wire → peer → transport → rpc → scenario → engine).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const CORE = join(import.meta.dirname, '..', 'core');

const FORBIDDEN: { pattern: RegExp; use: string }[] = [
  { pattern: /\bMath\.random\s*\(/, use: 'the sim rng (sim.rng("<stream>"))' },
  { pattern: /\bDate\.now\s*\(|\bnew\s+Date\b|\bDate\s*\(/, use: 'sim.now() (virtual time)' },
  { pattern: /\bperformance\s*\./, use: 'sim.now() (virtual time)' },
  {
    pattern: /\b(setTimeout|setInterval|setImmediate|queueMicrotask|requestAnimationFrame)\s*\(/,
    use: 'sim timers (sim.schedule / sim.sleep)',
  },
  {
    pattern: /\basync\s+(function\b|\(|[A-Za-z_$][\w$]*\s*\()|\bawait\b/,
    use: 'sim futures and generator tasks (yield*)',
  },
  { pattern: /\bPromise\b/, use: 'SimFuture (continuations in sim order, not microtask order)' },
  { pattern: /\bcrypto\b/, use: 'counters or draws from the `ids` rng stream' },
  {
    pattern: /\bMath\.(exp|log|log2|log10|log1p|expm1|pow|sin|cos|tan|atan2|cbrt)\s*\(/,
    use: 'integer math or det-math.ts (engines differ in the last bits)',
  },
  {
    pattern: /\bprocess\.|\brequire\s*\(|\bwindow\.|\bdocument\.|\bglobalThis\b/,
    use: 'nothing: core is pure (no Node, no DOM)',
  },
];

const LAYERS = ['sim', 'net', 'wire', 'peer', 'transport', 'rpc', 'scenario'];

function coreFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return coreFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Blanks comments and string contents (keeps line numbers) so prose can name forbidden calls. */
export function stripCommentsAndStrings(source: string): string {
  return source.replace(
    /\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g,
    (m) => m.replace(/[^\n]/g, ' '),
  );
}

function layerOf(file: string): number {
  const top = relative(CORE, file).split(/[\\/]/)[0] ?? '';
  const i = LAYERS.indexOf(top);
  return i >= 0 ? i : LAYERS.length; // engine.ts and friends sit on top
}

describe('tidy: src/core', () => {
  const files = coreFiles(CORE);

  it('finds the core sources', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('uses no forbidden calls', () => {
    const problems: string[] = [];
    for (const file of files) {
      const lines = stripCommentsAndStrings(readFileSync(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        for (const { pattern, use } of FORBIDDEN) {
          const m = pattern.exec(line);
          if (m) problems.push(`${relative(CORE, file)}:${i + 1}: "${m[0].trim()}" — use ${use}`);
        }
      });
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('uses the host text codecs only in wire/utf8.ts, where they are declared', () => {
    const users = files.filter((file) =>
      /\bText(En|De)coder\b/.test(stripCommentsAndStrings(readFileSync(file, 'utf8'))),
    );
    expect(users.map((file) => relative(CORE, file))).toEqual([join('wire', 'utf8.ts')]);
  });

  it('imports only downward: sim → net → wire → peer → transport → rpc → scenario → engine', () => {
    const problems: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
        const spec = m[1] as string;
        if (!spec.startsWith('.')) {
          if (spec !== 'crc-32/crc32c' && spec !== 'crc-32')
            problems.push(
              `${relative(CORE, file)}: imports package "${spec}" (core may import only crc-32)`,
            );
          continue;
        }
        const target = join(file, '..', spec);
        if (!target.startsWith(CORE))
          problems.push(`${relative(CORE, file)}: imports "${spec}" from outside src/core`);
        else if (layerOf(target) > layerOf(file))
          problems.push(`${relative(CORE, file)}: imports upward "${spec}"`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('the detector catches each forbidden call (it can fail)', () => {
    const samples = [
      'Math.random()',
      'Date.now()',
      'new Date()',
      'performance.now()',
      'setTimeout(f, 1)',
      'queueMicrotask(f)',
      'async function f() {}',
      'await x',
      'Promise.resolve(1)',
      'crypto.randomUUID()',
      'Math.log(2)',
      'process.exit(1)',
    ];
    for (const sample of samples) {
      expect(
        FORBIDDEN.some(({ pattern }) => pattern.test(stripCommentsAndStrings(sample))),
        sample,
      ).toBe(true);
    }
    expect(
      FORBIDDEN.some(({ pattern }) =>
        pattern.test(stripCommentsAndStrings('// Math.random() in a comment\n"Date.now()"')),
      ),
    ).toBe(false);
  });
});
