import { type Layer, Matrix } from '@bpnet/core';
import { describeValue } from '@bpnet/core/plugin';
import { elementTypeOf, onnx, type OnnxPrecision, type OnnxTypes } from '../onnx-schema.js';
import { OnnxExportError } from './onnx-export-error.js';
import type { OnnxLowering } from './onnx-lowering.js';

/**
 * An attribute of a node. A plain value's ONNX type is inferred: a string is a STRING; a number is a FLOAT when its
 * attribute name is one ONNX's operators define as a float (`alpha`, `beta`, `epsilon`, `momentum`, `gamma`,
 * `lambd`, `bias`, `ratio`, `value_float`) or when it is not an integer, else an INT; an array of numbers is FLOATS
 * under the same names or when some element is not an integer, else INTS. The explicit forms `{ int }`, `{ float }`,
 * `{ ints }`, `{ floats }`, `{ string }` say the type outright. Ints must be safe integers, floats finite.
 */
export type OnnxAttributeValue =
  | number
  | readonly number[]
  | string
  | { readonly int: number }
  | { readonly float: number }
  | { readonly ints: readonly number[] }
  | { readonly floats: readonly number[] }
  | { readonly string: string };

/** The attribute names whose plain numbers are FLOATs (see {@link OnnxAttributeValue}). */
export const FLOAT_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set([
  'alpha',
  'beta',
  'epsilon',
  'momentum',
  'gamma',
  'lambd',
  'bias',
  'ratio',
  'value_float',
]);

/**
 * What a lowering builds an ONNX graph with ({@link OnnxLowering.lower} receives it). Names are deterministic:
 * each starts with the path of the layer being lowered, its brackets turned into dots (`layers[1].body[0]` →
 * `layers.1.body.0`), and a name already taken gets a suffix `_1`, `_2`, ….
 */
export interface OnnxGraphBuilder {
  /** The precision of every tensor of the graph: the network's, or the one `options.precision` forced. */
  readonly precision: OnnxPrecision;
  /** The ONNX element type of {@link precision}: DOUBLE (11) for float64, FLOAT (1) for float32. */
  readonly elementType: number;
  /** The path of the layer being lowered, e.g. `'layers[1].body[0]'` (`''` outside any layer). */
  readonly path: string;
  /**
   * Adds a constant tensor (an initializer) and returns its name, `<layer path>.<nameHint>`, e.g.
   * `layers.0.weights`. The values are converted to the graph's precision and stored little-endian as raw data,
   * in row-major order (a `Matrix` as it is stored, its rows first).
   * @param dims - the tensor's shape; their product must be the number of values (`[]` for a scalar).
   * @throws OnnxExportError on a bad hint or shape, or a value that is NaN or ±Infinity in the graph's precision
   *   (unless `toOnnx` was given `allowNonFinite: true`).
   */
  initializer(nameHint: string, values: Matrix | Float64Array | Float32Array, dims: readonly number[]): string;
  /**
   * Adds a node with one output and returns the output tensor's name, `<layer path>/<nameHint ?? opType>`, e.g.
   * `layers.0/Gemm` (the node has the same name).
   * @param opType - an operator of the default ONNX domain at opset 15, e.g. `'Gemm'`.
   * @param inputs - names of tensors already in the graph (the graph input, initializers, node outputs); `''` for
   *   an optional input left out.
   * @param attributes - see {@link OnnxAttributeValue} for how their types are chosen.
   * @throws OnnxExportError on an input name the graph does not hold, or an attribute value of no ONNX type.
   */
  node(
    opType: string,
    inputs: readonly string[],
    attributes?: Readonly<Record<string, OnnxAttributeValue>>,
    nameHint?: string,
  ): string;
  /**
   * Lowers a child layer (for containers): finds the lowering of its kind and runs it on `input`, with the path
   * `<this layer's path>.<path>`; returns the child's output tensor.
   * @param path - the child's name in its container, as `children()` gives it, e.g. `'body[0]'`.
   * @throws OnnxExportError when the child's kind has no lowering, naming the child's full path.
   */
  lower(child: Layer, input: string, path: string): string;
  /**
   * Adds an entry to the model's `metadata_props`, e.g. exact values an importer should prefer to those ONNX can hold
   * (`batch-norm` keeps its float64 ε there). Keys must be unique in the model.
   * @throws OnnxExportError on an empty or repeated key, or a value that is not a string.
   */
  metadata(key: string, value: string): void;
}

