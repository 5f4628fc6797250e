import { useEffect, useState } from 'react'
import { DRAFT_MAX_CHARS, type DraftDto, type DraftVersionDto } from '@shared/drafting'
import { isMessageKey } from '@shared/i18n'
import { useErrorText, useI18n, type MessageKey } from '../../i18n'
import { useDraftsStore } from '../../stores/drafts-store'
import { useTemplatesStore } from '../../stores/templates-store'
import { Badge, Button, Card, Field, SelectField, TextField } from '../../ui'
import { budgetText } from '../jobs/format'
import { DraftExperiment } from '../experiments/DraftExperiment'

const clock = (language: string, at: number): string => new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(at)
const when = (language: string, at: number): string => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at)

/**
 * The open draft: the job it answers (untrusted text, shown as text), the text with autosave,
 * AI drafting streamed in, templates, the bid, the output checks and every version. A client
 * reply (kind `reply`, in the inbox) shows only its text, the AI, the checks and the versions: the
 * inbox shows the job beside it and sends it itself.
 */
export function DraftEditor({ draft, onSentToReview }: { draft: DraftDto; onSentToReview?: (draftId: number) => void }): React.JSX.Element {
  const { t, language } = useI18n()
  const errorText = useErrorText()
  const text = useDraftsStore((s) => s.text)
  const save = useDraftsStore((s) => s.save)
  const actionError = useDraftsStore((s) => s.actionError)
  const strategies = useDraftsStore((s) => s.strategies)
  const { edit, flush, generate, cancel, fillFromTemplate } = useDraftsStore.getState()
  const templates = useTemplatesStore((s) => s.templates)
  const [strategy, setStrategy] = useState<string>(draft.strategy ?? '')
  const [templateId, setTemplateId] = useState<string>(draft.templateId ? String(draft.templateId) : '')
  const [sending, setSending] = useState(false)
  const generating = draft.generation === 'generating'
  const job = draft.job
  const reply = draft.kind === 'reply'

  useEffect(() => {
    void useTemplatesStore.getState().load()
    void useDraftsStore.getState().loadStrategies()
  }, [])

  const reviewable = !reply && (draft.status === 'draft' || draft.status === 'queued')
  const sendToReview = async (): Promise<void> => {
    setSending(true)
    try {
      const queued = await useDraftsStore.getState().sendToReview()
      if (queued !== null) onSentToReview?.(queued)
    } finally {
      setSending(false)
    }
  }

  const generationError =
    draft.generation === 'failed' && draft.generationError
      ? isMessageKey(`ai.err.${draft.generationError}`)
        ? t(`ai.err.${draft.generationError}` as MessageKey)
        : t('ai.err.unknown')
      : null

  return (
    <article className="draft-editor" aria-labelledby="draft-title" data-testid="draft-editor">
      <header hidden={reply}>
        <h2 id="draft-title">{draft.title || t('drafts.untitled')}</h2>
        <dl className="facts" data-testid="draft-job">
          <dt>{t('drafts.job.budget')}</dt>
          <dd>{budgetText(t, language, job)}</dd>
          {job.client.name || job.client.country ? (
            <>
              <dt>{t('drafts.job.client')}</dt>
              <dd>{[job.client.name, job.client.country].filter(Boolean).join(', ')}</dd>
            </>
          ) : null}
          <dt>{t('drafts.job.status')}</dt>
          <dd>{t(`drafts.status.${draft.status}` as MessageKey)}</dd>
        </dl>
        {job.description ? (
          <details className="draft-job-description">
            <summary>{t('drafts.job.description')}</summary>
            <div className="job-description" data-testid="draft-job-description">
              {job.description}
            </div>
          </details>
        ) : null}
      </header>
      <DraftExperiment draftId={draft.id} />

      <div className="draft-tools">
        {reply ? null : (
          <>
            <SelectField label={t('drafts.strategy')} value={strategy} disabled={generating} onChange={(e) => setStrategy(e.target.value)}>
              <option value="">{t('drafts.strategy.auto')}</option>
              {strategies.map((s) => (
                <option key={s.id} value={s.id}>
                  {isMessageKey(`drafting.strategy.${s.id}.name`) ? t(`drafting.strategy.${s.id}.name` as MessageKey) : s.id}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('drafts.template')} value={templateId} disabled={generating} onChange={(e) => setTemplateId(e.target.value)}>
              <option value="">{t('drafts.template.none')}</option>
              {templates.map((tpl) => (
                <option key={tpl.id} value={tpl.id}>
                  {tpl.name}
                </option>
              ))}
            </SelectField>
          </>
        )}
        <div className="actions">
          {generating ? (
            <Button onClick={() => void cancel()}>{t('drafts.stop')}</Button>
          ) : (
            <Button variant="primary" onClick={() => void generate({ strategy: strategy || null, templateId: templateId ? Number(templateId) : null })}>
              {t('drafts.generate')}
            </Button>
          )}
          {reply ? null : (
            <Button disabled={generating || !templateId} onClick={() => void fillFromTemplate(Number(templateId))}>
              {t('drafts.fillFromTemplate')}
            </Button>
          )}
          {reviewable ? (
            <Button disabled={generating || sending} onClick={() => void sendToReview()}>
              {t('drafts.sendToReview')}
            </Button>
          ) : null}
        </div>
      </div>

      {actionError ? (
        <p className="error" role="alert">
          {errorText(actionError)}
        </p>
      ) : null}
      {generationError ? (
        <p className="error" role="alert" data-testid="draft-generation-error">
          {t('drafts.generationFailed', { reason: generationError })}
        </p>
      ) : null}

      <Field label={reply ? t('inbox.reply.text') : t('drafts.text')} hint={t('drafts.length', { length: text.length, max: DRAFT_MAX_CHARS })}>
        {(control) => (
          <textarea
            {...control}
            className="draft-text"
            rows={14}
            value={text}
            readOnly={generating}
            aria-busy={generating || undefined}
            onChange={(e) => edit(e.target.value)}
            onBlur={() => void flush()}
          />
        )}
      </Field>
      <p className="muted small" aria-live="polite" data-testid="draft-save-state">
        {generating
          ? t('drafts.save.generating')
          : save.phase === 'pending' || save.phase === 'saving'
            ? t('drafts.save.saving')
            : save.at !== null
              ? t('drafts.save.savedAt', { time: clock(language, save.at) })
              : t('drafts.save.upToDate')}
      </p>
      {save.phase === 'error' && save.error ? (
        <p className="error" role="alert" data-testid="draft-save-error">
          {t('drafts.save.failed', { reason: errorText(save.error) })} <Button onClick={() => void flush()}>{t('drafts.save.retry')}</Button>
        </p>
      ) : null}

      <Checks draft={draft} />
      {/* Keyed by the saved values: an answer from main (or another draft) resets the fields. */}
      {reply ? null : <Bid key={`${draft.bid.amount}|${draft.durationLabel}`} draft={draft} />}
      <Versions draft={draft} />
    </article>
  )
}

function Checks({ draft }: { draft: DraftDto }): React.JSX.Element | null {
  const { t } = useI18n()
  if (draft.checks.length === 0) return null
  return (
    <Card title={t('drafts.checks.title')} data-testid="draft-checks">
      <p className="muted">{t('drafts.checks.intro')}</p>
      <ul>
        {draft.checks.map((c, i) => (
          <li key={`${c.code}-${i}`}>{t(`drafting.check.${c.code}` as MessageKey, c.params)}</li>
        ))}
      </ul>
    </Card>
  )
}

function Bid({ draft }: { draft: DraftDto }): React.JSX.Element {
  const { t, language } = useI18n()
  const setBid = useDraftsStore((s) => s.setBid)
  const [amount, setAmount] = useState(draft.bid.amount === null ? '' : String(draft.bid.amount))
  const [duration, setDuration] = useState(draft.durationLabel ?? '')
  const currency = draft.bid.currency ?? 'USD'
  const money = (n: number): string => new Intl.NumberFormat(language, { style: 'currency', currency, maximumFractionDigits: 2 }).format(n)
  const commitAmount = (): void => {
    const value = amount.trim() === '' ? null : Number(amount)
    if (value !== null && (!Number.isFinite(value) || value < 0)) return
    if (value !== draft.bid.amount) void setBid({ amount: value })
  }
  return (
    <Card title={t('drafts.bid.title')} data-testid="draft-bid">
      <TextField
        label={draft.bid.kind === 'hourly' ? t('drafts.bid.hourly') : t('drafts.bid.fixed')}
        type="number"
        min={0}
        step="any"
        value={amount}
        hint={draft.bid.suggested === null ? null : t('drafts.bid.suggested', { amount: money(draft.bid.suggested) })}
        onChange={(e) => setAmount(e.target.value)}
        onBlur={commitAmount}
      />
      {draft.bid.aboveBudget ? (
        <p className="hint-box" role="note" data-testid="draft-above-budget">
          {t('drafts.bid.aboveBudget')}
        </p>
      ) : null}
      <TextField
        label={t('drafts.bid.duration')}
        value={duration}
        onChange={(e) => setDuration(e.target.value)}
        onBlur={() => {
          const value = duration.trim() || null
          if (value !== draft.durationLabel) void setBid({ durationLabel: value })
        }}
      />
      <p data-testid="draft-connects">{draft.connectsCost === null ? t('drafts.bid.connectsUnknown') : t('drafts.bid.connects', { count: draft.connectsCost })}</p>
    </Card>
  )
}

function Versions({ draft }: { draft: DraftDto }): React.JSX.Element {
  const { t, language } = useI18n()
  const restore = useDraftsStore((s) => s.restore)
  const [viewing, setViewing] = useState<number | null>(null)
  const versions = [...draft.versions].sort((a, b) => b.seq - a.seq)
  const shown = versions.find((v) => v.seq === viewing) ?? null
  const label = (v: DraftVersionDto): string =>
    t('drafts.version.label', { seq: v.seq, who: t(`drafts.version.author.${v.author}` as MessageKey), when: when(language, v.createdAt) })
  return (
    <Card title={t('drafts.versions.title')} data-testid="draft-versions">
      {versions.length === 0 ? <p className="muted">{t('drafts.versions.none')}</p> : null}
      <ul className="draft-versions">
        {versions.map((v) => (
          <li key={v.seq} aria-current={v.seq === draft.currentSeq || undefined}>
            <span>{label(v)}</span>
            {v.partial ? <Badge tone="warn">{t('drafts.version.partial')}</Badge> : null}
            {v.seq === draft.currentSeq ? <Badge tone="accent">{t('drafts.version.current')}</Badge> : null}
            <Button variant="link" aria-pressed={viewing === v.seq} onClick={() => setViewing(viewing === v.seq ? null : v.seq)}>
              {t('drafts.version.view')}
            </Button>
            {v.seq !== draft.currentSeq ? (
              <Button variant="link" disabled={draft.generation === 'generating'} onClick={() => void restore(v.seq)}>
                {t('drafts.version.restore')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {shown ? (
        <section aria-label={label(shown)} className="draft-version-text" data-testid="draft-version-text">
          {shown.text}
        </section>
      ) : null}
    </Card>
  )
}
