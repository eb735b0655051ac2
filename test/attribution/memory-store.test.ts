import { describeStoreContract } from './store-contract.js';
import { createMemoryHarness } from './support/store-harness.js';

describeStoreContract('memory fake', createMemoryHarness);
