// Citizens' referrals to the commission, public side: the list of referrals answered publicly
// (with the commission's counts), one such referral, the form to submit one, and the author's own
// page of a referral (status, and the answer even when private). Never the author's identity.
import type { ComponentChildren } from 'preact';
import { formatDate, isoToCasablanca } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { Form, type FormState, TextField } from '../../../platform/ui/form.tsx';
import { Layout, PlaceCrumbs, usePage } from '../../../platform/ui/page.tsx';
import { Pager } from '../../../platform/ui/parts.tsx';
import type { FieldError } from '../../../platform/validation.ts';
import type { ReferralFigures } from '../referrals.ts';

export interface Place {
  name: { text: string; lang: Locale };
  href: string;
}

/** A referral as a page shows it; dates as the page's language writes them. */
export interface ReferralView {
  id: number;
  subject: string;
  body: string;
  concerns: string | null;
  /** the day it was received (Casablanca), YYYY-MM-DD and in words */
  receivedOn: string;
  received: string;
  answeredOn: string | null;
  answered: string | null;
  answer: string | null;
}

/** A referral row (any of the reads) as the views show it. */
export function presentReferral(
  r: { id: number; subject: string; body: string; concerns: string | null; created_at: string; answered_on: string | null; answer: string | null },
  locale: Locale,
): ReferralView {
  const receivedOn = isoToCasablanca(r.created_at).slice(0, 10);
  return {
    id: r.id,
    subject: r.subject,
    body: r.body,
    concerns: r.concerns,
    receivedOn,
    received: formatDate(locale, receivedOn),
    answeredOn: r.answered_on,
    answered: r.answered_on ? formatDate(locale, r.answered_on) : null,
    answer: r.answer,
  };
}

/** `typed`: the title is the author's own text, in whatever direction they wrote it */
function Page(props: { place: Place; title: string; typed?: boolean; trail?: [string, string][]; children: ComponentChildren }) {
  const { t } = usePage();
  const trail: [string, string][] = [[t('ieecag.referrals.commission'), `${props.place.href}/ieecag`], ...(props.trail ?? [])];
  return (
    <Layout title={`${props.title} — ${props.place.name.text}`}>
      <PlaceCrumbs place={props.place} trail={trail} here={props.title} />
      <h1 dir={props.typed ? 'auto' : undefined}>{props.title}</h1>
      {props.children}
    </Layout>
  );
}

/** What was sent and when; what was answered and when. Text typed by people keeps its own
 *  direction (dir="auto"): an author may write in French on the Arabic page. */
/** What the referral is about, its dates and its text: the same on the public and staff pages. */
export function ReferralFacts({ r }: { r: ReferralView }) {
  const { t } = usePage();
  return (
    <>
      <dl class="facts">
        {r.concerns && (
          <>
            <dt>{t('ieecag.referrals.fields.concerns')}</dt>
            <dd dir="auto">{r.concerns}</dd>
          </>
        )}
        <dt>{t('ieecag.referrals.receivedOn')}</dt>
        <dd><time datetime={r.receivedOn}><bdi>{r.received}</bdi></time></dd>
        {r.answered && (
          <>
            <dt>{t('ieecag.referrals.answeredOn')}</dt>
            <dd><time datetime={r.answeredOn!}><bdi>{r.answered}</bdi></time></dd>
          </>
        )}
      </dl>
      <p class="note-body" dir="auto">{r.body}</p>
    </>
  );
}

function ReferralBody(props: { r: ReferralView; heading: 'h2' | 'none'; answerLabel: string }) {
  const r = props.r;
  return (
    <>
      {props.heading === 'h2' && <h2 id={`referral-${r.id}`} dir="auto">{r.subject}</h2>}
      <ReferralFacts r={r} />
      {r.answer && (
        <section>
          {/* under the referral's own heading: h3 in the list, h2 on its page */}
          {props.heading === 'h2' ? <h3>{props.answerLabel}</h3> : <h2>{props.answerLabel}</h2>}
          <p class="note-body" dir="auto">{r.answer}</p>
        </section>
      )}
    </>
  );
}

