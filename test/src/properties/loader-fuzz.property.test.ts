import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  buildNetwork,
  loadModel,
  Matrix,
  ModelFileError,
  type ModelLimits,
  modelToJson,
  type Network,
  SeededRandom,
  train,
} from '@bpnet/core';
import { loadModelFile } from '@bpnet/core/node';
import { randomMatrix } from '@bpnet/core/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { expectSameBits, propertyContainer } from '../fixtures/arbitraries.js';

/**
 * Damaged and hostile model files. The only allowed outcomes of loadModel / loadModelFile are a network that is
 * exactly what the file says (spec and parameters, finite values, a working forward pass) or a ModelFileError
 * naming the source. Any other error type, a polluted prototype or a hang fails.
 */

const container = propertyContainer();

/** Two small trained networks, saved: the texts every mutation starts from. */
function trainedModel(
  seed: number,
  layers: { kind: string; units?: number }[],
  loss: string,
): { text: string; network: Network } {
  const random = new SeededRandom(seed);
  const inputs = randomMatrix(12, 3, random);
  const network = buildNetwork(propertyContainer(seed), { inputSize: 3, layers, loss: { kind: loss } });
  const labels = Array.from({ length: 12 }, () => random.integer(network.outputSize));
  train(network, inputs, labels, { learningRate: 0.5, iterations: 20, batchSize: 4, seed });
  return { text: modelToJson(network), network };
}

const bases = [
  trainedModel(
    1,
    [{ kind: 'dense', units: 4 }, { kind: 'tanh' }, { kind: 'dense', units: 3 }, { kind: 'sigmoid' }],
    'squared-error',
  ),
  trainedModel(
    2,
    [{ kind: 'dense', units: 2 }, { kind: 'relu' }, { kind: 'dense', units: 2 }],
    'softmax-cross-entropy',
  ),
];
const fixedInput = (columns: number) =>
  new Matrix(
    2,
    columns,
    Float64Array.from({ length: 2 * columns }, (_, i) => Math.sin(i + 1)),
  );

// ----- mutations -----------------------------------------------------------------------------------------------

/** Text that JSON.stringify cannot produce, spliced in where a placeholder string was put. */
type Raw = { readonly raw: string };

const hugeNumber = fc.constantFrom(
  '1e400',
  '-1e400',
  '1e-400',
  `1${'0'.repeat(400)}`,
  '123456789012345678901234567890',
  '-0',
  '0e0',
  '5e-324',
  '1.7976931348623157e308',
);
/** Mostly small sizes, sometimes huge ones (they cost milliseconds each). */
const size = (small: number, huge: number) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: 1, max: small }) },
    { weight: 1, arbitrary: fc.integer({ min: small, max: huge }) },
  );
const deepNesting = fc
  .tuple(size(200, 60_000), fc.constantFrom('array', 'object'))
  .map(([depth, kind]) =>
    kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );
const longArray = fc
  .tuple(size(2_000, 200_000), fc.constantFrom('0.5', '1e300', '"x"', '{}', 'null'))
  .map(([length, element]) => `[${`${element},`.repeat(length - 1)}${element}]`);
const forbiddenKey = fc.constantFrom('__proto__', 'constructor', 'prototype');
const kindName = fc.constantFrom(
  'dense',
  'sigmoid',
  'tanh',
  'relu',
  'squared-error',
  'softmax-cross-entropy',
  'gaussian',
  'zeros',
  'xavier',
  'he',
  'constant',
  'toString',
  'hasOwnProperty',
  '',
  'acme/prelu',
);

/**
 * A node of the parsed file: a focus path (so that edits reach the spec's layers and the parameters, not only the
 * top-level fields), then child indices taken modulo each node's number of children.
 */
const FOCUS: readonly (readonly (string | number)[])[] = [
  [],
  ['spec'],
  ['spec', 'layers'],
  ['spec', 'layers', 0],
  ['spec', 'layers', 1],
  ['spec', 'layers', 2],
  ['spec', 'loss'],
  ['modules'],
  ['parameters'],
  ['parameters', 0],
  ['parameters', 1],
  ['parameters', 2, 'values'],
];
const selector = fc.record({ focus: fc.nat({ max: FOCUS.length - 1 }), steps: fc.array(fc.nat(), { maxLength: 4 }) });
type Selector = { readonly focus: number; readonly steps: readonly number[] };

