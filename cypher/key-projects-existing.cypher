// Which of the projects a new key names exist. $ids -> id
UNWIND $ids AS id
MATCH (p:Project {id: id})
RETURN p.id AS id
