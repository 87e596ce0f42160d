// Built-in demo data: the openness programme 2024–2025 of the commune of Settat,
// transcribed from the official document (shared/seeds/settat-openness-program-2024-2025.txt).
// Arabic is the source text; French and English are translations.
// Activities (partners, cost, funding, dates) follow the matrix (مصفوفة مشاريع وأنشطة);
// project fields follow the project cards (بطاقة حول المشروع 1..4).

import type { L10n, SeedCost, SeedProgramme } from './types.ts';

/** "-" in the matrix cost column. */
const NO_COST: SeedCost = { kind: 'none' };

/** "ستحدد من الجهة الملزمة بتنفيذ النشاط" in the matrix cost column. */
const COST_TBD: SeedCost = {
  kind: 'tbd',
  note: {
    ar: 'ستحدد من الجهة الملزمة بتنفيذ النشاط',
    fr: "À déterminer par l'entité chargée de la mise en œuvre de l'activité",
    en: 'To be determined by the party responsible for implementing the activity',
  },
};

/** Unit of indicators stated as "عدد ..." (a count). */
const COUNT: L10n = { ar: 'عدد', fr: 'nombre', en: 'number' };

/** Unit of indicators stated as "نسبة ..." (a percentage). */
const PERCENT: L10n = { ar: '%', fr: '%', en: '%' };

