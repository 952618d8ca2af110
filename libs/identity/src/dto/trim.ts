/** Trims text input before it is validated, so surrounding spaces never count. */
export const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
