import type { BpnetContainer, LayerSpec, Network } from '@bpnet/core';
import { UnknownKindError } from '@bpnet/core';
import { expectKnownOptions, NETWORK_BUILDER, ParameterLimitError, quoted } from '@bpnet/core/plugin';
import { onnx, type OnnxTypes } from '../onnx-schema.js';
import { OnnxFileError } from './onnx-file-error.js';
import { type OnnxLimits, type ResolvedOnnxLimits, resolveOnnxLimits } from './onnx-limits.js';
import { type GraphPlan, type PlannedOp, planGraph } from './plan-graph.js';
import { tensorDims, tensorValues, ValueBudget } from './read-tensor.js';
import { scanOnnxWire } from './wire-scan.js';
import { exactBatchNormKey, readExactBatchNorm } from '../batch-norm-metadata.js';

/** Options of {@link fromOnnx}. */
export interface FromOnnxOptions {
  /**
   * The criterion of the network (ONNX models carry none): a kind, e.g. `'squared-error'`, or `{ kind, ...options }`.
   * A graph that ends in a `Softmax` needs `'softmax-cross-entropy'`, which applies the softmax itself.
   */
  readonly loss: string | { readonly kind: string; readonly [option: string]: unknown };
  /** Bounds on what the model may ask for (see {@link OnnxLimits}). */
  readonly limits?: OnnxLimits;
}

/** The package that registers each kind the importer builds, for the message when it is missing. */
const KIND_PACKAGES: Readonly<Record<string, string>> = {
  dense: '@bpnet/dense (denseModule)',
  sigmoid: '@bpnet/sigmoid (sigmoidModule)',
  tanh: '@bpnet/tanh (tanhModule)',
  relu: '@bpnet/relu (reluModule)',
  'batch-norm': '@bpnet/batch-norm (batchNormModule)',
  residual: '@bpnet/containers (containersModule)',
  concat: '@bpnet/containers (containersModule)',
  'squared-error': '@bpnet/squared-error (squaredErrorModule)',
  'softmax-cross-entropy': '@bpnet/softmax-cross-entropy (softmaxCrossEntropyModule)',
};

/**
 * Builds a bpnet network from an ONNX model (protobuf bytes) of the supported operators, through the container's
 * network builder, and copies the model's weights into it. The graph must take one FLOAT or DOUBLE input
 * [N or dynamic, d] and give one output through a chain of:
 * - `Gemm` (alpha = beta = 1, transA = 0, transB 0 or 1; B an initializer [K, N], or [N, K] with transB = 1; C absent
 *   or an initializer [N]) and `MatMul` (B an initializer [K, N]) optionally followed by `Add` of an initializer [N]:
 *   `{ kind: 'dense', units: N }` (weights stored inputs × units, a missing bias is zero);
 * - `Sigmoid`, `Tanh`, `Relu`: `sigmoid`, `tanh`, `relu`;
 * - `BatchNormalization` (scale, B, input_mean, input_var initializers [d]; epsilon, default 1e-5 as a float32):
 *   `{ kind: 'batch-norm', epsilon }` (and the model's momentum when it gives one), γ, β and the running statistics
 *   copied;
 * - `Add` of v and a chain of these nodes that starts from v: `{ kind: 'residual', body }` (nested ones too);
 * - `Concat` (axis 1 or −1) of chains that start from one value v (an operand may be v itself):
 *   `{ kind: 'concat', branches }`;
 * - `Identity` and `Dropout` (the identity in inference): skipped;
 * - `Softmax` (axis 1 or −1) as the last node, with the loss `softmax-cross-entropy` (which applies it: the network's
 *   `forward` then gives the logits, its `predict` the same classes).
 * Graph inputs that have an initializer are constants (older exporters list them so).
 *
 * Values are copied exactly into a float64 network (FLOAT values widen exactly); a float32 network (float32 kernels,
 * e.g. `wasmFloat32KernelsModule`) gets DOUBLE values rounded to the nearest float32. No initializer runs and nothing
 * is drawn for initial values (as when a model file is loaded).
 *
 * Hostile bytes are refused without crashing, hanging or allocating past `limits`: the size first, then the protobuf
 * wire format is scanned (well formed, fields within `maxStructureValues` and `maxParameterValues`) before it is
 * decoded, then the graph (nodes within `maxNodes`, no cycle, residual nesting within `maxDepth`), and every tensor's
 * dims are checked against its data and the parameter budget before it is read.
 * @throws OnnxFileError for anything the importer refuses, naming the node (`node 3 'Gemm_7' (Gemm): …`) or
 *   initializer and what is supported; a kind not registered in the container names the package to load. It is the
 *   only error this function throws.
 */
