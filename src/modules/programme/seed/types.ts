// Shape of a built-in demo programme (the Settat seed). Plain data, no database types,
// so that the demo loader and the import tests can share it.

export type Locale = 'ar' | 'fr' | 'en';
/** A text in the three locales. Arabic is the source; fr and en are translations. */
export type L10n = { ar: string; fr: string; en: string };

export type CollectivityKind = 'commune' | 'province' | 'prefecture' | 'region';
export type PartnerKind =
  | 'ministry_directorate'
  | 'cooperation_agency'
  | 'university'
  | 'association'
  | 'media'
  | 'collectivity'
  | 'other';

export interface SeedCollectivity {
  slug: string;
  name: L10n;
  kind: CollectivityKind;
  /** slug of the parent collectivity (province of a commune, region of a province) */
  parent?: string;
}

export interface SeedPartner {
  /** stable key used by activities and projects below */
  key: string;
  name: L10n;
  kind: PartnerKind;
}

export type SeedCost =
  | { kind: 'none' } // "-" in the matrix
  | { kind: 'amount'; amountMad: number }
  | { kind: 'tbd'; note: L10n }; // "to be set by the implementing party"

export type SeedFunding = { kind: 'own' } | { kind: 'partner'; partner: string };

export interface SeedActivity {
  number: number;
  title: L10n;
  partners: string[]; // partner keys, in the document's order
  cost: SeedCost;
  funding: SeedFunding;
  start: string; // YYYY-MM-DD
  end: string; // YYYY-MM-DD
  /** implementation state; the document gives none (planned, 0) — generated data sets it */
  status?: 'planned' | 'in_progress' | 'done' | 'delayed' | 'cancelled';
  progress?: number;
}

export interface SeedIndicator {
  kind: 'monitoring' | 'impact';
  statement: L10n;
  unit?: L10n;
  baseline?: number;
  target?: number;
}

export interface SeedProject {
  number: number;
  title: L10n;
  objectives: L10n;
  expectedResults: L10n;
  durationMonths: number;
  partners: string[]; // partner keys named on the card
  partnersContribution: L10n;
  indicators: SeedIndicator[];
  activities: SeedActivity[];
}

export interface SeedAxis {
  number: number;
  title: L10n;
  projects: SeedProject[];
}

export interface SeedProgramme {
  collectivities: SeedCollectivity[]; // parents first
  collectivity: string; // slug of the collectivity that owns the programme
  partners: SeedPartner[];
  programme: {
    title: L10n;
    startYear: number;
    endYear: number;
    status: 'adopted' | 'in_implementation';
    /** date: null when the document gives only the session (month) */
    adoption: { session: L10n; date: string | null; reference: L10n };
    axes: SeedAxis[];
  };
}
