// After a meeting. Back office (/admin/c/{slug}/meetings/{id}/record…, permission meeting.manage):
// attendance, minutes (text and PDF), photos, questions, commitments and "make it a programme
// activity"; each write: permission → CSRF → zod → command → redirect with a message, or the page
// again with the form's values and errors (400). Public (the outcome itself is on the meeting's page, routes.tsx): the
// minutes PDF and the photos (this collectivity's only), and attendees' feedback (uncached form).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffOf } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import { formatDate, isoToCasablanca, todayInCasablanca } from '../../platform/i18n/format.ts';
import { isLocale } from '../../platform/i18n/i18n.ts';
import { parseId, requireId } from '../../platform/params.ts';
import { registerAccountDeletionHandler, registerPersonalDataExporter } from '../../platform/personal-data.ts';
import { type Collectivity, l10nOf, pick, pickText, requireCollectivity } from '../../platform/tenancy.ts';
import type { FormState } from '../../platform/ui/form.tsx';
import { acceptOf, checkFiles, multipartForms, readForm, sendStoredFile } from '../../platform/uploads.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { requireVerifiedCitizen } from '../accounts/manifest.ts';
import { registerParticipationSource } from '../cocreation/manifest.ts';
import { heldDuring, programmeWindow } from './metrics.ts';
import { currentProgramme, registerOriginsProvider } from '../programme/manifest.ts';
import {
  MAX_PHOTOS,
  activityFromCommitmentForm,
  addCommitment,
  addPhotos,
  commitmentForm,
  commitmentToActivity,
  deletePhoto,
  feedbackForm,
  feedbackRefusal,
  giveFeedback,
  meetingOf,
  photoForm,
  recordForm,
  recordMeeting,
  setMinutesFile,
  updateCommitment,
} from './commands/outcome.ts';
import { commitmentsOf, feedbackComments, loadOutcome, meetingPhoto, minutesFile } from './outcome.ts';
import { type MeetingRow, attendanceFields } from './tables.ts';
import { CommitmentPage, FeedbackPage, type MeetingHeader, type RecordForms, RecordPage } from './views/outcome.tsx';

export const MAX_MINUTES_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const pdfTypes: Record<string, string> = { pdf: 'application/pdf' };
const photoTypes: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

const constraints = {
  record: htmlConstraints(recordForm),
  commitment: htmlConstraints(commitmentForm),
  activity: htmlConstraints(activityFromCommitmentForm),
  photos: htmlConstraints(photoForm),
  feedback: htmlConstraints(feedbackForm),
};

// "Download my data": the person's opinions of meetings. On deletion their comments go (the
// rating stays in the meeting's results, tied to an account that no longer names anyone).
registerPersonalDataExporter('dialogue-feedback', async (db, person) => ({
  meetingFeedback: await db.selectFrom('meeting_feedback').select(['meeting_id', 'collectivity_id', 'rating', 'comment', 'created_at']).where('user_id', '=', person.id).execute(),
}));
registerAccountDeletionHandler('dialogue-feedback', async (trx, person) => {
  await trx.updateTable('meeting_feedback').set({ comment: null }).where('user_id', '=', person.id).execute();
});

// An activity that a meeting's commitment became links back to the meeting.
registerOriginsProvider(async (db, collectivityId, target, base) => {
  if (!('activityId' in target)) return [];
  const rows = await db
    .selectFrom('meeting_commitment as c')
    .innerJoin('meeting as m', (j) => j.onRef('m.id', '=', 'c.meeting_id').onRef('m.collectivity_id', '=', 'c.collectivity_id'))
    .select(['c.id', 'c.meeting_id', 'm.title_ar', 'm.title_fr', 'm.title_en'])
    .where('c.collectivity_id', '=', collectivityId)
    .where('c.activity_id', '=', target.activityId)
    .execute();
  const locale = isLocale(base.split('/')[1]) ? (base.split('/')[1] as 'ar' | 'fr' | 'en') : 'ar';
  return rows.map((r) => {
    const title = pickText(r, 'title', locale);
    return { title: title.text, lang: title.lang, href: `${base}/meetings/${r.meeting_id}#commitment-${r.id}`, channel: 'dialogue_meeting' };
  });
});

