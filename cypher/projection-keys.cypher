// Every pair and membership key of a project's events, for a rebuild. $projectId -> key
MATCH (e:Event {projectId: $projectId})
WHERE e.spellKey IS NOT NULL
RETURN DISTINCT e.spellKey AS key
