import { DATASET_NAMES, type DatasetName } from './datasets.js';
import { type FeatureId, FEATURES, isFeatureId } from './features.js';

/** Everything that defines a playground run; it round-trips through the URL hash ({@link encodeState}). */
export interface PlaygroundState {
  dataset: DatasetName;
  /** Noise in percent, 0..50. */
  noise: number;
  /** Share of the samples used for training, in percent, 10..90. */
  trainPercent: number;
  /** The input features (ignored by the `toy` set, which has its own 4 inputs). */
  features: FeatureId[];
  /** Units per hidden layer: 0..6 layers of 1..8 units. */
  hidden: number[];
  /** The activation's layer kind, e.g. `'tanh'`. */
  activation: string;
  /** The hidden layers' weight initializer: `'gaussian' | 'xavier' | 'he' | 'zeros' | 'constant'` or a plug-in's. */
  initializer: string;
  learningRate: number;
  batchSize: number;
  /** The optimizer kind: `'sgd' | 'momentum' | 'adam'` or a plug-in's. */
  optimizer: string;
  /**
   * The loss kind: `'softmax-cross-entropy'` (the output layer is dense, its outputs the softmax's logits), or
   * `'squared-error'` or a plug-in's (the output layer is dense followed by a sigmoid, as in the derivation's net).
   */
  loss: string;
  seed: number;
}

/** The state a fresh playground starts from. */
export const DEFAULT_STATE: Readonly<PlaygroundState> = Object.freeze({
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
} satisfies PlaygroundState);

/** A fresh, mutable copy of {@link DEFAULT_STATE}. */
export function defaultState(): PlaygroundState {
  return { ...DEFAULT_STATE, features: [...DEFAULT_STATE.features], hidden: [...DEFAULT_STATE.hidden] };
}

/** Most hidden layers, and most units in one. */
export const MAX_HIDDEN_LAYERS = 6;
export const MAX_UNITS = 8;
/** Largest seed the state accepts (seeds are integers from 0). */
export const MAX_SEED = 2 ** 31 - 1;
/** Largest batch size the state accepts (the trainer clamps it to the training set's size). */
export const MAX_BATCH_SIZE = 1000;

/** The short URL key of each field, in the order they are written. */
const KEYS = {
  dataset: 'd',
  noise: 'n',
  trainPercent: 'p',
  features: 'f',
  hidden: 'h',
  activation: 'a',
  initializer: 'i',
  learningRate: 'lr',
  batchSize: 'b',
  optimizer: 'o',
  loss: 'l',
  seed: 's',
} as const satisfies Record<keyof PlaygroundState, string>;

/** A kind name as registries use them, plug-ins' namespaced ones included (`'acme/softsign'`). */
const KIND = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

/**
 * The state as a URL hash without '#': `URLSearchParams` with short keys, e.g.
 * `d=circle&n=0&p=50&f=x1,x2&h=4,2&a=tanh&i=xavier&lr=0.03&b=10&o=sgd&l=softmax-cross-entropy&s=1` (commas
 * unescaped for readability).
 */
export function encodeState(state: PlaygroundState): string {
  const params = new URLSearchParams();
  params.set(KEYS.dataset, state.dataset);
  params.set(KEYS.noise, String(state.noise));
  params.set(KEYS.trainPercent, String(state.trainPercent));
  params.set(KEYS.features, state.features.join(','));
  params.set(KEYS.hidden, state.hidden.join(','));
  params.set(KEYS.activation, state.activation);
  params.set(KEYS.initializer, state.initializer);
  params.set(KEYS.learningRate, String(state.learningRate));
  params.set(KEYS.batchSize, String(state.batchSize));
  params.set(KEYS.optimizer, state.optimizer);
  params.set(KEYS.loss, state.loss);
  params.set(KEYS.seed, String(state.seed));
  return params.toString().replaceAll('%2C', ',').replaceAll('%2F', '/');
}

type Parser<T> = (text: string) => T | undefined;

