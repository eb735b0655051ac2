import { readFileSync } from 'node:fs';

const fixturesDir = new URL('../fixtures/', import.meta.url);

/** Parses a JSON fixture, e.g. `webhookJson('cloud-api/text-from-image-ad.json')`. */
export function webhookJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`webhooks/${path}`, fixturesDir), 'utf8'));
}

/** A raw fixture body exactly as stored, e.g. a Twilio form body. */
export function webhookText(path: string): string {
  return readFileSync(new URL(`webhooks/${path}`, fixturesDir), 'utf8');
}

/** A Twilio fixture parsed the way a body parser would hand it over: a plain object. */
export function twilioForm(path: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(webhookText(`twilio/${path}`)));
}

/** The first message of a Cloud API fixture, for tests of the message-level shape. */
export function firstCloudApiMessage(path: string): Record<string, unknown> {
  const body = webhookJson(`cloud-api/${path}`) as {
    entry: { changes: { value: { messages: Record<string, unknown>[] } }[] }[];
  };
  const message = body.entry[0]?.changes[0]?.value.messages[0];
  if (message === undefined) throw new Error(`fixture ${path} has no message`);
  return message;
}
