import { z } from 'zod';

/** The part of a POST /chat answer the demo and the end-to-end tests read. */
export const chatReply = z.object({
  patient_id: z.string(),
  message_saved: z.boolean(),
  referral: z.enum(['absent', 'read', 'unreadable']),
  ad_touch: z.boolean(),
  first_touch: z.string(),
  enrichment_pending: z.boolean(),
  attribution: z
    .object({
      acquisition_source: z.string().nullable(),
      ad_id: z.string().nullable(),
      campaign_name: z.string().nullable(),
      enrichment_status: z.string().nullable(),
    })
    .loose()
    .nullable(),
});

export type ChatReply = z.infer<typeof chatReply>;

/** The marketing report as GET /admin/marketing/stats returns it. */
export const statsReply = z.object({
  tenant_id: z.string(),
  time_zone: z.string(),
  campaigns: z.array(
    z.object({
      campaign_id: z.string().nullable(),
      campaign_name: z.string().nullable(),
      ad_id: z.string().nullable(),
      ad_name: z.string().nullable(),
      leads: z.number(),
      booked_patients: z.number(),
      appointments: z.number(),
      conversion_rate: z.number(),
    }),
  ),
  summary: z.object({
    leads: z.number(),
    booked_patients: z.number(),
    appointments: z.number(),
    conversion_rate: z.number(),
  }),
});

export type StatsReply = z.infer<typeof statsReply>;

/** A tiny client for the reference server, over real HTTP. */
export function serverClient(baseUrl: string) {
  const call = async (path: string, token: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(path, baseUrl), {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    const body: unknown = await response.json();
    return { status: response.status, body };
  };

  return {
    call,
    async postChat(token: string, body: Record<string, unknown>): Promise<ChatReply> {
      const reply = await call('/chat', token, { method: 'POST', body: JSON.stringify(body) });
      if (reply.status !== 200) throw unexpected('POST /chat', reply);
      return chatReply.parse(reply.body);
    },
    async marketingStats(token: string): Promise<StatsReply> {
      const reply = await call('/admin/marketing/stats', token);
      if (reply.status !== 200) throw unexpected('GET /admin/marketing/stats', reply);
      return statsReply.parse(reply.body);
    },
  };
}

function unexpected(what: string, reply: { status: number; body: unknown }): Error {
  return new Error(`${what} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
}
