// The one CSV cell rule of the exports and the web app's downloads: formulas defused (OWASP's CSV
// injection list, plus leading spaces, line breaks and the full-width forms East Asian
// spreadsheets also run), RFC 4180 quoting, numbers as they are.
import t from 'tap';
import { csvCell, looksLikeFormula } from '../../server/csv-cell.ts';

t.test('text a spreadsheet would run as a formula gets a leading quote', async (t) => {
  const cases: [string, string][] = [
    ['=SUM(A1:A3)', "'=SUM(A1:A3)"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['  =1+1', "'  =1+1"],
    ['\u3000=1+1', "'\u3000=1+1"],
    ['\uFF1DHYPERLINK("http://x")', '"\'\uFF1DHYPERLINK(""http://x"")"'],
    ['\uFF0B1', "'\uFF0B1"],
    ['\uFF0D1', "'\uFF0D1"],
    ['\uFF201', "'\uFF201"],
    ['\t=1', "'\t=1"],
    ['\r\n=1', '"\'\r\n=1"'],
    ['\nplain', '"\'\nplain"'],
  ];
  for (const [value, written] of cases) t.equal(csvCell(value), written, JSON.stringify(value));
});

t.test('ordinary text, numbers and empties are written as they are', async (t) => {
  t.equal(csvCell('Zoë & Co'), 'Zoë & Co');
  t.equal(csvCell('a = b'), 'a = b', 'an equals sign inside is no formula');
  t.equal(csvCell('say "hi", then go'), '"say ""hi"", then go"');
  t.equal(csvCell(-3), '-3', 'a negative number stays a number');
  t.equal(csvCell(0.25), '0.25');
  t.equal(csvCell(true), 'true');
  t.equal(csvCell(null), '');
});

t.test("the import's formula warning uses the same rule", async (t) => {
  t.ok(looksLikeFormula(' =1'));
  t.ok(looksLikeFormula('\uFF1D1'));
  t.notOk(looksLikeFormula('Ann Smith'));
});
