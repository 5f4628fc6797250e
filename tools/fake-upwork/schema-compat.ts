import {
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType
} from 'graphql'

/**
 * Lists every way `subset` is not a faithful subset of `reference`: a type, field, argument or
 * enum value the reference lacks, a different field/argument type (nullability included), or a
 * required reference argument the subset left out. Empty = documents that only touch the subset
 * mean the same thing against both schemas.
 */
export function compareWithReference(subset: GraphQLSchema, reference: GraphQLSchema): string[] {
  const problems: string[] = []
  for (const type of Object.values(subset.getTypeMap())) {
    if (type.name.startsWith('__')) continue
    const ref = reference.getType(type.name)
    if (!ref) {
      problems.push(`type ${type.name} is not in the reference`)
      continue
    }
    if (ref.constructor !== type.constructor) {
      problems.push(`type ${type.name} is a different kind of type in the reference`)
      continue
    }
    if (isEnumType(type) && isEnumType(ref)) {
      const values = new Set(ref.getValues().map((v) => v.name))
      for (const v of type.getValues()) if (!values.has(v.name)) problems.push(`enum value ${type.name}.${v.name}`)
      continue
    }
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      const refFields = (ref as typeof type).getFields() as Record<string, GraphQLField<unknown, unknown> | GraphQLInputField>
      if (isObjectType(type) || isInterfaceType(type)) {
        const refInterfaces = new Set((ref as typeof type).getInterfaces().map((i) => i.name))
        for (const i of type.getInterfaces()) if (!refInterfaces.has(i.name)) problems.push(`${type.name} implements ${i.name}`)
      }
      for (const field of Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown> | GraphQLInputField>) {
        const refField = refFields[field.name]
        const where = `${type.name}.${field.name}`
        if (!refField) {
          problems.push(`field ${where} is not in the reference`)
          continue
        }
        if (String(refField.type) !== String(field.type)) problems.push(`field ${where}: ${String(field.type)} vs reference ${String(refField.type)}`)
        const args = 'args' in field ? field.args : []
        const refArgs = 'args' in refField ? refField.args : []
        for (const arg of args) {
          const refArg = refArgs.find((a) => a.name === arg.name)
          if (!refArg) problems.push(`argument ${where}(${arg.name}) is not in the reference`)
          else if (String(refArg.type) !== String(arg.type)) problems.push(`argument ${where}(${arg.name}): ${String(arg.type)} vs reference ${String(refArg.type)}`)
        }
        for (const refArg of refArgs) {
          if (String(refArg.type).endsWith('!') && !args.some((a) => a.name === refArg.name)) problems.push(`required argument ${where}(${refArg.name}) missing`)
        }
      }
    }
  }
  return problems
}
