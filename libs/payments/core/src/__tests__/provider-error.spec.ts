import { classifyProviderError } from '../provider-error';

describe('classifyProviderError', () => {
  it.each([
    [{ statusCode: 429, type: 'StripeRateLimitError', code: 'rate_limit' }],
    [{ statusCode: 500, type: 'StripeAPIError' }],
    [{ statusCode: 502 }],
    [{ statusCode: 503, type: 'api_error' }],
    [{ statusCode: 409, code: 'idempotency_key_in_use' }],
    [{ statusCode: 400, code: 'lock_timeout' }],
    [{ type: 'StripeConnectionError', code: 'ECONNRESET' }],
    [
      {
        type: 'StripeConnectionError',
        message: 'Request aborted due to timeout being reached (100ms)',
      },
    ],
    [{ code: 'ETIMEDOUT' }],
    [{ code: 'ECONNREFUSED' }],
    [{}],
  ])('retries %j', (error) => {
    const result = classifyProviderError(error);
    expect(result.retryable).toBe(true);
    expect(result.onboardingRequired).toBe(false);
  });

  it.each([
    [{ statusCode: 400, type: 'StripeInvalidRequestError', code: 'parameter_invalid_integer' }],
    [{ statusCode: 402, type: 'StripeCardError', code: 'card_declined' }],
    [{ statusCode: 401, type: 'StripeAuthenticationError' }],
    [{ statusCode: 403, type: 'StripePermissionError' }],
    [{ statusCode: 404, code: 'resource_missing' }],
    [{ statusCode: 400, type: 'StripeIdempotencyError', code: 'idempotency_error' }],
    [{ statusCode: 400, code: 'balance_insufficient' }],
  ])('gives up on %j', (error) => {
    expect(classifyProviderError(error)).toMatchObject({
      retryable: false,
      onboardingRequired: false,
    });
  });

  it('says when the account must finish onboarding first', () => {
    expect(
      classifyProviderError({
        statusCode: 400,
        type: 'StripeInvalidRequestError',
        code: 'insufficient_capabilities_for_transfer',
        message:
          'Your destination account needs to have at least one of the following capabilities enabled',
      }),
    ).toEqual({
      retryable: false,
      onboardingRequired: true,
      code: 'insufficient_capabilities_for_transfer',
      reason:
        'Account not ready for transfers (insufficient_capabilities_for_transfer): Your destination account needs to have at least one of the following capabilities enabled',
    });
  });

  it('words the reason from the status, code and message', () => {
    expect(classifyProviderError({ statusCode: 503 }).reason).toBe('Provider error 503');
    expect(
      classifyProviderError({ statusCode: 400, code: 'amount_too_small', message: 'Too small' })
        .reason,
    ).toBe('Provider refused the request (400) (amount_too_small): Too small');
    expect(
      classifyProviderError({ type: 'StripeConnectionError', code: 'ECONNRESET' }).reason,
    ).toBe('No answer from the provider (ECONNRESET)');
  });
});
