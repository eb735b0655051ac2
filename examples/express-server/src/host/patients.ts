import { z } from 'zod';
import type { SqlClient } from './sql.js';

const idRow = z.object({ id: z.string() });
const tenantRow = z.object({ id: z.string(), time_zone: z.string() });

/** Returns the tenant's id and time zone, or `null` when no such tenant exists. */
export async function findTenant(
  db: SqlClient,
  tenantId: string,
): Promise<{ id: string; timeZone: string } | null> {
  const { rows } = await db.query('SELECT id, time_zone FROM tenants WHERE id = $1', [tenantId]);
  if (rows.length === 0) return null;

  const row = tenantRow.parse(rows[0]);
  return { id: row.id, timeZone: row.time_zone };
}

/** Finds or creates the patient for a tenant and an E.164 phone; returns the patient id. */
export async function ensurePatient(
  db: SqlClient,
  input: { tenantId: string; phone: string },
): Promise<string> {
  // The no-op update makes RETURNING yield the existing row too, in one round trip, and the
  // unique (tenant_id, phone) constraint makes concurrent first messages converge on one row.
  const { rows } = await db.query(
    `INSERT INTO patients (tenant_id, phone) VALUES ($1, $2)
     ON CONFLICT (tenant_id, phone) DO UPDATE SET phone = EXCLUDED.phone
     RETURNING id::text AS id`,
    [input.tenantId, input.phone],
  );
  return idRow.parse(rows[0]).id;
}

/**
 * Stores an inbound chat message; a redelivered provider message id is stored once.
 * Returns `false` when the message was already stored.
 */
export async function saveChatMessage(
  db: SqlClient,
  message: {
    tenantId: string;
    patientId: string;
    providerMessageId: string | null;
    body: string;
    receivedAt: Date;
  },
): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO chat_messages (tenant_id, patient_id, provider_message_id, body, received_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, provider_message_id) DO NOTHING
     RETURNING id::text AS id`,
    [
      message.tenantId,
      message.patientId,
      message.providerMessageId,
      message.body,
      message.receivedAt,
    ],
  );
  return rows.length === 1;
}

/** Books an appointment for a patient, as the host's scheduling flow would; returns its id. */
export async function bookAppointment(
  db: SqlClient,
  input: { tenantId: string; patientId: string; at: Date; status?: string },
): Promise<string> {
  const { rows } = await db.query(
    `INSERT INTO appointments (tenant_id, patient_id, status, appointment_datetime)
     VALUES ($1, $2, $3, $4)
     RETURNING id::text AS id`,
    [input.tenantId, input.patientId, input.status ?? 'scheduled', input.at],
  );
  return idRow.parse(rows[0]).id;
}
