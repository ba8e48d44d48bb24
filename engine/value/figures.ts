/**
 * Every figure of a credential value report in words: its value, the data it rests on and the method
 * (issue 20: no hidden score). The same text goes to the API, the CLI and the dashboard; docs/
 * CREDENTIAL-VALUE.md explains each figure at length.
 */
import type { CredentialValueReport, ValueFigure } from './report.ts';

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const num = (x: number, d = 4): string => (Number.isInteger(x) ? String(x) : x.toPrecision(d));
const usd = (x: number | null): string => (x === null ? 'unknown' : `$${x.toFixed(2)}`);
const hrs = (x: number | null): string => (x === null ? 'unknown' : `${num(x, 3)} h`);

/** The report's figures (all but its id and the figures themselves) and what the wording needs besides. */
export interface FigureInput extends Omit<CredentialValueReport, 'credentialId' | 'figures'> {
  readonly name: string;
  readonly credentialType: string;
  /** How the scope was chosen, in words (e.g. "all postings you may see", "postings dated 2026-01-01 to 2026-07-01"). */
  readonly scope: string;
  /** Whether the issuer's award counts may be shown (admin): they count people across its credentials. */
  readonly issuerCountsExact: boolean;
  /** Name of a credential id. */
  nameOf(credentialId: string): string;
  /** Label of a skill id. */
  labelOf(skillId: string): string;
}

