// The request forms: a citizen's (public, uncached, with what becomes public said plainly before
// the fields) and the desk's (staff filing a paper, mail, e-mail or Chafafiya request).
import { CheckboxesField, Form, type FormState, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { Layout, PlaceCrumbs, StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { T } from '../../../platform/ui/parts.tsx';
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { deliveries } from '../model.ts';
import { deskChannels, languages, urgentGrounds } from '../schema.ts';

export interface PlaceView {
  slug: string;
  name: { text: string; lang: Locale };
  href: string;
}

function RequestFields() {
  const { t } = usePage();
  return (
    <>
      <TextField name="subject" label={t('information.request.fields.subject')} hint={t('information.request.subjectHint')} />
      <TextField name="details" label={t('information.request.fields.details')} hint={t('information.request.detailsHint')} multiline />
      <SelectField name="delivery" label={t('information.request.fields.delivery')} blank={t('information.request.choose')} options={deliveries.map((d) => [d, t(`information.delivery.${d}`)])} />
      <SelectField name="language" label={t('information.request.fields.language')} blank={t('information.request.choose')} options={languages.map((l) => [l, t(`information.request.languages.${l}`)])} />
      <CheckboxesField name="urgent" label={t('information.request.fields.urgent')} options={[['1', t('information.request.urgentBox')]]} />
      <SelectField name="urgent_ground" label={t('information.request.fields.urgentGround')} blank={t('information.request.noGround')} options={urgentGrounds.map((g) => [g, t(`information.request.grounds.${g}`)])} />
    </>
  );
}

export function CitizenRequestPage(props: { place: PlaceView; action: string; state: FormState; dailyLimit: number; answerDays: number; urgentDays: number }) {
  const { t } = usePage();
  const title = t('information.request.title');
  return (
    <Layout title={title}>
      <PlaceCrumbs place={props.place} trail={[[t('information.title'), `${props.place.href}/information`]]} here={title} />
      <h1>{title}</h1>
      <p><T value={props.place.name} /> · {t('information.law')}</p>
      <section class="notice" aria-labelledby="what-public">
        <h2 id="what-public">{t('information.request.privacyTitle')}</h2>
        <p>{t('information.request.publicPart')}</p>
        <p>{t('information.request.privatePart')}</p>
      </section>
      <p>{t('information.request.deadlines', { days: props.answerDays, urgent: props.urgentDays })}</p>
      <p class="muted">{t('information.request.limit', { max: props.dailyLimit })}</p>
      <Form action={props.action} state={props.state} submit={t('information.request.submit')}>
        <RequestFields />
      </Form>
    </Layout>
  );
}

export function DeskRequestPage(props: { place: { slug: string; name: { text: string } }; action: string; state: FormState }) {
  const { t } = usePage();
  return (
    <StaffLayout place={props.place} title={t('information.desk.title')} trail={[[t('information.admin.title'), `/admin/c/${props.place.slug}/information`]]}>
      <p>{t('information.desk.intro')}</p>
      <Form action={props.action} state={props.state} submit={t('information.desk.submit')}>
        <SelectField name="channel" label={t('information.request.fields.channel')} blank={t('information.request.choose')} options={deskChannels.map((c) => [c, t(`information.channel.${c}`)])} />
        <TextField name="received_on" type="date" label={t('information.request.fields.received')} />
        <fieldset>
          <legend>{t('information.desk.requester')}</legend>
          <p class="muted">{t('information.desk.requesterPrivate')}</p>
          <TextField name="requester_name" label={t('information.desk.fields.name')} autocomplete="off" />
          <TextField name="requester_contact" label={t('information.desk.fields.contact')} autocomplete="off" />
          <TextField name="requester_email" type="email" label={t('information.desk.fields.email')} hint={t('information.desk.emailHint')} autocomplete="off" />
        </fieldset>
        <RequestFields />
      </Form>
    </StaffLayout>
  );
}
