import { describe, expect, it } from 'vitest';
import { decodeState, DEFAULT_STATE, defaultState, encodeState, type PlaygroundState } from './state.js';

describe('state', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_STATE).toEqual({
      dataset: 'circle',
      noise: 0,
      trainPercent: 50,
      features: ['x1', 'x2'],
      hidden: [4, 2],
      activation: 'tanh',
      initializer: 'xavier',
      learningRate: 0.03,
      batchSize: 10,
      optimizer: 'sgd',
      loss: 'softmax-cross-entropy',
      seed: 1,
    });
    expect(encodeState(defaultState())).toBe(
      'd=circle&n=0&p=50&f=x1,x2&h=4,2&a=tanh&i=xavier&lr=0.03&b=10&o=sgd&l=softmax-cross-entropy&s=1',
    );
  });

  it('round-trips many states', () => {
    const datasets = ['circle', 'xor', 'gauss', 'spiral', 'toy'] as const;
    const featureSets: PlaygroundState['features'][] = [
      ['x1'],
      ['x1sq', 'x2sq'],
      ['x1', 'x2', 'x1x2', 'sinx1', 'sinx2'],
    ];
    const hiddens = [[], [8], [1, 2, 3, 4, 5, 6], [4, 2]];
    for (let k = 0; k < 60; k++) {
      const state: PlaygroundState = {
        dataset: datasets[k % 5],
        noise: (k * 7) % 51,
        trainPercent: 10 + ((k * 13) % 81),
        features: featureSets[k % 3],
        hidden: hiddens[k % 4],
        activation: ['tanh', 'relu', 'acme/softsign'][k % 3],
        initializer: ['xavier', 'he', 'zeros'][k % 3],
        learningRate: [0.00001, 0.03, 1, 10][k % 4],
        batchSize: 1 + k,
        optimizer: ['sgd', 'momentum', 'adam'][k % 3],
        loss: ['softmax-cross-entropy', 'squared-error', 'acme/hinge'][k % 3],
        seed: k * 1000,
      };
      const hash = encodeState(state);
      const decoded = decodeState(`#${hash}`);
      expect(decoded.errors).toEqual([]);
      expect(decoded.state).toEqual(state);
    }
  });

  it('an empty hash is the default state', () => {
    expect(decodeState('')).toEqual({ state: DEFAULT_STATE, errors: [] });
  });

  it.each([
    ['d=moons', "dataset: 'moons' is not one of circle, xor, gauss, spiral, toy; using circle"],
    ['n=51', "noise: '51' is not an integer percent in 0..50; using 0"],
    ['p=5', "trainPercent: '5' is not an integer percent in 10..90; using 50"],
    [
      'f=x1,x9',
      "features: 'x1,x9' is not a list of distinct features among x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2; using x1,x2",
    ],
    ['h=9,x', "hidden: '9,x' is not a list of 1..8 units; using 4,2"],
    ['h=1,1,1,1,1,1,1', "hidden: '1,1,1,1,1,1,1' is not a list of 1..8 units; using 4,2"],
    ['a=<b>', "activation: '<b>' is not a layer kind name; using tanh"],
    ['i=', "initializer: '' is not an initializer kind name; using xavier"],
    ['lr=-1', "learningRate: '-1' is not a number in (0, 10]; using 0.03"],
    ['b=0', "batchSize: '0' is not an integer in 1..1000; using 10"],
    ['o=a b', "optimizer: 'a b' is not an optimizer kind name; using sgd"],
    ['l=', "loss: '' is not a loss kind name; using softmax-cross-entropy"],
    ['s=1.5', "seed: '1.5' is not an integer in 0..2147483647; using 1"],
    ['zz=3', "unknown setting 'zz=3' in the URL; ignored"],
  ])('%s gives one error and the default', (hash, error) => {
    const decoded = decodeState(`${hash.startsWith('d=') ? 'n=20' : 'd=xor'}&${hash}`);
    expect(decoded.errors).toEqual([error]);
    const expected = hash.startsWith('d=') ? { ...defaultState(), noise: 20 } : { ...defaultState(), dataset: 'xor' };
    expect(decoded.state).toEqual(expected);
  });

  it('keeps the valid fields beside an invalid one', () => {
    const decoded = decodeState('h=3&lr=abc&a=relu');
    expect(decoded.state.hidden).toEqual([3]);
    expect(decoded.state.activation).toBe('relu');
    expect(decoded.state.learningRate).toBe(0.03);
    expect(decoded.errors).toHaveLength(1);
  });
});
