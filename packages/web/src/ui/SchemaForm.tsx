import type { ReactNode } from 'react';
import type { FieldMessages, FormValues } from './form-input.ts';
import type { FieldSpec } from './schema-fields.ts';
import './schema-form.css';

/** Props of SchemaForm: the fields, their values and messages, and where changes go. */
export interface SchemaFormProps {
  fields: readonly FieldSpec[];
  values: FormValues;
  /** Messages per field path (client checks and server field issues). */
  messages: FieldMessages;
  onChange(path: string, value: string | boolean): void;
  /** Prefix of element ids, so two forms on a page do not collide. */
  idPrefix: string;
  disabled?: boolean;
}

/**
 * The controls of a form generated from a JSON Schema: one labelled control per field, help text from
 * the schema's descriptions, a required mark, and each field's message tied to it with
 * aria-describedby / aria-invalid. The surrounding <form> and its buttons belong to the caller.
 */
export function SchemaForm(props: SchemaFormProps) {
  if (props.fields.length === 0) return <p className="schema-form-empty">This action takes no input.</p>;
  return <div className="schema-form">{props.fields.map((f) => <Field key={f.path} field={f} {...props} />)}</div>;
}

const HINTS: Partial<Record<FieldSpec['kind'], string>> = {
  list: 'One per line, or separated by commas.',
  keyvalue: 'One key=value per line.',
  json: 'JSON.',
};

function Field(props: SchemaFormProps & { field: FieldSpec }) {
  const { field: f, values, messages, onChange, idPrefix, disabled } = props;
  const id = `${idPrefix}-${f.path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const message = messages[f.path];
  const hint = [f.description ? sentence(f.description) : '', HINTS[f.kind] ?? '', limits(f)].filter(Boolean).join(' ');
  const describedBy = [hint ? `${id}-help` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: f.path,
    disabled,
    'aria-invalid': message ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': f.required || undefined,
  };
  const text = typeof values[f.path] === 'string' ? (values[f.path] as string) : '';
  const label = (
    <label htmlFor={id}>
      {f.label}
      {f.required && <span className="required" aria-hidden="true"> *</span>}
    </label>
  );
  const help = hint ? <p id={`${id}-help`} className="field-help">{hint}</p> : null;
  const error = message ? <p id={`${id}-error`} className="field-error">{message}</p> : null;

  if (f.kind === 'object') {
    return (
      <fieldset className="field-group">
        <legend>{f.label}{f.required && <span className="required" aria-hidden="true"> *</span>}</legend>
        {f.description && <p className="field-help">{sentence(f.description)}</p>}
        {(f.fields ?? []).map((child) => <Field key={child.path} {...props} field={child} />)}
      </fieldset>
    );
  }

  let control: ReactNode;
  switch (f.kind) {
    case 'boolean':
      return (
        <div className="field field-checkbox">
          <input type="checkbox" {...common} checked={values[f.path] === true} onChange={(e) => onChange(f.path, e.target.checked)} />
          {label}
          {help}
          {error}
        </div>
      );
    case 'tristate':
      control = (
        <select {...common} value={text} onChange={(e) => onChange(f.path, e.target.value)}>
          <option value="">Not set (leave as is)</option>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </select>
      );
      break;
    case 'enum':
      control = (
        <select {...common} value={text} onChange={(e) => onChange(f.path, e.target.value)}>
          <option value="">{f.required ? 'Choose…' : 'Not set'}</option>
          {(f.options ?? []).map((o) => <option key={String(o)} value={String(o)}>{String(o)}</option>)}
        </select>
      );
      break;
    case 'list':
    case 'keyvalue':
    case 'json':
      control = <textarea {...common} rows={f.kind === 'json' ? 4 : 3} spellCheck={false} value={text} onChange={(e) => onChange(f.path, e.target.value)} />;
      break;
    case 'integer':
    case 'number':
      control = (
        <input
          {...common}
          type="text"
          inputMode={f.kind === 'integer' ? 'numeric' : 'decimal'}
          autoComplete="off"
          value={text}
          onChange={(e) => onChange(f.path, e.target.value)}
        />
      );
      break;
    default:
      control = f.multiline ? (
        <textarea {...common} rows={3} value={text} onChange={(e) => onChange(f.path, e.target.value)} />
      ) : (
        <input
          {...common}
          type={f.format === 'email' ? 'email' : 'text'}
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(e) => onChange(f.path, e.target.value)}
        />
      );
  }
  return (
    <div className="field">
      {label}
      {control}
      {help}
      {error}
    </div>
  );
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** Limits the description does not already state, e.g. "1–10 entries" or "At most 64 characters". */
function limits(f: FieldSpec): string {
  const d = f.description ?? '';
  if (f.kind === 'integer' || f.kind === 'number') {
    if (f.minimum !== undefined && f.maximum !== undefined && f.maximum < Number.MAX_SAFE_INTEGER && !d.includes(String(f.maximum))) {
      return `From ${f.minimum} to ${f.maximum}.`;
    }
    return '';
  }
  if (f.kind === 'list' && f.maxItems !== undefined && !d.includes(String(f.maxItems))) return `Up to ${f.maxItems} entries.`;
  if (f.kind === 'text' && f.maxLength !== undefined && f.maxLength <= 64 && !f.patterns?.length) return `At most ${f.maxLength} characters.`;
  return '';
}
