import type { AdDetails, AdDetailsSource } from '../../src/index.js';

/** An error named like the Graph client's, which is how attribution-core classifies errors. */
export class NamedError extends Error {
  readonly retryAfterMs: number | undefined;

  constructor(name: string, message: string, retryAfterMs?: number) {
    super(message);
    this.name = name;
    this.retryAfterMs = retryAfterMs;
  }
}

export const notFound = (adId: string) =>
  new NamedError('MetaNotFoundError', `Ad ${adId} does not exist (code 100, subcode 33).`);

/** A scripted ad source that records every call and can hold calls open until released. */
export interface FakeAdSource extends AdDetailsSource {
  calls: string[][];
  /** Per-ad answers; an ad missing here answers MetaNotFoundError. */
  answers: Map<string, AdDetails | Error>;
  /** When set, every call throws this error as a whole (a network outage). */
  outage: Error | null;
  /** Makes calls wait until `release()`; for single-flight tests. */
  hold(): void;
  release(): void;
  /** Resolves when the next call arrives. */
  nextCall(): Promise<void>;
}

export function createFakeAdSource(ads: readonly AdDetails[] = []): FakeAdSource {
  let gate: Promise<void> | null = null;
  let open: () => void = () => undefined;
  const waiters: (() => void)[] = [];
  const source: FakeAdSource = {
    calls: [],
    answers: new Map(ads.map((ad) => [ad.adId, ad])),
    outage: null,
    async getAdsDetails(adIds) {
      source.calls.push([...adIds]);
      for (const notify of waiters.splice(0)) notify();
      if (gate !== null) await gate;
      if (source.outage !== null) throw source.outage;
      return new Map(adIds.map((adId) => [adId, source.answers.get(adId) ?? notFound(adId)]));
    },
    hold() {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release() {
      gate = null;
      open();
    },
    nextCall() {
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
  return source;
}

export const implantsAd: AdDetails = {
  adId: '120214583920175512',
  adName: 'Implantes - carga inmediata - imagen',
  campaignId: '120214583920170001',
  campaignName: 'Implantes Palermo - Mensajes',
  adsetId: '120214583920172001',
  adsetName: 'CABA 30-65',
  effectiveStatus: 'ACTIVE',
};

export const alignersAd: AdDetails = {
  adId: '120214583920176044',
  adName: 'Ortodoncia invisible - cuotas',
  campaignId: '120214583920170002',
  campaignName: 'Ortodoncia Palermo - Mensajes',
  adsetId: '120214583920172002',
  adsetName: 'CABA 18-45',
  effectiveStatus: 'ACTIVE',
};

/** A settable clock. */
export function createTestClock(start = '2026-12-04T12:00:00.000Z') {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

/** Timers that fire only when the test says so. */
export function createManualTimers() {
  let nextHandle = 1;
  const timeouts = new Map<number, { callback: () => void; ms: number }>();
  const intervals = new Map<number, { callback: () => void; ms: number }>();
  return {
    timeouts,
    intervals,
    setTimeout(callback: () => void, ms: number) {
      const handle = nextHandle++;
      timeouts.set(handle, { callback, ms });
      return handle;
    },
    clearTimeout(handle: unknown) {
      timeouts.delete(handle as number);
    },
    setInterval(callback: () => void, ms: number) {
      const handle = nextHandle++;
      intervals.set(handle, { callback, ms });
      return handle;
    },
    clearInterval(handle: unknown) {
      intervals.delete(handle as number);
    },
    /** Runs every pending timeout once. */
    fireTimeouts() {
      const due = [...timeouts.values()];
      timeouts.clear();
      for (const { callback } of due) callback();
    },
    fireIntervals() {
      for (const { callback } of intervals.values()) callback();
    },
  };
}

/** A logger that keeps what it was told, to assert on. */
export function createRecordingLogger() {
  const lines: { level: string; message: string; data: Record<string, unknown> }[] = [];
  const at = (level: string) => (data: Record<string, unknown>, message: string) => {
    lines.push({ level, message, data });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
