import { DomainError, money } from '@splitwork/kernel';
import { taskEscrowShare, taskShareRefunded } from '../ledger';
import { ledgerAccountKey, ownerRefundsAccount, projectEscrowAccount } from '../ledger-account';

const fees = { platformFeeBps: 1000, reviewerFeeBps: 500 };

describe('taskShareRefunded', () => {
  it('moves the share from the project escrow to the owner refunds, balanced, once per task', () => {
    const tx = taskShareRefunded({
      projectId: 'p1',
      taskId: 't1',
      ownerId: 'o1',
      amount: money(1150, 'USD'),
    });
    expect(tx.kind).toBe('REFUND');
    expect(tx.reference).toBe('task-refund:t1');
    expect(tx.entries.map((e) => [ledgerAccountKey(e.account), e.amountCents])).toEqual([
      [ledgerAccountKey(projectEscrowAccount('p1')), -1150],
      [ledgerAccountKey(ownerRefundsAccount('o1')), 1150],
    ]);
    expect(tx.entries.reduce((sum, e) => sum + e.amountCents, 0)).toBe(0);
  });

  it('refuses a zero amount and an empty task id', () => {
    expect(() =>
      taskShareRefunded({ projectId: 'p1', taskId: 't1', ownerId: 'o1', amount: money(0, 'USD') }),
    ).toThrow(DomainError);
    expect(() =>
      taskShareRefunded({ projectId: 'p1', taskId: ' ', ownerId: 'o1', amount: money(5, 'USD') }),
    ).toThrow(DomainError);
  });
});

describe('taskEscrowShare', () => {
  it('is the price plus the platform and reviewer fees reserved at funding', () => {
    expect(taskEscrowShare(money(1000, 'USD'), fees)).toEqual(money(1150, 'USD'));
  });
});
