import { Args, ArgsType, Field, Query, Resolver } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsString, Length } from 'class-validator';
import { Authenticated, MoneyModel } from '@splitwork/api-kit';
import { Role } from '@splitwork/kernel';
import { LedgerAccountBalanceModel } from './dto/ledger-account-balance.model';
import { LedgerBalancesModel } from './dto/ledger-balances.model';
import { LedgerRepository } from './ledger.repository';

@ArgsType()
export class LedgerBalancesArgs {
  @Field(() => [String], {
    description: "Project or user ids (or 'platform') whose accounts to show; 1 to 50.",
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  accountOwnerIds!: string[];
}

@Resolver()
export class LedgerBalancesResolver {
  constructor(private readonly ledger: LedgerRepository) {}

  @Authenticated(Role.ADMIN)
  @Query(() => LedgerBalancesModel, {
    description: 'Ledger account balances of the given projects and users, with totals (admin).',
  })
  async ledgerBalances(@Args() args: LedgerBalancesArgs): Promise<LedgerBalancesModel> {
    const [rows, totals] = await Promise.all([
      this.ledger.balancesOfOwners(args.accountOwnerIds),
      this.ledger.totals(),
    ]);
    return {
      accounts: rows.map((r) => LedgerAccountBalanceModel.from(r)),
      totals: totals.map((t) => MoneyModel.from({ amountCents: t.sumCents, currency: t.currency })),
    };
  }
}