/** Meetings listed on /participation: the latest of the programme's, all of them counted. */
const PARTICIPATION_ROWS = 50;

// The meetings held during the programme (as its indicators count them, metrics.ts) appear on
// /participation with their attendance by gender; people online are in the total.
registerParticipationSource('dialogue', async (db, collectivityId, programme, slug) => {
  const held = heldDuring(db, collectivityId, programmeWindow(programme));
  const [totals, rows] = await Promise.all([
    held.select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum<number>('attendance_total').as('people')]).executeTakeFirstOrThrow(),
    held
      .select(['id', 'starts_at', 'title_ar', 'title_fr', 'title_en', 'attendance_total', 'attendance_women', 'attendance_men', 'attendance_online'])
      .where('attendance_total', 'is not', null)
      .orderBy('starts_at', 'desc')
      .orderBy('id', 'desc')
      .limit(PARTICIPATION_ROWS)
      .execute(),
  ]);
  return {
    title: 'dialogue.outcome.participation.title',
    summary: 'dialogue.outcome.participation.summary',
    onlineHeader: 'dialogue.outcome.participation.online',
    count: Number(totals.n),
    people: Number(totals.people ?? 0),
    rows: rows.map((m) => ({
      date: todayInCasablanca(new Date(m.starts_at)),
      title: l10nOf(m, 'title'),
      path: `/c/${slug}/meetings/${m.id}`,
      total: m.attendance_total!,
      women: m.attendance_women,
      men: m.attendance_men,
      online: m.attendance_online,
    })),
  };
});

type Params = { slug: string; id: string; photo: string; commitment: string };
type PublicParams = { locale: string; slug: string; id: string; photo: string };

const manage = { config: { permission: 'meeting.manage' } } as const;

const header = (m: MeetingRow, locale: 'ar' | 'fr' | 'en'): MeetingHeader => ({ id: m.id, title: pickText(m, 'title', locale), startsAt: m.starts_at, status: m.status });

/** The record form filled with what is stored. */
function recordValues(m: MeetingRow): FormValues {
  const v: FormValues = {};
  for (const f of attendanceFields) v[`attendance_${f}`] = m[`attendance_${f}`] === null ? '' : String(m[`attendance_${f}`]);
  for (const field of ['minutes', 'questions'] as const) for (const l of ['ar', 'fr', 'en'] as const) v[`${field}_${l}`] = m[`${field}_${l}`] ?? '';
  return v;
}

async function recordPage(request: FastifyRequest<{ Params: Partial<Params> }>, reply: FastifyReply, c: Collectivity, meeting: MeetingRow, overrides: Partial<RecordForms> = {}, status = 200) {
  const db = request.server.db;
  const locale = request.locale;
  const [outcome, comments] = await Promise.all([loadOutcome(db, c.id, meeting.id), feedbackComments(db, c.id, meeting.id)]);
  const blank = (name: keyof typeof constraints, values: FormValues = {}): FormState => ({ values, errors: {}, constraints: constraints[name] });
  return reply.page(
    <RecordPage
      place={{ slug: c.slug, name: pick(c.name, locale) }}
      meeting={header(meeting, locale)}
      publicHref={`/${locale}/c/${c.slug}/meetings/${meeting.id}`}
      outcome={outcome!}
      comments={comments.map((x) => ({ rating: x.rating, comment: x.comment ?? '', date: formatDate(locale, isoToCasablanca(x.created_at).slice(0, 10)) }))}
      forms={{
        record: overrides.record ?? blank('record', recordValues(meeting)),
        minutesFile: overrides.minutesFile ?? { values: {}, errors: {}, constraints: {} },
        photos: overrides.photos ?? blank('photos'),
        commitment: overrides.commitment ?? blank('commitment', { status: 'open' }),
      }}
      limits={{ pdfMb: MAX_MINUTES_BYTES / 1024 / 1024, photoMb: MAX_PHOTO_BYTES / 1024 / 1024, maxPhotos: MAX_PHOTOS, pdfAccept: acceptOf(pdfTypes), photoAccept: acceptOf(photoTypes) }}
      today={todayInCasablanca()}
    />,
    status,
  );
}

