// ESLint flat config. Besides the usual TypeScript rules it enforces the
// dependency direction of docs/ARCHITECTURE.md#layers with import zones:
//   ui → console, core · cli → console, core · console → core · lessons → core · core → (crc-32 only)
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'crypto',
  'url',
  'util',
  'process',
];
const restrict = (groups, message) => ({ group: groups, message });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // React hooks in the UI: the plugin's recommended preset (rules-of-hooks, exhaustive-deps and the
    // React Compiler's checks of the Rules of React: refs, purity, immutability, setState in render
    // or effects, components made during render), with every rule an error so that lint fails.
    files: ['src/ui/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      // Off: these only report that the React Compiler would skip a component (or check its
      // options), which costs nothing here as the build does not run the compiler.
      'react-hooks/preserve-manual-memoization': 'off',
      'react-hooks/incompatible-library': 'off',
      'react-hooks/unsupported-syntax': 'off',
      'react-hooks/config': 'off',
      'react-hooks/gating': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(
              ['**/ui/**', '**/ui', '**/console/**', '**/console', '**/cli/**', '**/cli'],
              'src/core imports nothing outside core (docs/ARCHITECTURE.md#layers).',
            ),
            restrict(nodeBuiltins, 'src/core must not use Node APIs: it runs in the browser too.'),
            restrict(
              ['react', 'react-dom', 'zustand', 'd3', 'd3-*', '@xterm/*'],
              'src/core must not import UI libraries.',
            ),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sim timers (sim.schedule / sleep).' },
        { name: 'setInterval', message: 'Use sim timers (sim.schedule / sleep).' },
        { name: 'queueMicrotask', message: 'Use sim timers; microtask order is not sim order.' },
        {
          name: 'Promise',
          message: 'Use sim futures and generator tasks (docs/ARCHITECTURE.md#determinism).',
        },
        { name: 'performance', message: 'Use sim.now(): virtual time is the only time in core.' },
      ],
    },
  },
  {
    files: ['src/console/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(
              ['**/ui/**', '**/ui', '**/cli/**', '**/cli'],
              'src/console may import only core.',
            ),
            restrict(nodeBuiltins, 'src/console is shared with the browser: no Node APIs.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/lessons/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(
              ['**/ui/**', '**/ui', '**/console/**', '**/console', '**/cli/**', '**/cli'],
              'src/lessons may import only core.',
            ),
            restrict(nodeBuiltins, 'src/lessons runs in the browser: no Node APIs.'),
            restrict(
              ['react', 'react-dom', 'zustand', 'd3', 'd3-*', '@xterm/*'],
              'src/lessons is data: no UI libraries.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [restrict(['**/ui/**', '**/ui'], 'Nothing imports ui.')] },
      ],
    },
  },
);
