import type { BpnetContainer, Layer, Network } from '@bpnet/core';
import { describeValue, expectKnownOptions } from '@bpnet/core/plugin';
import { IR_VERSION, OPSET_VERSION, onnx, type OnnxPrecision, type OnnxTypes } from '../onnx-schema.js';
import { builtinLowerings } from './builtin-lowerings.js';
import { OnnxGraph } from './graph-builder.js';
import { OnnxExportError } from './onnx-export-error.js';
import { ONNX_LOWERING, type OnnxLowering } from './onnx-lowering.js';

/** Options of {@link toOnnx}. */
export interface OnnxExportOptions {
  /** The graph input's name; default `'input'`. A non-empty string, different from the output's. */
  readonly inputName?: string;
  /** The graph output's name; default `'output'`. */
  readonly outputName?: string;
  /**
   * The precision of the graph's tensors. Default: the network's, read from its parameters' and state's storage
   * (Float32Array: float32, as the float32 WebAssembly kernels allocate; Float64Array: float64; a network without
   * any uses its kernels' `precision`; a mix gives float64, which holds both exactly). Forcing one converts every
   * value (float64 → float32 rounds to nearest).
   */
  readonly precision?: OnnxPrecision;
  /**
   * The container the network's plug-ins were loaded in: its lowerings ({@link ONNX_LOWERING}, bound with
   * {@link onnxLoweringModule}) are used first, then the built-in ones ({@link builtinLowerings}).
   */
  readonly container?: BpnetContainer;
  /**
   * Export parameters and state that hold NaN or ±Infinity (or, in a float32 graph, values beyond float32's range)
   * as they are. Default false: such a network (a diverged one) is refused with an {@link OnnxExportError}.
   */
  readonly allowNonFinite?: boolean;
}

/** The keys {@link OnnxExportOptions} has. */
const EXPORT_OPTIONS: readonly string[] = ['inputName', 'outputName', 'precision', 'container', 'allowNonFinite'];

/**
 * The network as an ONNX model (the bytes of a `ModelProto`: IR version 8, opset 15, producer `'bpnet'`) that
 * computes its inference forward, as `network.forward` does, then what its loss implies for predictions:
 * - `softmax-cross-entropy`: a final `Softmax` with axis = 1, so the output is each row's class probabilities,
 *   p_k = e^(z_k) / Σ_j e^(z_j);
 * - `squared-error`, and any other loss kind: nothing; the output is the network's forward output.
 *
 * The graph has one input `[N, inputSize]` and one output `[N, outputSize]`, N a dynamic batch dimension
 * (`dim_param: 'N'`), of element type DOUBLE for a float64 network and FLOAT for a float32 one (see
 * {@link OnnxExportOptions.precision}). Each layer is lowered by the lowering of its kind, from `options.container`
 * first, else from {@link builtinLowerings}; containers lower their children the same way.
 *
 * ```ts
 * const bytes = toOnnx(network, { container });
 * const session = await ort.InferenceSession.create(bytes);
 * ```
 * @throws OnnxExportError for a bad option, a layer kind without a lowering (naming its path, e.g.
 *   `layers[1].body[0]`, its kind and the module to bind), a parameter or state value that is not finite, or a
 *   lowering that fails.
 */
