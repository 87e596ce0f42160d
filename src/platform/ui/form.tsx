// Form fields that show the kept value, the field's localized error, and the HTML constraints
// taken from the form's zod schema. Works without JavaScript: the server validates again.
import { type ComponentChildren, createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type Locale, direction, locales } from '../i18n/i18n.ts';
import type { FieldErrors, FormValues, HtmlConstraints } from '../validation.ts';
import { usePage } from './page.tsx';

export interface FormState {
  values: FormValues;
  errors: FieldErrors;
  constraints: HtmlConstraints;
}

// idPrefix: several forms on one page (a request's steps) keep their fields' ids apart
const FormCtx = createContext<FormState & { idPrefix?: string }>({ values: {}, errors: {}, constraints: {} });

const localeLabel: Record<Locale, string> = { ar: 'العربية', fr: 'Français', en: 'English' };

export function Form(props: { action: string; state: FormState; children: ComponentChildren; submit: string; id?: string; enctype?: 'multipart/form-data'; idPrefix?: string }) {
  const { t, csrfToken } = usePage();
  const errorCount = Object.keys(props.state.errors).length;
  return (
    <FormCtx.Provider value={props.idPrefix ? { ...props.state, idPrefix: props.idPrefix } : props.state}>
      <form method="post" action={props.action} class="stack" id={props.id} novalidate={false} enctype={props.enctype}>
        {errorCount > 0 && (
          <div class="errors-summary" role="alert">
            <p>{t('errors.formInvalid')}</p>
          </div>
        )}
        <input type="hidden" name="_csrf" value={csrfToken} />
        {props.children}
        <p class="actions">
          <button type="submit">{props.submit}</button>
        </p>
      </form>
    </FormCtx.Provider>
  );
}

function useField(name: string) {
  const { t } = usePage();
  const form = useContext(FormCtx);
  const error = form.errors[name];
  const raw = form.values[name];
  return {
    value: Array.isArray(raw) ? raw : (raw ?? ''),
    error: error ? t(error.key, error.values) : undefined,
    constraints: form.constraints[name] ?? {},
    id: `f-${form.idPrefix ?? ''}${name}`,
  };
}

function ErrorText(props: { id: string; error?: string }) {
  return props.error ? <p class="error" id={`${props.id}-error`}>{props.error}</p> : null;
}

export function TextField(props: {
  name: string;
  label: string;
  type?: 'text' | 'date' | 'datetime-local' | 'number' | 'email' | 'password';
  multiline?: boolean;
  lang?: Locale;
  hint?: string;
  autocomplete?: string;
}) {
  const f = useField(props.name);
  const c = f.constraints;
  const common = {
    id: f.id,
    name: props.name,
    required: c.required,
    maxLength: c.maxLength,
    lang: props.lang,
    dir: props.lang ? direction(props.lang) : undefined,
    'aria-invalid': f.error ? ('true' as const) : undefined,
    'aria-describedby': f.error ? `${f.id}-error` : undefined,
  };
  return (
    <div class="field">
      <label for={f.id}>{props.label}</label>
      {props.hint && <small class="muted">{props.hint}</small>}
      {props.multiline ? (
        <textarea {...common} rows={4}>{String(f.value)}</textarea>
      ) : (
        <input {...common} type={props.type ?? 'text'} value={String(f.value)} min={c.min} max={c.max} autocomplete={props.autocomplete} />
      )}
      <ErrorText id={f.id} error={f.error} />
    </div>
  );
}

/** The same text in Arabic, French and English, side by side (`name_ar`, `name_fr`, `name_en`). */
export function L10nField(props: { name: string; label: string; multiline?: boolean }) {
  return (
    <fieldset>
      <legend>{props.label}</legend>
      <div class="l10n">
        {locales.map((l) => (
          <TextField name={`${props.name}_${l}`} label={localeLabel[l]} lang={l} multiline={props.multiline} />
        ))}
      </div>
    </fieldset>
  );
}

export function SelectField(props: { name: string; label: string; options: [string, string][]; blank?: string }) {
  const f = useField(props.name);
  return (
    <div class="field">
      <label for={f.id}>{props.label}</label>
      <select id={f.id} name={props.name} required={f.constraints.required} aria-invalid={f.error ? 'true' : undefined}
        aria-describedby={f.error ? `${f.id}-error` : undefined}>
        {props.blank !== undefined && <option value="">{props.blank}</option>}
        {props.options.map(([value, label]) => (
          <option value={value} selected={String(f.value) === value}>{label}</option>
        ))}
      </select>
      <ErrorText id={f.id} error={f.error} />
    </div>
  );
}

export function CheckboxesField(props: { name: string; label: string; options: [string, string][] }) {
  const f = useField(props.name);
  const checked = new Set(Array.isArray(f.value) ? f.value : f.value ? [f.value] : []);
  return (
    <fieldset aria-describedby={f.error ? `${f.id}-error` : undefined}>
      <legend>{props.label}</legend>
      {props.options.map(([value, label]) => (
        <label class="check">
          <input type="checkbox" name={props.name} value={value} checked={checked.has(value)} /> {label}
        </label>
      ))}
      <ErrorText id={f.id} error={f.error} />
    </fieldset>
  );
}

/** A POST button for actions such as delete (a form of its own, with the CSRF token). */
export function PostButton(props: { action: string; label: string; danger?: boolean; confirm?: string }) {
  const { csrfToken } = usePage();
  return (
    <form method="post" action={props.action} class="inline">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <button type="submit" class={props.danger ? 'danger' : undefined}>{props.label}</button>
    </form>
  );
}

/** One filter of a list's search form (a GET form, no kept state): `all` labels the empty choice. */
export function FilterSelect(props: { name: string; label: string; value: string; options: [string, string][]; all: string }) {
  const id = `filter-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name}>
        <option value="">{props.all}</option>
        {props.options.map(([v, l]) => <option value={v} selected={v === props.value}>{l}</option>)}
      </select>
    </div>
  );
}
