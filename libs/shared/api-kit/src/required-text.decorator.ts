import { applyDecorators } from '@nestjs/common';
import { IsString, Length, ValidateBy, ValidationOptions } from 'class-validator';
import { hasVisibleText, singleLineReason } from './text-rules';

export interface RequiredTextOptions {
  /** Fewest characters (after the visible-text check); 1 unless given. */
  min?: number;
  max: number;
  /** Names, titles and similar labels: no line breaks, tabs or bidi overrides. */
  singleLine?: boolean;
  /** The rule applies to each element of a list. */
  each?: boolean;
}

/**
 * Text a person must actually write (a title, a brief, feedback): a string
 * of `min` to `max` characters with at least one visible character, so that
 * blanks and invisible characters do not pass for content. Combine with
 * `@IsOptional()` for a field that may be left out but not left blank.
 */
export function RequiredText(options: RequiredTextOptions): PropertyDecorator {
  const each: ValidationOptions = { each: options.each ?? false };
  const min = options.min ?? 1;
  return applyDecorators(
    IsString(each),
    Length(min, options.max, {
      ...each,
      message: ({ property }) => `${property} must be ${min} to ${options.max} characters`,
    }),
    ValidateBy(
      {
        name: 'requiredText',
        validator: {
          validate: (value: unknown) =>
            typeof value === 'string' &&
            hasVisibleText(value) &&
            !(options.singleLine && singleLineReason(value)),
          defaultMessage: (args) => {
            const value: unknown = args?.value;
            const property = args?.property ?? 'text';
            if (typeof value === 'string' && hasVisibleText(value) && options.singleLine) {
              return `${property} ${singleLineReason(value) ?? 'is invalid'}`;
            }
            if (typeof value === 'string' || !options.singleLine) {
              return `${property} must not be blank`;
            }
            return `each ${property} must not be blank and must be a single line`;
          },
        },
      },
      each,
    ),
  );
}
