// Changes a project's name, time zone, consent text and/or primary instrument (a null in $set
// leaves it as it is).
// $id, $set {name?, timeZone?, consentText?, primaryInstrument?} -> id
MATCH (p:Project {id: $id})
WHERE p.restoringAtMs IS NULL
SET p.name = coalesce($set.name, p.name), p.timeZone = coalesce($set.timeZone, p.timeZone, 'UTC'),
    p.consentText = coalesce($set.consentText, p.consentText),
    p.primaryInstrument = coalesce($set.primaryInstrument, p.primaryInstrument)
RETURN p.id AS id
