// Counting a timeline's buckets without listing them: hand-counted calendars (the day count over
// 1900–2200 is Python's `(date(2200,1,1) - date(1900,1,1)).days + 1`).
import t from 'tap';
import { bucketCount } from '../../server/metrics/timeline.ts';

const utc = (text: string) => Date.parse(text);

t.test('every day from 1 January 1900 to 1 January 2200 is 109,574 buckets', async (t) => {
  t.equal(bucketCount(utc('1900-01-01T00:00:00Z'), utc('2200-01-01T00:00:00Z'), 'day'), 109_574);
});

t.test('a Wednesday to the second Monday after spans three ISO weeks', async (t) => {
  // 1 January 2025 is a Wednesday; its week ends Sunday 5 January; 13 January is a Monday
  t.equal(bucketCount(utc('2025-01-01T12:00:00Z'), utc('2025-01-13T00:00:00Z'), 'week'), 3);
});

t.test('a Sunday alone is one week', async (t) => {
  t.equal(bucketCount(utc('2025-01-05T01:00:00Z'), utc('2025-01-05T23:00:00Z'), 'week'), 1);
});

t.test('31 January to 1 March is three months', async (t) => {
  t.equal(bucketCount(utc('2024-01-31T00:00:00Z'), utc('2024-03-01T00:00:00Z'), 'month'), 3);
});

t.test('1 April 2024 to 31 March 2025 is four quarters; a day later, five', async (t) => {
  t.equal(bucketCount(utc('2024-04-01T00:00:00Z'), utc('2025-03-31T23:00:00Z'), 'quarter'), 4);
  t.equal(bucketCount(utc('2024-04-01T00:00:00Z'), utc('2025-04-01T00:00:00Z'), 'quarter'), 5);
});

t.test('three centuries are 3,601 months', async (t) => {
  t.equal(bucketCount(utc('1900-01-01T00:00:00Z'), utc('2200-01-01T00:00:00Z'), 'month'), 3601);
});
