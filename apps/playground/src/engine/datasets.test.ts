import { runToyExperiment } from '@bpnet/example-three-layer/three-layer';
import { describe, expect, it } from 'vitest';
import { type DatasetName, generateDataset, PLAYGROUND_SAMPLES, playgroundData, splitDataset } from './datasets.js';

const PLANAR: DatasetName[] = ['circle', 'xor', 'gauss', 'spiral'];

describe('generateDataset', () => {
  it.each(PLANAR)('%s: 200 points of 2 inputs in [−6, 6]², half of each class at noise 0', (name) => {
    const d = generateDataset(name, { samples: 200, noise: 0, seed: 3 });
    expect(d.inputs).toHaveLength(200);
    expect(d.labels).toHaveLength(200);
    expect(d.classes).toBe(2);
    expect(d.inputNames).toEqual(['x1', 'x2']);
    for (const p of d.inputs) {
      expect(p).toHaveLength(2);
      if (name !== 'gauss') for (const v of p) expect(Math.abs(v)).toBeLessThanOrEqual(6);
    }
    const ones = d.labels.filter((l) => l === 1).length;
    expect(d.labels.every((l) => l === 0 || l === 1)).toBe(true);
    // xor's classes are balanced only on average: 200 fair quadrant draws give 100 ± 3σ (σ ≈ 7).
    if (name === 'xor') expect(Math.abs(ones - 100)).toBeLessThan(22);
    else expect(ones).toBe(100);
  });

  it.each(PLANAR)('%s: the same seed gives the same set, another seed another', (name) => {
    const a = generateDataset(name, { samples: 50, noise: 20, seed: 7 });
    expect(generateDataset(name, { samples: 50, noise: 20, seed: 7 })).toEqual(a);
    expect(generateDataset(name, { samples: 50, noise: 20, seed: 8 }).inputs).not.toEqual(a.inputs);
  });

  it('circle at noise 0: label 1 ⇔ radius < 2.5, and the ring lies in 3.5..5', () => {
    const d = generateDataset('circle', { samples: 400, noise: 0, seed: 1 });
    d.inputs.forEach(([x, y], i) => {
      const r = Math.hypot(x, y);
      expect(d.labels[i]).toBe(r < 2.5 ? 1 : 0);
      if (d.labels[i] === 0) expect(r >= 3.5 - 1e-12 && r <= 5 + 1e-12).toBe(true);
    });
  });

  it('xor at noise 0: label 1 ⇔ x1·x2 ≥ 0, with |x1|, |x2| ≥ 0.3', () => {
    const d = generateDataset('xor', { samples: 400, noise: 0, seed: 1 });
    d.inputs.forEach(([x, y], i) => {
      expect(d.labels[i]).toBe(x * y >= 0 ? 1 : 0);
      expect(Math.min(Math.abs(x), Math.abs(y))).toBeGreaterThanOrEqual(0.3);
    });
  });

  it('gauss at noise 0: class 1 centred near (2, 2), class 0 near (−2, −2), variance near 0.5', () => {
    const d = generateDataset('gauss', { samples: 2000, noise: 0, seed: 1 });
    for (const [label, centre] of [
      [1, 2],
      [0, -2],
    ]) {
      const xs = d.inputs.filter((_, i) => d.labels[i] === label).map((p) => p[0]);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
      // 1000 draws: the mean's standard error is √(0.5/1000) ≈ 0.022, the variance's about 0.022 too.
      expect(Math.abs(mean - centre)).toBeLessThan(0.1);
      expect(Math.abs(variance - 0.5)).toBeLessThan(0.1);
    }
  });

  it('spiral at noise 0: point i of each arm lies exactly on r = 5i/n, t = 3.5πi/n (+π for class 0)', () => {
    const n = 100;
    const d = generateDataset('spiral', { samples: 2 * n, noise: 0, seed: 1 });
    for (let i = 0; i < n; i++) {
      const r = (5 * i) / n;
      const t = (3.5 * Math.PI * i) / n;
      expect(d.inputs[i][0]).toBeCloseTo(r * Math.sin(t), 12);
      expect(d.inputs[i][1]).toBeCloseTo(r * Math.cos(t), 12);
      expect(d.labels[i]).toBe(1);
      expect(d.inputs[n + i][0]).toBeCloseTo(r * Math.sin(t + Math.PI), 12);
      expect(d.labels[n + i]).toBe(0);
    }
  });

  it('noise moves labels of circle points across the boundary but not the points', () => {
    const clean = generateDataset('circle', { samples: 400, noise: 0, seed: 5 });
    const noisy = generateDataset('circle', { samples: 400, noise: 50, seed: 5 });
    const wrong = noisy.inputs.filter(([x, y], i) => (Math.hypot(x, y) < 2.5 ? 1 : 0) !== noisy.labels[i]).length;
    expect(wrong).toBeGreaterThan(10);
    for (const [x, y] of noisy.inputs) expect(Math.hypot(x, y)).toBeLessThanOrEqual(5);
    expect(clean.labels).not.toEqual(noisy.labels);
  });

  it('toy: 30 samples of 4 inputs and 3 classes', () => {
    const d = generateDataset('toy', { samples: 500, noise: 0, seed: 1 });
    expect(d.inputs).toHaveLength(30);
    expect(d.inputs.every((row) => row.length === 4)).toBe(true);
    expect(d.classes).toBe(3);
    expect(new Set(d.labels).size).toBeGreaterThan(1);
    expect(d.labels.every((l) => [0, 1, 2].includes(l))).toBe(true);
    // For seed 1 the very samples `pnpm start` trains on, so a model it saved meets its own data here.
    const { data } = runToyExperiment({ iterations: 1 });
    expect(d.inputs).toEqual(data.inputs.toRows());
    expect(d.labels).toEqual([...data.labels]);
  });

  it('refuses bad options with the option named', () => {
    expect(() => generateDataset('circle', { samples: 0, noise: 0, seed: 1 })).toThrow(/samples is 0/);
    expect(() => generateDataset('circle', { samples: 10, noise: 60, seed: 1 })).toThrow(/noise is 60/);
    expect(() => generateDataset('moons' as DatasetName, { samples: 10, noise: 0, seed: 1 })).toThrow(
      /unknown data set "moons"/,
    );
  });
});

