// Removes open TIE segments or MEMBER_OF spells that upkeep found are no longer part of the
// projection (a spell that closed at the instant of its latest connection). $rels (elementIds) -> deleted
UNWIND $rels AS id
MATCH ()-[r]->()
WHERE elementId(r) = id
DELETE r
RETURN count(r) AS deleted
