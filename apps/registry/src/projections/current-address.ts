import type { AddressType } from '@hub/contracts';
import type { AddressItem, NominalContent } from '../nominals/nominal.documents';
import { addDays } from './calendar';
import type { Derivation } from './derived-facts';

/**
 * The address types that are where a person lives: their home, the approved premises they must
 * reside at on licence, the prison or hospital they are held in, or "no fixed abode" (for which
 * the police record where the person can regularly be found). A second home, a temporary stay
 * (a week away, a night at a relative's) and any other address are places the person is
 * sometimes at: they never replace the main residence.
 */
const mainResidenceTypes: ReadonlySet<AddressType> = new Set<AddressType>([
  'HOME',
  'APPROVED_PREMISES',
  'CUSTODY',
  'HOSPITAL',
  'NO_FIXED_ABODE',
]);

export const isMainResidence = (address: Pick<AddressItem, 'type'>): boolean =>
  mainResidenceTypes.has(address.type);

/** Begun by `today` and not ended before it (`to` is the last day at the address). */
const isCurrentOn = (address: AddressItem, today: string): boolean =>
  address.from <= today && (address.to === null || address.to >= today);

/** Latest begun first; the address id breaks a tie, so that the order of arrival never decides. */
const latestFirst = (a: AddressItem, b: AddressItem): number =>
  b.from.localeCompare(a.from) || b.addressId.localeCompare(a.addressId);

export interface CurrentAddresses {
  currentAddress: AddressItem | null;
  otherCurrentAddresses: AddressItem[];
}

/**
 * The addresses current on `today`: the main residence is the current main-residence address
 * begun last; when none is current (a person between homes, staying somewhere for now) the current
 * secondary address begun last stands in, its type showing what it is. Every other current
 * address is listed beside it.
 */
export function currentAddressesOn(addresses: AddressItem[], today: string): CurrentAddresses {
  const current = addresses.filter((address) => isCurrentOn(address, today)).sort(latestFirst);
  const main = current.find(isMainResidence) ?? current[0] ?? null;
  return {
    currentAddress: main,
    otherCurrentAddresses: current.filter((address) => address !== main),
  };
}

const sameAddresses = (a: CurrentAddresses, b: CurrentAddresses): boolean =>
  a.currentAddress?.addressId === b.currentAddress?.addressId &&
  a.otherCurrentAddresses.map((address) => address.addressId).join('\n') ===
    b.otherCurrentAddresses.map((address) => address.addressId).join('\n');

/** The current address(es), re-derived the day an address begins or the day after one ends. */
export const currentAddressDerivation: Derivation = {
  derive(content: NominalContent, today: string): NominalContent {
    return { ...content, ...currentAddressesOn(content.addresses, today) };
  },

  changesOn(content: NominalContent, today: string): string | null {
    const candidates = new Set<string>();
    for (const address of content.addresses) {
      if (address.from > today) candidates.add(address.from);
      if (address.to !== null && address.to >= today) candidates.add(addDays(address.to, 1));
    }
    // Only a day on which the result differs: a stay that begins and ends while the home stays
    // the main residence still changes the other current addresses, so it counts.
    const now = currentAddressesOn(content.addresses, today);
    for (const day of [...candidates].sort()) {
      if (!sameAddresses(now, currentAddressesOn(content.addresses, day))) return day;
    }
    return null;
  },
};
