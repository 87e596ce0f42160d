// The information office's form (law 31.13, art. 12): the person in charge, chosen from the
// collectivity's team, named in public with a title, and how to reach the office.
import { Form, type FormState, L10nField, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { StaffLayout, usePage } from '../../../platform/ui/page.tsx';

export function OfficePage(props: { place: { slug: string; name: { text: string } }; state: FormState; team: [string, string][] }) {
  const { t } = usePage();
  return (
    <StaffLayout place={props.place} title={t('information.office.title')} trail={[[t('information.admin.title'), `/admin/c/${props.place.slug}/information`]]}>
      <p>{t('information.office.intro')}</p>
      <Form action={`/admin/c/${props.place.slug}/information/office`} state={props.state} submit={t('information.office.save')}>
        <SelectField name="officer_user_id" label={t('information.office.fields.officer')} blank={t('information.office.noOfficer')} options={props.team} />
        <TextField name="officer_name" label={t('information.office.fields.officerName')} hint={t('information.office.officerNameHint')} />
        <L10nField name="officer_title" label={t('information.office.fields.officerTitle')} />
        <L10nField name="address" label={t('information.office.fields.address')} multiline />
        <L10nField name="hours" label={t('information.office.fields.hours')} />
        <TextField name="email" type="email" label={t('information.office.fields.email')} />
        <TextField name="phone" label={t('information.office.fields.phone')} />
      </Form>
    </StaffLayout>
  );
}