type JsonEdit =
  | { readonly op: 'replace'; readonly at: Selector; readonly value: unknown } // a function: a factory of the value
  | { readonly op: 'raw'; readonly at: Selector; readonly raw: string }
  | { readonly op: 'delete'; readonly at: Selector }
  | { readonly op: 'forbidden'; readonly at: Selector; readonly key: string; readonly value: unknown }
  | { readonly op: 'nudge'; readonly at: Selector; readonly delta: number }
  | { readonly op: 'kind'; readonly at: Selector; readonly kind: string }
  | { readonly op: 'duplicate' | 'remove' | 'swap'; readonly at: Selector; readonly other: number };

const jsonEdit: fc.Arbitrary<JsonEdit> = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), at: selector, value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ op: fc.constant('raw' as const), at: selector, raw: fc.oneof(hugeNumber, deepNesting, longArray) }),
  fc.record({ op: fc.constant('delete' as const), at: selector }),
  fc.record({
    op: fc.constant('forbidden' as const),
    at: selector,
    key: forbiddenKey,
    value: fc.jsonValue({ maxDepth: 2 }),
  }),
  fc.record({
    op: fc.constant('nudge' as const),
    at: selector,
    delta: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, 1e9, -1e9, 2 ** 53)),
  }),
  fc.record({ op: fc.constant('kind' as const), at: selector, kind: kindName }),
  fc.record({
    op: fc.constantFrom('duplicate' as const, 'remove' as const, 'swap' as const),
    at: selector,
    other: fc.nat(),
  }),
);

type CharEdit = { readonly op: 'delete' | 'insert' | 'replace'; readonly position: number; readonly text: string };

const charEdit: fc.Arbitrary<CharEdit> = fc.record({
  op: fc.constantFrom('delete', 'insert', 'replace'),
  position: fc.nat(),
  text: fc.oneof(
    fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '-', '.', 'e', '0', '9', ' ', '\\', 'n', 'u'),
    fc.string({ minLength: 1, maxLength: 3, unit: 'binary' }),
  ),
});

interface Mutation {
  readonly base: number;
  readonly jsonEdits: JsonEdit[];
  readonly charEdits: readonly CharEdit[];
  /** Keep this fraction of the text (1: no truncation). */
  readonly keep: number;
}

const mutation: fc.Arbitrary<Mutation> = fc
  .record({
    base: fc.integer({ min: 0, max: bases.length - 1 }),
    jsonEdits: fc.array(jsonEdit, { maxLength: 4 }),
    charEdits: fc.oneof(
      { weight: 3, arbitrary: fc.constant<CharEdit[]>([]) },
      { weight: 2, arbitrary: fc.array(charEdit, { minLength: 1, maxLength: 6 }) },
    ),
    keep: fc.oneof(
      { weight: 4, arbitrary: fc.constant(1) },
      { weight: 1, arbitrary: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) },
    ),
  })
  .filter(({ jsonEdits, charEdits, keep }) => jsonEdits.length + charEdits.length > 0 || keep < 1);

function children(node: unknown): (string | number)[] {
  if (Array.isArray(node)) return node.map((_, i) => i);
  if (typeof node !== 'object' || node === null) return [];
  try {
    return Object.keys(node);
  } catch {
    return []; // a hostile Proxy
  }
}

/** An object or array of a parsed file, indexed by its keys or indices. */
type JsonParent = Record<string | number, unknown>;

/** The node `at` leads to, with its parent and key (no parent for the root). */
function locate(root: unknown, at: Selector): { parent?: JsonParent; key?: string | number; node: unknown } {
  let parent: JsonParent | undefined;
  let key: string | number | undefined;
  let node = root;
  const focus = FOCUS[at.focus];
  const path = [
    ...focus.map((name) => (keys: (string | number)[]) => (keys.includes(name) ? name : undefined)),
    ...at.steps.map((index) => (keys: (string | number)[]) => keys[index % keys.length]),
  ];
  for (const choose of path) {
    const keys = children(node);
    if (keys.length === 0) break;
    const next = choose(keys);
    if (next === undefined) break;
    let child: unknown;
    try {
      child = (node as JsonParent)[next];
    } catch {
      break; // a throwing getter put there by an earlier edit
    }
    parent = node as JsonParent;
    key = next;
    node = child;
  }
  return { parent, key, node };
}

