/**
 * Static reference data for the seed: categories, skills, job templates and text pools. The ids are
 * invented but shaped like Upwork's (long numeric ontology ids), because the real API only matches
 * category/skill filters on those numeric ids, never on names (upwork-api.md §2.1).
 */
import type { FakeCategory, FakeSkill } from './types'

const CATEGORY_ID_PREFIX = '5317702825806684'
const SUBCATEGORY_ID_PREFIX = '5317702825848627'

interface CategorySpec {
  slug: string
  label: string
  subs: Array<[slug: string, label: string]>
}

const CATEGORY_SPECS: CategorySpec[] = [
  {
    slug: 'web-mobile-software-dev',
    label: 'Web, Mobile & Software Dev',
    subs: [
      ['web-development', 'Web Development'],
      ['mobile-development', 'Mobile Development'],
      ['desktop-application-development', 'Desktop Application Development'],
      ['ecommerce-development', 'Ecommerce Development']
    ]
  },
  {
    slug: 'design-creative',
    label: 'Design & Creative',
    subs: [
      ['graphic-design', 'Graphic Design'],
      ['product-design', 'Product Design'],
      ['video-animation', 'Video & Animation']
    ]
  },
  {
    slug: 'writing',
    label: 'Writing',
    subs: [
      ['content-writing', 'Content Writing'],
      ['sales-marketing-copywriting', 'Sales & Marketing Copywriting'],
      ['editing-proofreading-services', 'Editing & Proofreading Services']
    ]
  },
  {
    slug: 'data-science-analytics',
    label: 'Data Science & Analytics',
    subs: [
      ['data-analysis-testing', 'Data Analysis & Testing'],
      ['ai-machine-learning', 'AI & Machine Learning'],
      ['data-extraction-etl', 'Data Extraction/ETL']
    ]
  },
  {
    slug: 'it-networking',
    label: 'IT & Networking',
    subs: [
      ['devops-solution-architecture', 'DevOps & Solution Architecture'],
      ['network-system-administration', 'Network & System Administration'],
      ['information-security-compliance', 'Information Security & Compliance']
    ]
  },
  {
    slug: 'sales-marketing',
    label: 'Sales & Marketing',
    subs: [
      ['digital-marketing', 'Digital Marketing'],
      ['lead-generation-telemarketing', 'Lead Generation & Telemarketing']
    ]
  },
  {
    slug: 'admin-support',
    label: 'Admin Support',
    subs: [
      ['virtual-assistance', 'Virtual Assistance'],
      ['data-entry-transcription-services', 'Data Entry & Transcription Services']
    ]
  }
]

let subCounter = 10
export const CATEGORIES: FakeCategory[] = CATEGORY_SPECS.map((spec, i) => ({
  id: `${CATEGORY_ID_PREFIX}${String(16 + i).padStart(2, '0')}`,
  slug: spec.slug,
  preferredLabel: spec.label,
  subcategories: spec.subs.map(([slug, label]) => ({
    id: `${SUBCATEGORY_ID_PREFIX}${String(subCounter++).padStart(2, '0')}`,
    slug,
    preferredLabel: label
  }))
}))

const SKILL_NAMES: string[] = [
  'TypeScript', 'JavaScript', 'React', 'Next.js', 'Vue.js', 'Node.js', 'Electron', 'HTML', 'CSS', 'Tailwind CSS',
  'PHP', 'Laravel', 'WordPress', 'Python', 'Django', 'FastAPI', 'GraphQL', 'REST API', 'PostgreSQL', 'MySQL',
  'MongoDB', 'SQLite', 'Redis', 'Swift', 'iOS Development', 'Kotlin', 'Android App Development', 'Flutter', 'React Native', 'C#',
  '.NET', 'C++', 'Qt', 'Rust', 'Go', 'Shopify', 'WooCommerce', 'Stripe', 'Figma', 'Adobe Photoshop',
  'Adobe Illustrator', 'Logo Design', 'Brand Identity', 'UI Design', 'UX Design', 'Video Editing', 'Motion Graphics', 'Adobe After Effects', 'Content Writing', 'Blog Writing',
  'SEO Writing', 'Copywriting', 'Technical Writing', 'Proofreading', 'Editing', 'Data Analysis', 'Microsoft Excel', 'Tableau', 'Power BI', 'pandas',
  'Machine Learning', 'Deep Learning', 'Natural Language Processing', 'LLM Prompt Engineering', 'Web Scraping', 'ETL Pipeline', 'Apache Airflow', 'Docker', 'Kubernetes', 'AWS',
  'Terraform', 'CI/CD', 'GitHub Actions', 'Linux System Administration', 'Nginx', 'Network Security', 'Penetration Testing', 'Google Ads', 'Facebook Ads Manager', 'Search Engine Optimization',
  'Email Marketing', 'Lead Generation', 'HubSpot', 'Virtual Assistance', 'Data Entry', 'Customer Service', 'Transcription', 'Google Sheets'
]

