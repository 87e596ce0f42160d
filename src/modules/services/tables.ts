// Tables of the digital services module, added to the application's Database type (declaration
// merging). The migration is src/db/migrations/20261205T1300_services_surveys.ts.
import type { Generated, Selectable } from 'kysely';

type L10n<Name extends string> = { [K in `${Name}_ar` | `${Name}_fr` | `${Name}_en`]: string | null };
type Stamps = { created_at: string; updated_at: string };

export const campaignChannels = ['radio', 'social_media', 'caravan', 'schools', 'desk_posters', 'other'] as const;
export type CampaignChannel = (typeof campaignChannels)[number];
/** law 55-19: an administrative decision within 60 days at most, 30 for an investment project */
export const LEGAL_DAYS_MAX = 60;

/** the network's shared list of national platforms (no collectivity) */
export type DigitalPlatformTable = {
  id: Generated<number>;
  key: string;
  url: string | null;
  position: number;
  retired: Generated<number>;
  name_ar: string;
  name_fr: string | null;
  name_en: string | null;
} & L10n<'purpose'> & Stamps;

export type PlatformMembershipTable = {
  collectivity_id: number;
  platform_id: number;
  joined: Generated<number>;
  joined_on: string | null;
  is_example: Generated<number>;
} & L10n<'services'> & L10n<'desk'> & Stamps;

export type PublicServiceTable = {
  id: Generated<number>;
  collectivity_id: number;
  position: number;
  platform_id: number | null;
  online_url: string | null;
  legal_days: number | null;
  is_example: Generated<number>;
  name_ar: string;
  name_fr: string | null;
  name_en: string | null;
} & L10n<'how_to_apply'> & L10n<'documents_needed'> & L10n<'desk'> & Stamps;

export type ServiceMonthTable = {
  id: Generated<number>;
  collectivity_id: number;
  service_id: number;
  /** YYYY-MM */
  month: string;
  received: number;
  online: number;
  paper: number;
  median_days: number | null;
  is_example: Generated<number>;
} & Stamps;

export type AwarenessCampaignTable = {
  id: Generated<number>;
  collectivity_id: number;
  held_on: string;
  channel: string;
  reached: number | null;
  women: number | null;
  materials_url: string | null;
  is_example: Generated<number>;
  title_ar: string;
  title_fr: string | null;
  title_en: string | null;
} & L10n<'description'> & Stamps;

declare module '../../platform/db/schema.ts' {
  interface Database {
    digital_platform: DigitalPlatformTable;
    platform_membership: PlatformMembershipTable;
    public_service: PublicServiceTable;
    service_month: ServiceMonthTable;
    awareness_campaign: AwarenessCampaignTable;
  }
}

export type DigitalPlatformRow = Selectable<DigitalPlatformTable>;
export type PlatformMembershipRow = Selectable<PlatformMembershipTable>;
export type PublicServiceRow = Selectable<PublicServiceTable>;
export type ServiceMonthRow = Selectable<ServiceMonthTable>;
export type AwarenessCampaignRow = Selectable<AwarenessCampaignTable>;
