import { describe, expect, it } from 'vitest'
import { createSkillMatcher, normaliseSkill, synonymsFromOntology } from './skills'

describe('normaliseSkill', () => {
  it('treats React.js, ReactJS, React JS and react as one skill', () => {
    const keys = ['React.js', 'ReactJS', 'React JS', 'react', ' REACT '].map(normaliseSkill)
    expect(new Set(keys)).toEqual(new Set(['react']))
  })
  it('keeps C, C++ and C# apart', () => {
    expect(new Set(['C', 'C++', 'C#'].map(normaliseSkill)).size).toBe(3)
  })
  it('drops separators and a trailing "js" only from longer names', () => {
    expect(normaliseSkill('Node.js')).toBe('node')
    expect(normaliseSkill('D3.js')).toBe('d3')
    expect(normaliseSkill('JS')).toBe('js')
    expect(normaliseSkill('React Native')).toBe('reactnative')
  })
})

describe('createSkillMatcher', () => {
  it('folds synonyms onto one key, both ways round', () => {
    const m = createSkillMatcher({ postgresql: ['postgres', 'psql'] })
    expect(m.canonical('Postgres')).toBe(m.canonical('PostgreSQL'))
    expect(m.canonical('psql')).toBe('postgresql')
    expect(m.canonical('MySQL')).toBe('mysql')
  })
  it('uses the built-in map by default', () => {
    const m = createSkillMatcher()
    expect(m.canonical('JS')).toBe(m.canonical('JavaScript'))
    expect(m.canonical('k8s')).toBe(m.canonical('Kubernetes'))
    expect(m.canonical('TS')).toBe(m.canonical('typescript'))
  })
  it('ignores entries with no letters and keeps the first alias when two canonicals claim it', () => {
    const m = createSkillMatcher({ '...': ['x'], alpha: ['a1'], beta: ['a1'] })
    expect(m.canonical('x')).toBe('x')
    expect(m.canonical('A1')).toBe('alpha')
    expect(m.canonical('!!!')).toBe('')
  })
})

describe('synonymsFromOntology', () => {
  it('folds each ontology skill’s pretty name onto its label, keeping the built-in synonyms', () => {
    const m = createSkillMatcher(synonymsFromOntology([{ label: 'Amazon Elastic Compute Cloud', prettyName: 'Amazon EC2' }, { label: 'Figma', prettyName: null }]))
    expect(m.canonical('Amazon EC2')).toBe(m.canonical('amazon elastic compute cloud'))
    expect(m.canonical('JS')).toBe(m.canonical('JavaScript'))
    expect(m.canonical('figma')).toBe('figma')
  })
})
