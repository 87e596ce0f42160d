// Back office of the programmes over time: the list (current, drafts, closed), adopting a draft
// with the council's session and date, a draft into or out of consultation, and starting the
// next programme from the current one.
import { Form, type FormState, L10nField, PostButton, TextField } from '../../../platform/ui/form.tsx';
import { Breadcrumbs, Layout, usePage } from '../../../platform/ui/page.tsx';
import { T } from '../../../platform/ui/parts.tsx';
import type { Text } from '../presenters.ts';
import type { AdminPlace } from './admin.tsx';

export interface ProgrammeItem {
  id: number;
  title: Text;
  period: string;
  status: string;
  statusLabel: string;
  isCurrent: boolean;
  /** its public page, when it has one */
  publicHref: string | null;
  canAdopt: boolean;
  /** its back office: the parts' forms (a draft, one in consultation), or read only */
  editHref: string;
  editable: boolean;
  /** where staff can move it by hand (a draft into or out of consultation, a closed one to the archive) */
  moveTo: 'consultation' | 'draft' | 'archived' | null;
}

const adminBase = (slug: string) => `/admin/c/${slug}`;

function Crumbs(props: { place: AdminPlace; title: string; list?: boolean }) {
  const { t } = usePage();
  const base = adminBase(props.place.slug);
  const items: [string, string?][] = [[t('programme.admin.dashboard'), '/admin'], [props.place.name.text, base]];
  if (props.list) items.push([t('programme.cycles.title'), `${base}/programmes`]);
  items.push([props.title]);
  return <Breadcrumbs items={items} />;
}

/** What the next programme may take up from the current one, by source (carry.ts). */
export interface CarryGroup {
  heading: string;
  items: { value: string; title: string; lang: string; note: string; href: string }[];
}

/** The checklist of the "start the next programme" form; ticked values come back on errors. */
function CarryChecklist(props: { groups: CarryGroup[]; state: FormState }) {
  const { t } = usePage();
  const v = props.state.values.carry;
  const ticked = new Set(Array.isArray(v) ? v : v ? [v] : []);
  const error = props.state.errors.carry;
  return (
    <>
      {props.groups.map((g, n) => (
        <fieldset aria-describedby={error ? 'carry-error' : undefined}>
          <legend>{g.heading}</legend>
          {n === 0 && <p class="muted">{t('programme.cycles.carryHint')}</p>}
          {g.items.map((i) => (
            <label class="check">
              <input type="checkbox" name="carry" value={i.value} checked={ticked.has(i.value)} /> <span lang={i.lang}>{i.title}</span> · {i.note}
            </label>
          ))}
        </fieldset>
      ))}
      {error && <p class="error" id="carry-error">{t(error.key, error.values)}</p>}
    </>
  );
}

export function ProgrammesAdminPage(props: { place: AdminPlace; items: ProgrammeItem[]; next: FormState | null; candidates: CarryGroup[] }) {
  const { t } = usePage();
  const base = adminBase(props.place.slug);
  return (
    <Layout title={t('programme.cycles.title')}>
      <Crumbs place={props.place} title={t('programme.cycles.title')} />
      <h1>{t('programme.cycles.title')}</h1>
      <p class="muted">{t('programme.cycles.intro')}</p>
      <div class="table-wrap"><table>
        <thead><tr>
          <th>{t('programme.fields.title')}</th><th>{t('programme.cycles.period')}</th><th>{t('programme.fields.status')}</th>
          <th><span class="sr-only">{t('programme.admin.actions')}</span></th>
        </tr></thead>
        <tbody>
          {props.items.map((p) => (
            <tr>
              <td><T value={p.title} />{p.isCurrent && <> · <strong>{t('programme.cycles.current')}</strong></>}</td>
              <td><bdi>{p.period}</bdi></td>
              <td>{p.statusLabel}</td>
              <td class="actions">
                <a href={p.editHref}>{t(p.editable ? 'programme.cycles.editParts' : 'programme.cycles.readParts')}</a>
                {p.publicHref && <a href={p.publicHref}>{t('programme.admin.viewPublic')}</a>}
                {p.canAdopt && <a href={`${base}/programmes/${p.id}/adopt`}>{t('programme.cycles.adopt')}</a>}
                {p.moveTo && <PostButton action={`${base}/programmes/${p.id}/${p.moveTo}`} label={t(`programme.cycles.moveTo.${p.moveTo}`)} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table></div>
      <p><a href={`${base}/import`}>{t('transfer.links.import')}</a></p>
      {props.next && (
        <section aria-labelledby="next">
          <h2 id="next">{t('programme.cycles.next')}</h2>
          <p>{t('programme.cycles.nextExplain')}</p>
          <Form action={`${base}/programmes`} state={props.next} submit={t('programme.cycles.startNext')}>
            <TextField name="start_year" label={t('programme.fields.start_year')} type="number" />
            <TextField name="end_year" label={t('programme.fields.end_year')} type="number" />
            <L10nField name="title" label={t('programme.fields.title')} />
            <CarryChecklist groups={props.candidates} state={props.next} />
          </Form>
        </section>
      )}
    </Layout>
  );
}

export function AdoptPage(props: { place: AdminPlace; title: Text; period: string; current: Text | null; state: FormState }) {
  const { t } = usePage();
  const heading = t('programme.cycles.adoptTitle', { period: props.period });
  return (
    <Layout title={heading}>
      <Crumbs place={props.place} title={heading} list />
      <h1>{heading}</h1>
      <p><strong><T value={props.title} /></strong> · <a href={`${adminBase(props.place.slug)}/programmes/${props.state.values.id}`}>{t('programme.cycles.editParts')}</a></p>
      {props.state.errors._ && <p class="error" role="alert">{t(props.state.errors._.key, props.state.errors._.values)}</p>}
      <p class="notice">
        {props.current ? <>{t('programme.cycles.adoptCloses')} <T value={props.current} /></> : t('programme.cycles.adoptFirst')}
      </p>
      <Form action={`${adminBase(props.place.slug)}/programmes/${props.state.values.id}/adopt`} state={props.state} submit={t('programme.cycles.adopt')}>
        <L10nField name="adoption_session" label={t('programme.fields.adoption_session')} />
        <TextField name="adoption_date" label={t('programme.fields.adoption_date')} type="date" />
        <L10nField name="adoption_reference" label={t('programme.fields.adoption_reference')} />
        <TextField name="reason" label={t('programme.cycles.reason')} hint={t('programme.cycles.reasonHint')} multiline />
      </Form>
    </Layout>
  );
}
