export { toOnnx, type OnnxExportOptions } from './to-onnx.js';
export { OnnxExportError } from './onnx-export-error.js';
export { type OnnxLowering, ONNX_LOWERING, onnxLoweringModule } from './onnx-lowering.js';
export { type OnnxGraphBuilder, type OnnxAttributeValue, FLOAT_ATTRIBUTE_NAMES } from './graph-builder.js';
export {
  builtinLowerings,
  denseLowering,
  sigmoidLowering,
  tanhLowering,
  reluLowering,
  dropoutLowering,
  batchNormLowering,
  sequentialLowering,
  residualLowering,
  concatLowering,
} from './builtin-lowerings.js';
