import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PayoutEntity } from './payout.entity';

/** Read side of payouts: the lists each role may see. */
@Injectable()
export class PayoutRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private query() {
    return this.dataSource.getRepository(PayoutEntity).createQueryBuilder('p');
  }

  ofFreelancer(freelancerId: string) {
    return this.query().where('p.freelancer_id = :freelancerId', { freelancerId });
  }

  /** Payouts of any project, for lists that filter and page them per project. */
  all() {
    return this.query();
  }

  failed() {
    return this.query().where(`p.status IN ('FAILED_PERMANENT', 'FAILED_RETRYABLE')`);
  }
}
