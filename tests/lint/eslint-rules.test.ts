/**
 * The lint rules that keep the code's shape, checked on deliberate bad code:
 * each rule must fire on a violation and stay quiet on the allowed form.
 * Files are linted by path (`lintText` with `filePath`), so they need not exist.
 */
import { readFileSync } from 'node:fs';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const cwd = new URL('../..', import.meta.url).pathname;
let eslint: ESLint;

beforeAll(async () => {
  // The project's own config, with its no-cycle block also applied to the fixture cycle in tests/lint/fixtures.
  const { default: config } = (await import(new URL('../../eslint.config.js', import.meta.url).href)) as { default: Linter.Config[] };
  const withFixtures = config.map((block) =>
    block.rules && 'import-x/no-cycle' in block.rules
      ? { ...block, files: [...(block.files ?? []), 'tests/lint/fixtures/**/*.ts'] }
      : block,
  );
  eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: withFixtures });
}, 60_000);

/** The messages of the rules named `ruleId` that ESLint reports for `code` in a file at `filePath`. */
async function messages(filePath: string, code: string, ruleId: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === ruleId).map((m) => m.message);
}

describe('features do not import each other', () => {
  const file = 'src/features/retrieval/Bad.tsx';

  it('rejects a sibling feature reached through the features root', async () => {
    const found = await messages(
      file,
      "import { ClusteringPanel } from '../../features/clustering/ClusteringPanel';\nexport const A = ClusteringPanel;\n",
      'no-restricted-imports',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/Features do not import each other/);
  });

  it('rejects a sibling feature reached directly', async () => {
    const found = await messages(
      file,
      "import { ClusteringPanel } from '../clustering/ClusteringPanel';\nexport const A = ClusteringPanel;\n",
      'no-restricted-imports',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/Features do not import each other/);
  });

  it('rejects the app', async () => {
    const found = await messages(file, "import { App } from '../../app/App';\nexport const A = App;\n", 'no-restricted-imports');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/Features take data from the app/);
  });

  it('allows its own files, components and lower layers', async () => {
    const code = [
      "import { DigitStrip } from '../../components/DigitStrip';",
      "import { formatCount } from '../../shared/format';",
      "import { knn } from '../../analysis/knn';",
      "import { helper } from './helper';",
      'export const A = [DigitStrip, formatCount, knn, helper];',
      '',
    ].join('\n');
    expect(await messages(file, code, 'no-restricted-imports')).toEqual([]);
  });
});

describe('lower layers stay free of the UI', () => {
  it.each(['src/training/bad.ts', 'src/model/bad.ts', 'src/shared/bad.ts', 'src/analysis/bad.ts', 'src/data/bad.ts', 'src/state/bad.ts'])(
    'rejects React, a feature and the app in %s',
    async (file) => {
      const code = [
        "import { useState } from 'react';",
        "import { ClusteringPanel } from '../features/clustering/ClusteringPanel';",
        "import { App } from '../app/App';",
        'export const A = [useState, ClusteringPanel, App];',
        '',
      ].join('\n');
      const found = await messages(file, code, 'no-restricted-imports');
      expect(found).toHaveLength(3);
      expect(found[0]).toMatch(/free of UI libraries/);
      expect(found[1]).toMatch(/must not import features or the app/);
      expect(found[2]).toMatch(/must not import features or the app/);
    },
  );

  it('allows shared code and TF.js', async () => {
    const code = "import { tf } from '../shared/tf';\nimport { mulberry32 } from '../shared/rng';\nexport const A = [tf, mulberry32];\n";
    expect(await messages('src/training/good.ts', code, 'no-restricted-imports')).toEqual([]);
  });

  it('keeps components away from features and the app', async () => {
    const code = "import { ClusteringPanel } from '../features/clustering/ClusteringPanel';\nexport const A = ClusteringPanel;\n";
    expect(await messages('src/components/Bad.tsx', code, 'no-restricted-imports')).toHaveLength(1);
  });
});

describe('no import cycles', () => {
  const read = (name: string) => readFileSync(new URL(`./fixtures/cycle/${name}.ts`, import.meta.url), 'utf8');

  it('reports the cycle between two modules that import each other', async () => {
    const found = await messages('tests/lint/fixtures/cycle/ping.ts', read('ping'), 'import-x/no-cycle');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/cycle/i);
  });

  it('stays quiet on a module outside the cycle', async () => {
    expect(await messages('tests/lint/fixtures/cycle/leaf.ts', read('leaf'), 'import-x/no-cycle')).toEqual([]);
  });
});

describe('file names', () => {
  const rule = 'check-file/filename-naming-convention';
  const code = 'export const A = 1;\n';

  it.each([
    'src/training/run-machine.ts',
    'src/training/throughput.ts',
    'src/shared/backends.ts',
    'src/linalg/eigen.ts',
    'src/training/answers/codes.ts',
    'src/training/training.worker.ts',
    'src/components/use-refreshing.ts',
    'src/features/latent-space/LatentMap.tsx',
    'src/app/ModelQuestions.tsx',
    'src/main.tsx',
    'tests/shared/series.test.ts',
    'tests/features/draw-pad.test.tsx',
    'tests/e2e/explore.e2e.ts',
    'tests/data/mnist-idx.d.ts',
  ])('accepts %s', async (file) => {
    expect(await messages(file, code, rule)).toEqual([]);
  });

  it.each([
    'src/training/runMachine.ts',
    'src/training/RunMachine.ts',
    'src/training/run_machine.ts',
    'src/training/training.thread.ts',
    'src/components/useRefreshing.ts',
    'src/features/latent-space/latent-map.tsx',
    'src/app/modelQuestions.tsx',
    'tests/shared/seriesTest.test.ts',
  ])('rejects %s', async (file) => {
    expect(await messages(file, code, rule)).toHaveLength(1);
  });

  it('rejects a folder that is not kebab-case', async () => {
    expect(await messages('src/features/latentSpace/LatentMap.tsx', code, 'check-file/folder-naming-convention')).toHaveLength(1);
  });

  it('rejects an index (barrel) file', async () => {
    expect(await messages('src/shared/index.ts', code, 'check-file/no-index')).toHaveLength(1);
  });
});