export function fromOnnx(container: BpnetContainer, bytes: Uint8Array, options: FromOnnxOptions): Network {
  try {
    return importModel(container, bytes, options);
  } catch (error) {
    if (error instanceof OnnxFileError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new OnnxFileError(`ONNX import failed: ${message}`, { cause: error });
  }
}

function importModel(container: BpnetContainer, bytes: Uint8Array, options: FromOnnxOptions): Network {
  if (!(bytes instanceof Uint8Array)) throw new OnnxFileError('the model must be given as a Uint8Array of bytes');
  if (typeof options !== 'object' || options === null) {
    throw new OnnxFileError('options must be an object: { loss, limits? }');
  }
  try {
    expectKnownOptions(options, ['loss', 'limits'], 'options');
  } catch (error) {
    throw new OnnxFileError((error as Error).message);
  }
  const limits = resolveLimits(options.limits);
  const loss = lossSpec(options.loss);
  if (bytes.length > limits.maxBytes)
    throw new OnnxFileError(
      `the model is ${bytes.length} bytes, over the limit of ${limits.maxBytes} (limits.maxBytes)`,
    );
  scanOnnxWire(bytes, { maxStructureValues: limits.maxStructureValues, maxNumberValues: limits.maxParameterValues });
  let model: OnnxTypes.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new OnnxFileError(`not a valid ONNX model: ${(error as Error).message}`, { cause: error });
  }
  const graph = model.graph;
  if (graph === null || graph === undefined) throw new OnnxFileError('not a valid ONNX model: it has no graph');
  const plan = planGraph(graph, limits, loss.kind);
  const budget = new ValueBudget(limits.maxParameterValues);
  const values = new Map<string, Float64Array>();
  const metadata = new Map((model.metadataProps ?? []).map(({ key, value }) => [key ?? '', value ?? '']));
  const layers = layerSpecs(plan, plan.ops, plan.inputWidth, 'layers', values, budget, metadata);
  const spec = { inputSize: plan.inputWidth, layers, loss };
  let network: Network;
  try {
    network = container.get(NETWORK_BUILDER).build(spec, { restoring: true, maxValues: limits.maxParameterValues });
  } catch (error) {
    throw buildError(error);
  }
  const precision = (network.kernels as { readonly precision?: unknown }).precision;
  const entries = [
    ...network.namedParameters().map(({ path, parameter }) => ({ path, value: parameter.value })),
    ...network.namedState().map(({ path, state }) => ({ path, value: state.value })),
  ];
  for (const { path, value } of entries) {
    const source = values.get(path);
    if (source === undefined || source.length !== value.data.length)
      throw new OnnxFileError(
        `the network built has ${path}, which the model does not give (${value.rows} × ${value.cols})`,
      );
    value.data.set(source);
    if (precision === 'float32') {
      const index = value.data.findIndex((x) => !Number.isFinite(x));
      if (index >= 0)
        throw new OnnxFileError(
          `${path}[${index}] = ${source[index]} is beyond float32's range; the network is float32`,
        );
    }
    values.delete(path);
  }
  const unused = values.keys().next();
  if (!unused.done) throw new OnnxFileError(`the network built has no ${unused.value} for the model's values`);
  return network;
}

function resolveLimits(limits: OnnxLimits | undefined): ResolvedOnnxLimits {
  try {
    return resolveOnnxLimits(limits ?? {});
  } catch (error) {
    throw new OnnxFileError((error as Error).message);
  }
}

function lossSpec(loss: FromOnnxOptions['loss'] | undefined): { readonly kind: string } {
  if (typeof loss === 'string' && loss !== '') return { kind: loss };
  if (typeof loss === 'object' && loss !== null && typeof loss.kind === 'string' && loss.kind !== '')
    return { ...loss };
  throw new OnnxFileError(
    "options.loss must be a loss kind, e.g. 'squared-error' or 'softmax-cross-entropy', or { kind, ...options }",
  );
}

function buildError(error: unknown): OnnxFileError {
  if (error instanceof UnknownKindError && error.kind !== undefined) {
    const module = KIND_PACKAGES[error.kind] ?? 'the package that registers it';
    const known = error.known.length > 0 ? error.known.join(', ') : 'none';
    return new OnnxFileError(
      `the model needs the ${error.family} kind ${quoted(error.kind)} (at ${error.where}), which is not registered ` +
        `in this container (known: ${known}). Load the module of ${module} into the container to import this model.`,
      { cause: error },
    );
  }
  if (error instanceof ParameterLimitError) {
    return new OnnxFileError(
      `the network would hold over ${error.limit} parameter values (limits.maxParameterValues; at ${error.where})`,
      { cause: error },
    );
  }
  return new OnnxFileError(`the network does not build: ${(error as Error).message}`, { cause: error });
}

/** An initializer by name (the plan checked every one it names is a constant input). */
function initializer(plan: GraphPlan, name: string, at: string): OnnxTypes.ITensorProto {
  const tensor = plan.initializers.get(name);
  if (tensor === undefined) throw new OnnxFileError(`${at}: initializer ${quoted(name)} is missing`);
  return tensor;
}

/**
 * The layer specs of `ops` taking `width` columns, their values put in `values` by path (`<prefix>[i].weights`, …).
 * @throws OnnxFileError when a tensor's shape does not fit the width it receives.
 */
