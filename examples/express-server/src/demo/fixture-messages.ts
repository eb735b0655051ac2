import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** A POST /chat body without the tenant, which the orchestrator adds from its own routing. */
export interface ChatMessage {
  phone: string;
  message: string;
  message_id?: string;
  referral?: unknown;
}

const cloudApiWebhook = z.object({
  entry: z.array(
    z.object({
      changes: z.array(
        z.object({
          value: z.object({
            messages: z
              .array(
                z.looseObject({
                  from: z.string(),
                  id: z.string(),
                  type: z.string(),
                  text: z.object({ body: z.string() }).optional(),
                  referral: z.unknown().optional(),
                }),
              )
              .optional(),
          }),
        }),
      ),
    }),
  ),
});

const ycloudEvent = z.object({
  type: z.literal('whatsapp.inbound_message.received'),
  whatsappInboundMessage: z.object({
    wamid: z.string(),
    from: z.string(),
    type: z.string(),
    text: z.object({ body: z.string() }).optional(),
    referral: z.unknown().optional(),
  }),
});

const flatChatMessage = z.object({
  phone: z.string(),
  message: z.string(),
  message_id: z.string().optional(),
  referral: z.unknown().optional(),
});

async function readJson(path: URL): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'));
}

/**
 * Turns a Meta Cloud API `messages` webhook into chat messages, one per message of every entry
 * and change. The provider's raw `referral` object is forwarded as is: the server normalizes it.
 */
export async function chatMessagesFromCloudApi(path: URL): Promise<ChatMessage[]> {
  const webhook = cloudApiWebhook.parse(await readJson(path));
  const messages = webhook.entry.flatMap((entry) =>
    entry.changes.flatMap((change) => change.value.messages ?? []),
  );
  return messages.map((message) => ({
    phone: message.from,
    message: message.text?.body ?? `[${message.type} message]`,
    message_id: message.id,
    ...(message.referral === undefined ? {} : { referral: message.referral }),
  }));
}

/** Turns a YCloud `whatsapp.inbound_message.received` event into a chat message. */
export async function chatMessageFromYCloud(path: URL): Promise<ChatMessage> {
  const { whatsappInboundMessage: inbound } = ycloudEvent.parse(await readJson(path));
  return {
    phone: inbound.from,
    message: inbound.text?.body ?? `[${inbound.type} message]`,
    message_id: inbound.wamid,
    ...(inbound.referral === undefined ? {} : { referral: inbound.referral }),
  };
}

/** Reads a chat message already in the flat seed shape (`referral: { ad_id, headline, body }`). */
export async function chatMessageFromFlat(path: URL): Promise<ChatMessage> {
  const flat = flatChatMessage.parse(await readJson(path));
  return {
    phone: flat.phone,
    message: flat.message,
    ...(flat.message_id === undefined ? {} : { message_id: flat.message_id }),
    ...(flat.referral === undefined ? {} : { referral: flat.referral }),
  };
}
