import { DOMAIN } from '../engine/datasets.js';
import { FEATURES, type FeatureId } from '../engine/features.js';

/**
 * Each feature's values over the snapshot's grid, scaled to [−1, 1] for the input nodes' heat-maps: row r, column
 * c is the point x1 = −6 + 12c/(size − 1), x2 = 6 − 12r/(size − 1) (the grid of the boundary), and each value is
 * divided by the largest |value| of its feature over the grid.
 */
export function inputGrids(features: FeatureId[], size: number): Float32Array[] {
  return features.map((id) => {
    const feature = FEATURES.find((f) => f.id === id);
    const grid = new Float32Array(size * size);
    if (!feature || size < 2) return grid;
    let max = 0;
    for (let r = 0; r < size; r++) {
      const x2 = DOMAIN - (2 * DOMAIN * r) / (size - 1);
      for (let c = 0; c < size; c++) {
        const x1 = -DOMAIN + (2 * DOMAIN * c) / (size - 1);
        const value = feature.apply(x1, x2);
        grid[r * size + c] = value;
        max = Math.max(max, Math.abs(value));
      }
    }
    if (max > 0) for (let i = 0; i < grid.length; i++) grid[i] /= max;
    return grid;
  });
}
