package dev.authbridge.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The configuration file {@link Haproxy} runs: one frontend, one round-robin backend; each answer
 * names its backend in {@link Haproxy#SERVED_BY}, and a request naming a backend in
 * {@link Haproxy#ROUTE_TO} goes to that one while it is up.
 */
final class HaproxyConfig {
    private HaproxyConfig() {}

    /** Servers are named by their {@code host:port}, so {@code show stat} reads back as the caller wrote them. */
    static String render(Haproxy.Options options, int port, Path statsSocket, List<String> backends) {
        StringBuilder config = new StringBuilder("""
                # written by dev.authbridge.testing.Haproxy
                global
                  stats socket %s mode 600 level admin
                  stats timeout 10s

                defaults
                  mode http
                  timeout connect %s
                  timeout client 60s
                  timeout server %s
                  timeout check %s
                  # a backend that refuses the connection (killed) costs a retry on another one
                  retries 2
                  option redispatch 1

                frontend authbridge
                  bind %s:%d
                  default_backend authbridge

                backend authbridge
                  balance roundrobin
                  option httpchk
                  http-check send meth GET uri %s ver HTTP/1.1 hdr Host localhost
                  http-check expect status 200
                  default-server inter %s fastinter %s downinter %s rise %d fall %d
                """.formatted(statsSocket, ms(options.connectTimeout), ms(options.serverTimeout),
                ms(options.checkInterval.multipliedBy(4)), Haproxy.HOST, port, options.healthPath,
                ms(options.checkInterval), ms(options.checkInterval), ms(options.checkInterval),
                options.rise, options.fall));
        config.append("  # which backend answered, and a test's way to pin a request to one (ignored while it is down)\n");
        config.append("  http-response set-header ").append(Haproxy.SERVED_BY).append(" %[srv_name]\n");
        for (String backend : backends) {
            config.append("  use-server ").append(backend).append(" if { req.hdr(").append(Haproxy.ROUTE_TO)
                    .append(") -m str ").append(backend).append(" }\n");
        }
        for (String backend : backends) {
            config.append("  server ").append(backend).append(' ').append(backend).append(" check\n");
        }
        return config.toString();
    }

    private static String ms(Duration duration) {
        return Math.max(1, duration.toMillis()) + "ms";
    }
}
