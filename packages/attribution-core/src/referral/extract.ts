import { cleanId, cleanMessageId, cleanText, isRecord, type TextRule } from '../internal/text.js';
import { type AdReferral, toAdReferral } from './ad-referral.js';
import {
  type CloudApiMessage,
  cloudApiMessages,
  fromReferralObject,
  isCloudApiBody,
} from './cloud-api.js';
import { fromTwilioForm, isTwilioForm, parseTwilioBody, twilioSender } from './twilio.js';

/** Senders are matched exactly later, so an overlong one is dropped rather than cut. */
const SENDER: TextRule = { maxLength: 256, overflow: 'drop' };
const SEND_TIME: TextRule = { maxLength: 64, overflow: 'drop' };

/** One inbound message that carried a referral, with what is needed to route and dedupe it. */
export interface InboundReferral {
  provider: 'cloud_api' | 'ycloud' | 'twilio';
  /** The provider's message id (wamid or Twilio MessageSid): the idempotency key of a touch. */
  messageId: string | null;
  /** The sender's phone as the provider wrote it, without Twilio's `whatsapp:` prefix. */
  from: string | null;
  /** The business-scoped user id (BSUID), present when the provider sent one. */
  userId: string | null;
  /** The business number the message was sent to (Cloud API `phone_number_id`). */
  businessPhoneNumberId: string | null;
  /** When the user sent the message, when the provider says; Twilio does not. */
  sentAt: Date | null;
  referral: AdReferral;
}

/**
 * Finds every referral in a whole provider webhook body: a Cloud API envelope (every entry,
 * change and message), a YCloud event, or a Twilio form. Results are ordered by send time, not
 * by position, because Meta may batch and reorder messages. Never throws; unknown input yields `[]`.
 *
 * @example
 * for (const inbound of extractReferrals(req.body)) {
 *   const tenant = await tenantByPhoneNumberId(inbound.businessPhoneNumberId);
 * }
 */
export function extractReferrals(payload: unknown): InboundReferral[] {
  try {
    return sortBySentTime(readInboundReferrals(payload));
  } catch {
    return [];
  }
}

function readInboundReferrals(payload: unknown): InboundReferral[] {
  const form =
    parseTwilioBody(payload) ?? (isRecord(payload) && isTwilioForm(payload) ? payload : null);
  if (form !== null) return compact([fromTwilio(form)]);
  if (!isRecord(payload)) return [];

  if (isRecord(payload.whatsappInboundMessage)) {
    return compact([fromYCloud(payload.whatsappInboundMessage)]);
  }
  if (isCloudApiBody(payload)) return compact(cloudApiMessages(payload).map(fromCloudApi));
  return [];
}

function fromCloudApi({ message, phoneNumberId }: CloudApiMessage): InboundReferral | null {
  const raw = fromReferralObject(message.referral);
  const referral = raw === null ? null : toAdReferral(raw);
  if (referral === null) return null;

  const seconds = cleanId(message.timestamp);
  return {
    provider: 'cloud_api',
    messageId: cleanMessageId(message.id),
    from: cleanText(message.from, SENDER),
    userId: cleanText(message.from_user_id, SENDER),
    businessPhoneNumberId: cleanId(phoneNumberId),
    sentAt: seconds === null ? null : validDate(Number(seconds) * 1000),
    referral,
  };
}

function fromYCloud(message: Record<string, unknown>): InboundReferral | null {
  const raw = fromReferralObject(message.referral);
  const referral = raw === null ? null : toAdReferral(raw);
  if (referral === null) return null;

  const sendTime = cleanText(message.sendTime, SEND_TIME);
  return {
    provider: 'ycloud',
    messageId: cleanMessageId(message.wamid) ?? cleanMessageId(message.id),
    from: cleanText(message.from, SENDER),
    userId: cleanText(message.fromUserId, SENDER),
    businessPhoneNumberId: null,
    sentAt: sendTime === null ? null : validDate(Date.parse(sendTime)),
    referral,
  };
}

function fromTwilio(form: Record<string, unknown>): InboundReferral | null {
  const referral = toAdReferral(fromTwilioForm(form));
  if (referral === null) return null;

  return {
    provider: 'twilio',
    messageId: cleanMessageId(form.MessageSid) ?? cleanMessageId(form.SmsMessageSid),
    from: twilioSender(form),
    userId: null,
    businessPhoneNumberId: null,
    sentAt: null,
    referral,
  };
}

function validDate(milliseconds: number): Date | null {
  return Number.isFinite(milliseconds) ? new Date(milliseconds) : null;
}

function compact(items: readonly (InboundReferral | null)[]): InboundReferral[] {
  return items.filter((item): item is InboundReferral => item !== null);
}

/** Stable sort; messages without a send time keep their place after the dated ones. */
function sortBySentTime(items: InboundReferral[]): InboundReferral[] {
  const time = (item: InboundReferral) => item.sentAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return [...items].sort((a, b) => time(a) - time(b));
}
