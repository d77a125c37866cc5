/** Injection tokens of the registry's infrastructure. */
export const MONGO = Symbol('MONGO');
export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
export const REGISTRY_CONFIG = Symbol('REGISTRY_CONFIG');
/** The PersonFieldCipher that seals and opens sensitive fields at the storage boundary. */
export const PERSON_FIELD_CIPHER = Symbol('PERSON_FIELD_CIPHER');
