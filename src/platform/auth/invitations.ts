// Staff roles are granted by invitation, never imposed: a focal point invites an address,
// the person receives a link by mail and accepts it, signed in with a verified account at that
// address. Inviting answers the same whether or not the address has an account. The mail holds
// the token; the table only its SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import { type Generated, sql } from 'kysely';
import { type Actor, recordChange } from '../audit.ts';
import { invalid, rollbackWith, tenantTransaction } from '../commands.ts';
import type { Db } from '../db/database.ts';
import { now } from '../db/database.ts';
import { type Locale, isLocale, translator } from '../i18n/i18n.ts';
import { mayMailTo, queueMail } from '../mail/index.ts';
import { registerAccountDeletionHandler, registerPersonalDataExporter } from '../personal-data.ts';
import { pick } from '../tenancy.ts';
import type { Role } from './roles.ts';

export interface StaffInvitationTable {
  id: Generated<number>;
  /** sha256 of the token sent in the mail */
  token_hash: string;
  collectivity_id: number;
  email: string;
  role: string;
  invited_by: number | null;
  created_at: string;
  expires_at: string;
}

declare module '../db/schema.ts' {
  interface Database {
    staff_invitation: StaffInvitationTable;
  }
}

export const INVITATION_DAYS = 7;

/** What a deleted person's address becomes in the team's history. */
const DELETED = '(deleted account)';

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export interface PendingInvitation {
  id: number;
  email: string;
  role: Role;
  expiresAt: string;
}

export async function pendingInvitations(db: Db, collectivityId: number): Promise<PendingInvitation[]> {
  const rows = await db
    .selectFrom('staff_invitation')
    .select(['id', 'email', 'role', 'expires_at'])
    .where('collectivity_id', '=', collectivityId)
    .where('expires_at', '>', now())
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email, role: r.role as Role, expiresAt: r.expires_at }));
}

export interface InvitationMailContext {
  collectivity: { id: number; name: { ar: string; fr: string | null; en: string | null } };
  inviterName: string;
  locale: Locale;
  /** the accept link for a token (absolute, from BASE_URL) */
  link: (token: string, locale: Locale) => string;
}

function invitationMail(to: string, role: Role, token: string, ctx: InvitationMailContext, locale: Locale) {
  const t = translator(locale);
  const collectivity = pick(ctx.collectivity.name, locale).text;
  const values = { collectivity, role: t(`roles.${role}`), inviter: ctx.inviterName, days: INVITATION_DAYS };
  return {
    to,
    collectivityId: ctx.collectivity.id,
    subject: t('team.mail.subject', values),
    text: [
      t('team.mail.intro', values),
      t(`team.abilities.${role}`),
      `${t('team.mail.action', values)}\n${ctx.link(token, locale)}`,
      t('team.mail.ignore'),
    ].join('\n\n'),
  };
}

/**
 * Invites an address to a role in the collectivity. Refused only when a team member (listed on
 * the team page) already holds the role; otherwise the answer is the same for any address. A new
 * invitation replaces a pending one for the same address and role.
 */
