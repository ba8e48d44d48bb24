import { describe, expect, it } from 'vitest';
import { parseCandidatesDocument } from './candidates-document.ts';
import { parseCandidatesCsv } from './candidates-csv.ts';
import { IngestErrorCode } from './errors.ts';

const CSV = [
  'id,name,email,location,experience,education,skills,sharedWith,notes',
  'hr-1,Ada Lovelace,,London,"Wrote the first published algorithm; analysed the Analytical Engine.",Private tutoring in mathematics,Python; SQL ;data analytics,org:acme;org:beta,x',
  ',Grace Hopper,Grace@Navy.mil,Arlington,Built the first compiler,,COBOL,,',
  'hr-3,,,,,,,,',
  'hr-1,Ada Again,,,,,,,',
  'hr-5,"Broken row",,',
].join('\n');

describe('parseCandidatesCsv', () => {
  it('reads one candidate per row: id (or mailto: e-mail), experience + education text, ;-separated skills and organisations', () => {
    const batch = parseCandidatesCsv(CSV);
    expect(batch.records.map((r) => r.candidate.id)).toEqual(['hr-1', 'mailto:grace@navy.mil']);
    const ada = batch.records[0]!;
    expect(ada.candidate.experience).toBe('Wrote the first published algorithm; analysed the Analytical Engine.\nPrivate tutoring in mathematics');
    expect(ada.candidate.sharedWith).toEqual(['org:acme', 'org:beta']);
    expect(ada.skillTags.map((t) => t.tag)).toEqual(['Python', 'SQL', 'data analytics']);
    expect(batch.warnings.map((w) => w.code)).toEqual(['UNKNOWN_COLUMN']);
  });

  it('reports each bad row by line (missing name, repeated id, wrong field count) and keeps the others', () => {
    const batch = parseCandidatesCsv(CSV);
    expect(batch.errors.map((e) => [e.path.split(',')[0], e.code])).toEqual([
      ['line 4', IngestErrorCode.MissingField],
      ['line 5', IngestErrorCode.InvalidId],
      ['line 6', IngestErrorCode.InvalidCsv],
    ]);
  });

  it('refuses a file whose header has no name/id columns, or no rows, as a whole', () => {
    expect(() => parseCandidatesCsv('title,skills\nx,y\n')).toThrow(expect.objectContaining({ code: IngestErrorCode.InvalidCsv }));
    expect(() => parseCandidatesCsv('id,name\n')).toThrow(expect.objectContaining({ code: IngestErrorCode.EmptyDocument }));
    expect(parseCandidatesDocument(CSV).format).toBe('csv');
  });
});