function skillName(pretty: string): string {
  return pretty.toLowerCase().replace(/\s+/g, '-')
}

export const SKILLS: FakeSkill[] = SKILL_NAMES.map((pretty, i) => ({
  id: String(1031626700000000000n + BigInt(i + 1) * 1048577n),
  ontologyId: `upwork:${pretty.replace(/[^A-Za-z0-9#+]/g, '')}`,
  name: skillName(pretty),
  prettyName: pretty
}))

export function skill(pretty: string): FakeSkill {
  const found = SKILLS.find((s) => s.prettyName === pretty)
  if (!found) throw new Error(`unknown skill in catalog: ${pretty}`)
  return found
}

/** One job idea: the seed turns it into a posting with a client, budget and times. */
export interface JobTemplate {
  sub: string
  title: string
  need: string
  skills: string[]
  type?: 'HOURLY' | 'FIXED'
}

export const JOB_TEMPLATES: JobTemplate[] = [
  // web-development
  { sub: 'web-development', title: 'React developer to build an admin dashboard', need: 'We have a REST API and designs in Figma; we need the dashboard (tables, filters, charts) built in React with TypeScript.', skills: ['React', 'TypeScript', 'REST API', 'CSS'] },
  { sub: 'web-development', title: 'Fix performance issues on our Next.js marketing site', need: 'Lighthouse scores dropped below 50 after the last release. Find the cause, fix image loading and bundle size.', skills: ['Next.js', 'React', 'JavaScript'], type: 'FIXED' },
  { sub: 'web-development', title: 'Laravel backend developer for booking platform', need: 'Extend our Laravel 11 booking system with recurring appointments and Stripe payments.', skills: ['PHP', 'Laravel', 'MySQL', 'Stripe'] },
  { sub: 'web-development', title: 'WordPress site migration and speed optimisation', need: 'Move a 300-page WordPress site to a new host, keep SEO intact, and get it loading under 2 seconds.', skills: ['WordPress', 'PHP', 'Nginx'], type: 'FIXED' },
  { sub: 'web-development', title: 'Node.js + GraphQL API for a mobile app', need: 'Design and build a GraphQL API (Node.js, PostgreSQL) that a React Native app will consume. Auth, uploads, notifications.', skills: ['Node.js', 'GraphQL', 'PostgreSQL', 'TypeScript'] },
  { sub: 'web-development', title: 'Vue.js developer for long-term SaaS work', need: 'Join our small team maintaining a Vue 3 SaaS product. About 20 hours a week, mostly features and bug fixes.', skills: ['Vue.js', 'JavaScript', 'Tailwind CSS'] },
  { sub: 'web-development', title: 'Python FastAPI developer: integrate OpenAI into our backend', need: 'Add an endpoint that summarises customer tickets with an LLM, with rate limiting and caching.', skills: ['Python', 'FastAPI', 'LLM Prompt Engineering', 'Redis'] },
  // mobile-development
  { sub: 'mobile-development', title: 'Flutter developer for fitness tracking app', need: 'Build workout logging, charts and offline sync for iOS and Android from existing designs.', skills: ['Flutter', 'Figma', 'SQLite'] },
  { sub: 'mobile-development', title: 'iOS developer to fix crashes in SwiftUI app', need: 'Our App Store build crashes on iOS 18 when opening the camera. Diagnose and fix, then help us ship.', skills: ['Swift', 'iOS Development'], type: 'FIXED' },
  { sub: 'mobile-development', title: 'React Native app: add push notifications and deep links', need: 'Expo-based app; we need push notifications (FCM/APNs) and deep links into specific screens.', skills: ['React Native', 'TypeScript', 'JavaScript'] },
  { sub: 'mobile-development', title: 'Kotlin Android developer for BLE device integration', need: 'Connect our Android app to a Bluetooth Low Energy sensor, read measurements, and sync them to our API.', skills: ['Kotlin', 'Android App Development', 'REST API'] },
  // desktop-application-development
  { sub: 'desktop-application-development', title: 'Electron + TypeScript developer for note-taking app', need: 'Implement tray menu, global shortcuts and auto-update for our Electron app. Code is TypeScript with React.', skills: ['Electron', 'TypeScript', 'React'] },
  { sub: 'desktop-application-development', title: 'C# WPF app modernisation', need: 'Port a legacy WinForms inventory tool to WPF/.NET 8 with a cleaner UI and SQLite storage.', skills: ['C#', '.NET', 'SQLite'] },
  { sub: 'desktop-application-development', title: 'Qt/C++ developer for medical imaging viewer', need: 'Add measurement tools and DICOM tag display to our Qt 6 desktop viewer.', skills: ['C++', 'Qt'], type: 'FIXED' },
  // ecommerce-development
  { sub: 'ecommerce-development', title: 'Shopify theme customisation for fashion store', need: 'Customise our Dawn-based theme: size guide modal, bundle discounts and a faster collection page.', skills: ['Shopify', 'HTML', 'CSS', 'JavaScript'], type: 'FIXED' },
  { sub: 'ecommerce-development', title: 'WooCommerce subscription setup and payment fixes', need: 'Set up subscriptions with Stripe and fix failed renewals that started last month.', skills: ['WooCommerce', 'WordPress', 'Stripe'] },
  // graphic-design
  { sub: 'graphic-design', title: 'Logo and brand identity for a specialty coffee roaster', need: 'We need a logo, colour palette and packaging labels for three blends. Warm, hand-crafted feel.', skills: ['Logo Design', 'Brand Identity', 'Adobe Illustrator'], type: 'FIXED' },
  { sub: 'graphic-design', title: 'Social media graphics designer (ongoing)', need: 'Create 15 Instagram and LinkedIn posts per week from our content calendar and brand kit.', skills: ['Adobe Photoshop', 'Adobe Illustrator', 'Brand Identity'] },
  { sub: 'graphic-design', title: 'Pitch deck redesign for seed round', need: 'Redesign our 18-slide investor deck. Content is final; we need clean layouts and custom charts.', skills: ['Figma', 'Brand Identity'], type: 'FIXED' },
  // product-design
  { sub: 'product-design', title: 'UX/UI designer for B2B analytics dashboard', need: 'Redesign the main analytics views of our web app, with a design system in Figma and developer handoff.', skills: ['UI Design', 'UX Design', 'Figma'] },
  { sub: 'product-design', title: 'Mobile app UI design for meal planning app', need: 'Design 25 screens for iOS/Android including onboarding, recipes and a shopping list.', skills: ['UI Design', 'Figma'], type: 'FIXED' },
  // video-animation
  { sub: 'video-animation', title: 'Video editor for weekly YouTube channel', need: 'Edit two 15-minute videos per week: cuts, captions, b-roll and thumbnails.', skills: ['Video Editing', 'Adobe After Effects'] },
  { sub: 'video-animation', title: '60-second animated explainer video', need: 'Script is ready. We need storyboard, motion graphics and voice-over sync for a SaaS explainer.', skills: ['Motion Graphics', 'Adobe After Effects'], type: 'FIXED' },
  // content-writing
  { sub: 'content-writing', title: 'SEO blog writer for B2B SaaS (4 articles/month)', need: 'Long-form articles (1,500–2,500 words) about workflow automation, optimised for given keywords.', skills: ['Blog Writing', 'SEO Writing', 'Content Writing'] },
  { sub: 'content-writing', title: 'Technical writer for developer documentation', need: 'Write getting-started guides and API reference pages for our GraphQL API.', skills: ['Technical Writing', 'GraphQL'], type: 'FIXED' },
  { sub: 'content-writing', title: 'Health and wellness content writer', need: 'Write evidence-based articles on sleep and nutrition; must cite sources.', skills: ['Content Writing', 'Blog Writing'] },
  // copywriting
  { sub: 'sales-marketing-copywriting', title: 'Landing page copywriter for fintech launch', need: 'Write the copy for a landing page and three onboarding emails for a budgeting app.', skills: ['Copywriting', 'Email Marketing'], type: 'FIXED' },
  { sub: 'sales-marketing-copywriting', title: 'Amazon product listing copywriter', need: 'Rewrite titles, bullets and descriptions for 20 kitchen products to improve conversion.', skills: ['Copywriting', 'SEO Writing'], type: 'FIXED' },
  // editing
  { sub: 'editing-proofreading-services', title: 'Proofread a 60,000-word non-fiction manuscript', need: 'Line editing and proofreading in US English, tracked changes in Word.', skills: ['Proofreading', 'Editing'], type: 'FIXED' },
  // data-analysis-testing
  { sub: 'data-analysis-testing', title: 'Data analyst to build Power BI sales dashboards', need: 'Connect to our SQL Server, model the data and build three dashboards for the sales team.', skills: ['Power BI', 'Data Analysis', 'Microsoft Excel'] },
  { sub: 'data-analysis-testing', title: 'Excel expert to automate monthly reporting', need: 'Turn a manual 2-day reporting process into an automated workbook with Power Query.', skills: ['Microsoft Excel', 'Data Analysis'], type: 'FIXED' },
  { sub: 'data-analysis-testing', title: 'Python data analysis of customer churn', need: 'Analyse 2 years of subscription data in pandas and present churn drivers.', skills: ['Python', 'pandas', 'Data Analysis'], type: 'FIXED' },
  // ai-machine-learning
  { sub: 'ai-machine-learning', title: 'Machine learning engineer for demand forecasting', need: 'Build and deploy a forecasting model for 500 SKUs with weekly retraining.', skills: ['Machine Learning', 'Python', 'pandas'] },
  { sub: 'ai-machine-learning', title: 'LLM engineer: RAG chatbot over internal docs', need: 'Build a retrieval-augmented chatbot over our Confluence export with citations and evaluation.', skills: ['LLM Prompt Engineering', 'Natural Language Processing', 'Python'] },
  { sub: 'ai-machine-learning', title: 'Computer vision model for defect detection', need: 'Train a model to spot defects in product photos; we have 8,000 labelled images.', skills: ['Deep Learning', 'Machine Learning', 'Python'] },
  // data-extraction-etl
  { sub: 'data-extraction-etl', title: 'Web scraping of public real-estate listings', need: 'Daily scrape of listings from three sites into PostgreSQL, respecting robots.txt and rate limits.', skills: ['Web Scraping', 'Python', 'PostgreSQL'] },
  { sub: 'data-extraction-etl', title: 'Airflow ETL pipeline from HubSpot to BigQuery', need: 'Build incremental syncs for contacts, deals and activities with alerting on failures.', skills: ['Apache Airflow', 'ETL Pipeline', 'Python', 'HubSpot'] },
  // devops
  { sub: 'devops-solution-architecture', title: 'DevOps engineer: Kubernetes migration on AWS', need: 'Move 12 services from EC2 to EKS with Terraform, GitHub Actions and proper secrets handling.', skills: ['Kubernetes', 'AWS', 'Terraform', 'Docker'] },
  { sub: 'devops-solution-architecture', title: 'Set up CI/CD with GitHub Actions for monorepo', need: 'Build, test and deploy pipelines for a TypeScript monorepo with preview environments.', skills: ['CI/CD', 'GitHub Actions', 'Docker'], type: 'FIXED' },
  { sub: 'devops-solution-architecture', title: 'Dockerize legacy PHP application', need: 'Create Dockerfiles and docker-compose for local development and production parity.', skills: ['Docker', 'PHP', 'Nginx'], type: 'FIXED' },
  // sysadmin
  { sub: 'network-system-administration', title: 'Linux sysadmin for ongoing server maintenance', need: 'Patch, monitor and back up 8 Ubuntu servers; on-call for incidents a few hours a month.', skills: ['Linux System Administration', 'Nginx'] },
  // security
  { sub: 'information-security-compliance', title: 'Penetration test of web application before launch', need: 'OWASP-style test of our web app and API, with a written report and retest.', skills: ['Penetration Testing', 'Network Security'], type: 'FIXED' },
  // digital-marketing
  { sub: 'digital-marketing', title: 'Google Ads specialist for local services business', need: 'Restructure our campaigns, fix conversion tracking and bring cost per lead down.', skills: ['Google Ads'] },
  { sub: 'digital-marketing', title: 'Facebook and Instagram ads manager', need: 'Run prospecting and retargeting campaigns for a DTC skincare brand, ~$15k/month spend.', skills: ['Facebook Ads Manager', 'Email Marketing'] },
  { sub: 'digital-marketing', title: 'SEO audit and technical fixes for ecommerce site', need: 'Full technical SEO audit with prioritised fixes; implement schema markup.', skills: ['Search Engine Optimization', 'Shopify'], type: 'FIXED' },
  // lead-generation
  { sub: 'lead-generation-telemarketing', title: 'B2B lead generation: 500 verified leads in logistics', need: 'Build a list of decision makers at mid-size logistics companies in the US with verified emails.', skills: ['Lead Generation', 'Data Entry', 'Google Sheets'], type: 'FIXED' },
  // virtual-assistance
  { sub: 'virtual-assistance', title: 'Executive virtual assistant (EST hours)', need: 'Inbox and calendar management, travel booking and light research for a busy founder.', skills: ['Virtual Assistance', 'Customer Service', 'Google Sheets'] },
  { sub: 'virtual-assistance', title: 'Customer support VA for Shopify store', need: 'Answer emails and chats, process returns, and update orders in Shopify.', skills: ['Customer Service', 'Shopify', 'Virtual Assistance'] },
  // data-entry
  { sub: 'data-entry-transcription-services', title: 'Transcribe 20 hours of interview audio', need: 'Clean verbatim transcripts with speaker labels and timestamps every 2 minutes.', skills: ['Transcription'], type: 'FIXED' },
  { sub: 'data-entry-transcription-services', title: 'Data entry: product catalogue into spreadsheet', need: 'Copy 1,200 products from PDF catalogues into a Google Sheet with our template.', skills: ['Data Entry', 'Google Sheets'], type: 'FIXED' }
]