/** Applies the JSON-level edits to a copy of `file`; placeholders stand for raw text. */
function applyJsonEdits(file: unknown, edits: readonly JsonEdit[], raws: Raw[]): unknown {
  const root = { file: structuredClone(file) };
  const set = (parent: JsonParent | undefined, key: string | number | undefined, value: unknown) => {
    if (parent === undefined) root.file = value;
    else parent[key as string | number] = value;
  };
  for (const edit of edits) {
    const { parent, key, node } = locate(root.file, edit.at);
    switch (edit.op) {
      case 'replace':
        set(parent, key, typeof edit.value === 'function' ? edit.value() : structuredClone(edit.value));
        break;
      case 'raw':
        raws.push({ raw: edit.raw });
        set(parent, key, placeholder(raws.length - 1));
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else if (parent !== undefined) delete parent[key as string];
        break;
      case 'forbidden': {
        const target = typeof node === 'object' && node !== null && !Array.isArray(node) ? node : parent;
        if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
          Object.defineProperty(target, edit.key, {
            value: structuredClone(edit.value),
            enumerable: true,
            configurable: true,
            writable: true,
          });
        }
        break;
      }
      case 'nudge':
        if (typeof node === 'number') set(parent, key, node + edit.delta);
        break;
      case 'kind':
        if (typeof node === 'object' && node !== null && !Array.isArray(node))
          (node as Record<string, unknown>).kind = edit.kind;
        else if (parent !== undefined) set(parent, key, edit.kind);
        break;
      default: {
        const array = Array.isArray(node) ? node : Array.isArray(parent) ? parent : undefined;
        if (array === undefined || array.length === 0) break;
        const i = (edit.at.steps.at(-1) ?? edit.at.focus) % array.length;
        const j = edit.other % array.length;
        if (edit.op === 'duplicate') array.splice(j, 0, structuredClone(array[i]));
        else if (edit.op === 'remove') array.splice(i, 1);
        else [array[i], array[j]] = [array[j], array[i]];
      }
    }
  }
  return root.file;
}

const placeholder = (index: number) => `\u0000raw ${index}\u0000`;

function applyCharEdits(text: string, edits: readonly CharEdit[]): string {
  let result = text;
  for (const { op, position, text: piece } of edits) {
    const at = position % (result.length + 1);
    if (op === 'insert') result = result.slice(0, at) + piece + result.slice(at);
    else if (op === 'delete') result = result.slice(0, at) + result.slice(at + piece.length);
    else result = result.slice(0, at) + piece + result.slice(at + piece.length);
  }
  return result;
}

function mutatedText(m: Mutation): string {
  const raws: Raw[] = [];
  let text = bases[m.base].text;
  if (m.jsonEdits.length > 0) {
    text = JSON.stringify(applyJsonEdits(JSON.parse(text), m.jsonEdits, raws)) ?? 'undefined';
    raws.forEach(({ raw }, index) => (text = text.split(JSON.stringify(placeholder(index))).join(raw)));
  }
  text = applyCharEdits(text, m.charEdits);
  return m.keep === 1 ? text : text.slice(0, Math.floor(m.keep * text.length));
}

// ----- what a loaded network must be ---------------------------------------------------------------------------

/** A bound on |output| for inputs in [−1, 1], or Infinity when the layers are not all known. */
function outputBound(network: Network): number {
  let bound = 1;
  for (const layer of network.layers) {
    if (layer.kind === 'dense') {
      const [weights, bias] = layer
        .parameters()
        .map((p) => Array.from(p.value.data).reduce((max, v) => Math.max(max, Math.abs(v)), 0));
      bound = bound * layer.inputSize * weights + bias;
    } else if (layer.kind === 'sigmoid' || layer.kind === 'tanh') bound = 1;
    else if (layer.kind !== 'relu') return Infinity;
  }
  return bound;
}

