package dev.authbridge.bench;

/**
 * The whole machine's CPU counters, from the first line of {@code /proc/stat} (proc(5)), in
 * seconds summed over all cores: {@code busy} is user + nice + system + irq + softirq (guest time
 * is inside user), {@code steal} is time the hypervisor gave to other machines while this one
 * wanted to run, {@code total} is everything including idle and iowait: over a window it is the
 * machine's capacity, cores × seconds, on the same clock as the rest.
 */
record MachineLoad(double busy, double steal, double total) {

    static MachineLoad now() {
        return parse(Proc.read("stat"));
    }

    static MachineLoad parse(String procStat) {
        String first = procStat.substring(0, procStat.indexOf('\n'));
        if (!first.startsWith("cpu ")) {
            throw new IllegalStateException("/proc/stat does not start with the cpu line: " + first);
        }
        String[] f = first.substring(4).strip().split("\\s+");
        long user = Long.parseLong(f[0]);
        long nice = Long.parseLong(f[1]);
        long system = Long.parseLong(f[2]);
        long idle = Long.parseLong(f[3]);
        long iowait = Long.parseLong(f[4]);
        long irq = Long.parseLong(f[5]);
        long softirq = Long.parseLong(f[6]);
        long steal = f.length > 7 ? Long.parseLong(f[7]) : 0;
        double t = Proc.TICKS_PER_SECOND;
        return new MachineLoad((user + nice + system + irq + softirq) / t, steal / t,
                (user + nice + system + idle + iowait + irq + softirq + steal) / t);
    }

    MachineLoad minus(MachineLoad earlier) {
        return new MachineLoad(busy - earlier.busy, steal - earlier.steal, total - earlier.total);
    }
}
