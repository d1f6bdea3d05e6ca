import type { RandomSource } from '@bpnet/core';
import { describeValue } from '@bpnet/core/plugin';
import type { TrainTestSplit } from './train-test-split.js';

/**
 * Splits samples into a training and a test part that keep the class proportions: each class puts
 * round(count × testFraction) of its samples (rounded half up) into the test part, and the rest into the training
 * part. A class of at least 2 samples puts at least 1 and at most count − 1 into each part, so it is both trained
 * on and tested; a class of a single sample stays in the training part.
 *
 * The test samples of each class are the first of its indices after `random.shuffle`, the classes taken in
 * ascending order, so the same seed gives the same split. Use {@link selectRows} and {@link selectLabels} to take
 * the parts out.
 * @param labels - one integer class (≥ 0) per sample; the classes need not be consecutive.
 * @param testFraction - the share of each class that goes to the test part, strictly between 0 and 1.
 * @param random - the random source the classes are shuffled with, e.g. `new SeededRandom(seed)`.
 * @throws Error naming the bad argument (an empty label list, a label that is not a non-negative integer, a
 *   testFraction outside (0, 1)).
 */
export function stratifiedSplit(
  labels: readonly number[] | Int32Array,
  testFraction: number,
  random: RandomSource,
): TrainTestSplit {
  const where = 'stratifiedSplit';
  if (typeof testFraction !== 'number' || !(testFraction > 0 && testFraction < 1)) {
    throw new Error(
      `${where}: testFraction must be a number strictly between 0 and 1, got ${describeValue(testFraction)}`,
    );
  }
  if (!Array.isArray(labels) && !(labels instanceof Int32Array)) {
    throw new Error(`${where}: labels must be an array of integer classes, got ${describeValue(labels)}`);
  }
  if (labels.length === 0) throw new Error(`${where}: labels is empty; expected one class per sample`);
  if (typeof random !== 'object' || random === null || typeof random.shuffle !== 'function') {
    throw new Error(
      `${where}: random must be a RandomSource (such as new SeededRandom(seed)), got ${describeValue(random)}`,
    );
  }
  const members = new Map<number, number[]>();
  for (let index = 0; index < labels.length; index++) {
    const label = labels[index];
    if (typeof label !== 'number' || !Number.isSafeInteger(label) || label < 0) {
      throw new Error(`${where}: label ${index} is ${describeValue(label)}; expected a non-negative integer class`);
    }
    const indices = members.get(label);
    if (indices === undefined) members.set(label, [index]);
    else indices.push(index);
  }
  const inTest = new Uint8Array(labels.length);
  let testCount = 0;
  for (const [, indices] of [...members].sort(([a], [b]) => a - b)) {
    const count = indices.length;
    const take = count < 2 ? 0 : Math.min(count - 1, Math.max(1, Math.round(count * testFraction)));
    random.shuffle(indices);
    for (let i = 0; i < take; i++) inTest[indices[i]] = 1;
    testCount += take;
  }
  const train = new Int32Array(labels.length - testCount);
  const test = new Int32Array(testCount);
  for (let index = 0, trainAt = 0, testAt = 0; index < labels.length; index++) {
    if (inTest[index] === 1) test[testAt++] = index;
    else train[trainAt++] = index;
  }
  return { train, test };
}
