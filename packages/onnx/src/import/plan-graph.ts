import { escapeUnsafe, quoted } from '@bpnet/core/plugin';
import { ElementType, type OnnxTypes } from '../onnx-schema.js';
import { OnnxFileError } from './onnx-file-error.js';
import type { ResolvedOnnxLimits } from './onnx-limits.js';
import { dataTypeName, integerOf } from './read-tensor.js';

/** The operators the importer reads, as messages list them. */
export const SUPPORTED_OPERATORS = [
  'Gemm',
  'MatMul',
  'Add',
  'Sigmoid',
  'Tanh',
  'Relu',
  'Softmax',
  'BatchNormalization',
  'Identity',
  'Dropout',
  'Concat',
] as const;

/** Most operands of one Concat (each is a branch the importer walks). */
const MAX_CONCAT_OPERANDS = 1024;

/** One step of the imported network, read off the graph; `at` names its (first) node for messages. */
export type PlannedOp =
  | {
      readonly type: 'dense';
      readonly at: string;
      /** The weight initializer: [K, N], or [N, K] when `transB`. */
      readonly weight: string;
      readonly transB: boolean;
      /** The bias initializer ([N]), or none (zero bias). */
      readonly bias: string | undefined;
    }
  | { readonly type: 'activation'; readonly at: string; readonly kind: 'sigmoid' | 'tanh' | 'relu' }
  | {
      readonly type: 'batch-norm';
      readonly at: string;
      /** The initializers scale, B, input_mean, input_var. */
      readonly inputs: readonly [string, string, string, string];
      readonly epsilon: number;
      readonly momentum: number | undefined;
    }
  | { readonly type: 'residual'; readonly at: string; readonly body: readonly PlannedOp[] }
  /** Branches computed from one value, their outputs side by side; an empty branch is that value itself. */
  | { readonly type: 'concat'; readonly at: string; readonly branches: readonly (readonly PlannedOp[])[] };

/** What the graph computes, as a chain of steps from its one input to its one output. */
export interface GraphPlan {
  readonly inputName: string;
  /** Columns of the input (its shape's second dimension). */
  readonly inputWidth: number;
  readonly ops: readonly PlannedOp[];
  /** The graph ends in a Softmax (left to the softmax-cross-entropy loss). */
  readonly endsInSoftmax: boolean;
  readonly initializers: ReadonlyMap<string, OnnxTypes.ITensorProto>;
}

/** Per operator: how many inputs and outputs it may have, which attributes it may carry. */
const OPERATORS: Readonly<
  Record<string, { inputs: [number, number]; outputs: number; attributes: readonly string[] }>
> = {
  Gemm: { inputs: [2, 3], outputs: 1, attributes: ['alpha', 'beta', 'transA', 'transB', 'broadcast'] },
  MatMul: { inputs: [2, 2], outputs: 1, attributes: [] },
  Add: { inputs: [2, 2], outputs: 1, attributes: [] },
  Sigmoid: { inputs: [1, 1], outputs: 1, attributes: [] },
  Tanh: { inputs: [1, 1], outputs: 1, attributes: [] },
  Relu: { inputs: [1, 1], outputs: 1, attributes: [] },
  Softmax: { inputs: [1, 1], outputs: 1, attributes: ['axis'] },
  BatchNormalization: {
    inputs: [5, 5],
    outputs: 5,
    attributes: ['epsilon', 'momentum', 'spatial', 'training_mode', 'is_test'],
  },
  Identity: { inputs: [1, 1], outputs: 1, attributes: [] },
  Dropout: { inputs: [1, 3], outputs: 2, attributes: ['ratio', 'seed', 'is_test'] },
  Concat: { inputs: [1, MAX_CONCAT_OPERANDS], outputs: 1, attributes: ['axis'] },
};

/** Input positions that must be initializers (constants), per operator; position 0 is the activation. */
const CONSTANT_INPUTS: Readonly<Record<string, readonly string[]>> = {
  Gemm: ['A', 'B', 'C'],
  MatMul: ['A', 'B'],
  BatchNormalization: ['X', 'scale', 'B', 'input_mean', 'input_var'],
  Dropout: ['data', 'ratio', 'training_mode'],
};

