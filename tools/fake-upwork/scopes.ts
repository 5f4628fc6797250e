/**
 * Which key capability each field needs, and the check that runs before execution. Upwork reports a
 * missing scope as HTTP 200 with classification "ExecutionAborted" and lists the offending
 * `Type.field`s (upwork-api.md §3), so the fake checks the whole selected operation up front and
 * aborts it, rather than failing field by field.
 */
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo
} from 'graphql'
import type { Scope } from './types'

/** `Type.field` → scope. Fields not listed need only "Common Entities" (always granted). */
export const FIELD_SCOPES: Readonly<Record<string, Scope>> = {
  'Query.marketplaceJobPostingsSearch': 'jobs:read',
  'Query.marketplaceJobPosting': 'jobs:details',
  'Query.freelancerProfileByProfileKey': 'profile:read',
  'Query.talentProfileByProfileKey': 'profile:read',
  'CurrentUser.freelancerProfile': 'profile:read',
  'CurrentUser.talentProfile': 'profile:read',
  'Query.ontologyCategories': 'ontology:read',
  'Query.ontologySkills': 'ontology:read',
  'Query.room': 'messages:read',
  'Query.roomList': 'messages:read',
  'Query.roomStories': 'messages:read',
  'Query.roomStory': 'messages:read',
  'Query.proposalRoom': 'messages:read',
  'Query.offerRoom': 'messages:read',
  'Query.contractRoom': 'messages:read',
  'Mutation.createRoomStoryV2': 'messages:write',
  'Mutation.createJobProposal': 'proposal:submit',
  'Query.vendorProposal': 'proposals:read',
  'Query.vendorProposals': 'proposals:read'
}

/** The `Type.field`s in the operation (and the fragments it may use) that the key may not read. */
export function missingScopeFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  granted: ReadonlySet<Scope>
): string[] {
  const denied = new Set<string>()
  const typeInfo = new TypeInfo(schema)
  const check = {
    Field: () => {
      const parent = typeInfo.getParentType()
      const field = typeInfo.getFieldDef()
      if (!parent || !field) return
      const key = `${parent.name}.${field.name}`
      const scope = FIELD_SCOPES[key]
      if (scope && !granted.has(scope)) denied.add(key)
    }
  }
  visit(operation, visitWithTypeInfo(typeInfo, check))
  // Fragments are visited with their own type condition; scanning all of them may over-report for
  // multi-operation documents that spread different fragments, which real clients rarely send.
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) visit(def, visitWithTypeInfo(typeInfo, check))
  }
  return [...denied]
}

export function scopeErrorMessage(fields: readonly string[]): string {
  return `The client or authentication token doesn't have enough oauth2 permissions/scopes to access: [${fields.join(', ')}].`
}

/** The body Upwork sends: every root field of the operation null, one ExecutionAborted error. */
export function scopeErrorBody(operation: OperationDefinitionNode | undefined, fields: readonly string[]): Record<string, unknown> {
  const data: Record<string, null> = {}
  for (const sel of operation?.selectionSet.selections ?? []) {
    if (sel.kind === Kind.FIELD) data[sel.alias?.value ?? sel.name.value] = null
  }
  const error = new GraphQLError(scopeErrorMessage(fields), { extensions: { classification: 'ExecutionAborted' } })
  return { data, errors: [error.toJSON()] }
}
