/**
 * Durations → study hours. Calendar durations are converted at one documented study pace:
 * 10 hours a week (Coursera's stated pace for its "N months" estimates), so a month is 52/12 weeks,
 * a year 52 weeks and a day 2 hours (a week of study spread over 5 days). Ranges take their midpoint;
 * "less than X" is the range 0..X. Study loads: 1 ECTS = 28 hours (the middle of the 25–30 h ECTS range),
 * SBU (Dutch studiebelastingsuren) and edubadges `timeInvestment` are already hours.
 */
export const HOURS_PER_WEEK = 10;
export const HOURS_PER_ECTS = 28;
const WEEKS_PER_MONTH = 52 / 12;

const UNIT_HOURS: Record<string, number> = {
  minute: 1 / 60,
  hour: 1,
  day: HOURS_PER_WEEK / 5,
  week: HOURS_PER_WEEK,
  month: HOURS_PER_WEEK * WEEKS_PER_MONTH,
  year: HOURS_PER_WEEK * 52,
};

/** Unit words (English, Spanish, Portuguese, French), singular/plural, to a unit key. */
function unitOf(word: string): string | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (/^(min|mins|minute|minutes|minutos?)$/.test(w)) return 'minute';
  if (/^(h|hr|hrs|hour|hours|horas?|heures?)$/.test(w)) return 'hour';
  if (/^(d|day|days|d[ií]as?|jours?)$/.test(w)) return 'day';
  if (/^(w|wk|wks|week|weeks|semanas?|semaines?)$/.test(w)) return 'week';
  if (/^(mo|mos|month|months|mes|meses|mois)$/.test(w)) return 'month';
  if (/^(y|yr|yrs|year|years|a[nñ]os?|ans?)$/.test(w)) return 'year';
  return null;
}

/**
 * Hours for a free-form catalogue duration (`3 - 6 Months`, `Less Than 2 Hours`, `24 meses.`,
 * `18 a 24 meses`, `2 or 3 years`, `4-6 months to complete`), or null when it names no length
 * (`None`, '', or a weekly pace without a span such as `15+ hours of study/wk per course`).
 */
export function freeDurationToHours(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/[–—]/g, '-');
  if (t === '' || t === 'none' || t === 'n/a') return null;
  if (/\/\s*(wk|week)|per week|a week|por semana/.test(t)) return null;
  const m = /^(less than|under|menos de|up to|hasta)?\s*(\d+(?:[.,]\d+)?)\+?\s*(?:(?:-|to|a|or|o|ou)\s*(\d+(?:[.,]\d+)?)\+?)?\s*([a-zñí]+)\.?/.exec(t);
  if (!m) return null;
  const unit = unitOf(m[4]!);
  if (!unit) return null;
  const lo = Number(m[2]!.replace(',', '.'));
  const hi = m[3] ? Number(m[3].replace(',', '.')) : lo;
  const mid = m[1] ? hi / 2 : (lo + hi) / 2;
  return round(mid * UNIT_HOURS[unit]!);
}

const ISO_DURATION = /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** Hours for an ISO 8601 duration (`PT40H`, `P3M`, `P1Y2M`, `P2W`), or null when not one. */
export function isoDurationToHours(value: string): number | null {
  const v = value.trim().toUpperCase();
  if (v === 'P' || v.endsWith('T')) return null;
  const m = ISO_DURATION.exec(v);
  if (!m) return null;
  const n = (i: number): number => (m[i] ? Number(m[i]!.replace(',', '.')) : 0);
  const hours =
    n(1) * UNIT_HOURS['year']! +
    n(2) * UNIT_HOURS['month']! +
    n(3) * UNIT_HOURS['week']! +
    n(4) * UNIT_HOURS['day']! +
    n(5) +
    n(6) / 60 +
    n(7) / 3600;
  return round(hours);
}

export function ectsToHours(ects: number): number {
  return round(ects * HOURS_PER_ECTS);
}

function round(h: number): number {
  return Math.round(h * 100) / 100;
}
