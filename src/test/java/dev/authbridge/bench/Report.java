package dev.authbridge.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The stdout table and the ratios of each scenario to the limit that bounds it. */
final class Report {
    /** Which limit bounds which scenario: sign-ins by the directory, the rest by HTTP. */
    private static final Map<String, String> LIMIT = Map.of(
            "password", "directory",
            "refresh", "http-ceiling",
            "client_credentials", "http-ceiling",
            "userinfo", "http-ceiling",
            "jwt-userinfo", "http-ceiling",
            "mixed", "http-ceiling");

    private Report() {}

    static Map<String, Double> ratios(Map<String, Map<String, Object>> rows) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        rows.forEach((name, row) -> {
            String limit = LIMIT.get(name);
            if (limit != null && rows.containsKey(limit)) {
                ratios.put(name + "/" + limit, (double) row.get("throughput") / (double) rows.get(limit).get("throughput"));
            }
        });
        return ratios;
    }

    static void print(Map<String, Map<String, Object>> rows, Target target, String ceilingPath) {
        System.out.printf(Locale.ROOT, "%n%-19s %10s %8s %8s %8s %8s %7s %9s %9s%n",
                "scenario", "ops/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors", "srv cores", "ratio");
        Map<String, Double> ratios = ratios(rows);
        rows.forEach((name, r) -> {
            String limit = LIMIT.get(name);
            Double ratio = limit == null ? null : ratios.get(name + "/" + limit);
            System.out.printf(Locale.ROOT, "%-19s %10.0f %8.2f %8.2f %8.2f %8.2f %7d %9s %9s%n", name,
                    (double) r.get("throughput"), (double) r.get("p50Ms"), (double) r.get("p90Ms"),
                    (double) r.get("p99Ms"), (double) r.get("maxMs"), (long) r.get("errors"),
                    fmt((double) r.get("serverCpuCores")), ratio == null ? "limit" : String.format(Locale.ROOT, "%.2f", ratio));
        });
        System.out.printf(Locale.ROOT, "%nhttp-ceiling = GET %s; directory = search + bind + group search straight to LDAP.%n", ceilingPath);
        System.out.printf(Locale.ROOT, "ratio = scenario ops/s divided by its limit (password/directory, others/http-ceiling).%n");
        if (target.measured()) {
            System.out.printf(Locale.ROOT, "authbridge: ready %.2f s after start, peak RSS %.0f MB%n",
                    target.readySeconds, target.peakRssMb());
        }
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
