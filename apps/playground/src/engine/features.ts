/** The input features the playground can feed the network, computed from a point (x1, x2). */
export type FeatureId = 'x1' | 'x2' | 'x1sq' | 'x2sq' | 'x1x2' | 'sinx1' | 'sinx2';

/** One input feature: its id, its label and how it is computed from (x1, x2). */
export interface Feature {
  readonly id: FeatureId;
  readonly label: string;
  apply(x1: number, x2: number): number;
}

/** Every feature, in TensorFlow Playground's order: x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂. */
export const FEATURES: readonly Feature[] = [
  { id: 'x1', label: 'x₁', apply: (x1) => x1 },
  { id: 'x2', label: 'x₂', apply: (_x1, x2) => x2 },
  { id: 'x1sq', label: 'x₁²', apply: (x1) => x1 * x1 },
  { id: 'x2sq', label: 'x₂²', apply: (_x1, x2) => x2 * x2 },
  { id: 'x1x2', label: 'x₁x₂', apply: (x1, x2) => x1 * x2 },
  { id: 'sinx1', label: 'sin x₁', apply: (x1) => Math.sin(x1) },
  { id: 'sinx2', label: 'sin x₂', apply: (_x1, x2) => Math.sin(x2) },
];

const BY_ID = new Map<string, Feature>(FEATURES.map((feature) => [feature.id, feature]));

/** Whether `value` is a {@link FeatureId}. */
export function isFeatureId(value: unknown): value is FeatureId {
  return typeof value === 'string' && BY_ID.has(value);
}

/**
 * The network's inputs for 2-D points: row n is [f(x1ₙ, x2ₙ) for each f of `features`, in the order given].
 * @throws Error naming the feature when an id is unknown, or the point when it does not have 2 coordinates.
 */
export function featurize(points: number[][], features: FeatureId[]): number[][] {
  const chosen = features.map((id) => {
    const feature = BY_ID.get(id);
    if (feature === undefined) {
      throw new Error(
        `featurize: unknown feature ${JSON.stringify(id)}; expected one of ${[...BY_ID.keys()].join(', ')}`,
      );
    }
    return feature;
  });
  return points.map((point, index) => {
    if (point.length !== 2) {
      throw new Error(`featurize: point ${index} has ${point.length} coordinates; expected 2 (x1, x2)`);
    }
    const [x1, x2] = point;
    return chosen.map((feature) => feature.apply(x1, x2));
  });
}
