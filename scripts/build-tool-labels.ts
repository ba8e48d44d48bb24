/**
 * Builds taxonomy/loaders/esco-tool-labels.json: software product names from O*NET's technology examples, attached
 * to the ESCO skill their product category stands for ("Microsoft Excel" → use spreadsheets software), which the
 * ESCO loader adds as hidden labels (matched and embedded, never displayed). ESCO itself lists product names as
 * alternative labels of such skills (Zoho Sheet, Calligra Sheets under "use spreadsheets software"), but not the
 * common ones a posting or a CV names: Excel, PowerPoint, SAP, AutoCAD, Tableau.
 *
 *   npx tsx scripts/build-tool-labels.ts            # reads ../shared/datasets/onet-29.2 and esco-v1.1.1
 *   npx tsx scripts/build-tool-labels.ts --out FILE # elsewhere (the test compares it with the committed file)
 *
 * Inputs: O*NET 29.2 `technology_skills.txt` (CC BY 4.0, USDOL/ETA) and ESCO v1.1.1 `skills_en.csv` and
 * `occupations_en.csv` (CC BY 4.0, European Commission). The one hand-written part is CATEGORIES below: which O*NET
 * commodity (UNSPSC) category means which ESCO skill, chosen from the ESCO labels and descriptions alone (a category
 * with no ESCO skill that means it — analytical or scientific software, web page creation, medical software — is
 * left out, and so is development environment software, which O*NET fills with programming languages). The rest are
 * rules: a product of a mapped category that at least MIN_OCCUPATIONS occupations name gives its full name and its
 * name without a vendor prefix ("Autodesk AutoCAD" → "AutoCAD"), each kept when it is a product's name (isName: not
 * a kind of software, not a short acronym, not a one-word ordinary word such as Word, Access, Outlook or Excel) and
 * no ESCO label already (PostgreSQL, Microsoft Access). Deterministic: same inputs, same file.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { normaliseLabel } from '../taxonomy/model/normalise.ts';

/** O*NET commodity title → ESCO preferred labels of the skills it stands for. */
const CATEGORIES: Record<string, readonly string[]> = {
  'Spreadsheet software': ['use spreadsheets software'],
  'Word processing software': ['use word processing software'],
  'Presentation software': ['use presentation software'],
  'Office suite software': ['office software'],
  'Data base user interface and query software': ['use databases'],
  'Data base management system software': ['database management systems'],
  'Object oriented data base management software': ['database management systems'],
  'Enterprise resource planning ERP software': ['manage standard enterprise resource planning system'],
  'Customer relationship management CRM software': ['use customer relationship management software'],
  'Computer aided design CAD software': ['CAD software'],
  'Computer aided manufacturing CAM software': ['CAM software'],
  'Operating system software': ['operating systems'],
  'Graphics or photo imaging software': ['graphics editor software'],
  'Video creation and editing software': ['perform video editing'],
  'Music or sound editing software': ['audio editing software'],
  'Desktop publishing software': ['desktop publishing'],
  'Geographic information system': ['geographic information systems'],
  'Business intelligence and data analysis software': ['business intelligence', 'use specific data analysis software'],
  'Data mining software': ['data mining'],
  'Project management software': ['project management'],
  'Accounting software': ['use accounting systems'],
  'Calendar and scheduling software': ['use personal organization software'],
  'Electronic mail software': ['use communication and collaboration software'],
  'Instant messaging software': ['use internet chat'],
  'Video conferencing software': ['use online tools to collaborate'],
  'Configuration management software': ['tools for software configuration management'],
  'Optical character reader OCR or scanning software': ['optical character recognition software'],
};

/** A first word that starts at least this many distinct examples, and is no ordinary word, is a vendor ("Microsoft", "Adobe", "IBM"; not "Digital"). */
const VENDOR_MIN_EXAMPLES = 5;
/** A product is kept when at least this many O*NET occupations name it: the products in common use, not the long tail of one trade's package, whose long names ("Harland Financial Solutions DepositPro") add only noise words. */
const MIN_OCCUPATIONS = 3;
/** Shortest product name kept (characters): "R" or "C" would match everywhere. */
const MIN_NAME = 3;

