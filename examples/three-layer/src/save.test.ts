import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContainer } from '@bpnet/core';
import { loadModelFile } from '@bpnet/core/node';
import { denseModule } from '@bpnet/dense';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import { describe, expect, it } from 'vitest';
import { runToyExperiment } from './three-layer.js';

describe('pnpm start --save <file>', () => {
  it('writes a model file that loads into the same 4-20-3 net and predicts what the run printed', () => {
    const folder = mkdtempSync(join(tmpdir(), 'bpnet-three-layer-'));
    const result = spawnSync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', join(import.meta.dirname, 'main.ts'), '--save', 'toy.model.json'],
      { cwd: import.meta.dirname, encoding: 'utf8', env: { ...process.env, INIT_CWD: folder } },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const path = join(folder, 'toy.model.json');
    expect(result.stdout).toContain(`saved the trained network to ${path}\n`);
    const printed = /predictions on the 30 training samples: ([0-9 ]+)\n/
      .exec(result.stdout)?.[1]
      .split(' ')
      .map(Number);
    const network = loadModelFile(createContainer(denseModule, sigmoidModule, squaredErrorModule), path);
    expect(network.layers.map((layer) => `${layer.kind} ${layer.outputSize}`)).toEqual([
      'dense 20',
      'sigmoid 20',
      'dense 3',
      'sigmoid 3',
    ]);
    expect(network.loss.kind).toBe('squared-error');
    const { data } = runToyExperiment({ iterations: 1 });
    expect(network.predict(data.inputs)).toEqual(printed);
  });
});
