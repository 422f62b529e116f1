// Every project, by id (not those being restored). -> id, name, timeZone, template, consentText, groupKindsJson, wavesJson
MATCH (p:Project)
WHERE p.restoringAtMs IS NULL
RETURN p.id AS id, p.name AS name, coalesce(p.timeZone, 'UTC') AS timeZone,
       p.template AS template, p.consentText AS consentText, p.groupKindsJson AS groupKindsJson,
       p.wavesJson AS wavesJson
ORDER BY p.id