/** A commitment's own page: its form filled as stored (or as posted), and "make it an activity". */
async function commitmentPage(
  request: FastifyRequest<{ Params: Partial<Params> }>,
  reply: FastifyReply,
  c: Collectivity,
  meeting: MeetingRow,
  commitmentId: number,
  overrides: { edit?: FormState; activity?: FormState } = {},
  status = 200,
) {
  const db = request.server.db;
  const locale = request.locale;
  const x = (await commitmentsOf(db, c.id, meeting.id)).find((k) => k.id === commitmentId);
  if (!x) throw notFound('commitment_not_found');
  const programme = await currentProgramme(db, c.id);
  const projects = programme
    ? await db.selectFrom('project').select(['id', 'number', 'title_ar', 'title_fr', 'title_en']).where('collectivity_id', '=', c.id).where('programme_id', '=', programme.id).orderBy('number').execute()
    : [];
  const stored: FormValues = {
    what_ar: x.what.ar ?? '', what_fr: x.what.fr ?? '', what_en: x.what.en ?? '',
    who_ar: x.who?.ar ?? '', who_fr: x.who?.fr ?? '', who_en: x.who?.en ?? '',
    due_on: x.dueOn ?? '', status: x.status,
    follow_up_ar: x.followUp?.ar ?? '', follow_up_fr: x.followUp?.fr ?? '', follow_up_en: x.followUp?.en ?? '',
  };
  return reply.page(
    <CommitmentPage
      place={{ slug: c.slug, name: pick(c.name, locale) }}
      meeting={header(meeting, locale)}
      commitment={x}
      projects={projects.map((p) => [String(p.id), `${p.number}. ${pickText(p, 'title', locale).text}`])}
      forms={{
        edit: overrides.edit ?? { values: stored, errors: {}, constraints: constraints.commitment },
        activity: overrides.activity ?? { values: {}, errors: {}, constraints: constraints.activity },
      }}
      today={todayInCasablanca()}
    />,
    status,
  );
}

/** The collectivity of the URL (permission checked first), the actor, and the meeting (404 if not its). */
async function staffMeeting(request: FastifyRequest<{ Params: Partial<Params> }>) {
  const { collectivity: c, actor } = staffOf(request);
  const meeting = await meetingOf(request.server.db, c.id, requireId(request.params.id, 'meeting_not_found'));
  if (!meeting) throw notFound('meeting_not_found');
  return { c, scope: { actor, collectivityId: c.id }, meeting };
}

const back = (c: Collectivity, meetingId: number, anchor: string) => `/admin/c/${c.slug}/meetings/${meetingId}/record#${anchor}`;

/** The uploads: multipart is taken in these scopes only, each with its own size limit. */
async function minutesUpload(app: FastifyInstance) {
  await multipartForms(app, { fileSize: MAX_MINUTES_BYTES, files: 1, fields: 5 });
  app.post<{ Params: Params }>('/admin/c/:slug/meetings/:id/record/minutes-file', manage, async (request, reply) => {
    const { c, scope, meeting } = await staffMeeting(request);
    // the file is read only now, once the role and then the CSRF token are checked
    const { files } = await readForm(request, reply);
    const fail = (errors: FieldErrors) => recordPage(request, reply, c, meeting, { minutesFile: { values: {}, errors, constraints: {} } }, 400);
    if (files.length === 0) return fail({ minutes_file: { key: 'errors.required' } });
    const checked = await checkFiles(files, { types: pdfTypes, maxBytes: MAX_MINUTES_BYTES, maxFiles: 1, field: 'minutes_file' });
    if (Object.keys(checked.errors).length > 0) return fail(checked.errors);
    const result = await setMinutesFile(app.db, scope, meeting.id, checked.files[0]!);
    if (result === null) throw notFound('meeting_not_found');
    if (!result.ok) return fail(result.errors);
    return reply.redirectWithFlash(back(c, meeting.id, 'r-minutes-file'), 'dialogue.outcome.flash.minutesFile');
  });
}

