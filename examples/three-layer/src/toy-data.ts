import { Matrix, type RandomSource } from '@bpnet/core';

/** The reference program's toy data set: inputs X = 10·randn(samples, features) and labels y = ⌊classes · rand⌋. */
export interface ToyData {
  readonly inputs: Matrix;
  readonly labels: number[];
}

/** Draws the toy data set from `random`, inputs first and labels after, as the reference program does. */
export function makeToyData(random: RandomSource, samples = 30, features = 4, classes = 3): ToyData {
  const inputs = Matrix.zeros(samples, features);
  for (let i = 0; i < inputs.data.length; i++) inputs.data[i] = 10 * random.normal();
  const labels = Array.from({ length: samples }, () => Math.floor(classes * random.uniform()));
  return { inputs, labels };
}
