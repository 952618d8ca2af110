import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, IsNull, Not } from 'typeorm';
import { DEFAULT_CALIBRATION_POLICY, estimateCalibration } from '@splitwork/marketplace-core';
import { EstimateCalibration, EstimateCalibrationSource } from '@splitwork/planning';
import { AssignmentRecordEntity } from './assignment-record.entity';

/**
 * Feeds the planner per-skill correction factors learned from approved work
 * across the whole platform (actual hours reported against the likely
 * estimate): the bias being corrected is the planner's, which is the same
 * for every owner, and pooling gets a skill to enough samples sooner.
 */
@Injectable()
export class EstimateCalibrationProvider implements OnModuleInit {
  constructor(private readonly source: EstimateCalibrationSource) {}

  onModuleInit(): void {
    this.source.provide((manager) => this.current(manager));
  }

  async current(manager: EntityManager): Promise<EstimateCalibration> {
    const rows = await manager.getRepository(AssignmentRecordEntity).find({
      select: { skills: true, estimatedHours: true, actualHours: true },
      where: { result: 'APPROVED', actualHours: Not(IsNull()) },
    });
    const { factors, skills } = estimateCalibration(rows, DEFAULT_CALIBRATION_POLICY);
    return {
      factors,
      samples: skills.flatMap((s) =>
        s.factor === null ? [] : [{ skill: s.skill, factor: s.factor, samples: s.samples }],
      ),
    };
  }
}
