import type { Network } from '../network/network.js';
import { checkSavedValues, commitValues } from './saved-parameters.js';

/**
 * Restores a network's parameters and state from saved values, all or nothing: every entry of both lists is
 * checked (paths in order, shapes, finite values) before any is written.
 * @param state - the saved state buffers (`[]` for a version 1 model file, which has none).
 * @throws Error naming the first missing, extra or mismatched entry; the network is then unchanged.
 */
export function restoreNetworkValues(network: Network, parameters: unknown, state: unknown, where: string): void {
  const parameterEntries = network.namedParameters().map(({ path, parameter }) => ({ path, value: parameter.value }));
  const stateEntries = network.namedState().map(({ path, state: buffer }) => ({ path, value: buffer.value }));
  const parameterValues = checkSavedValues(parameterEntries, parameters, where, 'parameter');
  const stateValues = checkSavedValues(stateEntries, state ?? [], where, 'state');
  commitValues(parameterEntries, parameterValues);
  commitValues(stateEntries, stateValues);
}
