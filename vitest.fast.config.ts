/*
 * `npm run test:fast`: the unit tests without the slow ones, for the
 * edit-and-test loop (under a minute on two cores). It leaves out the smoke
 * tests that spawn the real binary (`*.slow.test.ts`) and the files below,
 * which are long seed sweeps and property runs; `npm run test:unit`
 * (vitest.config.ts) still runs everything. Knows nothing of what the tests
 * check, only which files are slow.
 */
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

const SLOW = [
  '**/*.slow.test.ts',
  'src/core/scenario/scenarios.test.ts', // 40-seed storm sweeps of every scenario
  'src/core/scenario/reliable-stream/reliable-stream.test.ts', // 200-seed sweeps
  'src/core/net/stream-property.test.ts', // property runs under every chaos preset
];

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, ...SLOW],
      // vitest's default on two cores is one worker; the tests run in-process, so use both.
      maxWorkers: 2,
      // Files in a worker share one module cache instead of re-importing the engine
      // per file (most of the time otherwise). A test that leaks state into another
      // file is still caught by test:unit, which isolates every file.
      isolate: false,
    },
  }),
);
