import { describeStoreContract } from './store-contract.js';
import { createPgliteDatabase } from './support/databases.js';
import { createSqlHarness } from './support/store-harness.js';

describeStoreContract('PGlite', async () => createSqlHarness(await createPgliteDatabase()));
