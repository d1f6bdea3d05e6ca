import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { numpyReference } from '../reference/numpy-reference.js';
import { NumpyRandomState } from './numpy-random-state.js';

function repeat(count: number, draw: () => number): number[] {
  return Array.from({ length: count }, draw);
}

describe.each(numpyReference.seeds)('NumpyRandomState($seed) against numpy', (reference) => {
  const { seed } = reference;

  it('nextUint32 gives the raw outputs (randint(0, 2**32))', () => {
    const random = new NumpyRandomState(seed);
    expect(repeat(10, () => random.nextUint32())).toEqual(reference.raw);
  });

  it('uniform is rand()', () => {
    const random = new NumpyRandomState(seed);
    expect(repeat(10, () => random.uniform())).toEqual(reference.rand);
  });

  it('normal is randn(), keeping the cached second normal across uniform draws', () => {
    const random = new NumpyRandomState(seed);
    expect(repeat(11, () => random.normal())).toEqual(reference.randn);
    expect(random.getState().hasGauss).toBe(true);
    expect(repeat(3, () => random.uniform())).toEqual(reference.randAfterRandn);
    expect(repeat(2, () => random.normal())).toEqual(reference.randnAfterRand);
  });

  it('integer(n) is randint(0, n), up to n = 2⁵³ − 1, and randint(low, high) follows on', () => {
    const random = new NumpyRandomState(seed);
    for (const { n, values } of reference.randint)
      expect(repeat(values.length, () => random.integer(n))).toEqual(values);
    const { low, high, values } = reference.randintLowHigh;
    expect(repeat(values.length, () => random.randint(low, high))).toEqual(values);
  });

  it('permutation(30) and then shuffle continue the same stream', () => {
    const random = new NumpyRandomState(seed);
    expect(Array.from(random.permutation(30))).toEqual(reference.permutation30);
    const values = [...reference.shuffleAfterPermutation.input];
    random.shuffle(values);
    expect(values).toEqual(reference.shuffleAfterPermutation.output);
  });

  it('shuffle of an Int32Array draws as permutation does', () => {
    const random = new NumpyRandomState(seed);
    const values = Int32Array.from({ length: 30 }, (_, i) => i);
    random.shuffle(values);
    expect(Array.from(values)).toEqual(reference.permutation30);
  });

  it('sample(30, 15 slots) is choice(30, 15, replace=False), call after call', () => {
    const random = new NumpyRandomState(seed);
    const out = new Int32Array(15);
    for (const expected of reference.choice30of15) expect(Array.from(random.sample(30, out))).toEqual(expected);
  });
});

describe('NumpyRandomState draws nothing where numpy draws nothing', () => {
  it('integer(1), a one-element shuffle and permutation(1) leave the stream alone', () => {
    const expected = numpyReference.intervalConsumption;
    expect(expected.posAfter).toBe(expected.posBefore);
    const random = new NumpyRandomState(expected.seed);
    random.uniform();
    const before = random.getState();
    expect(random.integer(1)).toBe(expected.randint01);
    random.shuffle([5]);
    expect(Array.from(random.permutation(1))).toEqual([0]);
    expect(random.getState()).toEqual(before);
    expect(random.uniform()).toBe(expected.nextRand);
  });

  it('sample with k = 0 still shuffles all n, as choice(n, 0, replace=False) does', () => {
    const random = new NumpyRandomState(0);
    random.sample(30, new Int32Array(0));
    const other = new NumpyRandomState(0);
    other.permutation(30);
    expect(random.getState()).toEqual(other.getState());
  });
});

describe('NumpyRandomState over long streams', () => {
  const { seed, count, uniformSha256, normalSha256, lastUniform, lastNormal } = numpyReference.longStream;
  const sha256 = (values: Float64Array) => createHash('sha256').update(new Uint8Array(values.buffer)).digest('hex');

  it(`matches numpy's rand(${count}) bit for bit`, () => {
    const random = new NumpyRandomState(seed);
    const values = Float64Array.from({ length: count }, () => random.uniform());
    expect(values[count - 1]).toBe(lastUniform);
    expect(sha256(values)).toBe(uniformSha256);
  });

  it(`matches numpy's randn(${count}) bit for bit (Math.log agrees with C's log on every draw)`, () => {
    const random = new NumpyRandomState(seed);
    const values = Float64Array.from({ length: count }, () => random.normal());
    expect(values[count - 1]).toBe(lastNormal);
    expect(sha256(values)).toBe(normalSha256);
  });
});

