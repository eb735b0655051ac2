import type { GraphUsage } from '@ctwa/meta-ads-client';

interface Counter {
  value: number | null;
  label: string;
}

/**
 * Names the usage counter closest to its limit, such as "ads_management call_count for
 * 561029384756102": Meta blocks on whichever counter reaches 100 first, so that is the one to act on.
 */
export function highestCounterLabel(usage: GraphUsage): string | null {
  let highest: { value: number; label: string } | null = null;
  for (const { value, label } of countersOf(usage)) {
    if (value !== null && (highest === null || value > highest.value)) highest = { value, label };
  }
  return highest?.label ?? null;
}

function countersOf(usage: GraphUsage): Counter[] {
  const counters: Counter[] = [];
  if (usage.app) {
    counters.push(
      { value: usage.app.callCount, label: 'app call_count' },
      { value: usage.app.totalCputime, label: 'app total_cputime' },
      { value: usage.app.totalTime, label: 'app total_time' },
    );
  }
  if (usage.adAccount) {
    counters.push({ value: usage.adAccount.accIdUtilPct, label: 'ad account acc_id_util_pct' });
  }
  for (const entry of usage.businessUseCase) {
    const owner = `for ${entry.businessId}`;
    const type = entry.type ?? 'business use case';
    counters.push(
      { value: entry.callCount, label: `${type} call_count ${owner}` },
      { value: entry.totalCputime, label: `${type} total_cputime ${owner}` },
      { value: entry.totalTime, label: `${type} total_time ${owner}` },
    );
  }
  return counters;
}
