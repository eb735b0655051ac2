import type { AdDetailsSource, AttributionStore } from '@ctwa/attribution-core';
import type { MetaAdsClient } from '@ctwa/meta-ads-client';

/** The Graph source and store the enrichment queue uses, and the switch that stops both. */
export interface InterruptibleEnrichment {
  source: AdDetailsSource;
  store: AttributionStore;
  /** Aborts Graph calls in flight (retries included) and refuses to start new ones. */
  interrupt(): void;
  readonly interrupted: boolean;
}

/**
 * Wraps the Graph client and the store so that a stopping server neither waits for a hanging
 * Graph call nor starts new ones. A failure recorded after the interruption is dropped: the row
 * keeps its status `pending` and its attempt count, and a sweeper picks it up once the claim's
 * lease has run out.
 *
 * @example
 * const enrichment = interruptibleEnrichment(store, metaClient);
 * const queue = createEnrichmentQueue({ ...deps, store: enrichment.store, source: enrichment.source });
 * process.once('SIGTERM', () => enrichment.interrupt());
 */
export function interruptibleEnrichment(
  store: AttributionStore,
  client: MetaAdsClient,
): InterruptibleEnrichment {
  const controller = new AbortController();
  const { signal } = controller;
  return {
    source: {
      getAdsDetails: async (adIds) => {
        signal.throwIfAborted();
        return client.getAdsDetails(adIds, { signal });
      },
    },
    store: {
      ...store,
      recordEnrichmentFailure: async (write) => {
        if (signal.aborted && write.status === 'failed') return false;
        return store.recordEnrichmentFailure(write);
      },
    },
    interrupt: () => controller.abort(new Error('The server is shutting down.')),
    get interrupted() {
      return signal.aborted;
    },
  };
}
