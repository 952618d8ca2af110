import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '@splitwork/kernel';
import { findUnsafeText } from './text-rules';

function flatten(errors: ValidationError[], prefix = ''): FieldProblems[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

interface FieldProblems {
  field: string;
  problems: string[];
}

/** What class-validator found, before the path of the argument is known. */
class InvalidFields extends Error {
  constructor(readonly fields: FieldProblems[]) {
    super('invalid input');
  }
}

function badInput(fields: FieldProblems[]): DomainError {
  const message = fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ');
  return DomainError.badInput(`Invalid input: ${message}`, { fields });
}

/** Parameter kinds that carry client input: GraphQL arguments (3) and HTTP body/query/params. */
const CLIENT_INPUT = new Set<ArgumentMetadata['type'] | number>([3, 'body', 'query', 'param']);

/**
 * Validates every input class, after refusing text that cannot be stored
 * (NUL, lone surrogates, control characters) in any argument at any depth,
 * whatever its declared type; a failure is a BAD_USER_INPUT naming the field.
 */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidUnknownValues: false,
      stopAtFirstError: false,
      exceptionFactory: (errors) => new InvalidFields(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A field resolver's parent, context or info is ours, not the client's:
    // nothing to check, and a page of 20 rows would otherwise pass ~120 of
    // them through class-transformer and class-validator.
    if (!CLIENT_INPUT.has(metadata.type)) return value;
    const prefix = metadata.data ?? '';
    const found = findUnsafeText(value, prefix);
    if (found) throw badInput([{ field: found.field || 'input', problems: [found.problem] }]);
    try {
      return (await super.transform(value, metadata)) as unknown;
    } catch (error) {
      if (!(error instanceof InvalidFields)) throw error;
      // Paths start at the argument, as for the text check: `input.title`.
      throw badInput(
        error.fields.map((f) => ({ ...f, field: prefix ? `${prefix}.${f.field}` : f.field })),
      );
    }
  }
}

/** The one validation pipe of the API. */
export function inputValidationPipe(): ValidationPipe {
  return new InputValidationPipe();
}
