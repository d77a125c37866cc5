import { mappaAreas } from '@hub/testing';
import {
  DirectoryError,
  OrganisationDirectory,
  organisationDirectory,
} from './organisation-directory';

describe('the organisation directory', () => {
  const directory = organisationDirectory();
  const ofType = (type: string) => directory.organisations.filter((o) => o.agencyType === type);

  it('lists the 43 territorial forces of England and Wales, Police Scotland, the PSNI and the BTP', () => {
    const police = ofType('POLICE');
    expect(
      police.filter((o) => o.jurisdiction === 'ENGLAND_AND_WALES' && o.mappaAreas.length > 0),
    ).toHaveLength(43);
    expect(police.map((o) => o.name)).toEqual(
      expect.arrayContaining([
        'Police Scotland',
        'Police Service of Northern Ireland',
        'British Transport Police',
      ]),
    );
  });

  it('has a police force and a probation or justice social work body for every MAPPA area', () => {
    for (const area of directory.data.mappaAreas) {
      expect([area.name, directory.servingArea(area.name, 'POLICE').length > 0]).toEqual([
        area.name,
        true,
      ]);
      const supervising = [
        ...directory.servingArea(area.name, 'PROBATION'),
        ...directory.servingArea(area.name, 'SOCIAL_WORK'),
      ];
      expect([area.name, supervising.length > 0]).toEqual([area.name, true]);
    }
  });

  it('knows the same MAPPA areas as the synthetic data generators', () => {
    const synthetic = Object.values(mappaAreas).flatMap((areas) =>
      areas.map((a) => [a.name, a.jurisdiction]),
    );
    expect(directory.data.mappaAreas.map((a) => [a.name, a.jurisdiction])).toEqual(synthetic);
  });

  it('finds the organisation behind an OAuth client and a Kafka principal', () => {
    const [organisation] = directory.servingArea('greater  MANCHESTER', 'POLICE');
    const system = organisation.systems[0];
    expect(directory.systemOfClient(system.oauthClientId!)?.[0].name).toBe(
      'Greater Manchester Police',
    );
    expect(directory.systemOfPrincipal(system.kafkaPrincipal!)?.[0].id).toBe(organisation.id);
    expect(directory.systemOfPrincipal('hub.connector-prison')?.[1].actsFor).toBe('PRISON');
  });

  it('refuses a file with duplicate principals or unknown areas, naming each problem', () => {
    const data = structuredClone(directory.data);
    data.organisations[1].systems[0].kafkaPrincipal =
      data.organisations[0].systems[0].kafkaPrincipal;
    data.organisations[2].mappaAreas = ['Atlantis'];
    expect(() => OrganisationDirectory.from(data)).toThrow(DirectoryError);
    expect(() => OrganisationDirectory.from(data)).toThrow(/Kafka principal .* is used by both/);
    expect(() => OrganisationDirectory.from(data)).toThrow(/serves "Atlantis"/);
  });
});
