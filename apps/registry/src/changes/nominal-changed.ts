import type { Address, NominalChanged } from '@hub/contracts';
import { currentAddress, currentPlan, latestRiskAssessment } from '../nominals/current-facts';
import type { NominalDocument } from '../nominals/nominal.documents';

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
export function nominalChangedOf(record: NominalDocument): NominalChanged {
  const address = currentAddress(record);
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
    gender: record.gender,
    identifiers: record.identifiers,
    mappa: record.mappa,
    management: record.management,
    currentAddress: address && addressOf(address),
    custody: record.custody,
    supervision: record.supervision,
    restrictedPatient: record.restrictedPatient,
    latestRiskAssessment: assessment && {
      assessmentId: assessment.assessmentId,
      tool: assessment.tool,
      riskOfSeriousHarm: assessment.riskOfSeriousHarm,
      assessedOn: assessment.assessedOn,
      nextReviewOn: assessment.nextReviewOn,
    },
    riskManagementPlan: plan && {
      planId: plan.planId,
      planVersion: plan.planVersion,
      reviewOn: plan.reviewOn,
    },
    linkedNominals: record.linkedNominals,
    counts: {
      intelligence: record.intelligence.length,
      meetings: record.meetings.length,
      notifications: record.notifications.length,
      addresses: record.addresses.length,
    },
  };
}
