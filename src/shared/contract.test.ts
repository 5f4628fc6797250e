import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { channelNames, channels, eventNames, events, mergeDomains } from './contract'
import { aiContract } from './contract/ai'
import { analyticsContract } from './contract/analytics'
import { appContract } from './contract/app'
import { channel, defineDomain, event, none } from './contract/define'
import { discoveryContract } from './contract/discovery'
import { draftingContract } from './contract/drafting'
import { experimentsContract } from './contract/experiments'
import { messagingContract } from './contract/messaging'
import { notificationsContract } from './contract/notifications'
import { outboxContract } from './contract/outbox'
import { predictionContract } from './contract/prediction'
import { proposalsContract } from './contract/proposals'
import { repliesContract } from './contract/replies'
import { reviewContract } from './contract/review'
import { settingsContract } from './contract/settings'
import { shellContract } from './contract/shell'
import { upworkContract } from './contract/upwork'
import { workspaceContract } from './contract/workspace'

const domains = [appContract, settingsContract, notificationsContract, shellContract, upworkContract, outboxContract, proposalsContract, reviewContract, discoveryContract, draftingContract, aiContract, workspaceContract, analyticsContract, experimentsContract, predictionContract, messagingContract, repliesContract]

describe('the contract', () => {
  it('is the union of the domain files: every channel and event once, names derived from it', () => {
    const domainChannels = domains.flatMap((d) => Object.keys(d.channels))
    const domainEvents = domains.flatMap((d) => Object.keys(d.events))
    expect([...channelNames].sort()).toEqual([...domainChannels].sort())
    expect(new Set(domainChannels).size).toBe(domainChannels.length)
    expect([...eventNames].sort()).toEqual([...domainEvents].sort())
    expect(eventNames).toEqual(Object.keys(events))
    expect(channelNames).toEqual(Object.keys(channels))
    // namespace (lower camel case: followUps) : method
    for (const name of channelNames) expect(name).toMatch(/^[a-z][A-Za-z]*:[A-Za-z]+$/)
  })

  it('refuses a channel or an event claimed by two domains', () => {
    const a = defineDomain({ channels: { 'x:get': channel(none)<number>() }, events: { 'x:changed': event<number>() } })
    const b = defineDomain({ channels: { 'x:get': channel(z.object({}))<string>() }, events: { 'x:changed': event<string>() } })
    expect(() => mergeDomains({ a, b }, 'channels')).toThrow(/x:get is defined twice \(again in b\)/)
    expect(() => mergeDomains({ a, b }, 'events')).toThrow(/x:changed is defined twice/)
  })
})