const onetFile = sharedPath('datasets', 'onet-29.2', 'technology_skills.txt');
const escoFile = sharedPath('datasets', 'esco-v1.1.1', 'skills_en.csv');
const occupationsFile = sharedPath('datasets', 'esco-v1.1.1', 'occupations_en.csv');
const outAt = process.argv.indexOf('--out');
const outFile = outAt >= 0 && process.argv[outAt + 1] ? process.argv[outAt + 1]! : fileURLToPath(new URL('../taxonomy/loaders/esco-tool-labels.json', import.meta.url));

const onetText = readFileSync(onetFile, 'utf8');
const escoText = readFileSync(escoFile, 'utf8');
const occupationsText = readFileSync(occupationsFile, 'utf8');
const [header, ...lines] = onetText.trimEnd().split(/\r?\n/);
const col = header!.split('\t');
const socAt = col.indexOf('O*NET-SOC Code');
const exampleAt = col.indexOf('Example');
const titleAt = col.indexOf('Commodity Title');
if (socAt < 0 || exampleAt < 0 || titleAt < 0) throw new Error(`${onetFile}: no O*NET-SOC Code, Example or Commodity Title column`);
const rows = lines.map((l) => l.split('\t')).map((c) => ({ soc: c[socAt]!.trim(), example: c[exampleAt]!.trim(), title: c[titleAt]!.trim() }));
/** Occupations naming each example. */
const occupationsOf = new Map<string, Set<string>>();
for (const r of rows) {
  let set = occupationsOf.get(r.example);
  if (!set) occupationsOf.set(r.example, (set = new Set()));
  set.add(r.soc);
}

// ESCO as published (the loader's own parsing; not with the names this script builds).
const { skills: esco, occupations } = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'), { toolLabels: false });
const byLabel = new Map(esco.map((s) => [s.preferredLabel.trim(), s.id]));
/** Match keys of every ESCO label: a product ESCO has a skill of its own (PostgreSQL, Microsoft Access) links there. */
const escoKeys = new Set(esco.flatMap((s) => [s.preferredLabel, ...s.altLabels, ...s.hiddenLabels]).map(normaliseLabel).filter((k) => k !== ''));
/** Words ESCO's descriptions (its prose) use in lower case: ordinary English, too common to stand for a product. */
const ordinary = new Set<string>();
for (const s of esco) for (const w of s.description.match(/\b[a-z][a-z-]*\b/g) ?? []) ordinary.add(w);
/**
 * Words ESCO's skill and occupation labels use in lower case ("painter", "audition", "looms", "excel" in "excel in
 * sports"): a product's one-word name that is such a word (or its plural) is left out. Matching is case-blind (the
 * label keys and the uncased model), so "Excel" alone would link "You will excel in sales" to spreadsheets; the full
 * name ("Microsoft Excel") is kept.
 */
const labelWords = new Set<string>();
for (const s of [...esco, ...occupations]) for (const w of `${s.preferredLabel}\n${s.altLabels.join('\n')}`.match(/\b[a-z][a-z-]*\b/g) ?? []) labelWords.add(w);
const isLabelWord = (w: string): boolean => labelWords.has(w) || labelWords.has(`${w}s`) || labelWords.has(`${w}es`);

const titles = new Set(rows.map((r) => r.title));
for (const [title, labels] of Object.entries(CATEGORIES)) {
  if (!titles.has(title)) throw new Error(`no O*NET commodity "${title}" in ${onetFile}`);
  for (const l of labels) if (!byLabel.has(l)) throw new Error(`no ESCO skill "${l}" in ${escoFile}`);
}

