import { MAX_ONNX_MESSAGE_DEPTH } from './onnx-limits.js';
import { OnnxFileError } from './onnx-file-error.js';

/**
 * What a field of an ONNX message holds, as the protobuf wire carries it: a sub-message (its type's name), `'S'` a
 * string or bytes, `'V'` a varint scalar, `'F'` a float, `'D'` a double, and the repeated numbers, packed or not:
 * `'PV'` varints, `'PF'` floats, `'PD'` doubles. Taken from onnx.proto of ONNX 1.10, as `onnx-proto` decodes it.
 */
type FieldKind = 'S' | 'V' | 'F' | 'D' | 'PV' | 'PF' | 'PD' | { readonly message: string };

const m = (message: string): FieldKind => ({ message });
const SCHEMA: Readonly<Record<string, Readonly<Record<number, FieldKind>>>> = {
  ModelProto: {
    1: 'V',
    8: m('OperatorSetIdProto'),
    2: 'S',
    3: 'S',
    4: 'S',
    5: 'V',
    6: 'S',
    7: m('GraphProto'),
    14: m('StringStringEntryProto'),
    20: m('TrainingInfoProto'),
    25: m('FunctionProto'),
  },
  OperatorSetIdProto: { 1: 'S', 2: 'V' },
  StringStringEntryProto: { 1: 'S', 2: 'S' },
  TrainingInfoProto: {
    1: m('GraphProto'),
    2: m('GraphProto'),
    3: m('StringStringEntryProto'),
    4: m('StringStringEntryProto'),
  },
  FunctionProto: { 1: 'S', 4: 'S', 5: 'S', 6: 'S', 7: m('NodeProto'), 8: 'S', 9: m('OperatorSetIdProto'), 10: 'S' },
  GraphProto: {
    1: m('NodeProto'),
    2: 'S',
    5: m('TensorProto'),
    15: m('SparseTensorProto'),
    10: 'S',
    11: m('ValueInfoProto'),
    12: m('ValueInfoProto'),
    13: m('ValueInfoProto'),
    14: m('TensorAnnotation'),
  },
  TensorAnnotation: { 1: 'S', 2: m('StringStringEntryProto') },
  NodeProto: { 1: 'S', 2: 'S', 3: 'S', 4: 'S', 7: 'S', 5: m('AttributeProto'), 6: 'S' },
  AttributeProto: {
    1: 'S',
    21: 'S',
    13: 'S',
    20: 'V',
    2: 'F',
    3: 'V',
    4: 'S',
    5: m('TensorProto'),
    6: m('GraphProto'),
    22: m('SparseTensorProto'),
    14: m('TypeProto'),
    7: 'PF',
    8: 'PV',
    9: 'S',
    10: m('TensorProto'),
    11: m('GraphProto'),
    23: m('SparseTensorProto'),
    15: m('TypeProto'),
  },
  ValueInfoProto: { 1: 'S', 2: m('TypeProto'), 3: 'S' },
  TensorProto: {
    1: 'PV',
    2: 'V',
    3: m('Segment'),
    4: 'PF',
    5: 'PV',
    6: 'S',
    7: 'PV',
    8: 'S',
    12: 'S',
    9: 'S',
    13: m('StringStringEntryProto'),
    14: 'V',
    10: 'PD',
    11: 'PV',
  },
  Segment: { 1: 'V', 2: 'V' },
  SparseTensorProto: { 1: m('TensorProto'), 2: m('TensorProto'), 3: 'PV' },
  TypeProto: {
    1: m('TypeTensor'),
    4: m('TypeSequence'),
    5: m('TypeMap'),
    9: m('TypeOptional'),
    8: m('TypeSparseTensor'),
    6: 'S',
  },
  TypeTensor: { 1: 'V', 2: m('TensorShapeProto') },
  TypeSequence: { 1: m('TypeProto') },
  TypeMap: { 1: 'V', 2: m('TypeProto') },
  TypeOptional: { 1: m('TypeProto') },
  TypeSparseTensor: { 1: 'V', 2: m('TensorShapeProto') },
  TensorShapeProto: { 1: m('Dimension') },
  Dimension: { 1: 'V', 2: 'S', 3: 'S' },
};

/** The bounds {@link scanOnnxWire} checks. */
export interface WireBounds {
  /** Most fields, repeated integers and strings (each a JavaScript value once decoded). */
  readonly maxStructureValues: number;
  /** Most packed or repeated float and double values. */
  readonly maxNumberValues: number;
}

/**
 * Walks the protobuf wire format of an ONNX `ModelProto` without decoding it, and refuses it unless it is well formed
 * the way `onnx-proto` (protobufjs) will read it (every known field with its wire type, every length within its
 * message, no groups, messages nested at most {@link MAX_ONNX_MESSAGE_DEPTH} deep) and within `bounds`. Decoding what
 * passes makes JavaScript values in proportion to the bounds, whatever the bytes.
 * @throws OnnxFileError `not a valid ONNX model: …` or naming the bound exceeded.
 */
