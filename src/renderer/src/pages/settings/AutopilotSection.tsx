import { useEffect, useState } from 'react'
import type { AutopilotStatusDto } from '@shared/review'
import { api, toProblem, type Problem } from '../../api'
import { SettingCheckbox, SettingNumberField, useSavedHint, useSettingError } from '../../components/SettingFields'
import { useErrorText, useI18n, useT } from '../../i18n'
import { patchAt } from '../../settings-validation'
import { useSettingsStore } from '../../stores/settings-store'
import { Badge, Button, Card, SelectField, TextField } from '../../ui'

/**
 * Settings → Autopilot: on, the schedule (daily at a time, or every N hours), how many drafts a
 * day, the minimum score; the last run and the next. Autopilot prepares and queues drafts only;
 * every send is the user's Approve in the review queue.
 */
export function AutopilotSection(): React.JSX.Element | null {
  const t = useT()
  const language = useI18n((s) => s.language)
  const errorText = useErrorText()
  const settings = useSettingsStore((s) => s.settings)
  const update = useSettingsStore((s) => s.update)
  const scheduleError = useSettingError('review.autopilot.schedule')
  const timeError = useSettingError('review.autopilot.time')
  const timeHint = useSavedHint('review.autopilot.time', timeError)
  const [status, setStatus] = useState<AutopilotStatusDto | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [running, setRunning] = useState(false)

  useEffect(() => {
    const off = api.on('review:autopilotStatus', (s) => setStatus(s))
    api.review.autopilot().then(setStatus, (e: unknown) => setProblem(toProblem(e)))
    return off
  }, [])

  if (!settings) return null
  const autopilot = settings.review.autopilot
  const when = (ms: number): string => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms)

  const runNow = async (): Promise<void> => {
    setRunning(true)
    try {
      setStatus(await api.review.runAutopilot())
      setProblem(null)
    } catch (e) {
      setProblem(toProblem(e))
    } finally {
      setRunning(false)
    }
  }

  const last = status?.lastRun ?? null
  return (
    <Card title={t('queue.autopilot.title')} data-testid="autopilot-section">
      <p className="muted">{t('queue.autopilot.intro')}</p>
      <SettingCheckbox path="review.autopilot.enabled" label={t('queue.autopilot.enabled')} />
      <SelectField
        label={t('queue.autopilot.schedule')}
        value={autopilot.schedule}
        error={scheduleError}
        onChange={(e) => void update({ review: { autopilot: { schedule: e.target.value as typeof autopilot.schedule } } })}
      >
        <option value="daily">{t('queue.autopilot.schedule.daily')}</option>
        <option value="interval">{t('queue.autopilot.schedule.interval')}</option>
      </SelectField>
      {autopilot.schedule === 'daily' ? (
        <TextField
          type="time"
          label={t('queue.autopilot.time')}
          value={autopilot.time}
          error={timeError}
          hint={timeHint}
          onChange={(e) => e.target.value && void update(patchAt('review.autopilot.time', e.target.value))}
        />
      ) : (
        <SettingNumberField path="review.autopilot.intervalHours" label={t('queue.autopilot.intervalHours')} />
      )}
      <SettingNumberField path="review.autopilot.topN" label={t('queue.autopilot.topN')} />
      <SettingNumberField path="review.autopilot.minScore" label={t('queue.autopilot.minScore')} />

      <section aria-label={t('queue.autopilot.statusLabel')} data-testid="autopilot-status">
        {problem ? (
          <p className="field-error" role="alert">
            {errorText(problem)}
          </p>
        ) : null}
        {status ? (
          <>
            <p>
              {status.paused ? <Badge tone="warn">{t('queue.autopilot.paused')}</Badge> : null}
              {status.running ? <Badge tone="accent">{t('queue.autopilot.running')}</Badge> : null}{' '}
              {t('queue.autopilot.preparedToday', { n: status.preparedToday, max: status.topN })}
            </p>
            <p data-testid="autopilot-last-run">
              {last
                ? t('queue.autopilot.lastRun', {
                    when: when(last.startedAt),
                    n: last.prepared,
                    result: last.message ?? (last.stopReason ? t(`queue.autopilot.stop.${last.stopReason}`) : t('queue.autopilot.stillRunning'))
                  })
                : t('queue.autopilot.neverRun')}
            </p>
            {status.nextRunAt !== null ? <p className="muted">{t('queue.autopilot.nextRun', { when: when(status.nextRunAt) })}</p> : null}
          </>
        ) : null}
        <Button onClick={() => void runNow()} disabled={running || status?.running === true}>
          {t('queue.autopilot.runNow')}
        </Button>
      </section>
    </Card>
  )
}
