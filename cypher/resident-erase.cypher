// Erasure: removes the resident and every event naming them; returns the other residents those
// events named, whose first-event time must then be recomputed. $projectId, $id -> erased, others
MATCH (r:Resident {projectId: $projectId, id: $id})
OPTIONAL MATCH (r)<-[:NAMES]-(e:Event)
OPTIONAL MATCH (e)-[:NAMES]->(other:Resident) WHERE other <> r
WITH r, collect(DISTINCT e) AS events, collect(DISTINCT other.id) AS others
FOREACH (e IN events | DETACH DELETE e)
DETACH DELETE r
RETURN 1 AS erased, others
