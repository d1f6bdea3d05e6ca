import { createContainer, modelToJson, resumeTraining, SeededRandom } from '@bpnet/core';
import { denseModule } from '@bpnet/dense';
import { expect, it } from 'vitest';
import { acmeModules, plugInsData, plugInsOptions, runPlugInsExample } from './plug-ins-example.js';

it('trains with every plug-in, resumes bit for bit from a checkpoint and reloads bit for bit', () => {
  const result = runPlugInsExample();
  expect(result.trainingAccuracy).toBeGreaterThanOrEqual(0.95);
  expect(result.checkpoints.map(({ iteration }) => iteration)).toEqual([500, 1000, 1500]);
  expect(result.resumedIdentical).toBe(true);
  expect(result.reloadedIdentical).toBe(true);
  // μ moved from 0 towards the rings' mean (about 0), and is saved as state, not as a parameter
  expect(result.runningMean.some((mu) => mu !== 0)).toBe(true);
  expect(result.network.namedState().map(({ path }) => path)).toEqual(['layers[0].runningMean']);
  expect(result.network.namedParameters().map(({ path }) => path)).toContain('layers[4].branches[0].slope');

  // The checkpoint's forward-pass random state is what makes the resumed noise match: with another one, it differs.
  const [first] = result.checkpoints;
  expect(first.forwardRandom).toBeDefined();
  const otherDraws = { ...first, forwardRandom: new SeededRandom(99).saveState() };
  const { inputs, labels } = plugInsData();
  const diverted = resumeTraining(
    createContainer(denseModule, ...acmeModules),
    otherDraws,
    inputs,
    labels,
    plugInsOptions,
  );
  expect(modelToJson(diverted.network)).not.toBe(modelToJson(result.network));
});
