import { cleanText, type TextRule } from '../internal/text.js';
import type { RawReferralFields } from './ad-referral.js';

const MIME_TYPE: TextRule = { maxLength: 128, overflow: 'drop' };
const SENDER: TextRule = { maxLength: 256, overflow: 'drop' };

/**
 * Reads Twilio's `Referral*` form parameters. Twilio sends a MIME type rather than Meta's
 * `media_type`, one media URL for images and videos alike, and no thumbnail or welcome message.
 */
export function fromTwilioForm(form: Record<string, unknown>): RawReferralFields {
  const contentType = cleanText(form.ReferralMediaContentType, MIME_TYPE)?.toLowerCase() ?? null;
  const mediaType = contentType?.split('/')[0] ?? null;
  const mediaUrl = form.ReferralMediaUrl;
  return {
    sourceType: form.ReferralSourceType,
    sourceId: form.ReferralSourceId,
    headline: form.ReferralHeadline,
    body: form.ReferralBody,
    ctwaClid: form.ReferralCtwaClid,
    sourceUrl: form.ReferralSourceUrl,
    mediaType,
    imageUrl: mediaType === 'image' ? mediaUrl : null,
    videoUrl: mediaType === 'video' ? mediaUrl : null,
  };
}

/**
 * True for a Twilio webhook's parameters. `ReferralNumMedia` alone proves nothing: Twilio sends it
 * on every WhatsApp message, so the message sid or a referral id must be there too.
 */
export function isTwilioForm(value: Record<string, unknown>): boolean {
  return (
    'ReferralSourceId' in value ||
    'ReferralCtwaClid' in value ||
    'MessageSid' in value ||
    'SmsMessageSid' in value
  );
}

/**
 * Parses a raw `application/x-www-form-urlencoded` body or a `URLSearchParams` into a plain
 * object. `null` when the input is neither.
 */
export function parseTwilioBody(input: unknown): Record<string, string> | null {
  if (input instanceof URLSearchParams) return Object.fromEntries(input);
  if (typeof input !== 'string' || !input.includes('=')) return null;
  return Object.fromEntries(new URLSearchParams(input.trim()));
}

/** The `From` parameter without its `whatsapp:` channel prefix, stripped exactly once. */
export function twilioSender(form: Record<string, unknown>): string | null {
  const from = cleanText(form.From, SENDER);
  if (from === null) return null;
  return from.replace(/^whatsapp:/i, '');
}