describe('NumpyRandomState state', () => {
  const checkpoint = numpyReference.checkpoint;

  function drawAfterCheckpoint(random: NumpyRandomState) {
    return {
      randn: repeat(checkpoint.randn.length, () => random.normal()),
      rand: repeat(checkpoint.rand.length, () => random.uniform()),
      randint30: repeat(checkpoint.randint30.length, () => random.integer(30)),
    };
  }
  const expectedDraws = { randn: checkpoint.randn, rand: checkpoint.rand, randint30: checkpoint.randint30 };

  it("getState equals numpy's get_state() (key, pos, has_gauss, cached_gaussian)", () => {
    const random = new NumpyRandomState(checkpoint.seed);
    repeat(3, () => random.normal());
    repeat(2, () => random.uniform());
    expect(random.getState()).toEqual(checkpoint.state);
    expect(drawAfterCheckpoint(random)).toEqual(expectedDraws);
    expect(random.getState()).toEqual(checkpoint.stateAfter);
  });

  it("setState with numpy's state continues numpy's stream, cached normal first", () => {
    const random = new NumpyRandomState(0);
    random.setState(checkpoint.state);
    expect(drawAfterCheckpoint(random)).toEqual(expectedDraws);
    expect(random.getState()).toEqual(checkpoint.stateAfter);
  });

  it('a getState / setState round trip reproduces the rest of the stream', () => {
    const random = new NumpyRandomState(5);
    repeat(7, () => random.normal());
    random.sample(30, new Int32Array(15));
    const state = random.getState();
    const next = () => [...repeat(5, () => random.normal()), random.integer(1000), ...random.permutation(10)];
    const expected = next();
    random.setState(state);
    expect(next()).toEqual(expected);
    const other = new NumpyRandomState(99);
    other.setState(state);
    const draws = [...repeat(5, () => other.normal()), other.integer(1000), ...other.permutation(10)];
    expect(draws).toEqual(expected);
  });

  it('rejects an invalid state with a clear error and keeps its own', () => {
    const random = new NumpyRandomState(1);
    random.normal();
    const before = random.getState();
    const setState = (state: unknown) => () => random.setState(state as never);
    expect(setState(undefined)).toThrow(
      'NumpyRandomState.setState: state must be an object { key, pos, hasGauss, gauss }, got undefined',
    );
    expect(setState({ ...before, key: [] })).toThrow(
      'NumpyRandomState.setState: state.key must be an array of 624 words, got an array of length 0',
    );
    expect(setState({ ...before, pos: -1 })).toThrow(
      'NumpyRandomState.setState: state.pos must be an integer in 0..624, got number -1',
    );
    expect(setState({ ...before, hasGauss: 1 })).toThrow(
      'NumpyRandomState.setState: state.hasGauss must be a boolean, got number 1',
    );
    expect(setState({ ...before, gauss: Number.NaN })).toThrow(
      'NumpyRandomState.setState: state.gauss must be a finite number, got number NaN',
    );
    expect(random.getState()).toEqual(before);
  });
});

describe('NumpyRandomState argument checks', () => {
  it('rejects seeds that are not integers in 0..2³² − 1', () => {
    expect(() => new NumpyRandomState(-1)).toThrow(
      'NumpyRandomState: seed must be an integer in 0..4294967295, got number -1',
    );
    expect(() => new NumpyRandomState(4294967296)).toThrow(
      'NumpyRandomState: seed must be an integer in 0..4294967295, got number 4294967296',
    );
    expect(() => new NumpyRandomState(1.5)).toThrow(
      'NumpyRandomState: seed must be an integer in 0..4294967295, got number 1.5',
    );
    expect(() => new NumpyRandomState(Number.NaN)).toThrow(
      'NumpyRandomState: seed must be an integer in 0..4294967295, got number NaN',
    );
    expect(() => new NumpyRandomState('0' as never)).toThrow(
      'NumpyRandomState: seed must be an integer in 0..4294967295, got the string "0"',
    );
    expect(() => new NumpyRandomState(4294967295)).not.toThrow();
  });

  it('rejects bad ranges and sizes', () => {
    const random = new NumpyRandomState(0);
    expect(() => random.integer(0)).toThrow('NumpyRandomState.integer: n must be a positive integer, got number 0');
    expect(() => random.integer(2.5)).toThrow('NumpyRandomState.integer: n must be a positive integer, got number 2.5');
    expect(() => random.integer(2 ** 53)).toThrow(
      'NumpyRandomState.integer: n must be a positive integer, got number 9007199254740992',
    );
    expect(() => random.randint(3, 3)).toThrow(
      'NumpyRandomState.randint: expected safe integers low < high, got low number 3, high number 3',
    );
    expect(() => random.permutation(-1)).toThrow(
      'NumpyRandomState.permutation: n must be an integer in 0..2147483647, got number -1',
    );
    expect(() => random.sample(3, new Int32Array(4))).toThrow(
      'NumpyRandomState.sample: cannot draw 4 distinct indices from 3',
    );
    expect(() => random.sample(1.5, new Int32Array(1))).toThrow(
      'NumpyRandomState.sample: n must be an integer in 0..2147483647, got number 1.5',
    );
    expect(random.getState()).toEqual(new NumpyRandomState(0).getState());
  });
});
