/** Links to Upwork's own pages, built one way everywhere (pure: main, the renderer and the database layer use it). */

/** https://www.upwork.com/jobs/~<ciphertext>; the ciphertext is encoded so it cannot change the path. */
export function jobUrl(ciphertext: string): string {
  const bare = ciphertext.startsWith('~') ? ciphertext.slice(1) : ciphertext
  return `https://www.upwork.com/jobs/~${encodeURIComponent(bare)}`
}
