// Settat's digital services in the demo (is_example = 1, said so on the pages): the national
// platforms joined over 2024–2025 (Chikaya and the commune's portal before the programme's
// second quarter, Rokhas during 2024, GID-CL and the procurement portal in 2025; Watiqa left for
// staff to mark as joined), six services with their guides, monthly figures from January 2024 up
// to the month before the demo's day with a rising share processed online, and the 2024
// awareness campaigns of activity 3.2. Invented, plausible figures. Loading again changes nothing.
import { type Db, now } from '../../../platform/db/database.ts';
import type { DemoOptions } from '../../manifest.ts';
import '../tables.ts';

const memberships: { key: string; on: string; services_ar: string; services_fr: string; desk_ar: string; desk_fr: string }[] = [
  { key: 'own-portal', on: '2023-11-20', services_ar: 'الأخبار، دلائل الخدمات، مداولات المجلس', services_fr: 'Actualités, guides des services, délibérations du conseil', desk_ar: 'مصلحة التواصل', desk_fr: 'Service de la communication' },
  { key: 'chikaya', on: '2024-03-05', services_ar: 'الشكايات والملاحظات والاقتراحات', services_fr: 'Réclamations, observations et suggestions', desk_ar: 'مكتب الضبط والشكايات', desk_fr: 'Bureau d’ordre et des réclamations' },
  { key: 'rokhas', on: '2024-06-17', services_ar: 'رخص البناء والتقسيم والسكن، الرخص الاقتصادية', services_fr: 'Permis de construire, de lotir et d’habiter ; autorisations économiques', desk_ar: 'قسم التعمير', desk_fr: 'Division de l’urbanisme' },
  { key: 'chafafiya', on: '2024-10-01', services_ar: 'طلبات الحصول على المعلومات', services_fr: 'Demandes d’accès à l’information', desk_ar: 'الشخص المكلف بتلقي الطلبات', desk_fr: 'Personne chargée des demandes d’information' },
  { key: 'gid-cl', on: '2025-02-10', services_ar: 'تدبير نفقات الجماعة', services_fr: 'Gestion des dépenses de la commune', desk_ar: 'قسم الشؤون المالية', desk_fr: 'Division des affaires financières' },
  { key: 'marches-publics', on: '2025-05-12', services_ar: 'نشر طلبات العروض ونتائجها', services_fr: 'Publication des appels d’offres et de leurs résultats', desk_ar: 'مصلحة الصفقات', desk_fr: 'Service des marchés' },
];

const desk = { desk_ar: 'شباك الحالة المدنية، مقر الجماعة، شارع محمد الخامس، من الإثنين إلى الجمعة 8:30–16:30', desk_fr: 'Guichet de l’état civil, siège de la commune, avenue Mohammed V, du lundi au vendredi 8 h 30–16 h 30' };

/** Each service with its platform, legal days, requests in January 2024, and the share processed
 *  online from the month its platform was joined (nothing online before) to the last month. */