const integerIn =
  (low: number, high: number): Parser<number> =>
  (text) => {
    if (!/^-?\d+$/.test(text)) return undefined;
    const value = Number(text);
    return value >= low && value <= high ? value : undefined;
  };

const PARSERS: { [K in keyof PlaygroundState]: { parse: Parser<PlaygroundState[K]>; expected: string } } = {
  dataset: {
    parse: (text) => ((DATASET_NAMES as readonly string[]).includes(text) ? (text as DatasetName) : undefined),
    expected: `not one of ${DATASET_NAMES.join(', ')}`,
  },
  noise: { parse: integerIn(0, 50), expected: 'not an integer percent in 0..50' },
  trainPercent: { parse: integerIn(10, 90), expected: 'not an integer percent in 10..90' },
  features: {
    parse: (text) => {
      const ids = text.split(',');
      if (text === '' || !ids.every(isFeatureId) || new Set(ids).size !== ids.length) return undefined;
      return ids as FeatureId[];
    },
    expected: `not a list of distinct features among ${FEATURES.map((f) => f.id).join(', ')}`,
  },
  hidden: {
    parse: (text) => {
      if (text === '') return [];
      const units = text.split(',');
      if (units.length > MAX_HIDDEN_LAYERS) return undefined;
      const parsed = units.map(integerIn(1, MAX_UNITS));
      return parsed.every((value) => value !== undefined) ? (parsed as number[]) : undefined;
    },
    expected: `not a list of 1..${MAX_UNITS} units`,
  },
  activation: { parse: (text) => (KIND.test(text) ? text : undefined), expected: 'not a layer kind name' },
  initializer: { parse: (text) => (KIND.test(text) ? text : undefined), expected: 'not an initializer kind name' },
  learningRate: {
    parse: (text) => {
      const value = Number(text);
      return text.trim() !== '' && Number.isFinite(value) && value > 0 && value <= 10 ? value : undefined;
    },
    expected: 'not a number in (0, 10]',
  },
  batchSize: { parse: integerIn(1, MAX_BATCH_SIZE), expected: `not an integer in 1..${MAX_BATCH_SIZE}` },
  optimizer: { parse: (text) => (KIND.test(text) ? text : undefined), expected: 'not an optimizer kind name' },
  loss: { parse: (text) => (KIND.test(text) ? text : undefined), expected: 'not a loss kind name' },
  seed: { parse: integerIn(0, MAX_SEED), expected: `not an integer in 0..${MAX_SEED}` },
};

function show(value: PlaygroundState[keyof PlaygroundState]): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

/**
 * Reads a state from a URL hash (with or without its leading '#'). A missing field takes its default silently;
 * an invalid value or an unknown key gives one error line each and the default, e.g.
 * `hidden: '9,x' is not a list of 1..8 units; using 4,2`. Kind names (activation, initializer, optimizer, loss) are
 * only checked for their form here: whether the kind is registered is the session's to say.
 */
export function decodeState(hash: string): { state: PlaygroundState; errors: string[] } {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const state = defaultState();
  const errors: string[] = [];
  const byKey = new Map<string, keyof PlaygroundState>(
    Object.entries(KEYS).map(([field, key]) => [key, field as keyof PlaygroundState]),
  );
  const seen = new Set<string>();
  for (const [key, text] of params) {
    const field = byKey.get(key);
    if (field === undefined) {
      errors.push(`unknown setting '${key}=${text}' in the URL; ignored`);
      continue;
    }
    if (seen.has(key)) {
      errors.push(`${field}: given more than once in the URL; using the first value`);
      continue;
    }
    seen.add(key);
    const parser = PARSERS[field];
    const value = parser.parse(text);
    if (value === undefined) {
      errors.push(`${field}: '${text}' is ${parser.expected}; using ${show(DEFAULT_STATE[field])}`);
    } else {
      (state as unknown as Record<string, unknown>)[field] = value;
    }
  }
  return { state, errors };
}
