// Which of $ids are residents of the project, with their leaving and returning and their consent
// (for the checks of events naming them). $projectId, $ids -> id, movesAtMs, movesLeave, consent
UNWIND $ids AS wanted
MATCH (r:Resident {projectId: $projectId, id: wanted})
RETURN r.id AS id, r.movesAtMs AS movesAtMs, r.movesLeave AS movesLeave, r.consent AS consent
