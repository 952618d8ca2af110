import { Field, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '@splitwork/api-kit';
import type { Currency } from '@splitwork/kernel';
import { parseLedgerAccountKey } from '@splitwork/payments-core';

@ObjectType('LedgerAccountBalance', { description: 'The balance of one ledger account.' })
export class LedgerAccountBalanceModel {
  @Field({
    description:
      'OWNER_FUNDING, PROJECT_ESCROW, FREELANCER_PAYABLE, PLATFORM_FEES, REVIEWER_FEES, OWNER_REFUNDS or STRIPE_CLEARING.',
  })
  kind!: string;

  @Field({ description: "The project or user id the account belongs to, or 'platform'." })
  ownerId!: string;

  @Field(() => MoneyModel)
  balance!: MoneyModel;

  static from(row: {
    account: string;
    currency: Currency;
    balanceCents: number;
  }): LedgerAccountBalanceModel {
    const account = parseLedgerAccountKey(row.account);
    return Object.assign(new LedgerAccountBalanceModel(), {
      kind: account.kind,
      ownerId: account.ownerId,
      balance: MoneyModel.from({ amountCents: row.balanceCents, currency: row.currency }),
    });
  }
}
