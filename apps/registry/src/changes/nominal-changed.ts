import { recordAsOfToday } from '../nominals/record-as-of-today';
import type { Address, NominalChanged } from '@hub/contracts';
import { currentPlan, latestRiskAssessment } from '../nominals/current-facts';
import {
  reconvictionRiskSummary,
  riskOfSeriousHarmSummary,
  toolAssessmentSummaries,
} from '../nominals/risk-headlines';
import type { NominalDocument } from '../nominals/nominal.documents';
import { londonDate } from '../projections/calendar';
import { recordTimelineOf } from '../projections/record-timeline';
import { notificationFactsOf } from './notification-requirement-changed';

function addressOf(address: Address): Address {
  return {
    addressId: address.addressId,
    type: address.type,
    lines: address.lines,
    town: address.town,
    postcode: address.postcode,
    area: address.area,
    jurisdiction: address.jurisdiction,
    from: address.from,
    to: address.to,
  };
}

/**
 * The value published on `registry.nominal.changed.v1` for a record: its current state, with the
 * free text that carries dissemination limits (intelligence, minutes) left to the query API.
 */
export function nominalChangedOf(stored: NominalDocument): NominalChanged {
  // A record written before the record kept its facts is published as its next write will be.
  const record = recordAsOfToday(stored);
  // Derived when the record was written, and re-derived the day it changes (current-address.ts).
  const address = record.currentAddress;
  const assessment = latestRiskAssessment(record);
  const plan = currentPlan(record);
  return {
    nominalId: record._id,
    version: record.version,
    changedAt: record.updatedAt,
    causedByEventId: record.lastEventId,
    status: record.status,
    mergedInto: record.mergedInto,
    name: record.name,
    aliases: record.aliases,
    dateOfBirth: record.dateOfBirth,
    aliasDatesOfBirth: record.aliasDatesOfBirth,
    gender: record.gender,
    identifiers: record.identifiers,
    mappa: record.mappa,
    ppani: record.ppani,
    management: record.management,
    // The transfer's version is the registry's guard against older steps; readers keep their own.
    openTransfer: record.openTransfer && {
      transferId: record.openTransfer.transferId,
      state: record.openTransfer.state,
      kind: record.openTransfer.kind,
      receivingArea: record.openTransfer.receivingArea,
      receivingJurisdiction: record.openTransfer.receivingJurisdiction,
    },
    currentAddress: address && addressOf(address),
    otherCurrentAddresses: record.otherCurrentAddresses.map(addressOf),
    custody: record.custody,
    supervision: record.supervision,
    restrictedPatient: record.restrictedPatient,
    latestRiskAssessment: assessment,
    riskOfSeriousHarm: riskOfSeriousHarmSummary(record),
    reconvictionRisk: reconvictionRiskSummary(record),
    latestRiskAssessments: toolAssessmentSummaries(record),
    riskManagementPlan: plan && {
      planId: plan.planId,
      planVersion: plan.planVersion,
      reviewOn: plan.reviewOn,
    },
    linkedNominals: record.linkedNominals,
    conflicts: record.conflicts,
    ...notificationFactsOf(record),
    counts: {
      intelligence: record.intelligence.length,
      meetings: record.meetings.length,
      notifications: record.notifications.length,
      addresses: record.addresses.length,
    },
    // As of the day the record was written, as its current states are (a re-publication of the
    // same version says the same).
    timeline: recordTimelineOf(record, londonDate(record.updatedAt)),
  };
}
