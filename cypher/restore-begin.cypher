// Starts a restore: creates the project hidden (restoringAtMs set: every other read and write
// answers 404 until restore-finish) unless its id exists.
// $id, $name, $timeZone, $createdAtMs, $template, $consentText, $groupKindsJson, $wavesJson,
// $primaryInstrument, $nowMs -> created (boolean)
OPTIONAL MATCH (existing:Project {id: $id})
WITH existing WHERE existing IS NULL
CREATE (p:Project {id: $id, name: $name, timeZone: $timeZone, createdAtMs: $createdAtMs,
                   lastChangeMs: 0, template: $template, consentText: $consentText,
                   groupKindsJson: $groupKindsJson, wavesJson: $wavesJson,
                   primaryInstrument: $primaryInstrument, restoringAtMs: $nowMs})
RETURN true AS created
