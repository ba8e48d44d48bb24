import { describe, expect, it } from 'vitest';
import { ectsToHours, freeDurationToHours, isoDurationToHours } from './duration.ts';

describe('freeDurationToHours', () => {
  it('takes the midpoint of a range at 10 h/week', () => {
    expect(freeDurationToHours(' 1 - 4 Weeks')).toBe(25);
    expect(freeDurationToHours(' 3 - 6 Months')).toBe(195);
    expect(freeDurationToHours(' 3 – 6 years')).toBe(2340);
  });

  it('reads Spanish months, "to", "a", "or" ranges and trailing words', () => {
    expect(freeDurationToHours(' 24 meses.')).toBe(1040);
    expect(freeDurationToHours(' 18 a 24 meses')).toBe(910);
    expect(freeDurationToHours(' 24 to 60 months')).toBe(1820);
    expect(freeDurationToHours(' 2 or 3 years')).toBe(1300);
    expect(freeDurationToHours(' 4-6 months to complete')).toBeCloseTo(216.67, 2);
    expect(freeDurationToHours(' 2 to 4 years depending on beginning credits and course load')).toBe(1560);
  });

  it('treats "Less Than 2 Hours" as the range 0..2', () => {
    expect(freeDurationToHours('Less Than 2 Hours')).toBe(1);
  });

  it('returns null for None, empty and a weekly pace without a span', () => {
    expect(freeDurationToHours('None')).toBeNull();
    expect(freeDurationToHours('')).toBeNull();
    expect(freeDurationToHours(' 15+ hours of study/wk per course')).toBeNull();
  });
});

describe('isoDurationToHours', () => {
  it('converts time parts exactly and calendar parts at the study pace', () => {
    expect(isoDurationToHours('PT40H')).toBe(40);
    expect(isoDurationToHours('PT90M')).toBe(1.5);
    expect(isoDurationToHours('P2W')).toBe(20);
    expect(isoDurationToHours('P3M')).toBe(130);
    expect(isoDurationToHours('P1Y')).toBe(520);
  });

  it('returns null for non-durations', () => {
    expect(isoDurationToHours('40 hours')).toBeNull();
    expect(isoDurationToHours('P')).toBeNull();
    expect(isoDurationToHours('PT')).toBeNull();
  });
});

describe('ectsToHours', () => {
  it('uses 28 hours per ECTS credit', () => {
    expect(ectsToHours(3)).toBe(84);
    expect(ectsToHours(60)).toBe(1680);
  });
});