const ACTIVATIONS: Readonly<Record<string, 'sigmoid' | 'tanh' | 'relu'>> = {
  Sigmoid: 'sigmoid',
  Tanh: 'tanh',
  Relu: 'relu',
};

/** An input's name in the operator's signature, for messages: `'B '` for Gemm's second input. */
function inputRole(op: string, position: number): string {
  const role = (CONSTANT_INPUTS[op] ?? (op === 'Add' ? ['A', 'B'] : ['X']))[position];
  return role === undefined ? '' : `${role} `;
}

/** AttributeProto.AttributeType values the importer reads. */
const FLOAT_ATTRIBUTE = 1;
const INT_ATTRIBUTE = 2;

/** A node for messages: `node 3 'Gemm_7' (Gemm)`, or `node 3 (Gemm)` when it has no name. */
function nodeLabel(index: number, node: OnnxTypes.INodeProto): string {
  const op = node.opType ?? '';
  const shownOp = escapeUnsafe(op.length > 60 ? `${op.slice(0, 60)}…` : op);
  const domain = node.domain ?? '';
  const fullOp = domain === '' || domain === 'ai.onnx' ? shownOp : `${escapeUnsafe(domain.slice(0, 60))}.${shownOp}`;
  const name = node.name ?? '';
  return name === '' ? `node ${index} (${fullOp})` : `node ${index} ${quoted(name, 60)} (${fullOp})`;
}

/**
 * Reads the graph as a chain of supported steps from its input to its output (residual blocks nested), checking
 * its structure: one input and one output, every operator, attribute and input supported, no undefined value, no
 * cycle, no nesting past `limits.maxDepth`. Initializer values are not read here.
 * @throws OnnxFileError naming the node, its operator and what is supported.
 */
