import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CalibrationFactors } from '@splitwork/planning-core';

/** A per-skill correction factor with the number of finished tasks it was learned from. */
export interface CalibrationFactorSample {
  readonly skill: string;
  readonly factor: number;
  readonly samples: number;
}

export interface EstimateCalibration {
  /** The input of `applyCalibration`: only skills with enough history. */
  readonly factors: CalibrationFactors;
  readonly samples: readonly CalibrationFactorSample[];
}

export type EstimateCalibrationProvider = (
  ownerId: string,
  manager: EntityManager,
) => Promise<EstimateCalibration>;

export const NO_CALIBRATION: EstimateCalibration = { factors: {}, samples: [] };

/**
 * The port through which planning learns how long past work took against its
 * estimates. Planning cannot import the marketplace (which imports planning),
 * so the marketplace plugs its history in with `provide`; without it, no factors.
 */
@Injectable()
export class EstimateCalibrationSource {
  private provider: EstimateCalibrationProvider | null = null;

  provide(provider: EstimateCalibrationProvider): void {
    this.provider = provider;
  }

  /** The factors to apply to a new plan of this owner, read in the caller's transaction. */
  current(ownerId: string, manager: EntityManager): Promise<EstimateCalibration> {
    return this.provider ? this.provider(ownerId, manager) : Promise.resolve(NO_CALIBRATION);
  }
}