export const settat: SeedProgramme = {
  collectivities: [
    {
      slug: 'casablanca-settat',
      name: {
        ar: 'جهة الدار البيضاء سطات',
        fr: 'Région Casablanca-Settat',
        en: 'Casablanca-Settat Region',
      },
      kind: 'region',
    },
    {
      slug: 'province-settat',
      name: { ar: 'إقليم سطات', fr: 'Province de Settat', en: 'Settat Province' },
      kind: 'province',
      parent: 'casablanca-settat',
    },
    {
      slug: 'settat',
      name: { ar: 'جماعة سطات', fr: 'Commune de Settat', en: 'Settat Commune' },
      kind: 'commune',
      parent: 'province-settat',
    },
  ],

  collectivity: 'settat',

  partners: [
    {
      key: 'dgct',
      name: {
        ar: 'المديرية العامة للجماعات الترابية (وزارة الداخلية)',
        fr: "Direction Générale des Collectivités Territoriales (DGCT), ministère de l'Intérieur",
        en: 'General Directorate of Territorial Collectivities (DGCT), Ministry of the Interior',
      },
      kind: 'ministry_directorate',
    },
    {
      key: 'enabel',
      name: {
        ar: 'مؤسسة ENABEL (برنامج دعم المشاركة المواطنة)',
        fr: "Enabel (programme d'appui à la participation citoyenne)",
        en: 'Enabel (citizen participation support programme)',
      },
      kind: 'cooperation_agency',
    },
    {
      key: 'uh1',
      name: {
        ar: 'جامعة الحسن الأول',
        fr: 'Université Hassan Ier',
        en: 'Hassan I University',
      },
      kind: 'university',
    },
    {
      key: 'ieecag',
      name: {
        ar: 'هيئة المساواة وتكافؤ الفرص ومقاربة النوع',
        fr: "Instance de l'équité, de l'égalité des chances et de l'approche genre (IEECAG)",
        en: 'Equality, Equal Opportunities and Gender Approach Commission (IEECAG)',
      },
      kind: 'other',
    },
    {
      // "الجماعة" in the matrix: the commune itself.
      key: 'commune',
      name: { ar: 'جماعة سطات', fr: 'Commune de Settat', en: 'Settat Commune' },
      kind: 'collectivity',
    },
    {
      key: 'media',
      name: {
        ar: 'المنابر الإعلامية ومختلف الفاعلين المحليين',
        fr: 'Médias et différents acteurs locaux',
        en: 'Media outlets and local actors',
      },
      kind: 'media',
    },
  ],

  programme: {
    title: {
      ar: 'برنامج انفتاح جماعة سطات 2024-2025',
      fr: "Programme d'ouverture de la commune de Settat 2024-2025",
      en: 'Openness programme of the Commune of Settat 2024-2025',
    },
    startYear: 2024,
    endYear: 2025,
    status: 'adopted',
    adoption: {
      session: {
        ar: 'دورة أكتوبر 2023',
        fr: "Session d'octobre 2023",
        en: 'October 2023 session',
      },
      // The document names the session ("دورة أكتوبر 2023") but not the day of the vote.
      date: null,
      reference: {
        ar: 'صادق عليه مجلس جماعة سطات خلال دورة أكتوبر 2023',
        fr: "Adopté par le conseil communal de Settat lors de sa session d'octobre 2023",
        en: 'Adopted by the Settat municipal council at its October 2023 session',
      },
    },

    axes: [
      // ── Axis 1 ─────────────────────────────────────────────────────────────
      {
        number: 1,
        title: {
          ar: 'الميزانية التشاركية',
          fr: 'Budget participatif',
          en: 'Participatory budget',
        },
        projects: [
          {
            number: 1,
            title: {
              ar: 'اعتماد الميزانية التشاركية في الميزانيات السنوية',
              fr: 'Adoption du budget participatif dans les budgets annuels',
              en: 'Adopting the participatory budget in the annual budgets',
            },
            objectives: {
              ar: 'تعزيز الثقة بين المواطن والجماعة\nجعل المواطن شريكا في تحديد الاحتياجات وإيجاد الحلول',
              fr: "Renforcer la confiance entre le citoyen et la commune\nFaire du citoyen un partenaire dans l'identification des besoins et la recherche de solutions",
              en: 'Strengthening trust between citizens and the commune\nMaking citizens partners in identifying needs and finding solutions',
            },
            expectedResults: {
              ar: 'سيساهم المشروع في فتح المجال للمواطن للمساهمة في تدبير الشأن العام المحلي\nمشاركة الساكنة في تحديد الأولويات التنموية من خلال اختياره للمشاريع الممولة بالميزانية التشاركية وتنزيلها وتتبعها وتقييمها.',
              fr: 'Le projet contribuera à ouvrir au citoyen la possibilité de participer à la gestion des affaires publiques locales\nParticipation de la population à la définition des priorités de développement, à travers le choix des projets financés par le budget participatif, leur mise en œuvre, leur suivi et leur évaluation.',
              en: 'The project will help open the way for citizens to take part in managing local public affairs\nParticipation of the population in setting development priorities, by choosing the projects funded by the participatory budget and by implementing, monitoring and evaluating them.',
            },
            durationMonths: 12, // سنة
            partners: ['dgct', 'enabel', 'uh1'],
            partnersContribution: {
              ar: 'جامعة الحسن الأول: تنظيم لقاءات وأنشطة علمية حول الموضوع.\nمؤسسة ENABEL تتحمل تكلفة التكوين والمواكبة.',
              fr: "Université Hassan Ier : organisation de rencontres et d'activités scientifiques sur le sujet.\nEnabel prend en charge le coût de la formation et de l'accompagnement.",
              en: 'Hassan I University: organising meetings and academic activities on the subject.\nEnabel covers the cost of training and support.',
            },
            indicators: [
              {
                kind: 'monitoring',
                statement: {
                  ar: 'مدى اعتماد الميزانية التشاركية في ميزانية سنتي 2025 و2026.',
                  fr: "Degré d'adoption du budget participatif dans les budgets des années 2025 et 2026.",
                  en: 'Extent to which the participatory budget is adopted in the 2025 and 2026 budgets.',
                },
                unit: { ar: 'ميزانية', fr: 'budgets', en: 'budgets' },
                target: 2, // the 2025 and 2026 budgets
              },
              {
                kind: 'impact',
                statement: {
                  ar: 'تنزيل المشاريع في إطار الميزانية التشاركية سيقوي الثقة بين المجلس والمرتفقين، وتملك للفضاءات الجماعية.',
                  fr: "La réalisation de projets dans le cadre du budget participatif renforcera la confiance entre le conseil et les usagers, ainsi que l'appropriation des espaces communaux.",
                  en: 'Delivering projects under the participatory budget will strengthen trust between the council and service users, and foster ownership of communal spaces.',
                },
              },
            ],
            activities: [
              {
                number: 1,
                title: {
                  ar: 'نشر مواد رقمية تفاعلية تحسيسية حول الميزانية التشاركية',
                  fr: 'Diffusion de contenus numériques interactifs de sensibilisation sur le budget participatif',
                  en: 'Publishing interactive digital awareness materials on the participatory budget',
                },
                partners: ['dgct'],
                cost: NO_COST,
                funding: { kind: 'own' },
                start: '2024-01-01',
                end: '2024-12-31',
              },
              {
                number: 2,
                title: {
                  ar: 'التعريف بأهمية الميزانية التشاركية: تنظيم لقاءات مع الطلبة والتلاميذ بالمؤسسات التعليمية، وبمختلف التظاهرات الثقافية بالجماعة، معارض مهرجانات، اليوم العالمي للمهاجر',
                  fr: "Faire connaître l'importance du budget participatif : organisation de rencontres avec les étudiants et les élèves dans les établissements d'enseignement et lors des différentes manifestations culturelles de la commune (expositions, festivals, Journée internationale des migrants)",
                  en: "Raising awareness of the importance of the participatory budget: organising meetings with university and school students in educational institutions and at the commune's various cultural events (exhibitions, festivals, International Migrants Day)",
                },
                partners: ['uh1'],
                cost: NO_COST,
                funding: { kind: 'own' },
                start: '2024-01-01',
                end: '2024-12-31',
              },
              {
                number: 3,
                title: {
                  ar: 'القيام بدورات تكوينية للمنتخبين والموظفين المعنيين',
                  fr: 'Organisation de sessions de formation au profit des élus et des fonctionnaires concernés',
                  en: 'Running training sessions for the elected officials and staff concerned',
                },
                partners: ['dgct', 'enabel'],
                cost: COST_TBD,
                funding: { kind: 'partner', partner: 'enabel' },
                start: '2024-01-01',
                end: '2024-12-31',
              },
              {
                number: 4,
                title: {
                  ar: 'إعداد وتنفيذ برنامج خاص بإعداد وتنفيذ وتتبع وتقييم الميزانية التشاركية',
                  fr: "Élaboration et mise en œuvre d'un programme dédié à la préparation, à l'exécution, au suivi et à l'évaluation du budget participatif",
                  en: 'Designing and implementing a dedicated programme for the preparation, implementation, monitoring and evaluation of the participatory budget',
                },
                partners: ['dgct', 'enabel'],
                cost: COST_TBD,
                funding: { kind: 'partner', partner: 'enabel' },
                start: '2024-01-01',
                end: '2024-12-31',
              },
            ],
          },
        ],
      },

      // ── Axis 2 ─────────────────────────────────────────────────────────────
      {
        number: 2,
        title: {
          ar: 'تقوية دور هيئة المساواة وتكافؤ الفرص ومقاربة النوع',
          fr: "Renforcement du rôle de l'Instance de l'équité, de l'égalité des chances et de l'approche genre",
          en: 'Strengthening the role of the Equality, Equal Opportunities and Gender Approach Commission',
        },
        projects: [
          {
            number: 2,
            title: {
              ar: 'تقوية دور هيئة المساواة وتكافؤ الفرص ومقاربة النوع',
              fr: "Renforcement du rôle de l'Instance de l'équité, de l'égalité des chances et de l'approche genre",
              en: 'Strengthening the role of the Equality, Equal Opportunities and Gender Approach Commission',
            },
            objectives: {
              ar: 'تحسين جودة خدمات وبرامج الجماعة',
              fr: 'Améliorer la qualité des services et des programmes de la commune',
              en: "Improving the quality of the commune's services and programmes",
            },
            expectedResults: {
              ar: 'تحسين جودة خدمات وبرامج الجماعة أخذاً بآراء الهيئة في ميدان المساواة وتكافؤ الفرص ومقاربة النوع',
              fr: "Amélioration de la qualité des services et des programmes de la commune en tenant compte des avis de l'Instance en matière d'équité, d'égalité des chances et d'approche genre",
              en: "Improving the quality of the commune's services and programmes by taking into account the Commission's opinions on equality, equal opportunities and the gender approach",
            },
            durationMonths: 24, // سنتين
            partners: ['dgct', 'enabel'],
            partnersContribution: {
              ar: 'الجماعة: التتبع والمواكبة\nمؤسسة ENABEL تتحمل تكلفة التكوين والمواكبة.',
              fr: "Commune : suivi et accompagnement\nEnabel prend en charge le coût de la formation et de l'accompagnement.",
              en: 'Commune: monitoring and support\nEnabel covers the cost of training and support.',
            },
            indicators: [
              {
                kind: 'monitoring',
                statement: {
                  ar: 'عدد الآراء الاستشارية المقدمة لمجلس الجماعة',
                  fr: "Nombre d'avis consultatifs soumis au conseil communal",
                  en: 'Number of advisory opinions submitted to the municipal council',
                },
                unit: COUNT,
              },
              {
                kind: 'impact',
                statement: {
                  ar: 'عدد المشاريع التي أخذ فيها برأي الهيئة من طرف المجلس',
                  fr: "Nombre de projets pour lesquels le conseil a tenu compte de l'avis de l'Instance",
                  en: "Number of projects in which the council took the Commission's opinion into account",
                },
                unit: COUNT,
              },
            ],
            activities: [
              {
                number: 1,
                title: {
                  ar: 'إعداد فضاء إلكتروني خاص بهيئة المساواة وتكافؤ الفرص ومقاربة النوع بالبوابة الالكترونية للجماعة',
                  fr: "Création d'un espace électronique dédié à l'Instance de l'équité, de l'égalité des chances et de l'approche genre sur le portail électronique de la commune",
                  en: "Setting up a dedicated online space for the Equality, Equal Opportunities and Gender Approach Commission on the commune's web portal",
                },
                partners: ['ieecag'],
                cost: NO_COST,
                funding: { kind: 'own' },
                start: '2024-01-01',
                end: '2024-12-31',
              },
              {
                number: 2,
                title: {
                  ar: 'تنظيم دورات تكوينية للهيئة',
                  fr: "Organisation de sessions de formation au profit de l'Instance",
                  en: 'Organising training sessions for the Commission',
                },
                partners: ['dgct', 'enabel'],
                cost: COST_TBD,
                funding: { kind: 'partner', partner: 'enabel' },
                start: '2024-01-01',
                end: '2024-12-31',
              },
              {
                number: 3,
                title: {
                  ar: 'تخصيص مكتب للهيئة',
                  fr: "Affectation d'un bureau à l'Instance",
                  en: 'Allocating an office to the Commission',
                },
                partners: ['commune'],
                cost: NO_COST,
                funding: { kind: 'own' },
                start: '2024-01-01',
                end: '2024-12-31',
              },
              {
                number: 4,
                title: {
                  ar: 'مواكبة الهيئة لإصدار آراء استشارية',
                  fr: "Accompagnement de l'Instance dans l'émission d'avis consultatifs",
                  en: 'Supporting the Commission in issuing advisory opinions',
                },
                partners: ['dgct', 'enabel'],
                cost: COST_TBD,
                funding: { kind: 'partner', partner: 'enabel' },
                start: '2024-01-01',
                end: '2025-12-31',
              },
            ],
          },
        ],
      },

      // ── Axis 3 ─────────────────────────────────────────────────────────────
      {
        number: 3,
        title: { ar: 'الرقمنة', fr: 'Digitalisation', en: 'Digitalisation' },
        projects: [
          {
            number: 3,
            title: {
              ar: 'تعميم رقمنة الخدمات والمصالح الجماعية',
              fr: 'Généralisation de la digitalisation des prestations et des services communaux',
              en: 'Generalising the digitalisation of communal services and departments',
            },
            objectives: {
              ar: 'تحسين جودة خدمات وبرامج الجماعة الترابية\nتعزيز الثقة بين المواطن والجماعة الترابية.',
              fr: 'Améliorer la qualité des services et des programmes de la collectivité territoriale\nRenforcer la confiance entre le citoyen et la collectivité territoriale.',
              en: "Improving the quality of the territorial collectivity's services and programmes\nStrengthening trust between citizens and the territorial collectivity.",
            },
            expectedResults: {
              ar: 'تحسين وتجويد الخدمات المقدمة للمواطنين وتعزيز الثقة بين المواطن والجماعة عبر تقديم خدمات عن بعد.',
              fr: 'Amélioration et perfectionnement des services rendus aux citoyens et renforcement de la confiance entre le citoyen et la commune grâce à la fourniture de services à distance.',
              en: 'Improving and upgrading the services provided to citizens and strengthening trust between citizens and the commune by delivering services remotely.',
            },
            durationMonths: 24, // سنتين
            partners: ['dgct'],
            partnersContribution: {
              ar: 'الجماعة: التتبع والمواكبة\nالمديرية العامة للجماعات الترابية (وزارة الداخلية): تتحمل المديرية تكاليف ادماج الجماعة بالمنصات الرقمية الجماعية وتكوين الموظفين المعنيين.',
              fr: "Commune : suivi et accompagnement\nDirection Générale des Collectivités Territoriales (DGCT), ministère de l'Intérieur : la Direction prend en charge les coûts d'intégration de la commune aux plateformes numériques communales et de formation des fonctionnaires concernés.",
              en: 'Commune: monitoring and support\nGeneral Directorate of Territorial Collectivities (DGCT), Ministry of the Interior: the Directorate covers the costs of integrating the commune into the communal digital platforms and of training the staff concerned.',
            },
            indicators: [
              {
                kind: 'monitoring',
                statement: {
                  ar: 'نسبة البرامج والبوابات الرسمية التي انخرطت فيها مصالح الجماعة.',
                  fr: 'Pourcentage des programmes et portails officiels auxquels les services de la commune ont adhéré.',
                  en: "Percentage of official programmes and portals joined by the commune's departments.",
                },
                unit: PERCENT,
              },
              // The programme states a count and a rate in one line ("عدد الوثائق المعالجة إلكترونياً
              // ونسبة رضى المواطنين"): two indicators, so that each has its unit and follows its figure
              // (the digital services' documents processed online, the satisfaction surveys' rate).
              {
                kind: 'impact',
                statement: {
                  ar: 'عدد الوثائق المعالجة إلكترونياً.',
                  fr: 'Nombre de documents traités par voie électronique.',
                  en: 'Number of documents processed electronically.',
                },
                unit: COUNT,
              },
              {
                kind: 'impact',
                statement: {
                  ar: 'نسبة رضى المواطنين.',
                  fr: 'Taux de satisfaction des citoyens.',
                  en: 'Citizen satisfaction rate.',
                },
                unit: PERCENT,
              },
            ],
            activities: [
              {
                number: 1,
                title: {
                  ar: 'تعميم استعمال المنصات الرقمية الرسمية في تدبير مصالح الجماعة',
                  fr: "Généralisation de l'utilisation des plateformes numériques officielles dans la gestion des services de la commune",
                  en: "Generalising the use of the official digital platforms in managing the commune's services",
                },
                partners: ['dgct'],
                cost: NO_COST,
                funding: { kind: 'own' },
                start: '2024-01-01',
                end: '2025-12-31',
              },
              {
                number: 2,
                title: {
                  ar: 'القيام بحملات تحسيسية حول الخدمات الرقمية التي توفرها الجماعة للمواطنين',
                  fr: 'Conduite de campagnes de sensibilisation sur les services numériques offerts par la commune aux citoyens',
                  en: 'Running awareness campaigns on the digital services the commune offers to citizens',
                },
                partners: ['dgct'],
                cost: NO_COST,
                funding: { kind: 'own' },
                start: '2024-01-01',
                end: '2024-12-31',
              },
            ],
          },
        ],
      },

      // ── Axis 4 ─────────────────────────────────────────────────────────────
      // The document writes التداول / التحاور / التعاون in different places; it is one axis.
      {
        number: 4,
        title: {
          ar: 'خلق آلية دائمة للتحاور',
          fr: "Création d'un mécanisme permanent de dialogue",
          en: 'Creating a permanent dialogue mechanism',
        },
        projects: [
          {
            number: 4,
            title: {
              ar: 'خلق آلية دائمة للتحاور',
              fr: "Création d'un mécanisme permanent de dialogue",
              en: 'Creating a permanent dialogue mechanism',
            },
            objectives: {
              ar: 'تحسين جودة خدمات وبرامج الجماعة\nتعزيز الثقة بين المواطن والجماعة',
              fr: 'Améliorer la qualité des services et des programmes de la commune\nRenforcer la confiance entre le citoyen et la commune',
              en: "Improving the quality of the commune's services and programmes\nStrengthening trust between citizens and the commune",
            },
            expectedResults: {
              ar: 'التواصل والتحاور سيمكن المواطنين من التعرف على مختلف انجازات المجلس الجماعي والاكراهات التي يعاني منها.\nجعل المواطن شريكا في تحديد الاحتياجات وإيجاد الحلول بتقوية آليات التواصل والحوار التفاعلي.',
              fr: "La communication et le dialogue permettront aux citoyens de prendre connaissance des différentes réalisations du conseil communal et des contraintes auxquelles il fait face.\nFaire du citoyen un partenaire dans l'identification des besoins et la recherche de solutions en renforçant les mécanismes de communication et de dialogue interactif.",
              en: "Communication and dialogue will enable citizens to learn about the municipal council's various achievements and the constraints it faces.\nMaking citizens partners in identifying needs and finding solutions by strengthening communication and interactive dialogue mechanisms.",
            },
            durationMonths: 24, // سنتين
            partners: ['media', 'enabel'],
            partnersContribution: {
              ar: 'الجماعة: فضاء الاستقبال.',
              fr: "Commune : espace d'accueil.",
              en: 'Commune: reception space.',
            },
            indicators: [
              {
                kind: 'monitoring',
                statement: {
                  ar: 'عدد اللقاءات التواصلية مع مختلف الفاعلين المحليين.',
                  fr: 'Nombre de rencontres de communication avec les différents acteurs locaux.',
                  en: 'Number of outreach meetings with the various local actors.',
                },
                unit: COUNT,
              },
              {
                kind: 'impact',
                statement: {
                  ar: 'قياس مدى الرضى عن أعمال المجلس ومصالح الجماعة.',
                  fr: "Mesure du degré de satisfaction à l'égard de l'action du conseil et des services de la commune.",
                  en: "Measuring satisfaction with the work of the council and the commune's services.",
                },
              },
            ],
            activities: [
              {
                number: 1,
                title: {
                  ar: 'عقد لقاءات تواصلية دورية بين مختلف الفاعلين المحليين',
                  fr: 'Tenue de rencontres de communication périodiques entre les différents acteurs locaux',
                  en: 'Holding regular outreach meetings between the various local actors',
                },
                partners: ['enabel', 'media'],
                cost: NO_COST,
                funding: { kind: 'own' },
                start: '2024-01-01',
                end: '2025-12-31',
              },
              {
                number: 2,
                title: {
                  ar: 'نشر التقييم السنوي لبرنامج عمل الجماعة',
                  fr: "Publication de l'évaluation annuelle du programme d'action de la commune (PAC)",
                  en: 'Publishing the annual evaluation of the municipal action plan (PAC)',
                },
                partners: ['dgct'],
                cost: NO_COST,
                funding: { kind: 'own' },
                start: '2024-01-01',
                end: '2025-12-31',
              },
            ],
          },
        ],
      },
    ],
  },
};
