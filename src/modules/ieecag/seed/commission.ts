// The commission's part of the Settat demo. The four members of Settat's Equality, Equal
// Opportunities and Gender Approach Commission who sit on the programme's monitoring committee
// (decision creating the committee, in the programme document): their names and roles as written
// there, public, their gender from the honorific (السيدة / السيد); their category, organisation and
// mandate are not in the document and are left unsaid. The commission's mission, contact and
// office, its 2024 trainings with ENABEL (the partner named for activity 2.2) and its documents
// are invented examples (is_example = 1, said so on the pages). Loading again changes nothing.
import { createHash } from 'node:crypto';
import { tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import type { DemoOptions } from '../../manifest.ts';
import { documentSearchText } from '../space.ts';
import '../tables.ts';

const members = [
  { name: 'عائشة بلوردة', role: 'rapporteur', gender: 'f' },
  { name: 'زهراء نبتي', role: 'member', gender: 'f' },
  { name: 'عبد الهادي بوشنياطة', role: 'member', gender: 'm' },
  { name: 'رشيد معاش', role: 'member', gender: 'm' },
] as const;

const enabel = { trainer_ar: 'مؤسسة ENABEL (برنامج دعم المشاركة المواطنة)', trainer_fr: 'ENABEL (programme d’appui à la participation citoyenne)', trainer_en: 'ENABEL (citizen participation support programme)' };

const trainings = [
  {
    held_on: '2024-03-14',
    theme_ar: 'إدماج مقاربة النوع في برنامج عمل الجماعة',
    theme_fr: 'Intégrer l’approche genre dans le plan d’action de la commune',
    theme_en: "Bringing the gender approach into the commune's action plan",
    ...enabel,
    participants_women: 9,
    participants_men: 5,
    participants_total: 14,
  },
  {
    held_on: '2024-06-20',
    theme_ar: 'صياغة الآراء الاستشارية وتتبع أجوبة المجلس',
    theme_fr: 'Rédiger les avis consultatifs et suivre les réponses du conseil',
    theme_en: "Drafting advisory opinions and following the council's responses",
    ...enabel,
    participants_women: 8,
    participants_men: 4,
    participants_total: 12,
  },
  {
    held_on: '2024-10-10',
    theme_ar: 'الميزانية المستجيبة للنوع الاجتماعي',
    theme_fr: 'La budgétisation sensible au genre',
    theme_en: 'Gender-responsive budgeting',
    trainer_ar: 'مؤسسة ENABEL والمديرية العامة للجماعات الترابية',
    trainer_fr: 'ENABEL et la Direction générale des collectivités territoriales',
    trainer_en: 'ENABEL and the General Directorate of Territorial Collectivities',
    participants_women: 10,
    participants_men: 6,
    participants_total: 16,
  },
];

const documents = [
  {
    kind: 'diagnostic',
    published_on: '2024-11-28',
    title_ar: 'التشخيص التشاركي للنوع الاجتماعي بجماعة سطات (مثال توضيحي)',
    title_fr: 'Diagnostic participatif genre de la commune de Settat (exemple fictif)',
    title_en: 'Participatory gender diagnostic of Settat commune (invented example)',
    summary_ar: 'ولوج النساء والشباب إلى الخدمات الجماعية والمرافق العمومية، ومشاركتهم في الحياة المحلية.',
    summary_fr: 'L’accès des femmes et des jeunes aux services communaux et aux équipements publics, et leur participation à la vie locale.',
    summary_en: "Women's and young people's access to the commune's services and public facilities, and their part in local life.",
    file: 'diagnostic-genre-settat.pdf',
  },
  {
    kind: 'training',
    published_on: '2024-12-16',
    title_ar: 'تقرير الدورات التكوينية لهيئة المساواة سنة 2024 (مثال توضيحي)',
    title_fr: 'Rapport des formations de l’instance en 2024 (exemple fictif)',
    title_en: "Report on the commission's 2024 trainings (invented example)",
    summary_ar: 'ثلاث دورات بشراكة مع مؤسسة ENABEL: مقاربة النوع، الآراء الاستشارية، الميزانية المستجيبة للنوع.',
    summary_fr: 'Trois sessions avec ENABEL : approche genre, avis consultatifs, budgétisation sensible au genre.',
    summary_en: 'Three sessions with ENABEL: the gender approach, advisory opinions, gender-responsive budgeting.',
    file: 'rapport-formations-2024.pdf',
  },
];

/** A one-page PDF with a line of (ASCII) text, its cross-reference table computed. */
export function minimalPdf(text: string): Buffer {
  const safe = text.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, '\\$&');
  const stream = `BT /F1 14 Tf 40 780 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export async function loadCommission(db: Db, _options: DemoOptions): Promise<boolean> {
  const c = await db.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirst();
  if (!c) return false;
  const done = await db.selectFrom('ieecag_commission').select('collectivity_id').where('collectivity_id', '=', c.id).executeTakeFirst();
  if (done) return false;
  const result = await tenantTransaction(db, c.id, async (trx) => {
    const at = now();
    await trx
      .insertInto('ieecag_commission')
      .values({
        collectivity_id: c.id,
        is_example: 1,
        mission_ar: 'تدرس الهيئة القضايا المتعلقة بالمساواة وتكافؤ الفرص ومقاربة النوع بمبادرة منها أو بطلب من المجلس أو رئيسه، وتبدي آراءها فيها، وتتابع أخذها بعين الاعتبار في برنامج عمل الجماعة وميزانيتها.',
        mission_fr: 'L’instance étudie, de sa propre initiative ou à la demande du conseil ou de son président, les questions d’égalité, d’égalité des chances et de genre, rend des avis et suit leur prise en compte dans le plan d’action et le budget de la commune.',
        mission_en: "The commission studies questions of equality, equal opportunities and gender, on its own initiative or at the request of the council or its president, gives its opinions, and follows how the commune's action plan and budget take them into account.",
        contact_email: 'ieecag@settat.example',
        contact_phone: '+212 5 23 00 00 00',
        office_address_ar: 'فضاء الاستقبال، مقر جماعة سطات',
        office_address_fr: 'Espace d’accueil, hôtel de ville de Settat',
        office_address_en: "Reception space, Settat town hall",
        office_hours_ar: 'الثلاثاء والخميس، من 10:00 إلى 12:00',
        office_hours_fr: 'Mardi et jeudi, de 10 h à 12 h',
        office_hours_en: 'Tuesdays and Thursdays, 10:00 to 12:00',
        created_at: at,
        updated_at: at,
      })
      .execute();
    await trx
      .insertInto('ieecag_member')
      .values(members.map((m, i) => ({ collectivity_id: c.id, position: i + 1, name: m.name, role: m.role, category: 'other', gender: m.gender, name_public: 1, on_monitoring_committee: 1, created_at: at, updated_at: at })))
      .execute();
    await trx
      .insertInto('ieecag_training')
      .values(trainings.map((x) => ({ collectivity_id: c.id, ...x, is_example: 1, created_at: at, updated_at: at })))
      .execute();
    for (const { file, ...d } of documents) {
      const row = await trx
        .insertInto('ieecag_document')
        .values({ collectivity_id: c.id, ...d, search_text: documentSearchText(d), is_example: 1, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const content = minimalPdf(`${d.title_fr} - Infitah demo`);
      await trx
        .insertInto('ieecag_document_file')
        .values({ collectivity_id: c.id, document_id: row.id, sha256: createHash('sha256').update(content).digest('hex'), size: content.length, mime: 'application/pdf', original_name: file, content, created_at: at })
        .execute();
    }
  });
  return result.ok;
}