function layerSpecs(
  plan: GraphPlan,
  ops: readonly PlannedOp[],
  inputWidth: number,
  prefix: string,
  values: Map<string, Float64Array>,
  budget: ValueBudget,
  /** The model's metadata_props, by key. */
  metadata: ReadonlyMap<string, string>,
): LayerSpec[] {
  let width = inputWidth;
  const specs: LayerSpec[] = [];
  ops.forEach((op, index) => {
    const path = `${prefix}[${index}]`;
    switch (op.type) {
      case 'activation':
        specs.push({ kind: op.kind });
        break;
      case 'dense': {
        const weight = initializer(plan, op.weight, op.at);
        const dims = tensorDims(weight, [2], op.transB ? '2, [N, K] (transB = 1)' : '2, [K, N]', budget);
        const [k, n] = (op.transB ? [dims[1], dims[0]] : dims) as [number, number];
        if (k !== width) {
          throw new OnnxFileError(
            `${op.at}: B ${quoted(op.weight)} is [${dims.join(', ')}]${op.transB ? ' with transB = 1' : ''}, so it ` +
              `takes ${k} columns, but its input has ${width}`,
          );
        }
        if (n === 0) throw new OnnxFileError(`${op.at}: B ${quoted(op.weight)} has no output column`);
        const raw = tensorValues(weight, k * n);
        let weights = raw;
        if (op.transB) {
          weights = new Float64Array(k * n);
          for (let j = 0; j < n; j++) for (let i = 0; i < k; i++) weights[i * n + j] = raw[j * k + i] as number;
        }
        let bias: Float64Array = new Float64Array(n);
        if (op.bias !== undefined) {
          const tensor = initializer(plan, op.bias, op.at);
          const biasDims = tensorDims(tensor, [1, 2], `[${n}]`, budget);
          if (biasDims[biasDims.length - 1] !== n || (biasDims.length === 2 && biasDims[0] !== 1)) {
            throw new OnnxFileError(
              `${op.at}: bias ${quoted(op.bias)} is [${biasDims.join(', ')}]; expected [${n}] for ${n} units`,
            );
          }
          bias = tensorValues(tensor, n);
        }
        values.set(`${path}.weights`, weights);
        values.set(`${path}.bias`, bias);
        specs.push({ kind: 'dense', units: n });
        width = n;
        break;
      }
      case 'batch-norm': {
        const [scale, shift, mean, variance] = op.inputs.map((name) => {
          const tensor = initializer(plan, name, op.at);
          const dims = tensorDims(tensor, [1], `1, [${width}]`, budget);
          if (dims[0] !== width) {
            throw new OnnxFileError(
              `${op.at}: ${quoted(name)} is [${dims.join(', ')}], but its input has ${width} columns`,
            );
          }
          return tensorValues(tensor, width);
        }) as [Float64Array, Float64Array, Float64Array, Float64Array];
        // toOnnx keeps the exact ε, momentum and variance beside the float32 attributes: take them back.
        const exact = readExactBatchNorm(metadata.get(exactBatchNormKey(op.inputs[3])), { ...op, variance });
        if (exact !== undefined) variance.set(exact.runningVariance);
        const epsilon = exact?.epsilon ?? op.epsilon;
        const momentum = exact?.momentum ?? op.momentum;
        if (!(epsilon > 0)) throw new OnnxFileError(`${op.at}: epsilon must be a finite number > 0, got ${epsilon}`);
        const negative = variance.findIndex((v) => v < 0);
        if (negative >= 0)
          throw new OnnxFileError(`${op.at}: input_var ${quoted(op.inputs[3])} is negative at index ${negative}`);
        values.set(`${path}.scale`, scale);
        values.set(`${path}.shift`, shift);
        values.set(`${path}.runningMean`, mean);
        values.set(`${path}.runningVariance`, variance);
        specs.push(
          momentum === undefined ? { kind: 'batch-norm', epsilon } : { kind: 'batch-norm', epsilon, momentum },
        );
        break;
      }
      case 'residual': {
        const body = layerSpecs(plan, op.body, width, `${path}.body`, values, budget, metadata);
        const bodyWidth = widthAfter(body, width);
        if (bodyWidth !== width) {
          throw new OnnxFileError(
            `${op.at}: the residual body maps ${width} columns to ${bodyWidth}; v + f(v) needs the same width`,
          );
        }
        specs.push({ kind: 'residual', body });
        break;
      }
      case 'concat': {
        const branches = op.branches.map((branch, b) =>
          layerSpecs(plan, branch, width, `${path}.branches[${b}]`, values, budget, metadata),
        );
        specs.push({ kind: 'concat', branches });
        width = widthAfter(specs.slice(-1), width);
        break;
      }
    }
  });
  return specs;
}

/** Columns after `specs` (dense layers and concatenations change the width). */
function widthAfter(specs: readonly LayerSpec[], width: number): number {
  let result = width;
  for (const spec of specs) {
    if (spec.kind === 'dense') result = spec.units as number;
    if (spec.kind === 'concat') {
      const branches = spec.branches as LayerSpec[][];
      result = branches.reduce((sum, branch) => sum + widthAfter(branch, result), 0);
    }
  }
  return result;
}
