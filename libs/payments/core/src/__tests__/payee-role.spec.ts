import { payoutTransferKey } from '../payee-role';

describe('payoutTransferKey', () => {
  it('keys the transfers of a freelancer and a reviewer payout apart', () => {
    expect(payoutTransferKey('po1', 'FREELANCER')).toBe('payout:po1');
    expect(payoutTransferKey('po1', 'REVIEWER')).toBe('reviewer-payout:po1');
  });
});
