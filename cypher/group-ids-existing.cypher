// Which of $ids are groups of the project, with their kind. $projectId, $ids -> id, kind
UNWIND $ids AS wanted
MATCH (g:Group {projectId: $projectId, id: wanted})
RETURN g.id AS id, g.kind AS kind
