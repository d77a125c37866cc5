import type { Jurisdiction } from '@hub/contracts';

/**
 * The MAPPA areas of the three UK jurisdictions, with some of their towns and postcode districts,
 * for synthetic addresses. Source: general knowledge, not an official list.
 *
 * - England and Wales: MAPPA areas follow the 42 police-force areas (London covering the
 *   Metropolitan and City of London forces); weights are roughly their populations in millions.
 * - Scotland: MAPPA are run by local authorities, police, the Scottish Prison Service and health
 *   boards jointly across groupings of the 32 council areas; the groupings here are the former
 *   community justice authority areas, which Scottish MAPPA annual reports still use.
 * - Northern Ireland: Public Protection Arrangements Northern Ireland (PPANI), with Belfast and
 *   four areas outside it.
 *
 * Street names and the inward halves of postcodes are invented by the generators.
 */

/** A town of an area: its name, its postcode area and the range of district numbers used. */
export type Town = readonly [
  name: string,
  postcodeArea: string,
  firstDistrict: number,
  lastDistrict: number,
];

export interface MappaArea {
  name: string;
  jurisdiction: Jurisdiction;
  /** Relative weight (about the population, in millions). */
  weight: number;
  towns: readonly Town[];
}

type AreaRow = readonly [name: string, weight: number, towns: readonly Town[]];

