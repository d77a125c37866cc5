import type { Organisation } from '../directory/organisation-directory';
import type { HubRole } from './roles';

/** Who is calling, as a verified access token and the organisation directory say. */
export interface Caller {
  /** The token's `sub`: stable per person or service account. */
  subject: string;
  /** What people see in the audit trail: `preferred_username`, else the subject. */
  username: string;
  organisation: Organisation;
  roles: readonly HubRole[];
  /** The OAuth client the token was issued to (`azp`). */
  clientId: string;
}
