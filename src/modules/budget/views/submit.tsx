// The citizen's project form: first a check that shows similar projects of the round, then the
// images and publication. Images are asked for at the second step only: a browser cannot keep a
// chosen file across a page, so asking earlier would make people choose them twice.
import { Form, type FormState, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { PlacePage, usePage } from '../../../platform/ui/page.tsx';
import type { RoundView } from '../presenters.ts';
import { NowLine, type Place } from './public.tsx';

export function SubmitProjectPage(props: {
  place: Place;
  round: RoundView;
  districts: [string, string][];
  state: FormState;
  similar: { title: string; status: string; href: string }[] | null;
  images: { max: number; size: number; accept: string };
}) {
  const { t } = usePage();
  const r = props.round;
  const base = `${props.place.href}/budgets/${r.id}`;
  const open = r.phase === 'submission';
  const formError = props.state.errors.form;
  const imageError = props.state.errors.images;
  const publishing = props.similar !== null;
  return (
    <PlacePage place={props.place} title={t('budget.submit.title')} trail={[[t('budget.title'), `${props.place.href}/budgets`], [r.title.text, base]]}>
      <NowLine round={r} />
      {formError && <p class="errors-summary" role="alert">{t(formError.key, formError.values)}</p>}
      {!open ? <p class="notice">{t('budget.submit.closed')}</p> : (
        <>
          <p>{t('budget.submit.intro')}</p>
          {props.similar && (
            <section aria-labelledby="similar" class="notice">
              <h2 id="similar">{props.similar.length ? t('budget.submit.similarTitle') : t('budget.submit.noSimilar')}</h2>
              {props.similar.length > 0 && (
                <>
                  <p>{t('budget.submit.similarHint')}</p>
                  <ul>{props.similar.map((s) => <li><a href={s.href} dir="auto">{s.title}</a> · {t(`budget.status.${s.status}`)}</li>)}</ul>
                </>
              )}
            </section>
          )}
          <Form action={`${base}/propose`} state={props.state} submit={publishing ? t('budget.submit.publish') : t('budget.submit.check')} enctype={publishing ? 'multipart/form-data' : undefined}>
            <input type="hidden" name="step" value={publishing ? 'publish' : 'check'} />
            <TextField name="title" label={t('budget.fields.title')} />
            <TextField name="description" multiline label={t('budget.fields.description')} />
            <TextField name="neighbourhood" label={t('budget.fields.neighbourhood')} />
            {props.districts.length > 0 && <SelectField name="district_id" label={t('budget.fields.district')} options={props.districts} blank="—" />}
            <TextField name="estimated_cost_mad" type="number" label={t('budget.fields.estimatedCost')} hint={t('budget.submit.costHint')} />
            {publishing && (
              <div class="field">
                <label for="f-images">{t('budget.fields.images')}</label>
                <small class="muted" id="f-images-hint">{t('budget.submit.imagesHint', { max: props.images.max, size: props.images.size })}</small>
                <input
                  id="f-images"
                  type="file"
                  name="images"
                  multiple
                  accept={props.images.accept}
                  aria-invalid={imageError ? 'true' : undefined}
                  aria-describedby={imageError ? 'f-images-hint f-images-error' : 'f-images-hint'}
                />
                {imageError && <p class="error" id="f-images-error">{t(imageError.key, imageError.values)}</p>}
              </div>
            )}
          </Form>
        </>
      )}
    </PlacePage>
  );
}
