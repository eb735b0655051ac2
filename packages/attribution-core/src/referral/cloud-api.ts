import { isRecord } from '../internal/text.js';
import type { RawReferralFields } from './ad-referral.js';

/**
 * Reads Meta's snake_case `referral` object. The Cloud API puts it on `messages[i]` whatever the
 * message `type` is (text, audio, image...), and YCloud forwards the same keys unchanged.
 */
export function fromSnakeCaseReferral(referral: Record<string, unknown>): RawReferralFields {
  return {
    sourceType: referral.source_type,
    sourceId: referral.source_id,
    headline: referral.headline,
    body: referral.body,
    ctwaClid: referral.ctwa_clid,
    sourceUrl: referral.source_url,
    mediaType: referral.media_type,
    imageUrl: referral.image_url,
    videoUrl: referral.video_url,
    thumbnailUrl: referral.thumbnail_url,
    welcomeMessage: referral.welcome_message,
  };
}

/** Reads the camelCase spelling some providers use (`sourceId`, `ctwaClid`, `welcomeMessage`). */
export function fromCamelCaseReferral(referral: Record<string, unknown>): RawReferralFields {
  return {
    sourceType: referral.sourceType,
    sourceId: referral.sourceId,
    headline: referral.headline,
    body: referral.body,
    ctwaClid: referral.ctwaClid,
    sourceUrl: referral.sourceUrl,
    mediaType: referral.mediaType,
    imageUrl: referral.imageUrl,
    videoUrl: referral.videoUrl,
    thumbnailUrl: referral.thumbnailUrl,
    welcomeMessage: referral.welcomeMessage,
  };
}

/** True when the object looks like a referral in Meta's snake_case spelling. */
export function isSnakeCaseReferral(value: Record<string, unknown>): boolean {
  return 'source_id' in value || 'ctwa_clid' in value || 'source_type' in value;
}

/** True when the object looks like a referral in camelCase spelling. */
export function isCamelCaseReferral(value: Record<string, unknown>): boolean {
  return 'sourceId' in value || 'ctwaClid' in value || 'sourceType' in value;
}

/** Reads a referral object in either spelling; `null` when the value is not an object. */
export function fromReferralObject(value: unknown): RawReferralFields | null {
  if (!isRecord(value)) return null;
  return isCamelCaseReferral(value) && !isSnakeCaseReferral(value)
    ? fromCamelCaseReferral(value)
    : fromSnakeCaseReferral(value);
}

/**
 * Every message object of a Cloud API webhook body, across all entries and changes. A bare change
 * `value` (or the legacy On-Premises body, which has `messages` at the top) is read as one change.
 */
export function cloudApiMessages(payload: Record<string, unknown>): CloudApiMessage[] {
  if (!Array.isArray(payload.entry)) return messagesOfValue(payload);
  const messages: CloudApiMessage[] = [];
  for (const entry of arrayOf(payload.entry)) {
    for (const change of arrayOf(entry.changes)) {
      messages.push(...messagesOfValue(isRecord(change.value) ? change.value : {}));
    }
  }
  return messages;
}

/** True for a body whose messages `cloudApiMessages` can find. */
export function isCloudApiBody(value: Record<string, unknown>): boolean {
  return Array.isArray(value.entry) || Array.isArray(value.messages);
}

function messagesOfValue(value: Record<string, unknown>): CloudApiMessage[] {
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  return arrayOf(value.messages).map((message) => ({
    message,
    phoneNumberId: metadata.phone_number_id,
  }));
}

/** One inbound message of a Cloud API webhook, with the business number it was sent to. */
export interface CloudApiMessage {
  message: Record<string, unknown>;
  phoneNumberId: unknown;
}

function arrayOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
