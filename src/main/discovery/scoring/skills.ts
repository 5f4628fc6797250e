/**
 * Skill names compared the way a person would: "React.js", "ReactJS", "react" and "React JS"
 * are one skill; "C#", "C++" and "C" are three. A synonym map (from the ontology, or the small
 * built-in one) folds other spellings onto one canonical key.
 */

/** Canonical skill → other names for it. Keys and names are normalised when compiled. */
export type SkillSynonyms = Readonly<Record<string, readonly string[]>>

export const DEFAULT_SKILL_SYNONYMS: SkillSynonyms = {
  javascript: ['js', 'ecmascript', 'es6'],
  typescript: ['ts'],
  react: ['react.js', 'reactjs'],
  'react native': ['rn'],
  node: ['node.js', 'nodejs'],
  vue: ['vue.js', 'vuejs'],
  angular: ['angularjs', 'angular.js'],
  postgresql: ['postgres', 'psql'],
  mongodb: ['mongo'],
  kubernetes: ['k8s'],
  'amazon web services': ['aws'],
  'google cloud platform': ['gcp', 'google cloud'],
  'machine learning': ['ml'],
  'artificial intelligence': ['ai'],
  'user interface design': ['ui design'],
  'user experience design': ['ux design'],
  golang: ['go'],
  'c#': ['csharp', 'c sharp'],
  'c++': ['cpp'],
  python: ['python3', 'py'],
  'ruby on rails': ['rails', 'ror'],
  electron: ['electron.js', 'electronjs'],
  tailwind: ['tailwind css', 'tailwindcss']
}

/** Everything but letters, digits, "+" and "#" (which tell C++ and C# from C). */
const SEPARATORS = /[^\p{L}\p{N}+#]+/gu

/**
 * Lower case, separators and punctuation dropped ("react native" → "reactnative", "Node.js" →
 * "node"), a trailing "js" dropped from longer names ("ReactJS" → "react"); "+" and "#" are kept.
 */
export function normaliseSkill(name: string): string {
  let key = name.toLowerCase().replace(SEPARATORS, '')
  if (key.length > 3 && key.endsWith('js')) key = key.slice(0, -2)
  return key
}

export interface SkillMatcher {
  /** Canonical key of a skill name (synonyms folded), '' for a name with no letters. */
  canonical(name: string): string
}

/** Canonical keys are memoised per matcher: skill names repeat across thousands of jobs. */
const MAX_MEMO = 20_000

export function createSkillMatcher(synonyms: SkillSynonyms = DEFAULT_SKILL_SYNONYMS): SkillMatcher {
  const alias = new Map<string, string>()
  for (const [canonicalName, names] of Object.entries(synonyms)) {
    const target = normaliseSkill(canonicalName)
    if (!target) continue
    for (const n of names) {
      const key = normaliseSkill(n)
      if (key && key !== target && !alias.has(key)) alias.set(key, target)
    }
  }
  const memo = new Map<string, string>()
  return {
    canonical(name: string): string {
      let key = memo.get(name)
      if (key !== undefined) return key
      const n = normaliseSkill(name)
      key = alias.get(n) ?? n
      if (memo.size >= MAX_MEMO) memo.clear()
      memo.set(name, key)
      return key
    }
  }
}

/**
 * Synonyms from Upwork's ontology (`ontologySkills`): each skill's label is the canonical name,
 * its pretty name and any extra aliases fold onto it.
 */
export function synonymsFromOntology(
  skills: ReadonlyArray<{ label: string; prettyName?: string | null }>,
  extra: SkillSynonyms = DEFAULT_SKILL_SYNONYMS
): SkillSynonyms {
  const out: Record<string, string[]> = {}
  for (const [k, v] of Object.entries(extra)) out[k] = [...v]
  for (const s of skills) {
    if (!s.label) continue
    const names = (out[s.label] ??= [])
    if (s.prettyName && s.prettyName !== s.label) names.push(s.prettyName)
  }
  return out
}
