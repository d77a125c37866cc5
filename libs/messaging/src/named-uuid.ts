import { createHash } from 'node:crypto';

/**
 * A UUID (version 4 layout) derived from `name` by SHA-256: the same name always gives the same id,
 * different names practically never the same. For ids that must be the same whoever makes them
 * (an event a sweep may publish twice keeps its idempotency key) and unique across a population.
 */
export function namedUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex').slice(0, 32).split('');
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
