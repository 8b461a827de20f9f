import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSensitivityScenario, checkThesisScenario, readSensitivity, readThesis } from '../../src/report/analysisData.js';
import { ReportInputError } from '../../src/files/inputError.js';
import { tempDirForFile } from '../cli/helpers.js';
import { fixtureSobol, fixtureThesis, fixtureTornado } from './analysisFixture.js';
import { fixtureSummary } from './fixture.js';

const refusal = (read: () => unknown): string => {
  try {
    read();
  } catch (err) {
    expect(err).toBeInstanceOf(ReportInputError);
    expect((err as Error).message).not.toContain('\n');
    return (err as Error).message;
  }
  throw new Error('expected the file to be refused');
};

describe('reading thesis.json and sensitivity.json', () => {
  const tmp = tempDirForFile('analysis-data');
  const write = (name: string, content: unknown): string => {
    const file = join(tmp, name);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  it('reads a file, or the folder that holds it', () => {
    const file = write('t/thesis.json', fixtureThesis());
    expect(readThesis(file)).toEqual({ file, doc: fixtureThesis() });
    expect(readThesis(join(tmp, 't'))).toEqual({ file, doc: fixtureThesis() });
    write('s/sensitivity.json', fixtureSobol());
    expect(readSensitivity(join(tmp, 's')).doc).toEqual(fixtureSobol());
  });

  it('keeps strings as they are, hostile or not: the page escapes them', () => {
    const doc = fixtureThesis();
    doc.claims[0].name = '</script><script>window.__t=1</script>';
    doc.claims[0].expr = 'x > 1 <img src=x onerror=window.__u=1>';
    expect(readThesis(write('hostile.json', doc)).doc.claims[0]).toMatchObject({ name: doc.claims[0].name, expr: doc.claims[0].expr });
  });

  it('names a missing file, and a folder without one', () => {
    expect(refusal(() => readThesis(join(tmp, 'none.json')))).toBe(`${join(tmp, 'none.json')}: missing; expected thesis.json written by gpu-market thesis, or the folder that holds it`);
    mkdirSync(join(tmp, 'empty'), { recursive: true });
    expect(refusal(() => readSensitivity(join(tmp, 'empty')))).toBe(
      `${join(tmp, 'empty', 'sensitivity.json')}: missing; expected sensitivity.json written by gpu-market sensitivity, or the folder that holds it`,
    );
  });

  it.each([
    ['text that is not JSON', '{"thesis": ', /bad\.json: expected JSON, found text that does not parse/],
    ['no claims', { ...fixtureThesis(), claims: [] }, /bad\.json: claims: expected at least 1 item, found a list of 0 items$/],
    [
      'a verdict that is not one',
      (() => {
        const d = fixtureThesis() as unknown as { claims: Record<string, unknown>[] };
        d.claims[1].verdict = 'maybe';
        return d;
      })(),
      /bad\.json: claims\[1\]\.verdict: expected "holds" or "fails" or "undecided", found "maybe"$/,
    ],
    [
      'a probability above 1',
      (() => {
        const d = fixtureThesis();
        d.claims[0].interval.upper = 1.5;
        return d;
      })(),
      /bad\.json: claims\[0\]\.interval\.upper: expected a number ≤ 1, found 1\.5$/,
    ],
    [
      'a box without its coverage',
      (() => {
        const d = fixtureThesis() as unknown as { claims: { conditions: { boxes: Record<string, unknown>[] } }[] };
        delete d.claims[0].conditions.boxes[0].coverage;
        return d;
      })(),
      /bad\.json: claims\[0\]\.conditions\.boxes\[0\]\.coverage: expected a number, found nothing$/,
    ],
    [
      'more successes than trials',
      (() => {
        const d = fixtureThesis();
        d.claims[2].successes = 201;
        return d;
      })(),
      /bad\.json: claims\[2\]\.successes: expected at most trials \(200\), found 201$/,
    ],
    ['a list at the top', [1, 2], /bad\.json: \(top level\): expected a mapping, found a list of 2 items$/],
  ])('refuses a thesis.json with %s, naming the file and field', (_, content, message) => {
    expect(refusal(() => readThesis(write('bad.json', content)))).toMatch(message);
  });

  it.each([
    ['an unknown method', { ...fixtureSobol(), method: 'fast' }, /bad-s\.json: method: expected "tornado" or "sobol" or "morris", found "fast"$/],
    ['no results for its method', { ...fixtureSobol(), sobol: undefined }, /bad-s\.json: sobol: expected the results of the method "sobol", found nothing$/],
    [
      'an index that is text',
      (() => {
        const d = fixtureSobol() as unknown as { sobol: { indices: Record<string, unknown>[] } };
        d.sobol.indices[0].total = 'high';
        return d;
      })(),
      /bad-s\.json: sobol\.indices\[0\]\.total: expected a number, found "high"$/,
    ],
    ['a start month that is not one', { ...fixtureTornado(), startMonth: '2023-13' }, /bad-s\.json: startMonth: expected a month as YYYY-MM, found "2023-13"$/],
  ])('refuses a sensitivity.json with %s, naming the file and field', (_, content, message) => {
    expect(refusal(() => readSensitivity(write('bad-s.json', content)))).toMatch(message);
  });
});

describe('pairing an analysis with the batch', () => {
  const summary = fixtureSummary();

  it('accepts the batch’s scenario hash, and refuses another', () => {
    expect(() => checkThesisScenario({ file: 't.json', doc: fixtureThesis() }, summary)).not.toThrow();
    const other = { ...fixtureThesis(), scenarioHash: 'a'.repeat(64) };
    expect(refusal(() => checkThesisScenario({ file: 't.json', doc: other }, summary))).toBe(
      "t.json: scenarioHash: expected the batch's scenario (ffffffffffff… in summary.json), found another scenario (aaaaaaaaaaaa…); run gpu-market thesis on the batch's scenario file with the same --set options",
    );
  });

  it('compares the scenario names of a file without a hash', () => {
    const { scenarioHash: _, ...noHash } = fixtureTornado();
    expect(() => checkSensitivityScenario({ file: 's.json', doc: noHash }, summary)).not.toThrow();
    expect(refusal(() => checkSensitivityScenario({ file: 's.json', doc: { ...noHash, scenario: 'Another market' } }, summary))).toBe(
      `s.json: scenario: expected the batch's scenario "Fixture market", found "Another market"; run gpu-market sensitivity on the batch's scenario file`,
    );
  });

  it('refuses a sensitivity analysis over other months', () => {
    const { scenarioHash: _, ...noHash } = fixtureTornado();
    expect(refusal(() => checkSensitivityScenario({ file: 's.json', doc: { ...noHash, endMonth: '2030-12' } }, summary))).toBe(
      "s.json: startMonth, endMonth: expected the batch's months 2023-01 to 2024-12, found 2023-01 to 2030-12; run gpu-market sensitivity with the batch's --set options",
    );
  });
});
