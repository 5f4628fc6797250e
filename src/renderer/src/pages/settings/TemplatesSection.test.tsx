import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import type { TemplateDto } from '@shared/drafting'
import { useTemplatesStore } from '../../stores/templates-store'
import { renderApp } from '../../test-support/render-app'
import { makeJob, serveJobs } from '../jobs/test-support/jobs'

beforeEach(() => useTemplatesStore.setState(useTemplatesStore.getInitialState(), true))

const section = (): HTMLElement => screen.getByRole('region', { name: 'Templates' })
const template = (over: Partial<TemplateDto>): TemplateDto => ({
  id: 1, name: 'Short intro', body: 'Hi {{clientName}}', category: 'Web', tags: ['react'], usageCount: 3, archived: false, createdAt: 0, updatedAt: 0, ...over
})

describe('Settings → Templates', () => {
  it('lists templates with category, tags and usage counts', async () => {
    await renderApp({ area: 'settings', setup: (f) => void (f.drafting.templates = [template({}), template({ id: 2, name: 'Detailed', usageCount: 1, category: null, tags: [] })]) })
    const s = within(section())
    const short = (await s.findByText('Short intro')).closest('li')!
    expect(short).toHaveTextContent('Web · react')
    expect(short).toHaveTextContent('Used 3 times')
    expect(s.getByText('Detailed').closest('li')).toHaveTextContent('Used 1 time')
  })

  it('creates a template with a category and tags; the live preview follows the body and the chosen job', async () => {
    const { user, fake } = await renderApp({ area: 'settings', setup: (f) => void serveJobs(f, [makeJob(5, { title: 'Shopify theme fix' })]) })
    fake.drafting.jobs.set(5, { title: 'Shopify theme fix' })
    const s = within(section())
    await user.click(await s.findByRole('button', { name: 'New template' }))
    const form = within(screen.getByRole('form', { name: 'New template' }))
    await user.type(form.getByLabelText('Name'), 'Intro')
    await user.type(form.getByLabelText('Category'), 'E-commerce')
    await user.type(form.getByLabelText('Tags'), 'shopify{Enter}')
    await user.type(form.getByLabelText('Text'), 'Hello, about ')
    // Variables are inserted as written (the braces are typed by the button, not by the user).
    await user.click(form.getByRole('button', { name: '{{jobTitle}}' }))
    expect(form.getByLabelText('Text')).toHaveValue('Hello, about {{jobTitle}}')
    await waitFor(() => expect(screen.getByTestId('template-preview')).toHaveTextContent(/^Hello, about$/))

    await user.selectOptions(form.getByLabelText('Preview with the job'), 'Shopify theme fix')
    await waitFor(() => expect(screen.getByTestId('template-preview')).toHaveTextContent('Hello, about Shopify theme fix'))
    expect(fake.callsOf('templates:preview').at(-1)).toEqual({ body: 'Hello, about {{jobTitle}}', jobId: 5 })

    await user.type(form.getByLabelText('Text'), ' {{{{nope}}')
    await waitFor(() => expect(section()).toHaveTextContent('Not variables (left as written): nope'))

    await user.click(form.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(fake.callsOf('templates:create')).toEqual([{ name: 'Intro', body: 'Hello, about {{jobTitle}} {{nope}}', category: 'E-commerce', tags: ['shopify'] }]))
    expect(await s.findByText('Intro')).toBeInTheDocument()
    expect(screen.queryByRole('form', { name: 'New template' })).toBeNull()
  })

  it('edits and archives a template; archived ones show on request and can be restored', async () => {
    const { user, fake } = await renderApp({ area: 'settings', setup: (f) => void (f.drafting.templates = [template({})]) })
    const s = within(section())
    await user.click(await s.findByRole('button', { name: 'Edit template Short intro' }))
    const form = within(screen.getByRole('form', { name: 'Edit template Short intro' }))
    await user.clear(form.getByLabelText('Name'))
    await user.type(form.getByLabelText('Name'), 'Short hello')
    await user.click(form.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(fake.callsOf('templates:update')).toEqual([{ id: 1, patch: { name: 'Short hello', body: 'Hi {{clientName}}', category: 'Web', tags: ['react'] } }]))

    await user.click(await s.findByRole('button', { name: 'Archive template Short hello' }))
    await waitFor(() => expect(s.queryByText('Short hello')).toBeNull())
    expect(fake.drafting.templates[0]!.archived).toBe(true)
    await user.click(s.getByLabelText('Show archived templates'))
    const row = (await s.findByText('Short hello')).closest('li')!
    expect(row).toHaveTextContent('archived')
    await user.click(within(row).getByRole('button', { name: 'Restore template Short hello' }))
    await waitFor(() => expect(fake.drafting.templates[0]!.archived).toBe(false))
  })

  it('speaks Ukrainian', async () => {
    await renderApp({ area: 'settings', settings: { language: 'uk' }, setup: (f) => void (f.drafting.templates = [template({ usageCount: 2 })]) })
    const s = within(screen.getByRole('region', { name: 'Шаблони' }))
    expect(await s.findByText('Використано 2 рази')).toBeInTheDocument()
    expect(s.getByRole('button', { name: 'Новий шаблон' })).toBeInTheDocument()
  })
})
