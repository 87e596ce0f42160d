// Built-in demo data: a second, smaller collectivity in another region (Chefchaouen commune,
// Tanger-Tétouan-Al Hoceïma region), so that the network page shows a network.
// EVERYTHING BELOW IS INVENTED: this is not Chefchaouen's programme. The collectivity is marked
// as demo data (collectivity.is_demo: a notice on each of its public pages) and the programme's
// title, session and reference say "مثال توضيحي" / "exemple fictif", like the demo proposals.
import type { Db } from '../../../platform/db/database.ts';
import { loadChefchaouenTracking } from '../../tracking/seed-chefchaouen.ts';
import { loadSeedProgramme } from './load.ts';
import type { L10n, SeedCost, SeedProgramme } from './types.ts';

const NO_COST: SeedCost = { kind: 'none' };
const COUNT: L10n = { ar: 'عدد', fr: 'nombre', en: 'number' };

export const chefchaouen: SeedProgramme = {
  collectivities: [
    {
      slug: 'tanger-tetouan-al-hoceima',
      name: { ar: 'جهة طنجة تطوان الحسيمة', fr: 'Région Tanger-Tétouan-Al Hoceïma', en: 'Tanger-Tetouan-Al Hoceima Region' },
      kind: 'region',
    },
    {
      slug: 'province-chefchaouen',
      name: { ar: 'إقليم شفشاون', fr: 'Province de Chefchaouen', en: 'Chefchaouen Province' },
      kind: 'province',
      parent: 'tanger-tetouan-al-hoceima',
    },
    {
      slug: 'chefchaouen',
      name: { ar: 'جماعة شفشاون', fr: 'Commune de Chefchaouen', en: 'Chefchaouen Commune' },
      kind: 'commune',
      parent: 'province-chefchaouen',
    },
  ],

  collectivity: 'chefchaouen',

  partners: [
    { key: 'commune', name: { ar: 'الجماعة', fr: 'La commune', en: 'The commune' }, kind: 'collectivity' },
    {
      key: 'associations',
      name: { ar: 'جمعيات المجتمع المدني المحلية', fr: 'Associations locales de la société civile', en: 'Local civil society associations' },
      kind: 'association',
    },
    {
      key: 'dgct',
      name: {
        ar: 'المديرية العامة للجماعات الترابية (وزارة الداخلية)',
        fr: "Direction Générale des Collectivités Territoriales (DGCT), ministère de l'Intérieur",
        en: 'General Directorate of Territorial Collectivities (DGCT), Ministry of the Interior',
      },
      kind: 'ministry_directorate',
    },
  ],

  programme: {
    title: {
      ar: 'برنامج انفتاح جماعة شفشاون 2025-2026 (مثال توضيحي)',
      fr: "Programme d'ouverture de la commune de Chefchaouen 2025-2026 (exemple fictif)",
      en: 'Openness programme of the Commune of Chefchaouen 2025-2026 (fictitious example)',
    },
    startYear: 2025,
    endYear: 2026,
    status: 'adopted',
    adoption: {
      session: { ar: 'مثال توضيحي', fr: 'exemple fictif', en: 'fictitious example' },
      date: null,
      reference: {
        ar: 'مثال توضيحي من إعداد المنصة لعرض الشبكة: ليس برنامج جماعة شفشاون ولم يصادق عليه مجلسها.',
        fr: "Exemple fictif préparé par la plateforme pour montrer le réseau : ce n'est pas le programme de la commune de Chefchaouen, et son conseil ne l'a pas adopté.",
        en: 'A fictitious example prepared by the platform to show the network: this is not the programme of the Commune of Chefchaouen, and its council has not adopted it.',
      },
    },
    axes: [
      {
        number: 1,
        title: { ar: 'الحق في الحصول على المعلومات', fr: "Droit d'accès à l'information", en: 'Right of access to information' },
        projects: [
          {
            number: 1,
            title: {
              ar: 'النشر الاستباقي للمعلومات الجماعية',
              fr: 'Publication proactive des informations communales',
              en: 'Proactive publication of communal information',
            },
            objectives: {
              ar: 'تمكين الساكنة من الاطلاع على قرارات المجلس وميزانيته دون طلب',
              fr: 'Permettre aux habitants de connaître les décisions et le budget du conseil sans avoir à les demander',
              en: "Letting residents know the council's decisions and budget without having to ask",
            },
            expectedResults: {
              ar: 'محاضر الدورات والميزانية منشورة على البوابة في أجل لا يتعدى شهرا',
              fr: 'Procès-verbaux des sessions et budget publiés sur le portail dans un délai d’un mois au plus',
              en: 'Session minutes and the budget published on the portal within a month at most',
            },
            durationMonths: 24,
            partners: ['commune', 'dgct'],
            partnersContribution: {
              ar: 'الجماعة: إعداد المحتوى ونشره\nالمديرية العامة للجماعات الترابية: تكوين الموظفين',
              fr: 'Commune : préparation et publication des contenus\nDGCT : formation des fonctionnaires',
              en: 'Commune: preparing and publishing the content\nDGCT: training the staff',
            },
            indicators: [
              {
                kind: 'monitoring',
                statement: {
                  ar: 'عدد محاضر دورات المجلس المنشورة على البوابة',
                  fr: 'Nombre de procès-verbaux de sessions du conseil publiés sur le portail',
                  en: 'Number of council session minutes published on the portal',
                },
                unit: COUNT,
                baseline: 0,
                target: 6,
              },
            ],
            activities: [
              {
                number: 1,
                title: {
                  ar: 'إحداث صفحة للمعلومات الجماعية على البوابة الإلكترونية للجماعة',
                  fr: 'Création d’une page d’informations communales sur le portail de la commune',
                  en: "Creating a communal information page on the commune's web portal",
                },
                partners: ['commune'],
                cost: NO_COST,
                funding: { kind: 'own' },
                start: '2025-01-01',
                end: '2025-06-30',
                status: 'done',
                progress: 100,
              },
              {
                number: 2,
                title: {
                  ar: 'نشر محاضر دورات المجلس داخل أجل شهر',
                  fr: 'Publication des procès-verbaux des sessions du conseil dans le mois',
                  en: 'Publishing the minutes of council sessions within a month',
                },
                partners: ['commune'],
                cost: NO_COST,
                funding: { kind: 'own' },
                start: '2025-03-01',
                end: '2026-12-31',
                status: 'in_progress',
                progress: 50,
              },
            ],
          },
        ],
      },
      {
        number: 2,
        title: { ar: 'المشاركة المواطنة', fr: 'Participation citoyenne', en: 'Citizen participation' },
        projects: [
          {
            number: 2,
            title: {
              ar: 'لقاءات تشاورية في الأحياء',
              fr: 'Rencontres de concertation dans les quartiers',
              en: 'Neighbourhood consultation meetings',
            },
            objectives: {
              ar: 'الاستماع لحاجيات الساكنة في كل حي قبل إعداد الميزانية',
              fr: 'Écouter les besoins des habitants de chaque quartier avant la préparation du budget',
              en: 'Hearing the needs of the residents of each neighbourhood before the budget is prepared',
            },
            expectedResults: {
              ar: 'لقاء واحد على الأقل في كل حي سنويا، وخلاصاته منشورة',
              fr: 'Au moins une rencontre par quartier et par an, avec ses conclusions publiées',
              en: 'At least one meeting per neighbourhood a year, with its conclusions published',
            },
            durationMonths: 24,
            partners: ['associations'],
            partnersContribution: {
              ar: 'الجمعيات المحلية: تعبئة الساكنة وتسيير اللقاءات',
              fr: 'Associations locales : mobilisation des habitants et animation des rencontres',
              en: 'Local associations: bringing residents together and running the meetings',
            },
            indicators: [
              {
                kind: 'monitoring',
                statement: {
                  ar: 'عدد اللقاءات التشاورية المنظمة في الأحياء',
                  fr: 'Nombre de rencontres de concertation organisées dans les quartiers',
                  en: 'Number of consultation meetings held in the neighbourhoods',
                },
                unit: COUNT,
                baseline: 0,
                target: 8,
              },
            ],
            activities: [
              {
                number: 1,
                title: {
                  ar: 'تنظيم لقاءات تشاورية في أحياء المدينة',
                  fr: 'Organisation de rencontres de concertation dans les quartiers de la ville',
                  en: "Holding consultation meetings in the town's neighbourhoods",
                },
                partners: ['associations', 'commune'],
                cost: { kind: 'amount', amountMad: 20000 },
                funding: { kind: 'own' },
                start: '2025-04-01',
                end: '2026-10-31',
                status: 'in_progress',
                progress: 60,
              },
              {
                number: 2,
                title: {
                  ar: 'نشر خلاصات اللقاءات والأجوبة عليها',
                  fr: 'Publication des conclusions des rencontres et des réponses apportées',
                  en: 'Publishing the conclusions of the meetings and the answers given',
                },
                partners: ['commune'],
                cost: NO_COST,
                funding: { kind: 'own' },
                start: '2025-06-01',
                end: '2026-12-31',
                status: 'in_progress',
                progress: 30,
              },
            ],
          },
          {
            number: 3,
            title: {
              ar: 'تتبع الشكايات عبر البوابة الوطنية',
              fr: 'Suivi des réclamations par le portail national',
              en: 'Following up complaints through the national portal',
            },
            objectives: {
              ar: 'الإجابة على شكايات المواطنين داخل الآجال',
              fr: 'Répondre aux réclamations des citoyens dans les délais',
              en: "Answering citizens' complaints on time",
            },
            expectedResults: {
              ar: 'كل شكاية تتلقى جوابا داخل 60 يوما',
              fr: 'Chaque réclamation reçoit une réponse sous 60 jours',
              en: 'Every complaint gets an answer within 60 days',
            },
            durationMonths: 12,
            partners: ['dgct'],
            partnersContribution: {
              ar: 'المديرية العامة للجماعات الترابية: ربط الجماعة بالبوابة وتكوين المكلفين',
              fr: 'DGCT : raccordement de la commune au portail et formation des agents chargés',
              en: 'DGCT: connecting the commune to the portal and training the staff in charge',
            },
            indicators: [
              {
                kind: 'monitoring',
                statement: {
                  ar: 'نسبة الشكايات المجاب عنها داخل 60 يوما',
                  fr: 'Part des réclamations traitées sous 60 jours',
                  en: 'Share of complaints answered within 60 days',
                },
                unit: { ar: '%', fr: '%', en: '%' },
                target: 90,
              },
            ],
            activities: [
              {
                number: 1,
                title: {
                  ar: 'تعيين وتكوين موظفين مكلفين بتتبع الشكايات',
                  fr: 'Désignation et formation des agents chargés du suivi des réclamations',
                  en: 'Appointing and training the staff who follow up complaints',
                },
                partners: ['dgct'],
                cost: NO_COST,
                funding: { kind: 'partner', partner: 'dgct' },
                start: '2025-01-01',
                end: '2025-03-31',
                status: 'done',
                progress: 100,
              },
              {
                number: 2,
                title: {
                  ar: 'نشر تقرير نصف سنوي حول الشكايات ومآلها',
                  fr: 'Publication d’un rapport semestriel sur les réclamations et leur suite',
                  en: 'Publishing a half-yearly report on complaints and what became of them',
                },
                partners: ['commune'],
                cost: NO_COST,
                funding: { kind: 'own' },
                start: '2025-07-01',
                end: '2025-12-31',
                status: 'done',
                progress: 100,
              },
            ],
          },
        ],
      },
    ],
  },
};

/** Loads the example commune, marks it as demo data, and its tracking; loading again changes nothing. */
export async function loadChefchaouenDemo(db: Db): Promise<void> {
  await loadSeedProgramme(db, chefchaouen);
  await db.updateTable('collectivity').set({ is_demo: 1 }).where('slug', '=', chefchaouen.collectivity).where('is_demo', '=', 0).execute();
  await loadChefchaouenTracking(db);
}
