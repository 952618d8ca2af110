import {
  FieldError,
  Input,
  Label,
  Text,
  TextArea,
  TextField,
  type TextFieldProps,
} from 'react-aria-components';

interface FieldProps extends Omit<TextFieldProps, 'children'> {
  label: string;
  description?: string;
  multiline?: boolean;
  rows?: number;
}

/** A labelled text field (react-aria: label, description and errors wired for screen readers). */
export function Field({ label, description, multiline, rows, ...props }: FieldProps) {
  return (
    <TextField className="field" {...props}>
      <Label>{label}</Label>
      {multiline ? <TextArea rows={rows ?? 4} /> : <Input />}
      {description ? <Text slot="description">{description}</Text> : null}
      <FieldError />
    </TextField>
  );
}
