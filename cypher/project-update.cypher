// Changes a project's name, time zone and/or consent text (a null in $set leaves it as it is).
// $id, $set {name?, timeZone?, consentText?} -> id
MATCH (p:Project {id: $id})
WHERE p.restoringAtMs IS NULL
SET p.name = coalesce($set.name, p.name), p.timeZone = coalesce($set.timeZone, p.timeZone, 'UTC'),
    p.consentText = coalesce($set.consentText, p.consentText)
RETURN p.id AS id
