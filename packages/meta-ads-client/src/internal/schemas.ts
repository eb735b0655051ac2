import * as z from 'zod';
import { MetaResponseError } from '../errors.js';
import type { AdDetails, TokenDebugInfo } from '../types.js';

/** The fields one ad read asks for; campaign and adset are expanded to their names. */
export const AD_FIELDS = 'id,name,effective_status,campaign{id,name},adset{id,name}';

// Graph ids are JSON strings; a number here would already have lost digits, so it is rejected.
const graphId = z.string().regex(/^\d+$/, 'expected a numeric id string');
const optionalText = z.string().nullish();
const namedRef = z.object({ id: graphId, name: optionalText }).nullish();

const adSchema = z.object({
  id: graphId,
  name: optionalText,
  effective_status: optionalText,
  campaign: namedRef,
  adset: namedRef,
});

const idsSchema = z.record(z.string(), z.unknown());

const meSchema = z.object({ id: z.string().min(1), name: optionalText });

const epochSeconds = z.number().int().nonnegative().nullish();

const debugTokenSchema = z.object({
  data: z.object({
    is_valid: z.boolean(),
    type: optionalText,
    app_id: optionalText,
    application: optionalText,
    user_id: optionalText,
    issued_at: epochSeconds,
    expires_at: epochSeconds,
    data_access_expires_at: epochSeconds,
    scopes: z.array(z.string()).nullish(),
    granular_scopes: z
      .array(z.object({ scope: z.string(), target_ids: z.array(z.string()).nullish() }))
      .nullish(),
    error: z
      .object({ code: z.number().int(), subcode: z.number().int().nullish(), message: z.string() })
      .nullish(),
  }),
});

/** Validates one ad object and maps it to AdDetails. */
export function parseAd(body: unknown, subject: string, status: number): AdDetails {
  const ad = parseOrThrow(adSchema, body, subject, status);
  return {
    adId: ad.id,
    adName: ad.name ?? null,
    campaignId: ad.campaign?.id ?? null,
    campaignName: ad.campaign?.name ?? null,
    adsetId: ad.adset?.id ?? null,
    adsetName: ad.adset?.name ?? null,
    effectiveStatus: ad.effective_status ?? null,
  };
}

/**
 * Validates one ad that was asked for by id, and that Graph answered with that very ad: an answer
 * about another id (a proxy's cache mix-up, say) would attribute leads to the wrong campaign.
 */
export function parseAdWithId(
  adId: string,
  body: unknown,
  subject: string,
  status: number,
): AdDetails {
  const ad = parseAd(body, subject, status);
  if (ad.adId === adId) return ad;
  throw new MetaResponseError(
    `Graph answered HTTP ${status} for ${subject} with ad ${ad.adId}, not the ad asked for. The answer was discarded; check that META_GRAPH_BASE_URL points at Graph and not a misbehaving proxy.`,
    { status },
  );
}

/** Validates the envelope of a `?ids=` answer: an object keyed by the requested ids. */
export function parseIdsEnvelope(body: unknown, subject: string, status: number) {
  return parseOrThrow(idsSchema, body, subject, status);
}

export function parseMe(body: unknown, subject: string, status: number) {
  const me = parseOrThrow(meSchema, body, subject, status);
  return { id: me.id, name: me.name ?? null };
}

export function parseDebugToken(body: unknown, subject: string, status: number): TokenDebugInfo {
  const { data } = parseOrThrow(debugTokenSchema, body, subject, status);
  return {
    isValid: data.is_valid,
    type: data.type ?? null,
    appId: data.app_id ?? null,
    application: data.application ?? null,
    userId: data.user_id ?? null,
    issuedAt: dateOrNever(data.issued_at),
    expiresAt: dateOrNever(data.expires_at),
    dataAccessExpiresAt: dateOrNever(data.data_access_expires_at),
    scopes: data.scopes ?? [],
    granularScopes: (data.granular_scopes ?? []).map((entry) => ({
      scope: entry.scope,
      targetIds: entry.target_ids ?? [],
    })),
    error: data.error
      ? { code: data.error.code, subcode: data.error.subcode ?? null, message: data.error.message }
      : null,
  };
}

// debug_token reports "never" as 0, so 0 and absent both mean no date.
function dateOrNever(seconds: number | null | undefined): Date | null {
  return seconds ? new Date(seconds * 1000) : null;
}

function parseOrThrow<T>(schema: z.ZodType<T>, body: unknown, subject: string, status: number): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new MetaResponseError(
    `Graph answered HTTP ${status} for ${subject} with an unexpected shape (${describeIssues(result.error)}). The answer was discarded; if this persists, the API version may have changed the field.`,
    { status },
  );
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}
