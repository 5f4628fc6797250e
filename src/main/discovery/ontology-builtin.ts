import type { OntologyCategoriesDto, OntologyItemDto } from '@shared/contract/discovery'

/**
 * The built-in fallback for the pickers when Upwork is not connected (a new user, the demo
 * workspace): common skills and Upwork's top-level categories. Ids start with `builtin:` so they
 * are never sent to Upwork as ontology ids (the editor searches a built-in skill as a keyword).
 */
const slug = (label: string): string => label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
const item = (label: string): OntologyItemDto => ({ id: `builtin:${slug(label)}`, label })

export const BUILTIN_PREFIX = 'builtin:'

export const BUILTIN_SKILLS: readonly OntologyItemDto[] = [
  'JavaScript', 'TypeScript', 'React', 'Vue.js', 'Angular', 'Svelte', 'Next.js', 'Node.js', 'Express', 'NestJS',
  'HTML5', 'CSS', 'Tailwind CSS', 'Electron', 'React Native', 'Flutter', 'Swift', 'Kotlin', 'Android App Development',
  'iOS Development', 'Python', 'Django', 'Flask', 'FastAPI', 'Java', 'Spring Boot', 'C#', '.NET', 'PHP', 'Laravel',
  'WordPress', 'Shopify', 'WooCommerce', 'Ruby on Rails', 'Go', 'Rust', 'C++', 'SQL', 'PostgreSQL', 'MySQL', 'MongoDB',
  'SQLite', 'Redis', 'GraphQL', 'REST API', 'Docker', 'Kubernetes', 'AWS', 'Google Cloud Platform', 'Microsoft Azure',
  'DevOps', 'CI/CD', 'Linux', 'Machine Learning', 'Data Science', 'Data Analysis', 'Data Entry', 'Web Scraping',
  'ChatGPT', 'OpenAI API', 'Artificial Intelligence', 'Automation', 'Zapier', 'HubSpot', 'Salesforce', 'Excel',
  'Figma', 'UI Design', 'UX Design', 'Graphic Design', 'Logo Design', 'Adobe Photoshop', 'Video Editing',
  'Copywriting', 'Content Writing', 'SEO', 'Social Media Marketing', 'Email Marketing', 'Translation',
  'Virtual Assistance', 'Customer Service', 'Project Management', 'QA Testing', 'Cybersecurity', 'Blockchain'
].map(item)

export const BUILTIN_CATEGORIES: OntologyCategoriesDto['items'] = [
  'Web, Mobile & Software Dev', 'IT & Networking', 'Data Science & Analytics', 'Engineering & Architecture',
  'Design & Creative', 'Writing', 'Translation', 'Sales & Marketing', 'Admin Support', 'Customer Service',
  'Accounting & Consulting', 'Legal'
].map((label) => ({ ...item(label), subcategories: [] }))
