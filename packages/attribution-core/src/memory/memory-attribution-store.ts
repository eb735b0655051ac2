import type {
  AdTouch,
  AttributionStore,
  EnrichmentFailureWrite,
  EnrichmentJob,
  EnrichmentStatus,
  EnrichmentSuccessWrite,
  FirstTouchWrite,
  FirstTouchWriteResult,
  MarketingStatsRow,
  PatientContext,
} from '../ports.js';

/** A patient row as the memory store keeps it; column names follow the Postgres migration. */
export interface MemoryPatientRow {
  id: string;
  tenantId: string;
  phone: string;
  name: string | null;
  createdAt: Date;
  acquisitionSource: string | null;
  metaAdId: string | null;
  metaAdHeadline: string | null;
  metaAdBody: string | null;
  metaCampaignId: string | null;
  metaCampaignName: string | null;
  metaAdsetId: string | null;
  metaAdsetName: string | null;
  metaAdName: string | null;
  metaCtwaClid: string | null;
  metaSourceUrl: string | null;
  firstTouchAt: Date | null;
  firstTouchMessageId: string | null;
  enrichmentStatus: EnrichmentStatus | null;
  enrichmentAttempts: number;
  enrichmentNextAt: Date | null;
  enrichmentError: string | null;
  enrichedAt: Date | null;
}

/** An `AttributionStore` in memory, with the host-side helpers a test needs to seed it. */
export interface MemoryAttributionStore extends AttributionStore {
  /** Inserts a host patient row; returns its id. `createdAt` defaults to the epoch. */
  addPatient(patient: {
    tenantId: string;
    phone: string;
    name?: string | null;
    acquisitionSource?: string | null;
    createdAt?: Date;
  }): string;
  /**
   * Adds a host appointment (`status` defaults to `'scheduled'`); `cancelled` and `no_show` do
   * not count in stats. Throws when the patient is not in that tenant.
   */
  addAppointment(appointment: {
    tenantId: string;
    patientId: string;
    at: Date;
    status?: string;
  }): string;
  /** A copy of the stored row, or `null`; scoped by tenant like every other read. */
  getPatient(tenantId: string, patientId: string): MemoryPatientRow | null;
  /** Copies of the later touches of one patient, oldest first. */
  getTouches(tenantId: string, patientId: string): (AdTouch & { body: string | null })[];
}

interface StoredTouch extends AdTouch {
  tenantId: string;
  patientId: string;
  body: string | null;
  sourceUrl: string | null;
}

const NOT_COUNTED = new Set(['cancelled', 'no_show']);

/**
 * An in-memory `AttributionStore` with the same semantics as the Postgres one (the contract
 * suite runs against both), for unit tests of code built on attribution-core.
 *
 * @example
 * const store = createMemoryAttributionStore();
 * const patientId = store.addPatient({ tenantId: 't1', phone: '+13055550123' });
 */
export function createMemoryAttributionStore(): MemoryAttributionStore {
  const store = new InMemoryAttributionStore();
  // A plain object of bound methods, so `{ ...store, claimEnrichment }` wrappers keep working.
  return {
    applyFirstTouch: (write) => store.applyFirstTouch(write),
    markOrganic: (patient) => store.markOrganic(patient),
    claimEnrichment: (request) => store.claimEnrichment(request),
    claimDueEnrichments: (request) => store.claimDueEnrichments(request),
    saveEnrichment: (write) => store.saveEnrichment(write),
    recordEnrichmentFailure: (write) => store.recordEnrichmentFailure(write),
    readMarketingStats: (query) => store.readMarketingStats(query),
    findPatientContext: (query) => store.findPatientContext(query),
    addPatient: (patient) => store.addPatient(patient),
    addAppointment: (appointment) => store.addAppointment(appointment),
    getPatient: (tenantId, patientId) => store.getPatient(tenantId, patientId),
    getTouches: (tenantId, patientId) => store.getTouches(tenantId, patientId),
  };
}

class InMemoryAttributionStore implements MemoryAttributionStore {
  readonly #patients = new Map<string, MemoryPatientRow>();
  readonly #appointments: { tenantId: string; patientId: string; status: string }[] = [];
  readonly #touches: StoredTouch[] = [];
  #nextId = 1;

