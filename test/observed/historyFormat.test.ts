import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RELATIVE_ERROR, parseObserved, readObserved, type Observation } from '../../src/observed/readObserved.js';
import type { ObservedTarget } from '../../src/observed/observation.js';
import { ReportInputError } from '../../src/files/inputError.js';
import { ROOT } from '../cli/helpers.js';
import { CN, US } from './targets.js';

const HISTORY = join(ROOT, 'scenarios/observed/history-to-2024-06.csv');
const HEADER = 'date,region,gpu,metric,kind,value,low,high,unit,source';
const FILE = 'history.csv';
/** A file of the header and `rows`. */
const history = (...rows: string[]): string => [HEADER, ...rows].join('\n');
const parse = (text: string, target: ObservedTarget = CN) => parseObserved(text, FILE, target);
const failure = (text: string, target: ObservedTarget = CN): string => {
  try {
    parse(text, target);
  } catch (err) {
    expect(err).toBeInstanceOf(ReportInputError);
    return (err as Error).message;
  }
  throw new Error('expected the file to be refused');
};
const at = (data: { observations: Observation[] }, line: number) => data.observations.find((o) => o.line === line)!;
const NODE_MONTH = 8 * 730;

describe('the shipped market history', () => {
  describe('against the China scenario', async () => {
    const data = await readObserved(HISTORY, CN);

    it('holds the Chinese rows, each against its own index, and skips the US rows with the reason', () => {
      expect(data.file).toBe(HISTORY);
      expect(data.observations.map((o) => [o.line, o.metric, o.metricAsWritten])).toEqual([
        [8, 'spotRentCcyPerGpuHour_A100', 'rent on_demand A100'],
        [9, 'listRentCcyPerGpuHour_A100', 'rent list A100'],
        [10, 'contractRentCcyPerGpuHour_H100', 'rent contract H100'],
        [11, 'contractRentCcyPerGpuHour_H100', 'rent contract H100'],
        [14, 'grossMargin', 'gross_margin lessor all'],
        [15, 'netMargin', 'net_margin lessor all'],
      ]);
      expect(data.skipped).toEqual([2, 3, 4, 5, 6, 7, 12, 13].map((line) => ({ line, reason: 'region US; the scenario is CN' })));
    });

    it('converts server- and node-months to GPU-hours with the scenario hours in a month', () => {
      expect(at(data, 8)).toMatchObject({ date: '2023-08', month: '2023-08', value: 15.1, low: null, high: null, weight: 1 });
      expect(at(data, 8).sd).toBeCloseTo(0.2 * 15.1, 12);
      expect(at(data, 9).value).toBeCloseTo(133400 / NODE_MONTH, 12);
      expect(at(data, 9).value).toBeCloseTo(22.84, 2);
      expect(at(data, 10).value).toBeCloseTo(200000 / NODE_MONTH, 12);
      expect(at(data, 10).sd).toBeCloseTo((0.2 * 200000) / NODE_MONTH, 12);
    });

    it('keeps an interval as an interval, with the default error of its midpoint', () => {
      const o = at(data, 11);
      expect(o.value).toBeNull();
      expect(o.low).toBeCloseTo(120000 / NODE_MONTH, 12);
      expect(o.high).toBeCloseTo(180000 / NODE_MONTH, 12);
      expect(o.sd).toBeCloseTo((DEFAULT_RELATIVE_ERROR * 150000) / NODE_MONTH, 12);
    });

    it('keeps a share of revenue as it is', () => {
      expect(at(data, 14)).toMatchObject({ month: '2023-09', value: 0.4, low: null, high: null });
      expect(at(data, 15).value).toBe(0.2);
      expect(at(data, 14).sd).toBeCloseTo(0.08, 12);
      for (const o of data.observations) expect(o.source.length).toBeGreaterThan(20);
    });
  });

  describe('against the US scenario', async () => {
    const data = await readObserved(HISTORY, US);

    it('holds the US rows and skips the Chinese ones', () => {
      expect(data.observations.map((o) => [o.line, o.metric])).toEqual([
        [2, 'spotRentCcyPerGpuHour_H100'],
        [3, 'spotRentCcyPerGpuHour_H100'],
        [4, 'listRentCcyPerGpuHour_H100'],
        [5, 'spotRentCcyPerGpuHour_H100'],
        [6, 'contractRentCcyPerGpuHour_H100'],
        [7, 'contractRentCcyPerGpuHour_H100'],
        [12, 'leadTimeMonths'],
        [13, 'leadTimeMonths'],
      ]);
      expect(data.skipped).toEqual([8, 9, 10, 11, 14, 15].map((line) => ({ line, reason: 'region CN; the scenario is US' })));
    });

    it('keeps a lower bound alone, with the default error of the bound', () => {
      expect(at(data, 3)).toMatchObject({ value: null, low: 8, high: null, metricAsWritten: 'rent on_demand H100' });
      expect(at(data, 3).sd).toBeCloseTo(1.6, 12);
      expect(at(data, 4).value).toBe(12.29);
    });

    it('converts lead times in weeks to months', () => {
      const [a, b] = [at(data, 12), at(data, 13)];
      expect([a.value, a.metricAsWritten]).toEqual([null, 'lead_time vendor all']);
      expect(a.low).toBeCloseTo(36 / 4.35, 12);
      expect(a.high).toBeCloseTo(52 / 4.35, 12);
      expect(a.sd).toBeCloseTo((0.2 * 44) / 4.35, 12);
      expect(b.low).toBeCloseTo(8 / 4.35, 12);
      expect(b.high).toBeCloseTo(12 / 4.35, 12);
    });
  });
});