describe('splitDataset', () => {
  it('splits ⌊N·p/100⌋ for training and the rest for testing, a permutation of the samples', () => {
    const d = generateDataset('circle', { samples: 101, noise: 0, seed: 2 });
    const { train, test } = splitDataset(d, 30, 4);
    expect(train.inputs).toHaveLength(30);
    expect(test.inputs).toHaveLength(71);
    const key = (p: number[], l: number) => `${p[0]},${p[1]},${l}`;
    const all = [
      ...train.inputs.map((p, i) => key(p, train.labels[i])),
      ...test.inputs.map((p, i) => key(p, test.labels[i])),
    ];
    expect(all.sort()).toEqual(d.inputs.map((p, i) => key(p, d.labels[i])).sort());
    expect(splitDataset(d, 30, 4)).toEqual({ train, test });
    expect(splitDataset(d, 30, 5).train.inputs).not.toEqual(train.inputs);
  });

  it('refuses a percentage outside (0, 100)', () => {
    const d = generateDataset('xor', { samples: 10, noise: 0, seed: 2 });
    expect(() => splitDataset(d, 100, 1)).toThrow(/trainPercent is 100/);
  });
});

describe('playgroundData', () => {
  it('is the split of PLAYGROUND_SAMPLES generated samples that the page and the session share', () => {
    const settings = { dataset: 'spiral' as const, noise: 10, trainPercent: 30, seed: 4 };
    const { train, test, classes } = playgroundData(settings);
    // ⌊500 · 30 / 100⌋ = 150 training samples, the other 350 for testing.
    expect([PLAYGROUND_SAMPLES, train.inputs.length, test.inputs.length, classes]).toEqual([500, 150, 350, 2]);
    const expected = splitDataset(generateDataset('spiral', { samples: 500, noise: 10, seed: 4 }), 30, 4);
    expect(train).toEqual(expected.train);
    expect(test).toEqual(expected.test);
  });
});