  async applyFirstTouch(write: FirstTouchWrite): Promise<FirstTouchWriteResult> {
    assertStorableText(write);
    const row = this.#find(write.tenantId, write.patientId);
    if (row === null) return 'patient_not_found';
    if (row.acquisitionSource === null || row.acquisitionSource === 'ORGANIC') {
      Object.assign(row, firstTouchColumns(write));
      return 'attributed';
    }

    const { messageId } = write;
    const redelivered = messageId !== null && row.firstTouchMessageId === messageId;
    const duplicate =
      messageId !== null &&
      this.#touches.some((t) => t.tenantId === write.tenantId && t.messageId === messageId);
    if (!redelivered && !duplicate) this.#touches.push(touchOf(write));
    return 'kept_existing';
  }

  async markOrganic({ tenantId, patientId }: { tenantId: string; patientId: string }) {
    const row = this.#find(tenantId, patientId);
    if (row === null || row.acquisitionSource !== null) return false;
    row.acquisitionSource = 'ORGANIC';
    return true;
  }

  async claimEnrichment(request: {
    tenantId: string;
    patientId: string;
    now: Date;
    leaseUntil: Date;
  }): Promise<EnrichmentJob | null> {
    const row = this.#find(request.tenantId, request.patientId);
    return row !== null && isDue(row, request.now) ? claim(row, request.leaseUntil) : null;
  }

