/**
 * @bpnet/diagnostics: what is wrong inside a network and where, and every quantity of the derivation for one batch.
 * @module @bpnet/diagnostics
 * @packageDocumentation
 */
export { diagnose, type Diagnosis } from './diagnose.js';
export type { Finding } from './finding.js';
export { diagnosisMonitor } from './diagnosis-monitor.js';
export { recordPass, type RecordedPass, type LayerRecord } from './record-pass.js';
export { traceBatch, type BatchTrace, type TracedLayer, type TracedQuantity, type TracedRole } from './trace-batch.js';
export type { WorkedElement, WorkedOperand } from './trace-worked.js';
export { formatTrace } from './format-trace.js';
export { findSymmetricUnits } from './symmetric-units.js';
export { findZeroGradientUnits } from './zero-gradient-units.js';
export { findSaturatedUnits, SATURATION_THRESHOLD } from './saturated-units.js';
export { findSensitivityScale, sensitivityNorms, rootMeanSquare, VANISHING_RATIO } from './sensitivity-norms.js';
export { findNonFinite } from './non-finite.js';
export { layerName, unitWeights, type UnitWeights } from './layer-roles.js';