export function planGraph(graph: OnnxTypes.IGraphProto, limits: ResolvedOnnxLimits, lossKind: string): GraphPlan {
  const nodes = graph.node ?? [];
  if (nodes.length > limits.maxNodes)
    throw new OnnxFileError(
      `the graph has ${nodes.length} nodes, over the limit of ${limits.maxNodes} (limits.maxNodes)`,
    );
  if ((graph.sparseInitializer?.length ?? 0) > 0)
    throw new OnnxFileError('the graph has sparse initializers, which are not supported');

  const initializers = new Map<string, OnnxTypes.ITensorProto>();
  for (const tensor of graph.initializer ?? []) {
    const name = tensor.name ?? '';
    if (name === '') throw new OnnxFileError('an initializer has no name');
    if (initializers.has(name)) throw new OnnxFileError(`initializer ${quoted(name)} is defined twice`);
    initializers.set(name, tensor);
  }

  const { inputName, inputWidth } = graphInput(graph, initializers, limits);
  const outputs = graph.output ?? [];
  if (outputs.length !== 1)
    throw new OnnxFileError(`the graph has ${outputs.length} outputs; exactly one is supported`);
  const outputName = outputs[0]?.name ?? '';
  if (outputName === '') throw new OnnxFileError('the graph output has no name');

  // Who produces each value, and each node's activation inputs (the others are initializers or absent).
  const labels = nodes.map((node, index) => nodeLabel(index, node));
  const producer = new Map<string, number>();
  const dataInputs: string[][] = [];
  const uses = new Map<string, number>();
  nodes.forEach((node, index) => {
    const label = labels[index] as string;
    checkNode(node, label, lossKind);
    (node.output ?? []).forEach((name, position) => {
      if (name === '') return;
      if (name === inputName || initializers.has(name) || producer.has(name)) {
        throw new OnnxFileError(
          `${label}: its output ${quoted(name)} is already defined (by the graph input, an initializer or a node)`,
        );
      }
      producer.set(name, position === 0 ? index : -1 - index);
    });
  });
  nodes.forEach((node, index) => {
    const label = labels[index] as string;
    const op = node.opType ?? '';
    const data: string[] = [];
    const constants = CONSTANT_INPUTS[op];
    (node.input ?? []).forEach((name, position) => {
      if (name === '') {
        if (position === 0 || op === 'Add' || op === 'BatchNormalization' || (position === 1 && op !== 'Dropout'))
          throw new OnnxFileError(`${label}: input ${position} is missing`);
        return;
      }
      uses.set(name, (uses.get(name) ?? 0) + 1);
      if (initializers.has(name)) {
        if (op === 'Concat')
          throw new OnnxFileError(`${label}: its input ${quoted(name)} is an initializer; expected activations`);
        if (position === 0 && op !== 'Add')
          throw new OnnxFileError(`${label}: its input ${quoted(name)} is an initializer; expected an activation`);
        return;
      }
      if (name !== inputName && !producer.has(name)) {
        throw new OnnxFileError(
          `${label}: its input ${inputRole(op, position)}${quoted(name)} is not defined (no node, graph input or ` +
            'initializer gives it)',
        );
      }
      if (constants !== undefined && position > 0) {
        throw new OnnxFileError(
          `${label}: input ${constants[position] ?? position} ${quoted(name)} must be an initializer (a constant); ` +
            'it is computed in the graph',
        );
      }
      data.push(name);
    });
    if (op === 'Dropout' && (node.input?.[2] ?? '') !== '') {
      // Dropout is the identity only in inference: its training_mode input must be absent or false.
      const mode = initializers.get(node.input?.[2] as string);
      const on =
        (mode?.rawData?.some((byte) => byte !== 0) ?? false) || (mode?.int32Data?.some((v) => v !== 0) ?? false);
      if (on) throw new OnnxFileError(`${label}: training_mode is true; only inference (the identity) is supported`);
    }
    if (op === 'Add' && data.length === 0)
      throw new OnnxFileError(`${label}: adds two initializers; expected at least one activation`);
    dataInputs.push(data);
  });
  uses.set(outputName, (uses.get(outputName) ?? 0) + 1);
  nodes.forEach((node, index) => {
    (node.output ?? []).forEach((name, position) => {
      if (position > 0 && name !== '' && (uses.get(name) ?? 0) > 0) {
        throw new OnnxFileError(
          `${labels[index]}: its output ${position} ${quoted(name)} is used; only the first output is supported`,
        );
      }
    });
  });

  const depth = valueDepths(nodes, labels, dataInputs, inputName);
  if (outputName !== inputName && !producer.has(outputName)) {
    throw new OnnxFileError(
      initializers.has(outputName)
        ? `the graph output ${quoted(outputName)} is an initializer (a constant)`
        : `the graph output ${quoted(outputName)} is not computed by any node`,
    );
  }

  const walker = {
    ...{ nodes, labels, dataInputs, producer, uses, depth, initializers, inputName, outputName, limits },
    concatSources: new Map<number, string>(),
  };
  const { ops, endsInSoftmax } = walkChain(walker, outputName, undefined, 0);
  if (ops.length === 0) throw new OnnxFileError('the graph computes no layer (its output is its input)');
  return { inputName, inputWidth, ops, endsInSoftmax, initializers };
}

function graphInput(
  graph: OnnxTypes.IGraphProto,
  initializers: ReadonlyMap<string, unknown>,
  limits: ResolvedOnnxLimits,
): { inputName: string; inputWidth: number } {
  const inputs = (graph.input ?? []).filter((input) => !initializers.has(input.name ?? ''));
  if (inputs.length !== 1) {
    throw new OnnxFileError(`the graph has ${inputs.length} inputs besides its initializers; exactly one is supported`);
  }
  const input = inputs[0] as OnnxTypes.IValueInfoProto;
  const inputName = input.name ?? '';
  const what = `the graph input ${quoted(inputName)}`;
  if (inputName === '') throw new OnnxFileError('the graph input has no name');
  const tensorType = input.type?.tensorType;
  if (tensorType === undefined || tensorType === null) throw new OnnxFileError(`${what} is not a tensor`);
  const elemType = tensorType.elemType ?? 0;
  if (elemType !== ElementType.FLOAT && elemType !== ElementType.DOUBLE) {
    throw new OnnxFileError(`${what} has element type ${dataTypeName(elemType)}; supported: FLOAT (1), DOUBLE (11)`);
  }
  const dims = tensorType.shape?.dim ?? [];
  if (dims.length !== 2)
    throw new OnnxFileError(`${what} has ${dims.length} dimensions; expected 2, [N or dynamic, features]`);
  const width = integerOf(dims[1]?.dimValue ?? 0);
  if (!Number.isSafeInteger(width) || width <= 0 || width > limits.maxParameterValues) {
    throw new OnnxFileError(
      `${what} has ${width > 0 ? `${width} features` : 'no fixed number of features'}; ` +
        `expected a dimension from 1 to ${limits.maxParameterValues} (limits.maxParameterValues)`,
    );
  }
  return { inputName, inputWidth: width };
}

