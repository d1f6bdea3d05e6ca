// Consumer smoke check (b), the CommonJS twin of esm-train-save-load.mjs: loads every entry of every installed
// @bpnet package with require() (ES modules, loaded through their `default` condition on Node >= 20.19), then trains
// the three-layer network on XOR, saves it, loads it back and checks the outputs are identical, bit for bit.
// Prints one summary line and exits 0, or prints what went wrong and exits 1.
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { buildNetwork, createContainer, seededRandomModule, train } = require('@bpnet/core');
const { loadModelFile, saveModelFile } = require('@bpnet/core/node');
const { denseModule } = require('@bpnet/dense');
const { sigmoidModule } = require('@bpnet/sigmoid');
const { squaredErrorModule } = require('@bpnet/squared-error');

/** Prints `message` and ends the check with exit code 1. */
function fail(message) {
  console.error(`cjs consumer: ${message}`);
  process.exit(1);
}

/** Every import specifier the installed @bpnet packages export (`@bpnet/core`, `@bpnet/core/node`, …). */
function exportedSpecifiers() {
  const scope = join(process.cwd(), 'node_modules', '@bpnet');
  return readdirSync(scope).flatMap((dir) => {
    const manifest = JSON.parse(readFileSync(join(scope, dir, 'package.json'), 'utf8'));
    const field = manifest.exports;
    const isMap = typeof field === 'object' && field !== null && Object.keys(field).some((key) => key.startsWith('.'));
    const subpaths = isMap ? Object.keys(field) : ['.'];
    return subpaths
      .filter((key) => key.startsWith('.') && !key.includes('*') && !key.endsWith('.json'))
      .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));
  });
}

const specifiers = exportedSpecifiers();
for (const specifier of specifiers) {
  try {
    const entry = require(specifier);
    if (Object.keys(entry).length === 0) fail(`require('${specifier}') loaded a module with no exports`);
  } catch (error) {
    fail(`require('${specifier}') failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
const labels = [0, 1, 1, 0];
const modules = [denseModule, sigmoidModule, squaredErrorModule];
const network = buildNetwork(createContainer(...modules, seededRandomModule(0)), {
  inputSize: 2,
  layers: [{ kind: 'dense', units: 4 }, { kind: 'sigmoid' }, { kind: 'dense', units: 2 }, { kind: 'sigmoid' }],
  loss: { kind: 'squared-error' },
});
const history = train(network, X, labels, { learningRate: 5, iterations: 5000, batchSize: 4, seed: 1 });
const first = history.loss[0];
const last = history.loss.at(-1);
if (!Number.isFinite(first) || !Number.isFinite(last) || !(last < first / 10)) {
  fail(`training did not converge: loss went from ${first} to ${last}, expected a finite loss below a tenth of it`);
}
const predictions = network.predict(X);
if (predictions.join() !== labels.join()) fail(`trained predictions ${predictions} differ from XOR's ${labels}`);

const folder = mkdtempSync(join(tmpdir(), 'bpnet-cjs-consumer-'));
try {
  const file = join(folder, 'xor.model.json');
  saveModelFile(network, file);
  const loaded = loadModelFile(createContainer(...modules), file);
  const before = Array.from(network.forward(X).data);
  const after = Array.from(loaded.forward(X).data);
  const differs = before.findIndex((value, i) => !Object.is(value, after[i]));
  if (after.length !== before.length || differs !== -1) {
    fail(`the loaded network's outputs differ from the saved one's at index ${differs}: ${before} vs ${after}`);
  }
  if (loaded.predict(X).join() !== labels.join()) fail(`the loaded network predicts ${loaded.predict(X)}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
console.log(
  `${specifiers.length} entries required; XOR loss ${first.toPrecision(3)} → ${last.toPrecision(3)}, ` +
    `predictions ${predictions.join(',')}, reloaded outputs identical`,
);