export function describeFigures(r: FigureInput): ValueFigure[] {
  const d = r.demand;
  const c = r.cost;
  const k = r.credibility;
  const compared = c.comparableType === null ? `the whole catalogue (${c.comparable} credentials; fewer than 5 of type ${r.credentialType})` : `the ${c.comparable} credentials of type ${c.comparableType}`;
  const figures: ValueFigure[] = [
    {
      name: 'demand covered',
      value: pct(r.value),
      data: `${d.postings} job postings in scope (${r.scope}), ${d.postingsWithSkills} of them with linked skills; ${d.skills.length} of the credential's skills cover demand`,
      method:
        'Each posting\'s skill requirements (link confidence as weight, links below 0.3 dropped) are normalised so every posting weighs 1; a skill\'s demand share is its weight summed over postings / postings with skills. The credential covers a demanded skill with the fit engine\'s similarity of its best skill (exact 1, narrower 0.9, broader, ESCO-related and O*NET-mapped credits). Value = Σ demand share × credit.',
    },
    {
      name: 'skills in demand',
      value: d.skills.length === 0 ? 'none' : d.skills.slice(0, 5).map((s) => `${r.labelOf(s.skillId)} ${pct(s.share)} (${s.postings} postings)`).join('; '),
      data: 'The demand shares of the covered skills, attributed to the credential skill that covers each best',
      method: 'Share of a credential skill = Σ demand share × credit over the demanded skills it covers best (they add up to the value); postings = postings with a requirement it covers at all.',
    },
    {
      name: 'fit gain of a typical holder',
      value: d.fitGain === null ? 'no role served' : `${d.fitGain >= 0 ? '+' : ''}${num(d.fitGain, 3)} mean fit over ${d.rolesServed.length} role(s)`,
      data:
        d.rolesServed.length === 0
          ? `${d.rolesConsidered} ${d.roleSource} considered; none requires a skill the credential covers`
          : d.rolesServed.map((x) => `${x.title}: ${num(x.fitBefore, 3)} → ${num(x.fitAfter, 3)} (covers ${pct(x.coverage)}; ${x.field === 0 ? 'empty profile: fewer than k non-holders' : `mean of ${x.field} typical holders`})`).join('; '),
      method: `Roles: the ${d.rolesConsidered} ${d.roleSource} in scope, the ≤5 whose weighted requirements the credential covers most. Typical holders: the candidates who do not hold it and whose fit to the role is in the middle half of the field (widened to at least k = 5; at most 25, evenly spaced; an empty profile when fewer than k non-holders); the figures are their mean fits. Fit before / after from the fit engine and the recommender's gain model (an earned skill counts at 0.6 × link confidence × similarity).`,
    },
    {
      name: 'value per USD',
      value: r.free ? 'free' : r.valuePerCost === null ? 'cost unknown' : `${num(r.valuePerCost)} (rank ${c.valuePerCostRank} of ${compared.replace(/^the /, '')})`,
      data: `cost ${usd(c.cost)}; demand covered ${pct(r.value)}; compared with ${compared}`,
      method: 'Demand covered ÷ cost in USD; rank 1 = best among the comparable credentials with a known positive cost (ties share a rank). A free credential has no ratio and is marked free.',
    },
    {
      name: 'value per hour',
      value: r.valuePerHour === null ? 'hours unknown' : `${num(r.valuePerHour)} (rank ${c.valuePerHourRank})`,
      data: `hours ${hrs(c.hours)}; demand covered ${pct(r.value)}; compared with ${compared}`,
      method: 'Demand covered ÷ estimated hours; rank among the comparable credentials with known hours.',
    },
    {
      name: 'equivalents',
      value: c.equivalents.length === 0 ? 'none cheaper or shorter' : `${c.equivalents.length} (${c.equivalents.filter((e) => e.sameSkills).length} covering every demanded skill)`,
      data: c.equivalents.length === 0 ? 'The catalogue' : c.equivalents.map((e) => `${r.nameOf(e.credentialId)}: ${usd(e.cost)}, ${hrs(e.hours)}, ${e.shared} shared${e.sameSkills ? ' (all)' : ''}${e.verifiedIssuer ? ', verified issuer' : ''}`).join('; '),
      method: 'Credentials with a lower known cost or fewer known hours that cover the demanded skills this one covers at least as well (same similarity credit); listed when they cover all of them or at least half; all-covering first, then more shared, cheaper, shorter; at most 10.',
    },
    {
      name: 'issuer identity',
      value: k.verifiedIssuer ? 'verified' : 'not verified',
      data: r.issuerCountsExact
        ? `${k.issuerName} (${k.issuerId}): ${k.issuer.verifiedAwards} of ${k.issuer.awards} awards of its credentials in the store verified against its key, ${k.issuer.invalidAwards} failed`
        : `${k.issuerName} (${k.issuerId}): the proofs of the awards of its credentials in the store (counts shown to admin keys only)`,
      method: "An issuer is verified when at least one award of its credentials verified ('verified' or 'hosted-verified' at import) and none failed its proof.",
    },
    {
      name: 'awards verified',
      value: k.verifiedShare === null ? 'no awards released' : pct(k.verifiedShare),
      data: `${k.verifiedAwards} of ${k.awards} awards of this credential`,
      method: 'Share of this credential\'s awards whose proof verified against the issuer\'s key. Counted under the holders\' privacy rules: exact for admin keys; for others, the noised holder counts (people).',
    },
    {
      name: 'credibility level',
      value: k.level,
      data: `issuer ${k.verifiedIssuer ? 'verified' : 'not verified'}; ${k.recognition.length} recognition statement(s)`,
      method: 'VERIFIED_RECOGNISED = verified issuer and recognition stated; VERIFIED = verified issuer; UNVERIFIED otherwise. The recommender never ranks a lower level above an equivalent of higher level at the same value.',
    },
    {
      name: 'recognition',
      value: k.recognition.length === 0 ? 'none stated' : k.recognition.map((x) => `${x.kind} ${x.agentName || x.agentId || '(unnamed)'} [${x.verification}]`).join('; '),
      data: k.recognition.length === 0 ? "The credential's document" : k.recognition.map((x) => x.source).join(', '),
      method: "As stated in the standards' own fields: CTDL accreditedBy / recognizedBy / approvedBy / regulatedBy, Open Badges endorsements (verified when the endorsement's proof verified at import).",
    },
    {
      name: 'assessment',
      value: k.assessment.length === 0 ? 'none stated' : k.assessment.map((x) => `${x.kind}: ${x.description}`).join('; '),
      data: k.assessment.length === 0 ? "The credential's document" : k.assessment.map((x) => x.source).join(', '),
      method: 'As stated: CTDL assessment (method type / description), Open Badges criteria and OB3 result descriptions.',
    },
    {
      name: 'skill basis',
      value: `${k.skillBasis.aligned} aligned, ${k.skillBasis.linked} linked from text, ${k.skillBasis.catalogue} catalogue tags, ${k.skillBasis.other} other`,
      data: `The provenance of the credential's ${k.skillBasis.aligned + k.skillBasis.linked + k.skillBasis.catalogue + k.skillBasis.other} skill links${k.skillBasis.meanLinkedConfidence === null ? '' : `; mean confidence of the linked ones ${num(k.skillBasis.meanLinkedConfidence, 3)}`}`,
      method: 'Aligned = an explicit alignment in the credential\'s document; linked = found in its text by the linker (with calibrated confidence); catalogue = a catalogue\'s skill tag.',
    },
    {
      name: 'holders',
      value: r.holders.count === null ? 'not released' : `${r.holders.exact ? '' : '≈'}${num(r.holders.count, 4)}`,
      data: "Candidates in the store with an award of this credential (aggregate only, never a person)",
      method: r.holders.note,
    },
  ];
  return figures;
}
