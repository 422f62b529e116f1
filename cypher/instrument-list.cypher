// A project's own instruments. $projectId -> id, name, min, max, higherIsBetter, description
MATCH (i:Instrument {projectId: $projectId})
RETURN i.id AS id, i.name AS name, i.min AS min, i.max AS max, i.higherIsBetter AS higherIsBetter,
       i.description AS description
ORDER BY i.id
