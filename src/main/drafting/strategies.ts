/**
 * Drafting strategies as data (issue 8 item 3): each shapes the AI prompt with its guidance. The
 * names the user sees are catalog keys (`drafting.strategy.<id>.name` / `.description`); the
 * guidance is for the model and stays English (the answer's language is set separately).
 */
export interface Strategy {
  id: string
  /** Added to the system prompt. */
  guidance: string
  /** Target length of the cover letter, in words. */
  words: { min: number; max: number }
}

export const STRATEGIES: readonly Strategy[] = [
  {
    id: 'short',
    guidance: 'Write a short cover letter: one opening line about the client\'s problem, two or three lines on the most relevant experience, one closing line. No filler.',
    words: { min: 40, max: 120 }
  },
  {
    id: 'detailed',
    guidance: 'Write a detailed cover letter: restate the goal, outline how you would approach the work in a few concrete steps, mention the most relevant experience, and close with a next step.',
    words: { min: 150, max: 350 }
  },
  {
    id: 'question-led',
    guidance: 'Open with one sharp, specific question about the job that shows you read it, then briefly say why you are a fit. Keep it conversational.',
    words: { min: 50, max: 160 }
  },
  {
    id: 'portfolio-led',
    guidance: 'Lead with the single most relevant portfolio item from the profile facts (what it was and the result), then connect it to this job. Mention only portfolio items listed in the profile facts.',
    words: { min: 70, max: 200 }
  }
]

export const DEFAULT_STRATEGY_ID = 'short'

export function strategyById(id: string | null | undefined): Strategy {
  return STRATEGIES.find((s) => s.id === id) ?? STRATEGIES.find((s) => s.id === DEFAULT_STRATEGY_ID)!
}

export const isStrategyId = (id: string): boolean => STRATEGIES.some((s) => s.id === id)
