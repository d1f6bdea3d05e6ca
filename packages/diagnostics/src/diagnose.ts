import type { InputData, Network, TargetData } from '@bpnet/core';
import type { Finding } from './finding.js';
import { findNonFinite } from './non-finite.js';
import { recordPass } from './record-pass.js';
import { findSaturatedUnits } from './saturated-units.js';
import { findSensitivityScale, sensitivityNorms } from './sensitivity-norms.js';
import { findSymmetricUnits } from './symmetric-units.js';
import { findZeroGradientUnits } from './zero-gradient-units.js';

/** What `diagnose` found. */
export interface Diagnosis {
  /** True when nothing was found. */
  readonly healthy: boolean;
  readonly findings: readonly Finding[];
  /** J on the data (with targets). */
  readonly loss?: number;
  /** RMS of ∂J/∂input of each layer, in layer order (NaN without targets). */
  readonly sensitivityNorms: readonly number[];
  /** The findings as plain text, one per line, or "no problems found". */
  readonly report: string;
}

/**
 * Looks inside a network on a batch and says what is wrong and where: non-finite values (the first layer and pass
 * where a NaN or Infinity appears), symmetric units, saturated or dead activations, and, with targets, units that
 * get no gradient and vanishing or exploding sensitivities. The network's parameters are left unchanged (their
 * gradients hold this batch's, as after `backprop`).
 */
export function diagnose(network: Network, inputs: InputData, targets?: TargetData): Diagnosis {
  const pass = recordPass(network, inputs, targets);
  const nonFinite = findNonFinite(network, pass);
  const findings: Finding[] = [
    ...nonFinite,
    ...findSymmetricUnits(network),
    ...(nonFinite.length > 0 ? [] : findSaturatedUnits(network, pass)),
    ...(targets === undefined || nonFinite.length > 0
      ? []
      : [...findZeroGradientUnits(network), ...findSensitivityScale(network, pass)]),
  ];
  return {
    healthy: findings.length === 0,
    findings,
    loss: pass.loss,
    sensitivityNorms: sensitivityNorms(pass),
    report: findings.length === 0 ? 'no problems found' : findings.map((finding) => finding.message).join('\n'),
  };
}
