// One project, its version (bumped by every write to it), lastChangeMs (null: not known) and the
// version of the last write that changed events already logged (0: none); projects made before
// time zones are UTC; with the template it started from, its consent text, group kinds and
// measurement waves (JSON), and its primary instrument (null: the default). A project being
// restored (restoringAtMs set) is not found.
// $id -> id, name, timeZone, template, consentText, groupKindsJson, wavesJson, primaryInstrument,
// version, lastChangeMs, historyRewrittenAt
MATCH (p:Project {id: $id})
WHERE p.restoringAtMs IS NULL
RETURN p.id AS id, p.name AS name, coalesce(p.timeZone, 'UTC') AS timeZone,
       p.template AS template, p.consentText AS consentText, p.groupKindsJson AS groupKindsJson,
       p.wavesJson AS wavesJson, p.primaryInstrument AS primaryInstrument,
       coalesce(p.version, 0) AS version, p.lastChangeMs AS lastChangeMs,
       coalesce(p.historyRewrittenAt, 0) AS historyRewrittenAt
