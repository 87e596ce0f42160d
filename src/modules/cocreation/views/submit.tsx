// The citizen's proposal form: first a check that shows similar proposals, then publication.
import { Form, type FormState, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { Breadcrumbs, Layout, usePage } from '../../../platform/ui/page.tsx';
import { T } from '../../../platform/ui/parts.tsx';
import type { Place, Text } from './public.tsx';

export function SubmitPage(props: {
  place: Place;
  call: { title: Text; window: string; href: string } | null;
  state: FormState;
  axes: [string, string][];
  similar: { title: string; lang: string; href: string; status: string }[] | null;
  message?: string;
  closedMessage?: string;
}) {
  const { t, locale } = usePage();
  const title = t('cocreation.submit.title');
  return (
    <Layout title={title}>
      <Breadcrumbs items={[[t('programme.network'), `/${locale}/`], [props.place.name.text, props.place.href], [t('cocreation.proposalsTitle'), `${props.place.href}/proposals`], [title]]} />
      <h1>{title}</h1>
      {props.message && <p class="errors-summary" role="alert">{props.message}</p>}
      {!props.call ? (
        <p class="notice">{t('cocreation.submit.noOpenCall')} {props.closedMessage}</p>
      ) : (
        <>
          <p><a href={props.call.href}><T value={props.call.title} /></a> · {props.call.window}</p>
          {props.similar && (
            <section aria-labelledby="similar" class="notice">
              <h2 id="similar">{props.similar.length ? t('cocreation.submit.similarTitle') : t('cocreation.submit.noSimilar')}</h2>
              {props.similar.length > 0 && (
                <>
                  <p>{t('cocreation.submit.similarHint')}</p>
                  <ul>{props.similar.map((s) => <li><a href={s.href} lang={s.lang}>{s.title}</a> · {t(`cocreation.status.${s.status}`)}</li>)}</ul>
                </>
              )}
            </section>
          )}
          <Form action={`${props.place.href}/proposals/new`} state={props.state} submit={props.similar ? t('cocreation.submit.publish') : t('cocreation.submit.check')}>
            <input type="hidden" name="step" value={props.similar ? 'publish' : 'check'} />
            <TextField name="title" label={t('programme.fields.title')} />
            <TextField name="body" label={t('cocreation.admin.text')} multiline />
            <SelectField name="axis_id" label={t('programme.fields.axis')} options={props.axes} blank="—" />
          </Form>
        </>
      )}
    </Layout>
  );
}

export function SupportPage(props: { place: Place; proposal: { title: string; lang: string; href: string } }) {
  const { t, locale, csrfToken } = usePage();
  return (
    <Layout title={t('cocreation.support.title')}>
      <Breadcrumbs items={[[t('programme.network'), `/${locale}/`], [props.place.name.text, props.place.href], [t('cocreation.proposalsTitle'), `${props.place.href}/proposals`], [t('cocreation.support.title')]]} />
      <h1>{t('cocreation.support.title')}</h1>
      <p><a href={props.proposal.href} lang={props.proposal.lang}>{props.proposal.title}</a></p>
      <p>{t('cocreation.support.explain')}</p>
      <form method="post" action={`${props.proposal.href}/support`}>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <button type="submit">{t('cocreation.support.confirm')}</button>
      </form>
    </Layout>
  );
}

export function FollowPage(props: { place: Place; proposal: { title: string; lang: string; href: string }; following: boolean }) {
  const { t, locale, csrfToken } = usePage();
  return (
    <Layout title={t('cocreation.follow.title')}>
      <Breadcrumbs items={[[t('programme.network'), `/${locale}/`], [props.place.name.text, props.place.href], [t('cocreation.proposalsTitle'), `${props.place.href}/proposals`], [t('cocreation.follow.title')]]} />
      <h1>{t('cocreation.follow.title')}</h1>
      <p><a href={props.proposal.href} lang={props.proposal.lang}>{props.proposal.title}</a></p>
      <p>{t(props.following ? 'cocreation.follow.youFollow' : 'cocreation.follow.explain')}</p>
      <form method="post" action={`${props.proposal.href}/follow`}>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <input type="hidden" name="follow" value={props.following ? '0' : '1'} />
        <button type="submit">{t(props.following ? 'cocreation.follow.stop' : 'cocreation.follow.confirm')}</button>
      </form>
    </Layout>
  );
}