  async claimDueEnrichments(request: { now: Date; leaseUntil: Date; limit: number }) {
    const due = [...this.#patients.values()].filter((row) => isDue(row, request.now));
    due.sort((a, b) => dueOrder(a) - dueOrder(b) || Number(a.id) - Number(b.id));
    return due.slice(0, request.limit).map((row) => claim(row, request.leaseUntil));
  }

  async saveEnrichment({ tenantId, patientId, adId, details, at }: EnrichmentSuccessWrite) {
    assertNoNul(Object.values(details));
    const row = this.#find(tenantId, patientId);
    if (row === null || row.metaAdId !== adId) return false;
    row.metaCampaignId = details.campaignId ?? row.metaCampaignId;
    row.metaCampaignName = details.campaignName ?? row.metaCampaignName;
    row.metaAdsetId = details.adsetId ?? row.metaAdsetId;
    row.metaAdsetName = details.adsetName ?? row.metaAdsetName;
    row.metaAdName = details.adName ?? row.metaAdName;
    Object.assign(row, { enrichmentStatus: 'done', enrichmentNextAt: null, enrichmentError: null });
    row.enrichmentAttempts += 1;
    row.enrichedAt = new Date(at);
    return true;
  }

  async recordEnrichmentFailure(write: EnrichmentFailureWrite) {
    assertNoNul([write.error]);
    const row = this.#find(write.tenantId, write.patientId);
    if (row === null || row.metaAdId !== write.adId || row.enrichmentStatus === 'done')
      return false;
    row.enrichmentStatus = write.status;
    row.enrichmentAttempts += 1;
    row.enrichmentNextAt = write.nextAttemptAt === null ? null : new Date(write.nextAttemptAt);
    row.enrichmentError = write.error;
    return true;
  }

  async readMarketingStats(query: { tenantId: string; from: Date | null; to: Date | null }) {
    const leads = [...this.#patients.values()].filter((row) => isLeadInRange(row, query));
    return groupLeads(leads, (row) => this.#countedAppointments(query.tenantId, row.id));
  }

  async findPatientContext(query: { tenantId: string; phones: readonly string[] }) {
    for (const phone of query.phones) {
      const row = [...this.#patients.values()].find(
        (p) => p.tenantId === query.tenantId && p.phone === phone,
      );
      if (row !== undefined) return toContext(row, this.#laterTouches(query.tenantId, row.id));
    }
    return null;
  }

  addPatient(patient: Parameters<MemoryAttributionStore['addPatient']>[0]): string {
    const id = String(this.#nextId++);
    this.#patients.set(id, emptyPatient(id, patient));
    return id;
  }

  addAppointment(appointment: Parameters<MemoryAttributionStore['addAppointment']>[0]): string {
    const { tenantId, patientId } = appointment;
    if (this.#find(tenantId, patientId) === null) {
      throw new Error(`Patient ${patientId} is not in tenant ${tenantId}.`);
    }
    this.#appointments.push({ tenantId, patientId, status: appointment.status ?? 'scheduled' });
    return String(this.#appointments.length);
  }

  getPatient(tenantId: string, patientId: string): MemoryPatientRow | null {
    const row = this.#find(tenantId, patientId);
    return row === null ? null : { ...row };
  }

  getTouches(tenantId: string, patientId: string) {
    return this.#touches
      .filter((t) => t.tenantId === tenantId && t.patientId === patientId)
      .map(({ tenantId: _t, patientId: _p, sourceUrl: _u, ...touch }) => ({ ...touch }));
  }

  #find(tenantId: string, patientId: string): MemoryPatientRow | null {
    const row = this.#patients.get(patientId);
    return row !== undefined && row.tenantId === tenantId ? row : null;
  }

  #countedAppointments(tenantId: string, patientId: string): number {
    return this.#appointments.filter(
      (a) =>
        a.tenantId === tenantId &&
        a.patientId === patientId &&
        !NOT_COUNTED.has(a.status.toLowerCase()),
    ).length;
  }

  /** `ORDER BY received_at DESC, id DESC LIMIT 20`, as the Postgres store reads them. */
  #laterTouches(tenantId: string, patientId: string): AdTouch[] {
    return this.getTouches(tenantId, patientId)
      .map((touch, order) => ({ touch, order }))
      .sort(
        (a, b) => b.touch.receivedAt.getTime() - a.touch.receivedAt.getTime() || b.order - a.order,
      )
      .slice(0, 20)
      .map(({ touch: { body: _body, ...touch } }) => touch);
  }
}

/**
 * Postgres refuses NUL in text columns and fails the whole statement; the fake refuses it the
 * same way so that a test on the fake catches what would break in production.
 */
function assertStorableText(write: FirstTouchWrite): void {
  const texts = [write.tenantId, write.patientId, write.adId, write.messageId];
  assertNoNul([...texts, ...Object.values(write.referral)]);
}

function assertNoNul(values: readonly unknown[]): void {
  if (values.some((value) => typeof value === 'string' && value.includes('\u0000'))) {
    throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
  }
}

function firstTouchColumns(write: FirstTouchWrite): Partial<MemoryPatientRow> {
  return {
    acquisitionSource: 'META_ADS',
    metaAdId: write.adId,
    metaAdHeadline: write.referral.headline,
    metaAdBody: write.referral.body,
    metaCtwaClid: write.referral.ctwaClid,
    metaSourceUrl: write.referral.sourceUrl,
    firstTouchAt: new Date(write.receivedAt),
    firstTouchMessageId: write.messageId,
    metaCampaignId: null,
    metaCampaignName: null,
    metaAdsetId: null,
    metaAdsetName: null,
    metaAdName: null,
    enrichmentStatus: write.adId === null ? null : 'pending',
    enrichmentAttempts: 0,
    enrichmentNextAt: null,
    enrichmentError: null,
    enrichedAt: null,
  };
}

function touchOf(write: FirstTouchWrite): StoredTouch {
  return {
    tenantId: write.tenantId,
    patientId: write.patientId,
    messageId: write.messageId,
    adId: write.adId,
    sourceType: write.referral.sourceType,
    sourceId: write.referral.sourceId,
    ctwaClid: write.referral.ctwaClid,
    headline: write.referral.headline,
    body: write.referral.body,
    sourceUrl: write.referral.sourceUrl,
    receivedAt: new Date(write.receivedAt),
  };
}

/** Mirrors the SQL due condition: pending and never scheduled, or scheduled and now due. */
function isDue(row: MemoryPatientRow, now: Date): boolean {
  if (row.metaAdId === null) return false;
  if (row.enrichmentStatus !== 'pending' && row.enrichmentStatus !== 'failed') return false;
  if (row.enrichmentNextAt === null) return row.enrichmentStatus === 'pending';
  return row.enrichmentNextAt.getTime() <= now.getTime();
}

/** `ORDER BY meta_enrichment_next_at NULLS FIRST`. */
function dueOrder(row: MemoryPatientRow): number {
  return row.enrichmentNextAt?.getTime() ?? Number.NEGATIVE_INFINITY;
}

function claim(row: MemoryPatientRow, leaseUntil: Date): EnrichmentJob {
  row.enrichmentNextAt = new Date(leaseUntil);
  return {
    tenantId: row.tenantId,
    patientId: row.id,
    adId: row.metaAdId ?? '',
    attempts: row.enrichmentAttempts,
  };
}

function isLeadInRange(
  row: MemoryPatientRow,
  query: { tenantId: string; from: Date | null; to: Date | null },
): boolean {
  const at = row.firstTouchAt?.getTime();
  return (
    row.tenantId === query.tenantId &&
    row.acquisitionSource === 'META_ADS' &&
    at !== undefined &&
    (query.from === null || at >= query.from.getTime()) &&
    (query.to === null || at < query.to.getTime())
  );
}

function emptyPatient(
  id: string,
  patient: Parameters<MemoryAttributionStore['addPatient']>[0],
): MemoryPatientRow {
  return {
    id,
    tenantId: patient.tenantId,
    phone: patient.phone,
    name: patient.name ?? null,
    createdAt: patient.createdAt ?? new Date(0),
    acquisitionSource: patient.acquisitionSource ?? null,
    metaAdId: null,
    metaAdHeadline: null,
    metaAdBody: null,
    metaCampaignId: null,
    metaCampaignName: null,
    metaAdsetId: null,
    metaAdsetName: null,
    metaAdName: null,
    metaCtwaClid: null,
    metaSourceUrl: null,
    firstTouchAt: null,
    firstTouchMessageId: null,
    enrichmentStatus: null,
    enrichmentAttempts: 0,
    enrichmentNextAt: null,
    enrichmentError: null,
    enrichedAt: null,
  };
}

function groupLeads(
  leads: readonly MemoryPatientRow[],
  countAppointments: (row: MemoryPatientRow) => number,
): MarketingStatsRow[] {
  const groups = new Map<string, MarketingStatsRow>();
  for (const row of leads) {
    const key = `${row.metaCampaignId}\u0000${row.metaAdId}`;
    const group = groups.get(key) ?? {
      campaignId: row.metaCampaignId,
      campaignName: null,
      adId: row.metaAdId,
      adName: null,
      leads: 0,
      bookedPatients: 0,
      appointments: 0,
    };
    const booked = countAppointments(row);
    group.campaignName = maxText(group.campaignName, row.metaCampaignName);
    group.adName = maxText(group.adName, row.metaAdName);
    group.leads += 1;
    group.bookedPatients += booked > 0 ? 1 : 0;
    group.appointments += booked;
    groups.set(key, group);
  }
  return [...groups.values()].sort(compareRows);
}

/** Mirrors SQL `max(text)` (byte order under the C collation) so both stores agree. */
function maxText(current: string | null, next: string | null): string | null {
  if (current === null) return next;
  if (next === null) return current;
  return next > current ? next : current;
}

/** Mirrors the SQL `ORDER BY leads DESC, campaign_id NULLS LAST, ad_id NULLS LAST`. */
function compareRows(a: MarketingStatsRow, b: MarketingStatsRow): number {
  return (
    b.leads - a.leads ||
    compareNullsLast(a.campaignId, b.campaignId) ||
    compareNullsLast(a.adId, b.adId)
  );
}

function compareNullsLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function toContext(row: MemoryPatientRow, laterTouches: AdTouch[]): PatientContext {
  return {
    tenantId: row.tenantId,
    patientId: row.id,
    phone: row.phone,
    name: row.name,
    createdAt: new Date(row.createdAt),
    acquisitionSource: row.acquisitionSource,
    firstTouchAt: row.firstTouchAt === null ? null : new Date(row.firstTouchAt),
    ad:
      row.acquisitionSource === 'META_ADS'
        ? {
            adId: row.metaAdId,
            adName: row.metaAdName,
            headline: row.metaAdHeadline,
            body: row.metaAdBody,
            campaignId: row.metaCampaignId,
            campaignName: row.metaCampaignName,
            adsetId: row.metaAdsetId,
            adsetName: row.metaAdsetName,
            ctwaClid: row.metaCtwaClid,
            sourceUrl: row.metaSourceUrl,
          }
        : null,
    enrichment: {
      status: row.enrichmentStatus,
      attempts: row.enrichmentAttempts,
      nextAttemptAt: row.enrichmentNextAt === null ? null : new Date(row.enrichmentNextAt),
      error: row.enrichmentError,
    },
    laterTouches,
  };
}
