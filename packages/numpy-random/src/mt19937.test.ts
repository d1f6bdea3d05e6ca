import { describe, expect, it } from 'vitest';
import { numpyReference } from '../reference/numpy-reference.js';
import { Mt19937 } from './mt19937.js';

function draws(generator: Mt19937, count: number): number[] {
  return Array.from({ length: count }, () => generator.nextUint32());
}

describe('Mt19937', () => {
  describe.each(numpyReference.seeds)('seed $seed', (reference) => {
    it("seeds the key as numpy's init_genrand does, with pos 624", () => {
      const state = new Mt19937(reference.seed).getState();
      expect(state.key).toHaveLength(624);
      expect(state.key.slice(0, 5)).toEqual(reference.initialKeyHead);
      expect(state.key.slice(-3)).toEqual(reference.initialKeyTail);
      expect(state.pos).toBe(624);
    });

    it("draws numpy's raw 32-bit outputs, across two regenerations of the key", () => {
      const generator = new Mt19937(reference.seed);
      const stream = draws(generator, 1250);
      expect(stream.slice(0, 10)).toEqual(reference.raw);
      expect(stream.slice(620, 630)).toEqual(reference.rawAcrossRefill);
      expect(stream.slice(1240, 1250)).toEqual(reference.rawAfterSecondRefill);
    });
  });

  it('continues the same stream after getState / setState, even into another generator', () => {
    const generator = new Mt19937(42);
    draws(generator, 700);
    const state = generator.getState();
    const expected = draws(generator, 1000);
    const other = new Mt19937(0);
    other.setState(state);
    expect(draws(other, 1000)).toEqual(expected);
    generator.setState(state);
    expect(draws(generator, 1000)).toEqual(expected);
  });

  it('returns a copy of its state', () => {
    const generator = new Mt19937(1);
    const state = generator.getState();
    state.key[0] = 12345;
    state.pos = 0;
    expect(generator.getState().key[0]).toBe(1);
    expect(generator.getState().pos).toBe(624);
  });

  it('rejects seeds outside 0..2³² − 1', () => {
    expect(() => new Mt19937(-1)).toThrow('Mt19937: seed must be an integer in 0..4294967295, got number -1');
    expect(() => new Mt19937(2 ** 32)).toThrow(
      'Mt19937: seed must be an integer in 0..4294967295, got number 4294967296',
    );
    expect(() => new Mt19937(0.5)).toThrow('Mt19937: seed must be an integer in 0..4294967295, got number 0.5');
  });

  it('rejects invalid states with a clear error and keeps its own', () => {
    const generator = new Mt19937(3);
    const before = generator.getState();
    const key = before.key;
    const setState = (state: unknown) => () => generator.setState(state as never);
    expect(setState(null)).toThrow('Mt19937.setState: state must be an object { key, pos }, got null');
    expect(setState({ key: key.slice(1), pos: 0 })).toThrow(
      'Mt19937.setState: state.key must be an array of 624 words, got an array of length 623',
    );
    expect(setState({ key: [...key.slice(0, 9), -1, ...key.slice(10)], pos: 0 })).toThrow(
      'Mt19937.setState: state.key[9] must be an integer in 0..4294967295, got number -1',
    );
    expect(setState({ key: [...key.slice(0, 623), 2 ** 32], pos: 0 })).toThrow(
      'Mt19937.setState: state.key[623] must be an integer in 0..4294967295, got number 4294967296',
    );
    expect(setState({ key: key.map(() => 0), pos: 625 })).toThrow(
      'Mt19937.setState: state.pos must be an integer in 0..624, got number 625',
    );
    expect(setState({ key, pos: '1' })).toThrow(
      'Mt19937.setState: state.pos must be an integer in 0..624, got the string "1"',
    );
    expect(generator.getState()).toEqual(before);
  });
});
