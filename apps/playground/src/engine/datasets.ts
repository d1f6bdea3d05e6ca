import { SeededRandom } from '@bpnet/core';
import { makeToyData } from '@bpnet/example-three-layer/toy-data';

/** The data sets the playground offers: four 2-D sets after TensorFlow Playground, and the derivation's toy problem. */
export type DatasetName = 'circle' | 'xor' | 'gauss' | 'spiral' | 'toy';

/** Every {@link DatasetName}, in menu order. */
export const DATASET_NAMES: readonly DatasetName[] = ['circle', 'xor', 'gauss', 'spiral', 'toy'];

/** A labelled data set: one row of inputs and one class label per sample. */
export interface Dataset {
  /** One row per sample: [x1, x2] for the 2-D sets, 4 values for `toy`. */
  inputs: number[][];
  /** Class of each sample, 0..classes − 1 (2-D sets: 0 = orange, TF Playground's −1; 1 = blue, its +1). */
  labels: number[];
  classes: number;
  /** The name of each input column. */
  inputNames: string[];
}

/** Options of {@link generateDataset}. */
export interface DatasetOptions {
  /** Number of samples (the 2-D sets split it evenly between the two classes); `toy` always has 30. */
  samples: number;
  /** Noise in percent, 0..50 (TF Playground's slider); ignored by `toy`. */
  noise: number;
  /** Seeds the random source; the same seed gives the same set. */
  seed: number;
}

/** Half the side of the square the 2-D sets live in: inputs lie in [−6, 6]². */
export const DOMAIN = 6;

/** Radius of the circle set's outer ring; the inner disc has radius ½·5 = 2.5, the ring spans 3.5..5. */
export const CIRCLE_RADIUS = 5;

/**
 * Generates a data set, deterministically for `options.seed`, following TensorFlow Playground's generators with
 * `noise` = noise% / 100:
 * - `circle`: half the points at radius r ~ U(0, 2.5), half at r ~ U(3.5, 5), at angle φ ~ U(0, 2π), point
 *   (r sin φ, r cos φ); label 1 when the point moved by (U(−5, 5)·noise, U(−5, 5)·noise) lies within radius 2.5;
 * - `xor`: x, y ~ U(−5, 5), each pushed 0.3 away from 0; label 1 when x'·y' ≥ 0 for the point moved by
 *   (U(−5, 5)·noise, U(−5, 5)·noise);
 * - `gauss`: two Gaussian clusters N((2, 2), σ²I) with label 1 and N((−2, −2), σ²I) with label 0, where the
 *   variance σ² = 0.5 + 3.5·noise/0.5 grows linearly from 0.5 (no noise) to 4 (noise 50 %);
 * - `spiral`: two interleaved spirals, point i of n = samples/2 at r = 5 i/n, t = 1.75 · 2π i/n + Δ (Δ = 0 for label
 *   1, π for label 0), (r sin t, r cos t) + (U(−1, 1)·noise, U(−1, 1)·noise);
 * - `toy`: the derivation's problem (docs/derivation.md): 30 samples of 4 inputs 10·N(0, 1) and 3 classes drawn
 *   uniformly, from `makeToyData`.
 * The 2-D sets clip nothing: with noise 0 every point lies in [−5.3, 5.3]², within [−6, 6]².
 * @throws Error naming the option when `name` is unknown, `samples` is not a positive integer, `noise` is outside
 *   0..50 or `seed` is not a safe integer.
 */
