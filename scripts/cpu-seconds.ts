// CPU seconds spent by this process and its finished children (ffmpeg) so far, from
// /proc/self/stat (Linux); this process alone elsewhere. On a shared machine the wall time
// of a render says little; its CPU time says what it costs.
import { readFileSync } from "node:fs";

export function cpuSeconds(): number {
  const u = process.resourceUsage();
  const self = (u.userCPUTime + u.systemCPUTime) / 1e6;
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13, 14.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return self + (Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return self;
  }
}