describe('the market-history format', () => {
  it('converts an N-GPU instance-hour to a GPU-hour', () => {
    const data = parse(history('2023-07,US,H100,rent,list,98.32,,,USD per 8-GPU instance-hour,"8x H100, 98.32 USD/h"'), US);
    expect(data.observations[0].value).toBeCloseTo(12.29, 12);
    expect(data.observations[0].sd).toBeCloseTo((0.2 * 98.32) / 8, 12);
  });

  it('maps rents of every kind, and gpu all to the reference-GPU rents', () => {
    const data = parse(
      history(
        '2023-05,CN,H100,rent,spot,30,,,CNY per GPU-hour,a',
        '2023-05,CN,H100,rent,offtake,20,,,CNY per GPU-month,b',
        '2023-05,CN,all,rent,spot,25,,,CNY per GPU-hour,c',
        '2023-05,CN,all,rent,on_demand,25,,,CNY per GPU-hour,d',
        '2023-05,CN,all,rent,contract,20,,,CNY per GPU-hour,e',
        '2023-05,CN,all,ebitda_margin,lessor,30,,,%,f',
        '2023-05,CN,all,lead_time,vendor,90,,,days,g',
        '2023-05-20,CN,all,lead_time,vendor,6,,,months,h',
      ),
    );
    expect(data.observations.map((o) => [o.metric, o.month])).toEqual([
      ['spotRentCcyPerGpuHour_H100', '2023-05'],
      ['offtakeRentCcyPerGpuHour_H100', '2023-05'],
      ['spotRentCcyPerRefGpuHour', '2023-05'],
      ['spotRentCcyPerRefGpuHour', '2023-05'],
      ['contractRentCcyPerRefGpuHour', '2023-05'],
      ['ebitdaMargin', '2023-05'],
      ['leadTimeMonths', '2023-05'],
      ['leadTimeMonths', '2023-05'],
    ]);
    expect(data.observations[1].value).toBeCloseTo(20 / 730, 12);
    expect(data.observations[5].value).toBeCloseTo(0.3, 12);
    expect(data.observations[6].value).toBeCloseTo(90 / 30.44, 12);
    expect(data.observations[7]).toMatchObject({ date: '2023-05-20', value: 6 });
  });

  it('keeps an upper bound alone', () => {
    const o = parse(history('2024-04,US,all,lead_time,vendor,,,12,weeks,x'), US).observations[0];
    expect([o.value, o.low]).toEqual([null, null]);
    expect(o.high).toBeCloseTo(12 / 4.35, 12);
    expect(o.sd).toBeCloseTo((0.2 * 12) / 4.35, 12);
  });

  it('takes sd in the row unit, converted with the value, and keeps the weight', () => {
    const text = [
      `${HEADER},sd,weight`,
      '2024-01,CN,H100,rent,contract,,120000,180000,CNY per 8-GPU node-month,x,10000,2',
      '2023-09,CN,all,gross_margin,lessor,40,,,%,y,5,',
      '2023-09,CN,all,net_margin,lessor,0,,,share,z,0.05,0.5',
      '2023-09,CN,all,net_margin,lessor,0.2,,,share,w,,3',
    ].join('\n');
    const [a, b, c, d] = parse(text).observations;
    expect(a.sd).toBeCloseTo(10000 / NODE_MONTH, 12);
    expect(a.weight).toBe(2);
    expect(b).toMatchObject({ value: 0.4, weight: 1 });
    expect(b.sd).toBeCloseTo(0.05, 12);
    expect(c).toMatchObject({ value: 0, sd: 0.05, weight: 0.5 });
    expect(d.weight).toBe(3);
    expect(d.sd).toBeCloseTo(0.04, 12);
  });

  it('takes the columns in any order, with value, low and high each optional', () => {
    const data = parse('source,unit,value,kind,metric,gpu,region,date\nx,CNY per GPU-hour,15.1,spot,rent,A100,CN,2023-08\n');
    expect(data.observations[0]).toMatchObject({ line: 2, metric: 'spotRentCcyPerGpuHour_A100', value: 15.1, low: null, high: null, source: 'x' });
  });

  it('skips another region before the checks that need the scenario: its gpu, currency and dates', () => {
    const data = parse(history('2023-05,CN,H100,rent,spot,30,,,CNY per GPU-hour,a', '2035-01,US,B200,rent,spot,3,,,USD per GPU-hour,b'));
    expect(data.skipped).toEqual([{ line: 3, reason: 'region US; the scenario is CN' }]);
  });

  const GOOD = '2023-04,CN,H100,rent,spot,30,,,CNY per GPU-hour,ok';
  it.each([
    ['an unknown metric', '2023-05,CN,H100,price,spot,30,,,CNY per GPU-hour,x', 'metric: expected rent, lead_time, gross_margin, ebitda_margin or net_margin, found "price"'],
    ['an unknown rent kind', '2023-05,CN,H100,rent,auction,30,,,CNY per GPU-hour,x', 'kind: expected spot, on_demand, contract, offtake or list for a rent, found "auction"'],
    ['a lead time of another kind', '2023-05,CN,all,lead_time,lessor,30,,,weeks,x', 'kind: expected vendor for lead_time, found "lessor"'],
    ['a margin of another kind', '2023-05,CN,all,gross_margin,vendor,0.3,,,share,x', 'kind: expected lessor for gross_margin, found "vendor"'],
    ['a lead time for one generation', '2023-05,CN,H100,lead_time,vendor,30,,,weeks,x', 'gpu: expected all for lead_time, found "H100"'],
    ['a list rent for gpu all', '2023-05,CN,all,rent,list,30,,,CNY per GPU-hour,x', 'gpu: expected a generation (the model keeps list rents per generation only), found "all"'],
    ['an offtake rent for gpu all', '2023-05,CN,all,rent,offtake,30,,,CNY per GPU-hour,x', 'gpu: expected a generation (the model keeps offtake rents per generation only), found "all"'],
    ['a rent without a gpu', '2023-05,CN,,rent,spot,30,,,CNY per GPU-hour,x', 'gpu: expected a generation such as H100, or all, found an empty cell'],
    [
      'a generation the scenario lacks',
      '2023-05,CN,B200,rent,spot,30,,,CNY per GPU-hour,x',
      `gpu: expected one of the scenario's generations (A100, A800, H800, Domestic910B, H100, H20) or all, found "B200"`,
    ],
    ['an unknown unit', '2023-05,CN,H100,rent,spot,30,,,CNY per hour,x', 'unit: expected a unit such as CNY per GPU-hour, USD per 8-GPU server-month, weeks or share of revenue, found "CNY per hour"'],
    ['an empty unit', '2023-05,CN,H100,rent,spot,30,,,,x', 'unit: expected a unit such as CNY per GPU-hour, USD per 8-GPU server-month, weeks or share of revenue, found an empty cell'],
    ['a rent in another currency', '2023-05,CN,H100,rent,spot,4,,,USD per GPU-hour,x', `unit: expected a unit in CNY, the scenario's currency, found "USD per GPU-hour"`],
    [
      'a rent in weeks',
      '2023-05,CN,H100,rent,spot,4,,,weeks,x',
      'unit: expected a unit that fits a rent (<currency> per GPU-hour, per GPU-month, per N-GPU server-month or per N-GPU server-hour), found "weeks"',
    ],
    ['a lead time in money', '2023-05,CN,all,lead_time,vendor,4,,,CNY per GPU-hour,x', 'unit: expected a unit that fits a time (weeks, months or days), found "CNY per GPU-hour"'],
    ['a margin in weeks', '2023-05,CN,all,net_margin,lessor,4,,,weeks,x', 'unit: expected a unit that fits a share (share of revenue, share, % or percent), found "weeks"'],
    ['a value and an interval', '2023-05,CN,H100,rent,spot,30,20,40,CNY per GPU-hour,x', 'value: expected either a value or low/high, found both'],
    ['a value and a bound', '2023-05,CN,H100,rent,spot,30,,40,CNY per GPU-hour,x', 'value: expected either a value or low/high, found both'],
    ['no value, low or high', '2023-05,CN,H100,rent,spot,,,,CNY per GPU-hour,x', 'value: expected a value, or low and/or high, found none of them'],
    ['low above high', '2023-05,CN,all,lead_time,vendor,,52,36,weeks,x', 'low: expected at most high, 36, found 52'],
    ['a value with its unit', '2023-05,CN,H100,rent,spot,30 CNY,,,CNY per GPU-hour,x', 'value: expected a number such as 22.84 or 0.4, found "30 CNY"'],
    ['a low that is not a number', '2023-05,CN,H100,rent,spot,,about 20,,CNY per GPU-hour,x', 'low: expected a number such as 22.84 or 0.4, found "about 20"'],
    ['a high with thousands separators', '2023-05,CN,H100,rent,spot,,,"180,000",CNY per 8-GPU node-month,x', 'high: expected a number such as 22.84 or 0.4, found "180,000"'],
    ['a value of 0 without an sd', '2023-05,CN,all,net_margin,lessor,0,,,share,x', 'sd: expected an sd above 0 (the default, 20 % of the value, is 0), found no sd column'],
    ['an interval around 0 without an sd', '2023-05,CN,all,net_margin,lessor,,-0.1,0.1,share,x', 'sd: expected an sd above 0 (the default, 20 % of the midpoint, is 0), found no sd column'],
    ['a date before the scenario', '2022-12,CN,H100,rent,spot,30,,,CNY per GPU-hour,x', 'date: expected a month of the scenario, 2023-01 to 2030-12, found "2022-12"'],
    ['a day after the scenario', '2031-01-15,CN,H100,rent,spot,30,,,CNY per GPU-hour,x', 'date: expected a month of the scenario, 2023-01 to 2030-12, found "2031-01-15"'],
    ['a month 13', '2023-13,CN,H100,rent,spot,30,,,CNY per GPU-hour,x', 'date: expected a date as YYYY-MM or YYYY-MM-DD, found "2023-13"'],
    ['a year alone', '2023,CN,H100,rent,spot,30,,,CNY per GPU-hour,x', 'date: expected a date as YYYY-MM or YYYY-MM-DD, found "2023"'],
    ['no region', '2023-05,,H100,rent,spot,30,,,CNY per GPU-hour,x', 'region: expected a region such as CN or US, found an empty cell'],
    ['a field too few', '2023-05,CN,H100,rent,spot,30,,,CNY per GPU-hour', `row: expected 10 fields (${HEADER.split(',').join(', ')}), found 9`],
  ])('refuses %s with FILE:LINE: field: expected …, found …', (_, row, message) => {
    expect(failure(history(GOOD, row))).toBe(`${FILE}:3: ${message}`);
  });

  it.each([
    ['an sd of 0', '0', '', 'sd: expected a number above 0, found 0'],
    ['a negative sd', '-1', '', 'sd: expected a number above 0, found -1'],
    ['an sd that is not a number', 'a lot', '', 'sd: expected a number such as 22.84 or 0.4, found "a lot"'],
    ['a weight of 0', '', '0', 'weight: expected a number above 0, found 0'],
    ['a negative weight', '', '-2', 'weight: expected a number above 0, found -2'],
    ['a value of 0 with an empty sd', '', '', 'sd: expected an sd above 0 (the default, 20 % of the value, is 0), found an empty cell'],
  ])('refuses %s', (_, sd, weight, message) => {
    const value = message.includes('value, is 0') ? '0' : '30';
    const text = `${HEADER},sd,weight\n2023-05,CN,H100,rent,spot,${value},,,CNY per GPU-hour,x,${sd},${weight}\n`;
    expect(failure(text)).toBe(`${FILE}:2: ${message}`);
  });

  it('refuses a broken row of another region too: the checks that need no scenario apply to every row', () => {
    expect(failure(history(GOOD, '2023-05,US,H100,rent,spot,4,,,weeks,x'))).toMatch(/^history\.csv:3: unit: expected a unit that fits a rent/);
  });

  it('refuses a file with no row of the scenario region, naming its first row', () => {
    const text = history('2023-05,US,H100,rent,spot,4,,,USD per GPU-hour,x', '2023-06,EU,H100,rent,spot,4,,,EUR per GPU-hour,y', '2023-07,US,H100,rent,spot,4,,,USD per GPU-hour,z');
    expect(failure(text)).toBe(`${FILE}:2: region: expected a row of the scenario's region, CN, found only US, EU`);
  });

  it.each([
    ['an unknown column', `${HEADER},price\n`, 'header: expected the columns date, region, gpu, metric, kind, value, low, high, unit, source and optionally sd, weight, found a column "price"'],
    ['no unit column', 'date,region,gpu,metric,kind,value\n', 'header: expected a column unit, found only date, region, gpu, metric, kind, value'],
    ['none of value, low and high', 'date,region,gpu,metric,kind,unit\n', 'header: expected a column value, low or high, found only date, region, gpu, metric, kind, unit'],
    ['a column twice', `${HEADER},region\n`, 'header: expected each column once, found "region" twice'],
  ])('refuses a header with %s', (_, text, message) => {
    expect(failure(text)).toBe(`${FILE}:1: ${message}`);
  });

  it('refuses a header alone', () => {
    expect(failure(`${HEADER}\n`)).toBe(`${FILE}:2: row: expected at least one observation below the header, found none`);
  });
});
