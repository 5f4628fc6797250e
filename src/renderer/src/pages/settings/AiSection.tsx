import { useEffect, useState } from 'react'
import { AI_PROVIDER_PRESETS, type AiConnectionTestDto, type AiPresetId } from '@shared/ai'
import { aiApiKeySchema } from '@shared/contract/ai'
import { toProblem, type Problem } from '../../api'
import { SettingCheckbox, SettingNumberField, useSavedHint, useSettingError } from '../../components/SettingFields'
import { useErrorText, useI18n, useT, type MessageKey } from '../../i18n'
import { patchAt } from '../../settings-validation'
import { useAiStore } from '../../stores/ai-store'
import { useSettingsStore } from '../../stores/settings-store'
import { Badge, Button, Card, SelectField, TextField, useConfirm } from '../../ui'

const CUSTOM = 'custom'
const PRESET_LABEL: Record<AiPresetId | typeof CUSTOM, MessageKey> = {
  openai: 'searches.ai.preset.openai',
  azure: 'searches.ai.preset.azure',
  ollama: 'searches.ai.preset.ollama',
  lmstudio: 'searches.ai.preset.lmstudio',
  custom: 'searches.ai.preset.custom'
}

/** Why a pasted key is refused (the contract's rule), in the user's language. */
function keyProblem(key: string): MessageKey | null {
  const r = aiApiKeySchema.safeParse(key)
  if (r.success) return null
  const issue = r.error.issues[0]!
  return issue.code === 'too_small' ? 'searches.ai.key.empty' : issue.code === 'too_big' ? 'searches.ai.key.tooLong' : 'searches.ai.key.spaces'
}

type TestState = { kind: 'running' } | { kind: 'done'; result: AiConnectionTestDto } | { kind: 'error'; problem: Problem }

/**
 * Settings → AI: the provider (preset or any OpenAI-compatible base URL), the model, the API key
 * (write-only: sent to the keychain, only ever shown as "a key is saved"), the daily token budget,
 * the hourly request limit, automatic analysis, "Test connection" and today's usage.
 */