/** Checks a node's operator, domain, numbers of inputs and outputs, and attributes. */
function checkNode(node: OnnxTypes.INodeProto, label: string, lossKind: string): void {
  const domain = node.domain ?? '';
  const op = node.opType ?? '';
  const spec = domain === '' || domain === 'ai.onnx' ? OPERATORS[op] : undefined;
  if (spec === undefined || !Object.hasOwn(OPERATORS, op))
    throw new OnnxFileError(`${label}: unsupported operator; supported: ${SUPPORTED_OPERATORS.join(', ')}`);
  const inputs = node.input?.length ?? 0;
  const [least, most] = spec.inputs;
  if (inputs < least || inputs > most) {
    const expected = least === most ? `${least}` : `${least} to ${most}`;
    throw new OnnxFileError(`${label}: has ${inputs} inputs; ${op} takes ${expected}`);
  }
  const outputs = node.output ?? [];
  if (outputs.length < 1 || outputs.length > spec.outputs || outputs[0] === '')
    throw new OnnxFileError(`${label}: has ${outputs.length} outputs; expected its first output named`);
  const seen = new Set<string>();
  for (const attribute of node.attribute ?? []) {
    const name = attribute.name ?? '';
    if (!spec.attributes.includes(name)) {
      const allowed = spec.attributes.length === 0 ? 'none' : spec.attributes.join(', ');
      throw new OnnxFileError(`${label}: unsupported attribute ${quoted(name)}; supported: ${allowed}`);
    }
    if (seen.has(name)) throw new OnnxFileError(`${label}: attribute ${quoted(name)} is given twice`);
    seen.add(name);
  }
  const need = (ok: boolean, what: string) => {
    if (!ok) throw new OnnxFileError(`${label}: ${what}`);
  };
  switch (op) {
    case 'Gemm':
      need(floatAttribute(node, 'alpha', 1, label) === 1, 'alpha must be 1');
      need(floatAttribute(node, 'beta', 1, label) === 1 || (node.input?.[2] ?? '') === '', 'beta must be 1');
      need(intAttribute(node, 'transA', 0, label) === 0, 'transA must be 0');
      need([0, 1].includes(intAttribute(node, 'transB', 0, label)), 'transB must be 0 or 1');
      need(intAttribute(node, 'broadcast', 1, label) === 1 || (node.input?.[2] ?? '') === '', 'broadcast must be 1');
      break;
    case 'Softmax':
      need([1, -1].includes(intAttribute(node, 'axis', 1, label)), 'axis must be 1 or -1 (the features)');
      need(
        lossKind === 'softmax-cross-entropy',
        `a Softmax is supported only as the graph's last node with the loss 'softmax-cross-entropy' (which applies ` +
          `it); the loss is ${quoted(lossKind)}`,
      );
      break;
    case 'BatchNormalization': {
      const epsilon = floatAttribute(node, 'epsilon', 1e-5, label);
      // 0 only when bpnet's metadata gives an ε below float32's range (checked when the values are read).
      need(Number.isFinite(epsilon) && epsilon >= 0, 'epsilon must be a finite number > 0');
      const momentum = floatAttribute(node, 'momentum', 0.9, label);
      need(momentum >= 0 && momentum < 1, 'momentum must be in [0, 1)');
      need(intAttribute(node, 'spatial', 1, label) === 1, 'spatial must be 1');
      need(intAttribute(node, 'training_mode', 0, label) === 0, 'training_mode must be 0 (inference)');
      intAttribute(node, 'is_test', 1, label);
      break;
    }
    case 'Concat':
      need([1, -1].includes(intAttribute(node, 'axis', 0, label)), 'axis must be 1 or -1 (the features)');
      break;
    case 'Dropout':
      floatAttribute(node, 'ratio', 0.5, label);
      intAttribute(node, 'seed', 0, label);
      intAttribute(node, 'is_test', 1, label);
      break;
  }
}

