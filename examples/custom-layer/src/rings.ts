import { Matrix, type RandomSource } from '@bpnet/core';

/**
 * Points on `classes` concentric rings of radius 1, 2, 3, … with gaussian noise; the label is the ring. No
 * straight line separates them, so the network needs its hidden layer.
 */
export function makeRings(
  random: RandomSource,
  samplesPerClass: number,
  classes: number,
  noise = 0.15,
): { inputs: Matrix; labels: number[] } {
  const inputs = Matrix.zeros(samplesPerClass * classes, 2);
  const labels: number[] = [];
  for (let n = 0; n < inputs.rows; n++) {
    const ring = n % classes;
    const angle = 2 * Math.PI * random.uniform();
    const radius = ring + 1 + noise * random.normal();
    inputs.set(n, 0, radius * Math.cos(angle));
    inputs.set(n, 1, radius * Math.sin(angle));
    labels.push(ring);
  }
  return { inputs, labels };
}
