import type { BpnetContainer } from '../di/bpnet-container.js';
import { loadModelFromChunks, type ModelLimits, resolveModelLimits } from '../model/load-model.js';
import { modelJsonChunks } from '../model/model-json-chunks.js';
import type { Network } from '../network/network.js';
import { readFileChunks } from './read-file-chunks.js';
import { writeFileAtomically } from './write-file-atomically.js';

/**
 * Saves the network's model file to `path`, atomically (a crash or a failed write leaves the old file or the new
 * one, never half), writing it in pieces of about 1.5 MB: a network of any size is saved in memory proportional to
 * a piece, and every network `loadModelFile` accepts can be saved.
 * @throws FileWriteError naming `path` when the file system fails; the old file is then unchanged.
 */
export function saveModelFile(network: Network, path: string): void {
  writeFileAtomically(path, modelJsonChunks(network));
}

/**
 * Loads a model file written by {@link saveModelFile}: its size is checked before reading, and it is parsed as it is
 * read, in pieces, within `limits` (see `ModelLimits`), so neither a large nor a hostile file can exhaust memory.
 * @throws ModelFileError naming the file and what is wrong with it (see `loadModel`).
 */
export function loadModelFile(container: BpnetContainer, path: string, limits: ModelLimits = {}): Network {
  const what = `Model file ${path}`;
  const resolved = resolveModelLimits(limits);
  return loadModelFromChunks(container, readFileChunks(path, resolved.maxLength, what), resolved, what);
}
