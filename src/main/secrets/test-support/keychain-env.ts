/**
 * Whether the keychain tests must run (CI) or may skip with a message (a developer machine
 * without a D-Bus session). CI sets GIGPILOT_REQUIRE_KEYCHAIN=1; CI=true counts too, so a CI
 * script that forgets the variable still fails loudly instead of skipping.
 */
export function keychainRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GIGPILOT_REQUIRE_KEYCHAIN === '1') return true
  if (env.GIGPILOT_REQUIRE_KEYCHAIN === '0') return false
  return Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0'
}

export const KEYCHAIN_HOWTO =
  "Run the tests inside a D-Bus session with an unlocked gnome-keyring:\n  dbus-run-session -- sh -c 'echo -n pw | " +
  "gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run src/main/secrets'"
