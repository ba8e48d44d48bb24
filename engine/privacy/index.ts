export type { Prf } from './noise-source.ts';
export { uniformStream } from './noise-source.ts';
export { sampleDiscreteGaussian, sampleDiscreteLaplace, discreteGaussianPmf } from './discrete-gaussian.ts';
export { sigma2For, epsilonOf } from './zcdp.ts';
export { PrivacyAccountant } from './accountant.ts';
export type { AccountantOptions, Charge, LedgerSnapshot } from './accountant.ts';
export { releaseGapRows, releaseWhatIf } from './release-gaps.ts';
export type { ReleaseOptions, WhatIfReleaseOptions } from './release-gaps.ts';
export { privacyError, PrivacyErrorCode } from './errors.ts';