export function toOnnx(network: Network, options: OnnxExportOptions = {}): Uint8Array {
  if (typeof options !== 'object' || options === null) {
    throw new OnnxExportError(`toOnnx: options must be an object, got ${describeValue(options)}`);
  }
  try {
    expectKnownOptions(options, EXPORT_OPTIONS, 'toOnnx');
  } catch (error) {
    throw new OnnxExportError((error as Error).message);
  }
  if (typeof network !== 'object' || network === null || !Array.isArray(network.layers)) {
    throw new OnnxExportError(`toOnnx: expected a Network, got ${describeValue(network)}`);
  }
  const inputName = expectTensorName(options.inputName ?? 'input', 'inputName');
  const outputName = expectTensorName(options.outputName ?? 'output', 'outputName');
  if (inputName === outputName) {
    throw new OnnxExportError(`toOnnx: inputName and outputName are both '${inputName}'; they must differ`);
  }
  const precision = options.precision ?? networkPrecision(network);
  if (precision !== 'float64' && precision !== 'float32') {
    throw new OnnxExportError(`toOnnx: precision must be 'float64' or 'float32', got ${describeValue(precision)}`);
  }
  const allowNonFinite = options.allowNonFinite ?? false;
  if (typeof allowNonFinite !== 'boolean') {
    throw new OnnxExportError(`toOnnx: allowNonFinite must be a boolean, got ${describeValue(allowNonFinite)}`);
  }
  const graph = new OnnxGraph(precision, lowerings(options.container), inputName, outputName, allowNonFinite);
  let output = inputName;
  network.layers.forEach((layer, index) => {
    output = graph.lower(layer, output, `layers[${index}]`);
  });
  if (network.loss?.kind === 'softmax-cross-entropy')
    output = graph.node('Softmax', [output], { axis: 1 }, 'loss/Softmax');
  const { nodes, initializers, metadata } = graph.finish(output);
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET_VERSION }],
    producerName: 'bpnet',
    metadataProps: [...metadata],
    graph: {
      name: 'bpnet',
      node: [...nodes],
      initializer: [...initializers],
      input: [valueInfo(inputName, graph.elementType, network.inputSize)],
      output: [valueInfo(outputName, graph.elementType, network.outputSize)],
    },
  });
  // A plain Uint8Array of its own: protobufjs hands out Node Buffers cut from a shared pool, whose slice() is a view.
  return new Uint8Array(onnx.ModelProto.encode(model).finish());
}

/** The lowerings by kind: the container's, then the built-in kinds it does not lower. */
function lowerings(container: BpnetContainer | undefined): Map<string, OnnxLowering> {
  const byKind = new Map<string, OnnxLowering>();
  if (container !== undefined) {
    if (typeof container !== 'object' || container === null || typeof container.getAll !== 'function') {
      throw new OnnxExportError(`toOnnx: container must be a bpnet container, got ${describeValue(container)}`);
    }
    for (const lowering of container.getAll(ONNX_LOWERING, { optional: true })) {
      if (
        typeof lowering !== 'object' ||
        lowering === null ||
        typeof lowering.kind !== 'string' ||
        typeof lowering.lower !== 'function'
      ) {
        throw new OnnxExportError(
          `toOnnx: the container binds ${describeValue(lowering)} as an OnnxLowering; expected { kind, lower }`,
        );
      }
      if (byKind.has(lowering.kind)) {
        throw new OnnxExportError(`toOnnx: the container binds two ONNX lowerings for the kind '${lowering.kind}'`);
      }
      byKind.set(lowering.kind, lowering);
    }
  }
  for (const lowering of builtinLowerings) if (!byKind.has(lowering.kind)) byKind.set(lowering.kind, lowering);
  return byKind;
}

/** float32 when every parameter and state buffer of the tree is a Float32Array (see `OnnxExportOptions.precision`). */
function networkPrecision(network: Network): OnnxPrecision {
  const storages = new Set<string>();
  const visit = (layer: Layer): void => {
    for (const { value } of [...layer.parameters(), ...(layer.state?.() ?? [])]) {
      storages.add(value.data instanceof Float32Array ? 'float32' : 'float64');
    }
    for (const child of layer.children?.() ?? []) visit(child.layer);
  };
  network.layers.forEach(visit);
  if (storages.size === 1) return storages.has('float32') ? 'float32' : 'float64';
  if (storages.size === 0) {
    return (network.kernels as { readonly precision?: unknown }).precision === 'float32' ? 'float32' : 'float64';
  }
  return 'float64';
}

function expectTensorName(name: unknown, option: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (typeof name !== 'string' || name.trim() === '' || name.trim() !== name || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new OnnxExportError(
      `toOnnx: ${option} must be a non-empty string without surrounding spaces or control characters, got ` +
        describeValue(name),
    );
  }
  return name;
}

function valueInfo(name: string, elemType: number, columns: number): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: [{ dimParam: 'N' }, { dimValue: columns }] } } },
  };
}
