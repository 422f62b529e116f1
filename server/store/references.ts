// Checks that ids named in a request exist in the project, reporting each unknown one by the
// path of the field that named it (`events.3.from`), so a batch can be refused whole.
import type { ManagedTransaction } from 'neo4j-driver';
import { badRequest, conflict, itemPath, type ErrorDetail } from '../errors.ts';
import { cypher, rows } from './neo4j.ts';

export interface Reference {
  path: string;
  id: string;
}

type Kind = 'resident' | 'group' | 'community' | 'cost';
const QUERY: Record<Kind, string> = {
  resident: 'resident-ids-existing',
  group: 'group-ids-existing',
  community: 'community-ids-existing',
  cost: 'cost-ids-existing',
};

/**
 * Returns the existing ids of `kind` among the references, with extra columns (a group's kind, a
 * resident's leaving and returning, and consent).
 */
export async function existing(
  tx: ManagedTransaction,
  projectId: string,
  kind: Kind,
  refs: Reference[],
): Promise<
  Map<
    string,
    { id: string; kind?: string; movesAtMs?: number[]; movesLeave?: boolean[]; consent?: string }
  >
> {
  const ids = [...new Set(refs.map((r) => r.id))];
  if (ids.length === 0) return new Map();
  const found = rows<{
    id: string;
    kind?: string;
    movesAtMs?: number[];
    movesLeave?: boolean[];
    consent?: string;
  }>((await tx.run(cypher(QUERY[kind]), { projectId, ids })).records);
  return new Map(found.map((f) => [f.id, f]));
}

/** Details for every reference whose id is not among `known`, at most 100 of them. */
export function unknownReferences(
  kind: Kind,
  refs: Reference[],
  known: Map<string, unknown>,
): ErrorDetail[] {
  return refs
    .filter((r) => !known.has(r.id))
    .slice(0, 100)
    .map((r) => ({ path: r.path, message: `unknown ${kind} "${r.id}"` }));
}

/** Details for ids a create names twice or that already exist: such a create is refused whole (409). */
export function takenOrRepeated(
  kind: Kind,
  refs: Reference[],
  taken: Map<string, unknown>,
): ErrorDetail[] {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const ref of refs) {
    if (taken.has(ref.id))
      details.push({ path: ref.path, message: `${kind} "${ref.id}" already exists` });
    else if (seen.has(ref.id))
      details.push({ path: ref.path, message: `"${ref.id}" appears twice` });
    seen.add(ref.id);
  }
  return details.slice(0, 100);
}

/**
 * Checks a create of residents or groups before anything is written: ids taken or repeated refuse
 * it with 409, unknown communities with 400, each detail at the path of the field that caused it.
 */
export async function checkNewRecords(
  tx: ManagedTransaction,
  projectId: string,
  kind: 'resident' | 'group',
  items: { id: string; communityId?: string | null }[],
  path: string | null,
): Promise<void> {
  const idRefs = items.map((item, i) => ({ path: itemPath(path, i, 'id'), id: item.id }));
  const clashes = takenOrRepeated(kind, idRefs, await existing(tx, projectId, kind, idRefs));
  if (clashes.length > 0)
    throw conflict(`some ${kind}s already exist; nothing was written`, clashes);

  const communityRefs = items.flatMap((item, i) =>
    item.communityId ? [{ path: itemPath(path, i, 'communityId'), id: item.communityId }] : [],
  );
  const known = await existing(tx, projectId, 'community', communityRefs);
  const unknown = unknownReferences('community', communityRefs, known);
  if (unknown.length > 0) throw badRequest('unknown community; nothing was written', unknown);
}
