package dev.authbridge.bench;

import java.util.Locale;

/**
 * The machine a run was made on, as printed above the figures: cores, CPU model, the load average
 * before the run (1, 5, 15 minutes), the operating system and the bench's own JVM.
 */
record Machine(int cores, String cpuModel, double[] loadAverageBefore, String os, String benchJvm) {

    static Machine now() {
        String[] load = Proc.read("loadavg").split(" ");
        double[] avg = new double[3];
        for (int i = 0; i < 3 && i < load.length; i++) {
            avg[i] = Double.parseDouble(load[i]);
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), avg,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + Runtime.version());
    }

    String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), load average %.2f %.2f %.2f before the run, %s",
                cores, cpuModel, loadAverageBefore[0], loadAverageBefore[1], loadAverageBefore[2], os);
    }

    private static String readCpuModel() {
        for (String line : Proc.read("cpuinfo").split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return "unknown CPU model";
    }
}
