import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { segmentText } from '../../engine/linking/segment.ts';
import { candidatePhrases } from '../../engine/linking/phrases.ts';
const rows = parse(readFileSync('/work/shared/datasets/hahu-job-postings-esco/hahu_dev.csv', 'utf8'), { columns: true }) as Record<string, string>[];
const d = rows[3]!.description!;
console.log(d.slice(0, 800));
for (const s of segmentText(d).slice(0, 15)) console.log(JSON.stringify(s.text), d.slice(s.start, s.end) === s.text);
console.log(candidatePhrases('Experience with Java, Python and machine learning (TensorFlow) is a plus.', 4).map((p) => p.text));
