// Which of $ids are already stored as events of the project. $projectId, $ids -> id
UNWIND $ids AS wanted
MATCH (e:Event {projectId: $projectId, id: wanted})
RETURN e.id AS id
