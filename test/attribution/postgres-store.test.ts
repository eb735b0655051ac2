import { describeStoreContract } from './store-contract.js';
import { createPostgresDatabase } from './support/databases.js';
import { createSqlHarness } from './support/store-harness.js';

describeStoreContract('Postgres', async () =>
  createSqlHarness(await createPostgresDatabase('store')),
);