const services = [
  {
    name_ar: 'نسخ عقود الحالة المدنية (ولادة، زواج، وفاة)', name_fr: 'Extraits d’actes d’état civil (naissance, mariage, décès)', name_en: 'Civil-status extracts (birth, marriage, death)',
    how_to_apply_ar: 'قدم الطلب عبر البوابة الإلكترونية للجماعة أو مباشرة بشباك الحالة المدنية. يمكن لأحد الأقارب تقديم الطلب بدلا منك.\nتسلم النسخة في نفس اليوم بالشباك، أو بعد يومين عند الطلب عبر الإنترنت.',
    how_to_apply_fr: 'Faites la demande sur le portail de la commune ou directement au guichet de l’état civil. Un proche peut la faire pour vous.\nL’extrait est remis le jour même au guichet, ou deux jours après une demande en ligne.',
    documents_needed_ar: 'البطاقة الوطنية للتعريف الإلكترونية\nمرجع العقد (رقم العقد والسنة) إن توفر\nالدفتر العائلي عند الاقتضاء',
    documents_needed_fr: 'Carte nationale d’identité électronique\nRéférence de l’acte (numéro et année) si vous l’avez\nLivret de famille le cas échéant',
    ...desk, platform: 'own-portal', url: null, days: 1, base: 2600, from: 0.02, to: 0.25,
  },
  {
    name_ar: 'تصحيح الإمضاء ومطابقة النسخ للأصل', name_fr: 'Légalisation de signature et copies conformes', name_en: 'Legalisation of signatures and certified copies',
    how_to_apply_ar: 'يحضر المعني بالأمر شخصيا إلى مكتب تصحيح الإمضاءات، ويوقع الوثيقة أمام الموظف المختص.',
    how_to_apply_fr: 'La personne concernée se présente en personne au bureau de légalisation et signe le document devant l’agent.',
    documents_needed_ar: 'البطاقة الوطنية للتعريف\nالوثيقة المراد تصحيح الإمضاء عليها أو الأصل ونسخه',
    documents_needed_fr: 'Carte nationale d’identité\nLe document à légaliser, ou l’original et ses copies',
    desk_ar: 'مكتب تصحيح الإمضاءات، الملحقات الإدارية للجماعة', desk_fr: 'Bureau de légalisation, annexes administratives de la commune', platform: null, url: null, days: 1, base: 5200, from: 0, to: 0,
  },
  {
    name_ar: 'رخصة البناء', name_fr: 'Permis de construire', name_en: 'Building permit',
    how_to_apply_ar: 'يودع المهندس المعماري الملف كاملا عبر منصة رخص. تدرسه اللجنة المختصة، ويتابع صاحب الطلب مآله على المنصة.',
    how_to_apply_fr: 'L’architecte dépose le dossier complet sur la plateforme Rokhas. La commission l’instruit ; le demandeur suit son avancement en ligne.',
    documents_needed_ar: 'التصاميم المعمارية الموقعة من طرف مهندس معماري\nشهادة الملكية أو عقد الشراء\nالتصميم الطبوغرافي\nوصل أداء الرسوم',
    documents_needed_fr: 'Plans signés par un architecte\nCertificat de propriété ou acte d’achat\nPlan topographique\nQuittance des droits',
    desk_ar: 'الشباك الوحيد للتعمير', desk_fr: 'Guichet unique de l’urbanisme', platform: 'rokhas', url: 'https://www.rokhas.ma', days: 30, base: 140, from: 0.4, to: 0.95,
  },
  {
    name_ar: 'رخصة مزاولة نشاط تجاري أو مهني', name_fr: 'Autorisation d’exercer une activité commerciale ou professionnelle', name_en: 'Business licence',
    how_to_apply_ar: 'قدم الطلب عبر منصة رخص أو بمصلحة الرخص الاقتصادية. تجري لجنة مختلطة معاينة للمحل قبل منح الرخصة.',
    how_to_apply_fr: 'Déposez la demande sur Rokhas ou au service des autorisations économiques. Une commission mixte visite le local avant l’autorisation.',
    documents_needed_ar: 'البطاقة الوطنية للتعريف\nعقد كراء المحل أو شهادة الملكية\nشهادة السجل التجاري عند الاقتضاء',
    documents_needed_fr: 'Carte nationale d’identité\nBail ou certificat de propriété du local\nAttestation du registre du commerce le cas échéant',
    desk_ar: 'مصلحة الرخص الاقتصادية', desk_fr: 'Service des autorisations économiques', platform: 'rokhas', url: 'https://www.rokhas.ma', days: 30, base: 90, from: 0.2, to: 0.8,
  },
  {
    name_ar: 'الشكايات والملاحظات والاقتراحات', name_fr: 'Réclamations, observations et suggestions', name_en: 'Complaints, observations and suggestions',
    how_to_apply_ar: 'اكتب شكايتك على البوابة الوطنية شكاية أو أودعها بمكتب الضبط. تتوصل برقم لتتبع الجواب.',
    how_to_apply_fr: 'Écrivez votre réclamation sur le portail Chikaya ou déposez-la au bureau d’ordre. Un numéro vous permet de suivre la réponse.',
    documents_needed_ar: 'لا وثيقة مطلوبة؛ أرفق ما يدعم الشكاية إن وجد',
    documents_needed_fr: 'Aucune pièce exigée ; joignez ce qui appuie votre réclamation',
    desk_ar: 'مكتب الضبط والشكايات', desk_fr: 'Bureau d’ordre et des réclamations', platform: 'chikaya', url: 'https://www.chikaya.ma', days: 60, base: 60, from: 0.3, to: 0.7,
  },
  {
    name_ar: 'طلب الحصول على المعلومات', name_fr: 'Demande d’accès à l’information', name_en: 'Request for access to information',
    how_to_apply_ar: 'قدم الطلب عبر بوابة شفافية أو كتابيا لدى الشخص المكلف. الجواب داخل 20 يوم عمل (القانون 31.13).',
    how_to_apply_fr: 'Faites la demande sur Chafafiya ou par écrit auprès de la personne chargée. Réponse sous 20 jours ouvrables (loi 31.13).',
    documents_needed_ar: 'البطاقة الوطنية للتعريف\nتحديد المعلومات المطلوبة بدقة',
    documents_needed_fr: 'Carte nationale d’identité\nLa description précise des informations demandées',
    desk_ar: 'الشخص المكلف بتلقي طلبات الحصول على المعلومات', desk_fr: 'Personne chargée des demandes d’accès à l’information', platform: 'chafafiya', url: 'https://www.chafafiya.ma', days: 20, base: 8, from: 0.3, to: 0.75,
  },
];

