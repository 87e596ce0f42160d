// The citizen's proposal form: first a check that shows similar proposals, then publication.
import { Form, type FormState, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { Breadcrumbs, Layout, usePage } from '../../../platform/ui/page.tsx';
import { T } from '../../../platform/ui/parts.tsx';
import type { Place, Text } from './public.tsx';

export function SubmitPage(props: {
  place: Place;
  /** the form's address (it keeps the call it was opened from) */
  action: string;
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
          <Form action={props.action} state={props.state} submit={props.similar ? t('cocreation.submit.publish') : t('cocreation.submit.check')}>
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

/** Supporting: the form to support, or (already supporting) "you support this" and the form to
 *  withdraw; an author reads that their own proposal cannot be supported. */
export function SupportPage(props: { place: Place; proposal: { title: string; lang: string; href: string }; supporting: boolean; own: boolean; open: boolean }) {
  const { t, locale, csrfToken } = usePage();
  return (
    <Layout title={t('cocreation.support.title')}>
      <Breadcrumbs items={[[t('programme.network'), `/${locale}/`], [props.place.name.text, props.place.href], [t('cocreation.proposalsTitle'), `${props.place.href}/proposals`], [t('cocreation.support.title')]]} />
      <h1>{t('cocreation.support.title')}</h1>
      <p><a href={props.proposal.href} lang={props.proposal.lang}>{props.proposal.title}</a></p>
      {props.own ? (
        <p class="notice">{t('cocreation.support.own')}</p>
      ) : props.supporting ? (
        <>
          <p><span class="status done">✓ {t('cocreation.support.youSupport')}</span></p>
          {props.open && (
            <form method="post" action={`${props.proposal.href}/support`}>
              <input type="hidden" name="_csrf" value={csrfToken} />
              <input type="hidden" name="support" value="0" />
              <button type="submit" class="secondary">{t('cocreation.support.withdraw')}</button>
            </form>
          )}
        </>
      ) : props.open ? (
        <>
          <p>{t('cocreation.support.explain')}</p>
          <form method="post" action={`${props.proposal.href}/support`}>
            <input type="hidden" name="_csrf" value={csrfToken} />
            <input type="hidden" name="support" value="1" />
            <button type="submit">{t('cocreation.support.confirm')}</button>
          </form>
        </>
      ) : (
        <p>{t('cocreation.support.closed')}</p>
      )}
      <p><a href={props.proposal.href}>{t('cocreation.support.back')}</a></p>
    </Layout>
  );
}

/** The page of a mail's unsubscribe link: one button, no login (the link is signed). */
export function UnsubscribePage(props: { place: Place; proposal: { title: string; lang: string; href: string }; action: string; user: number; token: string; done: boolean }) {
  const { t, locale, csrfToken } = usePage();
  return (
    <Layout title={t('cocreation.unsubscribe.title')}>
      <Breadcrumbs items={[[t('programme.network'), `/${locale}/`], [props.place.name.text, props.place.href], [t('cocreation.unsubscribe.title')]]} />
      <h1>{t('cocreation.unsubscribe.title')}</h1>
      <p><a href={props.proposal.href} lang={props.proposal.lang}>{props.proposal.title}</a></p>
      {props.done ? (
        <p role="status">{t('cocreation.unsubscribe.done')}</p>
      ) : (
        <>
          <p>{t('cocreation.unsubscribe.explain')}</p>
          <form method="post" action={props.action}>
            <input type="hidden" name="_csrf" value={csrfToken} />
            <input type="hidden" name="user" value={String(props.user)} />
            <input type="hidden" name="token" value={props.token} />
            <button type="submit">{t('cocreation.unsubscribe.confirm')}</button>
          </form>
        </>
      )}
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