async function photosUpload(app: FastifyInstance) {
  await multipartForms(app, { fileSize: MAX_PHOTO_BYTES, files: MAX_PHOTOS, fields: 8 });
  app.post<{ Params: Params }>('/admin/c/:slug/meetings/:id/record/photos', manage, async (request, reply) => {
    const { c, scope, meeting } = await staffMeeting(request);
    const { form, files } = await readForm(request, reply);
    const fail = (errors: FieldErrors) => recordPage(request, reply, c, meeting, { photos: { values: form, errors, constraints: constraints.photos } }, 400);
    const parsed = photoForm.safeParse(form);
    if (!parsed.success) return fail(fieldErrors(parsed.error));
    if (files.length === 0) return fail({ photos: { key: 'errors.required' } });
    const checked = await checkFiles(files, { types: photoTypes, maxBytes: MAX_PHOTO_BYTES, maxFiles: MAX_PHOTOS, field: 'photos' });
    if (Object.keys(checked.errors).length > 0) return fail(checked.errors);
    const result = await addPhotos(app.db, scope, meeting.id, checked.files, parsed.data);
    if (result === null) throw notFound('meeting_not_found');
    if (!result.ok) return fail(result.errors);
    return reply.redirectWithFlash(back(c, meeting.id, 'r-photos'), 'dialogue.outcome.flash.photos');
  });
}

export async function outcomeRoutes(app: FastifyInstance) {
  await app.register(minutesUpload);
  await app.register(photosUpload);
  await app.register(async (scoped) => adminRoutes(scoped));
  await app.register(async (scoped) => publicRoutes(scoped));
}

