// A second commune, Berrechid, with a one-activity programme (and one indicator): the other
// collectivity of the tenant-isolation tests.
import { loadSeedProgramme } from '../../src/modules/programme/seed/load.ts';
import type { SeedProgramme } from '../../src/modules/programme/seed/types.ts';
import type { Db } from '../../src/platform/db/database.ts';

export const berrechid: SeedProgramme = {
  collectivities: [{ slug: 'berrechid', name: { ar: 'جماعة برشيد', fr: 'Commune de Berrechid', en: 'Berrechid' }, kind: 'commune' }],
  collectivity: 'berrechid',
  partners: [{ key: 'c', name: { ar: 'الجماعة', fr: 'La commune', en: 'The commune' }, kind: 'collectivity' }],
  programme: {
    title: { ar: 'برنامج انفتاح جماعة برشيد', fr: 'Programme de Berrechid', en: 'Berrechid programme' },
    startYear: 2024,
    endYear: 2025,
    status: 'adopted',
    adoption: { session: { ar: 'دورة', fr: 'session', en: 'session' }, date: null, reference: { ar: 'مرجع', fr: 'réf', en: 'ref' } },
    axes: [
      {
        number: 1,
        title: { ar: 'الرقمنة', fr: 'Digitalisation', en: 'Digitalisation' },
        projects: [
          {
            number: 1,
            title: { ar: 'مشروع', fr: 'Projet', en: 'Project' },
            objectives: { ar: 'هدف', fr: 'objectif', en: 'objective' },
            expectedResults: { ar: 'نتيجة', fr: 'résultat', en: 'result' },
            durationMonths: 12,
            partners: ['c'],
            partnersContribution: { ar: 'مساهمة', fr: 'contribution', en: 'contribution' },
            indicators: [{ kind: 'monitoring', statement: { ar: 'عدد الخدمات الرقمية', fr: 'Services numériques', en: 'Digital services' } }],
            activities: [
              { number: 1, title: { ar: 'نشاط برشيد', fr: 'Activité', en: 'Activity' }, partners: ['c'], cost: { kind: 'none' }, funding: { kind: 'own' }, start: '2024-01-01', end: '2024-12-31' },
            ],
          },
        ],
      },
    ],
  },
};

export const loadBerrechid = (db: Db) => loadSeedProgramme(db, berrechid);
