// Consumer smoke check (a), run by ../run.mjs in a fresh folder where the packed @bpnet tarballs were installed with
// npm: loads every entry of every installed @bpnet package with import(), then trains the three-layer network on
// XOR, saves it to a file, loads it back and checks that the loaded network computes the same outputs, bit for bit.
// Prints one summary line and exits 0, or prints what went wrong and exits 1.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildNetwork, createContainer, seededRandomModule, train } from '@bpnet/core';
import { loadModelFile, saveModelFile } from '@bpnet/core/node';
import { denseModule } from '@bpnet/dense';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';

/** Prints `message` and ends the check with exit code 1. */
function fail(message) {
  console.error(`esm consumer: ${message}`);
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
    const entry = await import(specifier);
    if (Object.keys(entry).length === 0) fail(`import('${specifier}') loaded a module with no exports`);
  } catch (error) {
    fail(`import('${specifier}') failed: ${error instanceof Error ? error.message : String(error)}`);
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

const folder = mkdtempSync(join(tmpdir(), 'bpnet-esm-consumer-'));
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
  `${specifiers.length} entries imported; XOR loss ${first.toPrecision(3)} → ${last.toPrecision(3)}, ` +
    `predictions ${predictions.join(',')}, reloaded outputs identical`,
);