function findAttribute(node: OnnxTypes.INodeProto, name: string): OnnxTypes.IAttributeProto | undefined {
  return (node.attribute ?? []).find((attribute) => attribute.name === name);
}

/** A FLOAT attribute's value (a float32 widened exactly); `fallback` when absent (rounded to float32 as ONNX does). */
export function floatAttribute(node: OnnxTypes.INodeProto, name: string, fallback: number, label: string): number {
  const attribute = findAttribute(node, name);
  if (attribute === undefined) return Math.fround(fallback);
  if (attribute.type !== FLOAT_ATTRIBUTE)
    throw new OnnxFileError(`${label}: attribute ${quoted(name)} must be a FLOAT (type 1), got type ${attribute.type}`);
  return attribute.f ?? 0;
}

/** An INT attribute's value; `fallback` when absent. */
export function intAttribute(node: OnnxTypes.INodeProto, name: string, fallback: number, label: string): number {
  const attribute = findAttribute(node, name);
  if (attribute === undefined) return fallback;
  if (attribute.type !== INT_ATTRIBUTE)
    throw new OnnxFileError(`${label}: attribute ${quoted(name)} must be an INT (type 2), got type ${attribute.type}`);
  return integerOf(attribute.i ?? 0);
}

/**
 * The depth of every value computed from the graph input: 0 for the input, 1 + the deepest activation input for a
 * node's outputs (Kahn's order, which also finds cycles).
 */
function valueDepths(
  nodes: readonly OnnxTypes.INodeProto[],
  labels: readonly string[],
  dataInputs: readonly (readonly string[])[],
  inputName: string,
): Map<string, number> {
  const waiting = dataInputs.map((inputs) => inputs.filter((name) => name !== inputName).length);
  const consumers = new Map<string, number[]>();
  dataInputs.forEach((inputs, index) => {
    for (const name of inputs) {
      if (name === inputName) continue;
      const list = consumers.get(name);
      if (list === undefined) consumers.set(name, [index]);
      else list.push(index);
    }
  });
  const depth = new Map<string, number>([[inputName, 0]]);
  const ready = waiting.flatMap((count, index) => (count === 0 ? [index] : []));
  let done = 0;
  while (ready.length > 0) {
    const index = ready.pop() as number;
    done++;
    let deepest = 0;
    for (const name of dataInputs[index] as string[]) deepest = Math.max(deepest, depth.get(name) ?? 0);
    for (const name of nodes[index]?.output ?? []) {
      if (name === '') continue;
      depth.set(name, deepest + 1);
      for (const consumer of consumers.get(name) ?? []) {
        const left = (waiting[consumer] as number) - 1;
        waiting[consumer] = left;
        if (left === 0) ready.push(consumer);
      }
    }
  }
  if (done < nodes.length) {
    const stuck = waiting.findIndex((count) => count > 0);
    throw new OnnxFileError(`${labels[stuck]}: the graph has a cycle through this node`);
  }
  return depth;
}

interface Walker {
  readonly nodes: readonly OnnxTypes.INodeProto[];
  readonly labels: readonly string[];
  readonly dataInputs: readonly (readonly string[])[];
  readonly producer: ReadonlyMap<string, number>;
  readonly uses: ReadonlyMap<string, number>;
  readonly depth: ReadonlyMap<string, number>;
  readonly initializers: ReadonlyMap<string, OnnxTypes.ITensorProto>;
  readonly inputName: string;
  readonly outputName: string;
  readonly limits: ResolvedOnnxLimits;
  /** Each Concat node's source (see {@link concatSource}), by node index, once found. */
  readonly concatSources: Map<number, string>;
}

