// One zod schema per account form. Messages are i18n keys (platform `errors.*`).
import { z } from 'zod';
import { PASSWORD_MIN, passwordProblem } from '../../platform/auth/passwords.ts';
import { locales } from '../../platform/i18n/i18n.ts';
import { choice, optionalText, requiredText } from '../../platform/validation.ts';

export const accountKinds = ['person', 'association'] as const;
export type AccountKind = (typeof accountKinds)[number];
/** asked only to count participation by gender; never shown per person */
export const genders = ['female', 'male'] as const;
export const ageBands = ['under_18', '18_24', '25_34', '35_49', '50_64', '65_plus'] as const;

export const NAME_MAX = 100;
export const NEIGHBOURHOOD_MAX = 100;

export const email = () =>
  z
    .string({ error: 'errors.required' })
    .trim()
    .toLowerCase()
    .min(1, 'errors.required')
    .max(254, 'errors.tooLong')
    .pipe(z.email('errors.invalidEmail'));

/** A new password: long enough, not common, not trivial (passwordProblem). Whether it holds the
 *  person's address or name is checked where those are known. */
const newPassword = () =>
  z
    .string({ error: 'errors.required' })
    .min(1, 'errors.required')
    .min(PASSWORD_MIN, 'errors.passwordTooShort')
    .max(1024, 'errors.tooLong')
    .superRefine((password, ctx) => {
      const problem = passwordProblem(password);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

const currentPassword = () => z.string({ error: 'errors.required' }).min(1, 'errors.required').max(1024, 'errors.tooLong');

/** An optional choice: the blank option ("I prefer not to say") becomes null. */
const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values, { error: 'errors.invalidChoice' }).optional()).transform((v) => v ?? null);

const profileFields = {
  display_name: requiredText(NAME_MAX),
  gender: optionalChoice(genders),
  age_band: optionalChoice(ageBands),
  neighbourhood: optionalText(NEIGHBOURHOOD_MAX),
};

/** Gender and age band describe a person: an association's are not kept. */
const withoutPersonFieldsFor = <T extends { gender: string | null; age_band: string | null }>(v: T, kind: AccountKind): T =>
  kind === 'association' ? { ...v, gender: null, age_band: null } : v;

export const signUpForm = z
  .object({
    email: email(),
    password: newPassword(),
    kind: choice(accountKinds),
    ...profileFields,
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, { email: v.email, name: v.display_name });
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  })
  .transform((v) => withoutPersonFieldsFor(v, v.kind));

export const loginForm = z.object({
  email: email(),
  password: currentPassword(),
  next: z.string().optional(),
});

export const forgotPasswordForm = z.object({ email: email() });

export const resetPasswordForm = z.object({
  token: z.string().max(200).optional(),
  password: newPassword(),
});

export const profileForm = z.object({
  ...profileFields,
  locale: choice(locales),
});

export const deleteAccountForm = z.object({ password: currentPassword() });

export type SignUpInput = z.output<typeof signUpForm>;
export type ProfileInput = z.output<typeof profileForm>;
