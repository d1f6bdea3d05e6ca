#!/usr/bin/env node
// Sets registry metadata, `files` and `publishConfig` in every packages/*/package.json of bpnet, touching only
// those keys (re-reads each file right before writing it), and copies the root LICENSE into each package.
// Usage: node scripts/sync-package-metadata.mjs [--check]   (--check: exit 1 when a package is out of date)
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const check = process.argv.includes('--check');

const OWN_KEYWORDS = {
  adam: ['optimizer', 'adam'],
  'batch-norm': ['batch-normalization', 'layer'],
  containers: ['residual', 'sequential', 'concat', 'layer'],
  core: ['machine-learning', 'deep-learning', 'layers', 'dependency-injection', 'inversify'],
  data: ['dataset', 'iris', 'csv', 'standardization', 'stratified-split'],
  dense: ['dense-layer', 'fully-connected', 'layer'],
  diagnostics: ['diagnostics', 'gradients', 'debugging'],
  dropout: ['dropout', 'regularization', 'layer'],
  mnist: ['mnist', 'dataset', 'handwritten-digits'],
  momentum: ['optimizer', 'momentum', 'sgd'],
  'numpy-random': ['numpy', 'random', 'mersenne-twister', 'mt19937'],
  onnx: ['onnx', 'onnxruntime', 'interchange', 'export', 'import'],
  plot: ['plot', 'svg', 'sparkline', 'training-history'],
  relu: ['relu', 'activation', 'layer'],
  sigmoid: ['sigmoid', 'logistic', 'activation', 'layer'],
  'softmax-cross-entropy': ['softmax', 'cross-entropy', 'loss'],
  'squared-error': ['squared-error', 'mse', 'loss'],
  tanh: ['tanh', 'activation', 'layer'],
  wasm: ['webassembly', 'wasm', 'simd', 'kernels', 'worker-threads'],
};

/** Drops every `source` condition (it points at ./src, which is not published), recursively. */
function withoutSource(value) {
  if (Array.isArray(value)) return value.map(withoutSource);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'source')
      .map(([key, inner]) => [key, withoutSource(inner)]),
  );
}

/** Puts `insert`'s keys right after `anchor` (or at the end), dropping their old places. */
function placeAfter(object, anchor, insert) {
  const out = {};
  const keys = Object.keys(object).filter((key) => !(key in insert));
  let placed = false;
  for (const key of keys) {
    out[key] = object[key];
    if (key === anchor) {
      Object.assign(out, insert);
      placed = true;
    }
  }
  if (!placed) Object.assign(out, insert);
  return out;
}

let changed = 0;
const license = readFileSync(join(root, 'LICENSE'), 'utf8');
for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const file = join(root, 'packages', dir, 'package.json');
  if (!existsSync(file)) continue;
  const text = readFileSync(file, 'utf8');
  let pkg = JSON.parse(text);
  const own = OWN_KEYWORDS[dir];
  if (!own) console.warn(`no keywords listed for packages/${dir}: using its folder name`);
  const keywords = [...new Set(['bpnet', 'neural-network', 'backpropagation', ...(own ?? [dir])])];
  pkg = placeAfter(pkg, 'description', { keywords });
  pkg = placeAfter(pkg, 'license', {
    author: 'bpnet contributors',
    homepage: `https://github.com/bpnet/bpnet/tree/main/packages/${dir}#readme`,
    bugs: { url: 'https://github.com/bpnet/bpnet/issues' },
    repository: { type: 'git', url: 'git+https://github.com/bpnet/bpnet.git', directory: `packages/${dir}` },
  });
  pkg = placeAfter(pkg, 'types', { files: ['dist', 'README.md', 'LICENSE'] });
  const publishConfig = { ...(pkg.publishConfig ?? {}), access: 'public' };
  if (pkg.exports) publishConfig.exports = withoutSource(pkg.exports);
  pkg = placeAfter(pkg, 'files', { publishConfig });
  const next = `${JSON.stringify(pkg, null, 2)}\n`;
  const licenseFile = join(root, 'packages', dir, 'LICENSE');
  const licenseStale = !existsSync(licenseFile) || readFileSync(licenseFile, 'utf8') !== license;
  if (next === text && !licenseStale) continue;
  changed++;
  if (check) {
    console.log(`packages/${dir}: out of date`);
    continue;
  }
  // Re-read right before writing: another engineer may have edited the file meanwhile.
  if (readFileSync(file, 'utf8') !== text) {
    console.error(`packages/${dir}/package.json changed while this ran: run again`);
    process.exitCode = 1;
    continue;
  }
  if (next !== text) writeFileSync(file, next);
  if (licenseStale) copyFileSync(join(root, 'LICENSE'), licenseFile);
  console.log(`packages/${dir}: updated`);
}
console.log(`${changed} package(s) ${check ? 'out of date' : 'updated'}`);
if (check && changed > 0) process.exitCode = 1;