function adminRoutes(app: FastifyInstance) {
  const post = { ...manage, preHandler: app.csrfProtection };

  app.get<{ Params: Params }>('/admin/c/:slug/meetings/:id/record', manage, async (request, reply) => {
    const { c, meeting } = await staffMeeting(request);
    return recordPage(request, reply, c, meeting);
  });

  app.post<{ Params: Params }>('/admin/c/:slug/meetings/:id/record', post, async (request, reply) => {
    const { c, scope, meeting } = await staffMeeting(request);
    const body = (request.body ?? {}) as FormValues;
    const fail = (errors: FieldErrors) => recordPage(request, reply, c, meeting, { record: { values: body, errors, constraints: constraints.record } }, 400);
    const parsed = recordForm.safeParse(body);
    if (!parsed.success) return fail(fieldErrors(parsed.error));
    const result = await recordMeeting(app.db, scope, meeting.id, parsed.data);
    if (result === null) throw notFound('meeting_not_found');
    if (!result.ok) return fail(result.errors);
    return reply.redirectWithFlash(back(c, meeting.id, 'r-record'), 'dialogue.outcome.flash.recorded');
  });

  app.post<{ Params: Params }>('/admin/c/:slug/meetings/:id/record/photos/:photo/delete', post, async (request, reply) => {
    const { c, scope, meeting } = await staffMeeting(request);
    const result = await deletePhoto(app.db, scope, meeting.id, requireId(request.params.photo, 'photo_not_found'));
    if (result === null) throw notFound('photo_not_found');
    return reply.redirectWithFlash(back(c, meeting.id, 'r-photos'), 'dialogue.outcome.flash.photoDeleted');
  });

  app.post<{ Params: Params }>('/admin/c/:slug/meetings/:id/record/commitments', post, async (request, reply) => {
    const { c, scope, meeting } = await staffMeeting(request);
    const body = (request.body ?? {}) as FormValues;
    const fail = (errors: FieldErrors) => recordPage(request, reply, c, meeting, { commitment: { values: body, errors, constraints: constraints.commitment } }, 400);
    const parsed = commitmentForm.safeParse(body);
    if (!parsed.success) return fail(fieldErrors(parsed.error));
    const result = await addCommitment(app.db, scope, meeting.id, parsed.data);
    if (result === null) throw notFound('meeting_not_found');
    if (!result.ok) return fail(result.errors);
    return reply.redirectWithFlash(back(c, meeting.id, `commitment-${result.value}`), 'dialogue.outcome.flash.commitmentAdded');
  });

  app.get<{ Params: Params }>('/admin/c/:slug/meetings/:id/record/commitments/:commitment', manage, async (request, reply) => {
    const { c, meeting } = await staffMeeting(request);
    return commitmentPage(request, reply, c, meeting, requireId(request.params.commitment, 'commitment_not_found'));
  });

  app.post<{ Params: Params }>('/admin/c/:slug/meetings/:id/record/commitments/:commitment', post, async (request, reply) => {
    const { c, scope, meeting } = await staffMeeting(request);
    const id = requireId(request.params.commitment, 'commitment_not_found');
    const body = (request.body ?? {}) as FormValues;
    const fail = (errors: FieldErrors) => commitmentPage(request, reply, c, meeting, id, { edit: { values: body, errors, constraints: constraints.commitment } }, 400);
    const parsed = commitmentForm.safeParse(body);
    if (!parsed.success) return fail(fieldErrors(parsed.error));
    const result = await updateCommitment(app.db, scope, meeting.id, id, parsed.data);
    if (result === null) throw notFound('commitment_not_found');
    if (!result.ok) return fail(result.errors);
    return reply.redirectWithFlash(back(c, meeting.id, `commitment-${id}`), 'dialogue.outcome.flash.commitmentSaved');
  });

  app.post<{ Params: Params }>('/admin/c/:slug/meetings/:id/record/commitments/:commitment/activity', post, async (request, reply) => {
    const { c, scope, meeting } = await staffMeeting(request);
    const id = requireId(request.params.commitment, 'commitment_not_found');
    const body = (request.body ?? {}) as FormValues;
    const fail = (errors: FieldErrors) => commitmentPage(request, reply, c, meeting, id, { activity: { values: body, errors, constraints: constraints.activity } }, 400);
    const parsed = activityFromCommitmentForm.safeParse(body);
    if (!parsed.success) return fail(fieldErrors(parsed.error));
    const result = await commitmentToActivity(app.db, scope, meeting.id, id, parsed.data.project_id);
    if (result === null) throw notFound('commitment_not_found');
    if (!result.ok) return fail(result.errors);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/meetings/${meeting.id}/record/commitments/${id}`, 'dialogue.outcome.flash.activityCreated');
  });
}

function publicRoutes(app: FastifyInstance) {
  async function context(request: FastifyRequest<{ Params: Partial<PublicParams> }>) {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug!);
    const id = parseId(request.params.id);
    if (id === null) throw notFound('meeting_not_found');
    return { c, id };
  }
  const placeOf = (c: Collectivity, request: FastifyRequest) => ({ name: pick(c.name, request.locale), href: `/${request.locale}/c/${c.slug}` });

  // The PDF of the minutes: a download (a browser's PDF viewer would run its scripts under our
  // address), with its stored type, nosniff, and an ETag of its content. The URL names the
  // meeting, not the file (a new upload replaces it), so it is cached for an hour, then revalidated.
  app.get<{ Params: PublicParams }>('/:locale/c/:slug/meetings/:id/minutes.pdf', async (request, reply) => {
    const { c, id } = await context(request);
    const file = await minutesFile(app.db, c.id, id);
    if (!file || file.mime !== 'application/pdf') throw notFound();
    return sendStoredFile(request, reply, file);
  });

  // A photo (re-encoded without metadata on upload). A photo's id never names other bytes (photos
  // are added or deleted, never replaced): a year of immutable caching is safe.
  app.get<{ Params: PublicParams }>('/:locale/c/:slug/meetings/:id/photos/:photo', async (request, reply) => {
    const { c, id } = await context(request);
    const photoId = parseId(request.params.photo);
    const photo = photoId === null ? undefined : await meetingPhoto(app.db, c.id, id, photoId);
    if (!photo || !Object.values(photoTypes).includes(photo.mime)) throw notFound();
    return reply
      .type(photo.mime)
      .header('content-disposition', 'inline')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', `"${photo.sha256}"`)
      .send(Buffer.from(photo.content));
  });

  // --- feedback: people registered for the meeting rate it once it has ended, for 14 days -----

  async function feedbackPage(request: FastifyRequest<{ Params: PublicParams }>, reply: FastifyReply, c: Collectivity, meeting: MeetingRow, userId: number, state: FormState | null, status = 200) {
    const locale = request.locale;
    const [refusal, earlier] = await Promise.all([
      feedbackRefusal(app.db, c.id, meeting, userId, new Date().toISOString()),
      app.db.selectFrom('meeting_feedback').select(['rating', 'comment']).where('collectivity_id', '=', c.id).where('meeting_id', '=', meeting.id).where('user_id', '=', userId).executeTakeFirst(),
    ]);
    return reply.page(
      <FeedbackPage
        place={placeOf(c, request)}
        meeting={header(meeting, locale)}
        base={`/${locale}/c/${c.slug}`}
        refusal={state && Object.keys(state.errors).length > 0 ? null : refusal}
        already={earlier !== undefined}
        state={state ?? { values: earlier ? { rating: String(earlier.rating), comment: earlier.comment ?? '' } : {}, errors: {}, constraints: constraints.feedback }}
      />,
      status,
      { csrf: true },
    );
  }

  app.get<{ Params: PublicParams }>('/:locale/c/:slug/meetings/:id/feedback', async (request, reply) => {
    const { c, id } = await context(request);
    const meeting = await meetingOf(app.db, c.id, id);
    if (!meeting) throw notFound('meeting_not_found');
    const citizen = await requireVerifiedCitizen(request, reply);
    if (!citizen) return reply;
    return feedbackPage(request, reply, c, meeting, citizen.id, null);
  });

  app.post<{ Params: PublicParams }>('/:locale/c/:slug/meetings/:id/feedback', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, id } = await context(request);
    const meeting = await meetingOf(app.db, c.id, id);
    if (!meeting) throw notFound('meeting_not_found');
    const here = `/${request.locale}/c/${c.slug}/meetings/${id}/feedback`;
    const citizen = await requireVerifiedCitizen(request, reply, { next: here });
    if (!citizen) return reply;
    const body = (request.body ?? {}) as FormValues;
    const parsed = feedbackForm.safeParse(body);
    if (!parsed.success) return feedbackPage(request, reply, c, meeting, citizen.id, { values: body, errors: fieldErrors(parsed.error), constraints: constraints.feedback }, 400);
    const result = await giveFeedback(app.db, c.id, meeting.id, citizen.id, parsed.data);
    if (!result.ok) return feedbackPage(request, reply, c, meeting, citizen.id, { values: body, errors: result.errors, constraints: constraints.feedback }, 400);
    return reply.redirectWithFlash(`/${request.locale}/c/${c.slug}/meetings/${id}#outcome-feedback`, result.value === 'updated' ? 'dialogue.outcome.flash.feedbackUpdated' : 'dialogue.outcome.flash.feedbackSaved');
  });
}
