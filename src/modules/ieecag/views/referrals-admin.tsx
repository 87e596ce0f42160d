// Back office of citizens' referrals: the list (newest first, by status) and a referral's page
// with the commission's answer form (public or private) and the moderators' hide form. Staff do
// not see who sent a referral either: the commission answers the matter, the platform mails the
// author.
import { Form, type FormState, TextField } from '../../../platform/ui/form.tsx';
import { StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { Pager } from '../../../platform/ui/parts.tsx';
import { answerVisibilities } from '../referral-schema.ts';
import type { ReferralFigures } from '../referrals.ts';
import { referralStatuses } from '../tables.ts';
import { ReferralFacts, type ReferralView } from './referrals.tsx';

export interface AdminPlace {
  slug: string;
  name: { text: string };
}

export type ReferralState = 'received' | 'answeredPublicly' | 'answeredPrivately' | 'hidden';

export interface AdminReferralRow {
  id: number;
  subject: string;
  state: ReferralState;
  received: string;
  receivedOn: string;
}

export function ReferralsAdminPage(props: {
  place: AdminPlace;
  status: string | undefined;
  figures: ReferralFigures;
  rows: AdminReferralRow[];
  publicHref: string;
  firstHref: string | null;
  nextHref: string | null;
}) {
  const { t } = usePage();
  const base = `/admin/c/${props.place.slug}/ieecag/referrals`;
  const filters: [string | undefined, string][] = [[undefined, t('ieecag.referrals.admin.all')], ...referralStatuses.map((s): [string, string] => [s, t(`ieecag.referrals.admin.filter.${s}`)])];
  return (
    <StaffLayout place={props.place} title={t('ieecag.referrals.admin.title')}>
      <p><a href={props.publicHref}>{t('ieecag.referrals.admin.publicPage')}</a></p>
      <p>
        {t('ieecag.referrals.figures.received', { count: props.figures.received })} · {t('ieecag.referrals.figures.answered', { count: props.figures.answered })}
      </p>
      <nav class="sections" aria-label={t('ieecag.referrals.admin.filterLabel')}>
        {filters.map(([s, label]) =>
          s === props.status ? <span aria-current="page">{label}</span> : <a href={s ? `${base}?status=${s}` : base}>{label}</a>,
        )}
      </nav>
      {props.rows.length === 0 ? (
        <p class="muted">{t('ieecag.referrals.admin.none')}</p>
      ) : (
        <ul class="proposals">
          {props.rows.map((r) => (
            <li>
              <a href={`${base}/${r.id}`} dir="auto">{r.subject}</a>
              <p class="muted">
                <span class="status">{t(`ieecag.referrals.status.${r.state}`)}</span> · <time datetime={r.receivedOn}><bdi>{r.received}</bdi></time>
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </StaffLayout>
  );
}

/** The choice between publishing the answer with the referral and answering privately. */
function VisibilityField(props: { state: FormState; hidden: boolean }) {
  const { t } = usePage();
  const error = props.state.errors.visibility;
  const value = props.state.values.visibility;
  return (
    <fieldset aria-describedby={error ? 'f-visibility-error' : undefined}>
      <legend>{t('ieecag.referrals.admin.visibility')}</legend>
      {answerVisibilities.map((v) => (
        <label class="check">
          <input type="radio" name="visibility" value={v} checked={value === v} required disabled={v === 'public' && props.hidden} /> {t(`ieecag.referrals.admin.visibilityOption.${v}`)}
        </label>
      ))}
      {props.hidden && <small class="muted">{t('ieecag.referrals.admin.hiddenPrivateOnly')}</small>}
      {error && <p class="error" id="f-visibility-error">{t(error.key, error.values)}</p>}
    </fieldset>
  );
}

export function ReferralAdminPage(props: {
  place: AdminPlace;
  referral: ReferralView;
  state: ReferralState;
  hiddenReason: string | null;
  publicHref: string | null;
  canAnswer: boolean;
  canModerate: boolean;
  answer: FormState;
  hide: FormState;
}) {
  const { t } = usePage();
  const r = props.referral;
  const base = `/admin/c/${props.place.slug}/ieecag/referrals`;
  const hidden = props.state === 'hidden';
  return (
    <StaffLayout place={props.place} title={t('ieecag.referrals.admin.referralTitle', { id: r.id })} trail={[[t('ieecag.referrals.admin.title'), base]]}>
      <p>
        <span class="status">{t(`ieecag.referrals.status.${props.state}`)}</span>
        {props.publicHref && <> · <a href={props.publicHref}>{t('ieecag.referrals.admin.publicPage')}</a></>}
      </p>
      {hidden && props.hiddenReason && <p class="notice">{t('ieecag.referrals.mine.hiddenReason')} <span dir="auto">{props.hiddenReason}</span></p>}
      <h2 dir="auto">{r.subject}</h2>
      <ReferralFacts r={r} />
      {props.canAnswer && (
        <section aria-labelledby="a-answer">
          <h2 id="a-answer">{r.answer ? t('ieecag.referrals.admin.changeAnswer') : t('ieecag.referrals.admin.answerTitle')}</h2>
          <p class="muted">{t('ieecag.referrals.admin.answerHint')}</p>
          <Form action={`${base}/${r.id}/answer`} state={props.answer} submit={t('ieecag.referrals.admin.sendAnswer')}>
            <TextField name="answer" label={t('ieecag.referrals.answer')} multiline />
            <VisibilityField state={props.answer} hidden={hidden} />
          </Form>
        </section>
      )}
      {!props.canAnswer && r.answer && (
        <section aria-labelledby="a-answer">
          <h2 id="a-answer">{t('ieecag.referrals.commissionAnswer')}</h2>
          <p class="note-body" dir="auto">{r.answer}</p>
        </section>
      )}
      {props.canModerate && !hidden && (
        <section aria-labelledby="a-hide">
          <h2 id="a-hide">{t('ieecag.referrals.admin.hideTitle')}</h2>
          <p class="muted">{t('ieecag.referrals.admin.hideHint')}</p>
          <Form action={`${base}/${r.id}/hide`} state={props.hide} submit={t('ieecag.referrals.admin.hide')}>
            <TextField name="reason" label={t('ieecag.referrals.admin.hideReason')} multiline />
          </Form>
        </section>
      )}
    </StaffLayout>
  );
}
