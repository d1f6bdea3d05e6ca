/**
 * @bpnet/core/node: model and checkpoint files on disk, written atomically (Node.js only).
 * @module @bpnet/core/node
 * @packageDocumentation
 */
export { saveModelFile, loadModelFile } from './model-files.js';
export { writeFileAtomically, type AtomicWriteOptions } from './write-file-atomically.js';
export type { WriteBytes } from './write-all.js';
export type { FileContent } from './content-pieces.js';
export { FileWriteError } from './file-write-error.js';
export { CheckpointWriteError } from './checkpoint-write-error.js';
export { removeStaleTemporaryFiles, STALE_TEMPORARY_FILE_AGE_MS } from './stale-temporary-files.js';
export { expectWritablePath } from './writable-directory.js';
export { fileCheckpoints, loadCheckpointFile, type CheckpointLimits } from './checkpoint-files.js';
