import type { Award, Credential } from '../../taxonomy/model/types.ts';

/** What the store's awards say about an issuer's identity (issue 20, contract §2). */
export interface IssuerCredibility {
  readonly issuerId: string;
  /** Awards of the issuer's credentials in the store. */
  readonly awards: number;
  /** Awards whose proof verified against the issuer's key ('verified' or 'hosted-verified'). */
  readonly verifiedAwards: number;
  /** Awards 'invalid' (proof failed). */
  readonly invalidAwards: number;
  /** true when ≥ 1 award verified and none is invalid. */
  readonly verified: boolean;
}

const VERIFIED = new Set(['verified', 'hosted-verified']);

/**
 * Per issuer id: how many of the awards of its credentials verified against its key. An issuer with
 * credentials but no award appears with zero counts (not verified). Awards of unknown credentials are ignored.
 */
export function issuerCredibility(credentials: readonly Credential[], awards: readonly Award[]): Map<string, IssuerCredibility> {
  const issuerOf = new Map<string, string>();
  const counts = new Map<string, { awards: number; verifiedAwards: number; invalidAwards: number }>();
  for (const c of credentials) {
    issuerOf.set(c.id, c.issuer.id);
    if (!counts.has(c.issuer.id)) counts.set(c.issuer.id, { awards: 0, verifiedAwards: 0, invalidAwards: 0 });
  }
  for (const a of awards) {
    const issuerId = issuerOf.get(a.credentialId);
    if (issuerId === undefined) continue;
    const n = counts.get(issuerId)!;
    n.awards++;
    if (VERIFIED.has(a.verification)) n.verifiedAwards++;
    else if (a.verification === 'invalid') n.invalidAwards++;
  }
  const out = new Map<string, IssuerCredibility>();
  for (const [issuerId, n] of counts) {
    out.set(issuerId, { issuerId, ...n, verified: n.verifiedAwards > 0 && n.invalidAwards === 0 });
  }
  return out;
}

/** The levels' names (index = `credibilityLevel`), as the value report and the API show them. */
export const CREDIBILITY_LEVEL_NAMES = ['UNVERIFIED', 'VERIFIED', 'VERIFIED_RECOGNISED'] as const;

/** Ordinal used by the recommender: 2 = verified issuer with recognition stated, 1 = verified issuer, 0 = otherwise. */
export function credibilityLevel(c: Credential, issuer: IssuerCredibility | undefined): 0 | 1 | 2 {
  if (!issuer?.verified) return 0;
  return (c.standing?.recognition.length ?? 0) > 0 ? 2 : 1;
}
