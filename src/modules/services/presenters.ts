// Rows → view models for one locale (public pages, back office and API share them).
import { formatDate, formatMonth } from '../../platform/i18n/format.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { pick, pickField, pickText } from '../../platform/tenancy.ts';
import type { MonthTotal, PlatformStatus } from './repository.ts';
import type { AwarenessCampaignRow, DigitalPlatformRow, PublicServiceRow } from './tables.ts';
import type { CampaignView, MonthView, PlatformView, ServiceView } from './views/public.tsx';

export const platformName = (p: DigitalPlatformRow, locale: Locale) => pick({ ar: p.name_ar, fr: p.name_fr, en: p.name_en }, locale);

export function presentPlatform(s: PlatformStatus, locale: Locale): PlatformView {
  const m = s.membership;
  const joined = m?.joined === 1;
  return {
    key: s.platform.key,
    name: platformName(s.platform, locale),
    purpose: pickField(s.platform, 'purpose', locale),
    url: s.platform.url,
    joined,
    joinedOn: joined && m?.joined_on ? formatDate(locale, m.joined_on) : null,
    services: m ? pickField(m, 'services', locale) : null,
    desk: m ? pickField(m, 'desk', locale) : null,
    retired: s.platform.retired === 1,
  };
}

/** label "mars 2025"; shortLabel "mars 25", short enough for twelve bars side by side at 360 px */
export function presentMonth(m: MonthTotal, locale: Locale): MonthView {
  return { ...m, label: formatMonth(locale, m.month), shortLabel: formatMonth(locale, m.month, 'short'), share: m.received === 0 ? null : Math.round((m.online / m.received) * 1000) / 10 };
}

export function presentService(s: PublicServiceRow, platforms: Map<number, DigitalPlatformRow>, locale: Locale): ServiceView {
  const platform = s.platform_id === null ? undefined : platforms.get(s.platform_id);
  return {
    id: s.id,
    name: pickText(s, 'name', locale),
    platform: platform ? platformName(platform, locale) : null,
    platformUrl: platform?.url ?? null,
    legalDays: s.legal_days,
    howToApply: pickField(s, 'how_to_apply', locale),
    documentsNeeded: pickField(s, 'documents_needed', locale),
    desk: pickField(s, 'desk', locale),
    onlineUrl: s.online_url,
    example: s.is_example === 1,
  };
}

export function presentCampaign(c: AwarenessCampaignRow, locale: Locale): CampaignView {
  return {
    id: c.id,
    heldOn: formatDate(locale, c.held_on),
    channel: c.channel,
    title: pickText(c, 'title', locale),
    description: pickField(c, 'description', locale),
    reached: c.reached,
    women: c.women,
    materialsUrl: c.materials_url,
    example: c.is_example === 1,
  };
}
