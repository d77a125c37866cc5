import type { Jurisdiction } from '@hub/contracts';
import type { FigureTable } from '../figures/figure-table';

/**
 * The figures of one jurisdiction's MAPPA (or, in Northern Ireland, PPANI) annual report: the
 * reporting year ends on 31 March of `year` (year 2026 runs from 1 April 2025 to 31 March 2026,
 * published as "2025/26"), as the published reports do.
 */
export interface AnnualReport {
  jurisdiction: Jurisdiction;
  year: number;
  /** "2025/26" */
  yearLabel: string;
  period: { from: string; to: string };
  /** When the figures were computed (ISO timestamp). */
  generatedAt: string;
  /** The smallest count published; smaller counts (and the cells that would reveal them) are hidden. */
  suppressionThreshold: number;
  /** The tables, in the order the document shows them. */
  tables: FigureTable[];
  /** People managed on 31 March of each of the last years, per category (null where suppressed). */
  trend: { year: number; category: string; count: number | null }[];
  /** Registered sex offenders per 100,000 population on 31 March, per area (null where suppressed). */
  ratesByArea: { area: string; rate: number | null }[];
  /** Where the population estimates come from, e.g. "ONS mid-2024 estimates (2025)". */
  populationSource: string;
}