/** Checks that `network` is exactly what `text` describes and that it computes. */
function expectFaithful(network: Network, text: string, source: object | undefined = undefined): void {
  const file = (source ?? JSON.parse(text)) as { spec: unknown; parameters: { path: string; values: number[] }[] };
  expect(network.spec).toEqual(file.spec);
  expect(network.namedParameters().map(({ path }) => path)).toEqual(file.parameters.map(({ path }) => path));
  expectSameBits(
    network.parameters().map((p) => p.value.data),
    file.parameters.map(({ values }) => values),
    'loaded parameters vs the file',
  );
  for (const parameter of network.parameters()) expect(parameter.value.data.every(Number.isFinite)).toBe(true);
  if (network.inputSize > 10_000) return;
  const output = network.forward(fixedInput(network.inputSize));
  expect([output.rows, output.cols]).toEqual([2, network.outputSize]);
  if (outputBound(network) < 1e300)
    expect(output.data.every(Number.isFinite), 'forward gives finite numbers').toBe(true);
  const base = bases.find(({ text: baseText }) => isDeepStrictEqual(JSON.parse(baseText), file));
  if (base !== undefined)
    expectSameBits(
      [output.data],
      [base.network.forward(fixedInput(network.inputSize)).data],
      'forward of an unchanged file',
    );
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).join(',');
const originalPrototypeKeys = prototypeKeys();

/** Loads and returns the network, or checks the error is a ModelFileError from `source`. */
function loadOrReject(load: () => Network, source: string): Network | undefined {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ModelFileError)) throw new Error(`not a ModelFileError: ${String(error)}`, { cause: error });
    expect(error.source).toBe(source);
    expect(error.message.startsWith(`${source}`)).toBe(true);
    return undefined;
  } finally {
    expect(prototypeKeys()).toBe(originalPrototypeKeys);
  }
}

/** Usually none; sometimes limits around the bases' sizes (texts of about 1 kB, 31 and 14 parameter values). */
const limits: fc.Arbitrary<ModelLimits | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        maxLength: fc.nat({ max: 2 * Math.max(...bases.map(({ text }) => text.length)) }),
        maxParameterValues: fc.nat({ max: 40 }),
      },
      { requiredKeys: [] },
    ),
  },
);

