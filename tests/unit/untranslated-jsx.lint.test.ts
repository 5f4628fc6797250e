import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/** The lint rule that keeps words out of renderer JSX (eslint.config.js, last block) is really on. */
describe('no words in renderer JSX outside t()', () => {
  const lint = async (code: string): Promise<string[]> => {
    const [result] = await new ESLint({ cwd: process.cwd() }).lintText(code, { filePath: 'src/renderer/src/pages/Probe.tsx' })
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message)
  }

  it('flags JSX text and user-visible attributes with letters, in any script', async () => {
    const messages = await lint(
      ['export const A = (): React.JSX.Element => (', '  <p title="Hint">', '    Saved {1}', '    <input placeholder="типова" />', '  </p>', ')', ''].join('\n')
    )
    expect(messages).toHaveLength(3)
    expect(messages[0]).toContain('t()')
  })

  it('lets translated text, punctuation and symbols through', async () => {
    const code = ['import { t } from "../i18n"', 'export const A = (): React.JSX.Element => (', '  <p title={t("app.name")}>', "    {t('app.name')} · ✎ {' '}", '  </p>', ')', ''].join('\n')
    expect(await lint(code)).toEqual([])
  })
})