/** What the graph of {@link OnnxGraph.finish} holds. */
export interface FinishedGraph {
  readonly nodes: readonly OnnxTypes.INodeProto[];
  readonly initializers: readonly OnnxTypes.ITensorProto[];
  readonly metadata: readonly OnnxTypes.IStringStringEntryProto[];
}

/** The builder {@link toOnnx} hands to lowerings. */
export class OnnxGraph implements OnnxGraphBuilder {
  readonly elementType: number;
  private readonly names = new Set<string>();
  private readonly tensors = new Set<string>();
  private readonly nodes: OnnxTypes.INodeProto[] = [];
  private readonly initializers: OnnxTypes.ITensorProto[] = [];
  private readonly paths: string[] = [];
  private readonly metadataEntries = new Map<string, string>();

  constructor(
    readonly precision: OnnxPrecision,
    private readonly lowerings: ReadonlyMap<string, OnnxLowering>,
    inputName: string,
    private readonly outputName: string,
    private readonly allowNonFinite: boolean,
  ) {
    this.elementType = elementTypeOf(precision);
    this.names.add(inputName);
    this.names.add(outputName);
    this.tensors.add(inputName);
  }

  get path(): string {
    return this.paths.length === 0 ? '' : this.paths[this.paths.length - 1];
  }

  initializer(nameHint: string, values: Matrix | Float64Array | Float32Array, dims: readonly number[]): string {
    const where = this.where('initializer');
    expectHint(nameHint, `${where}: nameHint`);
    const data = values instanceof Matrix ? values.data : values;
    if (!(data instanceof Float64Array) && !(data instanceof Float32Array)) {
      throw new OnnxExportError(
        `${where} '${nameHint}': values must be a Matrix, Float64Array or Float32Array, got ${describeValue(values)}`,
      );
    }
    const shape = expectDims(dims, `${where} '${nameHint}': dims`);
    const count = shape.reduce((product, dim) => product * dim, 1);
    if (count !== data.length) {
      throw new OnnxExportError(
        `${where} '${nameHint}': dims [${shape.join(', ')}] hold ${count} values, but ${data.length} were given`,
      );
    }
    const name = this.unique(this.prefixed(nameHint, '.'));
    const rawData = this.encode(data, `${this.path || 'graph'}: ${nameHint}`);
    this.initializers.push(onnx.TensorProto.create({ name, dims: shape, dataType: this.elementType, rawData }));
    this.tensors.add(name);
    return name;
  }

  node(
    opType: string,
    inputs: readonly string[],
    attributes: Readonly<Record<string, OnnxAttributeValue>> = {},
    nameHint?: string,
  ): string {
    const where = this.where('node');
    if (typeof opType !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(opType)) {
      throw new OnnxExportError(
        `${where}: opType must be an ONNX operator name such as 'Gemm', got ${describeValue(opType)}`,
      );
    }
    if (!Array.isArray(inputs)) {
      throw new OnnxExportError(
        `${where} ${opType}: inputs must be an array of tensor names, got ${describeValue(inputs)}`,
      );
    }
    inputs.forEach((input, index) => {
      if (input !== '' && !this.tensors.has(input)) {
        throw new OnnxExportError(
          `${where} ${opType}: input ${index} is ${describeValue(input)}, not a tensor of the graph ` +
            '(the graph input, an initializer or a node output)',
        );
      }
    });
    if (nameHint !== undefined) expectHint(nameHint, `${where} ${opType}: nameHint`);
    const attribute = toAttributes(attributes, `${where} ${opType}`);
    const name = this.unique(this.prefixed(nameHint ?? opType, '/'));
    this.nodes.push(onnx.NodeProto.create({ name, opType, input: [...inputs], output: [name], attribute }));
    this.tensors.add(name);
    return name;
  }

