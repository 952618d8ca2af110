import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DEFAULT_CALIBRATION_POLICY, estimateCalibration } from '@splitwork/marketplace-core';
import { EstimateCalibration, EstimateCalibrationSource } from '@splitwork/planning';
import { AssignmentRecordRepository } from './assignment-record.repository';

/**
 * Feeds the planner per-skill correction factors learned from the owner's own
 * approved work (actual hours reported against the likely estimate). Scoped
 * to the owner: one owner's projects (their kind of work, their freelancers)
 * do not move another owner's estimates and prices, and no owner's history
 * leaks into another's plan.
 */
@Injectable()
export class EstimateCalibrationProvider implements OnModuleInit {
  constructor(
    private readonly source: EstimateCalibrationSource,
    private readonly records: AssignmentRecordRepository,
  ) {}

  onModuleInit(): void {
    this.source.provide((ownerId, manager) => this.current(ownerId, manager));
  }

  async current(ownerId: string, manager: EntityManager): Promise<EstimateCalibration> {
    const rows = await this.records.approvedWithHoursForOwner(ownerId, manager);
    const { factors, skills } = estimateCalibration(rows, DEFAULT_CALIBRATION_POLICY);
    return {
      factors,
      samples: skills.flatMap((s) =>
        s.factor === null ? [] : [{ skill: s.skill, factor: s.factor, samples: s.samples }],
      ),
    };
  }
}
