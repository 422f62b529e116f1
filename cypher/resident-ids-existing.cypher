// Which of $ids are residents of the project. $projectId, $ids -> id
UNWIND $ids AS wanted
MATCH (r:Resident {projectId: $projectId, id: wanted})
RETURN r.id AS id
