package dev.authbridge.web;

import dev.authbridge.config.NetworkRange;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who the client is behind reverse proxies. {@code X-Forwarded-For}, {@code -Proto} and
 * {@code -Host} are believed only when the connection's peer is a configured trusted proxy;
 * then the client is the right-most address of {@code X-Forwarded-For} that is not itself a
 * trusted proxy (each proxy appends the address it received the request from, so entries left
 * of the first untrusted one may have been written by the client and are ignored — the scheme
 * of nginx's {@code real_ip_recursive}).
 */
public final class TrustedProxies {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{0,45}:[0-9A-Fa-f:.]{0,45}");

    /** What a trusted proxy reported. {@code host} and {@code port} are null / -1 when not reported. */
    public record Forwarded(InetAddress client, String scheme, String host, int port) {}

    private final List<NetworkRange> ranges;

    public TrustedProxies(List<NetworkRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean isTrusted(InetAddress address) {
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    /**
     * The request as the trusted proxy saw it, or null when {@code peer} is not trusted (then
     * the headers mean nothing and the connection is all there is).
     *
     * @param forwardedFor every {@code X-Forwarded-For} header, in order
     */
    public Forwarded resolve(InetAddress peer, List<String> forwardedFor, String proto, String host, String port) {
        if (!isTrusted(peer)) {
            return null;
        }
        InetAddress client = client(peer, forwardedFor);
        String scheme = null;
        if (proto != null) {
            String first = proto.split(",")[0].trim().toLowerCase(Locale.ROOT);
            scheme = first.equals("https") || first.equals("http") ? first : null;
        }
        String forwardedHost = null;
        int forwardedPort = -1;
        if (host != null) {
            String first = host.split(",")[0].trim();
            int colon = first.lastIndexOf(':');
            if (colon > 0 && !first.endsWith("]") && first.indexOf(':') == colon) {
                forwardedPort = port(first.substring(colon + 1));
                first = first.substring(0, colon);
            }
            forwardedHost = HOST.matcher(first).matches() ? first : null;
        }
        if (port != null) {
            forwardedPort = port(port.split(",")[0].trim());
        }
        return new Forwarded(client, scheme, forwardedHost, forwardedPort);
    }

    private InetAddress client(InetAddress peer, List<String> forwardedFor) {
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        InetAddress current = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = address(hops.get(i));
            if (hop == null) {
                return current; // garbage from upstream: the last trusted hop is all we know
            }
            current = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return current;
    }

    /** A literal address, possibly {@code [v6]}, {@code v4:port} or {@code [v6]:port}; else null. */
    static InetAddress address(String text) {
        String t = text;
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            if (end < 0) {
                return null;
            }
            t = t.substring(1, end);
        } else if (t.indexOf(':') > 0 && t.indexOf(':') == t.lastIndexOf(':') && t.contains(".")) {
            t = t.substring(0, t.indexOf(':'));
        }
        // Canonical literals only: InetAddress also takes "10.1" for 10.0.0.1.
        if (!IPV4.matcher(t).matches() && !IPV6.matcher(t).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(t); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text);
            return p > 0 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