const examples = [...new Set(rows.map((r) => r.example))];
const firstWords = new Map<string, number>();
for (const e of examples) {
  const w = e.split(' ')[0]!;
  if (e.includes(' ')) firstWords.set(w, (firstWords.get(w) ?? 0) + 1);
}
const vendors = new Set([...firstWords].filter(([w, n]) => n >= VENDOR_MIN_EXAMPLES && /^[A-Z]/.test(w) && !ordinary.has(w.toLowerCase())).map(([w]) => w));

/**
 * A product's name rather than a description of a kind of software: a capital or a digit after its first letter
 * ("Microsoft Excel", "iWork", "Lotus 1-2-3") or one word alone ("Webex"), and at least one word that is neither an
 * ordinary word nor an acronym ("Excel", "Webex"; not "Spreadsheet software", "Strategy Management" or
 * "3D graphics software", which say a kind of software, as ESCO's own labels already do). Not an acronym of up to
 * four letters alone (CNC, GIS: terms, not products).
 */
function isName(name: string): boolean {
  if (name.length < MIN_NAME || /^[A-Z]{1,4}$/.test(name)) return false;
  const words = name.split(/[\s/(),]+/).filter((w) => w !== '');
  if (words.length === 1 && isLabelWord(name.toLowerCase())) return false;
  if (words.length > 1 && !/[A-Z0-9]/.test(name.slice(1))) return false;
  return words.some((w) => /[A-Za-z]/.test(w) && !/^[A-Z0-9&.+'-]+$/.test(w) && !ordinary.has(w.toLowerCase()));
}

/** The example, and its name without the vendor, when each is a product's name that no ESCO label already has. */
function namesOf(example: string): string[] {
  // A product ESCO has a skill of its own (Microsoft Visio): neither it nor its short name ("Visio").
  if (escoKeys.has(normaliseLabel(example))) return [];
  const names = [example];
  const [first, ...rest] = example.split(' ');
  if (vendors.has(first!) && rest.length > 0) {
    const short = rest.join(' ');
    const ordinaryWord = rest.length === 1 && ordinary.has(short.toLowerCase());
    if (!ordinaryWord && !vendors.has(rest[0]!)) names.push(short);
  }
  return names.filter((n) => isName(n) && !escoKeys.has(normaliseLabel(n)));
}

const labelsOf = new Map<string, Map<string, string>>();
for (const r of rows) {
  const skills = CATEGORIES[r.title];
  if (!skills || occupationsOf.get(r.example)!.size < MIN_OCCUPATIONS) continue;
  for (const label of skills) {
    const id = byLabel.get(label)!;
    let names = labelsOf.get(id);
    if (!names) labelsOf.set(id, (names = new Map()));
    for (const n of namesOf(r.example)) if (!names.has(normaliseLabel(n))) names.set(normaliseLabel(n), n);
  }
}

const sha = (t: string) => createHash('sha256').update(t).digest('hex');
const out = {
  about:
    'Software product names attached to the ESCO skill their O*NET technology category stands for; the ESCO loader adds them as hidden labels. Built by scripts/build-tool-labels.ts.',
  attribution: 'This product includes information from the O*NET 29.2 Database by USDOL/ETA. Used under the CC BY 4.0 license. ESCO v1.1.1 © European Union, CC BY 4.0.',
  inputs: { 'onet-29.2/technology_skills.txt': sha(onetText), 'esco-v1.1.1/skills_en.csv': sha(escoText), 'esco-v1.1.1/occupations_en.csv': sha(occupationsText) },
  categories: CATEGORIES,
  minOccupations: MIN_OCCUPATIONS,
  vendors: [...vendors].sort(),
  skills: Object.fromEntries(
    [...labelsOf]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([id, names]) => [id, [...names.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))]),
  ),
};
writeFileSync(outFile, `${JSON.stringify(out, null, 1)}\n`);
const total = Object.values(out.skills).reduce((n, l) => n + l.length, 0);
process.stdout.write(`${total} labels for ${labelsOf.size} ESCO skills from ${Object.keys(CATEGORIES).length} O*NET categories; ${vendors.size} vendors → ${outFile}\n`);