/** Thrown inside a residual body's walk when it does not lead back to the block's input. */
class NotAChain extends Error {}

/**
 * The steps from `stop` (the graph input when undefined) to `to`, walking back from `to` along each node's activation
 * input (a residual block's, its skip input). Every step lowers the depth, so the walk ends.
 */
function walkChain(
  walker: Walker,
  to: string,
  stop: string | undefined,
  level: number,
): { ops: PlannedOp[]; endsInSoftmax: boolean } {
  const { nodes, labels, dataInputs, producer, uses, depth, inputName } = walker;
  const reversed: PlannedOp[] = [];
  let endsInSoftmax = false;
  let cur = to;
  const stopDepth = stop === undefined ? 0 : (depth.get(stop) as number);
  for (;;) {
    if (cur === stop || (stop === undefined && cur === inputName)) break;
    if (stop !== undefined && (depth.get(cur) ?? 0) <= stopDepth) throw new NotAChain();
    const index = producer.get(cur) as number;
    const node = nodes[index] as OnnxTypes.INodeProto;
    const label = labels[index] as string;
    const op = node.opType ?? '';
    const data = dataInputs[index] as string[];
    const input = node.input ?? [];
    switch (op) {
      case 'Identity':
      case 'Dropout':
        cur = data[0] as string;
        break;
      case 'Softmax':
        if (level > 0 || reversed.length > 0 || endsInSoftmax)
          throw new OnnxFileError(`${label}: a Softmax is supported only as the graph's last node`);
        endsInSoftmax = true;
        cur = data[0] as string;
        break;
      case 'Sigmoid':
      case 'Tanh':
      case 'Relu':
        reversed.push({ type: 'activation', at: label, kind: ACTIVATIONS[op] as 'sigmoid' });
        cur = data[0] as string;
        break;
      case 'Gemm':
        reversed.push({
          type: 'dense',
          at: label,
          weight: input[1] as string,
          transB: intAttribute(node, 'transB', 0, label) === 1,
          bias: (input[2] ?? '') === '' ? undefined : input[2],
        });
        cur = data[0] as string;
        break;
      case 'MatMul':
        reversed.push({ type: 'dense', at: label, weight: input[1] as string, transB: false, bias: undefined });
        cur = data[0] as string;
        break;
      case 'BatchNormalization':
        reversed.push({
          type: 'batch-norm',
          at: label,
          inputs: input.slice(1, 5) as [string, string, string, string],
          epsilon: floatAttribute(node, 'epsilon', 1e-5, label),
          momentum:
            findAttribute(node, 'momentum') === undefined ? undefined : floatAttribute(node, 'momentum', 0.9, label),
        });
        cur = data[0] as string;
        break;
      case 'Add':
        if (data.length === 1) {
          // x · B + c: the bias of the MatMul that computes the activation operand, and used only here.
          const product = data[0] as string;
          const matMulIndex = producer.get(product);
          const matMul = matMulIndex === undefined || matMulIndex < 0 ? undefined : nodes[matMulIndex];
          if (matMul?.opType !== 'MatMul' || uses.get(product) !== 1 || product === walker.outputName) {
            throw new OnnxFileError(
              `${label}: adds an initializer to an activation; supported only as the bias of a MatMul whose ` +
                'output nothing else uses',
            );
          }
          const bias = input.find((name) => name !== product) as string;
          reversed.push({
            type: 'dense',
            at: labels[matMulIndex as number] as string,
            weight: matMul.input?.[1] as string,
            transB: false,
            bias,
          });
          cur = dataInputs[matMulIndex as number]?.[0] as string;
        } else {
          const [a, b] = data as [string, string];
          if (a === b) throw new OnnxFileError(`${label}: adds an activation to itself (v + v); not a residual block`);
          const depthA = depth.get(a) ?? 0;
          const depthB = depth.get(b) ?? 0;
          const notResidual = () =>
            new OnnxFileError(
              `${label}: adds two activations, but neither is computed from the other by a chain of supported ` +
                'nodes; supported: a residual block y = v + f(v)',
            );
          if (depthA === depthB) throw notResidual();
          const [deep, skip] = depthA > depthB ? [a, b] : [b, a];
          if (level + 1 > walker.limits.maxDepth) {
            throw new OnnxFileError(
              `${label}: residual blocks nest more than ${walker.limits.maxDepth} deep (limits.maxDepth)`,
            );
          }
          let body: PlannedOp[];
          try {
            body = walkChain(walker, deep, skip, level + 1).ops;
          } catch (error) {
            if (error instanceof NotAChain) throw notResidual();
            throw error;
          }
          if (body.length === 0)
            throw new OnnxFileError(`${label}: adds an activation to itself (v + v); not a residual block`);
          reversed.push({ type: 'residual', at: label, body });
          cur = skip;
        }
        break;
      case 'Concat': {
        if (level + 1 > walker.limits.maxDepth) {
          throw new OnnxFileError(
            `${label}: containers nest more than ${walker.limits.maxDepth} deep (limits.maxDepth)`,
          );
        }
        const source = concatSource(walker, index, level + 1);
        const branches = data.map((operand) => {
          if (operand === source) return [];
          try {
            return walkChain(walker, operand, source, level + 1).ops;
          } catch (error) {
            if (error instanceof NotAChain) throw notFromOneValue(label);
            throw error;
          }
        });
        reversed.push({ type: 'concat', at: label, branches });
        cur = source;
        break;
      }
      default:
        throw new OnnxFileError(`${label}: unsupported operator; supported: ${SUPPORTED_OPERATORS.join(', ')}`);
    }
  }
  return { ops: reversed.reverse(), endsInSoftmax };
}

