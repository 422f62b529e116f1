// Creates a project unless its id exists; lastChangeMs starts at 0 (see project-last-change).
// $id, $name, $timeZone, $createdAtMs, $template, $consentText, $groupKindsJson, $wavesJson -> created (boolean)
OPTIONAL MATCH (existing:Project {id: $id})
WITH existing WHERE existing IS NULL
CREATE (p:Project {id: $id, name: $name, timeZone: $timeZone, createdAtMs: $createdAtMs,
                   lastChangeMs: 0, template: $template, consentText: $consentText,
                   groupKindsJson: $groupKindsJson, wavesJson: $wavesJson})
RETURN true AS created
