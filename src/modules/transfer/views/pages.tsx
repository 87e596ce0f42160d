// Back-office pages of import and consistency: the import form, the preview with every problem
// by row and column, the review of an imported programme (adopt or discard), the report.
import { direction } from '../../../platform/i18n/i18n.ts';
import { StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { PostButton } from '../../../platform/ui/form.tsx';
import type { Finding } from '../consistency.ts';
import type { ImportPlan, Problem } from '../plan.ts';
import { columns } from '../plan.ts';
import { costLabel } from '../../programme/manifest.ts';
import { textLocales } from '../language.ts';

export interface Place {
  slug: string;
  name: { text: string };
}

const base = (slug: string) => `/admin/c/${slug}`;

/** "Row 5, Start date: …" in the page's language. */
export function ProblemList(props: { problems: Problem[] }) {
  const { t } = usePage();
  if (props.problems.length === 0) return null;
  return (
    <div class="errors-summary transfer-problems" role="alert">
      <p>{t('transfer.preview.problems', { count: props.problems.length })}</p>
      <div class="table-wrap"><table>
        <thead><tr><th>{t('transfer.preview.row')}</th><th>{t('transfer.preview.column')}</th><th>{t('transfer.preview.problem')}</th></tr></thead>
        <tbody>
          {props.problems.map((p) => (
            <tr>
              <td>{p.row ?? '—'}</td>
              <td>{p.column ? t(`transfer.columns.${p.column}`) : '—'}</td>
              <td>{t(p.key, p.values)}</td>
            </tr>
          ))}
        </tbody>
      </table></div>
    </div>
  );
}

function TextLangField(props: { value: string }) {
  const { t } = usePage();
  const label = (l: string) => (l === 'auto' ? t('transfer.form.textLangAuto') : ({ ar: 'العربية', fr: 'Français', en: 'English' } as Record<string, string>)[l]);
  return (
    <div class="field">
      <label for="f-text-lang">{t('transfer.form.textLang')}</label>
      <select id="f-text-lang" name="text_lang">
        {textLocales.map((l) => <option value={l} selected={l === props.value}>{label(l)}</option>)}
      </select>
    </div>
  );
}

function ImportForm(props: { action: string; text: string; title: string; textLang: string }) {
  const { t, csrfToken } = usePage();
  return (
    <form method="post" action={props.action} enctype="multipart/form-data" class="stack transfer-form">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <div class="field">
        <label for="f-file">{t('transfer.form.file')}</label>
        <small class="muted">{t('transfer.form.fileHint')}</small>
        <input id="f-file" type="file" name="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
      </div>
      <div class="field">
        <label for="f-text">{t('transfer.form.text')}</label>
        <small class="muted">{t('transfer.form.textHint')}</small>
        <textarea id="f-text" name="text" rows={8} dir="auto">{props.text}</textarea>
      </div>
      <div class="field">
        <label for="f-title">{t('transfer.form.title')}</label>
        <small class="muted">{t('transfer.form.titleHint')}</small>
        <input id="f-title" name="title" maxLength={300} value={props.title} dir="auto" />
      </div>
      <TextLangField value={props.textLang} />
      <p class="actions"><button type="submit">{t('transfer.form.preview')}</button></p>
    </form>
  );
}

export interface PendingItem {
  id: number;
  title: string;
  period: string;
  createdAt: string;
}

export function ImportPage(props: { place: Place; pending: PendingItem[] }) {
  const { t } = usePage();
  return (
    <StaffLayout place={props.place} title={t('transfer.import.title')}>
      <p>{t('transfer.import.intro')}</p>
      <p class="muted">{t('transfer.import.layout', { columns: columns.map((c) => t(`transfer.columns.${c}`)).join(' · ') })}</p>
      <ImportForm action={`${base(props.place.slug)}/import/preview`} text="" title="" textLang="auto" />
      {props.pending.length > 0 && (
        <section aria-labelledby="pending">
          <h2 id="pending">{t('transfer.import.pending')}</h2>
          <ul>
            {props.pending.map((p) => (
              <li><a href={`${base(props.place.slug)}/import/${p.id}`}>{p.title}</a> · <bdi>{p.period}</bdi> · <span class="muted">{p.createdAt}</span></li>
            ))}
          </ul>
        </section>
      )}
    </StaffLayout>
  );
}

function PlanTable(props: { plan: ImportPlan; partnerNames: Map<string, string> }) {
  const { t, locale } = usePage();
  return (
    <div class="table-wrap"><table class="transfer-plan">
      <thead><tr>
        <th>{t('transfer.preview.row')}</th>
        {columns.map((c) => <th>{t(`transfer.columns.${c}`)}</th>)}
      </tr></thead>
      <tbody>
        {props.plan.axes.flatMap((axis) =>
          axis.projects.flatMap((project) =>
            project.activities.map((a, i) => (
              <tr>
                <td>{a.row}</td>
                <td>{i === 0 && project === axis.projects[0] ? `${axis.number}. ${axis.title}${axis.themeText ? ` (${axis.themeText})` : ''}` : ''}</td>
                <td>{i === 0 ? `${project.number}. ${project.title}` : ''}</td>
                <td><bdi dir="auto">{a.number}. {a.title}</bdi></td>
                <td>{a.partners.map((k) => props.partnerNames.get(k)).join('، ')}</td>
                <td>{a.cost.kind === 'tbd' ? a.cost.note : costLabel(t, locale, a.cost.kind, a.cost.kind === 'amount' ? a.cost.amountMad : null)}</td>
                <td>{a.funding.kind === 'own' ? t('programme.fundingKind.own') : props.partnerNames.get(a.funding.partner)}</td>
                <td>{i === 0 && project.durationMonths ? t('transfer.preview.months', { n: project.durationMonths }) : ''}</td>
                <td><bdi>{a.start}</bdi></td>
                <td><bdi>{a.end}</bdi></td>
              </tr>
            )),
          ),
        )}
      </tbody>
    </table></div>
  );
}

/** What the findings are about, with a link to fix each one where it can be edited. */
export function Findings(props: { findings: Finding[]; editBase?: string; rows?: boolean; note?: string }) {
  const { t, locale } = usePage();
  const path = { axis: 'axes', project: 'projects', activity: 'activities', indicator: 'indicators' } as const;
  return (
    <section aria-labelledby="findings" class="transfer-findings">
      <h2 id="findings">{t('transfer.consistency.findings', { count: props.findings.length })}</h2>
      {props.findings.length === 0 ? (
        <p class="notice">{t('transfer.consistency.none')}</p>
      ) : (
        <ul>
          {props.findings.map((f) => {
            const { text, lang } = f.item.title;
            const what = (
              <>
                {t(`transfer.entity.${f.item.kind}`, { label: f.item.label })}:{' '}
                {lang === locale ? text : <bdi lang={lang ?? undefined} dir={lang ? direction(lang) : 'auto'}>{text}</bdi>}
              </>
            );
            return (
              <li class={`finding ${f.kind}`}>
                <strong>{t(`transfer.consistency.kind.${f.kind}`, f.values)}</strong>{' — '}
                {props.editBase ? <a href={`${props.editBase}/${path[f.item.kind]}/${f.item.ref}`}>{what}</a> : what}
                {props.rows && <> · {t('transfer.preview.rowN', { row: f.item.ref })}</>}
              </li>
            );
          })}
        </ul>
      )}
      {props.note && <p class="muted">{props.note}</p>}
    </section>
  );
}

export function PreviewPage(props: {
  place: Place;
  plan: ImportPlan | null;
  problems: Problem[];
  findings: Finding[];
  rowsJson: string;
  text: string;
  title: string;
  createPartners: boolean;
  textLang: string;
  /** the language the text will be stored in */
  detected: string | null;
}) {
  const { t, csrfToken } = usePage();
  const { plan } = props;
  const names = new Map(plan?.partners.map((p) => [p.key, p.name]) ?? []);
  const unknown = plan?.partners.filter((p) => p.existingId === null) ?? [];
  const action = `${base(props.place.slug)}/import`;
  return (
    <StaffLayout place={props.place} title={t('transfer.preview.title')} trail={[[t('transfer.import.title'), action]]}>
      {plan && plan.counts.activities > 0 && (
        <p class="transfer-summary">{t('transfer.summary', plan.counts)}{plan.startYear && <> · <bdi>{plan.startYear}–{plan.endYear}</bdi></>}</p>
      )}
      <ProblemList problems={props.problems} />
      {props.problems.length > 0 ? (
        <>
          <p>{t('transfer.preview.nothingImported')}</p>
          <ImportForm action={`${action}/preview`} text={props.text} title={props.title} textLang={props.textLang} />
        </>
      ) : (
        plan && (
          <form method="post" action={action} class="stack">
            <input type="hidden" name="_csrf" value={csrfToken} />
            <input type="hidden" name="rows" value={props.rowsJson} />
            <input type="hidden" name="title" value={props.title} />
            <TextLangField value={props.textLang === 'auto' && props.detected ? props.detected : props.textLang} />
            {unknown.length > 0 && (
              <fieldset>
                <legend>{t('transfer.preview.newPartners', { count: unknown.length })}</legend>
                <ul>{unknown.map((p) => <li>{p.name}</li>)}</ul>
                <label class="check">
                  <input type="checkbox" name="create_partners" value="1" checked={props.createPartners} /> {t('transfer.preview.createPartners')}
                </label>
              </fieldset>
            )}
            <p>{t('transfer.preview.asDraft')}</p>
            <p class="actions"><button type="submit">{t('transfer.preview.confirm')}</button></p>
          </form>
        )
      )}
      {plan && plan.counts.activities > 0 && (
        <>
          {props.problems.length === 0 && <Findings findings={props.findings} rows />}
          <h2>{t('transfer.preview.contents')}</h2>
          <PlanTable plan={plan} partnerNames={names} />
        </>
      )}
    </StaffLayout>
  );
}

export function ReviewPage(props: {
  place: Place;
  id: number;
  title: string;
  period: string;
  counts: { axes: number; projects: number; activities: number; partners: number };
  findings: Finding[];
  current: string | null;
}) {
  const { t } = usePage();
  const url = `${base(props.place.slug)}/import/${props.id}`;
  return (
    <StaffLayout place={props.place} title={props.title} trail={[[t('transfer.import.title'), `${base(props.place.slug)}/import`]]}>
      <p class="transfer-summary">{t('transfer.summary', { ...props.counts, newPartners: 0 })} · <bdi>{props.period}</bdi></p>
      <p class="notice">{t('transfer.review.pending')}</p>
      <Findings findings={props.findings} note={t('transfer.review.fixHint')} />
      <h2>{t('transfer.review.decide')}</h2>
      <p>{props.current ? t('transfer.review.adoptExplain', { current: props.current }) : t('transfer.review.firstExplain')}</p>
      <p class="actions">
        <a class="button" href={`${base(props.place.slug)}/programmes/${props.id}/adopt`}>{t('transfer.review.adopt')}</a>
        <PostButton action={`${url}/discard`} label={t('transfer.review.discard')} danger />
      </p>
    </StaffLayout>
  );
}

export function ConsistencyPage(props: { place: Place; programme: string | null; findings: Finding[] }) {
  const { t } = usePage();
  return (
    <StaffLayout place={props.place} title={t('transfer.consistency.title')}>
      {props.programme === null ? (
        <p>{t('programme.admin.noProgramme')}</p>
      ) : (
        <>
          <p>{props.programme}</p>
          <Findings findings={props.findings} editBase={base(props.place.slug)} />
        </>
      )}
    </StaffLayout>
  );
}
