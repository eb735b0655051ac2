import { z } from 'zod';
import type { AdDetails, CachedAd } from '../ports.js';

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

/** Copies only the known fields, so extra properties of a source's objects never leak along. */
export function pickAdDetails(details: z.infer<typeof adDetailsSchema>): AdDetails {
  return {
    adId: details.adId,
    adName: details.adName,
    campaignId: details.campaignId,
    campaignName: details.campaignName,
    adsetId: details.adsetId,
    adsetName: details.adsetName,
    effectiveStatus: details.effectiveStatus,
  };
}

/** True for the negative-cache marker. */
export function isAdNotFound(value: CachedAd): value is Extract<CachedAd, { notFound: true }> {
  return 'notFound' in value && value.notFound === true;
}
