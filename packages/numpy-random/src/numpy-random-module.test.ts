import { createContainer } from '@bpnet/core';
import { RANDOM_SOURCE } from '@bpnet/core/plugin';
import { describe, expect, it } from 'vitest';
import { numpyReference } from '../reference/numpy-reference.js';
import { numpyRandomModule } from './numpy-random-module.js';
import { NumpyRandomState } from './numpy-random-state.js';

describe('numpyRandomModule', () => {
  it("makes the container's random source a singleton NumpyRandomState seeded with the given number", () => {
    const container = createContainer(numpyRandomModule(0));
    const random = container.get(RANDOM_SOURCE);
    expect(random).toBeInstanceOf(NumpyRandomState);
    expect(container.get(RANDOM_SOURCE)).toBe(random);
    const seed0 = numpyReference.seeds.find((reference) => reference.seed === 0)!;
    expect(Array.from({ length: 11 }, () => random.normal())).toEqual(seed0.randn);
  });

  it('rejects a bad seed when the module is made, not when it is used', () => {
    expect(() => numpyRandomModule(-1)).toThrow(
      'numpyRandomModule: seed must be an integer in 0..4294967295, got number -1',
    );
    expect(() => numpyRandomModule(2 ** 32)).toThrow(
      'numpyRandomModule: seed must be an integer in 0..4294967295, got number 4294967296',
    );
  });
});