export function scanOnnxWire(bytes: Uint8Array, bounds: WireBounds): void {
  new WireScanner(bytes, bounds).message('ModelProto', 0, bytes.length, 1);
}

class WireScanner {
  private structure = 0;
  private numbers = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly bounds: WireBounds,
  ) {}

  message(type: string, start: number, end: number, depth: number): void {
    if (depth > MAX_ONNX_MESSAGE_DEPTH) this.invalid(`messages nest more than ${MAX_ONNX_MESSAGE_DEPTH} deep`, start);
    const fields = SCHEMA[type] ?? {};
    let pos = start;
    while (pos < end) {
      const tagAt = pos;
      const [tag, afterTag] = this.uint32(pos, end);
      pos = afterTag;
      const field = Math.floor(tag / 8);
      const wire = tag & 7;
      if (field === 0) this.invalid('field number 0', tagAt);
      this.count(1, tagAt);
      const kind = fields[field];
      if (wire === 2) {
        const [length, afterLength] = this.uint32(pos, end);
        const contentEnd = afterLength + length;
        if (contentEnd > end) this.invalid(`a field of ${length} bytes runs past the end of its message`, tagAt);
        if (kind !== undefined) this.lengthDelimited(kind, type, field, afterLength, contentEnd, depth, tagAt);
        pos = contentEnd;
        continue;
      }
      if (kind !== undefined && !WIRE_TYPES[kindName(kind)].includes(wire))
        this.invalid(`field ${field} of ${type} has wire type ${wire}`, tagAt);
      if (kind === 'PF' || kind === 'PD') this.addNumbers(1, tagAt);
      if (wire === 0) pos = this.skipVarint(pos, end);
      else if (wire === 1) pos += 8;
      else if (wire === 5) pos += 4;
      else this.invalid(`wire type ${wire}`, tagAt);
      if (pos > end) this.invalid('a field runs past the end of its message', tagAt);
    }
  }

  private lengthDelimited(
    kind: FieldKind,
    type: string,
    field: number,
    start: number,
    end: number,
    depth: number,
    at: number,
  ): void {
    if (typeof kind === 'object') {
      this.message(kind.message, start, end, depth + 1);
      return;
    }
    const length = end - start;
    switch (kind) {
      case 'S':
        return;
      case 'PF':
      case 'PD': {
        const size = kind === 'PF' ? 4 : 8;
        if (length % size !== 0) this.invalid(`packed values of ${length} bytes in field ${field} of ${type}`, at);
        this.addNumbers(length / size, at);
        return;
      }
      case 'PV': {
        let pos = start;
        let count = 0;
        while (pos < end) {
          pos = this.skipVarint(pos, end);
          count++;
        }
        this.count(count, at);
        return;
      }
      default:
        this.invalid(`field ${field} of ${type} has wire type 2`, at);
    }
  }

  /** A varint read as protobufjs reads tags and lengths: at most 5 bytes, below 2³². */
  private uint32(pos: number, end: number): [number, number] {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      if (pos + i >= end) this.invalid('a varint runs past the end of its message', pos);
      const byte = this.bytes[pos + i] as number;
      if (i === 4 && byte > 15) this.invalid('a tag or length of 2³² or more', pos);
      value += (byte & 127) * 2 ** (7 * i);
      if (byte < 128) return [value, pos + i + 1];
    }
    return this.invalid('a tag or length of 2³² or more', pos);
  }

  /** Past a varint of at most 10 bytes (what protobufjs reads). */
  private skipVarint(pos: number, end: number): number {
    for (let i = 0; i < 10; i++) {
      if (pos + i >= end) this.invalid('a varint runs past the end of its message', pos);
      if ((this.bytes[pos + i] as number) < 128) return pos + i + 1;
    }
    return this.invalid('a varint longer than 10 bytes', pos);
  }

  private count(values: number, at: number): void {
    this.structure += values;
    if (this.structure > this.bounds.maxStructureValues) {
      throw new OnnxFileError(
        `the model holds more than ${this.bounds.maxStructureValues} protobuf fields and integers ` +
          `(limits.maxStructureValues; past it at byte ${at})`,
      );
    }
  }

  private addNumbers(values: number, at: number): void {
    this.numbers += values;
    if (this.numbers > this.bounds.maxNumberValues) {
      throw new OnnxFileError(
        `the model holds more than ${this.bounds.maxNumberValues} float and double values ` +
          `(limits.maxParameterValues; past it at byte ${at})`,
      );
    }
  }

  private invalid(what: string, at: number): never {
    throw new OnnxFileError(`not a valid ONNX model: ${what} (at byte ${at})`);
  }
}

function kindName(kind: FieldKind): string {
  return typeof kind === 'object' ? 'M' : kind;
}

/** The wire types other than 2 each kind may come in (2, length-delimited, is handled apart). */
const WIRE_TYPES: Readonly<Record<string, readonly number[]>> = {
  M: [],
  S: [],
  V: [0],
  PV: [0],
  F: [5],
  D: [1],
  PF: [5],
  PD: [1],
};
