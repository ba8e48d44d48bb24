/**
 * The fixed, hand-written part of the sample: sectors with the real ESCO occupations they draw on, and
 * fictional issuers, employers and places. Everything random is derived from these lists by the seeded PRNG.
 */

const OCC = 'http://data.europa.eu/esco/occupation/';

export interface SectorSpec {
  readonly id: string;
  readonly name: string;
  /** ESCO occupation URIs (v1.1.1). */
  readonly occupations: readonly string[];
  /** Annual salary range in USD for postings. */
  readonly salary: readonly [number, number];
  /** Postings in this sector grow over the 18-month window (demand trend). */
  readonly growing: boolean;
}

export const SECTORS: readonly SectorSpec[] = [
  {
    id: 'software-data',
    name: 'Software and data',
    occupations: [`${OCC}f2b15a0e-e65a-438a-affb-29b9d50b77d1`, `${OCC}d3edb8f8-3a06-47a0-8fb9-9b212c006aa2`],
    salary: [62000, 145000],
    growing: true,
  },
  {
    id: 'healthcare',
    name: 'Healthcare and nursing',
    occupations: [`${OCC}8d3e8aaa-791b-4c75-a465-f3f827028f50`, `${OCC}d38c2107-98f2-47b7-8bb4-f69750d51082`],
    salary: [34000, 98000],
    growing: false,
  },
  {
    id: 'construction',
    name: 'Construction and trades',
    occupations: [`${OCC}33960bab-4423-4808-af6c-ec2b485dba41`, `${OCC}ed3cf43d-c2c1-4c46-82fc-1375e27e0290`, `${OCC}2a22ff9e-de3b-408d-b312-5034896cc4f4`],
    salary: [38000, 88000],
    growing: false,
  },
  {
    id: 'hospitality',
    name: 'Hospitality',
    occupations: [`${OCC}90f75f67-495d-49fa-ab57-2f320e251d7e`, `${OCC}82025c02-9082-416c-998b-f51eb0359ee6`],
    salary: [28000, 56000],
    growing: false,
  },
  {
    id: 'finance',
    name: 'Finance and accounting',
    occupations: [`${OCC}eda0d957-3c3c-4139-b89a-a18bc9e18897`, `${OCC}c3aae59e-1441-4b3e-bdd1-6da50dc7cf42`],
    salary: [42000, 115000],
    growing: false,
  },
  {
    id: 'logistics',
    name: 'Logistics and warehousing',
    occupations: [`${OCC}2f5de1ab-eddf-4715-8193-e994912c22ea`, `${OCC}bea705fe-06ac-4147-b8e0-6e8ac1208d8f`, `${OCC}51cd3a7a-eae6-4dc6-9f24-179d7ec6d230`],
    salary: [32000, 96000],
    growing: false,
  },
  {
    id: 'green-energy',
    name: 'Green energy',
    occupations: [`${OCC}75b63949-1b93-4bf2-a777-ccf978dc3e8a`, `${OCC}a32187fa-bc37-4fc2-8e89-296632bfc271`, `${OCC}09e070ce-0afe-40bb-be90-530e5d42cdbd`],
    salary: [40000, 92000],
    growing: true,
  },
  {
    id: 'education',
    name: 'Education',
    occupations: [`${OCC}5efb2c08-ba3a-4659-a2e4-1883f54e77b6`, `${OCC}55d60ead-0343-4008-b9e4-fb4b5a179c83`],
    salary: [36000, 78000],
    growing: false,
  },
];

export interface IssuerSpec {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  /** Sector ids; empty = cross-sector (transversal skills). */
  readonly sectors: readonly string[];
}

export const ISSUERS: readonly IssuerSpec[] = [
  { id: 'https://northwind-academy.example/issuer', name: 'Northwind Digital Academy', url: 'https://northwind-academy.example', sectors: ['software-data'] },
  { id: 'https://meridian-health-institute.example/issuer', name: 'Meridian Health Training Institute', url: 'https://meridian-health-institute.example', sectors: ['healthcare'] },
  { id: 'https://keystone-trades.example/issuer', name: 'Keystone Trades College', url: 'https://keystone-trades.example', sectors: ['construction', 'green-energy'] },
  { id: 'https://harbourview-hospitality.example/issuer', name: 'Harbourview Hospitality School', url: 'https://harbourview-hospitality.example', sectors: ['hospitality'] },
  { id: 'https://ledgerline-institute.example/issuer', name: 'Ledgerline Finance Institute', url: 'https://ledgerline-institute.example', sectors: ['finance'] },
  { id: 'https://crossdock-academy.example/issuer', name: 'Crossdock Logistics Academy', url: 'https://crossdock-academy.example', sectors: ['logistics'] },
  { id: 'https://sunridge-green-skills.example/issuer', name: 'Sunridge Green Skills Centre', url: 'https://sunridge-green-skills.example', sectors: ['green-energy'] },
  { id: 'https://open-educators.example/issuer', name: 'Open Educators Collective', url: 'https://open-educators.example', sectors: ['education'] },
  { id: 'https://civic-skills-commons.example/issuer', name: 'Civic Skills Commons', url: 'https://civic-skills-commons.example', sectors: [] },
];