// prettier-ignore
const englandAndWales: readonly AreaRow[] = [
  ['Avon and Somerset', 1.7, [['Bristol', 'BS', 1, 16], ['Bath', 'BA', 1, 2], ['Taunton', 'TA', 1, 3], ['Weston-super-Mare', 'BS', 22, 24]]],
  ['Bedfordshire', 0.7, [['Luton', 'LU', 1, 4], ['Bedford', 'MK', 40, 42]]],
  ['Cambridgeshire', 0.9, [['Cambridge', 'CB', 1, 5], ['Peterborough', 'PE', 1, 7]]],
  ['Cheshire', 1.1, [['Chester', 'CH', 1, 4], ['Warrington', 'WA', 1, 5], ['Crewe', 'CW', 1, 2]]],
  ['Cleveland', 0.57, [['Middlesbrough', 'TS', 1, 5], ['Hartlepool', 'TS', 24, 26], ['Stockton-on-Tees', 'TS', 18, 20]]],
  ['Cumbria', 0.5, [['Carlisle', 'CA', 1, 3], ['Barrow-in-Furness', 'LA', 13, 14], ['Kendal', 'LA', 9, 9]]],
  ['Derbyshire', 1.05, [['Derby', 'DE', 1, 24], ['Chesterfield', 'S', 40, 41]]],
  ['Devon and Cornwall', 1.8, [['Plymouth', 'PL', 1, 9], ['Exeter', 'EX', 1, 4], ['Truro', 'TR', 1, 4], ['Torquay', 'TQ', 1, 2]]],
  ['Dorset', 0.78, [['Bournemouth', 'BH', 1, 11], ['Poole', 'BH', 12, 17], ['Dorchester', 'DT', 1, 2]]],
  ['Durham', 0.65, [['Durham', 'DH', 1, 7], ['Darlington', 'DL', 1, 3]]],
  ['Dyfed-Powys', 0.52, [['Carmarthen', 'SA', 31, 33], ['Llanelli', 'SA', 14, 15], ['Aberystwyth', 'SY', 23, 23], ['Newtown', 'SY', 16, 16]]],
  ['Essex', 1.8, [['Chelmsford', 'CM', 1, 3], ['Colchester', 'CO', 1, 4], ['Southend-on-Sea', 'SS', 0, 3], ['Basildon', 'SS', 13, 16]]],
  ['Gloucestershire', 0.64, [['Gloucester', 'GL', 1, 4], ['Cheltenham', 'GL', 50, 53]]],
  ['Greater Manchester', 2.9, [['Manchester', 'M', 1, 40], ['Salford', 'M', 5, 7], ['Bolton', 'BL', 1, 3], ['Wigan', 'WN', 1, 6], ['Oldham', 'OL', 1, 9], ['Stockport', 'SK', 1, 7]]],
  ['Gwent', 0.6, [['Newport', 'NP', 19, 20], ['Cwmbran', 'NP', 44, 44], ['Ebbw Vale', 'NP', 23, 23]]],
  ['Hampshire', 2.0, [['Southampton', 'SO', 14, 19], ['Portsmouth', 'PO', 1, 6], ['Basingstoke', 'RG', 21, 24], ['Newport, Isle of Wight', 'PO', 30, 30]]],
  ['Hertfordshire', 1.2, [['Watford', 'WD', 17, 25], ['Stevenage', 'SG', 1, 2], ['St Albans', 'AL', 1, 4]]],
  ['Humberside', 0.93, [['Hull', 'HU', 1, 9], ['Grimsby', 'DN', 31, 34], ['Scunthorpe', 'DN', 15, 17]]],
  ['Kent', 1.9, [['Maidstone', 'ME', 14, 16], ['Canterbury', 'CT', 1, 2], ['Chatham', 'ME', 4, 5], ['Ashford', 'TN', 23, 25]]],
  ['Lancashire', 1.5, [['Preston', 'PR', 1, 2], ['Blackpool', 'FY', 1, 4], ['Blackburn', 'BB', 1, 2], ['Lancaster', 'LA', 1, 2]]],
  ['Leicestershire', 1.1, [['Leicester', 'LE', 1, 5], ['Loughborough', 'LE', 11, 11]]],
  ['Lincolnshire', 0.77, [['Lincoln', 'LN', 1, 6], ['Boston', 'PE', 21, 21], ['Grantham', 'NG', 31, 31]]],
  ['London', 9.0, [['London', 'E', 1, 17], ['London', 'N', 1, 22], ['London', 'SE', 1, 28], ['London', 'SW', 1, 20], ['London', 'NW', 1, 11], ['Croydon', 'CR', 0, 9], ['Romford', 'RM', 1, 7], ['Harrow', 'HA', 1, 3]]],
  ['Merseyside', 1.4, [['Liverpool', 'L', 1, 38], ['Birkenhead', 'CH', 41, 43], ['St Helens', 'WA', 9, 11], ['Southport', 'PR', 8, 9]]],
  ['Norfolk', 0.92, [['Norwich', 'NR', 1, 7], ['Great Yarmouth', 'NR', 30, 31], ["King's Lynn", 'PE', 30, 31]]],
  ['North Wales', 0.7, [['Wrexham', 'LL', 11, 14], ['Bangor', 'LL', 57, 57], ['Rhyl', 'LL', 18, 18]]],
  ['North Yorkshire', 0.83, [['York', 'YO', 1, 32], ['Harrogate', 'HG', 1, 3], ['Scarborough', 'YO', 11, 12]]],
  ['Northamptonshire', 0.79, [['Northampton', 'NN', 1, 5], ['Kettering', 'NN', 14, 16], ['Corby', 'NN', 17, 18]]],
  ['Northumbria', 1.5, [['Newcastle upon Tyne', 'NE', 1, 15], ['Sunderland', 'SR', 1, 6], ['Gateshead', 'NE', 8, 11], ['Blyth', 'NE', 24, 24]]],
  ['Nottinghamshire', 1.17, [['Nottingham', 'NG', 1, 11], ['Mansfield', 'NG', 18, 21]]],
  ['South Wales', 1.35, [['Cardiff', 'CF', 3, 24], ['Swansea', 'SA', 1, 6], ['Merthyr Tydfil', 'CF', 47, 48], ['Bridgend', 'CF', 31, 35]]],
  ['South Yorkshire', 1.4, [['Sheffield', 'S', 1, 14], ['Doncaster', 'DN', 1, 5], ['Rotherham', 'S', 60, 66], ['Barnsley', 'S', 70, 75]]],
  ['Staffordshire', 1.15, [['Stoke-on-Trent', 'ST', 1, 6], ['Stafford', 'ST', 16, 18], ['Burton upon Trent', 'DE', 13, 15]]],
  ['Suffolk', 0.77, [['Ipswich', 'IP', 1, 5], ['Lowestoft', 'NR', 32, 33], ['Bury St Edmunds', 'IP', 32, 33]]],
  ['Surrey', 1.2, [['Guildford', 'GU', 1, 4], ['Woking', 'GU', 21, 22], ['Redhill', 'RH', 1, 1]]],
  ['Sussex', 1.7, [['Brighton', 'BN', 1, 2], ['Crawley', 'RH', 10, 11], ['Hastings', 'TN', 34, 35], ['Worthing', 'BN', 11, 14]]],
  ['Thames Valley', 2.4, [['Reading', 'RG', 1, 6], ['Oxford', 'OX', 1, 4], ['Milton Keynes', 'MK', 1, 15], ['Slough', 'SL', 1, 3], ['High Wycombe', 'HP', 11, 13]]],
  ['Warwickshire', 0.6, [['Nuneaton', 'CV', 10, 11], ['Leamington Spa', 'CV', 31, 32], ['Rugby', 'CV', 21, 22]]],
  ['West Mercia', 1.3, [['Worcester', 'WR', 1, 5], ['Shrewsbury', 'SY', 1, 3], ['Hereford', 'HR', 1, 4], ['Telford', 'TF', 1, 7]]],
  ['West Midlands', 2.9, [['Birmingham', 'B', 1, 45], ['Coventry', 'CV', 1, 6], ['Wolverhampton', 'WV', 1, 14], ['Walsall', 'WS', 1, 9], ['Dudley', 'DY', 1, 3]]],
  ['West Yorkshire', 2.3, [['Leeds', 'LS', 1, 28], ['Bradford', 'BD', 1, 10], ['Huddersfield', 'HD', 1, 5], ['Wakefield', 'WF', 1, 4], ['Halifax', 'HX', 1, 3]]],
  ['Wiltshire', 0.72, [['Swindon', 'SN', 1, 5], ['Salisbury', 'SP', 1, 2], ['Chippenham', 'SN', 14, 15]]],
];

