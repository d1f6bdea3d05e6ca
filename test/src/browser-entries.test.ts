import { builtinModules } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { type BuildResult, build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * Browser safety without a browser: each package's main entry is bundled by esbuild for the browser platform (which
 * refuses Node's built-in modules) and the bundle is run in a fresh `node:vm` context that has what a browser page
 * has for these packages (`console`, `performance`, text codecs, timers) and no `process`, `require` or `Buffer`.
 */

/** The folder of the `@bpnet/test` package, whose dependencies the bundled entries resolve from. */
const testPackage = dirname(dirname(fileURLToPath(import.meta.url)));

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Bundles `export * from '<specifier>'` as a browser script that sets `globalThis.bundle` to the entry's exports. */
async function bundleForBrowser(specifier: string): Promise<{ code: string; metafile: BuildResult['metafile'] }> {
  const result = await build({
    stdin: { contents: `export * from '${specifier}';`, resolveDir: testPackage, loader: 'ts' },
    bundle: true,
    write: false,
    platform: 'browser',
    conditions: ['source'],
    format: 'iife',
    globalName: 'bundle',
    metafile: true,
    logLevel: 'silent',
  });
  expect(result.errors).toEqual([]);
  return { code: result.outputFiles[0].text, metafile: result.metafile };
}

/** Every module the bundle took in or left out that is one of Node's built-in modules. */
function nodeBuiltinsIn(metafile: BuildResult['metafile']): string[] {
  const found = new Set<string>();
  for (const [path, input] of Object.entries(metafile?.inputs ?? {})) {
    if (nodeBuiltins.has(path)) found.add(path);
    for (const imported of input.imports)
      if (imported.external || nodeBuiltins.has(imported.path)) found.add(imported.path);
  }
  return [...found];
}

/** Runs a bundle in a context without `process`, then `script` there; returns what `script` evaluates to. */
function runWithoutProcess(code: string, script: string, logged: unknown[][] = []): unknown {
  const context = {
    console: { log: (...values: unknown[]) => logged.push(values) },
    performance,
    TextEncoder,
    TextDecoder,
    setTimeout,
    clearTimeout,
    queueMicrotask,
  };
  return runInNewContext(`${code}\n;${script}`, context, { filename: 'browser-bundle.js' });
}

describe('main entries bundle for the browser and run without process', () => {
  const entries: [string, string[]][] = [
    ['@bpnet/core', ['Matrix', 'buildNetwork', 'createContainer', 'train']],
    ['@bpnet/data', ['loadIris', 'loadCsv', 'parseCsv', 'fitStandardization', 'stratifiedSplit', 'datasetToCsv']],
    ['@bpnet/plot', ['createProgressReporter', 'historySvg', 'sparkline', 'formatConfusionMatrix']],
    ['@bpnet/diagnostics', ['diagnose', 'traceBatch', 'formatTrace']],
  ];

  it.each(entries)('%s: no Node built-in in its module graph; its exports are there', async (specifier, names) => {
    const { code, metafile } = await bundleForBrowser(specifier);
    expect(Object.keys(metafile?.inputs ?? {}).length).toBeGreaterThan(1);
    expect(nodeBuiltinsIn(metafile)).toEqual([]);
    const types = runWithoutProcess(
      code,
      `[typeof process, typeof require, typeof Buffer, ${names.map((name) => `typeof bundle.${name}`).join(', ')}]`,
    );
    expect(types).toEqual(['undefined', 'undefined', 'undefined', ...names.map(() => 'function')]);
  });

  it('@bpnet/data: iris and CSV text load in the bundle', async () => {
    const { code } = await bundleForBrowser('@bpnet/data');
    const result = runWithoutProcess(
      code,
      `const iris = bundle.loadIris();
       const csv = bundle.loadCsv('x,y,label\\n1,2,a\\n3,4,b\\n5,6,a\\n', { label: 'label' });
       JSON.stringify([iris.inputs.shape, iris.inputs.row(34), iris.labels.slice(48, 52), csv.inputs.shape,
         csv.inputs.row(2), csv.labels, csv.classNames]);`,
    );
    // sample 35 of Fisher's paper is 4.9, 3.1, 1.5, 0.2; samples 49 and 50 are setosa, 51 and 52 versicolor
    expect(JSON.parse(result as string)).toEqual([
      '150×4',
      { 0: 4.9, 1: 3.1, 2: 1.5, 3: 0.2 },
      [0, 0, 1, 1],
      '3×2',
      { 0: 5, 1: 6 },
      [0, 1, 0],
      ['a', 'b'],
    ]);
  });

  it('@bpnet/plot: createProgressReporter() without a stream prints its lines with console.log', async () => {
    const { code } = await bundleForBrowser('@bpnet/plot');
    const logged: unknown[][] = [];
    runWithoutProcess(
      code,
      `const report = bundle.createProgressReporter({ everyIterations: 2 });
       for (let iteration = 1; iteration <= 5; iteration++) {
         report({ iteration, iterations: 5, epoch: iteration - 1, loss: 0.5 });
       }`,
      logged,
    );
    expect(logged).toHaveLength(3); // iterations 2, 4 and the last, 5; one line per call
    const lines = logged.map((values) => {
      expect(values).toHaveLength(1);
      return values[0] as string;
    });
    // a constant loss of 0.5 stays 0.5 through the bias-corrected moving average
    expect(lines.map((line) => line.split('  elapsed ')[0])).toEqual([
      'iteration 2/5  loss 0.5000',
      'iteration 4/5  loss 0.5000',
      'iteration 5/5  loss 0.5000',
    ]);
    for (const line of lines) expect(line).toMatch(/ {2}elapsed \d+\.\ds {2}left \d+\.\ds$/);
  });

  it('@bpnet/mnist: the digits are bundled as data and load without a file system', async () => {
    const { code, metafile } = await bundleForBrowser('@bpnet/mnist');
    expect(nodeBuiltinsIn(metafile)).toEqual([]);
    const inputs = Object.keys(metafile?.inputs ?? {});
    expect(inputs.filter((path) => /mnist\/src\/digits\/\d\.json$/.test(path))).toHaveLength(10);
    const result = runWithoutProcess(
      code,
      `const { inputs, labels } = bundle.loadMnistDigits();
       const counts = new Array(10).fill(0);
       for (const label of labels) counts[label]++;
       JSON.stringify([typeof process, inputs.shape, counts, Array.from(inputs.row(0).subarray(127, 132))]);`,
    );
    expect(JSON.parse(result as string)).toEqual([
      'undefined',
      '10000×784',
      [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978],
      [0.2, 0.624, 0.992, 0.624, 0.196], // row 4 of the first zero, from column 15
    ]);
  }, 180_000);

  it('the check fails for an entry that reads files: @bpnet/data/node', async () => {
    await expect(bundleForBrowser('@bpnet/data/node')).rejects.toThrow(/Could not resolve "node:fs"/);
  });
});
