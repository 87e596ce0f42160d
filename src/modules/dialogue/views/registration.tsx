// Registration pages: the citizen's (register, their status, cancel), the page of the mail's
// cancellation link, and the door list in the back office. Uncached: they show one person's
// registration and carry a CSRF token.
import type { ComponentChildren } from 'preact';
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { Form, type FormState, PostButton, TextField } from '../../../platform/ui/form.tsx';
import { Layout, PlaceCrumbs, StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { Pager, T } from '../../../platform/ui/parts.tsx';
import type { FieldError } from '../../../platform/validation.ts';

export interface Place {
  name: { text: string; lang: Locale };
  href: string;
}

export interface MeetingSummary {
  id: number;
  title: { text: string; lang: Locale };
  /** ISO instant, and as the page's language writes it in Casablanca time */
  startsAt: string;
  when: string;
  where: { text: string; lang: Locale } | null;
  online: string | null;
  href: string;
}

export interface SeatsView {
  capacity: number | null;
  confirmed: number;
  waiting: number;
}

export interface MyRegistration {
  status: 'confirmed' | 'waitlisted';
  seats: number;
  position: number | null;
}

/** A refusal's message: its date (the window's opening or closing) written in the page's way. */
function Refusal(props: { error: FieldError; formatDate: (iso: string) => string }) {
  const { t } = usePage();
  const values = { ...props.error.values };
  if (typeof values.date === 'string') values.date = props.formatDate(values.date);
  return (
    <p class="errors-summary" role="alert">
      {t(props.error.key, values)}
    </p>
  );
}

function Summary(props: { meeting: MeetingSummary }) {
  const { t } = usePage();
  const m = props.meeting;
  return (
    <dl class="facts">
      <dt>{t('dialogue.registration.meeting')}</dt>
      <dd><a href={m.href}><T value={m.title} /></a></dd>
      <dt>{t('dialogue.registration.when')}</dt>
      <dd><time datetime={m.startsAt}><bdi>{m.when}</bdi></time></dd>
      {(m.where || m.online) && (
        <>
          <dt>{t('dialogue.registration.where')}</dt>
          <dd>{m.where ? <T value={m.where} /> : <bdi dir="ltr">{m.online}</bdi>}</dd>
        </>
      )}
    </dl>
  );
}

function PublicPage(props: { place: Place; meeting: MeetingSummary; title: string; children: ComponentChildren }) {
  const { t } = usePage();
  return (
    <Layout title={`${props.title} — ${props.meeting.title.text}`}>
      <PlaceCrumbs place={props.place} trail={[[t('dialogue.registration.meetings'), `${props.place.href}/meetings`], [props.meeting.title.text, props.meeting.href]]} here={props.title} />
      <h1>{props.title}</h1>
      <Summary meeting={props.meeting} />
      {props.children}
    </Layout>
  );
}

export function SeatsLine(props: { seats: SeatsView }) {
  const { t } = usePage();
  const s = props.seats;
  if (s.capacity === null) return <p>{t('dialogue.registration.seats.noLimit', { confirmed: s.confirmed })}</p>;
  const left = Math.max(0, s.capacity - s.confirmed);
  return (
    <p class={left === 0 ? 'notice' : undefined}>
      {left === 0 ? t('dialogue.registration.seats.full', { waiting: s.waiting }) : t('dialogue.registration.seats.left', { left, capacity: s.capacity })}
    </p>
  );
}

export function RegisterPage(props: {
  place: Place;
  meeting: MeetingSummary;
  kind: 'person' | 'association';
  seats: SeatsView;
  mine: MyRegistration | null;
  closed: FieldError | null;
  state: FormState;
  maxSeats: number;
  actions: { register: string; cancel: string };
  formatDate: (iso: string) => string;
}) {
  const { t } = usePage();
  const formError = props.state.errors.form;
  const mine = props.mine;
  return (
    <PublicPage place={props.place} meeting={props.meeting} title={t('dialogue.registration.title')}>
      {formError && <Refusal error={formError} formatDate={props.formatDate} />}
      {mine ? (
        <section aria-labelledby="my-registration">
          <h2 id="my-registration">{t('dialogue.registration.yours')}</h2>
          <p class="notice">
            {mine.status === 'confirmed'
              ? t('dialogue.registration.mine.confirmed', { seats: mine.seats })
              : t('dialogue.registration.mine.waitlisted', { seats: mine.seats, position: mine.position ?? 0 })}
          </p>
          {props.closed?.key !== 'dialogue.registration.refused.started' && (
            <>
              <p>{t('dialogue.registration.cancelHint')}</p>
              <PostButton action={props.actions.cancel} label={t('dialogue.registration.cancel')} danger />
            </>
          )}
        </section>
      ) : props.closed ? (
        !formError && <Refusal error={props.closed} formatDate={props.formatDate} />
      ) : (
        <>
          <SeatsLine seats={props.seats} />
          <Form action={props.actions.register} state={props.state} submit={t('dialogue.registration.submit')}>
            {props.kind === 'association' ? (
              <TextField name="seats" type="number" label={t('dialogue.registration.seatsField')} hint={t('dialogue.registration.seatsHint', { max: props.maxSeats })} />
            ) : (
              <p>{t('dialogue.registration.onePerson')}</p>
            )}
          </Form>
        </>
      )}
    </PublicPage>
  );
}

/** The page of the mail's link: one button (a GET changes nothing: mail scanners open links). */
export function CancelLinkPage(props: {
  place: Place;
  meeting: MeetingSummary;
  state: 'confirm' | 'done' | 'nothing';
  error: FieldError | null;
  action: string;
  user: number;
  token: string;
  formatDate: (iso: string) => string;
}) {
  const { t, csrfToken } = usePage();
  return (
    <PublicPage place={props.place} meeting={props.meeting} title={t('dialogue.registration.cancelTitle')}>
      {props.error && <Refusal error={props.error} formatDate={props.formatDate} />}
      {props.state === 'done' && <p class="notice" role="status">{t('dialogue.registration.cancelled')}</p>}
      {props.state === 'nothing' && !props.error && <p>{t('dialogue.registration.refused.notRegistered')}</p>}
      {props.state === 'confirm' && (
        <form method="post" action={props.action} class="stack">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="user" value={String(props.user)} />
          <input type="hidden" name="token" value={props.token} />
          <p>{t('dialogue.registration.cancelConfirm')}</p>
          <p class="actions"><button type="submit" class="danger">{t('dialogue.registration.cancel')}</button></p>
        </form>
      )}
    </PublicPage>
  );
}

export interface DoorListView {
  place: { slug: string; name: { text: string } };
  meeting: MeetingSummary;
  seats: SeatsView;
  rows: { name: string; kind: string; seats: number; status: string; registeredAt: string; registeredIso: string }[];
  downloads: { csv: string; xlsx: string };
  firstHref: string | null;
  nextHref: string | null;
}

export function DoorListPage(props: DoorListView) {
  const { t } = usePage();
  const title = t('dialogue.registration.doorList.title');
  return (
    <StaffLayout place={props.place} title={title}>
      <Summary meeting={props.meeting} />
      <SeatsLine seats={props.seats} />
      <p>
        {t('dialogue.registration.doorList.download')} <a href={props.downloads.csv} download>CSV</a> · <a href={props.downloads.xlsx} download>XLSX</a>
      </p>
      {props.rows.length === 0 ? (
        <p class="muted">{t('dialogue.registration.doorList.none')}</p>
      ) : (
        <div class="table-wrap" role="region" tabindex={0} aria-label={title}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dialogue.registration.doorList.name')}</th>
                <th scope="col">{t('dialogue.registration.doorList.kind')}</th>
                <th scope="col">{t('dialogue.registration.doorList.seats')}</th>
                <th scope="col">{t('dialogue.registration.doorList.status')}</th>
                <th scope="col">{t('dialogue.registration.doorList.registeredAt')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <th scope="row" dir="auto">{r.name || t('dialogue.registration.doorList.deleted')}</th>
                  <td>{r.kind}</td>
                  <td><bdi>{r.seats}</bdi></td>
                  <td>{r.status}</td>
                  <td><time datetime={r.registeredIso}><bdi>{r.registeredAt}</bdi></time></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </StaffLayout>
  );
}
