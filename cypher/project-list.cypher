// Every project, by id (not those being restored). -> id, name, timeZone, template, consentText,
// groupKindsJson, wavesJson, primaryInstrument
MATCH (p:Project)
WHERE p.restoringAtMs IS NULL
RETURN p.id AS id, p.name AS name, coalesce(p.timeZone, 'UTC') AS timeZone,
       p.template AS template, p.consentText AS consentText, p.groupKindsJson AS groupKindsJson,
       p.wavesJson AS wavesJson, p.primaryInstrument AS primaryInstrument
ORDER BY p.id
