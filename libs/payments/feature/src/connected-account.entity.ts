import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TransfersCapability } from '@splitwork/payments-core';

/** A freelancer's Stripe Connect Express account, as last seen. */
@Entity({ name: 'connected_accounts' })
export class ConnectedAccountEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'provider_account_id', type: 'text' })
  providerAccountId!: string;

  @Column({ name: 'payouts_enabled', type: 'boolean' })
  payoutsEnabled!: boolean;

  @Column({ name: 'charges_enabled', type: 'boolean' })
  chargesEnabled!: boolean;

  @Column({ name: 'transfers_capability', type: 'text' })
  transfersCapability!: TransfersCapability;

  @Column({ name: 'requirements_due', type: 'jsonb' })
  requirementsDue!: string[];

  @Column({ type: 'boolean' })
  simulated!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