const campaigns = [
  { held_on: '2024-04-18', channel: 'radio', reached: 12000, women: null, title_ar: 'فقرات إذاعية حول منصة شكاية ووثيقة', title_fr: 'Chroniques radio sur Chikaya et Watiqa', description_ar: 'أربع فقرات على الإذاعة الجهوية تشرح كيف تطلب وثيقة أو تقدم شكاية دون التنقل.', description_fr: 'Quatre chroniques sur la radio régionale expliquant comment demander un acte ou déposer une réclamation sans se déplacer.' },
  { held_on: '2024-06-08', channel: 'caravan', reached: 640, women: 352, title_ar: 'قافلة الخدمات الرقمية في الأحياء', title_fr: 'Caravane des services numériques dans les quartiers', description_ar: 'خيمة متنقلة في أحياء سيدي عبد الكريم والسماعلة ومبروكة لمساعدة السكان على إنشاء حساباتهم.', description_fr: 'Une tente mobile à Sidi Abdelkrim, Smaala et Mabrouka pour aider les habitants à créer leurs comptes.' },
  { held_on: '2024-09-23', channel: 'social_media', reached: 18500, women: 8100, title_ar: 'حملة على صفحات الجماعة بشبكات التواصل', title_fr: 'Campagne sur les pages de la commune', description_ar: 'فيديوهات قصيرة بالدارجة حول رخص وشكاية ووثيقة.', description_fr: 'Courtes vidéos en darija sur Rokhas, Chikaya et Watiqa.' },
  { held_on: '2024-11-14', channel: 'schools', reached: 420, women: 230, title_ar: 'ورشات بالثانويات حول الخدمات الرقمية', title_fr: 'Ateliers dans les lycées sur les services numériques', description_ar: 'ورشات مع التلاميذ ليعرفوا أسرهم بالخدمات المتاحة عبر الإنترنت.', description_fr: 'Ateliers avec les élèves pour qu’ils fassent connaître les services en ligne à leurs familles.' },
  { held_on: '2024-12-02', channel: 'desk_posters', reached: null, women: null, title_ar: 'ملصقات ورموز QR بالشبابيك', title_fr: 'Affiches et codes QR aux guichets', description_ar: 'ملصقات بشبابيك الحالة المدنية والتعمير تحيل على المنصات الوطنية.', description_fr: 'Affiches aux guichets de l’état civil et de l’urbanisme renvoyant aux plateformes nationales.' },
];

/** Months from 2024-01 up to the month before `today`. */
function monthsUntil(today: string): string[] {
  const out: string[] = [];
  const end = today.slice(0, 7);
  for (let y = 2024, m = 1; `${y}-${String(m).padStart(2, '0')}` < end; m === 12 ? (y++, (m = 1)) : m++) out.push(`${y}-${String(m).padStart(2, '0')}`);
  return out;
}

export async function loadSettatServices(db: Db, options: DemoOptions): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirst();
    if (!c) return false;
    const done = await trx.selectFrom('public_service').select('id').where('collectivity_id', '=', c.id).limit(1).executeTakeFirst();
    if (done) return false;
    const at = now();
    const platforms = new Map((await trx.selectFrom('digital_platform').select(['id', 'key']).execute()).map((p) => [p.key, p.id]));
    for (const m of memberships) {
      const platformId = platforms.get(m.key);
      if (platformId === undefined || m.on >= options.today) continue;
      await trx
        .insertInto('platform_membership')
        .values({ collectivity_id: c.id, platform_id: platformId, joined: 1, joined_on: m.on, services_ar: m.services_ar, services_fr: m.services_fr, desk_ar: m.desk_ar, desk_fr: m.desk_fr, is_example: 1, created_at: at, updated_at: at })
        .onConflict((oc) => oc.columns(['collectivity_id', 'platform_id']).doNothing())
        .execute();
    }
    const months = monthsUntil(options.today);
    for (const [i, s] of services.entries()) {
      const { platform, url, days, base, from, to, ...texts } = s;
      const row = await trx
        .insertInto('public_service')
        .values({ collectivity_id: c.id, position: i + 1, platform_id: platform ? (platforms.get(platform) ?? null) : null, online_url: url, legal_days: days, is_example: 1, ...texts, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const since = memberships.find((m) => m.key === platform)?.on.slice(0, 7) ?? '9999-12';
      const online = months.filter((m) => m >= since);
      const values = months.map((month, k) => {
        const j = online.indexOf(month);
        const progress = online.length > 1 ? j / (online.length - 1) : 1;
        // a little seasonal swing (summer brings the diaspora's civil-status requests)
        const swing = 1 + 0.12 * Math.sin(((k % 12) / 12) * 2 * Math.PI) + 0.003 * k;
        const received = Math.round(base * swing);
        const done = j < 0 ? 0 : Math.round(received * (from + (to - from) * progress));
        // a few requests are still being processed at the month's end
        const paper = Math.max(0, received - done - Math.round(received * 0.03));
        return { collectivity_id: c.id, service_id: row.id, month, received, online: done, paper, median_days: Math.max(1, Math.round(days * (0.6 - 0.25 * (k / months.length)) * 10) / 10), is_example: 1, created_at: at, updated_at: at };
      });
      if (values.length > 0) await trx.insertInto('service_month').values(values).execute();
    }
    for (const x of campaigns) {
      await trx.insertInto('awareness_campaign').values({ collectivity_id: c.id, ...x, is_example: 1, created_at: at, updated_at: at }).execute();
    }
    await trx.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1), plan_version: eb('plan_version', '+', 1) })).where('id', '=', c.id).execute();
    return true;
  });
}
