import { organisationDirectory } from '@hub/security';
import estimatesFile from '../../data/population-estimates.json';
import {
  PopulationEstimates,
  PopulationEstimatesError,
  populationEstimates,
  type DirectoryArea,
} from './population';

const copyOfFile = (): typeof estimatesFile => structuredClone(estimatesFile);

describe('population estimates', () => {
  const directoryAreas = organisationDirectory().data.mappaAreas;

  it('has one estimate for every MAPPA area of the real directory', () => {
    const estimates = populationEstimates();

    for (const area of directoryAreas) {
      expect(estimates.populationOf(area.name)).toBeGreaterThan(10_000);
    }
    expect(estimates.data.areas).toHaveLength(directoryAreas.length);
  });

  it('finds an area however it is written, as the directory compares areas', () => {
    expect(populationEstimates().populationOf('  lothian AND borders ')).toBe(
      populationEstimates().populationOf('Lothian and Borders'),
    );
  });

  it('cites its source with the reference date, publication year and version', () => {
    expect(populationEstimates().sourceLine).toBe(
      'ONS, NRS and NISRA mid-2023 population estimates (published 2024), version 1',
    );
  });

  it('refuses an area it has no estimate for rather than giving a rate over nothing', () => {
    expect(() => populationEstimates().populationOf('Atlantis')).toThrow(
      /"Atlantis" has no population estimate/,
    );
  });

  it('names every missing, unknown, duplicated and misplaced area', () => {
    const data = copyOfFile();
    const glasgow = data.areas.find((area) => area.name === 'Glasgow')!;
    data.areas = data.areas.filter((area) => area.name !== 'Kent' && area.name !== 'Belfast');
    data.areas.push({ ...glasgow, name: 'Atlantis' }, { ...glasgow });
    data.areas.find((area) => area.name === 'Tayside')!.jurisdiction = 'NORTHERN_IRELAND';

    const problems = (): string[] => {
      try {
        PopulationEstimates.from(data, directoryAreas);
      } catch (error) {
        if (error instanceof PopulationEstimatesError) return error.problems;
        throw error;
      }
      return [];
    };

    expect(problems()).toEqual(
      expect.arrayContaining([
        '"Kent" has no estimate',
        '"Belfast" has no estimate',
        '"Atlantis" is not a MAPPA area of the directory',
        '"Glasgow" has 2 estimates',
        '"Tayside" is in SCOTLAND in the directory, not NORTHERN_IRELAND',
      ]),
    );
    expect(problems()).toHaveLength(5);
  });

  it('refuses a file of the wrong shape, naming the field', () => {
    const data = copyOfFile();
    (data.areas[0] as { population: number }).population = -5;

    expect(() => PopulationEstimates.from(data, directoryAreas)).toThrow(/areas\.0\.population/);
  });

  it('checks coverage against whatever areas it is given', () => {
    const areas: DirectoryArea[] = [{ name: 'Glasgow', jurisdiction: 'SCOTLAND' }];

    expect(() => PopulationEstimates.from(copyOfFile(), areas)).toThrow(
      /"Kent" is not a MAPPA area of the directory/,
    );
  });
});
