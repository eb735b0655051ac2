import { isRecord } from '../internal/text.js';
import { type AdReferral, type RawReferralFields, toAdReferral } from './ad-referral.js';
import {
  cloudApiMessages,
  fromCamelCaseReferral,
  fromReferralObject,
  fromSnakeCaseReferral,
  isCamelCaseReferral,
  isCloudApiBody,
  isSnakeCaseReferral,
} from './cloud-api.js';
import { fromTwilioForm, isTwilioForm, parseTwilioBody } from './twilio.js';

/**
 * Turns any supported provider's referral into an `AdReferral`, or `null` when the input carries
 * no referral. It never throws: bad input yields `null`, so a malformed referral never costs the
 * chat message it came with.
 *
 * Accepted shapes:
 * - the flat seed shape `{ ad_id, headline, body }`;
 * - a Cloud API `referral` object (snake_case), or a whole Cloud API message carrying one;
 * - a Cloud API webhook body holding exactly one message (use `extractReferrals` for batches);
 * - a YCloud `whatsapp.inbound_message.received` event, or its `whatsappInboundMessage`;
 * - Twilio's form parameters as an object, a `URLSearchParams` or the raw form-encoded body;
 * - a camelCase referral (`sourceId`, `ctwaClid`, ...).
 *
 * @example
 * const referral = normalizeReferral(req.body.referral);
 * if (referral?.adId) await applyFirstTouch(store, { tenantId, patientId, referral, receivedAt });
 */
export function normalizeReferral(input: unknown): AdReferral | null {
  try {
    const raw = readRawReferral(input);
    return raw === null ? null : toAdReferral(raw);
  } catch {
    // A hostile payload (a throwing getter, a revoked Proxy) must not break the chat path.
    return null;
  }
}

function readRawReferral(input: unknown): RawReferralFields | null {
  const form = parseTwilioBody(input);
  if (form !== null) return isTwilioForm(form) ? fromTwilioForm(form) : null;
  if (!isRecord(input)) return null;

  if (isRecord(input.whatsappInboundMessage)) {
    return fromReferralObject(input.whatsappInboundMessage.referral);
  }
  if (isCloudApiBody(input)) return readSingleCloudApiMessage(input);
  if ('referral' in input) return fromReferralObject(input.referral);
  if (isTwilioForm(input)) return fromTwilioForm(input);
  if (isSnakeCaseReferral(input)) return fromSnakeCaseReferral(input);
  if (isCamelCaseReferral(input)) return fromCamelCaseReferral(input);
  if ('ad_id' in input) return fromFlatSeed(input);
  return null;
}

/** A webhook body with several messages is ambiguous here; `extractReferrals` handles those. */
function readSingleCloudApiMessage(envelope: Record<string, unknown>): RawReferralFields | null {
  const messages = cloudApiMessages(envelope);
  const only = messages.length === 1 ? messages[0] : undefined;
  return only === undefined ? null : fromReferralObject(only.message.referral);
}

/** The seed shape some orchestrators already post: an ad id plus the ad's texts. */
function fromFlatSeed(input: Record<string, unknown>): RawReferralFields {
  return {
    sourceType: input.source_type ?? 'ad',
    sourceId: input.ad_id,
    headline: input.headline,
    body: input.body,
    ctwaClid: input.ctwa_clid,
    sourceUrl: input.source_url,
  };
}
