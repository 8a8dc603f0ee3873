/**
 * Resource limits of a confined program, set by util-linux's `prlimit` just before the program starts,
 * with the soft limit equal to the hard one: the program (and whatever it starts) cannot raise them.
 */
export interface ResourceLimits {
  /** Address space (RLIMIT_AS). Counts every mapping, shared ones too, so `mmap` cannot go around it. */
  addressSpaceMb?: number;
  /**
   * Private writable memory (RLIMIT_DATA): heaps, buffers, stacks. Not the address space V8 reserves
   * without using (gigabytes for WebAssembly), which RLIMIT_AS would count: Node needs this one.
   */
  dataMb?: number;
  /**
   * Processes and threads of the user (RLIMIT_NPROC). The kernel counts them per user namespace, so in
   * a sandbox only the sandbox's own count; outside one it would count every process of the user.
   */
  processes?: number;
  /** The largest file the program can write (RLIMIT_FSIZE). */
  fileMb?: number;
}

const MB = 1024 * 1024;

/** The command prefix that applies the limits (no core dumps either: they would be written without bound). */
export function prlimitArgs(prlimit: string, limits: ResourceLimits): string[] {
  const args = [prlimit, '--core=0'];
  if (limits.addressSpaceMb !== undefined) args.push(`--as=${limits.addressSpaceMb * MB}`);
  if (limits.dataMb !== undefined) args.push(`--data=${limits.dataMb * MB}`);
  if (limits.processes !== undefined) args.push(`--nproc=${limits.processes}`);
  if (limits.fileMb !== undefined) args.push(`--fsize=${limits.fileMb * MB}`);
  return [...args, '--'];
}
