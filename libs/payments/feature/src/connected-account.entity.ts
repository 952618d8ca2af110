import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import type { TransfersCapability } from '@splitwork/payments-core';

/** A freelancer's Stripe Connect Express account, as last seen. */
@Unique('connected_accounts_provider_account_id_key', ['providerAccountId'])
@Check(
  'connected_accounts_transfers_capability_check',
  `transfers_capability IN ('active', 'inactive', 'pending')`,
)
@Entity({ name: 'connected_accounts' })
export class ConnectedAccountEntity {
  @ForeignKey('users', { name: 'connected_accounts_user_id_fkey' })
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

  @Column({ name: 'requirements_due', type: 'jsonb', default: [] })
  requirementsDue!: string[];

  @Column({ type: 'boolean' })
  simulated!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