export const DESCRIPTION_OPENERS = [
  'Hi there!',
  'Hello,',
  'We are a small, fast-moving team looking for help.',
  'Looking for an experienced freelancer for the project below.',
  'Our company is growing and we need an extra pair of hands.'
]

export const DESCRIPTION_REQUIREMENTS = [
  'Please share examples of similar work you have done.',
  'Clear communication and regular updates are a must.',
  'Overlap with US Eastern business hours for at least 2 hours a day.',
  'You will work directly with our product manager.',
  'We value clean, well-documented work over speed.',
  'Start as soon as possible.',
  'NDA required before we share the full spec.',
  'Long-term collaboration is possible for the right person.'
]

export const DESCRIPTION_CLOSERS = [
  'Thanks for reading, looking forward to your proposal!',
  'When you apply, tell us how you would approach this.',
  'Please start your proposal with the word "banana" so we know you read this.',
  'Looking forward to working with you.',
  'Budget is flexible for the right expertise.'
]

export const SCREENING_QUESTIONS = [
  'Describe your recent experience with similar projects.',
  'What is your availability over the next month?',
  'Include a link to your portfolio or GitHub.',
  'How would you estimate the time needed for this job?',
  'What questions do you have about the project?'
]

export const CLIENT_LOCATIONS: Array<{ country: string; city: string; state: string | null; timezone: string }> = [
  { country: 'United States', city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
  { country: 'United States', city: 'New York', state: 'NY', timezone: 'America/New_York' },
  { country: 'United States', city: 'San Francisco', state: 'CA', timezone: 'America/Los_Angeles' },
  { country: 'United Kingdom', city: 'London', state: null, timezone: 'Europe/London' },
  { country: 'Germany', city: 'Berlin', state: null, timezone: 'Europe/Berlin' },
  { country: 'Canada', city: 'Toronto', state: 'ON', timezone: 'America/Toronto' },
  { country: 'Australia', city: 'Sydney', state: 'NSW', timezone: 'Australia/Sydney' },
  { country: 'India', city: 'Bengaluru', state: 'KA', timezone: 'Asia/Kolkata' },
  { country: 'Netherlands', city: 'Amsterdam', state: null, timezone: 'Europe/Amsterdam' },
  { country: 'United Arab Emirates', city: 'Dubai', state: null, timezone: 'Asia/Dubai' },
  { country: 'Brazil', city: 'São Paulo', state: 'SP', timezone: 'America/Sao_Paulo' },
  { country: 'Singapore', city: 'Singapore', state: null, timezone: 'Asia/Singapore' }
]

export const COMPANY_WORDS = ['Northwind', 'Bluepeak', 'Lumen', 'Harbor', 'Copperleaf', 'Nimbus', 'Redwood', 'Quartz', 'Atlas', 'Brightline', 'Kestrel', 'Orchid']
export const COMPANY_SUFFIXES = ['Labs', 'Studio', 'Analytics', 'Health', 'Logistics', 'Media', 'Partners', 'Goods', 'Software', 'Co.']

/** Duration enum → the label Upwork shows. */
export const DURATIONS = [
  { duration: 'WEEK', label: 'Less than 1 month', weeks: 3 },
  { duration: 'MONTH', label: '1 to 3 months', weeks: 8 },
  { duration: 'QUARTER', label: '3 to 6 months', weeks: 20 },
  { duration: 'SEMESTER', label: 'More than 6 months', weeks: 30 }
] as const

export const ENGAGEMENTS = [
  { engagement: 'Less than 30 hrs/week', type: 'PART_TIME' },
  { engagement: '30+ hrs/week', type: 'FULL_TIME' },
  { engagement: 'Hours to be determined', type: 'AS_NEEDED' }
] as const
