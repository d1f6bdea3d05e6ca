/**
 * @bpnet/core/node: model files on disk (Node.js only).
 * @packageDocumentation
 */
export { saveModelFile, loadModelFile } from './model-files.js';
export { writeFileAtomically } from './write-file-atomically.js';
export { fileCheckpoints, loadCheckpointFile } from './checkpoint-files.js';
