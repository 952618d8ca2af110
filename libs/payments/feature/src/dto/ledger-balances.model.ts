import { Field, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '@splitwork/api-kit';
import { LedgerAccountBalanceModel } from './ledger-account-balance.model';

@ObjectType('LedgerBalances', { description: 'Ledger balances for an admin.' })
export class LedgerBalancesModel {
  @Field(() => [LedgerAccountBalanceModel], {
    description: 'The accounts of the ids asked for, per currency, ordered by account.',
  })
  accounts!: LedgerAccountBalanceModel[];

  @Field(() => [MoneyModel], {
    description: 'The sum of every ledger entry per currency: zero when the ledger is balanced.',
  })
  totals!: MoneyModel[];
}
