import { runService } from '@hub/observability';
import { registryService } from './registry-service';

runService(() => registryService());
