import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildNetwork, modelJsonChunks, modelToJson, saveModel } from '@bpnet/core';
import { loadModelFile, saveModelFile } from '@bpnet/core/node';
import { batchNormModule } from '@bpnet/batch-norm';
import { describe, expect, it } from 'vitest';
import { writeFileAtomically } from '@bpnet/core/node';
import { threeLayerContainer } from './fixtures/three-layer.js';

/** A network with state, a parameter of more than one piece's values and values of every JSON form. */
function networkWithState() {
  const network = buildNetwork(threeLayerContainer(4, batchNormModule), {
    inputSize: 300,
    layers: [{ kind: 'dense', units: 300 }, { kind: 'batch-norm' }, { kind: 'dense', units: 2 }],
    loss: { kind: 'squared-error' },
  });
  const bias = network.parameters()[1].value.data;
  bias.set([-0.5, 1e21, 5e-324, -1.7976931348623157e308, 0.1 + 0.2, 123456789]);
  return network;
}

describe('writing a model in pieces', () => {
  it('writes exactly the text JSON.stringify(saveModel(network)) would, in pieces of at most 65,536 values', () => {
    const network = networkWithState();
    const chunks = [...modelJsonChunks(network)];
    const expected = JSON.stringify(saveModel(network));
    expect(chunks.join('')).toBe(expected);
    expect(modelToJson(network)).toBe(expected);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(65_536 * 25);
    expect(chunks.length).toBeGreaterThan(network.parameters().length + 2);
  });

  it('saveModelFile writes it and loadModelFile reads it back bit for bit, state included', () => {
    const network = networkWithState();
    const path = join(mkdtempSync(join(tmpdir(), 'bpnet-stream-')), 'model.json');
    saveModelFile(network, path);
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(saveModel(network)));
    const loaded = loadModelFile(threeLayerContainer(9, batchNormModule), path);
    expect(loaded.parameters().map((p) => p.value.data)).toEqual(network.parameters().map((p) => p.value.data));
    expect(loaded.namedState().map(({ state }) => state.value.data)).toEqual(
      network.namedState().map(({ state }) => state.value.data),
    );
  });

  it('a failure while the pieces are produced leaves the old file as it was and no temporary file', () => {
    const directory = mkdtempSync(join(tmpdir(), 'bpnet-stream-'));
    const path = join(directory, 'model.json');
    writeFileSync(path, 'the good old model');
    function* failing(): Generator<string> {
      yield 'x'.repeat(1 << 20);
      throw new Error('the network could not be read');
    }
    expect(() => writeFileAtomically(path, failing())).toThrow('the network could not be read');
    expect(readFileSync(path, 'utf8')).toBe('the good old model');
    expect(readdirSync(directory)).toEqual(['model.json']);
    writeFileAtomically(path, ['new ', 'model']);
    expect(readFileSync(path, 'utf8')).toBe('new model');
    expect(readdirSync(directory)).toEqual(['model.json']);
    expect(existsSync(path)).toBe(true);
  });
});