describe('loading damaged and hostile model files', () => {
  it('the bases load unchanged, bit for bit', () => {
    for (const { text, network } of bases) {
      const loaded = loadModel(container, text);
      expectFaithful(loaded, text);
      expectSameBits([loaded.forward(fixedInput(3)).data], [network.forward(fixedInput(3)).data], 'base');
    }
  });

  it('loadModel(text) returns a faithful network or throws a ModelFileError, nothing else', () => {
    let loadedCount = 0;
    fc.assert(
      fc.property(mutation, limits, (m, modelLimits) => {
        const text = mutatedText(m);
        const network = loadOrReject(() => loadModel(container, text, modelLimits), 'Model');
        if (network === undefined) return;
        loadedCount++;
        expectFaithful(network, text);
        if (modelLimits?.maxLength !== undefined) expect(text.length).toBeLessThanOrEqual(modelLimits.maxLength);
        if (modelLimits?.maxParameterValues !== undefined) {
          expect(network.parameters().reduce((n, p) => n + p.value.data.length, 0)).toBeLessThanOrEqual(
            modelLimits.maxParameterValues,
          );
        }
      }),
      { seed: 501, numRuns: 1500, interruptAfterTimeLimit: 4_000 },
    );
    expect(loadedCount).toBeGreaterThan(0); // some mutations (whitespace, equal values, kind swaps) still load
  });

  it('loadModel(object) returns a faithful network or throws a ModelFileError, for objects JSON cannot express', () => {
    // Factories, so that no object is shared between runs.
    const exotic = fc
      .constantFrom<() => unknown>(
        () => Number.NaN,
        () => Infinity,
        () => -Infinity,
        () => -0,
        () => undefined,
        () => 10n,
        () => Symbol('s'),
        () => () => 1,
        () => new Float64Array(3),
        () => new Map(),
        () => new Date(0),
        () => Object.create(null),
        () =>
          new Proxy(
            {},
            {
              ownKeys: () => {
                throw new TypeError('ownKeys trap');
              },
            },
          ),
      )
      .map((make) => Object.assign(() => make(), { toString: () => `() => ${make.toString()}` }));
    const objectEdit = fc.oneof(
      { weight: 6, arbitrary: jsonEdit },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('replace' as const), at: selector, value: exotic }) },
      {
        weight: 1,
        arbitrary: fc.record({
          op: fc.constant('cycle' as const),
          at: selector,
          to: fc.constantFrom('root', 'parent'),
        }),
      },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('deep' as const), at: selector, depth: size(100, 5_000) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('throwing getter' as const), at: selector }) },
      {
        weight: 2,
        arbitrary: fc.record({
          op: fc.constant('fickle getter' as const),
          at: selector,
          honestReads: fc.integer({ min: 1, max: 3 }),
          later: exotic,
        }),
      },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bases.length - 1 }),
        fc.array(objectEdit, { maxLength: 4 }),
        (base, edits) => {
          const raws: Raw[] = [];
          const plainEdits = edits.filter(
            (edit): edit is JsonEdit => !['cycle', 'deep', 'throwing getter', 'fickle getter'].includes(edit.op),
          );
          const file = applyJsonEdits(JSON.parse(bases[base].text), plainEdits, raws) as Record<string, unknown>;
          const fickle: [parent: object, key: string | number, honest: unknown][] = [];
          // Cycles and deep nesting first, getters last: walking the file must not trip them here.
          const order = (op: string) => (op.endsWith('getter') ? 1 : 0);
          for (const edit of [...edits].sort((a, b) => order(a.op) - order(b.op))) {
            const { parent, key, node } = locate(file, edit.at);
            const target = typeof node === 'object' && node !== null ? node : parent;
            if (target === undefined || target === null) continue;
            if (edit.op === 'cycle' && 'to' in edit && parent !== undefined)
              parent[key as string | number] = edit.to === 'root' ? file : parent;
            if (edit.op === 'deep' && 'depth' in edit) {
              let nested: unknown[] = [];
              for (let i = 0; i < edit.depth; i++) nested = [nested];
              if (parent !== undefined) parent[key as string | number] = nested;
            }
            if (edit.op === 'throwing getter') {
              Object.defineProperty(target, 'trap', {
                enumerable: true,
                configurable: true,
                get: () => {
                  throw new TypeError('trap');
                },
              });
            }
            if (edit.op === 'fickle getter' && 'later' in edit && parent !== undefined) {
              // The node's own value for the first reads, something else (NaN, a Map, …) afterwards: what the loader
              // checked must be what it restores.
              let reads = 0;
              const get = () => (reads++ < edit.honestReads ? node : edit.later());
              Object.defineProperty(parent, key as string | number, { enumerable: true, configurable: true, get });
              fickle.push([parent, key as string | number, node]);
            }
          }
          // Placeholders of raw text stay strings here: the object route has no text to splice into.
          const network = loadOrReject(() => loadModel(container, file), 'Model');
          // A returned network must be what the honest values say: put them back as plain data to compare.
          for (const [parent, key, honest] of fickle.reverse())
            Object.defineProperty(parent, key, { value: honest, enumerable: true, configurable: true, writable: true });
          if (network !== undefined) expectFaithful(network, '', file);
        },
      ),
      { seed: 502, numRuns: 600, interruptAfterTimeLimit: 3_000 },
    );
  });

  const directory = mkdtempSync(join(tmpdir(), 'bpnet-fuzz-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('loadModelFile returns a faithful network or throws a ModelFileError naming the file', () => {
    const bytes = fc.oneof(
      mutation.map((m) => Buffer.from(mutatedText(m), 'utf8')),
      fc
        .tuple(
          fc.integer({ min: 0, max: bases.length - 1 }),
          fc.uint8Array({ minLength: 1, maxLength: 8 }),
          fc.nat(),
          fc.boolean(),
        )
        .map(([base, junk, position, replace]) => {
          const original = Buffer.from(bases[base].text, 'utf8');
          const at = position % (original.length + 1);
          return Buffer.concat([
            original.subarray(0, at),
            Buffer.from(junk),
            original.subarray(replace ? at + junk.length : at),
          ]);
        }),
      fc.constantFrom(
        Buffer.from(`\ufeff${bases[0].text}`, 'utf8'),
        Buffer.from(bases[0].text, 'utf16le'),
        Buffer.alloc(0),
        Buffer.from([0xff, 0xfe, 0x00]),
      ),
    );
    const target = fc.constantFrom('file', 'missing', 'directory');
    let count = 0;
    fc.assert(
      fc.property(bytes, target, (content, kind) => {
        const path = join(directory, `model-${count++}.json`);
        if (kind === 'file') writeFileSync(path, content);
        if (kind === 'directory') mkdirSync(path);
        const network = loadOrReject(() => loadModelFile(container, path), `Model file ${path}`);
        if (kind !== 'file') expect(network).toBeUndefined();
        if (network !== undefined) expectFaithful(network, content.toString('utf8'));
        rmSync(path, { recursive: true, force: true });
      }),
      { seed: 503, numRuns: 60, interruptAfterTimeLimit: 3_000 },
    );
  });
});