// prettier-ignore
const scotland: readonly AreaRow[] = [
  ['Fife and Forth Valley', 0.67, [['Dunfermline', 'KY', 11, 12], ['Kirkcaldy', 'KY', 1, 2], ['Stirling', 'FK', 7, 9], ['Falkirk', 'FK', 1, 2]]],
  ['Glasgow', 0.63, [['Glasgow', 'G', 1, 53]]],
  ['Lanarkshire', 0.66, [['Motherwell', 'ML', 1, 1], ['Hamilton', 'ML', 3, 3], ['Airdrie', 'ML', 6, 6], ['East Kilbride', 'G', 74, 75]]],
  ['Lothian and Borders', 0.95, [['Edinburgh', 'EH', 1, 17], ['Livingston', 'EH', 54, 54], ['Galashiels', 'TD', 1, 1]]],
  ['North Strathclyde', 0.9, [['Paisley', 'PA', 1, 3], ['Greenock', 'PA', 15, 16], ['Dumbarton', 'G', 82, 82], ['Oban', 'PA', 34, 34]]],
  ['Northern', 0.85, [['Aberdeen', 'AB', 10, 25], ['Inverness', 'IV', 1, 3], ['Elgin', 'IV', 30, 30], ['Kirkwall', 'KW', 15, 15]]],
  ['South West Scotland', 0.52, [['Kilmarnock', 'KA', 1, 3], ['Ayr', 'KA', 7, 8], ['Dumfries', 'DG', 1, 2]]],
  ['Tayside', 0.42, [['Dundee', 'DD', 1, 5], ['Perth', 'PH', 1, 2], ['Arbroath', 'DD', 11, 11]]],
];

// prettier-ignore
const northernIreland: readonly AreaRow[] = [
  ['Belfast', 0.34, [['Belfast', 'BT', 1, 17]]],
  ['North', 0.4, [['Coleraine', 'BT', 51, 52], ['Ballymena', 'BT', 42, 43], ['Antrim', 'BT', 41, 41]]],
  ['South', 0.42, [['Newry', 'BT', 34, 35], ['Armagh', 'BT', 60, 61], ['Craigavon', 'BT', 62, 66]]],
  ['South-East', 0.38, [['Bangor', 'BT', 19, 20], ['Lisburn', 'BT', 27, 28], ['Downpatrick', 'BT', 30, 30]]],
  ['West', 0.36, [['Londonderry', 'BT', 47, 48], ['Omagh', 'BT', 78, 79], ['Enniskillen', 'BT', 74, 74]]],
];

