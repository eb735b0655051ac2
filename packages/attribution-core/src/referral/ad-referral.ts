import { cleanId, cleanText, isImpreciseId, isRecord, type TextRule } from '../internal/text.js';

/**
 * A Click-to-WhatsApp referral in one provider-neutral shape. Every field the provider left out,
 * sent empty or sent with the wrong type is `null`. Every string is free of NUL and other control
 * characters (headline, body and welcome message keep tabs and line breaks) and bounded: texts
 * are cut at their limit, ids and URLs longer than theirs are dropped, so a hostile referral can
 * neither break the database write nor cost the message.
 */
export interface AdReferral {
  /** `'ad'` for an ad click, `'post'` for a Page post's WhatsApp button, else `'unknown'`. */
  sourceType: 'ad' | 'post' | 'unknown';
  /** The ad id for ads, the post id for posts, as a string; at most 128 characters. */
  sourceId: string | null;
  /**
   * `sourceId` when this is an ad touch with a numeric id; the only id sent to Graph. `null` on
   * an ad touch whose id was lost (sent as a JSON number past 2^53): still an ad, never enriched.
   */
  adId: string | null;
  /** At most 1,000 characters. */
  headline: string | null;
  /** At most 4,000 characters. */
  body: string | null;
  /** The click id, at most 512 characters; never filled from `sourceId` (Status ads carry none). */
  ctwaClid: string | null;
  /** Each URL at most 2,048 characters. */
  sourceUrl: string | null;
  mediaType: string | null;
  imageUrl: string | null;
  videoUrl: string | null;
  thumbnailUrl: string | null;
  /** The greeting the ad pre-filled, at most 1,000 characters. */
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

const HEADLINE: TextRule = { maxLength: 1_000, multiline: true };
const BODY: TextRule = { maxLength: 4_000, multiline: true };
const WELCOME_MESSAGE: TextRule = { maxLength: 1_000, multiline: true };
const LINK: TextRule = { maxLength: 2_048, overflow: 'drop' };
const CLICK_ID: TextRule = { maxLength: 512, overflow: 'drop' };
const AD_ID_PATTERN = /^\d{1,32}$/;

/**
 * Cleans raw provider fields into an `AdReferral`, or `null` when nothing identifies a touch
 * (no source id and no click id), which is what an all-empty Twilio referral looks like. A
 * source id JSON already rounded still marks a touch: its `sourceId` and `adId` are `null`.
 */
export function toAdReferral(raw: RawReferralFields): AdReferral | null {
  const sourceId = cleanId(raw.sourceId);
  const ctwaClid = cleanText(raw.ctwaClid, CLICK_ID);
  const sourceIdLost = isImpreciseId(raw.sourceId);
  if (sourceId === null && ctwaClid === null && !sourceIdLost) return null;

  const sourceType = readSourceType(raw.sourceType, ctwaClid);
  const isAd = sourceType === 'ad' && sourceId !== null && AD_ID_PATTERN.test(sourceId);
  return { sourceType, sourceId, adId: isAd ? sourceId : null, ctwaClid, ...cleanTexts(raw) };
}

/**
 * Applies the rules of `toAdReferral` to a referral built elsewhere (a host may assemble one by
 * hand): only the exact source type `'ad'` is an ad touch, and `adId` is kept only on an ad touch
 * and only as 1 to 32 ASCII digits, so nothing else is ever sent to Graph.
 */
export function cleanAdReferral(referral: AdReferral): AdReferral {
  const sourceType = exactSourceType(referral.sourceType);
  return {
    sourceType,
    sourceId: cleanId(referral.sourceId),
    adId: sourceType === 'ad' ? exactAdId(referral.adId) : null,
    ctwaClid: cleanText(referral.ctwaClid, CLICK_ID),
    ...cleanTexts(referral),
  };
}

function exactSourceType(value: unknown): AdReferral['sourceType'] {
  return value === 'ad' || value === 'post' ? value : 'unknown';
}

function exactAdId(value: unknown): string | null {
  const id = typeof value === 'string' ? value : cleanId(value);
  return id !== null && AD_ID_PATTERN.test(id) ? id : null;
}

function cleanTexts(raw: RawReferralFields) {
  return {
    headline: cleanText(raw.headline, HEADLINE),
    body: cleanText(raw.body, BODY),
    sourceUrl: cleanText(raw.sourceUrl, LINK),
    mediaType: cleanText(raw.mediaType)?.toLowerCase() ?? null,
    imageUrl: cleanText(raw.imageUrl, LINK),
    videoUrl: cleanText(raw.videoUrl, LINK),
    thumbnailUrl: cleanText(raw.thumbnailUrl, LINK),
    welcomeMessage: readWelcomeMessage(raw.welcomeMessage),
  };
}

function readSourceType(value: unknown, ctwaClid: string | null): AdReferral['sourceType'] {
  const declared = cleanText(value)?.toLowerCase();
  if (declared === 'ad' || declared === 'post') return declared;
  // Only ad clicks carry a click id, so a clid identifies an ad even when the type is missing.
  return ctwaClid === null ? 'unknown' : 'ad';
}

/** Meta nests the greeting as `{ text }`; some providers flatten it to a string. */
function readWelcomeMessage(value: unknown): string | null {
  if (isRecord(value)) return cleanText(value.text, WELCOME_MESSAGE);
  return cleanText(value, WELCOME_MESSAGE);
}