export function generateDataset(name: DatasetName, options: DatasetOptions): Dataset {
  const { samples, noise, seed } = options;
  if (!Number.isInteger(samples) || samples < 2) {
    throw new Error(`generateDataset: samples is ${String(samples)}; expected an integer ≥ 2`);
  }
  if (typeof noise !== 'number' || !(noise >= 0 && noise <= 50)) {
    throw new Error(`generateDataset: noise is ${String(noise)}; expected a number of percent in 0..50`);
  }
  if (!Number.isSafeInteger(seed)) {
    throw new Error(`generateDataset: seed is ${String(seed)}; expected a safe integer`);
  }
  const random = new SeededRandom(seed);
  const uniform = (a: number, b: number) => a + (b - a) * random.uniform();
  const fraction = noise / 100;
  const inputs: number[][] = [];
  const labels: number[] = [];
  const push = (x: number, y: number, label: number) => {
    inputs.push([x, y]);
    labels.push(label);
  };
  switch (name) {
    case 'circle': {
      const inner = CIRCLE_RADIUS * 0.5;
      const labelOf = (x: number, y: number) => (Math.hypot(x, y) < inner ? 1 : 0);
      const ring = (low: number, high: number, count: number) => {
        for (let i = 0; i < count; i++) {
          const r = uniform(low, high);
          const angle = uniform(0, 2 * Math.PI);
          const x = r * Math.sin(angle);
          const y = r * Math.cos(angle);
          const noiseX = uniform(-CIRCLE_RADIUS, CIRCLE_RADIUS) * fraction;
          const noiseY = uniform(-CIRCLE_RADIUS, CIRCLE_RADIUS) * fraction;
          push(x, y, labelOf(x + noiseX, y + noiseY));
        }
      };
      const half = Math.floor(samples / 2);
      ring(0, inner, half);
      ring(CIRCLE_RADIUS * 0.7, CIRCLE_RADIUS, samples - half);
      break;
    }
    case 'xor': {
      const padding = 0.3;
      for (let i = 0; i < samples; i++) {
        let x = uniform(-5, 5);
        x += x > 0 ? padding : -padding;
        let y = uniform(-5, 5);
        y += y > 0 ? padding : -padding;
        const noiseX = uniform(-5, 5) * fraction;
        const noiseY = uniform(-5, 5) * fraction;
        push(x, y, (x + noiseX) * (y + noiseY) >= 0 ? 1 : 0);
      }
      break;
    }
    case 'gauss': {
      const variance = 0.5 + (3.5 * fraction) / 0.5;
      const std = Math.sqrt(variance);
      const cluster = (cx: number, cy: number, label: number, count: number) => {
        for (let i = 0; i < count; i++) push(cx + std * random.normal(), cy + std * random.normal(), label);
      };
      const half = Math.floor(samples / 2);
      cluster(2, 2, 1, half);
      cluster(-2, -2, 0, samples - half);
      break;
    }
    case 'spiral': {
      const spiral = (deltaT: number, label: number, count: number) => {
        for (let i = 0; i < count; i++) {
          const r = (i / count) * 5;
          const t = ((1.75 * i) / count) * 2 * Math.PI + deltaT;
          push(r * Math.sin(t) + uniform(-1, 1) * fraction, r * Math.cos(t) + uniform(-1, 1) * fraction, label);
        }
      };
      const half = Math.floor(samples / 2);
      spiral(0, 1, half);
      spiral(Math.PI, 0, samples - half);
      break;
    }
    case 'toy': {
      const toy = makeToyData(random);
      return {
        inputs: toy.inputs.toRows(),
        labels: [...toy.labels],
        classes: 3,
        inputNames: ['x1', 'x2', 'x3', 'x4'],
      };
    }
    default:
      throw new Error(
        `generateDataset: unknown data set ${JSON.stringify(name)}; expected one of ${DATASET_NAMES.join(', ')}`,
      );
  }
  return { inputs, labels, classes: 2, inputNames: ['x1', 'x2'] };
}

/**
 * Splits a data set at random (a shuffle seeded by `seed`) into ⌊N · trainPercent / 100⌋ training samples and the
 * rest for testing, each keeping at least one sample.
 * @throws Error when `trainPercent` is not in (0, 100) or the set has fewer than 2 samples.
 */
export function splitDataset(d: Dataset, trainPercent: number, seed: number): { train: Dataset; test: Dataset } {
  if (typeof trainPercent !== 'number' || !(trainPercent > 0 && trainPercent < 100)) {
    throw new Error(`splitDataset: trainPercent is ${String(trainPercent)}; expected a number in (0, 100)`);
  }
  const n = d.inputs.length;
  if (n < 2) throw new Error(`splitDataset: the data set has ${n} sample(s); expected at least 2`);
  const order = Array.from({ length: n }, (_, i) => i);
  new SeededRandom(seed).shuffle(order);
  const trainCount = Math.min(n - 1, Math.max(1, Math.floor((n * trainPercent) / 100)));
  const part = (indices: number[]): Dataset => ({
    inputs: indices.map((i) => [...d.inputs[i]]),
    labels: indices.map((i) => d.labels[i]),
    classes: d.classes,
    inputNames: [...d.inputNames],
  });
  return { train: part(order.slice(0, trainCount)), test: part(order.slice(trainCount)) };
}

/** How many samples the playground generates for a 2-D data set (the toy set always has its own 30). */
export const PLAYGROUND_SAMPLES = 500;

/**
 * The page's training and test samples for the settings that choose them: {@link PLAYGROUND_SAMPLES} samples of
 * `dataset` with `noise`, split {@link splitDataset} at `trainPercent`, both seeded by `seed`. The worker's session
 * trains on exactly these, and the page plots the same points.
 */
export function playgroundData(settings: { dataset: DatasetName; noise: number; trainPercent: number; seed: number }): {
  train: Dataset;
  test: Dataset;
  classes: number;
} {
  const { dataset, noise, trainPercent, seed } = settings;
  const data = generateDataset(dataset, { samples: PLAYGROUND_SAMPLES, noise, seed });
  return { ...splitDataset(data, trainPercent, seed), classes: data.classes };
}
