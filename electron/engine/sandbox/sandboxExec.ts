const sbString = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const subpaths = (dirs: readonly string[]) => dirs.map((d) => `(subpath ${sbString(d)})`).join(' ');

/**
 * A macOS sandbox-exec profile: everything the program needs is allowed by default, then network and
 * writes are denied except to the writable directories, and the user's home is unreadable except for
 * those and the readable ones. Later rules win in SBPL, so the order matters. An inherited socket pair
 * (a Node IPC channel) is not network in this sense and keeps working.
 */
export function sandboxExecProfile(confined: { writable: readonly string[]; readable: readonly string[]; home: string }): string {
  const writable = [subpaths(confined.writable), '(literal "/dev/null")'].filter(Boolean).join(' ');
  return [
    '(version 1)',
    '(allow default)',
    '(deny network*)',
    '(deny file-write*)',
    `(allow file-write* ${writable})`,
    `(deny file-read* (subpath ${sbString(confined.home)}))`,
    `(allow file-read* ${subpaths([...confined.writable, ...confined.readable])})`,
  ].join('\n');
}