export interface EmployerSpec {
  readonly id: string;
  readonly name: string;
  readonly sectors: readonly string[];
  readonly blurb: string;
}

export const EMPLOYERS: readonly EmployerSpec[] = [
  { id: 'urn:sample:org:bluefin-software', name: 'Bluefin Software Ltd', sectors: ['software-data'], blurb: 'Bluefin Software builds scheduling and billing tools used by thousands of small businesses.' },
  { id: 'urn:sample:org:quillon-analytics', name: 'Quillon Analytics', sectors: ['software-data', 'finance'], blurb: 'Quillon Analytics helps regional banks and credit unions make sense of their numbers.' },
  { id: 'urn:sample:org:riverbend-health', name: 'Riverbend Health Partners', sectors: ['healthcare'], blurb: 'Riverbend Health Partners runs two community hospitals and a network of outpatient clinics.' },
  { id: 'urn:sample:org:cedarpoint-care', name: 'Cedarpoint Care Homes', sectors: ['healthcare', 'hospitality'], blurb: 'Cedarpoint Care Homes provides residential and day care for older adults across the state.' },
  { id: 'urn:sample:org:ironbridge-build', name: 'Ironbridge Builders', sectors: ['construction'], blurb: 'Ironbridge Builders is a family-owned contractor delivering homes, schools and light-industrial sites.' },
  { id: 'urn:sample:org:saltmarsh-hotels', name: 'Saltmarsh Hotels & Kitchens', sectors: ['hospitality'], blurb: 'Saltmarsh Hotels & Kitchens operates boutique hotels and busy restaurants in coastal towns.' },
  { id: 'urn:sample:org:tallyworks', name: 'Tallyworks Accounting', sectors: ['finance'], blurb: 'Tallyworks Accounting looks after the books of more than 2,000 local firms and charities.' },
  { id: 'urn:sample:org:longhaul-freight', name: 'Longhaul Freight Co', sectors: ['logistics'], blurb: 'Longhaul Freight Co moves goods for retailers through five regional distribution centres.' },
  { id: 'urn:sample:org:brightfield-energy', name: 'Brightfield Renewables', sectors: ['green-energy', 'construction'], blurb: 'Brightfield Renewables designs, installs and maintains solar and wind systems for homes and farms.' },
  { id: 'urn:sample:org:maplewood-schools', name: 'Maplewood Learning Trust', sectors: ['education'], blurb: 'Maplewood Learning Trust runs eleven early-years centres and secondary schools.' },
  { id: 'urn:sample:org:ashgrove-logistics', name: 'Ashgrove Logistics Services', sectors: ['logistics', 'green-energy'], blurb: 'Ashgrove Logistics Services runs electric-fleet last-mile delivery and warehousing for online shops.' },
];

/** Real place names only (no people); the loader keeps them as a plain `City, ST` string. */
export const CITIES: readonly { readonly city: string; readonly region: string }[] = [
  { city: 'Columbus', region: 'OH' },
  { city: 'Denver', region: 'CO' },
  { city: 'Raleigh', region: 'NC' },
  { city: 'Tucson', region: 'AZ' },
  { city: 'Omaha', region: 'NE' },
  { city: 'Portland', region: 'OR' },
  { city: 'Madison', region: 'WI' },
  { city: 'Richmond', region: 'VA' },
  { city: 'Boise', region: 'ID' },
  { city: 'Albany', region: 'NY' },
  { city: 'Spokane', region: 'WA' },
  { city: 'Savannah', region: 'GA' },
];

/** Fixed reference date: postings fall in the 18 months before it; awards are issued before it. */
export const REFERENCE_DATE = '2026-10-31';
export const SEED = 20261031;