export function AiSection(): React.JSX.Element | null {
  const t = useT()
  const language = useI18n((s) => s.language)
  const errorText = useErrorText()
  const settings = useSettingsStore((s) => s.settings)
  const status = useAiStore((s) => s.status)
  const loadError = useAiStore((s) => s.loadError)
  const follow = useAiStore((s) => s.follow)
  const load = useAiStore((s) => s.load)
  const saveKey = useAiStore((s) => s.saveKey)
  const clearKey = useAiStore((s) => s.clearKey)
  const testConnection = useAiStore((s) => s.testConnection)
  const [key, setKey] = useState('')
  const [keyError, setKeyError] = useState<string | null>(null)
  const [keyNotice, setKeyNotice] = useState<MessageKey | null>(null)
  const [test, setTest] = useState<TestState | null>(null)
  const [confirmDialog, confirm] = useConfirm()

  useEffect(() => follow(), [follow])
  // What the status says depends on the base URL and the model: ask again when they change.
  const baseUrl = settings?.ai.baseUrl ?? null
  const model = settings?.ai.model
  useEffect(() => {
    if (useAiStore.getState().status) void load()
  }, [baseUrl, model, load])

  if (!settings) return null
  const preset = status?.preset ?? (baseUrl === null ? 'openai' : CUSTOM)

  const onSaveKey = async (): Promise<void> => {
    const problem = keyProblem(key)
    if (problem) {
      setKeyError(t(problem))
      return
    }
    try {
      await saveKey(key.trim())
      setKey('')
      setKeyError(null)
      setKeyNotice('searches.ai.key.savedNow')
    } catch (e) {
      setKeyError(t('searches.ai.key.saveFailed', { reason: errorText(toProblem(e)) }))
    }
  }
  const onRemoveKey = async (): Promise<void> => {
    const yes = await confirm({ title: t('searches.ai.key.removeTitle'), body: t('searches.ai.key.removeBody'), confirmLabel: t('searches.ai.key.remove'), danger: true })
    if (!yes) return
    try {
      await clearKey()
      setKeyNotice('searches.ai.key.removed')
    } catch (e) {
      setKeyError(t('searches.ai.key.saveFailed', { reason: errorText(toProblem(e)) }))
    }
  }
  const onTest = async (): Promise<void> => {
    setTest({ kind: 'running' })
    try {
      setTest({ kind: 'done', result: await testConnection() })
    } catch (e) {
      setTest({ kind: 'error', problem: toProblem(e) })
    }
  }
  const usage = status?.usage
  const money = (usd: number): string => new Intl.NumberFormat(language, { style: 'currency', currency: 'USD', maximumFractionDigits: 4 }).format(usd)
  const count = (n: number): string => new Intl.NumberFormat(language).format(n)

  return (
    <Card title={t('searches.ai.title')} data-testid="ai-section">
      <p className="muted">{t('searches.ai.intro')}</p>
      {loadError ? (
        <p className="field-error" role="alert">
          {t('searches.ai.loadFailed', { reason: errorText(loadError) })}
        </p>
      ) : null}
      {status?.baseUrlProblem ? (
        <p className="field-error" role="alert">
          {status.baseUrlProblem}
        </p>
      ) : null}

      <SelectField
        label={t('searches.ai.provider')}
        value={preset}
        onChange={(e) => {
          const chosen = AI_PROVIDER_PRESETS.find((p) => p.id === e.target.value)
          if (chosen) void useSettingsStore.getState().update({ ai: { baseUrl: chosen.baseUrl } })
        }}
      >
        {AI_PROVIDER_PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {t(PRESET_LABEL[p.id])}
          </option>
        ))}
        <option value={CUSTOM} disabled={preset !== CUSTOM}>
          {t(PRESET_LABEL.custom)}
        </option>
      </SelectField>
      <SettingTextField path="ai.baseUrl" label={t('searches.ai.baseUrl')} value={baseUrl ?? ''} placeholder={status?.baseUrl} empty={null} hint={preset === 'azure' ? t('searches.ai.azureHint') : t('searches.ai.baseUrlHint')} />
      <SettingTextField path="ai.model" label={t('searches.ai.model')} value={settings.ai.model} empty="" />

      <fieldset>
        <legend>{t('searches.ai.key')}</legend>
        {status?.keyStored ? (
          <div className="row">
            <Badge tone="ok" data-testid="ai-key-stored">
              {t('searches.ai.key.stored')}
            </Badge>
            <Button variant="link-danger" onClick={() => void onRemoveKey()}>
              {t('searches.ai.key.remove')}
            </Button>
          </div>
        ) : (
          <p className="muted" data-testid="ai-key-missing">
            {status && !status.needsKey ? t('searches.ai.key.notNeeded') : t('searches.ai.key.none')}
          </p>
        )}
        <TextField
          label={status?.keyStored ? t('searches.ai.key.replace') : t('searches.ai.key.enter')}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          error={keyError}
          hint={status ? t(`searches.ai.key.where.${status.secretBackend === 'memory' ? 'memory' : status.secretBackend === 'safe-storage' ? 'safeStorage' : 'keychain'}`) : null}
          onChange={(e) => {
            setKey(e.target.value)
            setKeyError(null)
            setKeyNotice(null)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void onSaveKey()
          }}
        />
        <div className="actions">
          <Button onClick={() => void onSaveKey()} disabled={key === ''}>
            {t('searches.ai.key.save')}
          </Button>
          <span className="muted" role="status">
            {keyNotice ? t(keyNotice) : null}
          </span>
        </div>
      </fieldset>

      <div className="actions">
        <Button onClick={() => void onTest()} disabled={test?.kind === 'running'}>
          {t('searches.ai.test')}
        </Button>
        <span role="status" data-testid="ai-test-result" className={test?.kind === 'error' || (test?.kind === 'done' && !test.result.ok) ? 'field-error' : 'muted'}>
          {!test
            ? null
            : test.kind === 'running'
              ? t('searches.ai.testing')
              : test.kind === 'error'
                ? t('searches.ai.testFailed', { reason: errorText(test.problem) })
                : test.result.message}
        </span>
      </div>

      <fieldset>
        <legend>{t('searches.ai.limits')}</legend>
        <div className="row wrap">
          <SettingNumberField path="ai.dailyTokenBudget" label={t('searches.ai.dailyTokenBudget')} />
          <SettingNumberField path="ai.hourlyRequestLimit" label={t('searches.ai.hourlyRequestLimit')} />
        </div>
        <SettingCheckbox path="ai.autoAnalyze.enabled" label={t('searches.ai.auto')} />
        <div className="row wrap">
          <SettingNumberField path="ai.autoAnalyze.topK" label={t('searches.ai.auto.topK')} />
          <SettingNumberField path="ai.autoAnalyze.minScore" label={t('searches.ai.auto.minScore')} />
        </div>
        {status?.lastAutoAnalysis ? (
          <p className="muted" data-testid="ai-last-auto">
            {t('searches.ai.auto.last', { analysed: status.lastAutoAnalysis.analysed, cached: status.lastAutoAnalysis.cached, skipped: status.lastAutoAnalysis.skipped })}
            {status.lastAutoAnalysis.stoppedBecause ? ` ${status.lastAutoAnalysis.stoppedBecause}` : ''}
          </p>
        ) : null}
      </fieldset>

      {usage ? (
        <dl className="facts" data-testid="ai-usage" aria-label={t('searches.ai.usage')}>
          <dt>{t('searches.ai.usage.calls')}</dt>
          <dd>{count(usage.calls)}</dd>
          <dt>{t('searches.ai.usage.tokens')}</dt>
          <dd>{t('searches.ai.usage.tokensOf', { used: count(usage.tokens), budget: count(usage.dailyTokenBudget) })}</dd>
          <dt>{t('searches.ai.usage.left')}</dt>
          <dd>{count(usage.budgetLeft)}</dd>
          <dt>{t('searches.ai.usage.cost')}</dt>
          <dd>
            {money(usage.estimatedCostUsd)}
            {usage.unknownCostCalls > 0 ? ` ${t('searches.ai.usage.unknownCost', { n: usage.unknownCostCalls })}` : ''}
          </dd>
          <dt>{t('searches.ai.usage.thisHour')}</dt>
          <dd>{t('searches.ai.usage.requestsOf', { used: count(usage.requestsThisHour), limit: count(usage.hourlyRequestLimit) })}</dd>
        </dl>
      ) : null}
      {confirmDialog}
    </Card>
  )
}

/** A text setting saved on blur or Enter through the settings store (refused values stay typed, with the reason). */
function SettingTextField({ path, label, value, empty, hint, placeholder }: { path: string; label: string; value: string; empty: string | null; hint?: string; placeholder?: string }): React.JSX.Element {
  const update = useSettingsStore((s) => s.update)
  const error = useSettingError(path)
  const savedHint = useSavedHint(path, error)
  const [draft, setDraft] = useState<string | null>(null)
  const commit = async (): Promise<void> => {
    if (draft === null || draft === value) return setDraft(null)
    if (await update(patchAt(path, draft.trim() === '' ? empty : draft.trim()))) setDraft(null)
  }
  return (
    <TextField
      label={label}
      value={draft ?? value}
      placeholder={placeholder}
      error={error}
      hint={savedHint ?? hint ?? null}
      spellCheck={false}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => void commit()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void commit()
      }}
    />
  )
}
