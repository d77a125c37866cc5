import { runService } from '@hub/observability';
import { registryService } from '../../../apps/registry/src/registry-service';
import { plaintextFieldCipher } from './plaintext-field-cipher';

// The registry exactly as deployed, but for its cipher: bench:ingest's baseline without encryption.
runService(() => registryService({ fieldCipher: plaintextFieldCipher }));