/**
 * The value a chain continues from, walking back from `value` as {@link walkChain} does: a node's activation input, a
 * residual Add's shallower operand (its skip input), a Concat's source; undefined for the graph input. Every step
 * lowers the depth.
 */
function previous(walker: Walker, value: string, level: number): string | undefined {
  const index = walker.producer.get(value);
  if (index === undefined || index < 0) return undefined;
  const data = walker.dataInputs[index] as string[];
  const op = walker.nodes[index]?.opType;
  if (op === 'Concat') return concatSource(walker, index, level + 1);
  if (op === 'Add' && data.length === 2) {
    const [a, b] = data as [string, string];
    return (walker.depth.get(a) ?? 0) <= (walker.depth.get(b) ?? 0) ? a : b;
  }
  return data[0];
}

/**
 * The value every operand of Concat node `index` is computed from by chains of supported nodes (an operand may be
 * that value itself): where the operands' ways back to the graph input first meet, found by moving the deepest of them
 * back one value at a time, so the time is in proportion to the branches' lengths. Remembered per node.
 * @throws OnnxFileError when Concats nest deeper than `limits.maxDepth`.
 */
function concatSource(walker: Walker, index: number, level: number): string {
  const known = walker.concatSources.get(index);
  if (known !== undefined) return known;
  const label = walker.labels[index] as string;
  if (level > walker.limits.maxDepth) {
    throw new OnnxFileError(`${label}: containers nest more than ${walker.limits.maxDepth} deep (limits.maxDepth)`);
  }
  const depthOf = (value: string) => walker.depth.get(value) ?? 0;
  const pointers = [...(walker.dataInputs[index] as string[])];
  while (!pointers.every((value) => value === pointers[0])) {
    let deepest = 0;
    for (let i = 1; i < pointers.length; i++)
      if (depthOf(pointers[i] as string) > depthOf(pointers[deepest] as string)) deepest = i;
    const next = previous(walker, pointers[deepest] as string, level);
    if (next === undefined) throw notFromOneValue(label);
    pointers[deepest] = next;
  }
  const source = pointers[0] as string;
  walker.concatSources.set(index, source);
  return source;
}

function notFromOneValue(label: string): OnnxFileError {
  return new OnnxFileError(
    `${label}: its operands are not all computed from one value by chains of supported nodes; supported: ` +
      'branches [f_1(v) | f_2(v) | …] of one value v',
  );
}