export async function inviteToTeam(db: Db, actor: Actor, input: { email: string; role: Role }, ctx: InvitationMailContext) {
  const collectivityId = ctx.collectivity.id;
  return tenantTransaction(
    db,
    collectivityId,
    async (trx) => {
      const account = await trx.selectFrom('app_user').select(['id', 'locale']).where('email', '=', input.email).where('deleted_at', 'is', null).executeTakeFirst();
      if (account) {
        const has = await trx
          .selectFrom('role_assignment')
          .select('id')
          .where('user_id', '=', account.id)
          .where('role', '=', input.role)
          .where('collectivity_id', '=', collectivityId)
          .executeTakeFirst();
        if (has) rollbackWith({ role: { key: 'team.errors.alreadyHasRole' } });
      }
      const at = Date.now();
      // expired invitations of anyone are of no use: swept here, without a timer
      await trx.deleteFrom('staff_invitation').where('expires_at', '<', new Date(at).toISOString()).execute();
      await trx
        .deleteFrom('staff_invitation')
        .where('collectivity_id', '=', collectivityId)
        .where('email', '=', input.email)
        .where('role', '=', input.role)
        .execute();
      if (!(await mayMailTo(trx, input.email))) return;
      const token = randomBytes(32).toString('base64url');
      const row = await trx
        .insertInto('staff_invitation')
        .values({
          token_hash: digest(token),
          collectivity_id: collectivityId,
          email: input.email,
          role: input.role,
          invited_by: actor.userId,
          created_at: new Date(at).toISOString(),
          expires_at: new Date(at + INVITATION_DAYS * 86_400_000).toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // in the person's language if they have an account, else in the inviter's
      const locale = account && isLocale(account.locale) ? account.locale : ctx.locale;
      await queueMail(trx, invitationMail(input.email, input.role, token, ctx, locale));
      await recordChange(trx, {
        collectivityId, programmeId: null, entityType: 'staff_invitation', entityId: row.id, action: 'create', actor,
        changes: [{ field: 'role', before: null, after: `${input.role}: ${input.email}` }], public: false,
      });
    },
    { changesPages: false },
  );
}

export async function revokeInvitation(db: Db, actor: Actor, collectivityId: number, invitationId: number) {
  return tenantTransaction(
    db,
    collectivityId,
    async (trx) => {
      const row = await trx
        .deleteFrom('staff_invitation')
        .where('id', '=', invitationId)
        .where('collectivity_id', '=', collectivityId)
        .returning(['email', 'role'])
        .executeTakeFirst();
      if (!row) rollbackWith({ grant: { key: 'team.errors.invitationNotFound' } });
      await recordChange(trx, {
        collectivityId, programmeId: null, entityType: 'staff_invitation', entityId: invitationId, action: 'delete', actor,
        changes: [{ field: 'role', before: `${row!.role}: ${row!.email}`, after: null }], public: false,
      });
    },
    { changesPages: false },
  );
}

export interface LiveInvitation {
  id: number;
  email: string;
  role: Role;
  collectivity: { id: number; slug: string; name: { ar: string; fr: string | null; en: string | null } };
}

/** The invitation a live (unexpired, unused) token stands for, or null. */
export async function liveInvitation(db: Db, token: string): Promise<LiveInvitation | null> {
  if (!token || token.length > 200) return null;
  const row = await db
    .selectFrom('staff_invitation as i')
    .innerJoin('collectivity as c', 'c.id', 'i.collectivity_id')
    .select(['i.id', 'i.email', 'i.role', 'c.id as collectivityId', 'c.slug', 'c.name_ar', 'c.name_fr', 'c.name_en'])
    .where('i.token_hash', '=', digest(token))
    .where('i.expires_at', '>', now())
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    collectivity: { id: row.collectivityId, slug: row.slug, name: { ar: row.name_ar, fr: row.name_fr, en: row.name_en } },
  };
}

/** Why this account may not accept the invitation (an i18n key), or null. */
export async function acceptanceRefusal(db: Db, userId: number, invitation: LiveInvitation): Promise<string | null> {
  const account = await db.selectFrom('app_user').select(['email', 'email_verified_at']).where('id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!account || account.email !== invitation.email) return 'team.invitation.otherAccount';
  if (!account.email_verified_at) return 'team.invitation.unverified';
  return null;
}

/**
 * Accepts the invitation as this account and grants the role. The invitation is used once: of
 * two requests racing with the same link, the one that deletes the row grants the role.
 */
export async function acceptInvitation(db: Db, userId: number, token: string) {
  const invitation = await liveInvitation(db, token);
  if (!invitation) return invalid({ token: { key: 'team.invitation.invalid' } });
  return tenantTransaction(
    db,
    invitation.collectivity.id,
    async (trx) => {
      const refusal = await acceptanceRefusal(trx, userId, invitation);
      if (refusal) rollbackWith({ token: { key: refusal } });
      const used = await trx.deleteFrom('staff_invitation').where('id', '=', invitation.id).where('expires_at', '>', now()).executeTakeFirst();
      if (Number(used.numDeletedRows) !== 1) rollbackWith({ token: { key: 'team.invitation.invalid' } });
      const has = await trx
        .selectFrom('role_assignment')
        .select('id')
        .where('user_id', '=', userId)
        .where('role', '=', invitation.role)
        .where('collectivity_id', '=', invitation.collectivity.id)
        .executeTakeFirst();
      if (!has) {
        const grant = await trx
          .insertInto('role_assignment')
          .values({ user_id: userId, role: invitation.role, collectivity_id: invitation.collectivity.id })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordChange(trx, {
          collectivityId: invitation.collectivity.id, programmeId: null, entityType: 'role_assignment', entityId: grant.id, action: 'create',
          actor: { userId, role: invitation.role },
          changes: [{ field: 'role', before: null, after: `${invitation.role}: ${invitation.email}` }], public: false,
        });
      }
      return invitation.collectivity.slug;
    },
    { changesPages: false },
  );
}

// Invitations addressed to a person are about them: in their export, gone with their account.
registerPersonalDataExporter('invitations', async (db, person) => {
  const rows = await db
    .selectFrom('staff_invitation as i')
    .innerJoin('collectivity as c', 'c.id', 'i.collectivity_id')
    .select(['c.slug', 'i.role', 'i.created_at', 'i.expires_at'])
    .where('i.email', '=', person.email)
    .execute();
  return rows.length ? rows.map((r) => ({ collectivity: r.slug, role: r.role, createdAt: r.created_at, expiresAt: r.expires_at })) : null;
});
registerAccountDeletionHandler('invitations', async (trx, person) => {
  await trx.deleteFrom('staff_invitation').where('email', '=', person.email).execute();
  // the team's history keeps what happened, no longer to which address
  await trx
    .updateTable('change_log')
    .set({ changes: sql`replace(changes, ${person.email}, ${DELETED})` })
    .where('entity_type', 'in', ['staff_invitation', 'role_assignment'])
    .execute();
});