  lower(child: Layer, input: string, path: string): string {
    if (typeof path !== 'string' || path === '') {
      throw new OnnxExportError(`${this.where('lower')}: path must be a non-empty string, got ${describeValue(path)}`);
    }
    const full = this.path === '' ? path : `${this.path}.${path}`;
    const kind = typeof child === 'object' && child !== null ? (child as { kind?: unknown }).kind : undefined;
    if (typeof kind !== 'string') {
      throw new OnnxExportError(`${full}: ${describeValue(child)} is not a layer (it has no string kind)`);
    }
    if (!this.tensors.has(input)) {
      throw new OnnxExportError(`${full} (${kind}): input ${describeValue(input)} is not a tensor of the graph`);
    }
    const lowering = this.lowerings.get(kind);
    if (lowering === undefined) {
      throw new OnnxExportError(
        `${full}: no ONNX lowering for the layer kind '${kind}'; bind an OnnxLowering for '${kind}' with ` +
          "onnxLoweringModule(...) in the container passed as toOnnx's options.container " +
          `(lowerings known: ${[...this.lowerings.keys()].sort().join(', ')})`,
      );
    }
    this.paths.push(full);
    let output: unknown;
    try {
      output = lowering.lower(child, this, input);
    } catch (error) {
      if (error instanceof OnnxExportError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new OnnxExportError(`${full} (${kind}): its ONNX lowering failed: ${message}`, { cause: error });
    } finally {
      this.paths.pop();
    }
    if (typeof output !== 'string' || !this.tensors.has(output)) {
      throw new OnnxExportError(
        `${full} (${kind}): the ONNX lowering returned ${describeValue(output)}, not the name of a tensor in the graph`,
      );
    }
    return output;
  }

  /**
   * The nodes and initializers, with the tensor `last` (the network's output) renamed to the graph's output name,
   * or copied into it by an Identity node when it is the graph input or an initializer.
   */
  finish(last: string): FinishedGraph {
    const producer = this.nodes.find((node) => node.output?.includes(last));
    if (producer === undefined) {
      this.nodes.push(
        onnx.NodeProto.create({
          name: this.unique('output/Identity'),
          opType: 'Identity',
          input: [last],
          output: [this.outputName],
        }),
      );
    } else {
      for (const node of this.nodes) {
        node.input = (node.input ?? []).map((name) => (name === last ? this.outputName : name));
        node.output = (node.output ?? []).map((name) => (name === last ? this.outputName : name));
      }
    }
    const metadata = [...this.metadataEntries].map(([key, value]) => ({ key, value }));
    return { nodes: this.nodes, initializers: this.initializers, metadata };
  }

  metadata(key: string, value: string): void {
    const where = this.where('metadata');
    if (typeof key !== 'string' || key === '') {
      throw new OnnxExportError(`${where}: key must be a non-empty string, got ${describeValue(key)}`);
    }
    if (typeof value !== 'string') {
      throw new OnnxExportError(`${where} '${key}': value must be a string, got ${describeValue(value)}`);
    }
    if (this.metadataEntries.has(key)) throw new OnnxExportError(`${where}: the key '${key}' is already set`);
    this.metadataEntries.set(key, value);
  }

  /** `'<path>: <what>'` for messages. */
  private where(what: string): string {
    return this.path === '' ? `OnnxGraphBuilder.${what}` : `${this.path}: ${what}`;
  }

  private prefixed(hint: string, separator: string): string {
    const prefix = this.path.replace(/\[(\d+)\]/g, '.$1');
    return prefix === '' ? hint : `${prefix}${separator}${hint}`;
  }

  private unique(name: string): string {
    let candidate = name;
    for (let suffix = 1; this.names.has(candidate); suffix++) candidate = `${name}_${suffix}`;
    this.names.add(candidate);
    return candidate;
  }

  /** The values in the graph's precision, little-endian; refuses NaN and ±Infinity unless allowed. */
  private encode(data: Float64Array | Float32Array, what: string): Uint8Array {
    const size = this.precision === 'float64' ? 8 : 4;
    const bytes = new Uint8Array(data.length * size);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < data.length; i++) {
      const value = this.precision === 'float64' ? data[i] : Math.fround(data[i]);
      if (!Number.isFinite(value) && !this.allowNonFinite) {
        const reason = Number.isFinite(data[i]) ? `${data[i]}, beyond float32's range` : String(data[i]);
        throw new OnnxExportError(
          `${what}: value ${i} of ${data.length} is ${reason}; ONNX can hold it, but a network with non-finite ` +
            'numbers computes nothing useful (pass allowNonFinite: true to toOnnx to export it anyway)',
        );
      }
      if (size === 8) view.setFloat64(i * 8, value, true);
      else view.setFloat32(i * 4, value, true);
    }
    return bytes;
  }
}

