import { z } from 'zod';
import type { AdDetails, CachedAd } from '../ports.js';
import { cleanId, cleanText, type TextRule } from './text.js';

/** Graph names are advertiser-typed: bounded and free of control characters before storage. */
const NAME: TextRule = { maxLength: 1_000 };
const STATUS: TextRule = { maxLength: 64, overflow: 'drop' };

const nullableText = z.string().nullable();

/** What a source or a cache must hand back for an ad; anything else is not trusted or cached. */
export const adDetailsSchema = z.object({
  adId: z.string().min(1),
  adName: nullableText,
  campaignId: nullableText,
  campaignName: nullableText,
  adsetId: nullableText,
  adsetName: nullableText,
  effectiveStatus: nullableText,
});

const adNotFoundSchema = z.object({ adId: z.string().min(1), notFound: z.literal(true) });

/** A cache entry: details or the negative-cache marker. */
export const cachedAdSchema = z.union([adNotFoundSchema, adDetailsSchema]);

/**
 * Copies only the known fields, so extra properties of a source's objects never leak along, and
 * cleans them: a NUL in an ad name would otherwise fail the enrichment write on every retry.
 */
export function pickAdDetails(details: z.infer<typeof adDetailsSchema>): AdDetails {
  return {
    adId: details.adId,
    adName: cleanText(details.adName, NAME),
    campaignId: cleanId(details.campaignId),
    campaignName: cleanText(details.campaignName, NAME),
    adsetId: cleanId(details.adsetId),
    adsetName: cleanText(details.adsetName, NAME),
    effectiveStatus: cleanText(details.effectiveStatus, STATUS),
  };
}

/** True for the negative-cache marker. */
export function isAdNotFound(value: CachedAd): value is Extract<CachedAd, { notFound: true }> {
  return 'notFound' in value && value.notFound === true;
}
