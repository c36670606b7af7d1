import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../src/experiment/input-error.js';
import { formatCsv } from '../../src/results/csv.js';
import { parseCsv, parseResultsCsv } from '../../src/results/parse-csv.js';
import type { ResultRow } from '../../src/results/result-row.js';

function row(over: Partial<ResultRow>): ResultRow {
  return {
    experiment: 'ex', objective: 'categorical-linear', estimator: 'reinforce', temperature: undefined, samples: 10,
    sweep: { k: 3 }, trials: 2000, param: 'alpha[0]', trueGrad: -0.1875, mean: -0.18614998433738947,
    bias: 0.001350015662610532, variance: 0.07929031775870007, varianceLo: 0.06776691326512563,
    varianceHi: 0.09277321612213725, mse: 3.2142639165913534e-7, seed: 4130181224538833, ...over,
  };
}

function problemsOf(fn: () => unknown): { line?: number | undefined; message: string }[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    return [...error.problems];
  }
  assert.fail('expected an InputError');
}

test('results.csv round-trips through formatCsv and parseResultsCsv, number for number', () => {
  const rows = [
    row({}),
    // Labels with commas and quotes are quoted by csv-stringify; NaN/Inf use the CSV's own spelling.
    row({ estimator: 'reinforce-baseline(baseline=loo,extra="x")', temperature: 0.5, param: 'alpha[1]' }),
    row({ estimator: 'gumbel-softmax', temperature: 0.5, mean: Number.NaN, variance: Number.POSITIVE_INFINITY, bias: Number.NEGATIVE_INFINITY }),
  ];
  const text = formatCsv(rows, ['k']);
  assert.ok(text.includes('"reinforce-baseline(baseline=loo,extra=""x"")"'), 'the label is quoted in the file');
  const parsed = parseResultsCsv(text, 'r.csv');
  assert.deepEqual(parsed.rows, rows);
  assert.deepEqual(parsed.sweepFields, ['k']);
  assert.deepEqual(parsed.lines, [2, 3, 4]);
  assert.deepEqual(parseResultsCsv(text.replace(/\n/g, '\r\n'), 'r.csv').rows, rows, 'CRLF reads the same');
});

test('quoted fields may hold newlines; records keep the line they start on', () => {
  assert.deepEqual(parseCsv('a,"b\nc",d\n"",x\n', 'f'), [
    { fields: ['a', 'b\nc', 'd'], line: 1 },
    { fields: ['', 'x'], line: 3 },
  ]);
});

test('malformed files are InputErrors naming the line', () => {
  const good = formatCsv([row({})], ['k']);
  const [header, data] = good.trimEnd().split('\n') as [string, string];
  assert.match(problemsOf(() => parseResultsCsv('', 'r.csv'))[0]?.message ?? '', /no header/);
  assert.match(problemsOf(() => parseResultsCsv(`a,b\n${data}\n`, 'r.csv'))[0]?.message ?? '', /not a reparam-bench results header/);
  const short = problemsOf(() => parseResultsCsv(`${header}\n${data}\n1,2\n`, 'r.csv'))[0];
  assert.equal(short?.line, 3);
  assert.match(short?.message ?? '', /expected 16 fields, found 2/);
  const bad = problemsOf(() => parseResultsCsv(`${header}\n${data.replace('2000', '2e3x')}\n`, 'r.csv'))[0];
  assert.equal(bad?.line, 2);
  assert.match(bad?.message ?? '', /column trials: '2e3x' is not an integer/);
  const duplicate = problemsOf(() => parseResultsCsv(`${header}\n${data}\n${data}\n`, 'r.csv'))[0];
  assert.equal(duplicate?.line, 3);
  assert.match(duplicate?.message ?? '', /duplicate row: same cell and parameter as line 2/);
  const open = problemsOf(() => parseCsv('a,b\n"open,\n', 'r.csv'))[0];
  assert.deepEqual([open?.line, open?.message], [2, 'unterminated quoted CSV field']);
  assert.match(problemsOf(() => parseCsv('"a"b\n', 'r.csv'))[0]?.message ?? '', /after a quoted CSV field/);
});