function expectHint(hint: unknown, what: string): void {
  if (typeof hint !== 'string' || hint === '') {
    throw new OnnxExportError(`${what} must be a non-empty string, got ${describeValue(hint)}`);
  }
}

function expectDims(dims: unknown, what: string): number[] {
  if (!Array.isArray(dims) || !dims.every((dim) => Number.isSafeInteger(dim) && dim >= 0)) {
    throw new OnnxExportError(`${what} must be an array of non-negative integers, got ${describeValue(dims)}`);
  }
  return [...dims];
}

const AttributeType = onnx.AttributeProto.AttributeType;

function toAttributes(
  attributes: Readonly<Record<string, OnnxAttributeValue>>,
  where: string,
): OnnxTypes.IAttributeProto[] {
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    throw new OnnxExportError(`${where}: attributes must be an object, got ${describeValue(attributes)}`);
  }
  return Object.entries(attributes).map(([name, value]) => toAttribute(name, value, `${where}: attribute '${name}'`));
}

function toAttribute(name: string, value: unknown, what: string): OnnxTypes.IAttributeProto {
  const floatName = FLOAT_ATTRIBUTE_NAMES.has(name);
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') {
    return floatName || !Number.isInteger(value) ? floatAttribute(name, value, what) : intAttribute(name, value, what);
  }
  if (Array.isArray(value)) {
    return floatName || value.some((element) => !Number.isInteger(element))
      ? floatsAttribute(name, value, what)
      : intsAttribute(name, value, what);
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    const form = value as Record<string, unknown>;
    if (keys.length === 1) {
      switch (keys[0]) {
        case 'int':
          return intAttribute(name, form.int, what);
        case 'float':
          return floatAttribute(name, form.float, what);
        case 'ints':
          return intsAttribute(name, form.ints, what);
        case 'floats':
          return floatsAttribute(name, form.floats, what);
        case 'string':
          if (typeof form.string === 'string') {
            return { name, type: AttributeType.STRING, s: new TextEncoder().encode(form.string) };
          }
      }
    }
  }
  throw new OnnxExportError(
    `${what}: ${describeValue(value)} is not an attribute value; expected a number, an array of numbers, a string ` +
      'or one of { int }, { float }, { ints }, { floats }, { string }',
  );
}

function intAttribute(name: string, value: unknown, what: string): OnnxTypes.IAttributeProto {
  if (!Number.isSafeInteger(value)) {
    throw new OnnxExportError(`${what}: an INT must be a safe integer, got ${describeValue(value)}`);
  }
  return { name, type: AttributeType.INT, i: value as number };
}

function floatAttribute(name: string, value: unknown, what: string): OnnxTypes.IAttributeProto {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new OnnxExportError(`${what}: a FLOAT must be a finite number, got ${describeValue(value)}`);
  }
  return { name, type: AttributeType.FLOAT, f: value };
}

function intsAttribute(name: string, value: unknown, what: string): OnnxTypes.IAttributeProto {
  if (!Array.isArray(value) || !value.every((element) => Number.isSafeInteger(element))) {
    throw new OnnxExportError(`${what}: INTS must be an array of safe integers, got ${describeValue(value)}`);
  }
  return { name, type: AttributeType.INTS, ints: [...value] };
}

function floatsAttribute(name: string, value: unknown, what: string): OnnxTypes.IAttributeProto {
  if (!Array.isArray(value) || !value.every((element) => typeof element === 'number' && Number.isFinite(element))) {
    throw new OnnxExportError(`${what}: FLOATS must be an array of finite numbers, got ${describeValue(value)}`);
  }
  return { name, type: AttributeType.FLOATS, floats: [...value] };
}