export function ReferralsPage(props: { place: Place; figures: ReferralFigures; referrals: ReferralView[]; newHref: string; selfHref: (id: number) => string; firstHref: string | null; nextHref: string | null }) {
  const { t } = usePage();
  const f = props.figures;
  return (
    <Page place={props.place} title={t('ieecag.referrals.title')}>
      <p>{t('ieecag.referrals.intro')}</p>
      <p class="muted">{t('ieecag.referrals.privacy')}</p>
      <p><a class="button" href={props.newHref}>{t('ieecag.referrals.submit')}</a> <small class="muted">{t('ieecag.referrals.signInFirst')}</small></p>
      <section aria-labelledby="referral-figures">
        <h2 id="referral-figures">{t('ieecag.referrals.figuresTitle')}</h2>
        <ul>
          <li>{t('ieecag.referrals.figures.received', { count: f.received })}</li>
          <li>{t('ieecag.referrals.figures.answered', { count: f.answered })}</li>
          <li>{t('ieecag.referrals.figures.answeredPublicly', { count: f.answeredPublicly })}</li>
          {f.hidden > 0 && <li>{t('ieecag.referrals.figures.hidden', { count: f.hidden })}</li>}
        </ul>
      </section>
      <section aria-labelledby="referral-list">
        <h2 id="referral-list">{t('ieecag.referrals.publicAnswers')}</h2>
        {props.referrals.length === 0 ? (
          <p class="muted">{t('ieecag.referrals.nonePublic')}</p>
        ) : (
          <ul class="proposals">
            {props.referrals.map((r) => (
              <li>
                <article aria-labelledby={`referral-${r.id}`}>
                  <ReferralBody r={r} heading="h2" answerLabel={t('ieecag.referrals.commissionAnswer')} />
                  <p><a href={props.selfHref(r.id)}>{t('ieecag.referrals.permalink')}</a></p>
                </article>
              </li>
            ))}
          </ul>
        )}
        <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
      </section>
    </Page>
  );
}

/** One referral answered publicly, as anyone reads it. */
export function PublicReferralPage(props: { place: Place; referral: ReferralView; listHref: string }) {
  const { t } = usePage();
  return (
    <Page place={props.place} title={props.referral.subject} typed trail={[[t('ieecag.referrals.title'), props.listHref]]}>
      <ReferralBody r={props.referral} heading="none" answerLabel={t('ieecag.referrals.commissionAnswer')} />
    </Page>
  );
}

export function NewReferralPage(props: { place: Place; listHref: string; action: string; state: FormState; max: number }) {
  const { t } = usePage();
  const refusal: FieldError | undefined = props.state.errors.form;
  return (
    <Page place={props.place} title={t('ieecag.referrals.newTitle')} trail={[[t('ieecag.referrals.title'), props.listHref]]}>
      <p>{t('ieecag.referrals.newIntro')}</p>
      <p class="muted">{t('ieecag.referrals.newLimit', { max: props.max })}</p>
      {refusal && <p class="errors-summary" role="alert">{t(refusal.key, refusal.values)}</p>}
      <Form action={props.action} state={props.state} submit={t('ieecag.referrals.send')}>
        <TextField name="subject" label={t('ieecag.referrals.fields.subject')} />
        <TextField name="body" label={t('ieecag.referrals.fields.body')} hint={t('ieecag.referrals.fields.bodyHint')} multiline />
        <TextField name="concerns" label={t('ieecag.referrals.fields.concernsOptional')} hint={t('ieecag.referrals.fields.concernsHint')} />
      </Form>
    </Page>
  );
}

/** The author's own page: what they sent, where it stands, the answer (private ones only here). */
export function MyReferralPage(props: {
  place: Place;
  listHref: string;
  referral: ReferralView;
  status: 'received' | 'answeredPublicly' | 'answeredPrivately' | 'hidden';
  hiddenReason: string | null;
  newHref: string;
}) {
  const { t, locale } = usePage();
  const r = props.referral;
  return (
    <Page place={props.place} title={r.subject} typed trail={[[t('ieecag.referrals.title'), props.listHref]]}>
      <p>
        <span class="status">{t(`ieecag.referrals.status.${props.status}`)}</span>
      </p>
      <p class="muted">{t(`ieecag.referrals.mine.${props.status}`)}</p>
      {props.hiddenReason && (
        <p class="notice">{t('ieecag.referrals.mine.hiddenReason')} <span dir="auto">{props.hiddenReason}</span></p>
      )}
      <ReferralBody r={r} heading="none" answerLabel={t('ieecag.referrals.commissionAnswer')} />
      <p><a href={props.newHref}>{t('ieecag.referrals.another')}</a> · <a href={`/${locale}/account`}>{t('ieecag.referrals.mySpace')}</a></p>
    </Page>
  );
}
