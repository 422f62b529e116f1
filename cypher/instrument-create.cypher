// Creates a project's own instruments (checked first: no key taken). $projectId,
// $instruments [{id, key, name, min, max, higherIsBetter, description}] -> created
UNWIND $instruments AS i
CREATE (n:Instrument {projectId: $projectId, id: i.id, key: i.key, name: i.name, min: i.min,
                      max: i.max, higherIsBetter: i.higherIsBetter, description: i.description})
RETURN count(n) AS created
