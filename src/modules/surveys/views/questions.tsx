// A survey's questions as form fields, the same online and for staff typing in paper answers:
// radio buttons and checkboxes only (no script), each question's message under it, the answers
// kept when the form comes back with errors.
import { formatDateTime } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { usePage } from '../../../platform/ui/page.tsx';
import { T } from '../../../platform/ui/parts.tsx';
import { pickField, pickText } from '../../../platform/tenancy.ts';
import type { FieldErrors, FormValues } from '../../../platform/validation.ts';
import type { QuestionWithOptions } from '../repository.ts';
import { ANSWER_TEXT_MAX, fieldOf } from '../schema.ts';
import type { QuestionKind } from '../tables.ts';

const given = (values: FormValues, name: string) => {
  const v = values[name];
  return new Set(v === undefined ? [] : Array.isArray(v) ? v : [v]);
};

function Choice(props: { type: 'radio' | 'checkbox'; name: string; value: string; checked: boolean; required?: boolean; children: preact.ComponentChildren }) {
  return (
    <label class="check">
      <input type={props.type} name={props.name} value={props.value} checked={props.checked} required={props.required} /> {props.children}
    </label>
  );
}

export function QuestionField(props: { q: QuestionWithOptions; values: FormValues; errors: FieldErrors; locale: Locale }) {
  const { t } = usePage();
  const { q, locale } = props;
  const name = fieldOf(q);
  const chosen = given(props.values, name);
  const error = props.errors[name];
  const id = `f-${name}`;
  const required = q.required === 1;
  const help = pickField(q, 'help', locale);
  const scale = (from: number, to: number, low: string, high: string) => (
    <>
      <div>
        {Array.from({ length: to - from + 1 }, (_, i) => from + i).map((n) => (
          <Choice type="radio" name={name} value={String(n)} checked={chosen.has(String(n))} required={required}>
            <bdi>{n}</bdi>
          </Choice>
        ))}
      </div>
      <small class="muted">{t(low)} · {t(high)}</small>
    </>
  );
  let inputs: preact.ComponentChildren;
  switch (q.kind as QuestionKind) {
    case 'csat':
      inputs = scale(1, 5, 'surveys.answer.csatLow', 'surveys.answer.csatHigh');
      break;
    case 'scale':
      inputs = scale(0, 10, 'surveys.answer.scaleLow', 'surveys.answer.scaleHigh');
      break;
    case 'yes_no':
      inputs = (['yes', 'no'] as const).map((v) => (
        <Choice type="radio" name={name} value={v} checked={chosen.has(v)} required={required}>{t(`surveys.answer.${v}`)}</Choice>
      ));
      break;
    case 'single':
    case 'multiple':
      inputs = q.options.map((o) => (
        <Choice type={q.kind === 'single' ? 'radio' : 'checkbox'} name={name} value={String(o.id)} checked={chosen.has(String(o.id))} required={required && q.kind === 'single'}>
          <T value={pickText(o, 'label', locale)} />
        </Choice>
      ));
      break;
    default:
      inputs = (
        <textarea id={`${id}-text`} name={name} rows={4} maxLength={ANSWER_TEXT_MAX} required={required} aria-labelledby={`${id}-legend`} dir="auto">
          {[...chosen].join('\n')}
        </textarea>
      );
  }
  return (
    <fieldset id={id} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? 'true' : undefined}>
      <legend id={`${id}-legend`}>
        <T value={pickText(q, 'text', locale)} /> {required ? <small>({t('surveys.answer.required')})</small> : <small class="muted">({t('surveys.answer.optional')})</small>}
      </legend>
      {help && <small class="muted"><T value={help} /></small>}
      {q.kind === 'multiple' && <small class="muted">{t('surveys.answer.several')}</small>}
      {inputs}
      {error && <p class="error" id={`${id}-error`}>{t(error.key, error.values)}</p>}
    </fieldset>
  );
}

export function QuestionFields(props: { questions: QuestionWithOptions[]; values: FormValues; errors: FieldErrors }) {
  const { locale } = usePage();
  return <>{props.questions.map((q) => <QuestionField q={q} values={props.values} errors={props.errors} locale={locale} />)}</>;
}

/** The window as the page's language writes it, each instant isolated in Arabic text. */
export function Window(props: { opensAt: string; closesAt: string }) {
  const { t, locale } = usePage();
  return (
    <p>
      {t('surveys.survey.opens')} <time datetime={props.opensAt}><bdi>{formatDateTime(locale, props.opensAt)}</bdi></time>
      {' '}
      {t('surveys.survey.closes')} <time datetime={props.closesAt}><bdi>{formatDateTime(locale, props.closesAt)}</bdi></time>
    </p>
  );
}