function areasOf(jurisdiction: Jurisdiction, rows: readonly AreaRow[]): MappaArea[] {
  return rows.map(([name, weight, towns]) => ({ name, jurisdiction, weight, towns }));
}

export const mappaAreas: Readonly<Record<Jurisdiction, readonly MappaArea[]>> = {
  ENGLAND_AND_WALES: areasOf('ENGLAND_AND_WALES', englandAndWales),
  SCOTLAND: areasOf('SCOTLAND', scotland),
  NORTHERN_IRELAND: areasOf('NORTHERN_IRELAND', northernIreland),
};

/** Share of MAPPA-eligible people per jurisdiction, roughly as the annual reports give them. */
export const jurisdictionWeights: readonly (readonly [Jurisdiction, number])[] = [
  ['ENGLAND_AND_WALES', 0.88],
  ['SCOTLAND', 0.09],
  ['NORTHERN_IRELAND', 0.03],
];

/** Prison establishments (real, public names) per jurisdiction, for men and for women. */
// prettier-ignore
export const establishments: Readonly<
  Record<Jurisdiction, { men: readonly string[]; women: readonly string[] }>
> = {
  ENGLAND_AND_WALES: {
    men: [
      'HMP Manchester', 'HMP Leeds', 'HMP Bristol', 'HMP Cardiff', 'HMP Wakefield', 'HMP Whatton',
      'HMP Isle of Wight', 'HMP Frankland', 'HMP Full Sutton', 'HMP Birmingham', 'HMP Pentonville',
      'HMP Wandsworth', 'HMP Liverpool', 'HMP Nottingham', 'HMP Swansea', 'HMP Durham',
      'HMP Exeter', 'HMP Lewes', 'HMP Norwich', 'HMP Stafford', 'HMP Littlehey', 'HMP Bure',
      'HMP Usk', 'HMP Berwyn',
    ],
    women: ['HMP Low Newton', 'HMP Styal', 'HMP Eastwood Park', 'HMP Bronzefield'],
  },
  SCOTLAND: {
    men: [
      'HMP Barlinnie', 'HMP Edinburgh', 'HMP Glenochil', 'HMP Perth', 'HMP Grampian',
      'HMP Addiewell', 'HMP Shotts', 'HMP Low Moss', 'HMP Kilmarnock', 'HMP Inverness',
    ],
    women: ['HMP & YOI Stirling', 'HMP Grampian'],
  },
  NORTHERN_IRELAND: {
    men: ['HMP Maghaberry', 'HMP Magilligan'],
    women: ['Hydebank Wood'],
  },
};

/** Secure hospitals (real, public names) and the legislation restricted patients are held under. */
// prettier-ignore
export const secureHospitals: Readonly<
  Record<Jurisdiction, { hospitals: readonly string[]; legalBasis: readonly string[] }>
> = {
  ENGLAND_AND_WALES: {
    hospitals: [
      'Broadmoor Hospital', 'Rampton Hospital', 'Ashworth Hospital', 'Reaside Clinic',
      'Guild Lodge', 'The Bracton Centre', 'Caswell Clinic',
    ],
    legalBasis: ['Mental Health Act 1983 s37/41', 'Mental Health Act 1983 s47/49'],
  },
  SCOTLAND: {
    hospitals: ['The State Hospital, Carstairs', 'Orchard Clinic', 'Rowanbank Clinic'],
    legalBasis: [
      'Criminal Procedure (Scotland) Act 1995 s57A/59 (compulsion order with restriction order)',
    ],
  },
  NORTHERN_IRELAND: {
    hospitals: ['Shannon Clinic'],
    legalBasis: ['Mental Health (Northern Ireland) Order 1986 Art 44/47'],
  },
};
