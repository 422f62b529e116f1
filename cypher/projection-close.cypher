// Ends open TIE segments or MEMBER_OF spells that upkeep continued: their until is set, and they
// leave the tie_open index.
// $closed [{rel (elementId), until}] -> closed
UNWIND $closed AS c
MATCH ()-[r]->()
WHERE elementId(r) = c.rel
SET r.until = c.until, r.openIn = null
RETURN count(r) AS closed
