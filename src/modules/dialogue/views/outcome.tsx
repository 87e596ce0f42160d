// What came out of a meeting. `MeetingOutcome` is the public part, rendered after the agenda on
// the meeting's page (and alone on …/meetings/{id}/outcome); the back office records it at
// /admin/c/{slug}/meetings/{id}/record; attendees rate the meeting at …/meetings/{id}/feedback.
import type { ComponentChildren } from 'preact';
import { formatDate, formatDateTime, formatNumber, todayInCasablanca } from '../../../platform/i18n/format.ts';
import { FEEDBACK_DAYS } from '../commands/outcome.ts';
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { Form, type FormState, L10nField, PostButton, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { Layout, PlaceCrumbs, StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { T } from '../../../platform/ui/parts.tsx';
import { type L10n, pick } from '../../../platform/tenancy.ts';
import { type CommitmentModel, type Outcome, isOverdue } from '../outcome.ts';
import { attendanceFields, commitmentStatuses } from '../tables.ts';

const text = (v: L10n | null, locale: Locale) => (v ? pick(v, locale) : null);

/** The last day (Casablanca) opinions are taken, as commands/outcome.ts counts it. */
const feedbackUntil = (endsAt: string) => todayInCasablanca(new Date(Date.parse(endsAt) + FEEDBACK_DAYS * 86_400_000));

/** A number isolated from the text around it (Arabic is right to left, digits left to right). */
const Num = (props: { n: number }) => {
  const { locale } = usePage();
  return <bdi>{formatNumber(locale, props.n)}</bdi>;
};

/** Text typed by staff, kept with its line breaks (paragraphs). */
function Paragraphs(props: { value: { text: string; lang: Locale } }) {
  const { locale } = usePage();
  const own = props.value.lang !== locale;
  return (
    <div class="body" lang={own ? props.value.lang : undefined} dir={own ? (props.value.lang === 'ar' ? 'rtl' : 'ltr') : undefined}>
      {props.value.text.split(/\n{2,}/).map((p) => <p>{p}</p>)}
    </div>
  );
}

export interface OutcomeLinks {
  /** the collectivity's public base, /{locale}/c/{slug} */
  base: string;
  /** today in Casablanca (YYYY-MM-DD): overdue commitments, whether feedback is open */
  today: string;
}

/** The public record of a meeting after it took place; nothing when there is nothing yet. */
export function MeetingOutcome(props: { outcome: Outcome } & OutcomeLinks) {
  const { t, locale } = usePage();
  const o = props.outcome;
  const href = `${props.base}/meetings/${o.meetingId}`;
  const ended = props.today >= todayInCasablanca(new Date(o.endsAt));
  const nothing = !o.attendance && !o.minutes && !o.minutesFile && !o.questions && o.photos.length === 0 && o.commitments.length === 0 && o.feedback.count === 0;
  if (o.status === 'cancelled' || (nothing && !ended)) return null;
  return (
    <section class="meeting-outcome" aria-labelledby="outcome">
      <h2 id="outcome">{t('dialogue.outcome.title')}</h2>
      {o.isExample && <p class="notice">{t('dialogue.outcome.example')}</p>}
      {o.attendance ? <AttendanceFigures attendance={o.attendance} /> : <p class="muted">{t('dialogue.outcome.notRecorded')}</p>}
      {(o.minutes || o.minutesFile) && (
        <section aria-labelledby="outcome-minutes">
          <h3 id="outcome-minutes">{t('dialogue.outcome.minutes')}</h3>
          {o.minutes && <Paragraphs value={text(o.minutes, locale)!} />}
          {o.minutesFile && (
            <p>
              <a href={`${href}/minutes.pdf`} download>{t('dialogue.outcome.minutesPdf')}</a>{' '}
              <span class="muted">({t('dialogue.outcome.kilobytes', { kb: Math.max(1, Math.round(o.minutesFile.size / 1024)) })})</span>
            </p>
          )}
        </section>
      )}
      {o.photos.length > 0 && (
        <section aria-labelledby="outcome-photos">
          <h3 id="outcome-photos">{t('dialogue.outcome.photos', { count: o.photos.length })}</h3>
          <ul class="plain budget-images">
            {o.photos.map((p, i) => {
              const caption = text(p.caption, locale);
              return (
                <li>
                  <figure>
                    <a href={`${href}/photos/${p.id}`}>
                      <img src={`${href}/photos/${p.id}`} alt={caption?.text ?? t('dialogue.outcome.photoAlt', { n: i + 1 })} loading="lazy" width={240} height={160} />
                    </a>
                    {caption && <figcaption><T value={caption} /></figcaption>}
                  </figure>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {o.questions && (
        <section aria-labelledby="outcome-questions">
          <h3 id="outcome-questions">{t('dialogue.outcome.questions')}</h3>
          <Paragraphs value={text(o.questions, locale)!} />
        </section>
      )}
      {o.commitments.length > 0 && (
        <section aria-labelledby="outcome-commitments">
          <h3 id="outcome-commitments">{t('dialogue.outcome.commitments', { count: o.commitments.length })}</h3>
          <ul class="late-items">
            {o.commitments.map((c) => <CommitmentItem commitment={c} base={props.base} today={props.today} />)}
          </ul>
        </section>
      )}
      <section aria-labelledby="outcome-feedback">
        <h3 id="outcome-feedback">{t('dialogue.outcome.feedback')}</h3>
        {o.feedback.count === 0 || o.feedback.mean === null ? (
          <p class="muted">{t('dialogue.outcome.noFeedback')}</p>
        ) : (
          <FeedbackResult count={o.feedback.count} mean={o.feedback.mean} />
        )}
        {ended && props.today <= feedbackUntil(o.endsAt) && <p><a href={`${href}/feedback`}>{t('dialogue.outcome.giveFeedback')}</a></p>}
      </section>
    </section>
  );
}

function FeedbackResult(props: { count: number; mean: number }) {
  const { t, locale } = usePage();
  return <p>{t('dialogue.outcome.feedbackResult', { count: props.count })} <bdi>{formatNumber(locale, props.mean)} / 5</bdi></p>;
}

export function AttendanceFigures(props: { attendance: Record<string, number | null> }) {
  const { t, locale } = usePage();
  const a = props.attendance;
  const total = a.total ?? 0;
  const share = a.women !== null && total > 0 ? Math.round((a.women / total) * 1000) / 10 : null;
  const rows = attendanceFields.filter((f) => f !== 'total' && a[f] !== null);
  return (
    <div class="stat-block">
      <p>
        {t('dialogue.outcome.attended', { count: total })}
        {share !== null && <> {t('dialogue.outcome.womenShare', { women: a.women! })} <bdi>({formatNumber(locale, share)} %)</bdi>.</>}
      </p>
      {rows.length > 0 && (
        <div class="table-wrap" role="region" aria-label={t('dialogue.outcome.attendance')} tabindex={0}>
          <table>
            <caption>{t('dialogue.outcome.attendance')}</caption>
            <tbody>
              {rows.map((f) => (
                <tr>
                  <th scope="row">{t(`dialogue.outcome.field.${f}`)}</th>
                  <td><Num n={a[f]!} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="muted">{t('dialogue.outcome.onlineCounted')}</p>
    </div>
  );
}

function CommitmentItem(props: { commitment: CommitmentModel; base: string; today: string }) {
  const { t, locale } = usePage();
  const c = props.commitment;
  const overdue = isOverdue(c, props.today);
  const who = text(c.who, locale);
  const followUp = text(c.followUp, locale);
  return (
    <li id={`commitment-${c.id}`}>
      <p><strong><T value={pick(c.what, locale)} /></strong></p>
      <p class="muted">
        {who && <>{t('dialogue.outcome.who')}: <T value={who} /> · </>}
        {c.dueOn && <>{t('dialogue.outcome.dueOn')} <bdi>{formatDate(locale, c.dueOn)}</bdi> · </>}
        <span class={`status ${c.status === 'done' ? 'done' : overdue ? 'late' : ''}`}>{t(`dialogue.outcome.status.${c.status}`)}</span>
        {overdue && <> · <span class="status late">{t('dialogue.outcome.overdue')}</span></>}
        {c.closedOn && <> · {t('dialogue.outcome.closedOn')} <bdi>{formatDate(locale, c.closedOn)}</bdi></>}
      </p>
      {followUp && <p><T value={followUp} /></p>}
      {c.activityId !== null && <p><a href={`${props.base}/programme/activities/${c.activityId}`}>{t('dialogue.outcome.becameActivity')}</a></p>}
    </li>
  );
}

export interface MeetingHeader {
  id: number;
  title: { text: string; lang: Locale };
  startsAt: string;
  status: string;
}

/** The outcome alone, as a public page of its own. */
/** Rate a meeting: the form, or why it cannot be rated now. */
export function FeedbackPage(props: {
  place: { name: { text: string; lang: Locale }; href: string };
  meeting: MeetingHeader;
  base: string;
  /** an i18n key when the person may not rate it */
  refusal: string | null;
  already: boolean;
  state: FormState;
}) {
  const { t } = usePage();
  const meetingHref = `${props.base}/meetings/${props.meeting.id}`;
  const ratings: [string, string][] = [1, 2, 3, 4, 5].map((n) => [String(n), t('dialogue.outcome.ratingLabel', { n })]);
  return (
    <Layout title={t('dialogue.outcome.feedbackTitle')}>
      <PlaceCrumbs place={props.place} trail={[[props.meeting.title.text, meetingHref]]} here={t('dialogue.outcome.feedbackTitle')} />
      <h1>{t('dialogue.outcome.feedbackTitle')}</h1>
      <p><T value={props.meeting.title} /></p>
      {props.refusal ? (
        <p class="notice" role="status">{t(props.refusal)}</p>
      ) : (
        <>
          <p class="muted">{props.already ? t('dialogue.outcome.feedbackAgain') : t('dialogue.outcome.feedbackHint')}</p>
          <Form action={`${meetingHref}/feedback`} state={props.state} submit={t('dialogue.outcome.sendFeedback')}>
            <SelectField name="rating" label={t('dialogue.outcome.rating')} options={ratings} blank="—" />
            <TextField name="comment" multiline label={t('dialogue.outcome.comment')} hint={t('dialogue.outcome.commentHint')} />
          </Form>
        </>
      )}
      <p><a href={meetingHref}>{t('dialogue.outcome.backToMeeting')}</a></p>
    </Layout>
  );
}

// --- back office ------------------------------------------------------------------------------

export type RecordForms = {
  record: FormState;
  minutesFile: FormState;
  photos: FormState;
  commitment: FormState;
};

function FileField(props: { name: string; label: string; accept: string; multiple?: boolean; state: FormState; hint?: string }) {
  const { t } = usePage();
  const error = props.state.errors[props.name];
  const id = `f-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint && <small class="muted">{props.hint}</small>}
      <input id={id} type="file" name={props.name} accept={props.accept} multiple={props.multiple} required aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error && <p class="error" id={`${id}-error`}>{t(error.key, error.values)}</p>}
    </div>
  );
}

function Part(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

function CommitmentFields() {
  const { t } = usePage();
  return (
    <>
      <L10nField name="what" label={t('dialogue.outcome.what')} multiline />
      <L10nField name="who" label={t('dialogue.outcome.who')} />
      <TextField name="due_on" type="date" label={t('dialogue.outcome.due')} />
      <SelectField name="status" label={t('dialogue.outcome.statusLabel')} blank="—" options={commitmentStatuses.map((s) => [s, t(`dialogue.outcome.status.${s}`)])} />
      <L10nField name="follow_up" label={t('dialogue.outcome.followUp')} multiline />
    </>
  );
}

export function RecordPage(props: {
  place: { slug: string; name: { text: string } };
  meeting: MeetingHeader;
  publicHref: string;
  outcome: Outcome;
  comments: { rating: number; comment: string; date: string }[];
  forms: RecordForms;
  limits: { pdfMb: number; photoMb: number; maxPhotos: number; pdfAccept: string; photoAccept: string };
  today: string;
}) {
  const { t, locale } = usePage();
  const base = `/admin/c/${props.place.slug}/meetings/${props.meeting.id}/record`;
  const o = props.outcome;
  const held = o.status === 'held';
  return (
    <StaffLayout place={props.place} title={t('dialogue.outcome.recordTitle')} trail={[[props.meeting.title.text, `/admin/c/${props.place.slug}/meetings/${props.meeting.id}`]]}>
      <p><T value={props.meeting.title} /> — {formatDateTime(locale, props.meeting.startsAt)} — {t(`dialogue.outcome.meetingStatus.${props.meeting.status}`)}</p>
      <p><a href={props.publicHref}>{t('dialogue.outcome.publicPage')}</a></p>

      <Part id="r-record" title={t('dialogue.outcome.attendanceAndMinutes')}>
        <p class="muted">{t('dialogue.outcome.recordHint')}</p>
        <Form action={base} state={props.forms.record} submit={t('dialogue.outcome.save')}>
          <fieldset>
            <legend>{t('dialogue.outcome.attendance')}</legend>
            {attendanceFields.map((f) => <TextField name={`attendance_${f}`} type="number" label={t(`dialogue.outcome.field.${f}`)} />)}
          </fieldset>
          <L10nField name="minutes" label={t('dialogue.outcome.minutes')} multiline />
          <L10nField name="questions" label={t('dialogue.outcome.questions')} multiline />
        </Form>
      </Part>

      <Part id="r-minutes-file" title={t('dialogue.outcome.minutesPdf')}>
        {o.minutesFile && <p>{t('dialogue.outcome.currentFile', { name: o.minutesFile.name })}</p>}
        <Form action={`${base}/minutes-file`} state={props.forms.minutesFile} submit={t('dialogue.outcome.upload')} enctype="multipart/form-data">
          <FileField name="minutes_file" label={t('dialogue.outcome.pdfFile')} accept={props.limits.pdfAccept} state={props.forms.minutesFile} hint={t('dialogue.outcome.pdfHint', { max: props.limits.pdfMb })} />
        </Form>
      </Part>

      <Part id="r-photos" title={t('dialogue.outcome.photos', { count: o.photos.length })}>
        {o.photos.length > 0 && (
          <ul class="plain budget-images">
            {o.photos.map((p, i) => (
              <li>
                <img src={`/${locale}/c/${props.place.slug}/meetings/${props.meeting.id}/photos/${p.id}`} alt={t('dialogue.outcome.photoAlt', { n: i + 1 })} width={120} height={80} loading="lazy" />
                <PostButton action={`${base}/photos/${p.id}/delete`} label={t('dialogue.outcome.deletePhoto')} danger />
              </li>
            ))}
          </ul>
        )}
        {o.photos.length < props.limits.maxPhotos && (
          <Form action={`${base}/photos`} state={props.forms.photos} submit={t('dialogue.outcome.upload')} enctype="multipart/form-data">
            <FileField name="photos" label={t('dialogue.outcome.photoFiles')} accept={props.limits.photoAccept} multiple state={props.forms.photos} hint={t('dialogue.outcome.photoHint', { max: props.limits.photoMb, count: props.limits.maxPhotos })} />
            <L10nField name="caption" label={t('dialogue.outcome.caption')} />
          </Form>
        )}
      </Part>

      <Part id="r-commitments" title={t('dialogue.outcome.commitments', { count: o.commitments.length })}>
        {o.commitments.length > 0 && (
          <ul class="late-items">
            {o.commitments.map((c) => (
              <li id={`commitment-${c.id}`}>
                <p><T value={pick(c.what, locale)} /></p>
                <p class="muted">
                  {t(`dialogue.outcome.status.${c.status}`)}
                  {isOverdue(c, props.today) && <> · {t('dialogue.outcome.overdue')}</>}
                  {c.activityId !== null && <> · <a href={`/${locale}/c/${props.place.slug}/programme/activities/${c.activityId}`}>{t('dialogue.outcome.becameActivity')}</a></>}
                  {' · '}<a href={`${base}/commitments/${c.id}`}>{t('dialogue.outcome.editCommitment')}</a>
                </p>
              </li>
            ))}
          </ul>
        )}
        <h3>{t('dialogue.outcome.newCommitment')}</h3>
        {held ? (
          <Form action={`${base}/commitments`} state={props.forms.commitment} submit={t('dialogue.outcome.addCommitment')}>
            <CommitmentFields />
          </Form>
        ) : (
          <p class="muted">{t('dialogue.outcome.errors.recordFirst')}</p>
        )}
      </Part>

      <Part id="r-feedback" title={t('dialogue.outcome.feedback')}>
        {o.feedback.count === 0 || o.feedback.mean === null ? (
          <p class="muted">{t('dialogue.outcome.noFeedback')}</p>
        ) : (
          <FeedbackResult count={o.feedback.count} mean={o.feedback.mean} />
        )}
        {props.comments.length > 0 && (
          <ul>
            {props.comments.map((c) => (
              <li><bdi>{c.rating}/5</bdi> · {c.date} · <span dir="auto">{c.comment}</span></li>
            ))}
          </ul>
        )}
      </Part>
    </StaffLayout>
  );
}

/** One commitment: its text, due date, status and follow-up; and "make it a programme activity". */
export function CommitmentPage(props: {
  place: { slug: string; name: { text: string } };
  meeting: MeetingHeader;
  commitment: CommitmentModel;
  /** the current programme's projects it can become an activity of */
  projects: [string, string][];
  forms: { edit: FormState; activity: FormState };
  today: string;
}) {
  const { t, locale } = usePage();
  const c = props.commitment;
  const record = `/admin/c/${props.place.slug}/meetings/${props.meeting.id}/record`;
  const base = `${record}/commitments/${c.id}`;
  return (
    <StaffLayout place={props.place} title={t('dialogue.outcome.editCommitment')} trail={[[props.meeting.title.text, record]]}>
      <p><strong><T value={pick(c.what, locale)} /></strong></p>
      <p class="muted">
        {t(`dialogue.outcome.status.${c.status}`)}
        {isOverdue(c, props.today) && <> · {t('dialogue.outcome.overdue')}</>}
        {c.closedOn && <> · {t('dialogue.outcome.closedOn')} <bdi>{formatDate(locale, c.closedOn)}</bdi></>}
      </p>
      <Form action={base} state={props.forms.edit} submit={t('dialogue.outcome.save')}>
        <CommitmentFields />
      </Form>
      <Part id="c-activity" title={t('dialogue.outcome.makeActivity')}>
        {c.activityId !== null ? (
          <p><a href={`/${locale}/c/${props.place.slug}/programme/activities/${c.activityId}`}>{t('dialogue.outcome.becameActivity')}</a></p>
        ) : props.projects.length === 0 ? (
          <p class="muted">{t('dialogue.outcome.noProgramme')}</p>
        ) : (
          <>
            <p class="muted">{t('dialogue.outcome.makeActivityHint')}</p>
            <Form action={`${base}/activity`} state={props.forms.activity} submit={t('dialogue.outcome.makeActivity')}>
              <SelectField name="project_id" label={t('dialogue.outcome.activityProject')} options={props.projects} blank="—" />
            </Form>
          </>
        )}
      </Part>
    </StaffLayout>
  );
}
