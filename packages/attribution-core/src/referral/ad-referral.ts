import { cleanId, cleanText, isRecord } from '../internal/text.js';

/**
 * A Click-to-WhatsApp referral in one provider-neutral shape. Every field the provider left out,
 * sent empty or sent with the wrong type is `null`.
 */
export interface AdReferral {
  /** `'ad'` for an ad click, `'post'` for a Page post's WhatsApp button, else `'unknown'`. */
  sourceType: 'ad' | 'post' | 'unknown';
  /** The ad id for ads, the post id for posts, as a string. */
  sourceId: string | null;
  /** `sourceId` when this is an ad touch with a numeric id; the only id sent to Graph. */
  adId: string | null;
  headline: string | null;
  body: string | null;
  /** The click id; never filled from `sourceId` (Status ad placements carry none). */
  ctwaClid: string | null;
  sourceUrl: string | null;
  mediaType: string | null;
  imageUrl: string | null;
  videoUrl: string | null;
  thumbnailUrl: string | null;
  welcomeMessage: string | null;
}

/** Referral fields as some provider sent them, before cleaning; names follow `AdReferral`. */
export interface RawReferralFields {
  sourceType?: unknown;
  sourceId?: unknown;
  headline?: unknown;
  body?: unknown;
  ctwaClid?: unknown;
  sourceUrl?: unknown;
  mediaType?: unknown;
  imageUrl?: unknown;
  videoUrl?: unknown;
  thumbnailUrl?: unknown;
  welcomeMessage?: unknown;
}

const URL_MAX_LENGTH = 4096;
const AD_ID_PATTERN = /^\d{1,32}$/;

/**
 * Cleans raw provider fields into an `AdReferral`, or `null` when nothing identifies a touch
 * (no source id and no click id), which is what an all-empty Twilio referral looks like.
 */
export function toAdReferral(raw: RawReferralFields): AdReferral | null {
  const sourceId = cleanId(raw.sourceId);
  const ctwaClid = cleanText(raw.ctwaClid, 512);
  if (sourceId === null && ctwaClid === null) return null;

  const sourceType = readSourceType(raw.sourceType, ctwaClid);
  const isAd = sourceType === 'ad' && sourceId !== null && AD_ID_PATTERN.test(sourceId);
  return {
    sourceType,
    sourceId,
    adId: isAd ? sourceId : null,
    headline: cleanText(raw.headline),
    body: cleanText(raw.body),
    ctwaClid,
    sourceUrl: cleanText(raw.sourceUrl, URL_MAX_LENGTH),
    mediaType: cleanText(raw.mediaType, 32)?.toLowerCase() ?? null,
    imageUrl: cleanText(raw.imageUrl, URL_MAX_LENGTH),
    videoUrl: cleanText(raw.videoUrl, URL_MAX_LENGTH),
    thumbnailUrl: cleanText(raw.thumbnailUrl, URL_MAX_LENGTH),
    welcomeMessage: readWelcomeMessage(raw.welcomeMessage),
  };
}

function readSourceType(value: unknown, ctwaClid: string | null): AdReferral['sourceType'] {
  const declared = cleanText(value, 32)?.toLowerCase();
  if (declared === 'ad' || declared === 'post') return declared;
  // Only ad clicks carry a click id, so a clid identifies an ad even when the type is missing.
  return ctwaClid === null ? 'unknown' : 'ad';
}

/** Meta nests the greeting as `{ text }`; some providers flatten it to a string. */
function readWelcomeMessage(value: unknown): string | null {
  if (isRecord(value)) return cleanText(value.text);
  return cleanText(value);
}
