import fc from 'fast-check';
import { DomainError } from '../domain-error';
import { addMoney, allocate, applyBasisPoints, formatMoney, money, parseCurrency } from '../money';

describe('money', () => {
  it('refuses fractional minor units', () => {
    expect(() => money(10.5, 'USD')).toThrow(DomainError);
  });

  it('refuses to add two currencies', () => {
    expect(() => addMoney(money(1, 'USD'), money(1, 'EUR'))).toThrow(/Currency mismatch/);
  });

  it('refuses an unknown currency', () => {
    expect(() => parseCurrency('XYZ')).toThrow(/Unknown currency/);
    expect(parseCurrency(' eur ')).toBe('EUR');
  });

  it('rounds basis points half away from zero', () => {
    expect(applyBasisPoints(money(1005, 'USD'), 1000).amountCents).toBe(101);
    expect(applyBasisPoints(money(-1005, 'USD'), 1000).amountCents).toBe(-101);
  });

  it('formats with the currency exponent', () => {
    expect(formatMoney(money(123456, 'USD'))).toBe('1234.56 USD');
    expect(formatMoney(money(-5, 'EUR'))).toBe('-0.05 EUR');
    expect(formatMoney(money(500, 'JPY'))).toBe('500 JPY');
  });

  it('allocates parts that always add up to the whole', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 20 })
          .filter((w) => w.some((x) => x > 0)),
        (amount, weights) => {
          const parts = allocate(money(amount, 'USD'), weights);
          expect(parts.reduce((s, p) => s + p.amountCents, 0)).toBe(amount);
          parts.forEach((p) => expect(Number.isInteger(p.amountCents)).toBe(true));
        },
      ),
    );
  });
});
