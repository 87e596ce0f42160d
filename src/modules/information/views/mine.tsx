// The requester's own page of a request (uncached, the requester only): everything the register
// shows, plus the details they wrote and the answer even when it is not published, and the
// complaint to the head of the administration while the law allows it (art. 19).
import { Form, type FormState } from '../../../platform/ui/form.tsx';
import { Layout, PlaceCrumbs, usePage } from '../../../platform/ui/page.tsx';
import type { PlaceView } from './request-form.tsx';
import { Answer, RequestFacts, type RequestView, Trail } from './request-parts.tsx';

export function MineRequestPage(props: { place: PlaceView; r: RequestView; complaint: { action: string; state: FormState; lastDay: string } | null }) {
  const { t, locale } = usePage();
  const r = props.r;
  return (
    <Layout title={r.subject}>
      <PlaceCrumbs place={props.place} trail={[[t('information.title'), `${props.place.href}/information`], [t('information.mine.title'), `/${locale}/account`]]} here={r.subject} />
      <h1>{r.subject}</h1>
      <p class="muted">{t('information.mine.onlyYou')}</p>
      <RequestFacts r={r} />
      <section aria-labelledby="details">
        <h2 id="details">{t('information.request.fields.details')}</h2>
        <p class="body">{r.details}</p>
      </section>
      <Answer r={r} />
      <Trail steps={r.trail} />
      {props.complaint && (
        <section aria-labelledby="complaint">
          <h2 id="complaint">{t('information.mine.complaintTitle')}</h2>
          <p>{t('information.mine.complaintIntro', { date: props.complaint.lastDay })}</p>
          <Form action={props.complaint.action} state={props.complaint.state} submit={t('information.mine.complaintSubmit')}>
            {props.complaint.state.errors.form && <p class="error">{t(props.complaint.state.errors.form.key)}</p>}
          </Form>
        </section>
      )}
    </Layout>
  );
}
